//! The nearest known value to a spelling, for the profession and commune rules' suggestions:
//! spellings are compared as [`crate::fold::fold`] keys, by [`crate::distance::distance`].

use crate::distance::distance;

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

    #[test]
    fn the_closest_within_a_quarter_of_the_length() {
        let names = ["toulouse", "tournefeuille", "toulon"];
        assert_eq!(closest("toulouze", names.iter().copied()), Some("toulouse"));
        // A swap of two neighbours is one edit.
        assert_eq!(closest("tuolouse", names.iter().copied()), Some("toulouse"));
        // Too short for any edit: nothing is suggested.
        assert_eq!(closest("ida", ["ide"].into_iter()), None);
        // Ties go to the first.
        assert_eq!(
            closest("abcdefgh", ["abcdefgx", "abcdefgy"].into_iter()),
            Some("abcdefgx")
        );
    }
}
