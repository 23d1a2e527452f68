//! Extraction quality on the HTML fixture pages: word-level F1 of the extracted body against the
//! article text each page was written from (`tests/fixtures/html/NAME.expected.txt`), through the
//! whole HTML path (`ingest::html::parse`: the one-pass reader of `ingest::marked` for pages that
//! mark their article, rs-trafilatura for the others) and with dom_smoothie (readability.js) in
//! its place, the two extractors tidings was choosing between. The last column says which path
//! each page took.
//!
//! Run: `cargo run --release --example html_quality`

use std::collections::HashMap;
use std::path::Path;
use tidings::article::Location;
use tidings::ingest::markup;

fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Word-level F1 (bags of words, counts matter).
fn f1(got: &str, want: &str) -> f64 {
    let (g, w) = (words(got), words(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    if common == 0 || gn == 0 || wn == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
    2.0 * p * r / (p + r)
}

/// The main content by dom_smoothie (readability.js), as `ingest::html` does with trafilatura.
fn main_content_readability(html: &str, url: Option<&str>) -> String {
    let config = dom_smoothie::Config {
        // Bounded work on huge pages: the extractor gives up instead of taking seconds.
        max_elements_to_parse: 50_000,
        ..Default::default()
    };
    dom_smoothie::Readability::new(html, url, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.content.to_string())
        .filter(|c| !markup::fragment_to_line(c).is_empty())
        .unwrap_or_else(|| html.to_string())
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/html")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    let (mut sum_ours, mut sum_traf) = (0.0, 0.0);
    println!(
        "{:<14} {:>12} {:>15}  path",
        "page", "dom_smoothie", "tidings"
    );
    for path in &names {
        let bytes = std::fs::read(path).expect("fixture");
        let expected =
            std::fs::read_to_string(path.with_extension("expected.txt")).expect("expected");
        let article = tidings::ingest::html::parse(&bytes, Location::File(path.clone()));
        let traf = f1(&article.body(), &expected);
        let html = String::from_utf8_lossy(&bytes);
        let readability = main_content_readability(&html, article.url.as_deref());
        let (blocks, _) = markup::fragment_to_blocks(&readability, None);
        let text: Vec<&str> = blocks
            .iter()
            .map(|b| b.text.as_str())
            .filter(|t| *t != article.title)
            .collect();
        let dom = f1(&text.join("\n\n"), &expected);
        sum_ours += dom;
        sum_traf += traf;
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        let stripped = tidings::ingest::prefilter::strip(&html);
        let path = match tidings::ingest::marked::article_fragment(&stripped) {
            Some(_) => "marked",
            None => "rs-trafilatura",
        };
        println!("{name:<14} {dom:>12.3} {traf:>15.3}  {path}");
    }
    let n = names.len().max(1) as f64;
    println!(
        "{:<14} {:>12.3} {:>15.3}",
        "mean",
        sum_ours / n,
        sum_traf / n
    );
}
