//! The scraped plain-text format, read the way a user's files are: fixtures with every trait of
//! real scraped pages in English, German, Italian, French and Spanish, and the two seed articles.

use tidings::article::{Article, BlockKind, Location};
use tidings::ingest::parse_bytes;

fn fixture(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut parsed =
        parse_bytes(&bytes, Location::File(path.clone().into())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.articles.len(), 1);
    parsed.articles.remove(0)
}

struct Expected {
    file: &'static str,
    lang: &'static str,
    title: &'static str,
    published: &'static str,
    time: (u8, u8),
    credit: &'static str,
    first_paragraph_start: &'static str,
    heading: &'static str,
    post_author: &'static str,
    post_handle: &'static str,
    sources: &'static [&'static str],
    trailer: &'static str,
    noise: &'static [&'static str],
}

const FIXTURES: &[Expected] = &[
    Expected {
        file: "en.txt",
        lang: "en",
        title: "Harbour bridge will reopen in spring, council says",
        published: "2022-03-07",
        time: (9, 30),
        credit: "Jane Roe/Harbour Wire",
        first_paragraph_start: "The harbour bridge will reopen in the spring, the city council said on Monday,",
        heading: "A long wait for commuters",
        post_author: "Harbour Office",
        post_handle: "@harbouroffice",
        sources: &["Harbour Times", "City Council"],
        trailer: "Five towns with the best ferries this year",
        noise: &[
            "Advertisement",
            "Read more",
            "appeared first",
            "About the author",
            "Sources",
        ],
    },
    Expected {
        file: "de.txt",
        lang: "de",
        title: "Die Hafenbrücke soll im Frühjahr wieder öffnen",
        published: "2022-03-07",
        time: (9, 30),
        credit: "Max Muster/Hafenbild",
        first_paragraph_start: "Die Hafenbrücke soll im Frühjahr wieder öffnen, teilte der Stadtrat am Montag mit,",
        heading: "Eine „lange“ Wartezeit für Pendler",
        post_author: "Hafenamt",
        post_handle: "@hafenamt",
        sources: &["Hafenblatt", "Hafenblatt/Twitter", "Stadtrat"],
        trailer: "Fünf Städte mit den besten Fähren in diesem Jahr",
        noise: &[
            "Anzeige",
            "Lesen Sie auch",
            "erschien zuerst",
            "Über den Autor",
            "Quelle",
        ],
    },
    Expected {
        file: "it.txt",
        lang: "it",
        title: "Il ponte del porto riaprirà in primavera, dice il comune",
        published: "2022-03-07",
        time: (9, 30),
        credit: "Anna Rossi/Agenzia Porto",
        first_paragraph_start: "Il ponte del porto riaprirà in primavera, ha detto lunedì il consiglio comunale,",
        heading: "Una lunga attesa per i pendolari",
        post_author: "Ufficio del Porto",
        post_handle: "@ufficioporto",
        sources: &["Gazzetta del Porto", "Comune"],
        trailer: "Cinque città con i traghetti migliori di quest’anno",
        noise: &[
            "Pubblicità",
            "Leggi anche",
            "appeared first",
            "L’autore",
            "Fonte",
        ],
    },
    Expected {
        file: "fr.txt",
        lang: "fr",
        title: "Le pont du port rouvrira au printemps, selon la mairie",
        published: "2022-03-07",
        time: (9, 30),
        credit: "Jean Dupont/Agence du Port",
        first_paragraph_start: "Le pont du port rouvrira au printemps, a annoncé lundi le conseil municipal,",
        heading: "Une longue attente pour les navetteurs",
        post_author: "Bureau du Port",
        post_handle: "@bureauduport",
        sources: &["Le Journal du Port", "Mairie"],
        trailer: "Cinq villes avec les meilleurs ferries cette année",
        noise: &[
            "Publicité",
            "Lire aussi",
            "apparu en premier",
            "À propos de l’auteur",
            "Source",
        ],
    },
    Expected {
        file: "es.txt",
        lang: "es",
        title: "El puente del puerto reabrirá en primavera, según el ayuntamiento",
        published: "2022-03-04",
        time: (9, 30),
        credit: "Ana Ruiz/Agencia Puerto",
        first_paragraph_start: "El puente del puerto reabrirá en primavera, dijo el lunes el consejo municipal,",
        heading: "Una larga espera para los viajeros",
        post_author: "Oficina del Puerto",
        post_handle: "@oficinapuerto",
        sources: &["El Diario del Puerto", "Ayuntamiento"],
        trailer: "Cinco ciudades con los mejores ferris este año",
        noise: &[
            "Publicidad",
            "Lee también",
            "publicó primero",
            "Sobre el autor",
            "Fuentes",
        ],
    },
];

#[test]
fn every_trait_in_every_language() {
    for want in FIXTURES {
        let a = fixture(want.file);
        let file = want.file;
        assert_eq!(a.title, want.title, "{file}");
        assert_eq!(a.lang.as_deref(), Some(want.lang), "{file}");
        // The date line beats the title's ` date 2022-03 ` token: it is more precise.
        let published = a.published.expect(file);
        assert_eq!(published.to_string(), want.published, "{file}");
        assert_eq!(published.time, Some(want.time), "{file}");
        assert_eq!(a.credit.as_deref(), Some(want.credit), "{file}");
        assert_eq!(a.sources, want.sources, "{file}");
        assert_eq!(a.trailer, [want.trailer], "{file}");

        let kinds: Vec<&str> = a
            .blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Paragraph => "p",
                BlockKind::Heading => "h",
                BlockKind::Post { .. } => "post",
                BlockKind::Link => "link",
            })
            .collect();
        assert_eq!(kinds, ["p", "p", "h", "p", "p", "post", "link"], "{file}");

        // Lines of a paragraph fold to spaces; the credit left the paragraph.
        assert!(
            a.blocks[0].text.starts_with(want.first_paragraph_start),
            "{file}: {}",
            a.blocks[0].text
        );
        assert_eq!(a.blocks[2].text, want.heading, "{file}");
        // A quote cut by a paragraph break: both halves stay paragraphs, marks untouched.
        assert!(
            a.blocks[3].text.ends_with(|c: char| c.is_alphabetic()),
            "{file}"
        );
        assert!(a.blocks[3].text.contains(" \""), "{file}");
        assert!(a.blocks[4].text.starts_with(".\" "), "{file}");
        match &a.blocks[5].kind {
            BlockKind::Post {
                author,
                handle,
                date,
            } => {
                assert_eq!(author.as_deref(), Some(want.post_author), "{file}");
                assert_eq!(handle.as_deref(), Some(want.post_handle), "{file}");
                assert!(
                    date.as_deref().is_some_and(|d| d.contains("2022")),
                    "{file}"
                );
            }
            other => panic!("{file}: {other:?}"),
        }
        let link = &a.blocks[6].text;
        assert!(link.starts_with("https://social.example/"), "{file}");
        let urls: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls.len(), 2, "{file}: {urls:?}");
        assert!(
            urls[0].starts_with("https://example.org/") && !urls[0].ends_with('.'),
            "{file}"
        );
        assert_eq!(urls[1], link, "{file}");

        let body = a.body();
        for noise in want.noise {
            assert!(!body.contains(noise), "{file}: {noise} in the body");
        }
        assert!(!body.contains(want.trailer), "{file}");
        assert!(!body.contains('\n') || body.split("\n\n").count() == a.blocks.len());
        assert_eq!(
            a.id,
            tidings::article::ArticleId::from_text_article(
                Some(want.sources[0]),
                want.title,
                a.published,
                ""
            )
        );
    }
}

#[test]
fn quotation_marks_are_kept_as_they_are() {
    let de = fixture("de.txt");
    assert!(
        de.blocks[1]
            .text
            .starts_with("„Wir sind sicher, dass die Arbeit getan ist“, sagte")
    );
    let fr = fixture("fr.txt");
    assert!(fr.blocks[1].text.starts_with("« Nous sommes sûrs"));
}

fn seed(name: &str) -> Article {
    // CI keeps ../shared beside the repository; a checkout inside a folder of checkouts has it
    // one level further up.
    let dir = [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds"),
    ]
    .into_iter()
    .find(|d| std::path::Path::new(d).is_dir())
    .expect("the seed articles in ../shared/seeds");
    let path = format!("{dir}/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut parsed = parse_bytes(&bytes, Location::File(path.into())).expect("the seed parses");
    parsed.articles.remove(0)
}

#[test]
fn the_german_seed() {
    let a = seed("000_d0a4e967319d884a.txt");
    assert_eq!(
        a.title,
        "Wird es ein Treffen im Clubhaus von Elon Musk und Vladimir Putin geben?"
    );
    assert_eq!(a.lang.as_deref(), Some("de"));
    assert!(a.sources.iter().any(|s| s == "CNN"), "{:?}", a.sources);
    let body = a.body();
    assert!(!body.contains("click fraud protection"));
    assert!(!body.contains("Über den Autor"));
    assert!(!body.contains("90-Tage-Verlobte"));
    assert!(a.trailer.iter().any(|t| t.starts_with("90-Tage-Verlobte")));
    let posts: Vec<_> = a
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Post { author, handle, .. } => Some((author.as_deref(), handle.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(posts, [(Some("Elon Musk"), Some("@elonmusk"))]);
    // The quote cut by a blank line: its closing half stays a paragraph of its own.
    assert!(
        a.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Paragraph && b.text.starts_with(".\" Das"))
    );
    assert!(a.blocks.iter().any(|b| b.kind == BlockKind::Heading));
}

#[test]
fn the_italian_seed() {
    let a = seed("002_fe35782627d0220a.txt");
    assert_eq!(
        a.title,
        "Putin sta pensando seriamente di accettare l’invito di Elon Musk su Clubhouse"
    );
    assert_eq!(a.lang.as_deref(), Some("it"));
    let published = a.published.expect("a date");
    assert_eq!(published.to_string(), "2021-02-15");
    assert_eq!(published.time, Some((17, 34)));
    assert!(a.sources.iter().any(|s| s == "Wired"), "{:?}", a.sources);
    assert_eq!(a.credit.as_deref(), Some("Mikhail Svetlov/Getty Images"));
    let body = a.body();
    assert!(!body.contains("appeared first on"));
    assert!(!body.contains("(foto:"));
    assert!(!body.contains("Fonte:"));
    let link = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Link)
        .expect("a link block");
    assert!(
        link.text
            .starts_with("https://twitter.com/elonmusk/status/")
    );
    assert!(a.links.iter().any(|l| l.url == link.text));
}
