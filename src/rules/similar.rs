//! Closeness of two spellings: the edit distance the profession and commune rules use to
//! suggest the nearest known value. Spellings are compared as [`super::text::fold`] keys.

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
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        let mut row_min = i + 1;
        // diagonal, above, and (the last pushed) left neighbours of each cell of the row.
        for ((diagonal, above), cb) in previous.iter().zip(previous.iter().skip(1)).zip(&b) {
            let left = current.last().copied().unwrap_or(i + 1);
            let value = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(left + 1);
            current.push(value);
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return None;
        }
        previous = current;
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
            if best.is_none_or(|(b, _)| d < b) {
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

    proptest! {

        #[test]
        fn distance_is_symmetric_and_bounded(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let d = distance(&a, &b, 30);
            prop_assert_eq!(d, distance(&b, &a, 30));
            prop_assert!(d.is_some_and(|d| d <= a.chars().count().max(b.chars().count())));
        }
    }
}
