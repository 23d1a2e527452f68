//! Walking a source path: every file below it with its size and modification time, hidden files
//! and folders skipped, in path order so that loads are repeatable.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// A file found by the walk, with what the cache compares.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub path: PathBuf,
    pub size: u64,
    pub mtime_ns: i64,
}

/// Every file at or below `root`, and a message naming the path of each entry that could not be
/// read (an unreadable folder, a symlink loop).
pub(super) fn walk(root: &Path) -> (Vec<Found>, Vec<String>) {
    let mut paths = Vec::new();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        // The root is read even when hidden: the user named it.
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(walk_error(root, &e));
                continue;
            }
        };
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
    // The walk itself reads only folders; each file's size and time are asked for on all cores
    // (with 100k files the stat calls are most of a walk's time).
    let stats: Vec<_> = paths
        .into_par_iter()
        .map(|path| (std::fs::metadata(&path), path))
        .collect();
    for (meta, path) in stats {
        match meta {
            Ok(meta) => files.push(Found {
                size: meta.len(),
                mtime_ns: meta.modified().map(mtime_ns).unwrap_or(0),
                path,
            }),
            Err(e) => problems.push(format!("cannot read {}: {e}; skipped", path.display())),
        }
    }
    // Sorted once by the path's bytes rather than per folder by name: cheaper with 100k files in
    // one folder, and just as repeatable.
    files.sort_unstable_by(|a, b| {
        let a = a.path.as_os_str().as_encoded_bytes();
        a.cmp(b.path.as_os_str().as_encoded_bytes())
    });
    (files, problems)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn mtime_ns(time: std::time::SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

fn walk_error(root: &Path, e: &walkdir::Error) -> String {
    let path = e.path().unwrap_or(root).display();
    match e.io_error() {
        Some(io) => format!("cannot read {path}: {io}; skipped"),
        None => format!("cannot read {path}: {e}; skipped"),
    }
}
