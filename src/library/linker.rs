//! Linking stories off the reader's thread: a thread of its own owns the writing side of the
//! library's [`StoryIndex`], adds articles' features as the loader sends them, and says when links
//! changed. Readers share the index behind a lock that the thread takes for small batches only, so
//! a reader waits at most one batch (a few milliseconds) and usually not at all.
//!
//! With a store, the thread starts from the index kept there, links the features kept in the
//! store that it does not hold yet, and keeps the index again once new articles stop coming, so a
//! restart links only what is new. It begins when told to ([`Linker::start`]): the reader does so
//! once its list is loaded, so that the list comes first.

use crate::store::Store;
use crate::stories::persist::{self, Stored};
use crate::stories::{Params, StoryIndex};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, bounded, unbounded};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Articles added under one write lock: small, so that a frame never waits long for the index.
const BATCH: usize = 64;

/// Quiet time after the last new article before the index is kept in the store: a library being
/// loaded is then written once, not after every batch.
const SAVE_AFTER: Duration = Duration::from_secs(2);

/// The story index, shared between the linking thread (writes) and its readers.
pub type SharedIndex = Arc<RwLock<StoryIndex>>;

/// The sending side of a running linker.
pub struct Linker {
    /// The index the thread fills.
    pub index: SharedIndex,
    features: Sender<Vec<Stored>>,
    start: Sender<()>,
}

impl Linker {
    /// Starts the linking thread over the index kept in the store at `store` (or an empty one).
    /// The returned receiver gets a message after each round of new links (at most one waits: a
    /// slow reader is not flooded); it closes when the linker is dropped and the thread has
    /// finished.
    pub fn spawn(store: Option<PathBuf>) -> (Linker, Receiver<()>) {
        Self::spawn_saving_after(store, SAVE_AFTER)
    }

    fn spawn_saving_after(store: Option<PathBuf>, quiet: Duration) -> (Linker, Receiver<()>) {
        let index: SharedIndex = Arc::default();
        let (features, rx) = unbounded::<Vec<Stored>>();
        let (changed_tx, changed) = bounded(1);
        let (start, go) = bounded(1);
        let shared = Arc::clone(&index);
        let started = std::thread::Builder::new()
            .name("tidings-stories".into())
            .spawn(move || {
                // Told to start, or dropped: either way, begin.
                let _ = go.recv();
                let store = store.and_then(|path| Store::open(&path).ok());
                let store = store.filter(|s| persist::init(s.conn()).is_ok());
                link(&shared, &rx, &changed_tx, store.as_ref(), quiet);
            });
        if started.is_err() {
            // Without the thread the reader still works, without links; sends are ignored.
            let (dead, _) = unbounded();
            return (
                Linker {
                    index,
                    features: dead,
                    start,
                },
                changed,
            );
        }
        (
            Linker {
                index,
                features,
                start,
            },
            changed,
        )
    }

    /// Lets the thread begin: restore the kept index and link what is queued. Idempotent.
    pub fn start(&self) {
        let _ = self.start.try_send(());
    }

    /// Queues articles' features for linking; never blocks.
    pub fn add(&self, features: Vec<Stored>) {
        let _ = self.features.send(features);
    }
}

fn link(
    index: &SharedIndex,
    rx: &Receiver<Vec<Stored>>,
    changed: &Sender<()>,
    store: Option<&Store>,
    quiet: Duration,
) {
    let kept = store.and_then(|s| persist::load_index(s.conn(), &Params::default()).ok());
    if let Some(kept) = kept.flatten() {
        *index.write().unwrap_or_else(|e| e.into_inner()) = kept;
        let _ = changed.try_send(());
    }
    // Features kept in the store that the index does not hold (no index was kept, or it was
    // kept before these articles came).
    let missing = store.and_then(|s| {
        let index = index.read().unwrap_or_else(|e| e.into_inner());
        persist::load_except(s.conn(), |id| index.contains(id)).ok()
    });
    // New articles not yet kept in the store.
    let mut unsaved = add_all(index, missing.unwrap_or_default());
    if unsaved {
        let _ = changed.try_send(());
    }
    loop {
        let first = match (unsaved, store) {
            (true, Some(store)) => match rx.recv_timeout(quiet) {
                Ok(first) => first,
                Err(RecvTimeoutError::Timeout) => {
                    let index = index.read().unwrap_or_else(|e| e.into_inner());
                    // Not kept: the next start links these articles again.
                    let _ = persist::save_index(store.conn(), &index);
                    unsaved = false;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            },
            _ => match rx.recv() {
                Ok(first) => first,
                Err(_) => return,
            },
        };
        // Everything queued, then one message.
        let mut added = false;
        for batch in std::iter::once(first).chain(rx.try_iter()) {
            added |= add_all(index, batch);
        }
        unsaved |= added;
        if added {
            let _ = changed.try_send(());
        }
    }
}

/// Adds the articles the index does not hold yet, a small batch per write lock; true when any
/// was new.
fn add_all(index: &SharedIndex, features: Vec<Stored>) -> bool {
    let mut added = false;
    for chunk in features.chunks(BATCH) {
        // A reader that panicked holding the lock leaves the index as it was: go on.
        let mut index = index.write().unwrap_or_else(|e| e.into_inner());
        for s in chunk {
            if !index.contains(s.id) {
                index.add(s.id, &s.features, s.published, s.lang.as_deref());
                added = true;
            }
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleId;
    use crate::stories::Features;
    use std::time::Duration;

    fn stored(key: &str, text: &str) -> Stored {
        Stored {
            id: ArticleId::from_key(key),
            features: Features::of_text(text),
            published: None,
            lang: Some("en".into()),
        }
    }

    #[test]
    fn linked_articles_are_readable_after_the_change_message() {
        let (linker, changed) = Linker::spawn(None);
        linker.start();
        let text = "Marguerite Okonkwo-Vasquez and Teodor Brzezinski-Halloran met Ilse Thorvaldsdottir \
                    in Quixley-on-Wend on 14 March; 2,317,904 people watched @quixleynews.";
        linker.add(vec![stored("a", text), stored("b", text)]);
        let mut linked = false;
        for _ in 0..50 {
            if changed.recv_timeout(Duration::from_secs(2)).is_err() {
                break;
            }
            let index = linker.index.read().unwrap();
            if index.len() == 2 {
                linked = index.links_of(ArticleId::from_key("a")).len() == 1;
                break;
            }
        }
        assert!(linked, "the two copies were not linked");
        drop(linker);
    }

    #[test]
    fn the_index_is_kept_when_articles_stop_coming_and_a_restart_starts_from_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tidings.db");
        Store::open(&db).unwrap();
        let text = "Marguerite Okonkwo-Vasquez and Teodor Brzezinski-Halloran met Ilse Thorvaldsdottir \
                    in Quixley-on-Wend on 14 March; 2,317,904 people watched @quixleynews.";
        let quiet = Duration::from_millis(50);
        let (linker, changed) = Linker::spawn_saving_after(Some(db.clone()), quiet);
        linker.start();
        linker.add(vec![stored("a", text), stored("b", text)]);
        changed.recv_timeout(Duration::from_secs(5)).unwrap();
        let store = Store::open(&db).unwrap();
        let mut kept = None;
        for _ in 0..100 {
            kept = persist::load_index(store.conn(), &Params::default()).unwrap();
            if kept.as_ref().is_some_and(|k| k.len() == 2) {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(kept.map(|k| k.len()), Some(2), "the index was not kept");
        drop(linker);

        // A restart has the links before any feature arrives, and adds only what is new.
        let (linker, changed) = Linker::spawn_saving_after(Some(db), quiet);
        linker.start();
        changed.recv_timeout(Duration::from_secs(5)).unwrap();
        let a = ArticleId::from_key("a");
        assert_eq!(linker.index.read().unwrap().links_of(a).len(), 1);
        linker.add(vec![stored("a", text), stored("c", text)]);
        changed.recv_timeout(Duration::from_secs(5)).unwrap();
        let index = linker.index.read().unwrap();
        assert_eq!(index.len(), 3);
        assert_eq!(index.story_of(ArticleId::from_key("c")), index.story_of(a));
    }
}
