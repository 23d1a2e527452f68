//! `tidings list`: the articles, one line each, or the JSON array of the contract.

use crate::article::Summary;
use crate::context::Context;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// One element of `list --json` (DESIGN §9): exactly these fields.
#[derive(Serialize)]
pub struct ListItem<'a> {
    pub id: String,
    pub title: &'a str,
    pub lang: Option<&'a str>,
    pub published: Option<String>,
    pub sources: &'a [String],
    pub url: Option<&'a str>,
    pub path: String,
    pub read: bool,
    pub words: u32,
}

impl<'a> ListItem<'a> {
    pub fn new(s: &'a Summary, read: bool) -> Self {
        ListItem {
            id: s.id.to_string(),
            title: &s.title,
            lang: s.lang.as_deref(),
            published: s.published.map(|p| p.to_string()),
            sources: &s.sources,
            url: s.url.as_deref(),
            path: s.location.display_path(),
            read,
            words: s.words,
        }
    }
}

pub fn run(ctx: &Context, paths: &[PathBuf], json: bool, unread: bool) -> anyhow::Result<ExitCode> {
    let articles = ctx.load(paths)?;
    let shown = articles.iter().filter(|(_, read)| !unread || !read);
    // Buffered: stdout alone is line-buffered, one write per article.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if json {
        let items: Vec<_> = shown.map(|(s, r)| ListItem::new(s, *r)).collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
    } else {
        for (s, read) in shown {
            writeln!(
                out,
                "{} {}  {:<10}  {:<2}  {}  ({})",
                if *read { ' ' } else { '*' },
                s.id,
                s.published.map(|p| p.to_string()).unwrap_or_default(),
                s.lang.as_deref().unwrap_or("?"),
                s.title,
                s.sources.join(", ")
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
