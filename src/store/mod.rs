//! The store: read marks and a cache of parsed articles in one SQLite file in the platform data dir.
//!
//! Owns opening the file (WAL mode, a busy timeout, the versioned schema, recovery from a corrupt
//! file); the marks live in [`marks`], the cache of parsed summaries in [`cache`]. Other modules
//! (stories, feeds) may keep their own tables in the same file through [`Store::conn`].
//!
//! Every change of a mark is written at once, row by row, so two readers running at once never
//! overwrite each other's marks.

pub mod cache;
pub mod marks;
mod recover;
mod schema;

pub use cache::{CachedFile, RawCachedFile, decode_summaries, encode_summaries};

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    #[error(
        "store {path} has schema version {found}, newer than this tidings understands ({known}); \
         update tidings or move the file away"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("store {path} is damaged and could not be moved aside to {aside}: {source}")]
    MoveAside {
        path: String,
        aside: String,
        source: std::io::Error,
    },
}

impl StoreError {
    fn sqlite(path: &str, source: rusqlite::Error) -> Self {
        StoreError::Sqlite {
            path: path.to_string(),
            source,
        }
    }
}

pub struct Store {
    conn: Connection,
    path: String,
}

/// A store opened with [`Store::open_or_recover`], with the warning to show the user when the old
/// file was damaged and moved aside (the CLI prints it to stderr, the TUI in its status bar).
pub struct Opened {
    pub store: Store,
    pub warning: Option<String>,
}

/// How long a write waits for another running reader's write to finish before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The store's file in the platform data dir (`$XDG_DATA_HOME/tidings/tidings.db` on Linux).
pub fn default_path() -> Option<PathBuf> {
    crate::config::project_dirs().map(|d| d.data_dir().join("tidings.db"))
}

impl Store {
    /// Opens (or creates) the store at `path`. A damaged file is an error; use
    /// [`Store::open_or_recover`] to move it aside and start afresh.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::sqlite(&name, e))?;
        Self::init(conn, name)
    }

    /// Opens the store at `path`; when the file is damaged (not a database, or corrupt), moves it
    /// to `PATH.corrupt-<unix time>`, creates a fresh store and says so in [`Opened::warning`].
    pub fn open_or_recover(path: &Path) -> Result<Opened, StoreError> {
        match Self::open(path) {
            Ok(store) => Ok(Opened {
                store,
                warning: None,
            }),
            Err(StoreError::Sqlite { source, .. }) if recover::is_damage(&source) => {
                let aside = recover::move_aside(path)?;
                let store = Self::open(path)?;
                let warning = format!(
                    "the store {} was damaged ({source}); it was moved to {} and a fresh store \
                     was created, so read marks start empty",
                    path.display(),
                    aside.display()
                );
                Ok(Opened {
                    store,
                    warning: Some(warning),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// A store that lives only in memory (tests, `--no-store`).
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::sqlite(":memory:", e))?;
        Self::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<Store, StoreError> {
        let store = Store { conn, path };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.err(e))?;
        // Switching a new file to WAL can report "locked" at once, without waiting, while a second
        // reader opens the same new file; so the setup is retried for as long as a write waits.
        let started = std::time::Instant::now();
        loop {
            match store.setup() {
                Err(StoreError::Sqlite { source, .. })
                    if is_busy(&source) && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                done => return done.map(|()| store),
            }
        }
    }

    fn setup(&self) -> Result<(), StoreError> {
        // WAL lets a second reader read while the first writes, and makes each mark one small
        // append; NORMAL sync is durable across crashes of the program in WAL mode.
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(|e| self.err(e))?;
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL;")
            .map_err(|e| self.err(e))?;
        schema::migrate(self)
    }

    /// The connection, for modules that keep their own tables in the store's file.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The file the store lives in (`:memory:` for an in-memory store).
    pub fn path(&self) -> &str {
        &self.path
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, source)
    }

    /// Runs `f` in one write transaction, taken at once (`BEGIN IMMEDIATE`) so two readers never
    /// deadlock upgrading a read transaction; rolled back when `f` fails.
    fn write<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))?;
        match f(&self.conn) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(self.err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_wal_mode_with_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let version: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema::VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        Store::open(&path)
            .unwrap()
            .conn()
            .execute_batch("PRAGMA user_version = 999")
            .unwrap();
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("tidings.db") && err.contains("999"), "{err}");
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_a_fresh_store_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        std::fs::write(
            &path,
            b"this is not a database at all, just some words\n".repeat(200),
        )
        .unwrap();
        assert!(Store::open(&path).is_err());

        let opened = Store::open_or_recover(&path).unwrap();
        let warning = opened.warning.expect("a warning about the damaged store");
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with("tidings.db.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        assert!(warning.contains(&path.display().to_string()), "{warning}");
        assert!(warning.contains(&aside[0]), "{warning}");
        let id = crate::article::ArticleId::from_key("x");
        opened.store.set_read(id, true).unwrap();
        assert!(opened.store.read_ids().unwrap().contains(&id));

        // The fresh file is healthy: opening again gives no warning.
        assert!(Store::open_or_recover(&path).unwrap().warning.is_none());
    }
}
