//! Linking stories off the reader's thread: a thread of its own owns the writing side of the
//! library's [`StoryIndex`], adds articles' features as the loader sends them, and says when links
//! changed. Readers share the index behind a lock that the thread takes for small batches only, so
//! a reader waits at most one batch (a few milliseconds) and usually not at all.

use crate::stories::StoryIndex;
use crate::stories::persist::Stored;
use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use std::sync::{Arc, RwLock};

/// Articles added under one write lock: small, so that a frame never waits long for the index.
const BATCH: usize = 64;

/// The story index, shared between the linking thread (writes) and its readers.
pub type SharedIndex = Arc<RwLock<StoryIndex>>;

/// The sending side of a running linker.
pub struct Linker {
    /// The index the thread fills.
    pub index: SharedIndex,
    features: Sender<Vec<Stored>>,
}

impl Linker {
    /// Starts the linking thread over an empty index. The returned receiver gets a message after
    /// each round of new links (at most one waits: a slow reader is not flooded); it closes when
    /// the linker is dropped and the thread has finished.
    pub fn spawn() -> (Linker, Receiver<()>) {
        let index: SharedIndex = Arc::default();
        let (features, rx) = unbounded::<Vec<Stored>>();
        let (changed_tx, changed) = bounded(1);
        let shared = Arc::clone(&index);
        let started = std::thread::Builder::new()
            .name("tidings-stories".into())
            .spawn(move || link(&shared, &rx, &changed_tx));
        if started.is_err() {
            // Without the thread the reader still works, without links; sends are ignored.
            let (dead, _) = unbounded();
            return (
                Linker {
                    index,
                    features: dead,
                },
                changed,
            );
        }
        (Linker { index, features }, changed)
    }

    /// Queues articles' features for linking; never blocks.
    pub fn add(&self, features: Vec<Stored>) {
        let _ = self.features.send(features);
    }
}

fn link(index: &SharedIndex, rx: &Receiver<Vec<Stored>>, changed: &Sender<()>) {
    for first in rx {
        // Everything queued, then one message.
        for batch in std::iter::once(first).chain(rx.try_iter()) {
            for chunk in batch.chunks(BATCH) {
                // A reader that panicked holding the lock leaves the index as it was: go on.
                let mut index = index.write().unwrap_or_else(|e| e.into_inner());
                for s in chunk {
                    index.add(s.id, &s.features, s.published, s.lang.as_deref());
                }
            }
        }
        let _ = changed.try_send(());
    }
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
        let (linker, changed) = Linker::spawn();
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
}
