//! The word lists story features read, from `assets/stories/` (embedded at build time): words
//! that are never names, and month names for dates.

use super::fold::fold;
use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::LazyLock;

/// Function words, folded, with the scripts ([`script_of`]) whose words they are.
static STOPWORDS: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut words: HashMap<String, u8> = HashMap::new();
    for line in lines(include_str!("../../assets/stories/stopwords.txt")) {
        for word in line.split_whitespace() {
            *words.entry(fold(word)).or_default() |= script_of(word);
        }
    }
    words
});

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
    /// The scripts ([`script_of`]) in which it is a function word (never a name).
    pub stopword: u8,
}

/// Both lists in one map, so that a word costs one lookup.
static ENTRIES: LazyLock<HashMap<String, Entry>> = LazyLock::new(|| {
    let mut entries: HashMap<String, Entry> = HashMap::new();
    for (word, &scripts) in STOPWORDS.iter() {
        entries.entry(word.clone()).or_default().stopword = scripts;
    }
    for (word, &month) in MONTHS.iter() {
        entries.entry(word.clone()).or_default().month = Some(month);
    }
    entries
});

/// The script of a word as far as the function-word lists go: [`LATIN`] for Latin and Cyrillic
/// letters (the Cyrillic lists are written transliterated), [`ARABIC`], or 0 for a script the
/// lists do not cover. A word is a function word only for a list of its own script: a word of
/// another script folds to Latin letters that may spell some language's function word by chance
/// (Persian تراس, Tras, is Spanish "tras").
pub fn script_of(word: &str) -> u8 {
    match word.chars().next() {
        Some(c)
            if c.is_ascii()
                || ('\u{00C0}'..='\u{024F}').contains(&c)
                || ('\u{1E00}'..='\u{1EFF}').contains(&c)
                || ('\u{0400}'..='\u{052F}').contains(&c) =>
        {
            LATIN
        }
        Some('\u{0600}'..='\u{06FF}') => ARABIC,
        _ => 0,
    }
}

pub const LATIN: u8 = 1;
pub const ARABIC: u8 = 2;

/// Whether a folded word is a function word in some script (never a name). Readers ask
/// [`entry`].
#[cfg(test)]
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains_key(folded)
}

/// Whether `word`, folded to `folded`, is a function word of its own script.
#[cfg(test)]
pub fn is_function_word(folded: &str, word: &str) -> bool {
    STOPWORDS
        .get(folded)
        .is_some_and(|s| s & script_of(word) != 0)
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
        assert!(is_function_word("tras", "tras") && !is_function_word("tras", "تراس"));
        assert!(is_function_word("fy", "في") && !is_function_word("fy", "Fy"));
        assert!(is_function_word("eto", "Это") && script_of("Τρας") == 0);
        assert_eq!(month("marzo"), Some(3));
        assert_eq!(month(&fold("März")), Some(3));
        assert_eq!(month("putin"), None);
        // "may" is a month and, in English, a function word.
        assert_eq!(
            entry("may"),
            Entry {
                month: Some(5),
                stopword: LATIN
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
        for word in STOPWORDS.keys().chain(MONTHS.keys()) {
            let e = entry(word);
            assert_eq!(e.month, month(word), "{word}");
            assert_eq!(e.stopword != 0, is_stopword(word), "{word}");
        }
    }
}
