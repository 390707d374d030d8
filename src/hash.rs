//! The hasher of the maps a check and a write fill with one entry per row or per finding (row
//! numbers, identifiers, names, cell positions, shared texts by address): the standard library's
//! SipHash resists keys chosen to collide, which a coordinator's own file on her own machine
//! does not need, and cost ≈ 2.5 % of a check. This is FxHash (rustc's): rotate, xor, multiply,
//! a word at a time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// FxHash: not for keys an adversary chooses.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(value: impl std::hash::Hash) -> u64 {
        use std::hash::BuildHasher;
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

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
        let hashes: HashSet<u64> = keys.iter().map(hash).collect();
        assert_eq!(hashes.len(), keys.len());
        assert_ne!(hash((1u32, 2usize)), hash((2u32, 1usize)));
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
