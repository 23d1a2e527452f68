//! The article model: what every input format is turned into, and what the rest of tidings reads.
//!
//! An article keeps its body as a list of [`Block`]s, each with its own text, so that quotes and
//! highlights can point into the text by (block, byte range). [`Article::body`] joins the blocks
//! into the plain body text that the JSON contract's character offsets count into.

mod date;
mod id;

pub use date::Published;
pub use id::ArticleId;

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One piece of an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's text, already cleaned: no control characters, tabs expanded.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    /// A short line between paragraphs, without final punctuation.
    Heading,
    /// An embedded post (a tweet, a toot) quoted in the article, with its `– Name (@handle) date` line.
    Post {
        author: Option<String>,
        handle: Option<String>,
        date: Option<String>,
    },
    /// A bare URL on its own line; the URL is the block's text.
    Link,
}

/// A link found in the article (a link block, a URL in the text, an `<a href>` in HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub url: String,
    /// The link's anchor text, when the format has one.
    pub label: Option<String>,
}

/// The input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Feed,
    Json,
}

/// Where an article's text can be read again: bodies are read on demand, not held for the whole
/// library.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// A file on disk (a feed file holds several articles; they are told apart by id).
    File(PathBuf),
    /// One of the sample articles embedded in the binary, by its file name.
    Bundled(String),
    /// An item of a subscribed feed, kept in the store so it can be read offline.
    Feed { url: String },
}

impl Location {
    /// The path for the JSON contract's `path` field: the file, or `samples/NAME` for a sample.
    pub fn display_path(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Bundled(name) => format!("samples/{name}"),
            Location::Feed { url } => url.clone(),
        }
    }
}

/// How an article was read: the location, the format, and what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub location: Location,
    pub format: Format,
    /// The encoding the text was decoded from, when it was not UTF-8 (e.g. "windows-1252").
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    /// ISO 639-1 code ("de", "it"), or None when it could not be told.
    pub lang: Option<String>,
    pub published: Option<Published>,
    /// Outlets and sources named by the article (`Source:` lines, `appeared first on Y`).
    pub sources: Vec<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    /// A photo credit (`(foto: …)`) taken off the start of a paragraph.
    pub credit: Option<String>,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// What followed the source line and is not body: sidebar headlines, author boxes.
    pub trailer: Vec<String>,
    pub origin: Origin,
}

/// The separator between blocks in [`Article::body`].
pub const BLOCK_SEPARATOR: &str = "\n\n";

impl Article {
    /// An article of plain paragraphs with everything else empty: what evaluations, benchmarks
    /// and tests build from a text. `key` gives the id and names the location.
    pub fn from_paragraphs<S: Into<String>>(
        key: &str,
        lang: Option<&str>,
        paragraphs: impl IntoIterator<Item = S>,
    ) -> Article {
        Article {
            id: ArticleId::from_key(key),
            title: String::new(),
            lang: lang.map(str::to_string),
            published: None,
            sources: Vec::new(),
            url: None,
            byline: None,
            credit: None,
            blocks: paragraphs
                .into_iter()
                .map(|text| Block {
                    kind: BlockKind::Paragraph,
                    text: text.into(),
                })
                .collect(),
            links: Vec::new(),
            trailer: Vec::new(),
            origin: Origin {
                location: Location::Bundled(key.to_string()),
                format: Format::Text,
                encoding: None,
            },
        }
    }

    /// The plain body text: the blocks' texts joined by a blank line.
    pub fn body(&self) -> String {
        let mut body = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 2).sum());
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 {
                body.push_str(BLOCK_SEPARATOR);
            }
            body.push_str(&block.text);
        }
        body
    }

    /// Byte offset of each block's text in [`Article::body`].
    pub fn block_offsets(&self) -> Vec<usize> {
        let mut offsets = Vec::with_capacity(self.blocks.len());
        let mut at = 0;
        for block in &self.blocks {
            offsets.push(at);
            at += block.text.len() + BLOCK_SEPARATOR.len();
        }
        offsets
    }

    /// Number of words in the body (whitespace-separated).
    pub fn words(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| crate::text::count_words(&b.text))
            .sum()
    }

    /// The list row of this article: what the library keeps in memory and in the store.
    pub fn summary(&self) -> Summary {
        Summary {
            id: self.id,
            title: self.title.clone(),
            lang: self.lang.clone(),
            published: self.published,
            sources: self.sources.clone(),
            url: self.url.clone(),
            location: self.origin.location.clone(),
            words: self.words() as u32,
        }
    }
}

/// What the article list shows and the store caches; the body stays on disk until opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: ArticleId,
    pub title: String,
    pub lang: Option<String>,
    pub published: Option<Published>,
    pub sources: Vec<String>,
    pub url: Option<String>,
    pub location: Location,
    pub words: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(blocks: &[&str]) -> Article {
        Article::from_paragraphs("t", None, blocks.iter().copied())
    }

    #[test]
    fn block_offsets_point_into_the_body() {
        let a = article(&["Erste Zeile", "zweite – mit Strich", "drei"]);
        let body = a.body();
        for (block, at) in a.blocks.iter().zip(a.block_offsets()) {
            assert_eq!(&body[at..at + block.text.len()], block.text);
        }
        assert_eq!(a.words(), 7);
    }
}
