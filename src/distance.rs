//! How far apart two spellings are: the one edit distance the checker uses, to match a header
//! typed with a typo (« Telephnoe »), to suggest the nearest profession or commune, and to spot a
//! mistyped e-mail domain (« gmial.com »).
//!
//! The distance is the **optimal string alignment** distance (restricted Damerau–Levenshtein):
//! the fewest substitutions, insertions, deletions and swaps of two adjacent characters that
//! turn one text into the other, no character being edited twice. A swap counts as one edit
//! because it is one slip of the fingers (« gmial » for « gmail », « Profesison »); plain
//! Levenshtein would count it as two and miss the commonest typo at a limit of one. Characters
//! are compared as they are: callers compare [`crate::fold::fold`] keys or lower-case domains.
//!
//! Every function takes a `limit` and gives up as soon as the distance is known to exceed it:
//! the callers only want to know « within n edits? », and a long cell then costs at most a few
//! rows of work per candidate.

/// Rows shorter than this live on the stack: one side is always a short known spelling.
const STACK: usize = 64;

/// The distance between `a` and `b` (over characters), or `None` when it exceeds `limit`.
///
/// ```
/// use annuaire_cpts::distance::distance;
/// assert_eq!(distance("kinesitherapeuthe", "kinesitherapeute", 3), Some(1));
/// assert_eq!(distance("gmial.com", "gmail.com", 1), Some(1));
/// assert_eq!(distance("infirmier", "pharmacien", 2), None);
/// ```
pub fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        distance_of(a.as_bytes(), b.as_bytes(), limit)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance_of(&a, &b, limit)
    }
}

/// [`distance`] over any sequences (characters a caller has already split, bytes).
///
/// ```
/// use annuaire_cpts::distance::distance_of;
/// let (a, b): (Vec<char>, Vec<char>) = ("télépone".chars().collect(), "téléphone".chars().collect());
/// assert_eq!(distance_of(&a, &b, 2), Some(1));
/// ```
pub fn distance_of<T: PartialEq + Copy>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    // The distance is symmetric: the rows span the shorter sequence.
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    // Each edit changes the length by one at most.
    if long.len() - short.len() > limit {
        return None;
    }
    if short.len() < STACK {
        let [mut before, mut previous, mut current] = [[0usize; STACK]; 3];
        alignment(
            long,
            short,
            limit,
            [&mut before, &mut previous, &mut current],
        )
    } else {
        let [mut before, mut previous, mut current] = [0, 1, 2].map(|_| vec![0; short.len() + 1]);
        alignment(
            long,
            short,
            limit,
            [&mut before, &mut previous, &mut current],
        )
    }
}

/// [`distance_of`] in three rolling rows of at least `b.len() + 1` cells. A row's smallest cell
/// never decreases from one row to the next, so once it exceeds `limit` the distance does too.
fn alignment<T: PartialEq + Copy>(
    a: &[T],
    b: &[T],
    limit: usize,
    rows: [&mut [usize]; 3],
) -> Option<usize> {
    const FAR: usize = usize::MAX / 2;
    let [mut before, mut previous, mut current] = rows;
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j;
    }
    let mut last_a = None;
    for (i, &ca) in a.iter().enumerate() {
        let mut left = i + 1;
        if let Some(first) = current.first_mut() {
            *first = left;
        }
        let mut row_min = left;
        let mut last_b = None;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let up = previous.get(j + 1).copied().unwrap_or(FAR);
            let diagonal = previous.get(j).copied().unwrap_or(FAR);
            let mut best = (left + 1).min(up + 1).min(diagonal + cost);
            if last_a == Some(cb) && last_b == Some(ca) {
                best = best.min(before.get(j.wrapping_sub(1)).copied().unwrap_or(FAR) + 1);
            }
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = best;
            }
            row_min = row_min.min(best);
            left = best;
            last_b = Some(cb);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
        last_a = Some(ca);
    }
    previous.get(b.len()).copied().filter(|d| *d <= limit)
}

/// Whether `distance(a, b, 1)` is `Some`, in one pass without rows: for a caller that compares
/// every value with every one of a list (each e-mail domain with each provider's).
///
/// ```
/// use annuaire_cpts::distance::within_one_edit;
/// assert!(within_one_edit("gmial.com", "gmail.com"));
/// assert!(within_one_edit("orange.f", "orange.fr"));
/// assert!(!within_one_edit("hotmail.de", "hotmail.fr"));
/// ```
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        within_one_edit_of(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        within_one_edit_of(&a, &b)
    }
}

/// [`within_one_edit`] over any sequences: past the common prefix, the rests must be equal once
/// one element is substituted, inserted, deleted, or two adjacent ones swapped.
fn within_one_edit_of<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (Some(a_rest), Some(b_rest)) = (a.get(common..), b.get(common..)) else {
        return false;
    };
    let tail = |x: &[T], skip_x: usize, y: &[T], skip_y: usize| x.get(skip_x..) == y.get(skip_y..);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            a_rest.is_empty()
                || tail(a_rest, 1, b_rest, 1)
                || (matches!((a_rest, b_rest), ([x0, x1, ..], [y0, y1, ..]) if x0 == y1 && x1 == y0)
                    && tail(a_rest, 2, b_rest, 2))
        }
        std::cmp::Ordering::Greater => a.len() == b.len() + 1 && tail(a_rest, 1, b_rest, 0),
        std::cmp::Ordering::Less => b.len() == a.len() + 1 && tail(a_rest, 0, b_rest, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook full-matrix optimal string alignment distance, to compare with.
    fn reference(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        d[a.len()][b.len()]
    }

    fn exact(a: &str, b: &str) -> usize {
        distance(a, b, usize::MAX).unwrap_or(usize::MAX)
    }

    #[test]
    fn distances() {
        assert_eq!(exact("", ""), 0);
        assert_eq!(exact("abc", ""), 3);
        assert_eq!(exact("", "abc"), 3);
        assert_eq!(exact("orange.fr", "orange.fr"), 0);
        assert_eq!(exact("telefone", "telephone"), 2);
        assert_eq!(exact("profesion", "profession"), 1);
        assert_eq!(exact("orthophonist", "orthophoniste"), 1);
        assert_eq!(exact("hotmail.de", "hotmail.fr"), 2);
        assert_eq!(exact("ca", "abc"), 3);
        assert_eq!(exact("abc", "ca"), 3);
        // Characters, not bytes: « é » is one character of two bytes.
        assert_eq!(exact("é", "e"), 1);
        assert_eq!(exact("télépone", "téléphone"), 1);
    }

    #[test]
    fn a_swap_of_two_neighbours_is_one_edit() {
        assert_eq!(exact("gmial.com", "gmail.com"), 1);
        assert_eq!(exact("chta", "chat"), 1);
        assert_eq!(exact("Telephnoe", "Telephone"), 1);
        // No character is edited twice: « ca » → « abc » is not a swap then an insertion.
        assert_eq!(exact("ca", "abc"), 3);
    }

    #[test]
    fn the_limit_stops_early() {
        assert_eq!(distance("abc", "", 3), Some(3));
        assert_eq!(distance("abc", "", 2), None);
        assert_eq!(distance("infirmier", "pharmacien", 2), None);
        assert_eq!(distance("chat", "chta", 0), None);
        assert_eq!(distance("chat", "chat", 0), Some(0));
    }

    #[test]
    fn long_texts_leave_the_stack() {
        let long = "a".repeat(70);
        assert_eq!(exact(&long, &"a".repeat(69)), 1);
        assert_eq!(exact(&format!("{long}xy"), &format!("{long}yx")), 1);
        assert_eq!(distance(&"é".repeat(100), &"e".repeat(100), 5), None);
    }

    proptest! {
        #[test]
        fn distance_is_the_textbook_one(a in "[a-dé.]{0,12}", b in "[a-dé.]{0,12}", pad in 0usize..80) {
            let (a, b) = (format!("{}{a}", "x".repeat(pad)), format!("{}{b}", "x".repeat(pad)));
            let expected = reference(&a, &b);
            prop_assert_eq!(exact(&a, &b), expected);
            prop_assert_eq!(exact(&b, &a), expected);
            prop_assert_eq!(within_one_edit(&a, &b), expected <= 1);
            prop_assert_eq!(within_one_edit(&b, &a), expected <= 1);
        }

        #[test]
        fn the_bounded_distance_agrees_within_its_limit(
            a in "[a-fé ]{0,10}", b in "[a-fé ]{0,10}", limit in 0usize..4
        ) {
            let exact = exact(&a, &b);
            prop_assert_eq!(distance(&a, &b, limit), (exact <= limit).then_some(exact));
        }

        #[test]
        fn distance_is_symmetric_and_bounded(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let d = distance(&a, &b, 30);
            prop_assert_eq!(d, distance(&b, &a, 30));
            prop_assert!(d.is_some_and(|d| d <= a.chars().count().max(b.chars().count())));
        }
    }
}
