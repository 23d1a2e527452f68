//! Quotations: who said what (DESIGN §5).
//!
//! [`extract`] turns an article's blocks into [`Quote`]s. For now this pairs quotation marks within
//! a paragraph; speaker attribution comes with the quotes work.

use crate::article::{Article, BlockKind};
use serde::Serialize;
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
    /// The quoted text, without its quotation marks.
    pub text: String,
    /// Index of the block the quote starts in.
    pub block: usize,
    /// Byte range of the quoted text (without its marks) in [`Article::body`].
    pub range: Range<usize>,
    /// Who said it, as the text names them, when it does.
    pub speaker: Option<String>,
    /// The words that attribute it ("said", "ha detto", "laut").
    pub cue: Option<String>,
    pub kind: QuoteKind,
}

const OPENERS: &[(char, &[char])] = &[
    ('“', &['”', '“']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('»', &['«']),
    ('"', &['"', '“', '”']),
];

/// The quotes of an article, in text order.
pub fn extract(article: &Article) -> Vec<Quote> {
    let mut quotes = Vec::new();
    for ((i, block), offset) in article
        .blocks
        .iter()
        .enumerate()
        .zip(article.block_offsets())
    {
        if let BlockKind::Post { author, .. } = &block.kind {
            quotes.push(Quote {
                text: block.text.clone(),
                block: i,
                range: offset..offset + block.text.len(),
                speaker: author.clone(),
                cue: None,
                kind: QuoteKind::Post,
            });
            continue;
        }
        let chars: Vec<(usize, char)> = block.text.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (at, c) = chars[k];
            let closers = OPENERS.iter().find(|(o, _)| *o == c).map(|(_, cl)| *cl);
            let close =
                closers.and_then(|cl| (k + 1..chars.len()).find(|&j| cl.contains(&chars[j].1)));
            let Some(j) = close else {
                k += 1;
                continue;
            };
            let (start, end) = (at + c.len_utf8(), chars[j].0);
            let inner = &block.text[start..end];
            if !inner.trim().is_empty() {
                let words = inner.split_whitespace().count();
                quotes.push(Quote {
                    text: inner.to_string(),
                    block: i,
                    range: offset + start..offset + end,
                    speaker: None,
                    cue: None,
                    kind: if words >= 4 {
                        QuoteKind::Speech
                    } else {
                        QuoteKind::Term
                    },
                });
            }
            k = j + 1;
        }
    }
    quotes
}
