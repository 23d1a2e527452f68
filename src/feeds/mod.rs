//! Subscribed feeds: fetching them over HTTP(S) ([`fetch`]), the subscription list
//! ([`subscriptions`]: OPML and newsboat import, OPML export), and their items kept in the store
//! file ([`stored`]) so the library reads offline. Parsing a feed's bytes is ingest's job.

pub mod background;
pub mod fetch;
pub mod stored;
pub mod subscriptions;

pub use background::{UpdateEvent, spawn_update};
pub use fetch::{FetchError, FetchOptions, Fetched, Fetcher, Validators};
pub use subscriptions::{ImportReport, SubscriptionError, export_opml, import, read_subscriptions};

use crate::article::{Article, Location, Summary};
use crate::config::FeedConfig;
use crate::ingest::{self, IngestError};
use rusqlite::Connection;

/// What one update did, feed by feed.
#[derive(Debug, Default)]
pub struct UpdateReport {
    /// Feeds fetched and stored.
    pub updated: usize,
    /// Feeds the server said had not changed.
    pub unchanged: usize,
    /// Items seen for the first time.
    pub new_items: usize,
    /// One message per feed that failed, naming it; its stored items are kept.
    pub errors: Vec<String>,
    /// Problems that did not stop reading (a broken feed read item by item).
    pub warnings: Vec<String>,
    /// One line per feed that was fetched or found unchanged, naming it: for the user.
    pub feeds: Vec<String>,
}

/// Fetches every subscription and stores its items; a feed that fails keeps what it had.
pub fn update(conn: &Connection, feeds: &[FeedConfig]) -> UpdateReport {
    update_with(conn, feeds, &Fetcher::new(FetchOptions::default()))
}

/// [`update`] with a chosen fetcher (timeouts, size cap, threads).
pub fn update_with(conn: &Connection, feeds: &[FeedConfig], fetcher: &Fetcher) -> UpdateReport {
    let mut report = UpdateReport::default();
    if let Err(e) = stored::init(conn) {
        report.errors.push(format!("store: {e}"));
        return report;
    }
    let jobs: Vec<(String, Validators)> = feeds
        .iter()
        .map(|f| {
            let validators = stored::validators(conn, &f.url).unwrap_or_default();
            (f.url.clone(), validators)
        })
        .collect();
    for (feed, result) in feeds.iter().zip(fetcher.fetch_all(&jobs)) {
        match result {
            Ok(Fetched::NotModified) => {
                report.unchanged += 1;
                report.feeds.push(format!("{}: unchanged", feed.url));
            }
            Ok(Fetched::Body { bytes, validators }) => {
                let location = Location::Feed {
                    url: feed.url.clone(),
                };
                let items = ingest::feed::parse(&bytes, location, Some(&feed.url));
                report.warnings.extend(items.warnings);
                if items.articles.is_empty() {
                    report
                        .errors
                        .push(format!("{}: no readable item in the feed", feed.url));
                    continue;
                }
                let title = feed.title.as_deref().or(items.title.as_deref());
                match stored::save(conn, &feed.url, title, &validators, &items.articles) {
                    Ok(new) => {
                        report.updated += 1;
                        report.new_items += new;
                        report.feeds.push(format!(
                            "{}: {} item(s), {new} new",
                            feed.url,
                            items.articles.len()
                        ));
                    }
                    Err(e) => report
                        .errors
                        .push(format!("{}: cannot store: {e}", feed.url)),
                }
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    report
}

/// Why a URL could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadUrlError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
}

/// Fetches a URL (a feed, or a page) and reads its articles, without storing them: for
/// `tidings list URL`.
pub fn read_url(url: &str, fetcher: &Fetcher) -> Result<ingest::Parsed, ReadUrlError> {
    match fetcher.fetch(url, &Validators::default())? {
        Fetched::Body { bytes, .. } => Ok(ingest::parse_bytes(
            &bytes,
            Location::Feed {
                url: url.to_string(),
            },
        )?),
        // Without validators a server has no reason to answer 304.
        Fetched::NotModified => Err(FetchError::Status {
            url: url.to_string(),
            status: 304,
        }
        .into()),
    }
}

/// The list rows of every stored feed item (for the library, offline).
pub fn stored_summaries(conn: &Connection) -> rusqlite::Result<Vec<Summary>> {
    stored::init(conn)?;
    stored::summaries(conn)
}

/// The list rows of the stored items of some feeds (or fetched URLs).
pub fn stored_summaries_of(conn: &Connection, urls: &[String]) -> rusqlite::Result<Vec<Summary>> {
    stored::init(conn)?;
    stored::summaries_of(conn, urls)
}

/// Reads a stored feed item back from the store in the platform data dir.
pub fn open_stored(summary: &Summary) -> Result<Article, IngestError> {
    let path = summary.location.display_path();
    let failed = |message: String| IngestError::Malformed {
        path: path.clone(),
        message,
    };
    let db = crate::store::default_path()
        .ok_or_else(|| failed("no data folder for the store".into()))?;
    let conn = Connection::open(&db).map_err(|e| failed(format!("store {}: {e}", db.display())))?;
    open_stored_in(&conn, summary)
}

/// Reads a stored feed item back from a given store connection.
pub fn open_stored_in(conn: &Connection, summary: &Summary) -> Result<Article, IngestError> {
    let path = summary.location.display_path();
    stored::init(conn)
        .and_then(|_| stored::item(conn, summary.id))
        .map_err(|e| IngestError::Malformed {
            path: path.clone(),
            message: format!("store: {e}"),
        })?
        .ok_or(IngestError::Malformed {
            path,
            message: "the item is no longer stored; run `tidings update`".into(),
        })
}
