//! HTML ingest throughput (main-text extraction, metadata, blocks) on the fixture pages, and the
//! time to parse a feed of 10,000 items. Reported as bytes/s and per feed.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use tidings::article::Location;
use tidings::ingest;

fn pages() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("page"))
        .collect()
}

fn html(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("ingest fixture pages", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(ingest::html::parse(
                    page,
                    Location::Bundled("p.html".into()),
                ));
            }
        })
    });
    // A page the size of a real news page (~150 KB): the article inside heavy boilerplate.
    let harbour = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/harbour.html");
    let big = big_page(&std::fs::read(harbour).expect("harbour.html"));
    assert!(
        big.len() > 150_000,
        "the noise goes inside the page's <main>"
    );
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("ingest a 150 KB page", |b| {
        b.iter(|| {
            black_box(ingest::html::parse(
                &big,
                Location::Bundled("big.html".into()),
            ))
        })
    });
    // A page that does not mark its article (no body class, no <article>, no <main>) takes the
    // general extractor: its own figure, so that the fast path cannot hide it.
    let bibliothek =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/bibliothek.html");
    let unmarked = String::from_utf8_lossy(&std::fs::read(bibliothek).expect("bibliothek.html"))
        .replace("class=\"article-body\"", "class=\"text\"")
        .into_bytes();
    let stripped = ingest::prefilter::strip(&String::from_utf8_lossy(&unmarked));
    assert!(ingest::marked::article_fragment(&stripped).is_none());
    group.throughput(Throughput::Bytes(unmarked.len() as u64));
    group.bench_function("ingest a page without a marked article", |b| {
        b.iter(|| {
            black_box(ingest::html::parse(
                &unmarked,
                Location::Bundled("unmarked.html".into()),
            ))
        })
    });
    group.throughput(Throughput::Bytes(big.len() as u64));
    // For comparison: the other extractor tidings measured (readability.js port), and the tag
    // scanner alone, which bounds what any extractor-based path can reach.
    group.bench_function("dom_smoothie alone, 150 KB page", |b| {
        let html = String::from_utf8_lossy(&big).into_owned();
        b.iter(|| {
            let mut r = dom_smoothie::Readability::new(html.as_str(), None, None).expect("page");
            black_box(r.parse().map(|a| a.content.len()).unwrap_or(0))
        })
    });
    group.bench_function("tag scanner alone, 150 KB page", |b| {
        let html = String::from_utf8_lossy(&big).into_owned();
        b.iter(|| black_box(ingest::markup::fragment_to_blocks(&html, None)))
    });
    group.finish();
}

/// A fixture page with ~150 KB of navigation, sidebar teasers, comments and scripts added.
fn big_page(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut noise = String::new();
    let mut i = 0;
    while noise.len() < 150_000 {
        noise.push_str(&format!(
            "<div class=\"comment\"><p>Reader comment {i}: I have read this and have an opinion about it.</p></div>\
             <aside class=\"teaser\"><a href=\"/t/{i}\">Teaser headline number {i}</a></aside>\
             <script>track('slot-{i}');</script>\n"
        ));
        i += 1;
    }
    text.replace("</main>", &format!("{noise}</main>"))
        .into_bytes()
}

/// A generated RSS 2.0 feed of `n` items, each with a guid, a date and an HTML description.
fn big_feed(n: usize) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Bench</title><link>https://bench.example/</link>\n",
    );
    for i in 0..n {
        out.push_str(&format!(
            "<item><title>Item number {i} &amp; more</title><link>https://bench.example/items/{i}</link>\
             <guid>bench-{i}</guid><pubDate>Tue, 05 Mar 2024 08:15:00 +0100</pubDate>\
             <description>&lt;p&gt;Paragraph one of item {i}, with a &lt;a href=\"/x/{i}\"&gt;link&lt;/a&gt; inside.&lt;/p&gt;\
             &lt;p&gt;A second paragraph that says a little more about item {i}.&lt;/p&gt;</description></item>\n"
        ));
    }
    out.push_str("</channel></rss>\n");
    out.into_bytes()
}

fn feed(c: &mut Criterion) {
    let feed = big_feed(10_000);
    let mut group = c.benchmark_group("feed");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(feed.len() as u64));
    group.bench_function("parse 10k-item RSS", |b| {
        b.iter(|| {
            let parsed = ingest::parse_bytes(&feed, Location::Bundled("big.xml".into())).unwrap();
            assert_eq!(parsed.articles.len(), 10_000);
            black_box(parsed)
        })
    });
    group.finish();
}

criterion_group!(benches, html, feed);
criterion_main!(benches);
