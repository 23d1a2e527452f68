//! Quote extraction throughput on generated multilingual articles (DESIGN §10: ≥ 200 MB/s per
//! core).
//!
//!     CARGO_TARGET_DIR=/work/bench-target cargo bench --bench quotes
//!
//! With `TIDINGS_BENCH_ARTICLES=DIR`, also on a folder of articles from
//! `../shared/bench/gen_corpus.py -n 1000 --seed 1 --articles DIR`.
//!
//! The text is generated here from small word lists (en, de, it, fr, es), with quotes in each
//! language's marks, cues before and after, terms, apostrophes and unquoted sentences, about one
//! quote per kilobyte (the density of ../shared/bench/gen_corpus.py articles).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tidings::article::{Article, ArticleId, Block, BlockKind, Format, Location, Origin};
use tidings::quotes::extract;

// The reader (src/main.rs) runs the extractor under mimalloc: the bench measures it with the
// same allocator, not glibc's malloc, which it would otherwise get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        // xorshift64*: deterministic and good enough to vary the text.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

struct Lang {
    code: &'static str,
    words: &'static [&'static str],
    open: &'static str,
    close: &'static str,
    after: &'static [&'static str],
    before: &'static [&'static str],
    names: &'static [&'static str],
}

const LANGS: &[Lang] = &[
    Lang {
        code: "en",
        words: &[
            "the",
            "council",
            "agreed",
            "on",
            "a",
            "new",
            "budget",
            "for",
            "schools",
            "and",
            "roads",
            "after",
            "months",
            "of",
            "talks",
            "company’s",
            "don’t",
            "it’s",
            "plan",
            "city",
        ],
        open: "“",
        close: "”",
        after: &["said", "told reporters", "added"],
        before: &["said:", "wrote:"],
        names: &["Ann Lee", "Tom Bell", "the spokesman", "Harriet Vance"],
    },
    Lang {
        code: "de",
        words: &[
            "der",
            "Rat",
            "hat",
            "sich",
            "auf",
            "einen",
            "neuen",
            "Haushalt",
            "für",
            "Schulen",
            "und",
            "Straßen",
            "geeinigt",
            "nach",
            "Monaten",
            "Gesprächen",
            "die",
            "Stadt",
            "Plan",
            "wird",
        ],
        open: "„",
        close: "“",
        after: &["sagte", "erklärte", "so"],
        before: &["sagte:", "erklärte:"],
        names: &[
            "Helga Brandt",
            "Jens Ott",
            "der Sprecher",
            "Bürgermeisterin Petra Kolb",
        ],
    },
    Lang {
        code: "it",
        words: &[
            "il",
            "consiglio",
            "ha",
            "approvato",
            "un",
            "nuovo",
            "bilancio",
            "per",
            "le",
            "scuole",
            "e",
            "strade",
            "dopo",
            "mesi",
            "di",
            "trattative",
            "l’invito",
            "c’è",
            "città",
            "piano",
        ],
        open: "«",
        close: "»",
        after: &["ha detto", "ha dichiarato", "ha aggiunto"],
        before: &["ha detto:", "ha scritto:"],
        names: &[
            "Marco Riva",
            "Anna Galli",
            "il portavoce",
            "il ministro Luca Neri",
        ],
    },
    Lang {
        code: "fr",
        words: &[
            "le",
            "conseil",
            "a",
            "adopté",
            "un",
            "nouveau",
            "budget",
            "pour",
            "les",
            "écoles",
            "et",
            "routes",
            "après",
            "des",
            "mois",
            "de",
            "négociations",
            "aujourd’hui",
            "ville",
            "plan",
        ],
        open: "«\u{a0}",
        close: "\u{a0}»",
        after: &["a déclaré", "a ajouté", "dit"],
        before: &["a déclaré :", "a écrit :"],
        names: &[
            "Claire Morel",
            "Paul Henry",
            "le porte-parole",
            "la ministre Julie Roy",
        ],
    },
    Lang {
        code: "es",
        words: &[
            "el",
            "consejo",
            "aprobó",
            "un",
            "nuevo",
            "presupuesto",
            "para",
            "las",
            "escuelas",
            "y",
            "carreteras",
            "tras",
            "meses",
            "de",
            "negociaciones",
            "la",
            "ciudad",
            "plan",
            "que",
            "ha",
        ],
        open: "«",
        close: "»",
        after: &["dijo", "afirmó", "añadió"],
        before: &["dijo:", "escribió:"],
        names: &[
            "Lucía Ortega",
            "Pablo Ruiz",
            "el portavoz",
            "la alcaldesa Marta Gil",
        ],
    },
];

fn sentence(rng: &mut Rng, lang: &Lang, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| rng.pick(lang.words)).collect();
    let first = s.remove(0);
    let mut chars = first.chars();
    let mut out: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect();
    out.push_str(chars.as_str());
    for w in s {
        out.push(' ');
        out.push_str(w);
    }
    out
}

fn paragraph(rng: &mut Rng, lang: &Lang) -> String {
    let mut p = String::new();
    for _ in 0..(2 + rng.next() % 4) {
        let n = 6 + rng.next() % 12;
        let s = sentence(rng, lang, n);
        let name = rng.pick(lang.names);
        // About one quote in every fifth sentence: a quote per kilobyte or so, as in news text and
        // in ../shared/bench/gen_corpus.py output.
        match rng.next() % 16 {
            0 => p.push_str(&format!(
                "{}{s},{} {} {name}. ",
                lang.open,
                lang.close,
                rng.pick(lang.after)
            )),
            1 => p.push_str(&format!(
                "{name} {} {}{s}.{} ",
                rng.pick(lang.before),
                lang.open,
                lang.close
            )),
            2 => {
                let t = rng.pick(lang.words);
                p.push_str(&format!("{s} {}{t}{}. ", lang.open, lang.close));
            }
            _ => p.push_str(&format!("{s}. ")),
        }
    }
    p.trim_end().to_string()
}

fn corpus(bytes: usize) -> Vec<Article> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut articles = Vec::new();
    let mut total = 0;
    while total < bytes {
        let lang = &LANGS[rng.next() % LANGS.len()];
        let blocks: Vec<Block> = (0..8)
            .map(|_| Block {
                kind: BlockKind::Paragraph,
                text: paragraph(&mut rng, lang),
            })
            .collect();
        total += blocks.iter().map(|b| b.text.len() + 2).sum::<usize>();
        articles.push(Article {
            id: ArticleId::from_key(&articles.len().to_string()),
            title: String::new(),
            lang: rng.next().is_multiple_of(2).then(|| lang.code.to_string()),
            published: None,
            sources: vec![],
            url: None,
            byline: None,
            credit: None,
            blocks,
            links: vec![],
            trailer: vec![],
            origin: Origin {
                location: Location::Bundled("bench".into()),
                format: Format::Text,
                encoding: None,
            },
        });
    }
    articles
}

fn bench(c: &mut Criterion) {
    let articles = corpus(4 << 20);
    let bytes: usize = articles.iter().map(|a| a.body().len()).sum();
    let quotes: usize = articles.iter().map(|a| extract(a).len()).sum();
    eprintln!(
        "corpus: {} articles, {bytes} bytes, {quotes} quotes",
        articles.len()
    );
    let mut group = c.benchmark_group("quotes");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract_multilingual", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extract(black_box(a)));
            }
        })
    });
    group.finish();

    // Articles written by ../shared/bench/gen_corpus.py, when a folder of them is given:
    // TIDINGS_BENCH_ARTICLES=DIR (read through the plain-text parser, like the reader does).
    if let Ok(dir) = std::env::var("TIDINGS_BENCH_ARTICLES") {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        let articles: Vec<Article> = paths
            .iter()
            .filter_map(|p| tidings::ingest::read_path(p).ok())
            .flat_map(|p| p.articles)
            .collect();
        let bytes: usize = articles.iter().map(|a| a.body().len()).sum();
        let quotes: usize = articles.iter().map(|a| extract(a).len()).sum();
        eprintln!(
            "{dir}: {} articles, {bytes} bytes, {quotes} quotes",
            articles.len()
        );
        let mut group = c.benchmark_group("quotes");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("extract_gen_corpus", |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(extract(black_box(a)));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
