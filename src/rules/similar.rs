//! Closeness of two spellings: the comparison key and the edit distance the profession and
//! commune rules use to recognise variants and to suggest the nearest known value.

use unicode_normalization::UnicodeNormalization;

/// A comparison key: lower case, accents removed, every run of characters that are neither
/// letters nor digits turned into one space, trimmed.
///
/// ```
/// use annuaire_cpts::rules::similar::key;
/// assert_eq!(key("  Saint-Martin-d'Oydes "), "saint martin d oydes");
/// assert_eq!(key("ŒUVRE"), "oeuvre");
/// ```
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd().flat_map(char::to_lowercase) {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            match c {
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                _ => out.push(c),
            }
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

/// Levenshtein distance over characters, or `None` as soon as it exceeds `limit` (so that a
/// long cell never costs more than `limit` rows of work per candidate).
///
/// ```
/// use annuaire_cpts::rules::similar::distance;
/// assert_eq!(distance("kinesitherapeuthe", "kinesitherapeute", 3), Some(1));
/// assert_eq!(distance("infirmier", "pharmacien", 2), None);
/// ```
pub fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let value = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            current[j + 1] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().filter(|d| *d <= limit)
}

/// The candidate closest to `target` (both already keys), if one is within a quarter of the
/// target's length (at least one edit, so that « ida » suggests nothing); ties go to the first.
///
/// ```
/// use annuaire_cpts::rules::similar::closest;
/// let names = ["toulouse", "tournefeuille"];
/// assert_eq!(closest("toulouze", names.iter().copied()), Some("toulouse"));
/// assert_eq!(closest("paris", names.iter().copied()), None);
/// ```
pub fn closest<'a>(target: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = target.chars().count() / 4;
    if limit == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1));
        if let Some(d) = distance(target, candidate, bound) {
            if best.map_or(true, |(b, _)| d < b) {
                best = Some((d, candidate));
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", "", 0), Some(0));
        assert_eq!(distance("abc", "", 3), Some(3));
        assert_eq!(distance("abc", "", 2), None);
        assert_eq!(distance("orthophonist", "orthophoniste", 1), Some(1));
        assert_eq!(distance("chat", "chta", 2), Some(2));
    }

    #[test]
    fn keys() {
        assert_eq!(key("IDE  (libérale)"), "ide liberale");
        assert_eq!(key("--"), "");
        assert_eq!(key("Pédicure–Podologue"), "pedicure podologue");
    }

    proptest! {
        #[test]
        fn key_is_idempotent(s in "\\PC*") {
            let once = key(&s);
            prop_assert_eq!(key(&once), once.clone());
        }

        #[test]
        fn distance_is_symmetric_and_bounded(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let d = distance(&a, &b, 30);
            prop_assert_eq!(d, distance(&b, &a, 30));
            prop_assert!(d.is_some_and(|d| d <= a.chars().count().max(b.chars().count())));
        }
    }
}
