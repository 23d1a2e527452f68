//! The word lists story features read, from `assets/stories/` (embedded at build time): words
//! that are never names, and month names for dates.

use super::fold::fold;
use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::LazyLock;

static STOPWORDS: LazyLock<HashSet<String>> =
    LazyLock::new(|| words(include_str!("../../assets/stories/stopwords.txt")).collect());

static MONTHS: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut months = HashMap::new();
    for line in lines(include_str!("../../assets/stories/months.txt")) {
        let mut parts = line.split_whitespace();
        let Some(Ok(number)) = parts.next().map(str::parse::<u8>) else {
            continue;
        };
        for name in parts {
            months.insert(fold(name), number);
        }
    }
    months
});

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    lines(text).flat_map(str::split_whitespace).map(fold)
}

/// Whether a folded word is a function word (never a name).
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded)
}

/// The month (1-12) a folded word names, if it names one.
pub fn month(folded: &str) -> Option<u8> {
    MONTHS.get(folded).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_from_assets() {
        assert!(is_stopword("der") && is_stopword("the") && is_stopword("della"));
        assert!(!is_stopword("putin"));
        assert_eq!(month("marzo"), Some(3));
        assert_eq!(month(&fold("März")), Some(3));
        assert_eq!(month("putin"), None);
    }
}
