//! The scraped plain-text format (DESIGN §4.1): what web scrapers leave of a news page.
//!
//! - The first non-empty line is the title; a leading ` date YYYY-MM[-DD] ` token on it is a date.
//! - Paragraphs are separated by blank lines; single line breaks inside one fold to spaces, and the
//!   text is otherwise kept as it is (quotation marks, even broken ones, are the quotes' business).
//! - Every other line is looked at on its own and may be metadata, which leaves the body: a line
//!   that is only a date ([`dates`](super::dates)); a source line or a feed footer naming the outlet
//!   ([`meta`](super::meta)); a noise line ([`noise`](super::noise)); the signature of an embedded
//!   post, which turns the paragraph before it into a post block ([`posts`](super::posts)).
//! - A bare URL line is a link block; a short paragraph of one line without final punctuation
//!   between paragraphs is a heading; a photo credit glued to a paragraph's start is the credit.
//! - Everything after the first source line that is not metadata (sidebar headlines, author boxes)
//!   is the trailer, not the body.
//! - The publication date is the most precise of all the dates found (the first on a tie).
//! - The id is [`ArticleId::from_text_article`]: the first source and the title, then the date, or
//!   for an undated article the start of its first paragraph; so a file that moves, or is edited
//!   below its first words, keeps its id and its read mark.
//!
//! The input must be sanitized text ([`crate::text::sanitize`]). Time is linear in the input: every
//! line is looked at a bounded number of times, and the per-line checks reject long lines first.

use super::{dates, lang, links, meta, noise, posts};
use crate::article::{
    Article, ArticleId, Block, BlockKind, Format, Link, Location, Origin, Published,
};

/// Headings are short: at most this many characters and words.
const HEADING_MAX_CHARS: usize = 100;
const HEADING_MAX_WORDS: usize = 12;

/// Parses scraped plain text into an article (see the module docs for the rules).
pub fn parse(text: &str, location: Location) -> Article {
    let mut lines = text.split('\n');
    let title_line = lines.by_ref().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (title_date, title) = dates::title_date(title_line);

    let mut state = State::default();
    if let Some(date) = title_date {
        state.dates.push(date);
    }
    for line in lines {
        state.line(line);
    }
    state.flush();
    state.finish(title.to_string(), location)
}

#[derive(Default)]
struct State<'a> {
    /// The lines of the paragraph being read.
    paragraph: Vec<&'a str>,
    blocks: Vec<Block>,
    trailer: Vec<String>,
    dates: Vec<Published>,
    sources: Vec<String>,
    links: Vec<Link>,
    credit: Option<String>,
    /// Set by the first source line: what follows is trailer.
    after_source: bool,
    /// Whether the last thing read was a body block (a signature turns it into a post).
    block_just_ended: bool,
}

impl<'a> State<'a> {
    fn line(&mut self, line: &'a str) {
        let line = line.trim();
        if line.is_empty() {
            self.flush();
            return;
        }
        if let Some(date) = dates::date_line(line) {
            self.flush();
            self.dates.push(date);
            self.block_just_ended = false;
        } else if let Some(sources) = meta::source_line(line) {
            self.flush();
            self.add_sources(sources);
            self.after_source = true;
            self.block_just_ended = false;
        } else if let Some(outlet) = meta::first_post_outlet(line) {
            self.flush();
            self.add_sources([outlet]);
            self.block_just_ended = false;
        } else if noise::is_noise(line) {
            self.flush();
        } else if links::is_url_line(line) {
            self.flush();
            if self.after_source {
                self.trailer.push(line.to_string());
            } else {
                links::collect_urls(line, &mut self.links);
                self.blocks.push(Block {
                    kind: BlockKind::Link,
                    text: line.to_string(),
                });
            }
            self.block_just_ended = false;
        } else if let Some(signature) = posts::signature(line) {
            self.flush();
            self.signature(line, signature);
        } else {
            self.paragraph.push(line);
        }
    }

    /// A post signature: the paragraph just read becomes the post; without one, the line is text.
    fn signature(&mut self, line: &'a str, signature: posts::Signature) {
        let last = self
            .blocks
            .last_mut()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading));
        match last {
            Some(block) if self.block_just_ended && !self.after_source => {
                block.kind = BlockKind::Post {
                    author: Some(signature.author),
                    handle: Some(signature.handle),
                    date: signature.date,
                };
                self.block_just_ended = false;
            }
            _ => {
                self.paragraph.push(line);
                self.flush();
            }
        }
    }

    /// Ends the paragraph being read.
    fn flush(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let single_line = self.paragraph.len() == 1;
        let mut text = match self.paragraph.as_slice() {
            [line] => line.to_string(),
            lines => lines.join(" "),
        };
        self.paragraph.clear();
        if !self.after_source
            && let Some((credit, rest)) = meta::split_credit(&text)
        {
            self.credit.get_or_insert(credit);
            text = rest.to_string();
        }
        if text.is_empty() {
            return;
        }
        if self.after_source {
            self.trailer.push(text);
            return;
        }
        links::collect_urls(&text, &mut self.links);
        let kind = if single_line && !self.blocks.is_empty() && looks_like_heading(&text) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        self.blocks.push(Block { kind, text });
        self.block_just_ended = true;
    }

    fn add_sources(&mut self, sources: impl IntoIterator<Item = String>) {
        for source in sources {
            if !self
                .sources
                .iter()
                .any(|s| s.to_lowercase() == source.to_lowercase())
            {
                self.sources.push(source);
            }
        }
    }

    fn finish(mut self, title: String, location: Location) -> Article {
        // A heading stands between paragraphs: one at the very end is a short paragraph.
        if let Some(last) = self.blocks.last_mut()
            && last.kind == BlockKind::Heading
        {
            last.kind = BlockKind::Paragraph;
        }
        let published = self.dates.iter().copied().reduce(|best, d| {
            if d.precision() > best.precision() {
                d
            } else {
                best
            }
        });
        let lang = lang::detect(
            &title,
            self.blocks
                .iter()
                .filter(|b| b.kind != BlockKind::Link)
                .map(|b| b.text.as_str()),
        );
        let first_paragraph = self
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map_or("", |b| b.text.as_str());
        let id = ArticleId::from_text_article(
            self.sources.first().map(String::as_str),
            &title,
            published,
            first_paragraph,
        );
        Article {
            id,
            title,
            lang,
            published,
            sources: self.sources,
            url: None,
            byline: None,
            credit: self.credit,
            blocks: self.blocks,
            links: self.links,
            trailer: self.trailer,
            origin: Origin {
                location,
                format: Format::Text,
                encoding: None,
            },
        }
    }
}

/// A subheading: short, few words, no final punctuation (closing quotes and brackets aside).
fn looks_like_heading(text: &str) -> bool {
    if text.len() > HEADING_MAX_CHARS * 4 || text.chars().count() > HEADING_MAX_CHARS {
        return false;
    }
    if text.split_whitespace().count() > HEADING_MAX_WORDS {
        return false;
    }
    let core = text.trim_end_matches(['"', '\'', '”', '“', '’', '»', '«', ')', ']']);
    let starts_as_text = !text.starts_with(['.', ',', ';', ':', ')', '-', '–', '—']);
    starts_as_text && core.chars().last().is_some_and(char::is_alphanumeric)
}
