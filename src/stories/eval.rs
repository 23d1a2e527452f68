//! Scoring a clustering against gold stories: B-cubed and pairwise precision, recall and F1, and
//! pairwise restricted to pairs in two different languages. Linear in the number of articles:
//! pairs are counted from the sizes of (gold, predicted) cells, never enumerated.

use std::collections::HashMap;
use std::hash::Hash;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }

    fn from_counts(together_both: f64, together_pred: f64, together_gold: f64) -> Prf {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        Prf::new(
            ratio(together_both, together_pred),
            ratio(together_both, together_gold),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    pub bcubed: Prf,
    pub pairwise: Prf,
    /// Pairwise over pairs whose two articles are in different languages.
    pub cross_language: Prf,
}

fn pairs(n: usize) -> f64 {
    (n as f64) * (n as f64 - 1.0) / 2.0
}

/// Counts pairs within groups, and pairs within groups that share a language.
struct PairCount<K> {
    size: HashMap<K, usize>,
    by_lang: HashMap<(K, usize), usize>,
}

impl<K: Hash + Eq + Clone> PairCount<K> {
    fn new() -> Self {
        PairCount {
            size: HashMap::new(),
            by_lang: HashMap::new(),
        }
    }

    fn add(&mut self, k: &K, lang: usize) {
        *self.size.entry(k.clone()).or_default() += 1;
        *self.by_lang.entry((k.clone(), lang)).or_default() += 1;
    }

    /// (all pairs, pairs in two different languages)
    fn totals(&self) -> (f64, f64) {
        let all: f64 = self.size.values().map(|&n| pairs(n)).sum();
        let same: f64 = self.by_lang.values().map(|&n| pairs(n)).sum();
        (all, all - same)
    }
}

/// Scores `items` of (gold story, predicted story, language).
pub fn score<G, P, L>(items: &[(G, P, L)]) -> Scores
where
    G: Hash + Eq + Clone,
    P: Hash + Eq + Clone,
    L: Hash + Eq + Clone,
{
    let mut langs: HashMap<L, usize> = HashMap::new();
    let mut gold = PairCount::new();
    let mut pred = PairCount::new();
    let mut both = PairCount::new();
    for (g, p, l) in items {
        let next = langs.len();
        let lang = *langs.entry(l.clone()).or_insert(next);
        gold.add(g, lang);
        pred.add(p, lang);
        both.add(&(g.clone(), p.clone()), lang);
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for (g, p, _) in items {
        let cell = both.size[&(g.clone(), p.clone())] as f64;
        bp += cell / pred.size[p] as f64;
        br += cell / gold.size[g] as f64;
    }
    let n = items.len().max(1) as f64;
    let (g_all, g_cross) = gold.totals();
    let (p_all, p_cross) = pred.totals();
    let (b_all, b_cross) = both.totals();
    Scores {
        bcubed: Prf::new(bp / n, br / n),
        pairwise: Prf::from_counts(b_all, p_all, g_all),
        cross_language: Prf::from_counts(b_cross, p_cross, g_cross),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_singleton_clusterings() {
        let items = [(1, 1, "en"), (1, 1, "de"), (2, 2, "en"), (2, 2, "en")];
        let s = score(&items);
        assert_eq!(s.bcubed.f1, 1.0);
        assert_eq!(s.pairwise.f1, 1.0);
        assert_eq!(s.cross_language.f1, 1.0);
        let singles = [(1, 1, "en"), (1, 2, "de"), (2, 3, "en"), (2, 4, "en")];
        let s = score(&singles);
        assert_eq!(s.bcubed.precision, 1.0);
        assert_eq!(s.bcubed.recall, 0.5);
        assert_eq!(s.pairwise.f1, 0.0);
    }

    #[test]
    fn counts_pairs_like_enumeration() {
        // gold {a,b,c} {d}; predicted {a,b} {c,d}
        let items = [(1, 1, "en"), (1, 1, "fr"), (1, 2, "en"), (2, 2, "fr")];
        let s = score(&items);
        // Pairs: gold ab ac bc; predicted ab cd; both ab.
        assert!((s.pairwise.precision - 0.5).abs() < 1e-9);
        assert!((s.pairwise.recall - 1.0 / 3.0).abs() < 1e-9);
        // Cross-language: gold ab bc (ac is en-en); predicted ab cd; both ab.
        assert!((s.cross_language.precision - 0.5).abs() < 1e-9);
        assert!((s.cross_language.recall - 0.5).abs() < 1e-9);
        // B-cubed precision: a 1, b 1, c 1/2, d 1/2.
        assert!((s.bcubed.precision - 0.75).abs() < 1e-9);
    }
}
