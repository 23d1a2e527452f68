//! Loading a library from its sources on a worker thread, streamed to whoever listens.
//!
//! Owns the order of events and the contract with the receiver; which sources to read is
//! [`sources`], walking a folder is `walk`, the work itself is `worker`.
//!
//! With a store ([`Options::store`]), a folder's cached summaries are sent first, so a second start
//! lists the library at once; then the folder is walked, files that are new or changed since they
//! were cached are parsed in parallel on all cores, and articles of files that are gone are sent
//! as [`LoadEvent::Removed`]. Once every article is listed ([`LoadEvent::Listed`]), the story
//! features of the files parsed, and of cached files whose articles have none kept, are computed
//! (their files read again: holding every body until then would cost more memory than reading
//! twice costs time), kept in the store and sent ([`LoadEvent::Features`]); a cached file's are
//! already there, where the linker ([`crate::library::linker`]) reads them. So a new library is
//! listed in the time its files take to parse, and its stories follow.
//!
//! Read marks are not the loader's business: the receiver combines each summary with
//! [`crate::store::Store::read_ids`] (read once at start), as [`load_blocking`] shows.

mod sources;
mod walk;
mod worker;

pub use sources::{LoadError, sources, url_of};

use crate::article::{ArticleId, Summary};
use crate::stories::persist::Stored;
use crossbeam_channel::{Receiver, bounded};
use std::path::PathBuf;

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, or a folder read recursively (hidden files and folders are skipped).
    Path(PathBuf),
    /// The samples embedded in the binary.
    Samples,
    /// The items kept in the store of these feeds or fetched URLs (read offline, from the store
    /// of [`Options::store`]; nothing without one).
    Feeds(Vec<String>),
}

/// What the loader reports, in order; `Finished` comes last.
#[derive(Debug)]
pub enum LoadEvent {
    /// A batch of articles (a few hundred). An article already listed with the same id is
    /// replaced.
    Articles(Vec<Summary>),
    /// The story features of articles sent in an earlier `Articles` event, computed after
    /// `Listed` (a cached file's are in the store).
    Features(Vec<Stored>),
    /// Articles sent earlier (from the cache) whose file is gone or no longer holds them.
    Removed(Vec<ArticleId>),
    /// A source or file that could not be read, with a message naming it; the rest still loads.
    Failed(String),
    /// A problem that did not stop reading (e.g. an encoding guess), naming the file.
    Warning(String),
    /// Every article is listed: what follows is story features (the reader starts linking now)
    /// and then `Finished`.
    Listed,
    /// Files parsed so far, of those known to need parsing (`total` grows as folders are walked;
    /// `None` before any is walked).
    Progress {
        done: usize,
        total: Option<usize>,
    },
    Finished,
}

/// How to load.
#[derive(Debug, Clone)]
pub struct Options {
    /// The store file whose cache of parsed files is read first and filled as files are parsed.
    /// The loader opens its own connection. Without it every file is parsed.
    pub store: Option<PathBuf>,
    /// Articles per [`LoadEvent::Articles`] batch (and files per cache transaction).
    pub batch: usize,
    /// Whether story features are computed, kept in the store and sent as
    /// [`LoadEvent::Features`], for parsed files and cached files without them: the reader
    /// links stories and wants them; the commands that print the list do not, and do not wait
    /// for them (a later start of the reader computes what is missing).
    pub features: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            store: None,
            batch: 500,
            features: true,
        }
    }
}

/// Batches in flight before the loader waits for the receiver: bounds memory when the receiver
/// is slow.
const CHANNEL_BATCHES: usize = 64;

/// Starts loading on a worker thread, without a cache; events arrive on the returned channel.
pub fn spawn(sources: Vec<Source>) -> Receiver<LoadEvent> {
    spawn_with(sources, Options::default())
}

/// Starts loading on a worker thread; events arrive on the returned channel. Never blocks the
/// caller; dropping the receiver stops the loader at its next batch.
pub fn spawn_with(sources: Vec<Source>, options: Options) -> Receiver<LoadEvent> {
    let (tx, rx) = bounded(CHANNEL_BATCHES);
    let report = tx.clone();
    let started = std::thread::Builder::new()
        .name("tidings-load".into())
        .spawn(move || worker::run(sources, options, tx));
    if let Err(e) = started {
        let _ = report.try_send(LoadEvent::Failed(format!("cannot start loading: {e}")));
        let _ = report.try_send(LoadEvent::Finished);
    }
    rx
}

/// Loads everything and waits, without a cache: for the CLI.
pub fn load_blocking(sources: Vec<Source>) -> (Vec<Summary>, Vec<String>) {
    load_blocking_with(sources, Options::default())
}

/// Loads everything and waits: every summary (one per id) and every problem. Files are read in
/// parallel and cached ones come from the store first, so the summaries are put in the order of
/// their files (a feed's items in the feed's order): a command prints the same library the same
/// way every time.
pub fn load_blocking_with(sources: Vec<Source>, options: Options) -> (Vec<Summary>, Vec<String>) {
    let mut library = super::Library::new();
    let mut problems = Vec::new();
    for event in spawn_with(sources, options) {
        match event {
            LoadEvent::Articles(batch) => {
                for summary in batch {
                    library.insert(summary, false);
                }
            }
            LoadEvent::Removed(ids) => library.remove(&ids),
            LoadEvent::Failed(m) | LoadEvent::Warning(m) => problems.push(m),
            LoadEvent::Progress { .. } | LoadEvent::Features(_) | LoadEvent::Listed => {}
            LoadEvent::Finished => break,
        }
    }
    let mut summaries: Vec<Summary> = library
        .into_entries()
        .into_iter()
        .map(|e| e.summary)
        .collect();
    summaries.sort_by(|a, b| a.location.cmp(&b.location));
    (summaries, problems)
}

#[cfg(test)]
mod tests;
