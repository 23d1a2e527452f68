//! Measures loading a library: `cargo run --release --example load_library -- PATH...`
//!
//! Opens the store in the data dir (`$XDG_DATA_HOME/tidings/tidings.db`), loads PATH... with the
//! cache, and prints the time until the first articles arrive, until the library holds every
//! article it ends with (on a second run: the list from the store), when the loader says all is
//! listed, and when it finishes (the story features of new files computed and kept).
//! Peak memory: run it under `/usr/bin/time -v`. With `--cache-read` first, only reads the cache.

use std::path::PathBuf;
use std::time::Instant;
use tidings::library::Library;
use tidings::library::load::{self, LoadEvent, Options};
use tidings::store::{self, Store};

fn main() -> anyhow::Result<()> {
    let start = Instant::now();
    let mut args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let cache_only = args
        .first()
        .is_some_and(|a| a.as_os_str() == "--cache-read");
    let paths = if cache_only { args.split_off(1) } else { args };
    let config = tidings::config::Config::default();
    let sources = load::sources(&paths, &config)?;
    let db = store::default_path().ok_or_else(|| anyhow::anyhow!("no home folder"))?;
    let opened = Store::open_or_recover(&db)?;
    if let Some(warning) = &opened.warning {
        eprintln!("{warning}");
    }
    if cache_only {
        return cache_read(&opened.store, &paths, start);
    }
    let read = opened.store.read_ids()?;

    let options = Options {
        store: Some(db.clone()),
        ..Options::default()
    };
    let mut library = Library::new();
    let mut first = None;
    // (time, library size) after each batch, to find when the final count was first reached.
    let mut sizes = Vec::new();
    let (mut failed, mut warnings) = (0, 0);
    let mut listed_event = None;
    for event in load::spawn_with(sources, options) {
        match event {
            LoadEvent::Articles(batch) => {
                first.get_or_insert_with(|| start.elapsed());
                for summary in batch {
                    let is_read = read.contains(&summary.id);
                    library.insert(summary, is_read);
                }
                sizes.push((start.elapsed(), library.len()));
            }
            LoadEvent::Removed(ids) => library.remove(&ids),
            LoadEvent::Failed(_) => failed += 1,
            LoadEvent::Warning(_) => warnings += 1,
            LoadEvent::Listed => listed_event = Some(start.elapsed()),
            LoadEvent::Progress { .. } | LoadEvent::Features(_) => {}
            LoadEvent::Finished => break,
        }
    }
    let finished = start.elapsed();
    let (all, unread) = library.counts();
    let listed = sizes
        .iter()
        .find(|(_, n)| *n >= all)
        .map(|(t, _)| *t)
        .unwrap_or(finished);
    println!("store: {}", db.display());
    println!("articles: {all} ({unread} unread); failed files: {failed}; warnings: {warnings}");
    println!(
        "first articles: {} ms",
        first.map(|t| t.as_millis()).unwrap_or(0)
    );
    println!("all {all} listed: {} ms", listed.as_millis());
    if let Some(t) = listed_event {
        println!("listed (story features follow): {} ms", t.as_millis());
    }
    println!("finished: {} ms", finished.as_millis());

    Ok(())
}

/// `--cache-read PATH...`: only reads the cached summaries, to tell the store's share of a listing
/// from the loader's and the receiver's.
fn cache_read(store: &Store, paths: &[PathBuf], start: Instant) -> anyhow::Result<()> {
    let t = Instant::now();
    let (mut files, mut articles) = (0, 0);
    for path in paths {
        let root = std::path::absolute(path)?;
        store.for_each_cached(&root, |file| {
            files += 1;
            articles += file.summaries.len();
            std::ops::ControlFlow::Continue(())
        })?;
    }
    println!(
        "cache read: {articles} articles of {files} files in {} ms (opening the store: {} ms)",
        t.elapsed().as_millis(),
        (t - start).as_millis()
    );
    Ok(())
}
