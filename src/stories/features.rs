//! What an article is about, as story linking compares it: names, handles, URLs and post ids,
//! numbers and dates, and fingerprints of its sentences for near-duplicate copies.
//!
//! [`Features::of`] reads an article once, at ingest; the result is small and serializable so the
//! store keeps it and a restart does not read the text again. Words are kept folded (see
//! [`super::fold`]); the index derives its matching keys from them.
//!
//! It runs for every article on the parse threads, so it reads fast: character classes from a
//! table ([`chars`]), ASCII without decoding, words as byte ranges of the text, folding only the
//! words that may be names, into buffers reused from word to word, and hash maps sorted once at
//! the end. What it finds is exactly what the straightforward reading in `reference.rs` finds;
//! the tests compare the two.

mod chars;
pub(super) use chars::is_han;
mod number;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod same_as_reference;

use super::fold::{fold_into, name_form};
use super::lexicon;
use super::script;
use super::url;
use crate::article::Article;
use chars::{
    ALPHABETIC, HAN, LOWERCASE, NUMERIC, SENTENCE_END, Tables, UPPERCASE, WHITESPACE, is_word,
};
use foldhash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Sentences shorter than this (in letters) are too common to fingerprint a copy.
const MIN_COPY_LETTERS: usize = 40;
/// A text of fewer words than this is short: every name and number in it counts, as in a
/// headline or a one-sentence summary.
const SHORT_TEXT: usize = 150;
/// How many sentence fingerprints an article keeps: the smallest hashes, so that two copies of
/// one text keep the same ones (a bottom-k sketch).
const COPY_SKETCH: usize = 4;
/// The most text read from one article, in bytes: what a story is about is said early, and a huge
/// article (a log, a book pasted in) must not cost more than this.
const MAX_TEXT: usize = 256 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Features {
    /// Single name words, folded (`vladimir`), and pairs of Han characters as written.
    pub names: Vec<String>,
    /// Multi-word names: adjacent name words, folded, joined by a space (`vladimir putin`).
    pub phrases: Vec<String>,
    /// `@handle` and `#tag`, lowercased.
    pub handles: Vec<String>,
    /// Normalised URLs the article cites (see [`super::url::normalise`]).
    pub urls: Vec<String>,
    /// Post and status ids found in those URLs.
    pub posts: Vec<String>,
    /// Numbers of two or more digits, separators normalised (`47000`, `3.5`).
    pub numbers: Vec<String>,
    /// Calendar days named in the text, `MM-DD`.
    pub dates: Vec<String>,
    /// Fingerprints of the article's longest sentences.
    pub copies: Vec<u64>,
    /// The article's own URL, normalised: an article citing it links to this one.
    pub url: Option<String>,
    /// Words of scripts the name reader misses (Georgian, Brahmic scripts), folded; see
    /// [`super::script`].
    #[serde(default)]
    pub script_names: Vec<String>,
}

impl Features {
    /// The features of an article: its title, body, link blocks and links, and its own URL.
    pub fn of(article: &Article) -> Features {
        let mut b = Builder::new();
        b.in_title = true;
        b.text(&article.title);
        b.in_title = false;
        for block in &article.blocks {
            b.text(&block.text);
        }
        for link in &article.links {
            b.url(&link.url);
        }
        let mut features = b.finish();
        features.script_names = script::names(
            std::iter::once(article.title.as_str())
                .chain(article.blocks.iter().map(|b| b.text.as_str())),
        );
        features.url = article
            .url
            .as_deref()
            .and_then(url::normalise)
            .map(|(u, _)| u);
        features
    }

    /// The features of a piece of plain text (paragraphs separated by blank lines).
    pub fn of_text(text: &str) -> Features {
        let mut b = Builder::new();
        for paragraph in text.split("\n\n") {
            b.text(paragraph);
        }
        let mut features = b.finish();
        features.script_names = script::names(text.split("\n\n"));
        features
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
            && self.handles.is_empty()
            && self.urls.is_empty()
            && self.numbers.is_empty()
            && self.dates.is_empty()
            && self.copies.is_empty()
            && self.url.is_none()
            && self.script_names.is_empty()
    }
}

struct Builder {
    t: &'static Tables,
    /// Names and numbers with how often they occur: in a long text, a name said once is in
    /// passing, not what the article is about.
    names: HashMap<String, Name>,
    phrases: HashMap<String, u32>,
    numbers: HashMap<String, u32>,
    /// Names, phrases and numbers kept whatever their count: in the title, or part of a
    /// multi-word name. One set for all three, as a name and a number may be written alike.
    salient: HashSet<String>,
    in_title: bool,
    /// Words read, to tell a short text (every name counts) from a long one.
    words: usize,
    handles: BTreeSet<String>,
    urls: BTreeSet<String>,
    posts: BTreeSet<String>,
    dates: BTreeSet<String>,
    /// The smallest sentence fingerprints so far, ascending, at most [`COPY_SKETCH`].
    copies: Vec<u64>,
    /// Bytes of text still to read (see [`MAX_TEXT`]).
    budget: usize,
    /// Words of the paragraph not yet read for names and dates.
    spans: Vec<Span>,
    /// Buffers reused from word to word: the word folded, the name before it, a phrase or a
    /// number, a number's digits and its groups.
    folded: String,
    previous: String,
    scratch: String,
    digits: String,
    groups: Vec<number::Group>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Name {
    count: u32,
    /// Seen inside a sentence, not only at its start: in a long text, a capitalised word seen
    /// only at sentence starts is more likely a common word than a name.
    inside: bool,
}

/// A word of the paragraph, as a byte range, and what surrounds it.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    /// Only white space since the previous word.
    joined: bool,
    /// The first word of a sentence, capitalised whatever it is.
    initial: bool,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Starts with a digit (see [`Builder::number`]).
    Number,
    /// Starts with a letter; `named` when upper case marks it as a name, or its script has no
    /// case, so that every word may be one.
    Word { named: bool },
}

/// The character at byte `at`, if any.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The character at byte `at`, its length and its classes; ASCII without decoding.
#[inline]
fn classify(t: &Tables, text: &str, at: usize) -> Option<(char, usize, u8)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        let c = char::from(b);
        return Some((c, 1, t.class(c)));
    }
    let c = char_at(text, at)?;
    Some((c, c.len_utf8(), t.class(c)))
}

/// Whether a URL starts at byte `at`, which holds `h` or `w`: [`url::looks_like_url`] without
/// its leading brackets, which are read as punctuation before.
#[inline]
fn starts_url(text: &str, at: usize) -> bool {
    let rest = text.as_bytes().get(at..).unwrap_or_default();
    rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www.")
}

/// Where the run of characters whose classes `keep` accepts, starting at byte `from`, ends.
#[inline]
fn scan(t: &Tables, text: &str, from: usize, keep: impl Fn(char, u8) -> bool) -> usize {
    let mut at = from;
    while let Some((c, len, class)) = classify(t, text, at) {
        if !keep(c, class) {
            break;
        }
        at += len;
    }
    at
}

/// Where the word starting at byte `from` ends: letters and digits, not Han; ASCII letters and
/// digits, the most of any text, are read a byte at a time.
#[inline]
fn word_end(t: &Tables, text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        match bytes.get(at) {
            Some(b) if b.is_ascii_alphanumeric() => at += 1,
            Some(b) if *b >= 0x80 => match char_at(text, at) {
                Some(c) if is_word(t.class(c)) => at += c.len_utf8(),
                _ => return at,
            },
            _ => return at,
        }
    }
}

/// A day of the month written with digits (`13`, `13.`), without allocating for ASCII.
fn day_number(word: &str, scratch: &mut String) -> Option<u8> {
    let value = if word.is_ascii() {
        let mut n: u32 = 0;
        for b in word.bytes().filter(u8::is_ascii_digit) {
            n = n.saturating_mul(10).saturating_add(u32::from(b - b'0'));
        }
        u8::try_from(n).ok()
    } else {
        scratch.clear();
        fold_into(word, scratch);
        scratch.parse::<u8>().ok()
    };
    value.filter(|d| (1..=31).contains(d))
}

/// For each ASCII byte, what a sentence fingerprint makes of it: a letter or digit is hashed in
/// lowercase, [`SENTENCE_END_BYTE`] ends a sentence, 0 is skipped.
const FINGERPRINT_ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if matches!(c, b'.' | b'!' | b'?' | b';') {
            SENTENCE_END_BYTE
        } else {
            0
        };
        b += 1;
    }
    table
};
const SENTENCE_END_BYTE: u8 = 1;

impl Builder {
    fn new() -> Builder {
        Builder {
            t: chars::tables(),
            // Sized for an article of a few pages: growing a map is a large part of reading one.
            names: HashMap::with_capacity_and_hasher(64, Default::default()),
            phrases: HashMap::with_capacity_and_hasher(16, Default::default()),
            numbers: HashMap::with_capacity_and_hasher(16, Default::default()),
            salient: HashSet::with_capacity_and_hasher(16, Default::default()),
            in_title: false,
            words: 0,
            handles: BTreeSet::new(),
            urls: BTreeSet::new(),
            posts: BTreeSet::new(),
            dates: BTreeSet::new(),
            copies: Vec::with_capacity(COPY_SKETCH + 1),
            budget: MAX_TEXT,
            spans: Vec::new(),
            folded: String::new(),
            previous: String::new(),
            scratch: String::new(),
            digits: String::new(),
            groups: Vec::new(),
        }
    }

    fn finish(self) -> Features {
        let short = self.words < SHORT_TEXT;
        let salient = &self.salient;
        let kept = |key: &str, count: u32, inside: bool| {
            (short || count >= 2 || salient.contains(key))
                && (short
                    || salient.contains(key)
                    || key.contains(' ')
                    || key.starts_with(|c: char| c.is_ascii_digit())
                    || inside)
        };
        let sorted = |mut keys: Vec<String>| {
            keys.sort_unstable();
            keys
        };
        let names = self
            .names
            .into_iter()
            .filter(|(k, n)| kept(k, n.count, n.inside))
            .map(|(k, _)| k)
            .collect();
        let ordinary = |map: HashMap<String, u32>| -> Vec<String> {
            sorted(
                map.into_iter()
                    .filter(|(k, n)| kept(k, *n, false))
                    .map(|(k, _)| k)
                    .collect(),
            )
        };
        Features {
            names: sorted(names),
            phrases: ordinary(self.phrases),
            numbers: ordinary(self.numbers),
            handles: self.handles.into_iter().collect(),
            urls: self.urls.into_iter().collect(),
            posts: self.posts.into_iter().collect(),
            dates: self.dates.into_iter().collect(),
            copies: self.copies,
            url: None,
            script_names: Vec::new(),
        }
    }

    fn url(&mut self, raw: &str) {
        if let Some((url, post)) = url::normalise(raw) {
            self.urls.insert(url);
            if let Some(post) = post {
                self.posts.insert(post);
            }
        }
    }

    /// Reads one paragraph: one pass for fingerprints, one over its words, ASCII without
    /// decoding, and no allocation for a word that is not kept.
    fn text(&mut self, text: &str) {
        let text = self.clip(text);
        if text.is_empty() {
            return;
        }
        self.fingerprints(text);
        let t = self.t;
        let mut joined = false;
        let mut sentence_start = true;
        let mut at = 0;
        while let Some((c, len, class)) = classify(t, text, at) {
            if class & WHITESPACE != 0 {
                at += len;
                continue;
            }
            if (c == 'h' || c == 'w') && starts_url(text, at) {
                let end = scan(t, text, at, |_, k| k & WHITESPACE == 0);
                self.url(text.get(at..end).unwrap_or(""));
                at = end;
                self.flush(text);
                joined = false;
                continue;
            }
            if (c == '@' || c == '#')
                && classify(t, text, at + 1).is_some_and(|(_, _, k)| is_word(k))
            {
                let start = at + 1;
                let end = scan(t, text, start, |n, k| is_word(k) || n == '_');
                self.handle(c, text.get(start..end).unwrap_or(""));
                at = end;
                joined = false;
                continue;
            }
            let kind = if class & NUMERIC != 0 {
                Kind::Number
            } else if class & HAN != 0 {
                let end = scan(t, text, at, |n, _| chars::is_han(n));
                self.han(text.get(at..end).unwrap_or(""));
                self.flush(text);
                joined = false;
                at = end;
                continue;
            } else if is_word(class) {
                Kind::Word {
                    named: class & UPPERCASE != 0
                        || (class & ALPHABETIC != 0 && class & LOWERCASE == 0),
                }
            } else {
                // Punctuation breaks a multi-word name, and some of it ends a sentence.
                joined = false;
                if class & SENTENCE_END != 0 {
                    sentence_start = true;
                }
                at += len;
                continue;
            };
            let end = match kind {
                Kind::Number => self.number(text, at),
                Kind::Word { .. } => word_end(t, text, at),
            };
            self.spans.push(Span {
                start: at,
                end,
                joined,
                initial: sentence_start,
                kind,
            });
            self.words += 1;
            joined = true;
            sentence_start = false;
            at = end;
        }
        self.flush(text);
    }

    /// The part of a paragraph still within the article's budget of bytes.
    fn clip<'t>(&mut self, text: &'t str) -> &'t str {
        if text.len() <= self.budget {
            self.budget -= text.len();
            return text;
        }
        let mut end = self.budget;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.budget = 0;
        text.get(..end).unwrap_or("")
    }

    /// `@handle` or `#tag`, lowercased.
    fn handle(&mut self, sign: char, word: &str) {
        self.folded.clear();
        fold_into(word, &mut self.folded);
        if self.folded.len() >= 2 {
            self.handles.insert(format!("{sign}{}", self.folded));
        }
    }

    /// Names, multi-word names and dates from the paragraph's pending words.
    fn flush(&mut self, text: &str) {
        let spans = std::mem::take(&mut self.spans);
        let mut has_previous = false;
        let mut previous_day: Option<u8> = None;
        let mut pending_month: Option<u8> = None;
        for (i, word) in spans.iter().enumerate() {
            if !word.joined {
                has_previous = false;
                previous_day = None;
                pending_month = None;
            }
            let Some(w) = text.get(word.start..word.end) else {
                continue;
            };
            let named = match word.kind {
                Kind::Number => {
                    has_previous = false;
                    let day = day_number(w, &mut self.scratch);
                    if let (Some(month), Some(day)) = (pending_month.take(), day) {
                        self.dates.insert(format!("{month:02}-{day:02}"));
                    }
                    previous_day = day;
                    continue;
                }
                Kind::Word { named } => named,
            };
            let next_is_number = spans
                .get(i + 1)
                .is_some_and(|n| n.joined && n.kind == Kind::Number);
            if !named && previous_day.is_none() && !next_is_number {
                // Most words: not a name, not next to a number, so not a month of a date either.
                has_previous = false;
                continue;
            }
            self.folded.clear();
            fold_into(name_form(w), &mut self.folded);
            let entry = lexicon::entry(&self.folded);
            if let Some(month) = entry.month {
                if let Some(day) = previous_day.take() {
                    self.dates.insert(format!("{month:02}-{day:02}"));
                } else {
                    pending_month = Some(month);
                }
                has_previous = false;
                continue;
            }
            previous_day = None;
            pending_month = None;
            if !named || self.folded.len() < 2 || entry.stopword & lexicon::script_of(w) != 0 {
                has_previous = false;
                continue;
            }
            if has_previous {
                self.scratch.clear();
                self.scratch.push_str(&self.previous);
                self.scratch.push(' ');
                self.scratch.push_str(&self.folded);
                insert(&mut self.salient, &self.previous);
                insert(&mut self.salient, &self.folded);
                if self.in_title {
                    insert(&mut self.salient, &self.scratch);
                }
                update(&mut self.phrases, &self.scratch, |n| *n += 1);
            }
            if self.in_title {
                insert(&mut self.salient, &self.folded);
            }
            update(&mut self.names, &self.folded, |name| {
                name.count += 1;
                name.inside |= !word.initial;
            });
            std::mem::swap(&mut self.previous, &mut self.folded);
            has_previous = true;
        }
        self.spans = spans;
        self.spans.clear();
    }

    /// A run of Han characters has no spaces: its adjacent pairs stand for its words.
    fn han(&mut self, run: &str) {
        let mut starts = run.char_indices().map(|(i, _)| i).chain([run.len()]);
        let (Some(mut a), Some(mut b)) = (starts.next(), starts.next()) else {
            return;
        };
        for c in starts {
            // The pair is a slice of the text: no allocation unless it is new.
            if let Some(pair) = run.get(a..c) {
                update(&mut self.names, pair, |name| name.count += 1);
            }
            (a, b) = (b, c);
        }
        let _ = b;
    }

    /// Fingerprints of the paragraph's sentences: letters and digits only, lowercased. ASCII is
    /// read a byte at a time through [`FINGERPRINT_ASCII`].
    fn fingerprints(&mut self, text: &str) {
        let t = self.t;
        let bytes = text.as_bytes();
        let mut hash = FNV_OFFSET;
        let mut letters = 0;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            let action = match FINGERPRINT_ASCII.get(usize::from(b)) {
                Some(&action) => {
                    at += 1;
                    action
                }
                None => {
                    let Some(c) = char_at(text, at) else {
                        break;
                    };
                    at += c.len_utf8();
                    let class = t.class(c);
                    if class & (ALPHABETIC | NUMERIC) != 0 {
                        t.lowercase_bytes(c, |b| {
                            hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                        });
                        letters += 1;
                        continue;
                    }
                    if class & SENTENCE_END == 0 {
                        continue;
                    }
                    SENTENCE_END_BYTE
                }
            };
            if action > SENTENCE_END_BYTE {
                hash = (hash ^ u64::from(action)).wrapping_mul(FNV_PRIME);
                letters += 1;
            } else if action == SENTENCE_END_BYTE {
                if letters >= MIN_COPY_LETTERS {
                    self.copy(hash);
                }
                hash = FNV_OFFSET;
                letters = 0;
            }
        }
        if letters >= MIN_COPY_LETTERS {
            self.copy(hash);
        }
    }

    /// Keeps `hash` if it is among the [`COPY_SKETCH`] smallest so far.
    fn copy(&mut self, hash: u64) {
        if let Err(at) = self.copies.binary_search(&hash)
            && at < COPY_SKETCH
        {
            self.copies.insert(at, hash);
            self.copies.truncate(COPY_SKETCH);
        }
    }
}

/// Adds `key` to the set, allocating only when it is new.
fn insert(set: &mut HashSet<String>, key: &str) {
    if !set.contains(key) {
        set.insert(key.to_string());
    }
}

/// Changes the value kept for `key` with `f`, allocating the key only when it is new.
fn update<V: Default>(map: &mut HashMap<String, V>, key: &str, f: impl FnOnce(&mut V)) {
    match map.get_mut(key) {
        Some(value) => f(value),
        None => {
            let mut value = V::default();
            f(&mut value);
            map.insert(key.to_string(), value);
        }
    }
}

pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(super) const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_multi_word_names() {
        let f =
            Features::of_text("Der Kanzler traf Wladimir Putin in Kiew. Die Gespräche dauerten.");
        assert!(f.names.contains(&"wladimir".to_string()), "{f:?}");
        assert!(f.names.contains(&"putin".to_string()));
        assert!(f.names.contains(&"kiew".to_string()));
        assert!(f.phrases.contains(&"wladimir putin".to_string()));
        // Sentence-initial function words are not names.
        assert!(!f.names.contains(&"der".to_string()));
        assert!(!f.names.contains(&"die".to_string()));
    }

    #[test]
    fn numbers_with_any_separator_are_one() {
        let a = Features::of_text("Es kamen 47.000 Menschen, 3,5 Prozent mehr.");
        let b = Features::of_text("About 47,000 people came; 47 000 by the other count.");
        assert!(a.numbers.contains(&"47000".to_string()), "{a:?}");
        assert!(a.numbers.contains(&"3.5".to_string()));
        assert_eq!(b.numbers, vec!["47000".to_string()]);
        // A single digit is not a number feature.
        assert!(Features::of_text("Es waren 7 Leute.").numbers.is_empty());
    }

    #[test]
    fn dates_in_several_forms() {
        for text in [
            "Am 13. Februar 2021 sprach er.",
            "Il 13 febbraio parlò.",
            "On February 13, he spoke.",
            "Er sprach am 13.02.2021 lange.",
            "(13.2.) Er sprach.",
            "2월 13일, 그는 말했다.",
            "2月13日，他说。",
        ] {
            let f = Features::of_text(text);
            assert_eq!(f.dates, vec!["02-13".to_string()], "{text}: {f:?}");
        }
    }

    #[test]
    fn dates_in_more_languages() {
        for text in [
            "Прэзідэнт выступіў (8 кастрычніка).",
            "Η συνάντηση έγινε στις 8 Οκτωβρίου.",
            "შეხვედრა 8 ოქტომბერს გაიმართა.",
            "عقد الاجتماع في 8 أكتوبر.",
            "Kokous pidettiin 8. lokakuuta.",
            "Schůzka se konala 8. října.",
        ] {
            let f = Features::of_text(text);
            assert_eq!(f.dates, vec!["10-08".to_string()], "{text}: {f:?}");
        }
    }

    #[test]
    fn handles_tags_urls_and_posts() {
        let f = Features::of_text(
            "Musk (@elonmusk) schrieb #Clubhouse: https://twitter.com/elonmusk/status/1360289437282492418 dazu.",
        );
        assert_eq!(
            f.handles,
            vec!["#clubhouse".to_string(), "@elonmusk".to_string()]
        );
        assert_eq!(f.posts, vec!["1360289437282492418".to_string()]);
        assert_eq!(f.urls.len(), 1);
        // The URL's words are not names.
        assert!(!f.names.iter().any(|n| n.contains("twitter")), "{f:?}");
    }

    #[test]
    fn other_scripts_are_read() {
        let f = Features::of_text("Президент Владимир Путин выступил.");
        assert!(f.names.contains(&"putin".to_string()), "{f:?}");
        let zh = Features::of_text("戈尔巴乔夫过世，享年91岁。");
        assert!(zh.names.contains(&"戈尔".to_string()), "{zh:?}");
        assert!(zh.numbers.contains(&"91".to_string()));
    }

    #[test]
    fn copies_share_fingerprints() {
        let text = "A long sentence that a wire service wrote and many outlets printed as it was. \
                    Another sentence of the same wire text, also long enough to count here.";
        let a = Features::of_text(text);
        let b = Features::of_text(&format!("Local intro line. {text}"));
        assert!(!a.copies.is_empty());
        assert!(a.copies.iter().all(|h| b.copies.contains(h)));
    }

    #[test]
    fn nothing_in_nothing() {
        assert!(Features::of_text("").is_empty());
        assert!(Features::of_text("und so weiter, nichts hier.").is_empty());
    }
}
