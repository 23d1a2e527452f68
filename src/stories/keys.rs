//! The story index's keys: every feature an article is linked by (a name's skeleton, a number, a
//! URL, a sentence fingerprint) numbered once, with its kind and how the text wrote it.
//!
//! A key is found by a 64-bit hash of its kind and text rather than by the text itself: the
//! table then holds no string per key, which at 100k articles (some 400k keys, nearly all
//! sentence fingerprints met once) is most of its size. Two keys would have to share all 64 bits
//! to be confused; among a million keys the chance is about one in thirty million. The hash is
//! FNV-1a, fixed by its definition, because the table is kept in the store and must mean the
//! same to the next version.

use super::features::{FNV_OFFSET, FNV_PRIME};
use serde::{Deserialize, Serialize};

/// What a key stands for; it decides the key's weight and whether it alone makes a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Kind {
    Name,
    /// Two adjacent Han characters: overlapping pairs of one word are not independent, so each
    /// counts half.
    Han,
    /// The first consonants of a name's skeleton ([`super::fold::stem`]): many names share one,
    /// so it counts half.
    Stem,
    Phrase,
    Handle,
    Number,
    Date,
    /// A cited URL, or the article's own: one shared is enough.
    Url,
    /// A post id: one shared is enough.
    Post,
    /// A copied sentence: one shared is enough.
    Copy,
}

impl Kind {
    pub(super) fn strong(self) -> bool {
        matches!(self, Kind::Url | Kind::Post | Kind::Copy)
    }
}

/// The hash a key is found by: of its namespace (`b'n'` for names, whose skeletons and stems
/// meet there, `b'#'` for numbers, ...), then of `parts`, each followed by a byte no UTF-8 text
/// has, so that ("ab", "c") and ("a", "bc") differ.
pub(super) fn key_hash<'a>(space: u8, parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut eat = |b: u8| hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    eat(space);
    for part in parts {
        part.iter().copied().for_each(&mut eat);
        eat(0xff);
    }
    hash
}

#[derive(Default, Serialize, Deserialize)]
pub(super) struct Keys {
    numbers: foldhash::HashMap<u64, u32>,
    kinds: Vec<Kind>,
    /// All labels one after another; `label_ends[k]` is where key `k`'s ends.
    labels: String,
    label_ends: Vec<u32>,
}

impl Keys {
    /// The number of the key with this hash, numbering it if it is new; `label` is kept for a new
    /// key (except a sentence fingerprint's, which says nothing to a reader). The bool is true
    /// for a new key.
    pub(super) fn intern(&mut self, kind: Kind, hash: u64, label: &str) -> (u32, bool) {
        let next = self.kinds.len() as u32;
        let k = *self.numbers.entry(hash).or_insert(next);
        if k != next {
            return (k, false);
        }
        self.kinds.push(kind);
        if kind != Kind::Copy {
            self.labels.push_str(label);
        }
        self.label_ends.push(self.labels.len() as u32);
        (k, true)
    }

    pub(super) fn kind(&self, k: u32) -> Kind {
        self.kinds[k as usize]
    }

    /// How the text wrote the key, as it was first met.
    pub(super) fn label(&self, k: u32) -> &str {
        if self.kinds[k as usize] == Kind::Copy {
            return "copied text";
        }
        let end = self.label_ends[k as usize] as usize;
        let start = match k {
            0 => 0,
            _ => self.label_ends[k as usize - 1] as usize,
        };
        &self.labels[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_numbered_once_and_keeps_its_first_label() {
        let mut keys = Keys::default();
        let putin = key_hash(b'n', [b"ptn".as_slice()]);
        let (a, new) = keys.intern(Kind::Name, putin, "Putin");
        assert!(new);
        let (c, _) = keys.intern(Kind::Copy, key_hash(b'c', [&[1u8; 8][..]]), "");
        let (b, new) = keys.intern(Kind::Name, putin, "Putins");
        assert_eq!((a, new), (b, false));
        assert_eq!(keys.label(a), "Putin");
        assert_eq!(keys.label(c), "copied text");
        assert_eq!(keys.kind(c), Kind::Copy);
    }

    #[test]
    fn namespace_and_part_boundaries_are_part_of_the_hash() {
        let name = key_hash(b'n', [b"ab".as_slice(), b"c".as_slice()]);
        assert_ne!(name, key_hash(b'n', [b"a".as_slice(), b"bc".as_slice()]));
        assert_ne!(name, key_hash(b'p', [b"ab".as_slice(), b"c".as_slice()]));
    }
}
