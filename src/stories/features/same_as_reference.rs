//! The fast reading of features finds exactly what the straightforward one finds: on written
//! fixtures in many languages and scripts, on the seed articles and the bundled samples, on
//! generated articles, and (run by hand) on a whole corpus.

use super::{Features, reference};
use crate::article::{Article, Link, Location};
use crate::ingest::parse_bytes;
use proptest::prelude::*;
use std::path::Path;

fn assert_same(article: &Article) {
    assert_eq!(
        Features::of(article),
        reference::of(article),
        "{:?}",
        article.title
    );
}

fn article(title: &str, paragraphs: &[&str]) -> Article {
    let mut a = Article::from_paragraphs("fixture", None, paragraphs.iter().copied());
    a.title = title.to_string();
    a
}

/// Paragraphs written for this test with the traits of real scraped text: several languages and
/// scripts, names at sentence starts and inside, numbers and dates in many notations, quotes,
/// apostrophes, no-break spaces, URLs, handles, and odd characters.
const FIXTURES: &[(&str, &[&str])] = &[
    (
        "Stadtrat Bremen: Bäckerei Köhler meldet Insolvenz an",
        &[
            "Bremen — Die Bäckerei Köhler hat am 13. Februar 2021 Insolvenz angemeldet. \
             Geschäftsführerin Anna-Lena Köhler sagte: „Wir haben 47.000 Euro verloren.“ \
             Laut Stadtrat Jürgen Weiß sind 3,5 Prozent der Stellen betroffen.",
            "Am 17.3. soll entschieden werden. Der Stadtrat tagt am 13.02.2021 erneut; \
             Köhler will bis März weitermachen. Mehr unter https://www.weser-bote.example/bremen/koehler-insolvenz?utm_source=x.",
            "Quelle: Weser-Bote",
        ],
    ),
    (
        "Frana sulla ferrovia del Brennero, treni fermi",
        &[
            "Bolzano – Una frana ha interrotto la linea del Brennero il 3 marzo. \
             «Non ci sono feriti», ha detto l’assessore Marco Dell’Olio. \
             L’Rfi stima 1,2 milioni di euro di danni; c’è chi parla di 1.500 passeggeri.",
            "Secondo Rete Ferroviaria Italiana i lavori dureranno fino al 15 aprile. \
             (foto: Archivio) Leggi anche: https://altoadige.example/p/123456789",
        ],
    ),
    (
        "La péniche a heurté le pont Lafayette à Lyon",
        &[
            "Lyon\u{a0}: une péniche de 110\u{202f}mètres a heurté le pont Lafayette le 4 mars 2022. \
             «\u{a0}C’est un miracle\u{a0}», selon Jean-Pierre Lefèvre, adjoint au maire. \
             Aujourd’hui, 2\u{202f}300 personnes ont été évacuées.",
            "Le Rhône est resté fermé jusqu’au 7 mars ; VNF (@VNF_officiel) a publié une vidéo #Lyon.",
        ],
    ),
    (
        "Президент Владимир Путин встретился с Зеленским",
        &[
            "Москва. Владимир Путин и Владимир Зеленский говорили 17 марта 2022 года. \
             «Мы готовы», — сказал Путин. По данным ТАСС, в переговорах участвовали 12 человек.",
            "Встреча прошла в Стамбуле; Эрдоган сказал, что 1 000 000 беженцев ждут решения.",
        ],
    ),
    (
        "Η Αθήνα και η Θεσσαλονίκη",
        &["Ο Κυριάκος Μητσοτάκης μίλησε στις 25 Μαρτίου. Η ΕΡΤ μετέδωσε την ομιλία."],
    ),
    (
        "戈尔巴乔夫过世",
        &[
            "前苏联领导人戈尔巴乔夫3月17日在莫斯科过世，享年91岁。他说：“我们需要改革。”",
            "2월 13일, 서울에서 김정은 위원장이 말했다. 3월 1일에도 회의가 있었다.",
            "ترامب قال إن ٣٤ شخصا أصيبوا في بغداد. بوتين لم يعلق.",
        ],
    ),
    (
        "İstanbul’da ŞEHİR meclisi toplandı",
        &[
            "İstanbul Büyükşehir Belediyesi Başkanı Ekrem İmamoğlu, 1.250 kişinin katıldığı toplantıda konuştu. \
             ＣＯＶＩＤ１９ ve G20, A320 ile Ⅻ ve ½ ve ２０２２ yılı.",
            "Cafe\u{301} Mu\u{308}nchen and Zielin\u{301}ski met ﬁnally in Ǆemal’s shop 🎉🎉 at 10:30.",
            "\u{feff}\tZero\u{200b}width joiner\u{200d} text, 3 . 5 and 12'000 and 12’000 and 3.14159.",
        ],
    ),
    (
        "",
        &[
            "",
            "...",
            "@ # @x #y @ab #cd_ef h w http https:// www. wwwx hhttp://a.b",
            "5https://a.example/b 5.5. 1.2.3.4 99.99.9999 31.12. 32.1. 0.0.",
        ],
    ),
];

#[test]
fn fixtures_read_the_same() {
    for (title, paragraphs) in FIXTURES {
        let mut a = article(title, paragraphs);
        assert_same(&a);
        a.url = Some("https://www.example.com/story/1/".to_string());
        a.links.push(Link {
            url: "https://twitter.com/someone/status/1360289437282492418".to_string(),
            label: None,
        });
        assert_same(&a);
    }
}

/// A long text, so that the rules for long texts (names said twice, inside sentences) apply.
#[test]
fn a_long_text_reads_the_same() {
    let paragraphs: Vec<&str> = FIXTURES
        .iter()
        .flat_map(|(_, p)| p.iter().copied())
        .collect();
    let mut all = paragraphs.clone();
    for _ in 0..3 {
        all.extend(paragraphs.iter().copied());
    }
    assert_same(&article("Köhler und Putin in Lyon", &all));
}

/// An article past the byte budget, cut inside a character.
#[test]
fn a_huge_article_reads_the_same() {
    let paragraph = "Öffentliche Ämter in München und Köln: Jürgen Weiß sagte 47.000 Mal „ja“. ";
    let big = paragraph.repeat(256 * 1024 / paragraph.len() + 7);
    assert_same(&article("Groß", &[big.as_str(), "Nachher Köhler."]));
    for cut in 0..4 {
        let text = format!("{}{}", "x".repeat(256 * 1024 - cut), "ÄÖÜ Köhler");
        assert_same(&article("", &[text.as_str()]));
    }
}

fn parse_dir(dir: &Path) -> Vec<Article> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            parse_bytes(&bytes, Location::Bundled(p.display().to_string())).ok()
        })
        .flat_map(|p| p.articles)
        .collect()
}

#[test]
fn seeds_and_samples_read_the_same() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut articles = parse_dir(&manifest.join("assets/samples"));
    assert!(articles.len() >= 10, "samples: {}", articles.len());
    let seeds = parse_dir(&manifest.join("../shared/seeds"));
    articles.extend(seeds);
    for a in &articles {
        assert_same(a);
    }
}

/// Every article of a folder: `TIDINGS_FEATURES_CORPUS=DIR cargo test --release -- --ignored
/// every_article_of_a_corpus`.
#[test]
#[ignore = "reads a whole corpus; run by hand"]
fn every_article_of_a_corpus_reads_the_same() {
    let Ok(dir) = std::env::var("TIDINGS_FEATURES_CORPUS") else {
        panic!("set TIDINGS_FEATURES_CORPUS to a folder of articles");
    };
    let articles = parse_dir(Path::new(&dir));
    assert!(!articles.is_empty(), "no articles in {dir}");
    for a in &articles {
        assert_same(a);
    }
    eprintln!("{} articles read the same", articles.len());
}

/// Pieces of text the generated articles are made of: each a trait the reading must handle.
const PIECES: &[&str] = &[
    "the",
    "und",
    "della",
    "Der",
    "Die",
    "The",
    "May",
    "may",
    "März",
    "marzo",
    "February",
    "Mai",
    "Wladimir",
    "Putin",
    "Putins",
    "Kiew",
    "Köhler",
    "Zieliński",
    "Dell’Olio",
    "l’invito",
    "c’è",
    "Anna-Lena",
    "Владимир",
    "Путин",
    "москва",
    "Αθήνα",
    "Ελλάδα",
    "İstanbul",
    "ŞEHİR",
    "Ǆemal",
    "ﬁnal",
    "Cafe\u{301}",
    "x\u{327}\u{301}",
    "ＣＯＶＩＤ",
    "G20",
    "A320",
    "COVID19",
    "戈尔巴乔夫",
    "莫斯科",
    "김정은",
    "서울",
    "بوتين",
    "ترامب",
    "13",
    "13.",
    "17.3.",
    "13.02.2021",
    "47.000",
    "47,000",
    "47 000",
    "47\u{a0}000",
    "2\u{202f}300",
    "3,5",
    "3.14159",
    "12'000",
    "12’000",
    "1.2.3.4",
    "31.12.",
    "32.1.",
    "1",
    "7",
    "2022",
    "٣٤",
    "２０２２",
    "½",
    "Ⅻ",
    "²",
    "3月17日",
    "2월 13일",
    "3月",
    "12月x",
    "@elonmusk",
    "#Clubhouse",
    "@",
    "#",
    "@a",
    "#x_y",
    "https://www.example.com/a/b?utm_source=x",
    "(https://twitter.com/a/status/1360289437282492418).",
    "www.example.org/p/123456789",
    "http://",
    "h",
    "w",
    "hhttp",
    "🎉",
    "\u{200b}",
    "\u{feff}",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", "  ", "\u{a0}", "\u{202f}", "\t", "\n", ". ", ", ", "; ", "! ", "? ", "。",
    ": ", " – ", " — ", "«", "» ", "„", "“ ", "(", ") ", "'", "’", "-", ".", ",", "/",
];

fn paragraph() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{1,6}",
    ];
    let sep = proptest::sample::select(SEPARATORS);
    proptest::collection::vec((token, sep), 0..120).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(t, s)| [t, s.to_string()])
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_articles_read_the_same(
        title in paragraph(),
        paragraphs in proptest::collection::vec(paragraph(), 0..6),
    ) {
        let mut a = Article::from_paragraphs("generated", None, paragraphs);
        a.title = title;
        prop_assert_eq!(Features::of(&a), reference::of(&a));
    }

    #[test]
    fn any_text_reads_the_same(text in "\\PC{0,200}") {
        prop_assert_eq!(Features::of_text(&text), reference::of_text(&text));
    }
}
