//! Unicode NFD and NFC (UAX #15), canonical forms only.
//!
//! The algorithms of `unicode-normalization`'s `nfd()` and `nfc()`, step for step, over the
//! crate's own per-character tables (`decompose_canonical`, `canonical_combining_class`,
//! `compose`): the same output for every input (the tests compare the two on every character,
//! on pairs and on random strings). Why not the crate's iterators: one decomposition iterator
//! serves NFD and NFKD, choosing at run time, so calling it links the compatibility tables
//! too, which nothing here uses and which every coordinator would download with the page.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

/// Calls `emit` with the canonical decomposition (NFD) of `chars`, in order.
///
/// Each character is fully decomposed; every run of non-starters (combining class other than
/// zero) is then put in canonical order, a stable sort by combining class, before the next
/// starter or the end.
pub(crate) fn nfd(chars: impl Iterator<Item = char>, mut emit: impl FnMut(char)) {
    // The non-starters since the last starter, with their combining class.
    let mut pending: Vec<(u8, char)> = Vec::new();
    for c in chars {
        decompose_canonical(c, |d| {
            let class = canonical_combining_class(d);
            if class == 0 {
                flush(&mut pending, &mut emit);
                emit(d);
            } else {
                pending.push((class, d));
            }
        });
    }
    flush(&mut pending, &mut emit);
}

/// Emits the pending non-starters in canonical order and empties the buffer.
fn flush(pending: &mut Vec<(u8, char)>, emit: &mut impl FnMut(char)) {
    // Stable: characters of the same class keep their order, as UAX #15 requires.
    pending.sort_by_key(|&(class, _)| class);
    for &(_, c) in pending.iter() {
        emit(c);
    }
    pending.clear();
}

/// `text` in NFD.
pub(crate) fn nfd_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    nfd(text.chars(), |c| out.push(c));
    out
}

/// `chars` in NFC.
pub(crate) fn nfc(chars: impl Iterator<Item = char>) -> String {
    let mut composer = Composer::default();
    nfd(chars, |c| composer.push(c));
    composer.finish()
}

/// The canonical composition of a text already in NFD, fed one character at a time; the
/// decisions of `unicode-normalization`'s `Recompositions`, in the same order.
#[derive(Default)]
pub(crate) struct Composer {
    out: String,
    /// The last starter, which the characters after it may still compose with.
    composee: Option<char>,
    /// The characters after `composee` that did not compose with it, in order.
    held: String,
    /// The combining class of the last of `held`; `None` when `held` is empty.
    last_class: Option<u8>,
}

impl Composer {
    /// Takes the next character of the decomposed text.
    pub(crate) fn push(&mut self, c: char) {
        let class = canonical_combining_class(c);
        let Some(starter) = self.composee else {
            // Non-starters before any starter have nothing to compose with.
            if class == 0 {
                self.composee = Some(c);
            } else {
                self.out.push(c);
            }
            return;
        };
        match self.last_class {
            None => match compose(starter, c) {
                Some(composed) => self.composee = Some(composed),
                None if class == 0 => {
                    self.out.push(starter);
                    self.composee = Some(c);
                }
                None => self.hold(c, class),
            },
            // Blocked from the starter by a held character of the same or a higher class (a
            // starter after held characters is always blocked).
            Some(last) if last >= class => {
                if class == 0 {
                    self.out.push(starter);
                    self.out.push_str(&self.held);
                    self.held.clear();
                    self.last_class = None;
                    self.composee = Some(c);
                } else {
                    self.hold(c, class);
                }
            }
            Some(_) => match compose(starter, c) {
                Some(composed) => self.composee = Some(composed),
                None => self.hold(c, class),
            },
        }
    }

    fn hold(&mut self, c: char, class: u8) {
        self.held.push(c);
        self.last_class = Some(class);
    }

    /// The composed text.
    pub(crate) fn finish(mut self) -> String {
        if let Some(starter) = self.composee {
            self.out.push(starter);
        }
        self.out.push_str(&self.held);
        self.out
    }
}

#[cfg(test)]
// The crate's own iterators are the reference these functions are compared to.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=u32::from(char::MAX)).filter_map(char::from_u32)
    }

    #[test]
    fn every_character_alone_is_normalised_as_the_crate_does() {
        for c in every_char() {
            let s = c.to_string();
            assert_eq!(
                nfd_string(&s),
                s.nfd().collect::<String>(),
                "NFD U+{:04X}",
                c as u32
            );
            assert_eq!(
                nfc(s.chars()),
                s.nfc().collect::<String>(),
                "NFC U+{:04X}",
                c as u32
            );
        }
    }

    /// The characters that take part in normalisation: those with a combining class, those
    /// that decompose (a sample of the Hangul syllables, which decompose by rule), the pieces
    /// of their decompositions, the conjoining jamo and the ASCII letters.
    fn interesting() -> Vec<char> {
        let decomposes = |c: char| c.to_string().nfd().ne(std::iter::once(c));
        let mut chars: Vec<char> = every_char()
            .filter(|&c| {
                canonical_combining_class(c) != 0
                    || c.is_ascii_alphabetic()
                    || ('\u{ac00}'..='\u{ac40}').contains(&c)
                    || ('\u{1100}'..='\u{11ff}').contains(&c)
                    || (decomposes(c) && !('\u{ac00}'..='\u{d7a3}').contains(&c))
            })
            .collect();
        let pieces: Vec<char> = chars
            .iter()
            .flat_map(|&c| std::iter::once(c).nfd())
            .collect();
        chars.extend(pieces);
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    /// The characters that can change what comes before them: a combining class, or the
    /// second piece of a decomposition (what composes with the character before it).
    fn second_pieces() -> Vec<char> {
        let mut chars: Vec<char> = every_char()
            .filter(|&c| canonical_combining_class(c) != 0)
            .collect();
        chars.extend(every_char().flat_map(|c| std::iter::once(c).nfd().skip(1)));
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    #[test]
    fn every_pair_that_can_interact_is_normalised_as_the_crate_does() {
        let seconds = second_pieces();
        for a in interesting() {
            for &b in &seconds {
                let s: String = [a, b].iter().collect();
                assert_eq!(nfc(s.chars()), s.nfc().collect::<String>(), "NFC {s:?}");
            }
        }
    }

    fn interesting_string() -> impl Strategy<Value = String> {
        let chars = interesting();
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(chars),
                any::<char>(),
                prop::char::range('a', 'z'),
                prop::char::range('\u{300}', '\u{36f}'),
            ],
            0..12,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn random_strings_are_normalised_as_the_crate_does(s in interesting_string()) {
            prop_assert_eq!(nfd_string(&s), s.nfd().collect::<String>());
            prop_assert_eq!(nfc(s.chars()), s.nfc().collect::<String>());
            // NFC of a filtered NFD, as `fold::strip_accents` composes them.
            let mut composer = Composer::default();
            nfd(s.chars(), |c| if !crate::fold::is_mark(c) { composer.push(c) });
            let theirs: String = s.nfd().filter(|c| !crate::fold::is_mark(*c)).nfc().collect();
            prop_assert_eq!(composer.finish(), theirs);
        }

        #[test]
        fn any_strings_are_normalised_as_the_crate_does(s in any::<String>()) {
            prop_assert_eq!(nfd_string(&s), s.nfd().collect::<String>());
            prop_assert_eq!(nfc(s.chars()), s.nfc().collect::<String>());
        }
    }
}
