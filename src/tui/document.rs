//! An opened article laid out for the reading pane: its lines at a given width, each remembering
//! which block and byte range it shows, so quotes can be highlighted and scrolled to. Built once
//! when the article is opened or the width changes; drawing only slices it.

use super::wrap::wrap;
use crate::article::{Article, BlockKind};
use crate::quotes::{Quote, QuoteKind};
use crate::text::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    Title,
    Meta,
    Body,
    Heading,
    /// An embedded post's text, drawn indented as a block quote.
    Post,
    /// The `— author (@handle) date` line under a post.
    PostAuthor,
    Link,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub style: LineStyle,
    /// Cells of indentation before the text.
    pub indent: u16,
    pub text: String,
    /// The block this line shows and the byte offset of `text` in the block's text.
    pub block: Option<(usize, usize)>,
}

/// The article's links, numbered from 1: link blocks first, in text order, then the others.
pub fn numbered_links(article: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let from_blocks = article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Link)
        .map(|b| b.text.trim().to_string());
    for url in from_blocks.chain(article.links.iter().map(|l| l.url.clone())) {
        let url = sanitize(&url).replace('\n', " ");
        if !url.is_empty() && !out.contains(&url) {
            out.push(url);
        }
    }
    out
}

/// The metadata line: date · sources · language · words.
pub fn meta_line(article: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(p) = article.published {
        parts.push(p.to_string());
    }
    if !article.sources.is_empty() {
        parts.push(article.sources.join(", "));
    }
    if let Some(l) = &article.lang {
        parts.push(l.clone());
    }
    parts.push(format!("{} words", article.words()));
    sanitize(&parts.join(" · ")).replace('\n', " ")
}

/// Lays `article` out at `width` cells.
pub fn layout(article: &Article, width: usize) -> Vec<DocLine> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let plain = |lines: &mut Vec<DocLine>, style, indent: u16, text: &str| {
        let avail = width.saturating_sub(usize::from(indent)).max(1);
        for r in wrap(text, avail) {
            lines.push(DocLine {
                style,
                indent,
                text: text.get(r).unwrap_or("").to_string(),
                block: None,
            });
        }
    };
    let blank = DocLine {
        style: LineStyle::Blank,
        indent: 0,
        text: String::new(),
        block: None,
    };
    plain(&mut lines, LineStyle::Title, 0, &sanitize(&article.title));
    plain(&mut lines, LineStyle::Meta, 0, &meta_line(article));
    let links = numbered_links(article);
    for (i, block) in article.blocks.iter().enumerate() {
        lines.push(blank.clone());
        let (style, indent) = match &block.kind {
            BlockKind::Paragraph => (LineStyle::Body, 0),
            BlockKind::Heading => (LineStyle::Heading, 0),
            BlockKind::Post { .. } => (LineStyle::Post, 2),
            BlockKind::Link => {
                let url = sanitize(block.text.trim()).replace('\n', " ");
                let n = links.iter().position(|l| *l == url).map_or(0, |n| n + 1);
                plain(&mut lines, LineStyle::Link, 0, &format!("[{n}] {url}"));
                continue;
            }
        };
        let avail = width.saturating_sub(usize::from(indent)).max(1);
        for r in wrap(&block.text, avail) {
            lines.push(DocLine {
                style,
                indent,
                text: block.text.get(r.clone()).unwrap_or("").to_string(),
                block: Some((i, r.start)),
            });
        }
        if let BlockKind::Post {
            author,
            handle,
            date,
        } = &block.kind
        {
            let mut who = String::from("— ");
            who.push_str(author.as_deref().unwrap_or("unknown"));
            if let Some(h) = handle {
                who.push_str(&format!(" ({h})"));
            }
            if let Some(d) = date {
                who.push_str(&format!(" {d}"));
            }
            plain(&mut lines, LineStyle::PostAuthor, 2, &sanitize(&who));
        }
    }
    let extra: Vec<_> = links
        .iter()
        .enumerate()
        .filter(|(_, url)| {
            !article
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::Link && b.text.trim() == url.as_str())
        })
        .collect();
    if !extra.is_empty() {
        lines.push(blank.clone());
        plain(&mut lines, LineStyle::Heading, 0, "Links");
        for (n, url) in extra {
            plain(
                &mut lines,
                LineStyle::Link,
                0,
                &format!("[{}] {url}", n + 1),
            );
        }
    }
    lines
}

/// The first line showing quote `q`.
pub fn line_of_quote(lines: &[DocLine], article: &Article, q: &Quote) -> Option<usize> {
    let offsets = article.block_offsets();
    let block_start = *offsets.get(q.block)?;
    let start = q.range.start.checked_sub(block_start)?;
    lines.iter().position(|l| {
        l.block
            .is_some_and(|(b, off)| b == q.block && off <= start && start <= off + l.text.len())
    })
}

/// The quotes shown in the quotes pane: speech and posts, and terms when asked for.
pub fn visible_quotes(quotes: &[Quote], show_terms: bool) -> Vec<usize> {
    quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| show_terms || q.kind != QuoteKind::Term)
        .map(|(i, _)| i)
        .collect()
}

/// "Quoted: Name 3 · Other 1 · unattributed 2", most quoted first.
pub fn speaker_summary(quotes: &[Quote], shown: &[usize]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for q in shown.iter().filter_map(|&i| quotes.get(i)) {
        let name = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let parts: Vec<String> = counts.iter().map(|(n, c)| format!("{n} {c}")).collect();
    sanitize(&parts.join(" · ")).replace('\n', " ")
}
