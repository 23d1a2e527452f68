//! `tidings show ID|PATH|URL`: one article's text, or its JSON with the plain `body` that quote
//! offsets count into.

use super::list::ListItem;
use crate::article::{Article, ArticleId, Block, BlockKind, Link};
use crate::context::Context;
use crate::{ingest, library};
use anyhow::{Context as _, bail};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    item: ListItem<'a>,
    byline: Option<&'a str>,
    credit: Option<&'a str>,
    encoding: Option<&'a str>,
    body: String,
    blocks: &'a [Block],
    links: &'a [Link],
    trailer: &'a [String],
    /// Articles of the library linked to this one (same story, explicit links).
    linked: Vec<crate::stories::LinkedArticle>,
}

pub fn run(ctx: &Context, target: &str, json: bool) -> anyhow::Result<ExitCode> {
    let articles = find(ctx, target)?;
    let read = ctx.store.read_ids()?;
    // Linked articles come from the library (the configured one, or the samples) and the shown
    // articles themselves.
    let index = json.then(|| {
        let library = ctx.load(&[]).unwrap_or_default();
        let others = library
            .iter()
            .filter_map(|(s, _)| super::stories::open_reporting(s));
        super::stories::index_of(others.chain(articles.iter().cloned()))
    });
    let mut out = std::io::stdout().lock();
    if json {
        let summaries: Vec<_> = articles.iter().map(Article::summary).collect();
        let shown: Vec<_> = articles
            .iter()
            .zip(&summaries)
            .map(|(a, s)| ShowJson {
                item: ListItem::new(s, read.contains(&a.id)),
                byline: a.byline.as_deref(),
                credit: a.credit.as_deref(),
                encoding: a.origin.encoding.as_deref(),
                body: a.body(),
                blocks: &a.blocks,
                links: &a.links,
                trailer: &a.trailer,
                linked: index.as_ref().map(|i| i.links_of(a.id)).unwrap_or_default(),
            })
            .collect();
        // One article: one object; a file of several (a feed): an array.
        if let [one] = shown.as_slice() {
            serde_json::to_writer_pretty(&mut out, one)?;
        } else {
            serde_json::to_writer_pretty(&mut out, &shown)?;
        }
        writeln!(out)?;
    } else {
        for (i, a) in articles.iter().enumerate() {
            if i > 0 {
                writeln!(out, "\n")?;
            }
            write_text(&mut out, a)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The article(s) at a path or URL, or the library's article with an id.
fn find(ctx: &Context, target: &str) -> anyhow::Result<Vec<Article>> {
    let path = Path::new(target);
    if library::load::url_of(path).is_some() {
        let articles = ctx.load(&[path.to_path_buf()])?;
        return articles
            .iter()
            .map(|(s, _)| library::open(s).map_err(Into::into))
            .collect();
    }
    if path.exists() {
        let parsed = ingest::read_path(path)?;
        for w in parsed.warnings {
            eprintln!("tidings: {w}");
        }
        if parsed.articles.is_empty() {
            bail!("{target}: no article in this file");
        }
        return Ok(parsed.articles);
    }
    let id: ArticleId = target
        .parse()
        .with_context(|| format!("{target} is neither a file nor an article id"))?;
    let library = ctx.load(&[])?;
    let Some((summary, _)) = library.iter().find(|(s, _)| s.id == id) else {
        bail!("no article with id {id} in the library");
    };
    Ok(vec![library::open(summary)?])
}

fn write_text(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    writeln!(out, "{}", a.title)?;
    let mut meta = Vec::new();
    if let Some(p) = a.published {
        meta.push(p.to_string());
    }
    if !a.sources.is_empty() {
        meta.push(a.sources.join(", "));
    }
    if let Some(l) = &a.lang {
        meta.push(l.clone());
    }
    meta.push(a.id.to_string());
    writeln!(out, "{}\n", meta.join(" · "))?;
    for block in &a.blocks {
        match &block.kind {
            BlockKind::Paragraph => writeln!(out, "{}\n", block.text)?,
            BlockKind::Heading => writeln!(out, "## {}\n", block.text)?,
            BlockKind::Link => writeln!(out, "<{}>\n", block.text)?,
            BlockKind::Post {
                author,
                handle,
                date,
            } => {
                writeln!(out, "> {}", block.text)?;
                let by = [author.as_deref(), handle.as_deref(), date.as_deref()];
                let by: Vec<_> = by.into_iter().flatten().collect();
                writeln!(out, "> — {}\n", by.join(" "))?;
            }
        }
    }
    if let Some(c) = &a.credit {
        writeln!(out, "Photo: {c}")?;
    }
    Ok(())
}
