//! What the reader and every command need: the configuration, the store of read marks, and the library's sources.

use crate::article::Summary;
use crate::config::{self, Config};
use crate::feeds;
use crate::library::load::{self, Source};
use crate::store::{self, Store};
use std::collections::HashSet;
use std::path::PathBuf;

pub struct Context {
    pub config: Config,
    pub store: Store,
    /// Problems met while opening (a config or store that could not be used), for the user.
    pub warnings: Vec<String>,
}

impl Context {
    /// Reads the config file and opens the store; a store that cannot be opened is replaced by one
    /// in memory, with a warning, so reading still works.
    pub fn open() -> anyhow::Result<Context> {
        let config = match config::default_path() {
            Some(path) => Config::load(&path)?,
            None => Config::default(),
        };
        let mut warnings = Vec::new();
        let store = match store::default_path() {
            Some(path) => match Store::open_or_recover(&path) {
                Ok(opened) => {
                    warnings.extend(opened.warning);
                    opened.store
                }
                Err(e) => {
                    warnings.push(format!("{e}; read marks will not be kept"));
                    Store::in_memory()?
                }
            },
            None => {
                warnings
                    .push("no data folder (HOME is not set); read marks will not be kept".into());
                Store::in_memory()?
            }
        };
        Ok(Context {
            config,
            store,
            warnings,
        })
    }

    /// The sources to read: the paths and URLs given, else the configured library and the stored
    /// items of subscribed feeds, else the samples. A URL given is fetched now and its articles
    /// kept in the store, where the loader and `library::open` find them.
    pub fn sources(&self, paths: &[PathBuf]) -> anyhow::Result<Vec<Source>> {
        let fetcher = feeds::Fetcher::new(feeds::FetchOptions::default());
        for url in paths.iter().filter_map(|p| load::url_of(p)) {
            self.fetch_url(url, &fetcher)?;
        }
        Ok(load::sources(paths, &self.config)?)
    }

    /// Fetches one URL (a feed or a page) into the store; the error names the URL and the cause.
    pub fn fetch_url(&self, url: &str, fetcher: &feeds::Fetcher) -> anyhow::Result<usize> {
        let parsed = feeds::read_url(url, fetcher)?;
        for w in &parsed.warnings {
            eprintln!("tidings: {w}");
        }
        if parsed.articles.is_empty() {
            anyhow::bail!("{url}: no article could be read from it");
        }
        let conn = self.store.conn();
        feeds::stored::init(conn)
            .and_then(|_| {
                feeds::stored::save(
                    conn,
                    url,
                    None,
                    &feeds::Validators::default(),
                    &parsed.articles,
                )
            })
            .map_err(|e| anyhow::anyhow!("{url}: cannot keep it in the store: {e}"))?;
        Ok(parsed.articles.len())
    }

    /// How the loader runs: with the store's cache of parsed files when the store is on disk.
    pub fn load_options(&self) -> load::Options {
        load::Options {
            store: Some(PathBuf::from(self.store.path())).filter(|p| p.is_file()),
            ..load::Options::default()
        }
    }

    /// Loads the whole library (for commands that print it), printing problems to stderr.
    pub fn load(&self, paths: &[PathBuf]) -> anyhow::Result<Vec<(Summary, bool)>> {
        for w in &self.warnings {
            eprintln!("tidings: {w}");
        }
        let options = load::Options {
            features: false,
            ..self.load_options()
        };
        let (summaries, problems) = load::load_blocking_with(self.sources(paths)?, options);
        for p in problems {
            eprintln!("tidings: {p}");
        }
        let read: HashSet<_> = self.store.read_ids()?;
        Ok(summaries
            .into_iter()
            .map(|s| {
                let r = read.contains(&s.id);
                (s, r)
            })
            .collect())
    }
}
