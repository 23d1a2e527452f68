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

static HAN_NAMES: LazyLock<HashSet<char>> = LazyLock::new(|| {
    lines(include_str!("../../assets/stories/han_names.txt"))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
});

/// Whether Chinese writes foreign names by sound with this Han character (阿, 斯, 尔, ...).
pub fn is_name_han(c: char) -> bool {
    HAN_NAMES.contains(&c)
}

/// What the lists say of one folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    /// The month (1-12) it names.
    pub month: Option<u8>,
    /// A function word (never a name).
    pub stopword: bool,
}

/// Both lists in one map, so that a word costs one lookup.
static ENTRIES: LazyLock<HashMap<String, Entry>> = LazyLock::new(|| {
    let mut entries: HashMap<String, Entry> = HashMap::new();
    for word in STOPWORDS.iter() {
        entries.entry(word.clone()).or_default().stopword = true;
    }
    for (word, &month) in MONTHS.iter() {
        entries.entry(word.clone()).or_default().month = Some(month);
    }
    entries
});

/// Whether the lists of function words speak of `word` (as written, not folded): they are
/// written in Latin and Cyrillic letters. A word of another script folds to Latin letters that
/// may spell some language's function word by chance (Persian تراس, Tras, is Spanish "tras"),
/// and is not one.
pub fn stopwords_cover(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || ('\u{0400}'..='\u{052F}').contains(&c)
    })
}

/// Whether a folded word is a function word (never a name). Readers ask [`entry`].
#[cfg(test)]
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded)
}

/// The month (1-12) a folded word names, if it names one. Readers ask [`entry`].
#[cfg(test)]
pub fn month(folded: &str) -> Option<u8> {
    MONTHS.get(folded).copied()
}

/// What the lists say of a folded word: [`month`] and [`is_stopword`] in one lookup.
pub fn entry(folded: &str) -> Entry {
    ENTRIES.get(folded).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_from_assets() {
        assert!(is_stopword("der") && is_stopword("the") && is_stopword("della"));
        assert!(!is_stopword("putin"));
        assert!(stopwords_cover("Tras") && stopwords_cover("Это") && stopwords_cover("Über"));
        assert!(!stopwords_cover("تراس") && !stopwords_cover("Τρας") && !stopwords_cover(""));
        assert_eq!(month("marzo"), Some(3));
        assert_eq!(month(&fold("März")), Some(3));
        assert_eq!(month("putin"), None);
        // "may" is a month and, in English, a function word.
        assert_eq!(
            entry("may"),
            Entry {
                month: Some(5),
                stopword: true
            }
        );
        assert_eq!(entry("putin"), Entry::default());
    }

    #[test]
    fn no_month_name_stands_for_two_months() {
        let mut seen: HashMap<String, u8> = HashMap::new();
        for line in lines(include_str!("../../assets/stories/months.txt")) {
            let mut parts = line.split_whitespace();
            let number: u8 = parts.next().and_then(|n| n.parse().ok()).expect(line);
            for name in parts {
                let folded = fold(name);
                assert!(!folded.is_empty(), "{name}");
                let before = *seen.entry(folded.clone()).or_insert(number);
                assert_eq!(before, number, "{name} ({folded})");
            }
        }
    }

    #[test]
    fn han_names_list_holds_transliteration_characters() {
        for c in ['阿', '斯', '尔', '爾', '基'] {
            assert!(is_name_han(c), "{c}");
        }
        for c in ['的', '天', '国', 'a'] {
            assert!(!is_name_han(c), "{c}");
        }
    }

    #[test]
    fn one_lookup_says_what_both_lists_say() {
        for word in STOPWORDS.iter().chain(MONTHS.keys()) {
            let e = entry(word);
            assert_eq!(e.month, month(word), "{word}");
            assert_eq!(e.stopword, is_stopword(word), "{word}");
        }
    }
}
