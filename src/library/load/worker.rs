//! The loader's thread: cached summaries first, then the walk, then new and changed files parsed
//! in parallel (a rayon pool of its own, one thread per core) in batches; each batch is sent and written to the cache in one
//! transaction.

use super::walk::{Found, walk};
use super::{LoadEvent, Options, Source};
use crate::article::{ArticleId, Location, Summary};
use crate::ingest::{self, IngestError, Parsed};
use crate::store::{RawCachedFile, Store, decode_summaries, encode_summaries};
use crate::stories::Features;
use crate::stories::persist::{self, Stored};
use crossbeam_channel::{Sender, bounded};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::collections::HashSet;
use std::ffi::OsString;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The receiver is gone: stop.
struct Stopped;

type Sent = Result<(), Stopped>;

struct Worker {
    tx: Sender<LoadEvent>,
    store: Option<Store>,
    /// Cache writes, done by a thread of their own with its own connection, so that writing
    /// overlaps parsing (the store is in WAL mode: this thread keeps reading meanwhile).
    writer: Option<CacheWriter>,
    /// The loader's own threads, one per core: its tasks wait on a slow receiver, which must not
    /// hold up other users of rayon's global pool.
    pool: Arc<rayon::ThreadPool>,
    batch: usize,
    /// See [`Options::features`].
    features: bool,
    /// Files whose articles' story features are still to be computed, once every article is
    /// listed: parsed in this load, or cached without features.
    unfeatured: Vec<PathBuf>,
    done: usize,
    total: usize,
}

pub(super) fn run(sources: Vec<Source>, options: Options, tx: Sender<LoadEvent>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("tidings-parse-{i}"))
        .build();
    let pool = match pool {
        Ok(pool) => Arc::new(pool),
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed(format!("cannot start loading: {e}")));
            let _ = tx.send(LoadEvent::Finished);
            return;
        }
    };
    let mut worker = Worker {
        tx,
        store: None,
        writer: None,
        pool,
        batch: options.batch.max(1),
        features: options.features,
        unfeatured: Vec::new(),
        done: 0,
        total: 0,
    };
    if let Some(path) = &options.store {
        // The cache only saves time: without it everything is parsed, so a store that cannot be
        // opened is a warning, not a failure.
        match Store::open(path) {
            Ok(store) => {
                worker.store = Some(store);
                worker.writer = CacheWriter::start(path, worker.tx.clone());
            }
            Err(e) => {
                let message = format!("{e}; loading without the cache");
                if worker.send(LoadEvent::Warning(message)).is_err() {
                    return;
                }
            }
        }
    }
    for source in sources {
        let sent = match source {
            Source::Samples => worker.samples(),
            Source::Path(path) => worker.path(&path),
            Source::Feeds(urls) => worker.feeds(&urls),
        };
        if sent.is_err() {
            return;
        }
    }
    if worker.send(LoadEvent::Listed).is_err() {
        return;
    }
    if worker.features && worker.features_of_unfeatured().is_err() {
        return;
    }
    // Everything is in the cache before `Finished`: a start right after this one reads it all.
    if let Some(writer) = worker.writer.take() {
        writer.finish();
    }
    let _ = worker.send(LoadEvent::Finished);
}

impl Worker {
    fn send(&self, event: LoadEvent) -> Sent {
        self.tx.send(event).map_err(|_| Stopped)
    }

    fn send_articles(&self, summaries: Vec<Summary>) -> Sent {
        if summaries.is_empty() {
            return Ok(());
        }
        self.send(LoadEvent::Articles(summaries))
    }

    fn samples(&mut self) -> Sent {
        let mut summaries = Vec::new();
        let mut features = Vec::new();
        for (name, bytes) in super::super::samples::SAMPLES {
            match ingest::parse_bytes(bytes, Location::Bundled(name.to_string())) {
                Ok(parsed) => {
                    for warning in parsed.warnings {
                        self.send(LoadEvent::Warning(warning))?;
                    }
                    summaries.extend(parsed.articles.iter().map(|a| a.summary()));
                    features.extend(parsed.articles.iter().map(stored_features));
                }
                Err(e) => self.send(LoadEvent::Failed(e.to_string()))?,
            }
        }
        self.send_articles(summaries)?;
        self.send_features(features)
    }

    fn send_features(&self, features: Vec<Stored>) -> Sent {
        if features.is_empty() || !self.features {
            return Ok(());
        }
        self.send(LoadEvent::Features(features))
    }

    /// The stored items of feeds: one query, no parsing.
    fn feeds(&mut self, urls: &[String]) -> Sent {
        let Some(store) = &self.store else {
            return Ok(());
        };
        match crate::feeds::stored_summaries_of(store.conn(), urls) {
            Ok(summaries) => self.send_articles(summaries),
            Err(e) => self.send(LoadEvent::Failed(format!(
                "cannot read the stored feed items: {e}"
            ))),
        }
    }

    fn path(&mut self, path: &Path) -> Sent {
        if let Err(e) = std::fs::metadata(path) {
            let message = format!("cannot read {}: {e}; skipped", path.display());
            return self.send(LoadEvent::Failed(message));
        }
        // Cache keys are absolute, so that the same file is found whatever the working folder.
        let root = match &self.store {
            Some(_) => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
            None => path.to_path_buf(),
        };
        let (mut cached, cached_ids) = self.send_cached(&root)?;
        if self.features
            && let Some(store) = self.store.take()
        {
            let checked = self.check_cached_features(&store, cached_ids);
            self.store = Some(store);
            checked?;
        }

        let (found, problems) = self.pool.install(|| walk(&root));
        for problem in problems {
            self.send(LoadEvent::Failed(problem))?;
        }
        let mut to_parse = Vec::new();
        for file in found {
            match cached.remove(file.path.as_os_str()) {
                Some(old) if old.size == file.size && old.mtime_ns == file.mtime_ns => {}
                Some(_) => {
                    let ids = self.cached_ids(&file.path);
                    to_parse.push((file, ids));
                }
                None => to_parse.push((file, Vec::new())),
            }
        }
        self.forget_gone(cached)?;

        self.total += to_parse.len();
        self.send(LoadEvent::Progress {
            done: self.done,
            total: Some(self.total),
        })?;
        self.parse_all(&to_parse)
    }

    /// Sends the cached summaries of every file under `root`, a batch at a time as they are read
    /// (decoded on the other cores while this thread reads on); returns the size and mtime the
    /// cache knew of each file.
    fn send_cached(&self, root: &Path) -> Result<(HashMap<OsString, Known>, CachedIds), Stopped> {
        let Some(store) = &self.store else {
            return Ok((HashMap::new(), Vec::new()));
        };
        let mut known = HashMap::new();
        let stopped = AtomicBool::new(false);
        let undecodable = Mutex::new(Vec::new());
        let files = Mutex::new(Vec::new());
        let read = self.pool.in_place_scope(|scope| {
            let mut chunk = Vec::with_capacity(self.batch);
            let mut articles = 0;
            let read = store.for_each_cached_raw(root, |raw| {
                let file = Known {
                    size: raw.size,
                    mtime_ns: raw.mtime_ns,
                };
                known.insert(raw.path.clone().into_os_string(), file);
                // Most files hold one article; a feed file counts for more, roughly by its size.
                articles += 1 + raw.summaries.len() / 4096;
                chunk.push((raw.path, raw.summaries));
                if articles >= self.batch {
                    articles = 0;
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(self.batch));
                    let (tx, stopped, undecodable, files) =
                        (self.tx.clone(), &stopped, &undecodable, &files);
                    scope.spawn(move |_| decode_and_send(full, &tx, stopped, undecodable, files));
                }
                match stopped.load(Ordering::Relaxed) {
                    true => ControlFlow::Break(()),
                    false => ControlFlow::Continue(()),
                }
            });
            decode_and_send(chunk, &self.tx, &stopped, &undecodable, &files);
            read
        });
        // A row that could not be decoded listed nothing: its file is parsed again.
        for path in undecodable.into_inner().unwrap_or_default() {
            known.remove(path.as_os_str());
        }
        if stopped.load(Ordering::Relaxed) {
            return Err(Stopped);
        }
        if let Err(e) = read {
            // What was sent stays listed; the files are compared against what was read.
            self.send(LoadEvent::Warning(format!("{e}; parsing the files again")))?;
        }
        let files = files.into_inner().unwrap_or_default();
        Ok((known, files))
    }

    /// Makes sure every cached file's articles have story features in the store, where the
    /// linker reads them: a file with an article whose features are not kept (by an older
    /// version, or by a command that only lists) has them computed once everything is listed.
    fn check_cached_features(
        &mut self,
        store: &Store,
        files: Vec<(PathBuf, Vec<ArticleId>)>,
    ) -> Sent {
        if files.is_empty() {
            return Ok(());
        }
        let stored = match persist::stored_ids(store.conn()) {
            Ok(ids) => ids,
            Err(e) => {
                self.send(LoadEvent::Warning(format!("{e}; linking stories again")))?;
                HashSet::new()
            }
        };
        for (path, ids) in files {
            if !ids.iter().all(|id| stored.contains(id)) {
                self.unfeatured.push(path);
            }
        }
        Ok(())
    }

    /// Files the cache knew that are no longer on disk: their articles leave the list and the
    /// cache.
    fn forget_gone(&self, gone: HashMap<OsString, Known>) -> Sent {
        if gone.is_empty() {
            return Ok(());
        }
        let paths: Vec<PathBuf> = gone.into_keys().map(PathBuf::from).collect();
        let ids = paths.iter().flat_map(|p| self.cached_ids(p)).collect();
        self.send(LoadEvent::Removed(ids))?;
        let write = move |store: &Store| store.cache_remove(&paths).map_err(|e| e.to_string());
        self.cache(Box::new(write))
    }

    /// Parses the files on all cores while this thread gathers the results in batches, so that
    /// sending and writing the cache never leave a core idle. Batches follow the order the files
    /// finish in.
    fn parse_all(&mut self, files: &[ToParse]) -> Sent {
        // Summaries are made on the parsing cores, and the article bodies freed there too: only
        // the list rows cross to this thread.
        let read = |file: &ToParse| ingest::read_path(&file.0.path).map(Read::from);
        self.in_parallel(files, self.batch, read, Self::finish_batch)
    }

    /// Runs `work` on every item on the loader's cores (rayon) while this thread hands the
    /// results to `batch`, `size` at a time; stops early when `batch` says the receiver is gone.
    fn in_parallel<'i, T: Sync, R: Send>(
        &mut self,
        items: &'i [T],
        size: usize,
        work: impl Fn(&T) -> R + Sync,
        mut batch: impl FnMut(&mut Self, Vec<(&'i T, R)>) -> Sent,
    ) -> Sent {
        let stop = AtomicBool::new(false);
        let (results_tx, results_rx) = bounded::<(&T, R)>(self.batch);
        let pool = Arc::clone(&self.pool);
        std::thread::scope(|scope| {
            let (stop, work) = (&stop, &work);
            scope.spawn(move || {
                pool.install(|| {
                    items
                        .par_iter()
                        .for_each_with(results_tx, |results_tx, item| {
                            if stop.load(Ordering::Relaxed) {
                                return;
                            }
                            if results_tx.send((item, work(item))).is_err() {
                                stop.store(true, Ordering::Relaxed);
                            }
                        })
                })
            });
            let mut pending = Vec::with_capacity(size);
            let mut sent = Ok(());
            for result in results_rx.iter() {
                pending.push(result);
                if pending.len() >= size {
                    sent = batch(self, std::mem::take(&mut pending));
                    if sent.is_err() {
                        break;
                    }
                }
            }
            if sent.is_err() {
                // The receiver is gone: the workers stop at their next item.
                stop.store(true, Ordering::Relaxed);
                drop(results_rx);
                return sent;
            }
            batch(self, pending)
        })
    }

    /// The story features of the files in [`Worker::unfeatured`], read again now that every
    /// article is listed: the list comes first, and the linker, which starts then, takes the
    /// features as they come. Each batch is kept in the store and sent.
    fn features_of_unfeatured(&mut self) -> Sent {
        let mut files = std::mem::take(&mut self.unfeatured);
        files.sort_unstable();
        files.dedup();
        // A file that cannot be read now was reported when it was listed, or is gone.
        let features = |path: &PathBuf| match ingest::read_path(path) {
            Ok(parsed) => parsed.articles.iter().map(stored_features).collect(),
            Err(_) => Vec::new(),
        };
        // Larger batches than the list's: each is one transaction, and every transaction writes
        // the pages of the ids' index it touches, which with random ids is most of them.
        let size = self.batch * FEATURE_BATCHES;
        self.in_parallel(&files, size, features, |worker, batch| {
            let features = batch.into_iter().flat_map(|(_, f)| f).collect();
            worker.save_and_send_features(features)
        })
    }

    /// Sends one batch of parsed files' articles, writes them to the cache and reports progress.
    fn finish_batch(&mut self, chunk: Vec<(&ToParse, Result<Read, IngestError>)>) -> Sent {
        if chunk.is_empty() {
            return Ok(());
        }
        let count = chunk.len();
        let mut summaries = Vec::new();
        let mut removed = Vec::new();
        let mut cached = Vec::new();
        let mut failed_paths = Vec::new();
        for ((file, old_ids), result) in chunk {
            match result {
                Ok(Read {
                    summaries: new,
                    encoded,
                    warnings,
                }) => {
                    for warning in warnings {
                        self.send(LoadEvent::Warning(warning))?;
                    }
                    let kept: HashSet<ArticleId> = new.iter().map(|s| s.id).collect();
                    removed.extend(old_ids.iter().filter(|id| !kept.contains(id)));
                    summaries.extend(new);
                    if self.features {
                        self.unfeatured.push(file.path.clone());
                    }
                    // Summaries that cannot be encoded are not cached: parsed again next time.
                    cached.extend(encoded.map(|summaries| RawCachedFile {
                        path: file.path.clone(),
                        size: file.size,
                        mtime_ns: file.mtime_ns,
                        summaries,
                    }));
                }
                Err(e) => {
                    removed.extend(old_ids);
                    if !old_ids.is_empty() {
                        failed_paths.push(file.path.clone());
                    }
                    self.send(LoadEvent::Failed(e.to_string()))?;
                }
            }
        }
        if !removed.is_empty() {
            self.send(LoadEvent::Removed(removed))?;
        }
        self.send_articles(summaries)?;
        if !cached.is_empty() {
            let write =
                move |store: &Store| store.cache_put_encoded(&cached).map_err(|e| e.to_string());
            self.cache(Box::new(write))?;
        }
        if !failed_paths.is_empty() {
            let write =
                move |store: &Store| store.cache_remove(&failed_paths).map_err(|e| e.to_string());
            self.cache(Box::new(write))?;
        }
        self.done += count;
        self.send(LoadEvent::Progress {
            done: self.done,
            total: Some(self.total),
        })
    }

    /// Keeps a batch's story features in the store and passes them on to the linker: the writer
    /// thread sends them once written, so the batch is not copied; without a writer they are
    /// sent at once.
    fn save_and_send_features(&self, features: Vec<Stored>) -> Sent {
        if features.is_empty() {
            return Ok(());
        }
        let Some(writer) = &self.writer else {
            return self.send_features(features);
        };
        let (events, send) = (self.tx.clone(), self.features);
        let write = move |store: &Store| {
            let saved = save_features(store, &features);
            if send {
                // A receiver that is gone stops the load through the other sends.
                let _ = events.send(LoadEvent::Features(features));
            }
            saved
        };
        // A writer that stopped has reported why; the load goes on without the cache.
        let _ = writer.tx.send(Box::new(write));
        Ok(())
    }

    /// The ids the cache held for a file (to tell which articles it no longer holds).
    fn cached_ids(&self, path: &Path) -> Vec<ArticleId> {
        let ids = self.store.as_ref().map(|store| store.cached_ids(path));
        ids.and_then(Result::ok).unwrap_or_default()
    }

    /// Writes to the cache when there is one, on the writer thread; a failed write is a warning
    /// (the next start parses those files again).
    fn cache(&self, write: CacheWrite) -> Sent {
        if let Some(writer) = &self.writer {
            // A writer that stopped has reported why; the load goes on without the cache.
            let _ = writer.tx.send(write);
        }
        Ok(())
    }
}

/// A write to the cache, run on the writer thread; `Err` is a warning naming what failed.
type CacheWrite = Box<dyn FnOnce(&Store) -> Result<(), String> + Send>;

struct CacheWriter {
    tx: Sender<CacheWrite>,
    thread: std::thread::JoinHandle<()>,
}

impl CacheWriter {
    /// Opens a second connection to the store and starts the thread that writes through it.
    fn start(path: &Path, events: Sender<LoadEvent>) -> Option<CacheWriter> {
        let store = match Store::open(path) {
            Ok(store) => store,
            Err(e) => {
                let _ = events.send(LoadEvent::Warning(format!("{e}; the cache is not written")));
                return None;
            }
        };
        if let Err(e) = persist::init(store.conn()) {
            let _ = events.send(LoadEvent::Warning(format!(
                "{e}; story features are not kept"
            )));
        }
        let (tx, rx) = bounded::<CacheWrite>(CHANNEL_WRITES);
        let thread = std::thread::Builder::new()
            .name("tidings-cache".into())
            .spawn(move || {
                for write in rx {
                    if let Err(e) = write(&store) {
                        let _ = events.send(LoadEvent::Warning(e));
                    }
                }
            })
            .ok()?;
        Some(CacheWriter { tx, thread })
    }

    /// Waits until every write is done.
    fn finish(self) {
        drop(self.tx);
        let _ = self.thread.join();
    }
}

/// Files per batch of story features, in list batches ([`Options::batch`]): 4000 articles'
/// features are a few megabytes.
const FEATURE_BATCHES: usize = 8;

/// Cache writes queued before parsing waits for the writer: bounds memory on a slow disk.
const CHANNEL_WRITES: usize = 16;

/// A file to parse, and the ids the cache held for it (to tell which ones it no longer holds).
type ToParse = (Found, Vec<ArticleId>);

/// The cached files read, with the ids of their articles.
type CachedIds = Vec<(PathBuf, Vec<ArticleId>)>;

/// What the cache knew of a file.
struct Known {
    size: u64,
    mtime_ns: i64,
}

/// Decodes cached files' summaries and sends them as one batch; notes the files that cannot be
/// decoded, and in `stopped` when the receiver is gone.
fn decode_and_send(
    chunk: Vec<(PathBuf, Vec<u8>)>,
    tx: &Sender<LoadEvent>,
    stopped: &AtomicBool,
    undecodable: &Mutex<Vec<PathBuf>>,
    files: &Mutex<Vec<(PathBuf, Vec<ArticleId>)>>,
) {
    let mut summaries = Vec::with_capacity(chunk.len());
    let mut ids = Vec::with_capacity(chunk.len());
    for (path, encoded) in chunk {
        match decode_summaries(&encoded) {
            Some(decoded) => {
                ids.push((path, decoded.iter().map(|s| s.id).collect()));
                summaries.extend(decoded);
            }
            None => {
                if let Ok(mut paths) = undecodable.lock() {
                    paths.push(path);
                }
            }
        }
    }
    if let Ok(mut files) = files.lock() {
        files.extend(ids);
    }
    if !summaries.is_empty() && tx.send(LoadEvent::Articles(summaries)).is_err() {
        stopped.store(true, Ordering::Relaxed);
    }
}

/// What the loader keeps of a parsed file: its list rows and its warnings.
struct Read {
    summaries: Vec<Summary>,
    /// The summaries as the cache keeps them, encoded here on the parsing cores.
    encoded: Option<Vec<u8>>,
    warnings: Vec<String>,
}

impl From<Parsed> for Read {
    fn from(parsed: Parsed) -> Self {
        let summaries: Vec<Summary> = parsed.articles.iter().map(|a| a.summary()).collect();
        Read {
            encoded: encode_summaries(&summaries),
            summaries,
            warnings: parsed.warnings,
        }
    }
}

/// An article's story features, as the store keeps them and the story index takes them.
fn stored_features(article: &crate::article::Article) -> Stored {
    Stored {
        id: article.id,
        features: Features::of(article),
        published: article.published,
        lang: article.lang.clone(),
    }
}

/// Writes a batch's story features in one transaction.
fn save_features(store: &Store, features: &[Stored]) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| format!("{e}; they are computed again next time");
    let tx = store
        .conn()
        .unchecked_transaction()
        .map_err(|e| failed(&e))?;
    for stored in features {
        persist::save(&tx, stored).map_err(|e| failed(&e))?;
    }
    tx.commit().map_err(|e| failed(&e))
}
