//! Which sources to load: the paths and URLs given; else the configured library folders and the
//! stored items of the subscribed feeds; else the bundled samples. Fetching a URL is not done
//! here: the caller fetches it into the store first, and the loader reads it from there.

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
        return paths
            .iter()
            .map(|p| match url_of(p) {
                Some(url) => Ok(Source::Feeds(vec![url.to_string()])),
                None => existing(std::slice::from_ref(p), |path| LoadError::Missing { path })
                    .map(|mut one| one.remove(0)),
            })
            .collect();
    }
    let mut sources = existing(&config.library, |path| LoadError::MissingConfigured {
        path,
    })?;
    if !config.feeds.is_empty() {
        sources.push(Source::Feeds(
            config.feeds.iter().map(|f| f.url.clone()).collect(),
        ));
    }
    if sources.is_empty() {
        sources.push(Source::Samples);
    }
    Ok(sources)
}

/// The argument as an http(s) URL, when it is one.
pub fn url_of(arg: &std::path::Path) -> Option<&str> {
    let s = arg.to_str()?;
    let scheme = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (scheme.starts_with("http://") || scheme.starts_with("https://")).then_some(s)
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
    fn subscriptions_join_the_configured_folders_and_urls_are_feeds() {
        let dir = tempfile::tempdir().unwrap();
        let feed = |url: &str| crate::config::FeedConfig {
            url: url.into(),
            title: None,
            tags: vec![],
        };
        let only_feeds = Config {
            feeds: vec![feed("https://a.example/rss"), feed("http://b.example/atom")],
            ..Config::default()
        };
        let both_urls = Source::Feeds(vec![
            "https://a.example/rss".into(),
            "http://b.example/atom".into(),
        ]);
        assert_eq!(sources(&[], &only_feeds).unwrap(), vec![both_urls.clone()]);
        let both = Config {
            library: vec![dir.path().to_path_buf()],
            ..only_feeds
        };
        assert_eq!(
            sources(&[], &both).unwrap(),
            vec![Source::Path(dir.path().to_path_buf()), both_urls]
        );
        let given = [
            PathBuf::from("HTTPS://c.example/feed.xml"),
            dir.path().to_path_buf(),
        ];
        assert_eq!(
            sources(&given, &both).unwrap(),
            vec![
                Source::Feeds(vec!["HTTPS://c.example/feed.xml".into()]),
                Source::Path(dir.path().to_path_buf())
            ]
        );
        assert_eq!(url_of(std::path::Path::new("httpx/notes.txt")), None);
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
