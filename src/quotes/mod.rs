//! Quotations: who said what (DESIGN §5).
//!
//! [`extract`] turns an article's blocks into [`Quote`]s: [`marks`] pairs the quotation marks,
//! [`speaker`] reads the cue and the speaker around each quote with a per-language [`Lexicon`],
//! and this module decides the kind (speech, post, term) and resolves pronouns and roles to the
//! last named speaker. It owns nothing of the terminal and nothing of parsing articles.

mod lexicon;
mod marks;
mod speaker;

pub use lexicon::{CueKind, Lexicon, LexiconError, LexiconFile, Lexicons};

use crate::article::{Article, BlockKind};
use serde::Serialize;
use speaker::Speaker;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Reported speech.
    Speech,
    /// An embedded post (a tweet) by its author.
    Post,
    /// A scare quote, a quoted name or title: not speech.
    Term,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted text, without its quotation marks (runs of white space, paragraph breaks
    /// included, read as one space).
    pub text: String,
    /// Index of the block the quote starts in.
    pub block: usize,
    /// Byte range of the quoted text (without its marks) in [`Article::body`].
    pub range: Range<usize>,
    /// Who said it, as the text names them, when it does.
    pub speaker: Option<String>,
    /// How the text refers to the speaker at the quote, when `speaker` was found from it: the
    /// role ("der Bundestrainer") or pronoun ("sie") that the name stands for.
    pub mention: Option<String>,
    /// The words that attribute it ("said", "ha detto", "laut").
    pub cue: Option<String>,
    pub kind: QuoteKind,
}

/// The bundled lexicons, compiled once.
pub fn default_lexicons() -> &'static Lexicons {
    &lexicon::DEFAULT
}

/// The quotes of an article, in text order, with the bundled lexicons.
pub fn extract(article: &Article) -> Vec<Quote> {
    extract_with(article, default_lexicons())
}

/// Character offsets (as the JSON contract counts them) of byte ranges into `body`, in one pass.
/// Ranges must be sorted by start; a range off a character boundary counts the character it
/// falls in.
pub fn char_ranges(body: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut points: Vec<(usize, usize, bool)> = ranges
        .iter()
        .enumerate()
        .flat_map(|(i, r)| [(r.start, i, true), (r.end, i, false)])
        .collect();
    points.sort_unstable();
    let mut out = vec![0..0; ranges.len()];
    let mut chars = 0;
    let mut iter = body.char_indices().peekable();
    for (byte, i, is_start) in points {
        while iter.peek().is_some_and(|(b, _)| *b < byte) {
            iter.next();
            chars += 1;
        }
        if let Some(r) = out.get_mut(i) {
            if is_start {
                r.start = chars;
            } else {
                r.end = chars;
            }
        }
    }
    out
}

/// Character offsets of one byte range into `body`.
pub fn char_range(body: &str, range: Range<usize>) -> Range<usize> {
    char_ranges(body, std::slice::from_ref(&range))
        .pop()
        .unwrap_or(0..0)
}

/// Most words of a quote that is a term when no cue of saying is near.
const TERM_WORDS: usize = 3;

/// The quotes of an article, in text order, with the given lexicons.
pub fn extract_with(article: &Article, lexicons: &Lexicons) -> Vec<Quote> {
    let lex = lexicons.for_lang(article.lang.as_deref());
    let offsets = article.block_offsets();
    let prose = |kind: &BlockKind| matches!(kind, BlockKind::Paragraph | BlockKind::Heading);
    let spans = marks::pair(
        article
            .blocks
            .iter()
            .map(|b| prose(&b.kind).then_some(b.text.as_str())),
    );
    let text_of = |b: usize| article.blocks.get(b).map_or("", |b| b.text.as_str());
    let offset_of = |b: usize| offsets.get(b).copied().unwrap_or(0);

    let mut quotes = Vec::new();
    let mut last_named: Option<String> = None;
    let mut last_speaker: Option<String> = None;
    // The paragraph and offset where the last quote of speech closed.
    let mut last_speech_close: Option<(usize, usize)> = None;
    let mut spans = spans.into_iter().filter(|s| !s.nested).peekable();
    for (i, block) in article.blocks.iter().enumerate() {
        if let BlockKind::Post { author, .. } = &block.kind {
            let at = offset_of(i);
            if let Some(a) = author {
                last_named = Some(a.clone());
                last_speaker = Some(a.clone());
            }
            quotes.push(Quote {
                text: block.text.clone(),
                block: i,
                range: at..at + block.text.len(),
                speaker: author.clone(),
                mention: None,
                cue: None,
                kind: QuoteKind::Post,
            });
            continue;
        }
        while let Some(span) = spans.next_if(|s| s.open.0 == i) {
            let start = offset_of(span.open.0) + span.open.1 + span.open_len;
            let end = offset_of(span.close.0) + span.close.1;
            if start >= end {
                continue;
            }
            let text = quote_text(article, &span);
            if text.is_empty() {
                continue;
            }
            // At most TERM_WORDS words: a term unless a cue says otherwise.
            let short = text.split_whitespace().nth(TERM_WORDS).is_none();
            let place = speaker::Place {
                open_text: text_of(span.open.0),
                open: span.open.1,
                close_text: text_of(span.close.0),
                close_end: span.close.1 + span.close_len,
                prev_text: span
                    .open
                    .0
                    .checked_sub(1)
                    .filter(|&p| article.blocks.get(p).is_some_and(|b| prose(&b.kind)))
                    .map_or("", text_of),
                after_speech: last_speech_close
                    .filter(|&(b, _)| b == span.open.0)
                    .map(|(_, at)| at),
            };
            // A term's speaker is never read (below): attribute need not look for one.
            let short_lower = short && starts_lowercase(&text);
            let att = speaker::attribute(lex, place, short_lower, |att| {
                classify(&text, short, att) == QuoteKind::Speech
            });
            let kind = classify(&text, short, &att);
            let mut quote = Quote {
                text,
                block: i,
                range: start..end,
                speaker: None,
                mention: None,
                cue: None,
                kind,
            };
            if kind == QuoteKind::Speech {
                quote.cue = att.cue;
                quote.speaker = match att.speaker {
                    Some(Speaker::Name(n)) => {
                        last_named = Some(n.clone());
                        Some(n)
                    }
                    Some(Speaker::Role { phrase, definite }) => {
                        let named = definite
                            .then(|| named_role(lex, article, i, span.open.1, &phrase))
                            .flatten();
                        match named {
                            Some(n) => {
                                last_named = Some(n.clone());
                                quote.mention = Some(phrase);
                                Some(n)
                            }
                            // "Kommentaren eines offiziellen Sprechers" → "ein offizieller
                            // Sprecher".
                            None => Some(lex.nominative(&phrase).unwrap_or(phrase)),
                        }
                    }
                    Some(Speaker::Anaphor(word)) => match last_named.clone() {
                        Some(n) => {
                            quote.mention = word;
                            Some(n)
                        }
                        None => word,
                    },
                    // No cue: a following quoted sentence keeps the previous speaker.
                    None => last_speaker.clone(),
                };
                if quote.speaker.is_some() {
                    last_speaker = quote.speaker.clone();
                }
                last_speech_close = Some((span.close.0, span.close.1 + span.close_len));
            }
            quotes.push(quote);
        }
    }
    quotes
}

/// Speech or term. A term is a quoted name or title, or one to three quoted words with no cue of
/// saying near them; a short quote starting lowercase in a sentence of reported speech is speech
/// (a fragment of what was said), one starting uppercase there is most often a name. `short`:
/// the text has at most [`TERM_WORDS`] words.
fn classify(text: &str, short: bool, att: &speaker::Attribution) -> QuoteKind {
    let lower = starts_lowercase(text);
    let sentence = text.ends_with(['.', '!', '?', ',', '…']);
    // A name has no sentence punctuation and, unless a cue follows it, is not speech.
    let name_like = !lower && !sentence && !att.after && !att.colon;
    // „Yemen Observer“ berichtete, “The Daily Mail” reported: a title before a cue is the
    // subject of the cue, not what was said.
    let term = if att.judgement {
        false
    } else if !att.colon && title_like(text) || domain_like(text) {
        true
    } else if att.subject && short && !lower
        || att.colon && att.naming && att.cue.is_none()
        || att.naming && short && !att.colon
    {
        // „Silverbird“ berichtete …; (Motto: „…“), not "sagte dem Abendblatt: „…“"; die
        // Sportzeitung „Équipe“, whatever is said after it.
        true
    } else if att.after || att.colon {
        false
    } else if att.naming || att.after_article && !lower {
        true
    } else if short {
        name_like || !(lower && (att.speechy || att.adjacent))
    } else {
        false
    };
    if term {
        QuoteKind::Term
    } else {
        QuoteKind::Speech
    }
}

fn starts_lowercase(text: &str) -> bool {
    text.starts_with(|c: char| c.is_lowercase())
}

/// The quoted text without its marks, and without the opening marks of paragraphs it continues
/// into; white space folded to single spaces.
fn quote_text(article: &Article, span: &marks::Span) -> String {
    let body_piece = |b: usize, from: usize, to: usize| -> &str {
        article
            .blocks
            .get(b)
            .and_then(|blk| blk.text.get(from..to.min(blk.text.len())))
            .unwrap_or("")
    };
    let (ob, oat) = span.open;
    let (cb, cat) = span.close;
    // Most quotes stand in one paragraph with single spaces between words: copied as they are.
    if ob == cb {
        let piece = body_piece(ob, oat + span.open_len, cat);
        if is_folded(piece) {
            return piece.to_string();
        }
    }
    // Folding white space only shortens the text: one allocation for a quote in one paragraph.
    let mut text = String::with_capacity(if ob == cb { cat.saturating_sub(oat) } else { 0 });
    let mut from = oat + span.open_len;
    for b in ob..=cb {
        let to = if b == cb { cat } else { usize::MAX };
        if b > ob {
            from = span
                .continued
                .iter()
                .find(|(cbk, _, _)| *cbk == b)
                .map_or(0, |(_, at, len)| at + len);
        }
        for w in body_piece(b, from, to).split_whitespace() {
            let glue = w.starts_with(['.', ',', '!', '?', ';', ':']) && !text.is_empty();
            if !text.is_empty() && !glue {
                text.push(' ');
            }
            text.push_str(w);
        }
    }
    text
}

/// The text is as [`quote_text`] folds it: words with one space between them, no white space
/// at either end, and no word after the first starting with the punctuation that is glued to
/// the word before (" ," → ",").
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' {
            if i == 0 || after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        // Any other white space, ASCII or not (no-break spaces, U+2009 …), is folded.
        let space = if b.is_ascii() {
            char::from(b).is_whitespace()
        } else {
            text.get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace)
        };
        if space || after_space && matches!(b, b'.' | b',' | b'!' | b'?' | b';' | b':') {
            return false;
        }
        after_space = false;
    }
    !after_space
}

/// A web address or a domain ("news.example.org"): a source's name, not speech.
fn domain_like(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text.split('.').filter(|part| !part.is_empty()).count() >= 2
        && text.split('.').next_back().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        })
}

/// A quoted name or title in title case ("Space Telescope Science Institute"): several words, all
/// longer ones capitalised, no sentence punctuation.
fn title_like(text: &str) -> bool {
    // Cheapest test first: most quotes are sentences and end in punctuation.
    let longer = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    !text.ends_with(['.', '!', '?', ','])
        && text.split_whitespace().nth(1).is_some()
        && text
            .split_whitespace()
            .filter(longer)
            .all(|w| w.starts_with(char::is_uppercase))
        && text.split_whitespace().any(|w| w.chars().count() >= 4)
}

/// The person a definite role refers to ("the spokesman", "il portavoce"): a name that follows
/// the same role word earlier in the article.
fn named_role(
    lex: &Lexicon,
    article: &Article,
    block: usize,
    before: usize,
    phrase: &str,
) -> Option<String> {
    let role = phrase
        .split_whitespace()
        .rev()
        .find(|w| lex.is_role(w))?
        .to_lowercase();
    // The role as written lowercase ("portavoce") or capitalised ("Sprecher"), found with
    // memchr's substring search rather than by lowercasing the text; the searchers are built
    // once for all the paragraphs looked at. Forward ones: memchr's reverse search has no SIMD
    // prefilter, and these scan kilobytes for every definite role.
    let mut capital: String = role.chars().take(1).flat_map(char::to_uppercase).collect();
    capital.push_str(
        role.get(role.chars().next().map_or(0, char::len_utf8)..)
            .unwrap_or(""),
    );
    let forms = [
        memchr::memmem::Finder::new(role.as_bytes()),
        memchr::memmem::Finder::new(capital.as_bytes()),
    ];
    let mut mentions = Vec::new();
    // Bounded look-back (a few paragraphs, a few kilobytes each) keeps extraction linear.
    for b in (block.saturating_sub(ROLE_LOOKBACK_BLOCKS)..=block).rev() {
        let text = article.blocks.get(b)?.text.as_str();
        let end = if b == block {
            before.min(text.len())
        } else {
            text.len()
        };
        let mut start = end.saturating_sub(ROLE_LOOKBACK_BYTES);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let Some(text) = text.get(start..end) else {
            continue;
        };
        mentions.clear();
        for form in &forms {
            push_occurrences(form, text.as_bytes(), &mut mentions);
        }
        // "Staatsanwaltschaft" is not "der Staatsanwalt": a mention may open a compound
        // ("Regierungssprecher") and take an ending ("Sprechers"), not go on as another word.
        mentions.retain(|&(at, len)| inflection_only(&text[at + len..]));
        // From the last mention back: each time the last one that ends before the one read
        // before it starts.
        let mut search_end = text.len();
        for _ in 0..ROLE_LOOKBACK_MENTIONS {
            let best = mentions
                .iter()
                .filter(|&&(at, len)| at + len <= search_end)
                .map(|&(at, _)| at)
                .max();
            let Some(at) = best else { break };
            let window: String = text[at..]
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(Speaker::Name(n)) = speaker::reduce(lex, cut_at_verb(lex, &window)) {
                return Some(n);
            }
            search_end = at;
        }
    }
    None
}

/// The rest of a word, after a role word found in it, is at most an ending of two letters.
fn inflection_only(rest: &str) -> bool {
    rest.chars()
        .take_while(|c| c.is_alphabetic())
        .nth(2)
        .is_none()
}

/// Every place `finder`'s needle occurs in `hay`, overlapping ones too, as (start, length).
fn push_occurrences(finder: &memchr::memmem::Finder, hay: &[u8], out: &mut Vec<(usize, usize)>) {
    let len = finder.needle().len();
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|rest| finder.find(rest)) {
        out.push((from + i, len));
        from += i + 1;
    }
}

/// How far back a role is looked up: paragraphs, and bytes in each.
const ROLE_LOOKBACK_BLOCKS: usize = 3;
const ROLE_LOOKBACK_BYTES: usize = 1500;
const ROLE_LOOKBACK_MENTIONS: usize = 4;

fn cut_at_verb<'a>(lex: &Lexicon, text: &'a str) -> &'a str {
    match lex.first_cue(text) {
        Some((s, _, _)) => &text[..s],
        None => text,
    }
}

#[cfg(test)]
mod tests;
