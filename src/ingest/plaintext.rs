//! The scraped plain-text format (DESIGN §4.1).

use crate::article::{Article, ArticleId, Block, BlockKind, Format, Location, Origin};

/// Parses scraped plain text: the first non-empty line is the title, paragraphs follow.
pub fn parse(text: &str, location: Location) -> Article {
    let mut paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let title = paragraphs.next().unwrap_or_default().to_string();
    let blocks = paragraphs
        .map(|p| Block {
            kind: BlockKind::Paragraph,
            text: p.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect();
    Article {
        id: ArticleId::from_source_and_title(None, &title),
        title,
        lang: None,
        published: None,
        sources: Vec::new(),
        url: None,
        byline: None,
        credit: None,
        blocks,
        links: Vec::new(),
        trailer: Vec::new(),
        origin: Origin {
            location,
            format: Format::Text,
            encoding: None,
        },
    }
}
