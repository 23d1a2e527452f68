//! What the reader shows of linked stories, gathered from the library and the story index: the
//! rows of the linked-articles popup and of the stories view. Gathering only; drawing is in
//! `view`, the index itself in `crate::stories`.

use crate::article::{ArticleId, Published, Summary};
use crate::library::Library;
use crate::stories::StoryIndex;
use std::collections::BTreeSet;

/// One linked article, as the `L` popup lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedRow {
    pub id: ArticleId,
    pub outlet: String,
    pub lang: String,
    pub date: String,
    pub title: String,
    /// The names (handles, numbers, URLs) the two articles share.
    pub shared: Vec<String>,
}

/// One story of the stories view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRow {
    /// Its articles, oldest first; Enter opens the first.
    pub articles: Vec<ArticleId>,
    pub langs: Vec<String>,
    pub first: Option<Published>,
    pub last: Option<Published>,
    /// Its articles' titles, oldest first.
    pub titles: Vec<String>,
    /// Articles per day from the first day to the last (one bar per day), for the timeline.
    pub per_day: Vec<u64>,
}

/// Days a story's timeline covers at most: a story spread over years shows its first months.
const TIMELINE_DAYS: i64 = 120;

/// The outlet of an article: its first source, else its URL's host.
pub fn outlet(summary: &Summary) -> String {
    match summary.sources.first() {
        Some(s) => s.clone(),
        None => summary
            .url
            .as_deref()
            .and_then(host)
            .unwrap_or("no outlet")
            .to_string(),
    }
}

fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}

/// The articles linked to `id` that are in the library, strongest first.
pub fn linked_rows(index: &StoryIndex, library: &Library, id: ArticleId) -> Vec<LinkedRow> {
    index
        .links_of(id)
        .into_iter()
        .filter_map(|l| {
            let s = &library.get(l.id)?.summary;
            Some(LinkedRow {
                id: l.id,
                outlet: outlet(s),
                lang: s.lang.clone().unwrap_or_else(|| "?".into()),
                date: s.published.map(|p| p.to_string()).unwrap_or_default(),
                title: s.title.clone(),
                shared: l.shared,
            })
        })
        .collect()
}

/// The articles of `id`'s story that are in the library, oldest first (undated last), `id`
/// included; empty when it is in no story yet.
pub fn story_members(index: &StoryIndex, library: &Library, id: ArticleId) -> Vec<ArticleId> {
    let Some(story) = index.story_of(id) else {
        return Vec::new();
    };
    // The story's own links reach every member within a few steps; walk them.
    let mut seen = BTreeSet::from([id]);
    let mut todo = vec![id];
    while let Some(at) = todo.pop() {
        for l in index.links_of(at) {
            if index.story_of(l.id) == Some(story) && seen.insert(l.id) {
                todo.push(l.id);
            }
        }
    }
    let mut members: Vec<ArticleId> = seen
        .into_iter()
        .filter(|m| library.get(*m).is_some())
        .collect();
    sort_by_date(library, &mut members);
    members
}

fn sort_by_date(library: &Library, ids: &mut [ArticleId]) {
    ids.sort_by_key(|id| {
        let p = library.get(*id).and_then(|e| e.summary.published);
        (p.is_none(), p, *id)
    });
}

/// The stories of two articles or more, largest first (then the most recent first); and how
/// many articles stand alone.
pub fn story_rows(index: &StoryIndex, library: &Library) -> (Vec<StoryRow>, usize) {
    let mut rows = Vec::new();
    let mut alone = 0;
    for (_, mut ids) in index.stories() {
        ids.retain(|id| library.get(*id).is_some());
        if ids.len() < 2 {
            alone += ids.len();
            continue;
        }
        sort_by_date(library, &mut ids);
        let summaries: Vec<&Summary> = ids
            .iter()
            .filter_map(|id| library.get(*id).map(|e| &e.summary))
            .collect();
        let langs: BTreeSet<String> = summaries.iter().filter_map(|s| s.lang.clone()).collect();
        let dates: Vec<Published> = summaries.iter().filter_map(|s| s.published).collect();
        rows.push(StoryRow {
            langs: langs.into_iter().collect(),
            first: dates.first().copied(),
            last: dates.last().copied(),
            titles: summaries.iter().map(|s| s.title.clone()).collect(),
            per_day: per_day(&dates),
            articles: ids,
        });
    }
    rows.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(b.last.cmp(&a.last))
            .then(a.articles.cmp(&b.articles))
    });
    (rows, alone)
}

/// Articles per day from the first date to the last (dates sorted), at most [`TIMELINE_DAYS`].
fn per_day(dates: &[Published]) -> Vec<u64> {
    let Some(first) = dates.first().map(|p| p.days_since_epoch()) else {
        return Vec::new();
    };
    let last = dates.last().map_or(first, |p| p.days_since_epoch());
    let len = (last - first).clamp(0, TIMELINE_DAYS - 1) + 1;
    let mut days = vec![0; usize::try_from(len).unwrap_or(1)];
    for d in dates {
        let at = usize::try_from(d.days_since_epoch() - first).unwrap_or(usize::MAX);
        if let Some(n) = days.get_mut(at) {
            *n += 1;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u8) -> Published {
        Published {
            year: 2025,
            month: 1,
            day: Some(d),
            time: None,
        }
    }

    #[test]
    fn the_timeline_counts_articles_per_day() {
        assert_eq!(per_day(&[day(3), day(3), day(5)]), [2, 0, 1]);
        assert_eq!(per_day(&[]), Vec::<u64>::new());
    }

    #[test]
    fn a_long_story_shows_its_first_days() {
        let late = Published {
            year: 2030,
            month: 1,
            day: Some(1),
            time: None,
        };
        let days = per_day(&[day(1), late]);
        assert_eq!(days.len(), TIMELINE_DAYS as usize);
        assert_eq!(days.iter().sum::<u64>(), 1);
    }

    #[test]
    fn the_outlet_is_the_source_else_the_host() {
        assert_eq!(
            host("https://news.example.org/a?b"),
            Some("news.example.org")
        );
        assert_eq!(host("nonsense"), None);
    }
}
