//! The story index's inverted lists: for each key, the articles that have it, in the order they
//! were added.
//!
//! Most keys belong to one article only (a copied-sentence fingerprint, a rare name), so a list of
//! one is kept inline in a single `u32`; only a key met a second time gets a list of its own. At
//! 100k articles that is some 400k keys, and a `Vec` each would cost more than the index's links.

use serde::{Deserialize, Serialize};

/// A slot with no article yet.
const EMPTY: u32 = u32::MAX;
/// Marks a slot that holds the number of a list in `lists`, not an article.
const LIST: u32 = 1 << 31;

#[derive(Default, Serialize, Deserialize)]
pub(super) struct Postings {
    /// Per key: `EMPTY`, its one article, or `LIST | n` for `lists[n]`.
    slots: Vec<u32>,
    lists: Vec<Vec<u32>>,
}

impl Postings {
    /// A new key with no article; returns its number.
    pub(super) fn add_key(&mut self) -> u32 {
        self.slots.push(EMPTY);
        (self.slots.len() - 1) as u32
    }

    /// Appends article `doc` (below 2³¹) to `key`'s list.
    pub(super) fn push(&mut self, key: u32, doc: u32) {
        debug_assert!(doc < LIST);
        let slot = &mut self.slots[key as usize];
        match *slot {
            EMPTY => *slot = doc,
            s if s & LIST == 0 => {
                *slot = LIST | self.lists.len() as u32;
                self.lists.push(vec![s, doc]);
            }
            s => self.lists[(s & !LIST) as usize].push(doc),
        }
    }

    /// The articles with `key`, oldest first.
    pub(super) fn of(&self, key: u32) -> &[u32] {
        match self.slots.get(key as usize) {
            None | Some(&EMPTY) => &[],
            Some(s) if s & LIST == 0 => std::slice::from_ref(s),
            Some(s) => &self.lists[(s & !LIST) as usize],
        }
    }

    /// How many articles have `key`: its document frequency.
    pub(super) fn count(&self, key: u32) -> u32 {
        self.of(key).len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_grow_from_none_to_one_to_many_in_order() {
        let mut p = Postings::default();
        let (a, b) = (p.add_key(), p.add_key());
        assert_eq!(p.of(a), &[] as &[u32]);
        p.push(a, 7);
        assert_eq!(p.of(a), &[7]);
        p.push(b, 0);
        p.push(a, 9);
        p.push(a, 12);
        assert_eq!(p.of(a), &[7, 9, 12]);
        assert_eq!(p.of(b), &[0]);
        assert_eq!((p.count(a), p.count(b)), (3, 1));
        assert_eq!(p.of(99), &[] as &[u32]);
    }
}
