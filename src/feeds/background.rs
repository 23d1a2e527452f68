//! Updating subscriptions on a worker thread, for the reader: the feeds are fetched a few at a
//! time into the store file (its own connection), with progress after each group, so the event
//! loop never waits on the network.

use super::{FetchOptions, Fetcher, UpdateReport, update_with};
use crate::config::FeedConfig;
use crossbeam_channel::{Receiver, unbounded};
use std::path::PathBuf;

/// What an update on a worker thread reports; `Done` comes last.
#[derive(Debug)]
pub enum UpdateEvent {
    /// Feeds finished (fetched, unchanged or failed) of `total`.
    Progress { done: usize, total: usize },
    /// Every feed's outcome.
    Done(UpdateReport),
}

/// Starts updating `feeds` into the store at `store`; events arrive on the returned channel.
pub fn spawn_update(
    store: PathBuf,
    feeds: Vec<FeedConfig>,
    options: FetchOptions,
) -> Receiver<UpdateEvent> {
    let (tx, rx) = unbounded();
    let report = tx.clone();
    let started = std::thread::Builder::new()
        .name("tidings-update".into())
        .spawn(move || {
            let _ = tx.send(UpdateEvent::Done(run(
                &store,
                &feeds,
                options,
                |done, total| {
                    let _ = tx.send(UpdateEvent::Progress { done, total });
                },
            )));
        });
    if let Err(e) = started {
        let _ = report.send(UpdateEvent::Done(UpdateReport {
            errors: vec![format!("cannot start updating: {e}")],
            ..UpdateReport::default()
        }));
    }
    rx
}

/// The update itself, in groups as large as the fetcher's threads, reporting after each group.
fn run(
    store: &std::path::Path,
    feeds: &[FeedConfig],
    options: FetchOptions,
    progress: impl Fn(usize, usize),
) -> UpdateReport {
    let mut total = UpdateReport::default();
    let conn = match rusqlite::Connection::open(store) {
        Ok(c) => c,
        Err(e) => {
            total
                .errors
                .push(format!("cannot open the store {}: {e}", store.display()));
            return total;
        }
    };
    let group = options.threads.max(1);
    let fetcher = Fetcher::new(options);
    let mut done = 0;
    progress(0, feeds.len());
    for chunk in feeds.chunks(group) {
        let r = update_with(&conn, chunk, &fetcher);
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.new_items += r.new_items;
        total.errors.extend(r.errors);
        total.warnings.extend(r.warnings);
        total.feeds.extend(r.feeds);
        done += chunk.len();
        progress(done, feeds.len());
    }
    total
}
