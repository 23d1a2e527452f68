//! The store: read marks (and a cache of parsed articles) in SQLite, in the platform data dir.
//!
//! Every change of a mark is written at once, row by row, so two readers running at once never
//! overwrite each other's marks.

use crate::article::ArticleId;
use rusqlite::{Connection, params};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {source}")]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot create the data folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

pub struct Store {
    conn: Connection,
    path: String,
}

/// The store's file in the platform data dir (`$XDG_DATA_HOME/tidings/tidings.db` on Linux).
pub fn default_path() -> Option<PathBuf> {
    crate::config::project_dirs().map(|d| d.data_dir().join("tidings.db"))
}

impl Store {
    /// Opens (or creates) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.display().to_string(),
            source,
        })?;
        Self::init(conn, path.display().to_string())
    }

    /// A store that lives only in memory (tests, `--no-store`).
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            path: ":memory:".into(),
            source,
        })?;
        Self::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<Store, StoreError> {
        let store = Store { conn, path };
        store
            .conn
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS marks (
                    id TEXT PRIMARY KEY,
                    read INTEGER NOT NULL,
                    changed INTEGER NOT NULL DEFAULT (strftime('%s','now'))
                 );",
            )
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    pub fn set_read(&self, id: ArticleId, read: bool) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO marks (id, read) VALUES (?1, ?2)
                 ON CONFLICT(id) DO UPDATE SET read = excluded.read, changed = strftime('%s','now')",
                params![id.to_string(), read],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Sets many marks in one transaction (marking a whole list read): all are written or none.
    pub fn set_read_many(&self, marks: &[(ArticleId, bool)]) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO marks (id, read) VALUES (?1, ?2)
                     ON CONFLICT(id) DO UPDATE SET read = excluded.read, changed = strftime('%s','now')",
                )
                .map_err(|e| self.err(e))?;
            for (id, read) in marks {
                stmt.execute(params![id.to_string(), read])
                    .map_err(|e| self.err(e))?;
            }
        }
        tx.commit().map_err(|e| self.err(e))
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn many_marks_are_written_together() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let ids: Vec<_> = (0..50)
            .map(|i| ArticleId::from_key(&i.to_string()))
            .collect();
        let store = Store::open(&path).unwrap();
        let marks: Vec<_> = ids.iter().map(|&id| (id, true)).collect();
        store.set_read_many(&marks).unwrap();
        store.set_read_many(&[(ids[0], false)]).unwrap();
        let read = Store::open(&path).unwrap().read_ids().unwrap();
        assert_eq!(read.len(), 49);
        assert!(!read.contains(&ids[0]));
    }
}
