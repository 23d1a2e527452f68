//! Fuzzes quote extraction: any text, split into paragraphs, never panics, and every quote's
//! range is a slice of the body on character boundaries.
//!
//!     cargo +nightly fuzz run quotes

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::article::{Article, ArticleId, Block, BlockKind, Format, Location, Origin};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let blocks = text
        .split("\n\n")
        .enumerate()
        .map(|(i, t)| Block {
            // Every fourth block a post, to mix kinds.
            kind: if i % 4 == 3 {
                BlockKind::Post {
                    author: Some("A".into()),
                    handle: None,
                    date: None,
                }
            } else {
                BlockKind::Paragraph
            },
            text: t.to_string(),
        })
        .collect();
    let article = Article {
        id: ArticleId::from_key("fuzz"),
        title: String::new(),
        lang: None,
        published: None,
        sources: vec![],
        url: None,
        byline: None,
        credit: None,
        blocks,
        links: vec![],
        trailer: vec![],
        origin: Origin {
            location: Location::Bundled("fuzz".into()),
            format: Format::Text,
            encoding: None,
        },
    };
    let body = article.body();
    for q in tidings::quotes::extract(&article) {
        assert!(q.range.start <= q.range.end && q.range.end <= body.len());
        assert!(body.is_char_boundary(q.range.start) && body.is_char_boundary(q.range.end));
    }
});
