//! Which sources to load: the paths given; else the configured library folders; else the bundled
//! samples.

use super::Source;
use crate::config::Config;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path} (from the config's library): no such file or folder")]
    MissingConfigured { path: String },
}

/// The sources to load. A path that does not exist is an error naming it, whether it was given
/// or configured: the user meant it, so silently reading less would mislead.
pub fn sources(paths: &[PathBuf], config: &Config) -> Result<Vec<Source>, LoadError> {
    if !paths.is_empty() {
        return existing(paths, |path| LoadError::Missing { path });
    }
    if !config.library.is_empty() {
        return existing(&config.library, |path| LoadError::MissingConfigured {
            path,
        });
    }
    Ok(vec![Source::Samples])
}

/// Every path as a source, or the error for the first one that does not exist.
fn existing(
    paths: &[PathBuf],
    missing: impl Fn(String) -> LoadError,
) -> Result<Vec<Source>, LoadError> {
    paths
        .iter()
        .map(|p| match p.exists() {
            true => Ok(Source::Path(p.clone())),
            false => Err(missing(p.display().to_string())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_paths_win_then_the_config_then_the_samples() {
        let dir = tempfile::tempdir().unwrap();
        let given = dir.path().join("given");
        let configured = dir.path().join("configured");
        std::fs::create_dir(&given).unwrap();
        std::fs::create_dir(&configured).unwrap();
        let config = Config {
            library: vec![configured.clone()],
            ..Config::default()
        };
        assert_eq!(
            sources(std::slice::from_ref(&given), &config).unwrap(),
            vec![Source::Path(given)]
        );
        assert_eq!(
            sources(&[], &config).unwrap(),
            vec![Source::Path(configured)]
        );
        assert_eq!(
            sources(&[], &Config::default()).unwrap(),
            vec![Source::Samples]
        );
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere/artikel.txt");
        let err = sources(std::slice::from_ref(&missing), &Config::default()).unwrap_err();
        assert!(
            err.to_string().contains(&missing.display().to_string()),
            "{err}"
        );
        let config = Config {
            library: vec![missing.clone()],
            ..Config::default()
        };
        let err = sources(&[], &config).unwrap_err().to_string();
        assert!(
            err.contains(&missing.display().to_string()) && err.contains("config"),
            "{err}"
        );
    }
}
