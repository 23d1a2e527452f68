//! The ingest lexicons: the words metadata lines are read with (assets/ingest/<lang>.txt), the
//! noise lists (assets/noise/<lang>.txt) and the language codes (assets/ingest/iso639.txt).
//!
//! The files are embedded in the binary and parsed once. Every language's words are merged into one
//! lexicon, because an article in one language often carries furniture from another (an Italian
//! page ending with an English feed footer). The file formats are documented at the top of each file.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The languages whose lexicons ship with tidings. The order matters only where two languages
/// share a date word: the first meaning wins.
const LEXICONS: &[(&str, &str, &str)] = &[
    (
        "en",
        include_str!("../../assets/ingest/en.txt"),
        include_str!("../../assets/noise/en.txt"),
    ),
    (
        "de",
        include_str!("../../assets/ingest/de.txt"),
        include_str!("../../assets/noise/de.txt"),
    ),
    (
        "it",
        include_str!("../../assets/ingest/it.txt"),
        include_str!("../../assets/noise/it.txt"),
    ),
    (
        "fr",
        include_str!("../../assets/ingest/fr.txt"),
        include_str!("../../assets/noise/fr.txt"),
    ),
    (
        "es",
        include_str!("../../assets/ingest/es.txt"),
        include_str!("../../assets/noise/es.txt"),
    ),
    (
        "pt",
        include_str!("../../assets/ingest/pt.txt"),
        include_str!("../../assets/noise/pt.txt"),
    ),
    (
        "nl",
        include_str!("../../assets/ingest/nl.txt"),
        include_str!("../../assets/noise/nl.txt"),
    ),
    (
        "pl",
        include_str!("../../assets/ingest/pl.txt"),
        include_str!("../../assets/noise/pl.txt"),
    ),
    (
        "ru",
        include_str!("../../assets/ingest/ru.txt"),
        include_str!("../../assets/noise/ru.txt"),
    ),
];

/// Languages with function words: one bit each in [`Lexicon::common_words`].
pub const MAX_COMMON_LANGS: usize = 16;

const ISO639: &str = include_str!("../../assets/ingest/iso639.txt");

/// What a word means inside a date line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWord {
    Month(u8),
    Weekday,
    Filler,
    Time,
}

/// A feed footer naming the outlet: `prefix` {title} `infix` {outlet} `suffix`.
#[derive(Debug, Clone)]
pub struct FirstPost {
    pub prefix: String,
    pub infix: String,
    pub suffix: String,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lowercased words of date lines. A word can mean several things in different languages
    /// ("mar" is March and the Italian abbreviation alike; "am" is a German filler and English
    /// time); the first meaning seen wins, which is why months are listed first in every file.
    pub date_words: HashMap<String, DateWord>,
    /// Lowercased labels of source lines.
    pub source_labels: Vec<String>,
    /// Lowercased labels of photo credits.
    pub credit_labels: Vec<String>,
    pub first_posts: Vec<FirstPost>,
    /// Lowercased whole noise lines.
    pub noise_lines: HashSet<String>,
    /// Lowercased noise prefixes.
    pub noise_prefixes: Vec<String>,
    /// The longest noise line, in bytes: longer lines are never compared.
    pub noise_max_len: usize,
    /// whatlang's ISO 639-3 code to ISO 639-1.
    pub iso639: HashMap<String, String>,
    /// Function words: each word's languages, as bits of [`Lexicon::common_langs`].
    pub common_words: HashMap<Vec<u8>, u16, BuildHasherDefault<Fnv>>,
    /// The ISO 639-1 codes of the languages with function words, in bit order (at most
    /// [`MAX_COMMON_LANGS`]).
    pub common_langs: Vec<&'static str>,
}

/// FNV-1a: the function-word table is looked up for every short word of every article, and its
/// keys are a few bytes long, where the default SipHash costs more than the lookup itself. The keys
/// are fixed data, not input, so hash flooding is not a concern.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The lexicon of every shipped language, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon = Lexicon::default();
        for (lang, words, noise) in LEXICONS {
            lexicon.add_words(lang, words);
            lexicon.add_noise(noise);
        }
        for line in data_lines(ISO639) {
            let mut parts = line.split_whitespace();
            if let (Some(three), Some(two)) = (parts.next(), parts.next()) {
                lexicon.iso639.insert(three.to_string(), two.to_string());
            }
        }
        lexicon
    })
}

/// The lines of a data file that carry data: trimmed, without blanks and `#` comments.
fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn add_words(&mut self, lang: &'static str, file: &str) {
        for line in data_lines(file) {
            let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let rest = rest.trim();
            match keyword {
                "month" => {
                    let mut words = rest.split_whitespace();
                    let Some(month) = words.next().and_then(|n| n.parse::<u8>().ok()) else {
                        continue;
                    };
                    if (1..=12).contains(&month) {
                        self.add_date_words(words, DateWord::Month(month));
                    }
                }
                "weekday" => self.add_date_words(rest.split_whitespace(), DateWord::Weekday),
                "filler" => self.add_date_words(rest.split_whitespace(), DateWord::Filler),
                "time" => self.add_date_words(rest.split_whitespace(), DateWord::Time),
                "source" => self
                    .source_labels
                    .extend(rest.split_whitespace().map(str::to_lowercase)),
                "credit" => self
                    .credit_labels
                    .extend(rest.split_whitespace().map(str::to_lowercase)),
                "common" if self.common_langs.len() < MAX_COMMON_LANGS => {
                    let bit = 1u16 << self.common_langs.len();
                    self.common_langs.push(lang);
                    for word in rest.split_whitespace() {
                        *self
                            .common_words
                            .entry(word.to_lowercase().into_bytes())
                            .or_insert(0) |= bit;
                    }
                }
                "firstpost" => {
                    if let Some((prefix, rest)) = rest.split_once("{title}")
                        && let Some((infix, suffix)) = rest.split_once("{outlet}")
                        && !infix.trim().is_empty()
                    {
                        self.first_posts.push(FirstPost {
                            prefix: prefix.to_string(),
                            infix: infix.to_string(),
                            suffix: suffix.to_string(),
                        });
                    }
                }
                _ => {}
            }
        }
    }

    fn add_date_words<'a>(&mut self, words: impl Iterator<Item = &'a str>, meaning: DateWord) {
        for word in words {
            self.date_words
                .entry(word.trim_end_matches('.').to_lowercase())
                .or_insert(meaning);
        }
    }

    fn add_noise(&mut self, file: &str) {
        for line in data_lines(file) {
            let entry = line.to_lowercase();
            self.noise_max_len = self.noise_max_len.max(entry.len());
            match entry.strip_suffix('*') {
                Some(prefix) => self.noise_prefixes.push(prefix.trim_end().to_string()),
                None => {
                    self.noise_lines.insert(entry);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_contributes_its_words() {
        let lexicon = lexicon();
        for (word, month) in [
            ("february", 2),
            ("februar", 2),
            ("febbraio", 2),
            ("février", 2),
            ("febrero", 2),
            ("märz", 3),
            ("déc", 12),
        ] {
            assert_eq!(
                lexicon.date_words.get(word),
                Some(&DateWord::Month(month)),
                "{word}"
            );
        }
        for label in ["source", "quelle", "fonte", "fuente", "fuentes"] {
            assert!(lexicon.source_labels.iter().any(|l| l == label), "{label}");
        }
        assert!(lexicon.noise_lines.contains("über den autor"));
        assert!(lexicon.noise_prefixes.iter().any(|p| p == "leggi anche:"));
        assert_eq!(lexicon.iso639.get("deu").map(String::as_str), Some("de"));
        assert!(lexicon.first_posts.len() >= 5);
    }
}
