//! Reloading: what `r` and `R` ask the event loop to read again, and how the app shows a feed
//! update's progress and failures. The reading itself happens on worker threads (the loader,
//! [`crate::feeds::spawn_update`]); the app only records the request and the outcome.

use super::app::App;
use super::popup::Popup;
use crate::article::Location;
use crate::config::FeedConfig;
use crate::library::load::Source;

/// A request from the app to the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// The source an article came from: its file, the samples, or its feed (fetched again).
    Source(Location),
    /// Every feed updated, then every source read again.
    All,
}

impl App {
    /// `r`: the opened article's source, else the selected one's.
    pub(super) fn request_reload(&mut self) {
        let location = match &self.opened {
            Some(o) => Some(o.article.origin.location.clone()),
            None => self.selected_entry().map(|e| e.summary.location.clone()),
        };
        match location {
            Some(location) => {
                self.status = Some(format!("reloading {}…", location.display_path()));
                self.forget_cached();
                self.reload = Some(Reload::Source(location));
            }
            None => self.status = Some("no article selected to reload".into()),
        }
    }

    /// `R`: everything.
    pub(super) fn request_reload_all(&mut self) {
        self.status = Some("updating feeds and reloading every source…".into());
        self.forget_cached();
        self.reload = Some(Reload::All);
    }

    /// The end of a feed update: failures are listed in a popup, not hidden.
    pub(super) fn feeds_updated(&mut self, errors: Vec<String>) {
        self.updating = None;
        if errors.is_empty() {
            self.status = Some("feeds updated".into());
        } else {
            self.status = Some(format!("{} feed(s) failed to update", errors.len()));
            self.popup = Some(Popup::FeedErrors {
                errors,
                selected: 0,
            });
        }
    }
}

/// What the event loop does for a request: update these feeds first (on a worker), then load
/// these sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub feeds: Vec<FeedConfig>,
    pub sources: Vec<Source>,
}

/// The plan for a request, given the reader's sources and the subscriptions.
pub fn plan(request: &Reload, sources: &[Source], subscribed: &[FeedConfig]) -> Plan {
    let feed = |url: &str| {
        subscribed
            .iter()
            .find(|f| f.url == url)
            .cloned()
            .unwrap_or_else(|| FeedConfig {
                url: url.to_string(),
                title: None,
                tags: Vec::new(),
            })
    };
    match request {
        Reload::Source(Location::File(path)) => Plan {
            feeds: Vec::new(),
            sources: vec![Source::Path(path.clone())],
        },
        Reload::Source(Location::Bundled(_)) => Plan {
            feeds: Vec::new(),
            sources: vec![Source::Samples],
        },
        Reload::Source(Location::Feed { url }) => Plan {
            feeds: vec![feed(url)],
            sources: vec![Source::Feeds(vec![url.clone()])],
        },
        Reload::All => {
            // The subscriptions, and the URLs given on the command line, once each.
            let mut feeds: Vec<FeedConfig> = subscribed.to_vec();
            for source in sources {
                if let Source::Feeds(urls) = source {
                    for url in urls {
                        if !feeds.iter().any(|f| &f.url == url) {
                            feeds.push(feed(url));
                        }
                    }
                }
            }
            Plan {
                feeds,
                sources: sources.to_vec(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn feed(url: &str, title: Option<&str>) -> FeedConfig {
        FeedConfig {
            url: url.into(),
            title: title.map(str::to_string),
            tags: vec![],
        }
    }

    #[test]
    fn a_file_reloads_alone_and_a_feed_is_fetched_first() {
        let subscribed = [feed("https://a.example/rss", Some("A"))];
        let sources = [
            Source::Path(PathBuf::from("news")),
            Source::Feeds(vec!["https://a.example/rss".into()]),
        ];
        let file = Location::File(PathBuf::from("news/x.txt"));
        assert_eq!(
            plan(&Reload::Source(file), &sources, &subscribed),
            Plan {
                feeds: vec![],
                sources: vec![Source::Path(PathBuf::from("news/x.txt"))]
            }
        );
        let item = Location::Feed {
            url: "https://a.example/rss".into(),
        };
        let p = plan(&Reload::Source(item), &sources, &subscribed);
        assert_eq!(p.feeds, subscribed);
        assert_eq!(
            p.sources,
            [Source::Feeds(vec!["https://a.example/rss".into()])]
        );
    }

    #[test]
    fn all_updates_subscriptions_and_given_urls_once_each() {
        let subscribed = [feed("https://a.example/rss", Some("A"))];
        let sources = [
            Source::Feeds(vec![
                "https://a.example/rss".into(),
                "http://b.example/page".into(),
            ]),
            Source::Samples,
        ];
        let p = plan(&Reload::All, &sources, &subscribed);
        assert_eq!(
            p.feeds,
            [
                feed("https://a.example/rss", Some("A")),
                feed("http://b.example/page", None)
            ]
        );
        assert_eq!(p.sources, sources);
    }
}
