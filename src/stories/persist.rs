//! Story features kept in the store's SQLite file, so a restart does not read every text again.
//!
//! The table `story_features` is created if missing; the store file is shared with the read
//! marks. Rows written by another version of the feature format are ignored (and recomputed by
//! the caller).

use super::features::Features;
use crate::article::{ArticleId, Published};
use rusqlite::{Connection, OptionalExtension, params};

/// Bumped whenever [`Features`] or how it is computed changes.
pub const FORMAT: i64 = 2;

#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("story features in the store: {0}")]
    Sqlite(#[from] rusqlite::Error),
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
         );",
    )?;
    Ok(())
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
        assert_eq!(load_all(&conn).unwrap(), vec![stored]);
        assert_eq!(load(&conn, ArticleId::from_key("b")).unwrap(), None);
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
