//! `tidings quotes`: who said what in each article, as text or the JSON of the contract.

use crate::article::Article;
use crate::context::Context;
use crate::library;
use crate::quotes::{self, Quote, QuoteKind};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// One element of `quotes --json` (DESIGN §9): `start`/`end` are character offsets into the
/// article's `body` as `show --json` prints it; `text` is the quote without its marks.
#[derive(Serialize)]
struct QuoteItem<'a> {
    article: String,
    text: &'a str,
    speaker: Option<&'a str>,
    kind: QuoteKind,
    start: usize,
    end: usize,
}

pub fn run(ctx: &Context, paths: &[PathBuf], json: bool, terms: bool) -> anyhow::Result<ExitCode> {
    let mut items = Vec::new();
    let mut out = std::io::stdout().lock();
    for (summary, _) in ctx.load(paths)? {
        let article = match library::open(&summary) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("tidings: {e}");
                continue;
            }
        };
        let quotes: Vec<Quote> = quotes::extract(&article)
            .into_iter()
            .filter(|q| terms || q.kind != QuoteKind::Term)
            .collect();
        if json {
            let offsets = CharOffsets::new(&article);
            items.extend(quotes.into_iter().map(|q| (article.id, offsets.of(&q), q)));
        } else if !quotes.is_empty() {
            writeln!(out, "{}  {}", article.id, article.title)?;
            for q in &quotes {
                let who = q.speaker.as_deref().unwrap_or("unattributed");
                writeln!(out, "  {who}: “{}”", q.text)?;
            }
        }
    }
    if json {
        let shown: Vec<_> = items
            .iter()
            .map(|(id, (start, end), q)| QuoteItem {
                article: id.to_string(),
                text: &q.text,
                speaker: q.speaker.as_deref(),
                kind: q.kind,
                start: *start,
                end: *end,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &shown)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Converts byte offsets in an article's body to character offsets.
struct CharOffsets {
    /// Byte offset of every character boundary, in order.
    boundaries: Vec<usize>,
}

impl CharOffsets {
    fn new(article: &Article) -> Self {
        let body = article.body();
        let mut boundaries: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
        boundaries.push(body.len());
        CharOffsets { boundaries }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.boundaries.partition_point(|&b| b < byte)
    }

    fn of(&self, quote: &Quote) -> (usize, usize) {
        (
            self.char_at(quote.range.start),
            self.char_at(quote.range.end),
        )
    }
}
