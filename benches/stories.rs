//! Story feature extraction throughput (`Features::of`), one core: it runs at ingest for every
//! article, so it must keep pace with parsing (≥ 150 MB/s per core).
//!
//!     CARGO_TARGET_DIR=/work/bench-target cargo bench --bench stories
//!
//! The articles are the shared generator's (`gen_corpus.py -n 2000 --seed 1 --articles DIR`),
//! parsed once before measuring; set TIDINGS_BENCH_CORPUS to a folder of articles to use another.
//! Without python3 a built-in generator stands in: several languages and scripts, names,
//! numbers, dates, handles and URLs. Throughput counts the bytes of title and blocks.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use tidings::article::{Article, Location};
use tidings::ingest::parse_bytes;
use tidings::stories::Features;

fn corpus_files() -> Vec<Vec<u8>> {
    if let Ok(dir) = std::env::var("TIDINGS_BENCH_CORPUS") {
        return read_dir(Path::new(&dir));
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join("tidings-bench-corpus-2000-seed1");
    if !dir.join("001999.txt").exists() {
        let script = [
            manifest.join("../shared/bench/gen_corpus.py"),
            manifest.join("../../shared/bench/gen_corpus.py"),
        ]
        .into_iter()
        .find(|p| p.exists());
        if let Some(script) = script {
            let status = Command::new("python3")
                .arg(&script)
                .args(["-n", "2000", "--seed", "1", "--articles"])
                .arg(&dir)
                .status();
            if !matches!(status, Ok(s) if s.success()) {
                eprintln!("gen_corpus.py failed; using the built-in articles");
            }
        }
    }
    read_dir(&dir)
}

fn read_dir(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// 2000 articles of about 3 KiB in Latin, Cyrillic and Han script.
fn generated() -> Vec<Vec<u8>> {
    let words = [
        "the",
        "council",
        "said",
        "Brücke",
        "città",
        "Wladimir",
        "Putin",
        "47.000",
        "13.",
        "März",
        "Kiew",
        "совет",
        "Москва",
        "@handle",
        "#tag",
        "https://example.com/a/b",
        "戈尔巴乔夫",
        "3月17日",
        "ponte",
        "Zieliński",
        "reopen",
        "after",
        "1,5",
        "engineers",
        "lungo",
    ];
    let mut seed = 7u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..2000)
        .map(|i| {
            let mut text = format!("Article {i} about Lyon and the bridge\n\n7 March 2022\n\n");
            for _ in 0..5 {
                for w in 0..80 {
                    text.push_str(words[(next() % words.len() as u64) as usize]);
                    text.push_str(if w % 13 == 12 { ". " } else { " " });
                }
                text.push_str("end.\n\n");
            }
            text.into_bytes()
        })
        .collect()
}

fn articles() -> Vec<Article> {
    let mut files = corpus_files();
    if files.is_empty() {
        files = generated();
    }
    files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| parse_bytes(f, Location::Bundled(format!("{i}.txt"))).ok())
        .flat_map(|p| p.articles)
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let bytes: usize = articles
        .iter()
        .map(|a| a.title.len() + a.blocks.iter().map(|b| b.text.len()).sum::<usize>())
        .sum();
    let mut group = c.benchmark_group("stories");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(format!("features_{}_articles", articles.len()), |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| black_box(Features::of(a)).names.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
