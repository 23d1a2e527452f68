//! Feed items kept in the store file, so a subscribed library reads offline: tables of their own
//! (`feed_state`, `feed_items`) beside the read marks, written in one transaction per feed so a
//! failed update loses nothing already stored.

use super::fetch::Validators;
use crate::article::{Article, ArticleId, Summary};
use rusqlite::{Connection, OptionalExtension, params};

/// Creates the feed tables when missing.
pub fn init(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS feed_state (
            url TEXT PRIMARY KEY,
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            fetched INTEGER
         );
         CREATE TABLE IF NOT EXISTS feed_items (
            id TEXT PRIMARY KEY,
            feed_url TEXT NOT NULL,
            summary TEXT NOT NULL,
            article TEXT NOT NULL,
            seen INTEGER NOT NULL DEFAULT (strftime('%s','now'))
         );
         CREATE INDEX IF NOT EXISTS feed_items_by_feed ON feed_items(feed_url);",
    )
}

/// The validators stored from the last successful fetch of a feed.
pub fn validators(conn: &Connection, url: &str) -> rusqlite::Result<Validators> {
    conn.query_row(
        "SELECT etag, last_modified FROM feed_state WHERE url = ?1",
        params![url],
        |row| {
            Ok(Validators {
                etag: row.get(0)?,
                last_modified: row.get(1)?,
            })
        },
    )
    .optional()
    .map(Option::unwrap_or_default)
}

/// Stores a fetched feed's items (new ones added, known ones updated; items that left the feed
/// stay) and its validators, all or nothing. Returns how many items were new.
pub fn save(
    conn: &Connection,
    url: &str,
    title: Option<&str>,
    validators: &Validators,
    articles: &[Article],
) -> rusqlite::Result<usize> {
    let tx = conn.unchecked_transaction()?;
    let mut new = 0;
    {
        let mut exists = tx.prepare_cached("SELECT 1 FROM feed_items WHERE id = ?1")?;
        let mut upsert = tx.prepare_cached(
            "INSERT INTO feed_items (id, feed_url, summary, article) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET summary = excluded.summary, article = excluded.article",
        )?;
        for article in articles {
            let id = article.id.to_string();
            if !exists.exists(params![id])? {
                new += 1;
            }
            let summary = serde_json::to_string(&article.summary())
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            let body = serde_json::to_string(article)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            upsert.execute(params![id, url, summary, body])?;
        }
    }
    tx.execute(
        "INSERT INTO feed_state (url, title, etag, last_modified, fetched)
         VALUES (?1, ?2, ?3, ?4, strftime('%s','now'))
         ON CONFLICT(url) DO UPDATE SET title = coalesce(excluded.title, title),
           etag = excluded.etag, last_modified = excluded.last_modified, fetched = excluded.fetched",
        params![url, title, validators.etag, validators.last_modified],
    )?;
    tx.commit()?;
    Ok(new)
}

/// Every stored item's list row, oldest first.
pub fn summaries(conn: &Connection) -> rusqlite::Result<Vec<Summary>> {
    let mut stmt = conn.prepare("SELECT summary FROM feed_items ORDER BY rowid")?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        // A row written by a different version that no longer parses is skipped, not fatal.
        if let Ok(summary) = serde_json::from_str(&row?) {
            out.push(summary);
        }
    }
    Ok(out)
}

/// The list rows of the items of some feeds, feed by feed, oldest first.
pub fn summaries_of(conn: &Connection, urls: &[String]) -> rusqlite::Result<Vec<Summary>> {
    let mut stmt =
        conn.prepare_cached("SELECT summary FROM feed_items WHERE feed_url = ?1 ORDER BY rowid")?;
    let mut out = Vec::new();
    for url in urls {
        let rows = stmt.query_map(params![url], |row| row.get::<_, String>(0))?;
        for row in rows {
            if let Ok(summary) = serde_json::from_str(&row?) {
                out.push(summary);
            }
        }
    }
    Ok(out)
}

/// One stored item, whole.
pub fn item(conn: &Connection, id: ArticleId) -> rusqlite::Result<Option<Article>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT article FROM feed_items WHERE id = ?1",
            params![id.to_string()],
            |row| row.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}
