//! Reading HTML pages, feeds (good and broken) and Markdown from the fixtures.

use std::path::{Path, PathBuf};
use tidings::article::{ArticleId, BlockKind, Format, Location};
use tidings::ingest;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn read(rel: &str) -> ingest::Parsed {
    ingest::read_path(&fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn html_page_gives_text_and_metadata_without_boilerplate() {
    let parsed = read("html/harbour.html");
    let a = &parsed.articles[0];
    assert_eq!(a.origin.format, Format::Html);
    assert_eq!(a.title, "Harbour cranes return after a long winter");
    assert_eq!(a.byline.as_deref(), Some("Mara Lindqvist"));
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://coastpost.example/city/harbour-cranes")
    );
    assert_eq!(
        a.id,
        ArticleId::from_url("https://coastpost.example/city/harbour-cranes")
    );
    let p = a.published.unwrap();
    assert_eq!((p.year, p.month, p.day), (2024, 4, Some(18)));
    let body = a.body();
    assert!(body.contains("three blue cranes"), "{body}");
    for noise in [
        "Most read",
        "Subscribe now",
        "All rights reserved",
        "First! Great",
        "dataLayer",
        "enable JavaScript",
    ] {
        assert!(!body.contains(noise), "{noise} leaked into {body}");
    }
    assert!(
        a.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Heading && b.text == "What changed")
    );
    // Links are kept, resolved against the canonical URL.
    assert!(
        a.links
            .iter()
            .any(|l| l.url == "https://coastpost.example/related/harbour"),
        "{:?}",
        a.links
    );
}

#[test]
fn html_canonical_from_json_ld_when_no_link_tag() {
    let a = &read("html/sequia.html").articles[0];
    assert_eq!(
        a.url.as_deref(),
        Some("https://diariodelavega.example/campo/sequia-riego")
    );
    assert_eq!(a.lang.as_deref(), Some("es"));
    assert_eq!(a.byline.as_deref(), Some("Andrés Molina"));
}

#[test]
fn html_in_latin1_is_decoded_from_its_meta_charset() {
    let page = "<html lang=\"de\"><head><meta charset=\"iso-8859-1\"><title>Grüße aus Köln</title></head>\
        <body><article><p>Die Straßenbahn fährt wieder über die Brücke, nachdem die Schäden behoben wurden.</p>\
        <p>Fahrgäste müssen sich dennoch auf Verspätungen einstellen, heißt es bei den Verkehrsbetrieben.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let parsed = ingest::parse_bytes(&bytes, Location::File("k.html".into())).unwrap();
    let a = &parsed.articles[0];
    assert_eq!(a.title, "Grüße aus Köln");
    assert!(a.body().contains("Straßenbahn fährt"), "{}", a.body());
    assert_eq!(a.origin.encoding.as_deref(), Some("windows-1252"));
    assert!(parsed.warnings[0].contains("k.html"));
}

#[test]
fn rss2_items_with_guid_content_and_enclosure() {
    let parsed = read("feeds/rss2.xml");
    assert_eq!(parsed.articles.len(), 2);
    let a = &parsed.articles[0];
    assert_eq!(a.origin.format, Format::Feed);
    assert_eq!(a.title, "Ferry timetable changes from Monday & beyond");
    assert_eq!(a.id, ArticleId::from_guid("islandnews-4711"));
    assert_eq!(a.sources, ["Island News"]);
    assert_eq!(a.byline.as_deref(), Some("Ines Vogt"));
    assert_eq!(a.lang.as_deref(), Some("en"));
    let texts: Vec<_> = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The morning ferry will leave twenty minutes earlier from next week, the operator said.",
            "Why",
            "Tides in spring make the old slot risky. See the tide table."
        ]
    );
    let urls: Vec<_> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert!(
        urls.contains(&"https://islandnews.example/transport/tides"),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://islandnews.example/audio/ferry.mp3"),
        "{urls:?}"
    );
    // No guid: the id comes from the link, so it survives edits of the feed.
    let b = &parsed.articles[1];
    assert_eq!(
        b.id,
        ArticleId::from_url("https://islandnews.example/culture/library-sundays")
    );
    assert_eq!(
        b.body(),
        "The town library will open on Sunday afternoons from April."
    );
    let p = b.published.unwrap();
    assert_eq!((p.year, p.month, p.day), (2024, 3, Some(6)));
}

#[test]
fn rss091_rss1_atom_and_json_feed() {
    let a = &read("feeds/rss091.xml").articles[0];
    assert_eq!(a.title, "Snow closes the upper pass");
    assert_eq!(
        a.id,
        ArticleId::from_url("https://valley.example/2024/snow-pass")
    );

    let a = &read("feeds/rss1.rdf").articles[0];
    assert_eq!(a.title, "Hütte am Grat öffnet früher");
    assert_eq!(a.body(), "Die Hütte öffnet in diesem Jahr schon im Mai.");

    let a = &read("feeds/atom.xml").articles[0];
    assert_eq!(a.title, "Il ponte \"nuovo\" riapre");
    assert_eq!(a.id, ArticleId::from_guid("tag:cronaca.example,2022:ponte"));
    // Relative links resolve against xml:base.
    assert_eq!(
        a.url.as_deref(),
        Some("https://cronaca.example/blog/2022/ponte-riapre.html")
    );
    assert!(
        a.links
            .iter()
            .any(|l| l.url == "https://cronaca.example/blog/2022/squadra.html"),
        "{:?}",
        a.links
    );
    assert_eq!(a.published.unwrap().day, Some(3));
    assert_eq!(a.byline.as_deref(), Some("Paolo Neri"));

    let parsed = read("feeds/feed.json");
    assert_eq!(parsed.articles.len(), 2);
    assert_eq!(parsed.articles[0].id, ArticleId::from_guid("hl-2024-001"));
    assert_eq!(parsed.articles[0].blocks.len(), 2);
    assert_eq!(
        parsed.articles[1].blocks.len(),
        2,
        "{:?}",
        parsed.articles[1].blocks
    );
}

#[test]
fn broken_feeds_still_yield_their_items() {
    let cases = [
        (
            "feeds/wrong-encoding.xml",
            "Café am Hafen schließt",
            "Die Brühe war zu heiß.",
        ),
        (
            "feeds/no-encoding.xml",
            "Città più verde",
            "Perché la città è più verde.",
        ),
        (
            "feeds/bare-amp.xml",
            "Fish & chips prices rise",
            "Costs up by a third & more.",
        ),
        ("feeds/bom-crlf.xml", "Windows lines", "Written on a PC."),
        (
            "feeds/utf16.xml",
            "Doppelbyte für Österreich",
            "Ein Text in UTF-16.",
        ),
        (
            "feeds/blank-line.xml",
            "Leading blank",
            "The server printed a newline first.",
        ),
    ];
    for (rel, title, body) in cases {
        let parsed = read(rel);
        assert_eq!(parsed.articles.len(), 1, "{rel}");
        assert_eq!(parsed.articles[0].title, title, "{rel}");
        assert_eq!(parsed.articles[0].body(), body, "{rel}");
        assert_eq!(
            parsed.articles[0].id,
            ArticleId::from_guid("broken-1"),
            "{rel}"
        );
    }
}

#[test]
fn a_truncated_feed_keeps_the_items_before_the_cut_and_says_so() {
    let parsed = read("feeds/truncated.xml");
    let titles: Vec<_> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["First whole", "Second whole"]);
    assert!(
        parsed
            .warnings
            .iter()
            .any(|w| w.contains("truncated.xml") && w.contains("broken feed")),
        "{:?}",
        parsed.warnings
    );
}

#[test]
fn feed_item_ids_survive_a_changed_feed() {
    let before = read("feeds/rss2.xml");
    let text = std::fs::read_to_string(fixture("feeds/rss2.xml")).unwrap();
    let edited = text
        .replace(
            "Ferry timetable changes",
            "Ferry timetable changes (updated)",
        )
        .replace(
            "Library opens on Sundays",
            "Library opens on Sundays and holidays",
        );
    let after = ingest::parse_bytes(edited.as_bytes(), Location::File("rss2.xml".into())).unwrap();
    let ids = |p: &ingest::Parsed| p.articles.iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
}

#[test]
fn markdown_with_yaml_and_toml_front_matter() {
    let a = &read("markdown/yaml.md").articles[0];
    assert_eq!(a.origin.format, Format::Markdown);
    assert_eq!(a.title, "Night trains: the return of the sleeper");
    assert_eq!(a.sources, ["Rail Weekly"]);
    assert_eq!(
        a.id,
        ArticleId::from_url("https://railweekly.example/night-trains")
    );
    assert_eq!(a.published.unwrap().day, Some(14));
    assert_eq!(a.byline.as_deref(), Some("Ada Brook"));
    assert_eq!(a.blocks[1].kind, BlockKind::Heading);
    assert_eq!(a.blocks[1].text, "Cabins and prices");
    assert!(
        a.blocks[2]
            .text
            .ends_with("Details are on the operator's page.")
    );
    assert_eq!(a.blocks.len(), 5);
    assert_eq!(a.links[0].url, "https://operator.example/sleeper");

    let a = &read("markdown/toml.md").articles[0];
    assert_eq!(a.title, "Orti urbani in crescita");
    assert_eq!(a.lang.as_deref(), Some("it"));
    let p = a.published.unwrap();
    assert_eq!(
        (p.year, p.month, p.day, p.time),
        (2022, 5, Some(20), Some((8, 0)))
    );
    assert_eq!(
        a.id,
        ArticleId::from_text_article(Some("Il Quartiere"), "Orti urbani in crescita", Some(p), "")
    );

    let a = &read("markdown/plain.md").articles[0];
    assert_eq!(a.title, "Heading as title");
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn seed_articles_are_still_plain_text() {
    let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"));
    let Ok(dir) = std::fs::read_dir(seeds) else {
        return;
    };
    for entry in dir.flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let location = Location::File(entry.path());
        assert_eq!(
            ingest::sniff::sniff_bytes(&location, &bytes),
            Format::Text,
            "{:?}",
            entry.path()
        );
    }
}

/// Word-level F1 (bags of words) of an extracted body against the text a page was written from.
fn word_f1(got: &str, want: &str) -> f64 {
    fn bag(text: &str) -> std::collections::HashMap<String, usize> {
        let mut bag = std::collections::HashMap::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *bag.entry(w.to_lowercase()).or_insert(0) += 1;
        }
        bag
    }
    let (g, w) = (bag(got), bag(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
    2.0 * p * r / (p + r)
}

#[test]
fn html_pages_keep_their_article_and_lose_the_boilerplate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let want = std::fs::read_to_string(path.with_extension("expected.txt")).unwrap();
        let article = tidings::ingest::html::parse(&bytes, Location::File(path.clone()));
        let body = article.body();
        let f1 = word_f1(&body, &want);
        assert!(f1 >= 0.9, "{}: F1 {f1:.3}\n{body}", path.display());
        for noise in ["cookie", "Cookies", "Reply", "Subscribe now"] {
            assert!(
                !body.contains(noise),
                "{}: {noise} in\n{body}",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 8, "{checked} pages");
}
