//! The quotes of the two seed articles, as DESIGN §5 promises them.

use std::path::PathBuf;
use tidings::article::Article;
use tidings::quotes::{Quote, QuoteKind, extract};

/// The seeds live in `shared/seeds` beside the repository (one level up, or two when the checkout
/// sits in a folder of checkouts); `TIDINGS_SEEDS` overrides.
fn seed(name: &str) -> Article {
    let candidates = [
        std::env::var("TIDINGS_SEEDS").map(PathBuf::from).ok(),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seeds"
        ))),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/seeds"
        ))),
    ];
    let dir = candidates
        .into_iter()
        .flatten()
        .find(|d| d.is_dir())
        .expect("the seed articles (shared/seeds) beside the repository");
    let path = dir.join(name);
    let parsed = tidings::ingest::read_path(&path).expect("the seed files are readable");
    parsed.articles.into_iter().next().expect("one article")
}

fn find<'a>(quotes: &'a [Quote], start: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?} in {quotes:#?}"))
}

#[test]
fn italian_seed_names_musk_and_peskov() {
    let article = seed("002_fe35782627d0220a.txt");
    let quotes = extract(&article);
    let body = article.body();
    for q in &quotes {
        assert_eq!(
            &body[q.range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            &q.text
        );
    }
    for (start, who) in [
        (
            "Ti andrebbe di avere una conversazione su Clubhouse?",
            "Elon Musk",
        ),
        ("Sarebbe un grande onore poter parlare con te", "Elon Musk"),
        ("Prima di tutto dobbiamo capire", "Dmitry Peskov"),
        (
            "il presidente Putin non usa i social network",
            "Dmitry Peskov",
        ),
    ] {
        let q = find(&quotes, start);
        assert_eq!(q.kind, QuoteKind::Speech, "{q:?}");
        assert_eq!(q.speaker.as_deref(), Some(who), "{q:?}");
    }
    // The title's l’invito and the text's apostrophes open nothing.
    assert!(quotes.iter().all(|q| !q.text.starts_with("invito")));
}

#[test]
fn german_seed_finds_the_kremlin_role_the_honour_and_the_term() {
    let article = seed("000_d0a4e967319d884a.txt");
    let quotes = extract(&article);
    let proposal = find(&quotes, "interessanter Vorschlag");
    assert_eq!(proposal.kind, QuoteKind::Speech);
    // The role in its base form, not as the genitive the sentence puts it in.
    assert_eq!(
        proposal.speaker.as_deref(),
        Some("ein offizieller Kreml-Sprecher"),
        "{proposal:?}"
    );
    // Said "auf Russisch": a language is never the speaker.
    let honour = find(&quotes, "eine große Ehre");
    assert!(
        !honour.speaker.as_deref().unwrap_or("").contains("Russisch"),
        "{honour:?}"
    );
    let term = find(&quotes, "interessante");
    assert_eq!(term.kind, QuoteKind::Term);
    // The quote cut by a paragraph break is recovered whole.
    let cut = find(&quotes, "ein Gespräch über Clubhouse");
    assert!(cut.text.ends_with('.'), "{cut:?}");
}

#[test]

fn german_seed_post_is_by_musk() {
    let article = seed("000_d0a4e967319d884a.txt");
    let quotes = extract(&article);
    let post = quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Post)
        .expect("the embedded post");
    assert_eq!(post.speaker.as_deref(), Some("Elon Musk"));
    assert!(post.text.contains("Clubhouse"));
}
