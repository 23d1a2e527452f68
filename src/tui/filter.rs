//! Which articles the list shows: the filter (unread only, a language, a source) and the title
//! search, over titles folded to lower case once when they arrive so that narrowing 100k titles
//! per keystroke stays interactive.

use crate::library::Entry;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub unread_only: bool,
    pub lang: Option<String>,
    pub source: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, entry: &Entry) -> bool {
        (!self.unread_only || !entry.read)
            && self
                .lang
                .as_ref()
                .is_none_or(|l| entry.summary.lang.as_ref() == Some(l))
            && self
                .source
                .as_ref()
                .is_none_or(|s| entry.summary.sources.contains(s))
    }

    /// "unread · de · ANSA", for the list's title.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.unread_only {
            parts.push("unread".to_string());
        }
        parts.extend(self.lang.clone());
        parts.extend(self.source.clone());
        parts.join(" · ")
    }
}

/// A title folded for search: lower case.
pub fn fold(title: &str) -> String {
    title.to_lowercase()
}

/// Indices of the entries that pass `filter` and whose folded title contains `query` (folded), in
/// the list's `order`.
pub fn shown(
    entries: &[Entry],
    order: &[usize],
    folded: &[String],
    filter: &Filter,
    query: &str,
) -> Vec<usize> {
    let query = fold(query);
    order
        .iter()
        .copied()
        .filter(|&i| {
            filter.matches(&entries[i]) && (query.is_empty() || folded[i].contains(&query))
        })
        .collect()
}

/// Sorts entry indices as the list shows them: newest first, undated articles last, then by title
/// and id, so the same library always lists the same way whatever order its files were read in.
pub fn sort_newest_first(entries: &[Entry], order: &mut [usize]) {
    order.sort_unstable_by(|&a, &b| newest_first(entries, a, b));
}

/// Merges two index lists, each sorted by [`sort_newest_first`], into one sorted list.
pub fn merge_newest_first(entries: &[Entry], a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if newest_first(entries, b[j], a[i]) == std::cmp::Ordering::Less {
            merged.push(b[j]);
            j += 1;
        } else {
            merged.push(a[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

fn newest_first(entries: &[Entry], a: usize, b: usize) -> std::cmp::Ordering {
    let (a, b) = (&entries[a].summary, &entries[b].summary);
    b.published
        .cmp(&a.published)
        .then_with(|| a.title.cmp(&b.title))
        .then(a.id.cmp(&b.id))
}
