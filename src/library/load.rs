//! Loading a library from its sources on worker threads, streamed to whoever listens.

use crate::article::{Location, Summary};
use crate::ingest;
use crossbeam_channel::{Receiver, unbounded};
use std::path::PathBuf;

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, or a folder read recursively.
    Path(PathBuf),
    /// The samples embedded in the binary.
    Samples,
}

/// What the loader reports, in order; `Finished` comes last.
#[derive(Debug)]
pub enum LoadEvent {
    Articles(Vec<Summary>),
    /// A source or file that could not be read, with a message naming it.
    Failed(String),
    /// A problem that did not stop reading (e.g. an encoding guess).
    Warning(String),
    Progress {
        done: usize,
    },
    Finished,
}

/// Starts loading on a worker thread; events arrive on the returned channel.
pub fn spawn(sources: Vec<Source>) -> Receiver<LoadEvent> {
    let (tx, rx) = unbounded();
    std::thread::spawn(move || {
        let mut done = 0;
        for source in sources {
            let parsed: Vec<_> = match source {
                Source::Samples => super::samples::SAMPLES
                    .iter()
                    .map(|(name, bytes)| {
                        ingest::parse_bytes(bytes, Location::Bundled(name.to_string()))
                    })
                    .collect(),
                Source::Path(path) => walkdir::WalkDir::new(&path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_file())
                    .map(|e| ingest::read_path(e.path()))
                    .collect(),
            };
            for result in parsed {
                done += 1;
                let event = match result {
                    Ok(p) => {
                        for w in p.warnings {
                            let _ = tx.send(LoadEvent::Warning(w));
                        }
                        LoadEvent::Articles(p.articles.iter().map(|a| a.summary()).collect())
                    }
                    Err(e) => LoadEvent::Failed(e.to_string()),
                };
                if tx.send(event).is_err() {
                    return;
                }
                let _ = tx.send(LoadEvent::Progress { done });
            }
        }
        let _ = tx.send(LoadEvent::Finished);
    });
    rx
}

/// Loads everything and waits: for the CLI.
pub fn load_blocking(sources: Vec<Source>) -> (Vec<Summary>, Vec<String>) {
    let mut summaries = Vec::new();
    let mut problems = Vec::new();
    for event in spawn(sources) {
        match event {
            LoadEvent::Articles(a) => summaries.extend(a),
            LoadEvent::Failed(m) | LoadEvent::Warning(m) => problems.push(m),
            LoadEvent::Progress { .. } => {}
            LoadEvent::Finished => break,
        }
    }
    (summaries, problems)
}
