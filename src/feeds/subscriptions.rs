//! Subscriptions: reading OPML and newsboat `urls` files, adding them to the config file's
//! `[[feeds]]` without disturbing the user's formatting (toml_edit), and writing OPML.

use crate::config::FeedConfig;
use crate::ingest::markup;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SubscriptionError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not valid TOML ({message}); fix it before importing")]
    Config { path: String, message: String },
    #[error("{path}: `feeds` is not a list of [[feeds]] tables")]
    FeedsNotTables { path: String },
    #[error("{path}: no feed subscriptions found (expected OPML or a newsboat urls file)")]
    Nothing { path: String },
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Feeds added to the config.
    pub added: usize,
    /// Feeds already subscribed, left as they were.
    pub already: usize,
    /// The URLs of the feeds added, in the file's order.
    pub added_urls: Vec<String>,
}

/// Reads subscriptions from OPML (`<outline xmlUrl=…>`, folders become tags) or a newsboat
/// `urls` file (`URL tag "~Name" …`, `#` comments).
pub fn read_subscriptions(text: &str) -> Vec<FeedConfig> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.starts_with('<') {
        opml(start)
    } else {
        newsboat_urls(start)
    }
}

fn opml(text: &str) -> Vec<FeedConfig> {
    let mut feeds = Vec::new();
    // Folders: the open outlines without a feed URL, innermost last.
    let mut folders: Vec<Option<String>> = Vec::new();
    for token in markup::tokens(text) {
        let markup::Token::Tag(tag) = token else {
            continue;
        };
        if tag.name != "outline" {
            continue;
        }
        if tag.closing {
            folders.pop();
            continue;
        }
        let label = tag
            .attr("title")
            .or_else(|| tag.attr("text"))
            .map(|t| markup::squash(&t));
        let self_closing = tag.self_closing();
        match tag.attr("xmlurl").filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
                if let Some(cats) = tag.attr("category") {
                    tags.extend(
                        cats.split([',', '/'])
                            .map(str::trim)
                            .filter(|c| !c.is_empty())
                            .map(str::to_string),
                    );
                }
                let url = url.trim().to_string();
                // Exporters (this one included) write the URL as the label of an untitled feed.
                let title = label.filter(|l| !l.is_empty() && *l != url);
                feeds.push(FeedConfig { url, title, tags });
                if !self_closing {
                    folders.push(None);
                }
            }
            None => {
                if !self_closing {
                    folders.push(label.filter(|l| !l.is_empty()));
                }
            }
        }
    }
    feeds
}

fn newsboat_urls(text: &str) -> Vec<FeedConfig> {
    let mut feeds = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = shell_words(line);
        let Some((url, rest)) = words.split_first() else {
            continue;
        };
        // Query feeds (`"query:…"`) and filters (`filter:…`) are not subscriptions.
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let mut feed = FeedConfig {
            url: url.clone(),
            ..FeedConfig::default()
        };
        for word in rest {
            match word.strip_prefix('~') {
                Some(name) => feed.title = Some(name.to_string()),
                None if word.starts_with('!') => {}
                None => feed.tags.push(word.clone()),
            }
        }
        feeds.push(feed);
    }
    feeds
}

/// Splits a newsboat line into words; double quotes group, a `#` outside quotes starts a comment.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            '#' if !quoted && word.is_empty() => break,
            c if c.is_whitespace() && !quoted => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

/// Imports the subscriptions of `path` into the config file at `config_path` (created when
/// missing). Feeds already there are left alone, so importing twice adds nothing.
pub fn import(path: &Path, config_path: &Path) -> Result<ImportReport, SubscriptionError> {
    let text = std::fs::read_to_string(path).map_err(|source| SubscriptionError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let feeds = read_subscriptions(&text);
    if feeds.is_empty() {
        return Err(SubscriptionError::Nothing {
            path: path.display().to_string(),
        });
    }
    let config_text = match std::fs::read_to_string(config_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(SubscriptionError::Read {
                path: config_path.display().to_string(),
                source,
            });
        }
    };
    let (new_text, report) = add_feeds(&config_text, &feeds).map_err(|e| match e {
        AddError::Toml(message) => SubscriptionError::Config {
            path: config_path.display().to_string(),
            message,
        },
        AddError::NotTables => SubscriptionError::FeedsNotTables {
            path: config_path.display().to_string(),
        },
    })?;
    if report.added > 0 {
        if let Some(dir) = config_path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| SubscriptionError::Write {
                path: dir.display().to_string(),
                source,
            })?;
        }
        std::fs::write(config_path, new_text).map_err(|source| SubscriptionError::Write {
            path: config_path.display().to_string(),
            source,
        })?;
    }
    Ok(report)
}

enum AddError {
    Toml(String),
    NotTables,
}

/// Adds feeds to a config text as `[[feeds]]` tables, keeping everything else byte for byte.
fn add_feeds(config: &str, feeds: &[FeedConfig]) -> Result<(String, ImportReport), AddError> {
    let mut doc: toml_edit::DocumentMut = config
        .parse()
        .map_err(|e: toml_edit::TomlError| AddError::Toml(e.to_string()))?;
    let item = doc
        .entry("feeds")
        .or_insert_with(|| toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    let tables = item.as_array_of_tables_mut().ok_or(AddError::NotTables)?;
    let mut known: std::collections::HashSet<String> = tables
        .iter()
        .filter_map(|t| t.get("url").and_then(|u| u.as_str()).map(str::to_string))
        .collect();
    let mut report = ImportReport::default();
    for feed in feeds {
        if !known.insert(feed.url.clone()) {
            report.already += 1;
            continue;
        }
        let mut table = toml_edit::Table::new();
        table.insert("url", toml_edit::value(feed.url.as_str()));
        if let Some(title) = &feed.title {
            table.insert("title", toml_edit::value(title.as_str()));
        }
        if !feed.tags.is_empty() {
            let tags: toml_edit::Array = feed.tags.iter().map(String::as_str).collect();
            table.insert("tags", toml_edit::value(tags));
        }
        tables.push(table);
        report.added += 1;
        report.added_urls.push(feed.url.clone());
    }
    Ok((doc.to_string(), report))
}

/// The subscriptions as an OPML 2.0 document.
pub fn export_opml(feeds: &[FeedConfig]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>tidings subscriptions</title></head>\n  <body>\n",
    );
    for feed in feeds {
        let title = feed.title.as_deref().unwrap_or(&feed.url);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{u}\"",
            t = escape(title),
            u = escape(&feed.url)
        ));
        if !feed.tags.is_empty() {
            out.push_str(&format!(" category=\"{}\"", escape(&feed.tags.join(","))));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsboat_lines_with_tags_names_and_comments() {
        let feeds = read_subscriptions(
            "# my feeds\nhttps://a.example/rss news \"world news\" \"~Alpha Daily\"\n\n\
             \"query:unread:unread = \\\"yes\\\"\"\nhttps://b.example/atom.xml # trailing\n",
        );
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "https://a.example/rss");
        assert_eq!(feeds[0].tags, ["news", "world news"]);
        assert_eq!(feeds[0].title.as_deref(), Some("Alpha Daily"));
        assert_eq!(feeds[1].url, "https://b.example/atom.xml");
        assert!(feeds[1].tags.is_empty());
    }

    #[test]
    fn opml_folders_become_tags_and_export_round_trips() {
        let opml = r#"<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="Politik">
              <outline text="Blatt &amp; Co" type="rss" xmlUrl="https://blatt.example/feed?a=1&amp;b=2"/>
            </outline>
            <outline text="Solo" xmlUrl="https://solo.example/rss"></outline>
            </body></opml>"#;
        let feeds = read_subscriptions(opml);
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "https://blatt.example/feed?a=1&b=2");
        assert_eq!(feeds[0].title.as_deref(), Some("Blatt & Co"));
        assert_eq!(feeds[0].tags, ["Politik"]);
        assert!(feeds[1].tags.is_empty());
        assert_eq!(read_subscriptions(&export_opml(&feeds)), feeds);
    }

    #[test]
    fn adding_keeps_the_users_formatting_and_is_idempotent() {
        let config = "# my settings\nmark_read_on_open   =   false # keep\n\n[[feeds]]\nurl = \"https://a.example/rss\"\n";
        let feeds = read_subscriptions("https://a.example/rss\nhttps://b.example/rss tech\n");
        let (text, report) = add_feeds(config, &feeds).ok().unwrap();
        assert_eq!(
            report,
            ImportReport {
                added: 1,
                already: 1,
                added_urls: vec!["https://b.example/rss".into()],
            }
        );
        assert!(
            text.starts_with("# my settings\nmark_read_on_open   =   false # keep\n"),
            "{text}"
        );
        assert!(
            text.contains("url = \"https://b.example/rss\"\ntags = [\"tech\"]"),
            "{text}"
        );
        let (again, report) = add_feeds(&text, &feeds).ok().unwrap();
        assert_eq!(
            report,
            ImportReport {
                added: 0,
                already: 2,
                added_urls: vec![],
            }
        );
        assert_eq!(again, text);
    }
}
