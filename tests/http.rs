//! Fetching feeds from a local HTTP server (loopback only): 200, 304, 404, a timeout, a
//! redirect, gzip, an oversized body, a refused connection; then updating the store from it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;
use tidings::article::Location;
use tidings::config::FeedConfig;
use tidings::feeds::{self, FetchError, FetchOptions, Fetched, Fetcher, Validators};

fn rss() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/rss2.xml"))
        .unwrap()
}

/// Answers one request on a connection.
fn serve(mut stream: TcpStream, broken: bool) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    let _ = reader.read_line(&mut request_line);
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        headers.push(line.to_ascii_lowercase());
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let header = |name: &str| headers.iter().any(|h| h.starts_with(name));
    let respond = |stream: &mut TcpStream, status: &str, extra: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/feed" if broken => respond(&mut stream, "500 Internal Server Error", "", b"oops"),
        "/feed" if header("if-none-match: \"v1\"") => {
            respond(&mut stream, "304 Not Modified", "ETag: \"v1\"\r\n", b"")
        }
        "/feed" => respond(
            &mut stream,
            "200 OK",
            "ETag: \"v1\"\r\nLast-Modified: Tue, 05 Mar 2024 08:00:00 GMT\r\nContent-Type: application/rss+xml\r\n",
            &rss(),
        ),
        "/moved" => respond(
            &mut stream,
            "301 Moved Permanently",
            "Location: /feed\r\n",
            b"",
        ),
        "/gz" => {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(&rss()).unwrap();
            respond(
                &mut stream,
                "200 OK",
                "Content-Encoding: gzip\r\n",
                &enc.finish().unwrap(),
            );
        }
        "/huge" => respond(&mut stream, "200 OK", "", &vec![b'x'; 200_000]),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(1500));
            respond(&mut stream, "200 OK", "", &rss());
        }
        _ => respond(&mut stream, "404 Not Found", "", b"no such feed"),
    }
}

/// Starts a server on 127.0.0.1 with a free port; `broken` makes /feed fail with 500.
fn server(broken: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream, broken));
        }
    });
    format!("http://{addr}")
}

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(400),
        max_bytes: 100_000,
        max_redirects: 3,
        threads: 3,
    })
}

#[test]
fn ok_then_not_modified_with_the_validators() {
    let base = server(false);
    let f = fetcher();
    let url = format!("{base}/feed");
    let Fetched::Body { bytes, validators } = f.fetch(&url, &Validators::default()).unwrap() else {
        panic!("expected a body");
    };
    assert_eq!(bytes, rss());
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        validators.last_modified.as_deref(),
        Some("Tue, 05 Mar 2024 08:00:00 GMT")
    );
    assert_eq!(f.fetch(&url, &validators).unwrap(), Fetched::NotModified);
}

#[test]
fn redirects_and_gzip_are_followed() {
    let base = server(false);
    let f = fetcher();
    for path in ["/moved", "/gz"] {
        match f.fetch(&format!("{base}{path}"), &Validators::default()) {
            Ok(Fetched::Body { bytes, .. }) => assert_eq!(bytes, rss(), "{path}"),
            other => panic!("{path}: {other:?}"),
        }
    }
}

#[test]
fn errors_name_the_url_and_the_cause() {
    let base = server(false);
    let f = fetcher();
    let err = f
        .fetch(&format!("{base}/missing"), &Validators::default())
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("/missing") && err.to_string().contains("404"),
        "{err}"
    );

    let err = f
        .fetch(&format!("{base}/slow"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::TimedOut { .. }), "{err:?}");
    assert!(err.to_string().contains("/slow") && err.to_string().contains("timed out"));

    let err = f
        .fetch(&format!("{base}/huge"), &Validators::default())
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit: 100_000, .. }),
        "{err:?}"
    );

    // A port nobody listens on: bound, then closed.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let err = f
        .fetch(&format!("http://{closed}/feed"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::Refused { .. }), "{err:?}");
    assert!(err.to_string().contains(&closed.to_string()));
}

#[test]
fn update_stores_items_offline_and_a_failed_update_loses_nothing() {
    let good = server(false);
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let subs = vec![
        FeedConfig {
            url: format!("{good}/feed"),
            ..FeedConfig::default()
        },
        FeedConfig {
            url: format!("{good}/missing"),
            ..FeedConfig::default()
        },
    ];
    let report = feeds::update_with(&conn, &subs, &fetcher());
    assert_eq!((report.updated, report.new_items), (1, 2), "{report:?}");
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].contains("/missing"), "{:?}", report.errors);

    let summaries = feeds::stored_summaries(&conn).unwrap();
    assert_eq!(summaries.len(), 2);
    assert_eq!(
        summaries[0].location,
        Location::Feed {
            url: format!("{good}/feed")
        }
    );
    let article = feeds::open_stored_in(&conn, &summaries[0]).unwrap();
    assert!(article.body().contains("morning ferry"));

    // Unchanged: the server answers 304 to the stored ETag.
    let report = feeds::update_with(&conn, &subs[..1], &fetcher());
    assert_eq!((report.unchanged, report.new_items), (1, 0), "{report:?}");

    // The feed now fails: everything stored stays.
    let broken = server(true);
    let moved = vec![FeedConfig {
        url: format!("{broken}/feed"),
        ..FeedConfig::default()
    }];
    let report = feeds::update_with(&conn, &moved, &fetcher());
    assert!(report.errors[0].contains("500"), "{:?}", report.errors);
    assert_eq!(feeds::stored_summaries(&conn).unwrap().len(), 2);
}

#[test]
fn a_url_is_read_without_storing() {
    let base = server(false);
    let parsed = feeds::read_url(&format!("{base}/gz"), &fetcher()).unwrap();
    assert_eq!(parsed.articles.len(), 2);
    assert_eq!(
        parsed.articles[0].title,
        "Ferry timetable changes from Monday & beyond"
    );
    let err = feeds::read_url(&format!("{base}/nope"), &fetcher()).unwrap_err();
    assert!(
        err.to_string().contains("/nope") && err.to_string().contains("404"),
        "{err}"
    );
}

#[test]
fn import_is_idempotent_and_the_config_reads_the_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let urls = dir.path().join("urls");
    std::fs::write(
        &urls,
        "https://a.example/rss news \"~Alpha\"\nhttps://b.example/atom\n",
    )
    .unwrap();
    let config = dir.path().join("conf/config.toml");
    let report = feeds::import(&urls, &config).unwrap();
    assert_eq!((report.added, report.already), (2, 0));
    let report = feeds::import(&urls, &config).unwrap();
    assert_eq!((report.added, report.already), (0, 2));
    let loaded = tidings::config::Config::load(&config).unwrap();
    assert_eq!(loaded.feeds.len(), 2);
    assert_eq!(loaded.feeds[0].title.as_deref(), Some("Alpha"));
    assert_eq!(loaded.feeds[0].tags, ["news"]);
    let opml = feeds::export_opml(&loaded.feeds);
    assert_eq!(feeds::read_subscriptions(&opml), loaded.feeds);

    let empty = dir.path().join("empty");
    std::fs::write(&empty, "# nothing\n").unwrap();
    let err = feeds::import(&empty, &config).unwrap_err().to_string();
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn an_update_on_a_worker_reports_progress_then_every_outcome() {
    let good = server(false);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("tidings.db");
    let subs: Vec<FeedConfig> = ["/feed", "/missing", "/gz"]
        .iter()
        .map(|p| FeedConfig {
            url: format!("{good}{p}"),
            ..FeedConfig::default()
        })
        .collect();
    let options = FetchOptions {
        threads: 2,
        ..fetcher().options().clone()
    };
    let events: Vec<_> = feeds::spawn_update(store.clone(), subs, options)
        .iter()
        .collect();
    let progress: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            feeds::UpdateEvent::Progress { done, total } => Some((*done, *total)),
            feeds::UpdateEvent::Done(_) => None,
        })
        .collect();
    assert_eq!(progress, [(0, 3), (2, 3), (3, 3)]);
    let Some(feeds::UpdateEvent::Done(report)) = events.last() else {
        panic!("no Done last: {events:?}");
    };
    assert_eq!(report.updated, 2, "{report:?}");
    assert_eq!(report.errors.len(), 1);
    assert!(
        report.errors[0].contains("/missing") && report.errors[0].contains("404"),
        "{:?}",
        report.errors
    );
    let conn = rusqlite::Connection::open(&store).unwrap();
    let urls = [format!("{good}/feed")];
    assert_eq!(feeds::stored_summaries_of(&conn, &urls).unwrap().len(), 2);
}
