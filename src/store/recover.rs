//! Recovery from a damaged store file: tell damage from other errors, and move the file aside.

use super::StoreError;
use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

/// Whether an error means the file itself is damaged (as opposed to busy, read-only, ...).
pub(super) fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Moves the damaged file to `PATH.corrupt-<unix time>` (and its WAL and shared-memory files
/// beside it, which belong to the damaged file); returns the new path.
pub(super) fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let aside = with_suffix(path, &format!(".corrupt-{now}"));
    std::fs::rename(path, &aside).map_err(|source| StoreError::MoveAside {
        path: path.display().to_string(),
        aside: aside.display().to_string(),
        source,
    })?;
    for extra in ["-wal", "-shm"] {
        let from = with_suffix(path, extra);
        if from.exists() {
            // Best effort: a leftover WAL would be replayed into the fresh file, so move it too.
            let _ = std::fs::rename(&from, with_suffix(&aside, extra));
        }
    }
    Ok(aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
