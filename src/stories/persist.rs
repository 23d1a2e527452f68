//! Story features and the story index kept in the store's SQLite file, so a restart neither reads
//! every text again nor links every article again.
//!
//! The tables `story_features` and `story_index` are created if missing; the store file is shared
//! with the read marks. Rows written by another version of the feature or index format are
//! ignored (and recomputed by the caller).

use super::features::Features;
use super::index::{Params, StoryIndex};
use crate::article::{ArticleId, Published};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashSet;

/// Bumped whenever [`Features`] or how it is computed changes.
pub const FORMAT: i64 = 4;

/// Bumped whenever [`StoryIndex`]'s fields or how it links change. An index linked with other
/// [`Params`] than today's is not used either.
pub const INDEX_FORMAT: i64 = 5;

#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("story features in the store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the story index in the store cannot be written: {0}")]
    Index(#[from] postcard::Error),
    #[error("story features of {id} in the store are unreadable: {source}")]
    Json {
        id: String,
        source: serde_json::Error,
    },
}

/// An article's features as kept: what [`super::StoryIndex::add`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub id: ArticleId,
    pub features: Features,
    pub published: Option<Published>,
    pub lang: Option<String>,
}

/// Creates the table if it is missing.
pub fn init(conn: &Connection) -> Result<(), PersistError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS story_features (
            id TEXT PRIMARY KEY,
            format INTEGER NOT NULL,
            features TEXT NOT NULL,
            published TEXT,
            lang TEXT
         );
         CREATE TABLE IF NOT EXISTS story_index (
            slot INTEGER PRIMARY KEY CHECK (slot = 0),
            format INTEGER NOT NULL,
            snapshot BLOB NOT NULL
         );",
    )?;
    Ok(())
}

/// Keeps the whole index (its articles, keys and links), replacing the one kept before.
pub fn save_index(conn: &Connection, index: &StoryIndex) -> Result<(), PersistError> {
    let snapshot = postcard::to_stdvec(index)?;
    conn.execute(
        "INSERT OR REPLACE INTO story_index (slot, format, snapshot) VALUES (0, ?1, ?2)",
        params![INDEX_FORMAT, snapshot],
    )?;
    Ok(())
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

/// Writes (or replaces) one article's features.
pub fn save(conn: &Connection, stored: &Stored) -> Result<(), PersistError> {
    let features =
        serde_json::to_string(&stored.features).map_err(|source| PersistError::Json {
            id: stored.id.to_string(),
            source,
        })?;
    let published = stored
        .published
        .map(|p| serde_json::to_string(&p))
        .transpose()
        .map_err(|source| PersistError::Json {
            id: stored.id.to_string(),
            source,
        })?;
    conn.execute(
        "INSERT OR REPLACE INTO story_features (id, format, features, published, lang)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            stored.id.to_string(),
            FORMAT,
            features,
            published,
            stored.lang
        ],
    )?;
    Ok(())
}

/// One article's features, when kept in the current format.
pub fn load(conn: &Connection, id: ArticleId) -> Result<Option<Stored>, PersistError> {
    let row = conn
        .query_row(
            "SELECT id, features, published, lang FROM story_features WHERE id = ?1 AND format = ?2",
            params![id.to_string(), FORMAT],
            row_strings,
        )
        .optional()?;
    row.map(parse).transpose().map(Option::flatten)
}

/// Every article's features kept in the current format, in no particular order.
pub fn load_all(conn: &Connection) -> Result<Vec<Stored>, PersistError> {
    let mut stmt =
        conn.prepare("SELECT id, features, published, lang FROM story_features WHERE format = ?1")?;
    let rows = stmt.query_map(params![FORMAT], row_strings)?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(stored) = parse(row?)? {
            out.push(stored);
        }
    }
    Ok(out)
}

/// The ids of every article whose features are kept in the current format.
pub fn stored_ids(conn: &Connection) -> Result<HashSet<ArticleId>, PersistError> {
    let mut stmt = conn.prepare("SELECT id FROM story_features WHERE format = ?1")?;
    let rows = stmt.query_map(params![FORMAT], |r| r.get::<_, String>(0))?;
    let mut ids = HashSet::new();
    for row in rows {
        ids.extend(row?.parse::<ArticleId>().ok());
    }
    Ok(ids)
}

/// The kept features of every article for which `skip` says no: those not yet in an index
/// restored from the store. Only their rows are decoded.
pub fn load_except(
    conn: &Connection,
    skip: impl Fn(ArticleId) -> bool,
) -> Result<Vec<Stored>, PersistError> {
    let mut stmt =
        conn.prepare("SELECT id, features, published, lang FROM story_features WHERE format = ?1")?;
    let mut rows = stmt.query(params![FORMAT])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let wanted = row
            .get_ref(0)?
            .as_str()
            .ok()
            .and_then(|id| id.parse::<ArticleId>().ok())
            .is_some_and(|id| !skip(id));
        if wanted && let Some(stored) = parse(row_strings(row)?)? {
            out.push(stored);
        }
    }
    Ok(out)
}

type Row = (String, String, Option<String>, Option<String>);

fn row_strings(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

/// A row whose id does not parse is skipped (None); unreadable JSON is an error naming the id.
fn parse((id, features, published, lang): Row) -> Result<Option<Stored>, PersistError> {
    let Ok(article) = id.parse::<ArticleId>() else {
        return Ok(None);
    };
    let json = |source| PersistError::Json {
        id: id.clone(),
        source,
    };
    let features = serde_json::from_str(&features).map_err(json)?;
    let published = published
        .map(|p| serde_json::from_str(&p))
        .transpose()
        .map_err(json)?;
    Ok(Some(Stored {
        id: article,
        features,
        published,
        lang,
    }))
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
    fn rows_of_another_format_are_ignored() {
        let conn = Connection::open_in_memory().unwrap();
        init(&conn).unwrap();
        conn.execute(
            "INSERT INTO story_features (id, format, features) VALUES (?1, ?2, 'old')",
            params![ArticleId::from_key("a").to_string(), FORMAT + 1],
        )
        .unwrap();
        assert!(load_all(&conn).unwrap().is_empty());
    }
}
