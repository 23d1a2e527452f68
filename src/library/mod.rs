//! The library: every known article's summary and read mark, in memory; bodies stay where they are
//! and are read on demand ([`open`]).
//!
//! Filled by the loader ([`load`]) from sources on worker threads; read by the CLI and the TUI alike.

pub mod linker;
pub mod load;
pub mod samples;

use crate::article::{Article, ArticleId, Location, Summary};
use crate::ingest::{self, IngestError};
// The ids are hashes already: a fast hasher is enough, and every article loaded is inserted.
use foldhash::HashMap;

/// One article of the library: its list row and whether it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub summary: Summary,
    pub read: bool,
}

#[derive(Debug, Default)]
pub struct Library {
    entries: Vec<Entry>,
    by_id: HashMap<ArticleId, usize>,
}

impl Library {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes room for `additional` more articles, so that a loaded batch does not grow the list
    /// step by step.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.by_id.reserve(additional);
    }

    /// Adds an article, or replaces the one with the same id (a re-read file keeps its place).
    /// Returns its index.
    pub fn insert(&mut self, summary: Summary, read: bool) -> usize {
        if let Some(&i) = self.by_id.get(&summary.id) {
            self.entries[i].summary = summary;
            return i;
        }
        let i = self.entries.len();
        self.by_id.insert(summary.id, i);
        self.entries.push(Entry { summary, read });
        i
    }

    /// Removes these articles (their file is gone); ids not in the library are ignored.
    pub fn remove(&mut self, ids: &[ArticleId]) {
        let gone: std::collections::HashSet<_> = ids
            .iter()
            .filter(|id| self.by_id.contains_key(id))
            .collect();
        if gone.is_empty() {
            return;
        }
        self.entries.retain(|e| !gone.contains(&e.summary.id));
        self.by_id = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.summary.id, i))
            .collect();
    }

    /// The entries, in the order they were first inserted.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn index_of(&self, id: ArticleId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    pub fn get(&self, id: ArticleId) -> Option<&Entry> {
        self.index_of(id).map(|i| &self.entries[i])
    }

    /// Sets an article's read mark in memory; returns the previous mark.
    pub fn set_read(&mut self, id: ArticleId, read: bool) -> Option<bool> {
        let i = self.index_of(id)?;
        Some(std::mem::replace(&mut self.entries[i].read, read))
    }

    /// (all, unread)
    pub fn counts(&self) -> (usize, usize) {
        let unread = self.entries.iter().filter(|e| !e.read).count();
        (self.entries.len(), unread)
    }
}

/// Reads an article's full text again from where it lives.
pub fn open(summary: &Summary) -> Result<Article, IngestError> {
    let parsed = match &summary.location {
        Location::File(path) => ingest::read_path(path)?,
        Location::Bundled(name) => {
            let bytes = samples::get(name).ok_or_else(|| IngestError::Malformed {
                path: summary.location.display_path(),
                message: "no such bundled sample".into(),
            })?;
            ingest::parse_bytes(bytes, summary.location.clone())?
        }
        Location::Feed { .. } => {
            return crate::feeds::open_stored(summary);
        }
    };
    let path = summary.location.display_path();
    let mut articles = parsed.articles;
    let at = articles
        .iter()
        .position(|a| a.id == summary.id)
        .ok_or(IngestError::Malformed {
            path,
            message: "the article is no longer in this file".into(),
        })?;
    Ok(articles.swap_remove(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn summary(title: &str) -> Summary {
        Summary {
            id: ArticleId::from_key(title),
            title: title.into(),
            lang: None,
            published: None,
            sources: vec![],
            url: None,
            location: Location::File(PathBuf::from(format!("{title}.txt"))),
            words: 1,
        }
    }

    #[test]
    fn removing_articles_keeps_the_others_findable_by_id() {
        let mut library = Library::new();
        for title in ["a", "b", "c", "d"] {
            library.insert(summary(title), title == "d");
        }
        let id = |t: &str| ArticleId::from_key(t);
        library.remove(&[id("b"), id("nicht da")]);
        let titles: Vec<_> = library
            .entries()
            .iter()
            .map(|e| e.summary.title.as_str())
            .collect();
        assert_eq!(titles, ["a", "c", "d"]);
        assert_eq!(library.index_of(id("d")), Some(2));
        assert!(library.get(id("d")).is_some_and(|e| e.read));
        assert_eq!(library.get(id("b")), None);
        assert_eq!(library.counts(), (3, 2));
    }
}
