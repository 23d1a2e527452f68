//! `tidings stories`: the library grouped by story, singletons included.

use crate::article::{Article, Summary};
use crate::context::Context;
use crate::library;
use crate::stories::{Features, StoryIndex};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// One element of `stories --json` (DESIGN §9).
#[derive(Serialize)]
struct StoryItem {
    story: String,
    articles: Vec<String>,
}

pub fn run(ctx: &Context, paths: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let summaries: Vec<Summary> = ctx.load(paths)?.into_iter().map(|(s, _)| s).collect();
    let index = index_of(summaries.iter().filter_map(open_reporting));
    let by_id: HashMap<_, _> = summaries.iter().map(|s| (s.id, s)).collect();
    let mut stories = index.stories();
    // Largest stories first; within a size, the story of the earliest article first.
    stories.sort_by_key(|(story, ids)| (std::cmp::Reverse(ids.len()), *story));
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<_> = stories
            .iter()
            .map(|(story, ids)| StoryItem {
                story: story.to_string(),
                articles: ids.iter().map(ToString::to_string).collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (story, ids) in &stories {
        writeln!(out, "{story}  {} article(s)", ids.len())?;
        for s in ids.iter().filter_map(|id| by_id.get(id)) {
            writeln!(
                out,
                "  {}  {:<10}  {:<2}  {}",
                s.id,
                s.published.map(|p| p.to_string()).unwrap_or_default(),
                s.lang.as_deref().unwrap_or("?"),
                s.title
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens an article for its features, reporting one that cannot be read on stderr.
pub(super) fn open_reporting(summary: &Summary) -> Option<Article> {
    library::open(summary)
        .inspect_err(|e| eprintln!("tidings: {e}"))
        .ok()
}

/// Links articles into stories, oldest first so that story ids do not depend on file order.
pub(super) fn index_of(articles: impl Iterator<Item = Article>) -> StoryIndex {
    let mut articles: Vec<_> = articles
        .map(|a| (a.published, a.id, Features::of(&a), a.lang))
        .collect();
    articles.sort_by_key(|a| (a.0, a.1));
    let mut index = StoryIndex::new();
    for (published, id, features, lang) in &articles {
        index.add(*id, features, *published, lang.as_deref());
    }
    index
}
