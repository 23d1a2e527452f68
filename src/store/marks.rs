//! Read marks: one row per article, written at once; an article without a row is unread.

use super::{Store, StoreError};
use crate::article::ArticleId;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashSet;

const UPSERT: &str = "INSERT INTO marks (id, read) VALUES (?1, ?2)
     ON CONFLICT(id) DO UPDATE SET read = excluded.read, changed = strftime('%s','now')";

impl Store {
    pub fn set_read(&self, id: ArticleId, read: bool) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(UPSERT)
            .and_then(|mut stmt| stmt.execute(params![id.to_string(), read]))
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Marks every id read (or unread) in one transaction; returns each id's mark before, in the
    /// order given, so that the change can be undone with [`Store::set_marks`].
    pub fn set_read_many(
        &self,
        ids: &[ArticleId],
        read: bool,
    ) -> Result<Vec<(ArticleId, bool)>, StoreError> {
        self.write(|conn| {
            ids.iter()
                .map(|&id| {
                    let before = mark(conn, id)?;
                    upsert(conn, id, read)?;
                    Ok((id, before))
                })
                .collect()
        })
    }

    /// Sets each article's mark as given, in one transaction (the undo of [`Store::set_read_many`]).
    pub fn set_marks(&self, marks: &[(ArticleId, bool)]) -> Result<(), StoreError> {
        self.write(|conn| {
            marks
                .iter()
                .try_for_each(|&(id, read)| upsert(conn, id, read))
        })
    }

    /// Every article marked read.
    pub fn read_ids(&self) -> Result<HashSet<ArticleId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM marks WHERE read = 1")
            .map_err(|e| self.err(e))?;
        let ids = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.err(e))?
            .filter_map(|r| r.ok()?.parse().ok())
            .collect();
        Ok(ids)
    }
}

fn mark(conn: &Connection, id: ArticleId) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT read FROM marks WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get::<_, bool>(0))
        .optional()
        .map(|read| read.unwrap_or(false))
}

fn upsert(conn: &Connection, id: ArticleId, read: bool) -> rusqlite::Result<()> {
    conn.prepare_cached(UPSERT)?
        .execute(params![id.to_string(), read])
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize, tag: &str) -> Vec<ArticleId> {
        (0..n)
            .map(|i| ArticleId::from_key(&format!("{tag}{i}")))
            .collect()
    }

    #[test]
    fn marks_persist_across_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/tidings.db");
        let a = ArticleId::from_key("a");
        let b = ArticleId::from_key("b");
        {
            let store = Store::open(&path).unwrap();
            store.set_read(a, true).unwrap();
            store.set_read(b, true).unwrap();
            store.set_read(b, false).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.read_ids().unwrap(), HashSet::from([a]));
    }

    #[test]
    fn mark_all_returns_the_previous_marks_and_can_be_undone() {
        let store = Store::in_memory().unwrap();
        let all = ids(5, "m");
        store.set_read(all[1], true).unwrap();
        store.set_read(all[3], false).unwrap();

        let before = store.set_read_many(&all, true).unwrap();
        let expected: Vec<_> = all
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i == 1))
            .collect();
        assert_eq!(before, expected);
        assert_eq!(store.read_ids().unwrap().len(), 5);

        store.set_marks(&before).unwrap();
        assert_eq!(store.read_ids().unwrap(), HashSet::from([all[1]]));
    }

    #[test]
    fn two_stores_on_one_file_lose_no_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let a = ids(150, "a");
        let b = ids(150, "b");
        let writer = |path: std::path::PathBuf, ids: Vec<ArticleId>| {
            std::thread::spawn(move || {
                let store = Store::open(&path).unwrap();
                for (i, id) in ids.into_iter().enumerate() {
                    store.set_read(id, true).unwrap();
                    if i % 10 == 0 {
                        // Also interleave transactions with the other writer.
                        store.set_read_many(&[id], true).unwrap();
                    }
                }
            })
        };
        let ta = writer(path.clone(), a.clone());
        let tb = writer(path.clone(), b.clone());
        ta.join().unwrap();
        tb.join().unwrap();
        let read = Store::open(&path).unwrap().read_ids().unwrap();
        let expected: HashSet<_> = a.into_iter().chain(b).collect();
        assert_eq!(read, expected);
    }
}
