//! Which articles the list shows: the filter (unread only, a language, a source) and the title
//! search, over titles folded to lower case once when they arrive so that narrowing 100k titles
//! per keystroke stays interactive.

use crate::article::{Published, Summary};
use crate::library::Entry;
use std::cmp::Ordering;

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

/// A title folded for search: lower case, as `str::to_lowercase` makes it. Done for every
/// article loaded, so it takes two shortcuts that give the same text: ASCII titles are lowercased
/// byte by byte, and a character that is already lowercase is kept without the table search of
/// `char::to_lowercase` (only Σ depends on its neighbours: a title with one takes the long way).
pub fn fold(title: &str) -> String {
    if title.is_ascii() {
        return title.to_ascii_lowercase();
    }
    if title.contains('Σ') {
        return title.to_lowercase();
    }
    let mut folded = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else if c.is_lowercase() {
            folded.push(c);
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    folded
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

/// What the list is sorted by, kept in an array beside the entries (by library index): sorting
/// and merging a long list compare these small keys, and read an entry's title only when two
/// keys tie, instead of two entries far apart in memory at every comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    /// The publication date packed in the order of [`Published`]'s fields; 0 when undated.
    date: u64,
    /// The title's first 32 bytes, big-endian, padded with zeros: ordered as the titles are,
    /// except that titles equal there tie.
    title: [u128; 2],
}

impl SortKey {
    pub fn of(summary: &Summary) -> SortKey {
        let mut head = [0u8; 32];
        let title = summary.title.as_bytes();
        let n = title.len().min(head.len());
        head[..n].copy_from_slice(&title[..n]);
        let (first, second) = head.split_at(16);
        let word = |half: &[u8]| u128::from_be_bytes(half.try_into().unwrap_or_default());
        SortKey {
            date: date_key(summary.published),
            title: [word(first), word(second)],
        }
    }
}

/// A date as a number ordered as `Option<Published>` is: undated first, then year, month, day
/// (none first) and time (none first).
fn date_key(published: Option<Published>) -> u64 {
    let Some(p) = published else {
        return 0;
    };
    let day = p.day.map_or(0, |d| u64::from(d) + 1);
    let time = p
        .time
        .map_or(0, |(h, m)| 1 << 16 | u64::from(h) << 8 | u64::from(m));
    1 << 62 | u64::from(p.year) << 40 | u64::from(p.month) << 32 | day << 20 | time
}

/// Sorts entry indices as the list shows them: newest first, undated articles last, then by title
/// and id, so the same library always lists the same way whatever order its files were read in.
/// `keys` are the entries' [`SortKey`]s.
pub fn sort_newest_first(entries: &[Entry], keys: &[SortKey], order: &mut [usize]) {
    order.sort_unstable_by(|&a, &b| newest_first(entries, keys, a, b));
}

/// Merges two index lists, each sorted by [`sort_newest_first`], into one sorted list; on a tie
/// `a`'s entry comes first.
///
/// `b` is usually a small batch merged into a long list: each of its entries finds its place by
/// a galloping search from where the previous one went, so the merge costs about
/// `b.len() * log(a.len() / b.len())` comparisons and one copy of `a`, not a comparison per entry
/// of `a` (the list is merged into at every batch of a loading library).
pub fn merge_newest_first(
    entries: &[Entry],
    keys: &[SortKey],
    a: &[usize],
    b: &[usize],
) -> Vec<usize> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut rest = a;
    for &x in b {
        // `a`'s entries that are not after x go first: a prefix of `rest`, as `rest` is sorted.
        let before = |y: &usize| newest_first(entries, keys, x, *y) != Ordering::Less;
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

fn newest_first(entries: &[Entry], keys: &[SortKey], a: usize, b: usize) -> Ordering {
    let (ka, kb) = (&keys[a], &keys[b]);
    kb.date
        .cmp(&ka.date)
        .then(ka.title.cmp(&kb.title))
        .then_with(|| {
            let (a, b) = (&entries[a].summary, &entries[b].summary);
            a.title.cmp(&b.title).then(a.id.cmp(&b.id))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, Location, Published, Summary};
    use proptest::prelude::*;
    use std::path::PathBuf;

    /// Titles that share more than a key's 32 bytes, or end within them, and dates that differ in
    /// any field, so that every tie-break of the order is reached.
    /// A test row: (month, day, time) codes of its date, if dated, and its title's number.
    type Row = (Option<(u8, u8, u8)>, u8);

    fn entries(rows: &[Row]) -> Vec<Entry> {
        const TITLES: [&str; 6] = [
            "Acordo comercial em Belmora assinado entre as partes",
            "Acordo comercial em Belmora assinado entre os pares",
            "Acordo",
            "Acordo ",
            "Zürich: Brücke gesperrt",
            "",
        ];
        rows.iter()
            .enumerate()
            .map(|(i, &(date, title))| Entry {
                summary: Summary {
                    id: ArticleId::from_key(&i.to_string()),
                    title: TITLES[usize::from(title) % TITLES.len()].to_string(),
                    lang: None,
                    published: date.map(|(month, day, time)| Published {
                        year: 2025 - u16::from(time % 2),
                        month: 1 + month % 2,
                        day: (day % 3 != 0).then_some(day % 3),
                        time: (time % 3 != 0).then_some((time % 3, 30)),
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

    fn keys(entries: &[Entry]) -> Vec<SortKey> {
        entries.iter().map(|e| SortKey::of(&e.summary)).collect()
    }

    /// The order as first defined, on the entries alone.
    fn sorted_by_definition(entries: &[Entry]) -> Vec<usize> {
        let mut all: Vec<usize> = (0..entries.len()).collect();
        all.sort_by(|&a, &b| {
            let (a, b) = (&entries[a].summary, &entries[b].summary);
            b.published
                .cmp(&a.published)
                .then_with(|| a.title.cmp(&b.title))
                .then(a.id.cmp(&b.id))
        });
        all
    }

    fn row() -> impl Strategy<Value = Row> {
        (proptest::option::of((0u8..4, 0u8..6, 0u8..6)), 0u8..6)
    }

    proptest! {
        #[test]
        fn sorting_by_keys_is_the_defined_order(rows in proptest::collection::vec(row(), 0..200)) {
            let entries = entries(&rows);
            let mut all: Vec<usize> = (0..entries.len()).collect();
            sort_newest_first(&entries, &keys(&entries), &mut all);
            prop_assert_eq!(all, sorted_by_definition(&entries));
        }

        #[test]
        fn merging_two_sorted_lists_sorts_their_union(
            rows in proptest::collection::vec(row(), 0..300),
            split in proptest::collection::vec(any::<bool>(), 300),
        ) {
            let entries = entries(&rows);
            let keys = keys(&entries);
            let (mut a, mut b): (Vec<usize>, Vec<usize>) =
                (0..entries.len()).partition(|&i| split[i]);
            sort_newest_first(&entries, &keys, &mut a);
            sort_newest_first(&entries, &keys, &mut b);
            let all = sorted_by_definition(&entries);
            prop_assert_eq!(merge_newest_first(&entries, &keys, &a, &b), all.clone());
            prop_assert_eq!(merge_newest_first(&entries, &keys, &b, &a), all);
        }
    }

    #[test]
    fn a_small_batch_merges_into_a_long_list_at_its_places() {
        let rows: Vec<_> = (0..1000u32)
            .map(|i| {
                (
                    Some((i as u8 % 4, (i / 4) as u8 % 6, (i / 24) as u8 % 6)),
                    i as u8,
                )
            })
            .collect();
        let entries = entries(&rows);
        let keys = keys(&entries);
        let (mut a, mut b): (Vec<usize>, Vec<usize>) = (0..1000).partition(|i| i % 97 != 5);
        sort_newest_first(&entries, &keys, &mut a);
        sort_newest_first(&entries, &keys, &mut b);
        assert_eq!(b.len(), 11);
        assert_eq!(
            merge_newest_first(&entries, &keys, &a, &b),
            sorted_by_definition(&entries)
        );
        assert_eq!(merge_newest_first(&entries, &keys, &a, &[]), a);
        assert_eq!(merge_newest_first(&entries, &keys, &[], &b), b);
    }

    #[test]
    fn folding_is_lowercasing() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("Ab{c}");
            assert_eq!(fold(&text), text.to_lowercase(), "{c:?}");
        }
        for text in ["ΣΟΦΙΑ ΟΔΟΣ", "Οδός Σ.", "İstanbul", "Straße ǅ", "ＦＵＬＬ"]
        {
            assert_eq!(fold(text), text.to_lowercase(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn folding_is_lowercasing_any_title(title in "\\PC{0,40}") {
            prop_assert_eq!(fold(&title), title.to_lowercase());
        }
    }

    #[test]
    fn without_filter_or_query_every_entry_shows_in_order_and_a_filter_narrows() {
        let rows: Vec<_> = (0..12).map(|i| (None, i)).collect();
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
        let titled: Vec<usize> = order.iter().copied().filter(|i| i % 6 == 4).collect();
        assert_eq!(
            shown(&entries, &order, &folded, &Filter::default(), "ZÜRICH"),
            titled
        );
    }
}
