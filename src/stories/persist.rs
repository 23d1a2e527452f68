//! Story features and the story index kept in the store's SQLite file, so a restart neither reads
//! every text again nor links every article again.
//!
//! The tables `features` and `story_index` are created if missing; the store file is shared
//! with the read marks. Rows written by another version of the feature or index format are
//! ignored (and recomputed by the caller).

use super::features::Features;
use super::index::{Params, StoryIndex};
use crate::article::{ArticleId, Published};
use rusqlite::{Connection, MAIN_DB, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;

/// Bumped whenever [`Features`] or how it is computed changes.
pub const FORMAT: i64 = 6;

/// Bumped whenever [`StoryIndex`]'s fields or how it links change. An index linked with other
/// [`Params`] than today's is not used either.
pub const INDEX_FORMAT: i64 = 9;

#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("story features in the store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the story index in the store cannot be written: {0}")]
    Index(#[from] postcard::Error),
    #[error("the story index in the store cannot be written: {0}")]
    Write(String),
    #[error("story features of {id} in the store are unreadable: {source}")]
    Row { id: String, source: postcard::Error },
}

/// An article's features as kept: what [`super::StoryIndex::add`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub id: ArticleId,
    pub features: Features,
    pub published: Option<Published>,
    pub lang: Option<String>,
}

/// Creates the tables if they are missing. Features are kept in `features`, in the order they
/// were written (`seq`, the table's own b-tree) with the id's 64 bits as a unique key beside it:
/// ids are random, and rows kept in id order would put each new row on its own page, so that
/// writing 100k articles' features wrote each page many times over (1.1 GB for a 30 MB table);
/// appended, a batch fills a few pages, and only the small index of ids is written at random.
/// Tables of older layouts (`article_features`, `story_features`) are dropped, as their rows
/// would be computed again anyway.
pub fn init(conn: &Connection) -> Result<(), PersistError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS features (
            seq INTEGER PRIMARY KEY,
            id INTEGER NOT NULL UNIQUE,
            format INTEGER NOT NULL,
            stored BLOB NOT NULL
         );
         DROP TABLE IF EXISTS article_features;
         DROP TABLE IF EXISTS story_features;
         CREATE TABLE IF NOT EXISTS story_index (
            slot INTEGER PRIMARY KEY CHECK (slot = 0),
            format INTEGER NOT NULL,
            snapshot BLOB NOT NULL
         );",
    )?;
    Ok(())
}

/// Keeps the whole index (its articles, keys and links), replacing the one kept before.
///
/// The encoding is written straight into the row's blob, a page at a time: at 100k articles it
/// is tens of megabytes, which neither an encoded copy in memory nor SQLite's copy of it is
/// then added to the reader's peak. In one transaction, so a half-written index is never read.
pub fn save_index(conn: &Connection, index: &StoryIndex) -> Result<(), PersistError> {
    let len = snapshot_len(index)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT OR REPLACE INTO story_index (slot, format, snapshot) VALUES (0, ?1, zeroblob(?2))",
        params![INDEX_FORMAT, len as i64],
    )?;
    {
        let blob = tx.blob_open(MAIN_DB, "story_index", "snapshot", 0, false)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, blob);
        postcard::to_io(index, &mut out)?;
        out.flush()
            .map_err(|e| PersistError::Write(e.to_string()))?;
    }
    tx.commit()?;
    Ok(())
}

/// How many bytes [`save_index`] writes for `index`.
pub fn snapshot_len(index: &StoryIndex) -> Result<usize, PersistError> {
    Ok(postcard::experimental::serialized_size(index)?)
}

/// The index kept by [`save_index`], when one is kept in this format and with these params; an
/// unreadable one counts as none (the articles are then linked again).
pub fn load_index(conn: &Connection, params: &Params) -> Result<Option<StoryIndex>, PersistError> {
    let snapshot: Option<Vec<u8>> = conn
        .query_row(
            "SELECT snapshot FROM story_index WHERE slot = 0 AND format = ?1",
            params![INDEX_FORMAT],
            |r| r.get(0),
        )
        .optional()?;
    Ok(snapshot
        .and_then(|bytes| postcard::from_bytes::<StoryIndex>(&bytes).ok())
        .filter(|index| index.params() == params))
}

/// What a row keeps besides the id, encoded with postcard: compact, and several times faster to
/// write and read than JSON, which matters for 100k articles at first ingest and at restart.
#[derive(Serialize, Deserialize)]
struct Row {
    features: Features,
    published: Option<Published>,
    lang: Option<String>,
}

#[derive(Serialize)]
struct RowRef<'a> {
    features: &'a Features,
    published: &'a Option<Published>,
    lang: &'a Option<String>,
}

/// The table's key for an id: its 64 bits as SQLite's signed integer.
fn key(id: ArticleId) -> i64 {
    id.0 as i64
}

fn id_of(key: i64) -> ArticleId {
    ArticleId(key as u64)
}

/// Writes (or replaces) one article's features.
pub fn save(conn: &Connection, stored: &Stored) -> Result<(), PersistError> {
    let row = RowRef {
        features: &stored.features,
        published: &stored.published,
        lang: &stored.lang,
    };
    let encoded = postcard::to_stdvec(&row).map_err(|source| PersistError::Row {
        id: stored.id.to_string(),
        source,
    })?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO features (id, format, stored) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![key(stored.id), FORMAT, encoded])?;
    Ok(())
}

/// One article's features, when kept in the current format.
pub fn load(conn: &Connection, id: ArticleId) -> Result<Option<Stored>, PersistError> {
    let row: Option<Vec<u8>> = conn
        .query_row(
            "SELECT stored FROM features WHERE id = ?1 AND format = ?2",
            params![key(id), FORMAT],
            |r| r.get(0),
        )
        .optional()?;
    row.map(|bytes| decode(id, &bytes)).transpose()
}

/// Every article's features kept in the current format, in no particular order.
pub fn load_all(conn: &Connection) -> Result<Vec<Stored>, PersistError> {
    load_except(conn, |_| false)
}

/// The ids of every article whose features are kept in the current format.
pub fn stored_ids(conn: &Connection) -> Result<HashSet<ArticleId>, PersistError> {
    let mut stmt = conn.prepare("SELECT id FROM features WHERE format = ?1")?;
    let rows = stmt.query_map(params![FORMAT], |r| r.get::<_, i64>(0))?;
    let mut ids = HashSet::new();
    for row in rows {
        ids.insert(id_of(row?));
    }
    Ok(ids)
}

/// The kept features of every article for which `skip` says no: those not yet in an index
/// restored from the store. Only their rows are decoded.
pub fn load_except(
    conn: &Connection,
    skip: impl Fn(ArticleId) -> bool,
) -> Result<Vec<Stored>, PersistError> {
    let mut stmt = conn.prepare("SELECT id, stored FROM features WHERE format = ?1")?;
    let mut rows = stmt.query(params![FORMAT])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id = id_of(row.get(0)?);
        if skip(id) {
            continue;
        }
        let bytes = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        out.push(decode(id, bytes)?);
    }
    Ok(out)
}

/// A row's features; unreadable bytes are an error naming the article.
fn decode(id: ArticleId, bytes: &[u8]) -> Result<Stored, PersistError> {
    let row: Row = postcard::from_bytes(bytes).map_err(|source| PersistError::Row {
        id: id.to_string(),
        source,
    })?;
    Ok(Stored {
        id,
        features: row.features,
        published: row.published,
        lang: row.lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let stored = Stored {
            id: ArticleId::from_key("a"),
            features: Features::of_text("Wladimir Putin traf am 13. Februar 47.000 Menschen."),
            published: Some(Published {
                year: 2021,
                month: 2,
                day: Some(13),
                time: None,
            }),
            lang: Some("de".into()),
        };
        {
            let conn = Connection::open(&path).unwrap();
            init(&conn).unwrap();
            save(&conn, &stored).unwrap();
        }
        let conn = Connection::open(&path).unwrap();
        init(&conn).unwrap();
        assert_eq!(load(&conn, stored.id).unwrap(), Some(stored.clone()));
        assert_eq!(load_all(&conn).unwrap(), vec![stored.clone()]);
        assert_eq!(stored_ids(&conn).unwrap(), HashSet::from([stored.id]));
        assert_eq!(load_except(&conn, |_| false).unwrap(), vec![stored.clone()]);
        assert!(load_except(&conn, |id| id == stored.id).unwrap().is_empty());
        assert_eq!(load(&conn, ArticleId::from_key("b")).unwrap(), None);

        // Written again (the file changed): the row is replaced, not added.
        let changed = Stored {
            features: Features::of_text("Ottilie Brankovska sprach in Quellbach."),
            ..stored.clone()
        };
        save(&conn, &changed).unwrap();
        assert_eq!(load_all(&conn).unwrap(), vec![changed]);
    }

    #[test]
    fn the_index_survives_a_restart_with_its_links() {
        let conn = Connection::open_in_memory().unwrap();
        init(&conn).unwrap();
        let params = Params::default();
        assert!(load_index(&conn, &params).unwrap().is_none());
        let text = "Ottilie Brankovska opened the Quellbach bridge with Mayor Tamsin Arkwright \
                    on 14 March before 12,400 people; @quellbachtown posted it.";
        let mut index = StoryIndex::new();
        let (a, b, c) = (
            ArticleId::from_key("a"),
            ArticleId::from_key("b"),
            ArticleId::from_key("c"),
        );
        index.add(a, &Features::of_text(text), None, Some("en"));
        index.add(b, &Features::of_text(text), None, Some("en"));
        save_index(&conn, &index).unwrap();

        let mut restored = load_index(&conn, &params).unwrap().expect("kept");
        assert_eq!(restored.len(), 2);
        assert_eq!(restored.links_of(a), index.links_of(a));
        assert_eq!(restored.story_of(b), index.story_of(a));
        // It goes on linking where it stopped.
        restored.add(c, &Features::of_text(text), None, Some("en"));
        assert_eq!(restored.story_of(c), restored.story_of(a));

        // Linked with other knobs, or unreadable: not used.
        let other = Params {
            prior_docs: params.prior_docs + 1.0,
            ..params
        };
        assert!(load_index(&conn, &other).unwrap().is_none());
        conn.execute("UPDATE story_index SET snapshot = x'00ff'", [])
            .unwrap();
        assert!(load_index(&conn, &params).unwrap().is_none());
    }

    #[test]
    fn a_store_of_the_older_layout_is_taken_over() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE article_features (id INTEGER PRIMARY KEY, format INTEGER, stored BLOB);
             INSERT INTO article_features VALUES (1, 5, x'00');",
        )
        .unwrap();
        init(&conn).unwrap();
        let old: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'article_features'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old, 0);
        let stored = Stored {
            id: ArticleId::from_key("a"),
            features: Features::of_text("Ottilie Brankovska in Quellbach."),
            published: None,
            lang: None,
        };
        save(&conn, &stored).unwrap();
        assert_eq!(load_all(&conn).unwrap(), vec![stored]);
    }

    #[test]
    fn rows_of_another_format_are_ignored() {
        let conn = Connection::open_in_memory().unwrap();
        init(&conn).unwrap();
        conn.execute(
            "INSERT INTO features (id, format, stored) VALUES (?1, ?2, x'00')",
            params![key(ArticleId::from_key("a")), FORMAT + 1],
        )
        .unwrap();
        assert!(load_all(&conn).unwrap().is_empty());
    }
}
