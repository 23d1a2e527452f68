//! The binary with feeds and URLs, against a local HTTP server (127.0.0.1 only): `list URL`,
//! `show URL`, import then update then reading offline once the server is gone, and the messages
//! of URLs that fail.

mod cli_support;
mod tmux_support;

use cli_support::{Home, stderr};

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .unwrap()
}

/// A server on a free loopback port, answering until [`Server::stop`].
struct Server {
    base: String,
    stopped: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let stopped = Arc::new(AtomicBool::new(false));
        let flag = stopped.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                serve(stream);
            }
        });
        Server {
            base,
            stopped,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Closes the port: later connections are refused.
    fn stop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag and drops the listener.
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, body) = match path.as_str() {
        "/island.xml" => ("200 OK", fixture("feeds/rss2.xml")),
        "/atom.xml" => ("200 OK", fixture("feeds/atom.xml")),
        "/harbour.html" => ("200 OK", fixture("html/harbour.html")),
        _ => ("404 Not Found", b"no such page".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn titles(list: &serde_json::Value) -> Vec<String> {
    let mut t: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

#[test]
fn list_url_reads_a_feed_and_show_url_a_page() {
    let server = Server::start();
    let home = Home::new();
    let feed = server.url("/island.xml");
    let list = home.json(&["list", "--json", &feed]);
    assert_eq!(
        titles(&list),
        [
            "Ferry timetable changes from Monday & beyond",
            "Library opens on Sundays"
        ]
    );
    for item in list.as_array().unwrap() {
        assert_eq!(item["path"], feed.as_str());
    }
    let page = home.json(&["show", "--json", &server.url("/harbour.html")]);
    assert_eq!(page["title"], "Harbour cranes return after a long winter");
    assert!(
        page["body"].as_str().unwrap().contains("three blue cranes"),
        "{page}"
    );
    // Quotes and stories take URLs too.
    let quotes = home.json(&["quotes", "--json", &server.url("/harbour.html")]);
    assert!(quotes.is_array());
    let stories = home.json(&["stories", "--json", &feed]);
    let grouped: usize = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_array().unwrap().len())
        .sum();
    assert_eq!(grouped, 2);
}

#[test]
fn import_update_then_read_offline() {
    let mut server = Server::start();
    let home = Home::new();
    let urls = home.file(
        "urls",
        &format!(
            "# my feeds\n{} news \"~Island\"\n{}\n",
            server.url("/island.xml"),
            server.url("/atom.xml")
        ),
    );
    let added = home.ok(&["import", urls.to_str().unwrap()]);
    assert!(added.contains(&server.url("/island.xml")), "{added}");
    assert!(added.contains("2 feed(s) added"), "{added}");
    let again = home.ok(&["import", urls.to_str().unwrap()]);
    assert!(again.contains("0 feed(s) added, 2 already"), "{again}");

    let opml = home.ok(&["export-opml"]);
    assert!(opml.contains(&server.url("/atom.xml")), "{opml}");
    assert!(opml.contains("text=\"Island\""), "{opml}");

    let updated = home.ok(&["update"]);
    assert!(
        updated.contains("2 updated, 0 unchanged, 0 failed"),
        "{updated}"
    );
    let online = home.json(&["list", "--json"]);

    server.stop();
    let offline = home.json(&["list", "--json"]);
    assert_eq!(offline, online);
    let t = titles(&offline);
    assert!(t.contains(&"Library opens on Sundays".to_string()), "{t:?}");
    assert!(t.len() > 2, "the atom feed's items are listed too: {t:?}");
    // No bundled sample once there are subscriptions.
    assert!(
        offline
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["path"].as_str().unwrap().starts_with("http://127.0.0.1")),
        "{offline}"
    );
    // A stored item opens offline, by id.
    let id = offline[0]["id"].as_str().unwrap();
    let shown = home.json(&["show", "--json", id]);
    assert_eq!(shown["id"], id);
    // And the reader shows the stored items offline, and opens one.
    let count = format!("Articles ({}, {} unread)", t.len(), t.len());
    if let Some(reader) = tmux_support::start_over(&home.dir, None, &count) {
        reader.wait_for("Library opens on Sundays");
        reader.run(&["send-keys", "-t", "reader", "Enter"]);
        reader.wait_for(&format!("Articles ({}, {} unread)", t.len(), t.len() - 1));
        reader.run(&["send-keys", "-t", "reader", "q"]);
        tmux_support::assert_restored(&reader.wait_for("STTY-DONE"));
    }

    // Every feed fails now: the update says which and why, and fails.
    let before = home.json(&["list", "--json"]);
    let out = home.run(&["update"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&server.url("/island.xml")) && err.contains("refused"),
        "{err}"
    );
    // What was stored is kept, and the read mark given in the reader.
    assert_eq!(home.json(&["list", "--json"]), before);
}

#[test]
fn a_failing_url_fails_naming_it_and_the_cause() {
    let server = Server::start();
    let home = Home::new();
    let missing = server.url("/gone.xml");
    for args in [
        vec!["list", missing.as_str()],
        vec!["show", missing.as_str()],
        vec![missing.as_str()],
    ] {
        let started = Instant::now();
        let out = home.run(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(&missing) && err.contains("404"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
    // A port nobody listens on.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/feed", l.local_addr().unwrap())
    };
    let out = home.run(&["list", &closed]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&closed) && err.contains("refused"), "{err}");
}

#[test]
fn update_without_subscriptions_says_how_to_add_them() {
    let home = Home::new();
    let out = home.run(&["update"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("tidings import"), "{}", stderr(&out));
}
