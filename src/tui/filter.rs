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
/// the list's `order`. Without a filter or a query that is `order` itself, copied without looking
/// at the entries.
pub fn shown(
    entries: &[Entry],
    order: &[usize],
    folded: &[String],
    filter: &Filter,
    query: &str,
) -> Vec<usize> {
    let query = fold(query);
    if filter.is_empty() && query.is_empty() {
        return order.to_vec();
    }
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

/// Merges two index lists, each sorted by [`sort_newest_first`], into one sorted list; on a tie
/// `a`'s entry comes first.
///
/// `b` is usually a small batch merged into a long list: each of its entries finds its place by
/// a galloping search from where the previous one went, so the merge costs about
/// `b.len() * log(a.len() / b.len())` comparisons and one copy of `a`, not a comparison per entry
/// of `a` (the list is merged into at every batch of a loading library).
pub fn merge_newest_first(entries: &[Entry], a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut rest = a;
    for &x in b {
        // `a`'s entries that are not after x go first: a prefix of `rest`, as `rest` is sorted.
        let before = |y: &usize| newest_first(entries, x, *y) != std::cmp::Ordering::Less;
        let mut end = 1;
        while end < rest.len() && before(&rest[end - 1]) {
            end *= 2;
        }
        let from = end / 2;
        let end = end.min(rest.len());
        let k = from + rest[from..end].partition_point(before);
        merged.extend_from_slice(&rest[..k]);
        merged.push(x);
        rest = &rest[k..];
    }
    merged.extend_from_slice(rest);
    merged
}

fn newest_first(entries: &[Entry], a: usize, b: usize) -> std::cmp::Ordering {
    let (a, b) = (&entries[a].summary, &entries[b].summary);
    b.published
        .cmp(&a.published)
        .then_with(|| a.title.cmp(&b.title))
        .then(a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, Location, Published, Summary};
    use proptest::prelude::*;
    use std::path::PathBuf;

    fn entries(rows: &[(Option<u8>, u8)]) -> Vec<Entry> {
        rows.iter()
            .enumerate()
            .map(|(i, &(day, title))| Entry {
                summary: Summary {
                    id: ArticleId::from_key(&i.to_string()),
                    // Few distinct titles and days, so that ties reach the id.
                    title: format!("title {}", title % 4),
                    lang: None,
                    published: day.map(|d| Published {
                        year: 2025,
                        month: 1,
                        day: Some(1 + d % 3),
                        time: None,
                    }),
                    sources: vec![],
                    url: None,
                    location: Location::File(PathBuf::from(format!("{i}.txt"))),
                    words: 1,
                },
                read: i % 3 == 0,
            })
            .collect()
    }

    proptest! {
        #[test]
        fn merging_two_sorted_lists_sorts_their_union(
            rows in proptest::collection::vec((proptest::option::of(0u8..3), 0u8..4), 0..300),
            split in proptest::collection::vec(any::<bool>(), 300),
        ) {
            let entries = entries(&rows);
            let (mut a, mut b): (Vec<usize>, Vec<usize>) =
                (0..entries.len()).partition(|&i| split[i]);
            sort_newest_first(&entries, &mut a);
            sort_newest_first(&entries, &mut b);
            let mut all: Vec<usize> = (0..entries.len()).collect();
            sort_newest_first(&entries, &mut all);
            prop_assert_eq!(merge_newest_first(&entries, &a, &b), all.clone());
            prop_assert_eq!(merge_newest_first(&entries, &b, &a), all);
        }
    }

    #[test]
    fn a_small_batch_merges_into_a_long_list_at_its_places() {
        let rows: Vec<(Option<u8>, u8)> = (0..1000).map(|i| (Some(i as u8 % 3), i as u8)).collect();
        let entries = entries(&rows);
        let (mut a, mut b): (Vec<usize>, Vec<usize>) = (0..1000).partition(|i| i % 97 != 5);
        sort_newest_first(&entries, &mut a);
        sort_newest_first(&entries, &mut b);
        let mut all: Vec<usize> = (0..1000).collect();
        sort_newest_first(&entries, &mut all);
        assert_eq!(b.len(), 11);
        assert_eq!(merge_newest_first(&entries, &a, &b), all);
        assert_eq!(merge_newest_first(&entries, &a, &[]), a);
        assert_eq!(merge_newest_first(&entries, &[], &b), b);
    }

    #[test]
    fn without_filter_or_query_every_entry_shows_in_order_and_a_filter_narrows() {
        let rows: Vec<(Option<u8>, u8)> = (0..12).map(|i| (None, i)).collect();
        let entries = entries(&rows);
        let folded: Vec<String> = entries.iter().map(|e| fold(&e.summary.title)).collect();
        let order: Vec<usize> = (0..12).rev().collect();
        assert_eq!(
            shown(&entries, &order, &folded, &Filter::default(), ""),
            order
        );
        let unread = Filter {
            unread_only: true,
            ..Filter::default()
        };
        let expected: Vec<usize> = order.iter().copied().filter(|i| i % 3 != 0).collect();
        assert_eq!(shown(&entries, &order, &folded, &unread, ""), expected);
        let titled: Vec<usize> = order.iter().copied().filter(|i| i % 4 == 1).collect();
        assert_eq!(
            shown(&entries, &order, &folded, &Filter::default(), "TITLE 1"),
            titled
        );
    }
}
