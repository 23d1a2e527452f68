//! The store's schema, versioned with `PRAGMA user_version`: each step brings a file from one
//! version to the next, so a file written by an older tidings is upgraded in place.

use super::{Store, StoreError};

/// The schema version this tidings writes.
pub(super) const VERSION: i64 = 2;

/// Step `i` upgrades version `i` to `i + 1`.
const STEPS: [&str; VERSION as usize] = [
    // 0 → 1: read marks, one row per article.
    "CREATE TABLE IF NOT EXISTS marks (
        id TEXT PRIMARY KEY,
        read INTEGER NOT NULL,
        changed INTEGER NOT NULL DEFAULT (strftime('%s','now'))
     );",
    // 1 → 2: the cache of parsed files: their summaries, valid while size and mtime match.
    "CREATE TABLE IF NOT EXISTS cache (
        path BLOB PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        summaries BLOB NOT NULL
     ) WITHOUT ROWID;",
];

pub(super) fn migrate(store: &Store) -> Result<(), StoreError> {
    let found = version(store)?;
    if found == VERSION {
        return Ok(());
    }
    if found > VERSION {
        return Err(StoreError::TooNew {
            path: store.path.clone(),
            found,
            known: VERSION,
        });
    }
    store.write(|conn| {
        // Read again inside the write lock: another reader may have migrated meanwhile.
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for step in STEPS.iter().skip(found.max(0) as usize) {
            conn.execute_batch(step)?;
        }
        conn.execute_batch(&format!("PRAGMA user_version = {VERSION}"))
    })
}

fn version(store: &Store) -> Result<i64, StoreError> {
    store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| store.err(e))
}
