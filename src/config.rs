//! The configuration file (`config.toml` in the platform config dir); every key is optional.

use directories::ProjectDirs;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The platform folders (XDG on Linux: `$XDG_CONFIG_HOME/tidings`, `$XDG_DATA_HOME/tidings`).
pub fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "tidings")
}

/// `config.toml` in the platform config dir.
pub fn default_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Files and folders read when tidings is started without paths.
    pub library: Vec<PathBuf>,
    /// Opening an article marks it read.
    pub mark_read_on_open: bool,
    /// Reading an article marks the other articles of its story read too (one undoable change).
    pub mark_story_read: bool,
    /// Links in the reading pane are clickable (OSC 8 hyperlinks) where the terminal supports
    /// them; off for `TERM=dumb` and the Linux console whatever this says.
    pub hyperlinks: bool,
    /// Key bindings: action name → keys, overriding the defaults (see assets/keymap.toml).
    pub keys: BTreeMap<String, Vec<String>>,
    /// Subscribed feeds (`[[feeds]]` tables), fetched by `tidings update`.
    pub feeds: Vec<FeedConfig>,
}

/// One subscription: `[[feeds]] url = "…"`, with an optional title and tags.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct FeedConfig {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            library: Vec::new(),
            mark_read_on_open: true,
            mark_story_read: false,
            hyperlinks: true,
            keys: BTreeMap::new(),
            feeds: Vec::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parse {
        path: String,
        source: toml::de::Error,
    },
}

impl Config {
    /// Reads the config file; a missing file is the default configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        toml::from_str(&text).map_err(|source| ConfigError::Parse {
            path: path.display().to_string(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        std::fs::write(&path, "mark_read_on_open = false\n").unwrap();
        assert!(!Config::load(&path).unwrap().mark_read_on_open);
        std::fs::write(&path, "no_such_key = 1\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("no_such_key"),
            "{err}"
        );
    }

    /// Run in a child process by `xdg_variables_are_honoured` with the variables set; the
    /// variables of the test process itself are not touched (setting them would race other tests).
    #[test]
    fn xdg_child() {
        let (Some(config), Some(data)) = (
            std::env::var_os("TIDINGS_TEST_XDG_CONFIG"),
            std::env::var_os("TIDINGS_TEST_XDG_DATA"),
        ) else {
            return;
        };
        assert_eq!(
            default_path(),
            Some(PathBuf::from(config).join("tidings/config.toml"))
        );
        assert_eq!(
            crate::store::default_path(),
            Some(PathBuf::from(data).join("tidings/tidings.db"))
        );
    }

    #[test]
    fn xdg_variables_are_honoured() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("conf");
        let data = dir.path().join("daten");
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "config::tests::xdg_child", "--nocapture"])
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_HOME", &data)
            .env("TIDINGS_TEST_XDG_CONFIG", &config)
            .env("TIDINGS_TEST_XDG_DATA", &data)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        assert!(stdout.contains("1 passed"), "{stdout}");
    }
}
