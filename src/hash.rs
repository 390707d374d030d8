//! The hasher of the maps a check and a write fill with one entry per row or per finding (row
//! numbers, identifiers, names, cell positions, shared texts by address), and of the check's
//! memo: rustc's FxHash, from the maintained `rustc-hash` crate. The standard library's SipHash resists keys chosen to collide, which a
//! coordinator's own file on her own machine does not need, and it showed in the check's
//! profile (bench/NOTES.md). Not for keys an adversary chooses.

/// A `HashMap` with FxHash.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A `HashSet` with FxHash.
pub(crate) type FastSet<K> = rustc_hash::FxHashSet<K>;

/// FxHash of one value.
pub(crate) fn hash_one(value: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_byte_counts() {
        let keys = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
        ];
        let hashes: HashSet<u64> = keys.iter().map(hash_one).collect();
        assert_eq!(hashes.len(), keys.len());
        assert_ne!(hash_one((1u32, 2usize)), hash_one((2u32, 1usize)));
        // Two texts in a row are told apart wherever the first ends.
        assert_ne!(hash_one(("ab", "c")), hash_one(("a", "bc")));
    }

    #[test]
    fn maps_work_as_usual() {
        let mut map: FastMap<String, u32> = FastMap::default();
        for i in 0..10_000u32 {
            map.insert(format!("DUPONT{i}"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get("DUPONT9999"), Some(&9_999));
        assert_eq!(map.get("DUPONT10000"), None);
    }
}
