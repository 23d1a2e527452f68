//! The straightforward reading of story features, as first written: BTreeMaps, a String per
//! word, std's Unicode tables for every character. Tests compare the fast reading in
//! [`super`] with it, so that a speed-up never changes what linking sees.

use super::super::fold::fold;
use super::super::lexicon;
use super::super::url;
use super::Features;
use crate::article::Article;
use std::collections::{BTreeMap, BTreeSet};

const MIN_COPY_LETTERS: usize = 40;
const SHORT_TEXT: usize = 150;
const COPY_SKETCH: usize = 4;
const MAX_TEXT: usize = 256 * 1024;

/// [`Features::of`], read the straightforward way.
pub fn of(article: &Article) -> Features {
    let mut b = Builder {
        in_title: true,
        budget: MAX_TEXT,
        ..Builder::default()
    };
    b.text(&article.title);
    b.in_title = false;
    for block in &article.blocks {
        b.text(&block.text);
    }
    for link in &article.links {
        b.url(&link.url);
    }
    let mut features = b.finish();
    // Names of scripts read whole words at a time come from one reading only.
    features.script_names = crate::stories::script::names(
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

/// [`Features::of_text`], read the straightforward way.
pub fn of_text(text: &str) -> Features {
    let mut b = Builder {
        budget: MAX_TEXT,
        ..Builder::default()
    };
    for paragraph in text.split("\n\n") {
        b.text(paragraph);
    }
    let mut features = b.finish();
    features.script_names = crate::stories::script::names(text.split("\n\n"));
    features
}

#[derive(Default)]
struct Builder {
    /// Names and numbers with how often they occur: in a long text, a name said once is in
    /// passing, not what the article is about.
    names: BTreeMap<String, u32>,
    phrases: BTreeMap<String, u32>,
    numbers: BTreeMap<String, u32>,
    /// Names, phrases and numbers kept whatever their count: in the title, or part of a
    /// multi-word name.
    salient: BTreeSet<String>,
    in_title: bool,
    /// Names seen inside a sentence, not only at its start: in a long text, a capitalised word
    /// seen only at sentence starts is more likely a common word than a name.
    inside: BTreeSet<String>,
    /// Words read, to tell a short text (every name counts) from a long one.
    words: usize,
    handles: BTreeSet<String>,
    urls: BTreeSet<String>,
    posts: BTreeSet<String>,
    dates: BTreeSet<String>,
    copies: BTreeSet<u64>,
    /// Bytes of text still to read (see [`MAX_TEXT`]).
    budget: usize,
}

/// A word of the text and what surrounds it.
struct Word<'a> {
    text: &'a str,
    /// Only white space since the previous word.
    joined: bool,
    /// The first word of a sentence, capitalised whatever it is.
    initial: bool,
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Where the run of non-space characters starting at `from` ends.
fn run_end(text: &str, from: usize) -> usize {
    scan(text, from, |c| !c.is_whitespace())
}

/// The character at byte `at`, if any.
fn next_char(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Where the run of characters that `keep` accepts, starting at byte `from`, ends; ASCII is read
/// without decoding.
#[inline]
fn scan(text: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if !keep(char::from(b)) {
                break;
            }
            at += 1;
        } else {
            match next_char(text, at) {
                Some(c) if keep(c) => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

/// A day of the month written with digits (`13`, `13.`), without allocating for ASCII.
fn day_number(word: &str) -> Option<u8> {
    let value = if word.is_ascii() {
        let mut n: u32 = 0;
        for b in word.bytes().filter(u8::is_ascii_digit) {
            n = n.saturating_mul(10).saturating_add(u32::from(b - b'0'));
        }
        u8::try_from(n).ok()
    } else {
        fold(word).parse::<u8>().ok()
    };
    value.filter(|d| (1..=31).contains(d))
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।' | ';')
}

impl Builder {
    fn finish(self) -> Features {
        let short = self.words < SHORT_TEXT;
        let keep = |map: BTreeMap<String, u32>| -> Vec<String> {
            map.into_iter()
                .filter(|(k, n)| short || *n >= 2 || self.salient.contains(k))
                .filter(|(k, _)| {
                    short
                        || self.salient.contains(k)
                        || k.contains(' ')
                        || k.starts_with(|c: char| c.is_ascii_digit())
                        || self.inside.contains(k)
                })
                .map(|(k, _)| k)
                .collect()
        };
        Features {
            names: keep(self.names.clone()),
            phrases: keep(self.phrases.clone()),
            numbers: keep(self.numbers.clone()),
            handles: self.handles.into_iter().collect(),
            urls: self.urls.into_iter().collect(),
            posts: self.posts.into_iter().collect(),
            dates: self.dates.into_iter().collect(),
            copies: self.copies.into_iter().take(COPY_SKETCH).collect(),
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

    /// Reads one paragraph: one pass over its bytes, ASCII without decoding, and no allocation
    /// for a word that is not kept.
    fn text(&mut self, text: &str) {
        let text = self.clip(text);
        if text.is_empty() {
            return;
        }
        self.fingerprints(text);
        let bytes = text.as_bytes();
        let mut words: Vec<Word<'_>> = Vec::new();
        let mut joined = false;
        let mut sentence_start = true;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            let (c, len) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                match text.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if c.is_whitespace() {
                at += len;
                continue;
            }
            if (c == 'h' || c == 'w') && url::looks_like_url(&text[at..]) {
                let end = run_end(text, at);
                self.url(&text[at..end]);
                at = end;
                self.flush(&mut words);
                joined = false;
                continue;
            }
            if (c == '@' || c == '#') && next_char(text, at + 1).is_some_and(is_word_char) {
                let start = at + 1;
                let end = scan(text, start, |n| is_word_char(n) || n == '_');
                let folded = fold(&text[start..end]);
                if folded.len() >= 2 {
                    self.handles.insert(format!("{c}{folded}"));
                }
                at = end;
                joined = false;
                continue;
            }
            if c.is_numeric() {
                let end = self.number(text, at);
                words.push(Word {
                    text: &text[at..end],
                    joined,
                    initial: sentence_start,
                });
                self.words += 1;
                joined = true;
                sentence_start = false;
                at = end;
                continue;
            }
            if is_han(c) {
                let end = scan(text, at, is_han);
                self.han(&text[at..end]);
                self.flush(&mut words);
                joined = false;
                at = end;
                continue;
            }
            if is_word_char(c) {
                let end = scan(text, at, is_word_char);
                words.push(Word {
                    text: &text[at..end],
                    joined,
                    initial: sentence_start,
                });
                self.words += 1;
                joined = true;
                sentence_start = false;
                at = end;
                continue;
            }
            // Punctuation breaks a multi-word name, and some of it ends a sentence.
            joined = false;
            if ends_sentence(c) {
                sentence_start = true;
            }
            at += len;
        }
        self.flush(&mut words);
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
        &text[..end]
    }

    /// Names, multi-word names and dates from a run of words.
    fn flush(&mut self, words: &mut Vec<Word<'_>>) {
        let mut previous_name: Option<String> = None;
        let mut previous_day: Option<u8> = None;
        let mut pending_month: Option<u8> = None;
        for i in 0..words.len() {
            let word = &words[i];
            if !word.joined {
                previous_name = None;
                previous_day = None;
                pending_month = None;
            }
            let first = word.text.chars().next().unwrap_or(' ');
            if first.is_numeric() {
                previous_name = None;
                let day = day_number(word.text);
                if let (Some(month), Some(day)) = (pending_month.take(), day) {
                    self.dates.insert(format!("{month:02}-{day:02}"));
                }
                previous_day = day;
                continue;
            }
            // Upper case marks a name; in scripts without case every word may be one.
            let named = first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase());
            let next_is_number = words
                .get(i + 1)
                .is_some_and(|w| w.joined && w.text.starts_with(|c: char| c.is_numeric()));
            if !named && previous_day.is_none() && !next_is_number {
                // Most words: not a name, not next to a number, so not a month of a date either.
                previous_name = None;
                continue;
            }
            let folded = fold(crate::stories::fold::name_form(word.text));
            if let Some(month) = lexicon::month(&folded) {
                if let Some(day) = previous_day.take() {
                    self.dates.insert(format!("{month:02}-{day:02}"));
                } else {
                    pending_month = Some(month);
                }
                previous_name = None;
                continue;
            }
            previous_day = None;
            pending_month = None;
            if !named || folded.len() < 2 || lexicon::is_function_word(&folded, word.text) {
                previous_name = None;
                continue;
            }
            if let Some(previous) = previous_name.take() {
                let phrase = format!("{previous} {folded}");
                self.salient.insert(previous);
                self.salient.insert(folded.clone());
                if self.in_title {
                    self.salient.insert(phrase.clone());
                }
                count(&mut self.phrases, &phrase);
            }
            if self.in_title {
                self.salient.insert(folded.clone());
            }
            if !word.initial && !self.inside.contains(&folded) {
                self.inside.insert(folded.clone());
            }
            count(&mut self.names, &folded);
            previous_name = Some(folded);
        }
        words.clear();
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
                count(&mut self.names, pair);
            }
            (a, b) = (b, c);
        }
        let _ = b;
    }

    /// Reads the number starting at `at`, records it, and returns where it ends.
    fn number(&mut self, text: &str, at: usize) -> usize {
        // Groups of digits and the separator after each.
        let mut groups: Vec<(String, Option<char>)> = Vec::new();
        let mut digits = String::new();
        let mut end = at;
        let mut chars = text[at..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_ascii_digit() {
                digits.push(c);
                end = at + i + 1;
                continue;
            }
            if c.is_numeric() {
                match fold(c.encode_utf8(&mut [0; 4])).as_str() {
                    d if d.len() == 1 && d.as_bytes()[0].is_ascii_digit() => digits.push_str(d),
                    _ => break,
                }
                end = at + i + c.len_utf8();
                continue;
            }
            let separator = matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’');
            let digit_follows = chars.peek().is_some_and(|&(_, n)| n.is_numeric());
            if separator && digit_follows && !digits.is_empty() {
                groups.push((std::mem::take(&mut digits), Some(c)));
                continue;
            }
            if c == '.' && !digits.is_empty() {
                // A trailing dot, as in a day "17.3.", is kept as a mark on the last group.
                groups.push((std::mem::take(&mut digits), Some('.')));
                end = at + i + 1;
            }
            break;
        }
        if !digits.is_empty() {
            groups.push((digits, None));
        }
        if end == at {
            // A numeric character that is not a digit (a fraction, a Roman numeral).
            return at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
        if let [(month, None)] = groups.as_slice()
            && let Some(date_end) = self.east_asian_date(text, month, end)
        {
            return date_end;
        }
        self.read_groups(&groups);
        end
    }

    /// `3月17日` and `3월 17일`: a month number, the month sign, a day number, the day sign.
    fn east_asian_date(&mut self, text: &str, month: &str, end: usize) -> Option<usize> {
        let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        let rest = text.get(end..)?;
        let after = rest
            .strip_prefix('月')
            .or_else(|| rest.strip_prefix('월'))?;
        let trimmed = after.trim_start();
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let day: Option<u8> = trimmed.get(..digits).and_then(|d| d.parse().ok());
        let tail = trimmed.get(digits..).unwrap_or("");
        let consumed = text.len() - after.len();
        match day.filter(|d| (1..=31).contains(d)) {
            Some(day) if tail.starts_with('日') || tail.starts_with('일') => {
                self.dates.insert(format!("{month:02}-{day:02}"));
                Some(text.len() - tail.len() + '日'.len_utf8())
            }
            _ => Some(consumed),
        }
    }

    fn read_groups(&mut self, groups: &[(String, Option<char>)]) {
        let dotted = groups.iter().all(|(_, s)| matches!(s, Some('.') | None));
        // 13.02.2021 or 17.3. : a day and a month.
        if dotted && (2..=3).contains(&groups.len()) {
            let day = groups[0].0.parse::<u8>().unwrap_or(0);
            let month = groups[1].0.parse::<u8>().unwrap_or(0);
            let year_ok = groups.get(2).is_none_or(|(y, _)| y.len() == 4);
            let closed = groups.len() == 3 || groups[1].1 == Some('.');
            if groups[0].0.len() <= 2
                && groups[1].0.len() <= 2
                && (1..=31).contains(&day)
                && (1..=12).contains(&month)
                && year_ok
                && closed
            {
                self.dates.insert(format!("{month:02}-{day:02}"));
                return;
            }
        }
        // Drop a trailing dot group marker: it only mattered for dates.
        let thousands = groups.len() > 1
            && groups[0].0.len() <= 3
            && groups[1..].iter().all(|(g, _)| g.len() == 3)
            && groups[..groups.len() - 1]
                .iter()
                .all(|(_, s)| s == &groups[0].1);
        if thousands {
            self.add_number(groups.iter().map(|(g, _)| g.as_str()).collect());
            return;
        }
        if let [(whole, Some('.' | ',')), (fraction, None)] = groups {
            self.add_number(format!("{whole}.{fraction}"));
            return;
        }
        for (g, _) in groups {
            self.add_number(g.clone());
        }
    }

    fn add_number(&mut self, number: String) {
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 2 {
            if self.in_title {
                self.salient.insert(number.clone());
            }
            *self.numbers.entry(number).or_default() += 1;
        }
    }

    /// Fingerprints of the paragraph's sentences: letters and digits only, lowercased.
    fn fingerprints(&mut self, text: &str) {
        let mut hash = FNV_OFFSET;
        let mut letters = 0;
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                hash = (hash ^ u64::from(c.to_ascii_lowercase() as u8)).wrapping_mul(FNV_PRIME);
                letters += 1;
            } else if !c.is_ascii() && c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    let mut buf = [0; 4];
                    for b in l.encode_utf8(&mut buf).bytes() {
                        hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                }
                letters += 1;
            } else if ends_sentence(c) {
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

    fn copy(&mut self, hash: u64) {
        self.copies.insert(hash);
        if self.copies.len() > COPY_SKETCH {
            self.copies.pop_last();
        }
    }
}

/// Counts one occurrence of `key`, allocating only for a key not seen before.
fn count(map: &mut BTreeMap<String, u32>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
