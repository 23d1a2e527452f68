//! Stable article ids.
//!
//! An `ArticleId` is the 64-bit FNV-1a hash of the article's canonical key, written as 16 lowercase
//! hex digits. The key is, in order of preference:
//!
//! - `url:` + the article's URL, normalised (scheme and host lowercased, `#fragment` and a trailing
//!   `/` dropped), or `guid:` + a feed item's guid;
//! - else `title:` + the normalised first source + `\n` + the normalised title, where normalising
//!   is Unicode NFKC, lowercase, and runs of white space folded to one space;
//! - for an article read from text (plain text, Markdown) that has no URL, that key is followed by
//!   `\n` + its publication date (`YYYY-MM-DD` or `YYYY-MM`) when it has one, else by `\n` + the
//!   first 16 words of its first paragraph, normalised: outlets reuse headlines ("Live updates",
//!   a recurring column), and two different articles must not share one id and one read mark.
//!
//! The hash and the keys are part of the on-disk format (read marks hang on ids): they never change
//! between versions. An edited or moved file keeps its id, and so its read mark.

use super::Published;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl ArticleId {
    /// The id of a canonical key (see the module docs for what the key is).
    pub fn from_key(key: &str) -> Self {
        let mut hash = FNV_OFFSET;
        for byte in key.as_bytes() {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
        ArticleId(hash)
    }

    /// The id of an article with a URL.
    pub fn from_url(url: &str) -> Self {
        Self::from_key(&format!("url:{}", normalise_url(url)))
    }

    /// The id of a feed item with a guid.
    pub fn from_guid(guid: &str) -> Self {
        Self::from_key(&format!("guid:{}", guid.trim()))
    }

    /// The id of an article without URL or guid: its first source and its title.
    pub fn from_source_and_title(source: Option<&str>, title: &str) -> Self {
        let mut key = String::from("title:");
        normalise_into(source.unwrap_or(""), &mut key);
        key.push('\n');
        normalise_into(title, &mut key);
        Self::from_key(&key)
    }

    /// The id of an article read from text without a URL: first source and title, then the date
    /// when known, else the start of the text (see the module docs).
    pub fn from_text_article(
        source: Option<&str>,
        title: &str,
        published: Option<Published>,
        first_paragraph: &str,
    ) -> Self {
        // The key is written in one buffer: this runs for every text article parsed.
        let mut key = String::with_capacity(64 + source.map_or(0, str::len) + title.len() * 2);
        key.push_str("title:");
        normalise_into(source.unwrap_or(""), &mut key);
        key.push('\n');
        normalise_into(title, &mut key);
        key.push('\n');
        match published {
            Some(date) => {
                use std::fmt::Write;
                let _ = write!(key, "{date}");
            }
            None => {
                let mut lead = String::with_capacity(first_paragraph.len().min(256));
                for (i, word) in first_paragraph.split_whitespace().take(16).enumerate() {
                    if i > 0 {
                        lead.push(' ');
                    }
                    lead.push_str(word);
                }
                normalise_into(&lead, &mut key);
            }
        }
        Self::from_key(&key)
    }
}

/// Appends `text` normalised to `out`: NFKC, lowercase, runs of white space folded to one space
/// and none at either end. Text that is already in NFKC (nearly all of it; the quick check
/// answers without decomposing, and ASCII needs no check) is not normalised again, and the
/// folding is done in one pass.
fn normalise_into(text: &str, out: &mut String) {
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        fold_into(text.chars(), out);
    } else {
        fold_into(text.nfkc(), out);
    }
}

/// Appends `chars` lowercased to `out`, each run of white space as one space, none at either end:
/// the same as `split_whitespace().join(" ")` of the lowercased text. A character that is already
/// lowercase is its own lowercase (a test checks every one), which saves the table search of
/// `char::to_lowercase` for most letters of most scripts.
fn fold_into(chars: impl Iterator<Item = char>, out: &mut String) {
    let start = out.len();
    let mut space = false;
    for c in chars {
        if c.is_whitespace() {
            space = out.len() > start;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_lowercase() {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => (String::new(), url),
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = path.strip_suffix('/').unwrap_or(path);
    format!("{scheme}://{}{path}", host.to_ascii_lowercase())
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not an article id: {0:?} (ids are 16 hex digits, as `tidings list` prints them)")]
pub struct BadId(String);

impl FromStr for ArticleId {
    type Err = BadId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 16 {
            return Err(BadId(s.to_string()));
        }
        u64::from_str_radix(s, 16)
            .map(ArticleId)
            .map_err(|_| BadId(s.to_string()))
    }
}

/// As its 16 hex digits in text formats (the JSON contract); as the number in binary ones (the
/// store's cache and story index), which is smaller and needs no parsing.
impl Serialize for ArticleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_u64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for ArticleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            s.parse().map_err(serde::de::Error::custom)
        } else {
            u64::deserialize(d).map(ArticleId)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // Vectors from the FNV reference (Fowler, Noll, Vo): the hash must never change.
        assert_eq!(ArticleId::from_key("").0, 0xcbf29ce484222325);
        assert_eq!(ArticleId::from_key("a").0, 0xaf63dc4c8601ec8c);
        assert_eq!(ArticleId::from_key("foobar").0, 0x85944171f73967e8);
    }

    #[test]
    fn ids_are_pinned() {
        // Read marks in users' stores hang on these: a change here loses them.
        assert_eq!(
            ArticleId::from_source_and_title(Some("Wired"), "Ein Titel").to_string(),
            format!("{}", ArticleId::from_key("title:wired\nein titel"))
        );
        assert_eq!(
            ArticleId::from_url("HTTPS://Example.COM/a/b/#top"),
            ArticleId::from_url("https://example.com/a/b")
        );
    }

    #[test]
    fn text_articles_are_told_apart_by_date_else_by_their_start() {
        let day = |d| Published {
            year: 2025,
            month: 3,
            day: Some(d),
            time: None,
        };
        fn id(date: Option<Published>, lead: &str) -> ArticleId {
            ArticleId::from_text_article(Some("Courier"), "Live", date, lead)
        }
        assert_ne!(id(Some(day(1)), "same text"), id(Some(day(2)), "same text"));
        assert_eq!(
            id(Some(day(1)), "one text"),
            id(Some(day(1)), "another text")
        );
        assert_ne!(
            id(None, "The council met on Monday."),
            id(None, "Fire on the hill.")
        );
        let long = "one two three four five six seven eight nine ten eleven twelve 13 14 15 16";
        assert_eq!(
            id(None, &format!("{long} and an edit far below")),
            id(None, &format!("{long}  AND a different ending"))
        );
        assert_eq!(
            id(None, "x").to_string(),
            ArticleId::from_key("title:courier\nlive\nx").to_string()
        );
    }

    fn normalise_text(text: &str) -> String {
        let mut out = String::new();
        normalise_into(text, &mut out);
        out
    }

    /// The definition the ids were first computed with: the fast path must give the same keys.
    fn normalise_reference(text: &str) -> String {
        let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn normalising_matches_its_definition() {
        for text in [
            "",
            "  Putin  and\tMusk ",
            "ＦＵＬＬ ｗｉｄｔｈ ﬁ ligature",
            "Cafe\u{301} déjà vu\u{a0}«ciao»",
            "İstanbul ΣΟΦΙΑ Straße",
            "\u{2003}lead and trail\u{3000}",
        ] {
            assert_eq!(normalise_text(text), normalise_reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        #[test]
        fn normalising_matches_its_definition_on_any_text(s in ".{0,40}") {
            proptest::prop_assert_eq!(normalise_text(&s), normalise_reference(&s));
        }
    }

    #[test]
    fn a_lowercase_character_is_its_own_lowercase() {
        // What the fast path of `fold_into` relies on, for every character.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_lowercase() {
                let mut lower = c.to_lowercase();
                assert_eq!((lower.next(), lower.next()), (Some(c), None), "{c:?}");
            }
        }
    }

    #[test]
    fn text_article_keys_match_their_definition() {
        // The key as the module docs define it, built the plain way.
        let reference = |source: &str, title: &str, date: Option<Published>, lead: &str| {
            let tell_apart = match date {
                Some(d) => d.to_string(),
                None => {
                    let words: Vec<_> = lead.split_whitespace().take(16).collect();
                    normalise_reference(&words.join(" "))
                }
            };
            ArticleId::from_key(&format!(
                "title:{}\n{}\n{tell_apart}",
                normalise_reference(source),
                normalise_reference(title)
            ))
        };
        let date = Published {
            year: 2024,
            month: 11,
            day: Some(5),
            time: Some((9, 30)),
        };
        for (source, title, date, lead) in [
            ("", "", None, ""),
            (
                " Rete  Digitale",
                "Pagora, rubati i dati",
                Some(date),
                "ignored",
            ),
            (
                "ＡＮＳＡ",
                "İstanbul ΣΟΦΙΑ Straße",
                None,
                "  Un  due\ttre ﬁ quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici diciassette",
            ),
            (
                "Вести",
                "Пожар в Москве",
                None,
                "\u{3000}Café\u{301}  déjà vu",
            ),
        ] {
            assert_eq!(
                ArticleId::from_text_article(
                    Some(source).filter(|s| !s.is_empty()),
                    title,
                    date,
                    lead
                ),
                reference(source, title, date, lead),
                "{title:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn text_article_keys_match_their_definition_on_any_text(
            source in ".{0,12}", title in ".{0,30}", lead in "(\\PC{0,8}[ \t\u{a0}]{1,2}){0,20}",
        ) {
            let words: Vec<_> = lead.split_whitespace().take(16).collect();
            let expected = ArticleId::from_key(&format!(
                "title:{}\n{}\n{}",
                normalise_reference(&source),
                normalise_reference(&title),
                normalise_reference(&words.join(" "))
            ));
            proptest::prop_assert_eq!(
                ArticleId::from_text_article(Some(source.as_str()), &title, None, &lead),
                expected
            );
        }
    }

    #[test]
    fn title_ids_ignore_case_and_spacing() {
        assert_eq!(
            ArticleId::from_source_and_title(Some(" CNN"), "Putin  and\tMusk"),
            ArticleId::from_source_and_title(Some("cnn"), "putin and musk")
        );
    }

    #[test]
    fn ids_round_trip_through_text() {
        let id = ArticleId::from_key("x");
        assert_eq!(id.to_string().parse::<ArticleId>().unwrap(), id);
        assert!("xyz".parse::<ArticleId>().is_err());
        assert!("zzzzzzzzzzzzzzzz".parse::<ArticleId>().is_err());
    }
}
