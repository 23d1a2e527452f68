//! Parse + clean throughput of the scraped plain-text format: decode, sanitize and parse, one core.
//!
//! The corpus is the shared generator's (`gen_corpus.py -n 2000 --seed 1 --articles DIR`), written
//! once into the target folder; set TIDINGS_BENCH_CORPUS to a folder of articles to use another.
//! Without python3 a small built-in generator stands in, with the same traits.
//!
//! Two measurements of the same work: wall-clock time (criterion's default), and the CPU time of
//! the benchmarking thread, which is the per-core throughput even on a machine shared with other
//! work (wall time then counts the time other processes held the core).

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tidings::article::Location;
use tidings::ingest::parse_bytes;

fn corpus() -> Vec<Vec<u8>> {
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
                eprintln!("gen_corpus.py failed; using the built-in corpus");
            }
        }
    }
    let files = read_dir(&dir);
    if files.is_empty() { generated() } else { files }
}

fn read_dir(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// A stand-in corpus: 2000 articles of about 4 KiB with dates, credits, noise, posts and sources.
fn generated() -> Vec<Vec<u8>> {
    let words = [
        "the",
        "council",
        "said",
        "bridge",
        "harbour",
        "will",
        "reopen",
        "after",
        "engineers",
        "checked",
        "every",
        "cable",
        "Stadtrat",
        "Brücke",
        "città",
        "ponte",
        "«dit»",
        "„so“",
    ];
    let mut seed = 1u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..2000)
        .map(|i| {
            let mut text = format!(
                "Article {i} about the harbour\n\n7 March 2022 – 09:30\n\nAdvertisement\n\n(photo: A/B)"
            );
            for p in 0..6 {
                for _ in 0..110 {
                    text.push_str(words[(next() % words.len() as u64) as usize]);
                    text.push(' ');
                }
                text.push_str(if p == 3 {
                    "end.\n\n– Name (@handle) March 6, 2022\n\n"
                } else {
                    "end.\n\n"
                });
            }
            text.push_str("Source: Harbour Times\n\nA sidebar headline\n");
            text.into_bytes()
        })
        .collect()
}

#[path = "support/thread_cpu.rs"]
mod thread_cpu;
use thread_cpu::thread_cpu_now;

/// The CPU time the current thread has used.
struct ThreadCpuTime {
    /// Values are durations, shown the way wall time is.
    wall: WallTime,
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

fn parse_all(corpus: &[Vec<u8>]) -> usize {
    let mut articles = 0usize;
    for (i, file) in corpus.iter().enumerate() {
        let parsed = parse_bytes(file, Location::Bundled(format!("{i}.txt")));
        articles += parsed.map(|p| p.articles.len()).unwrap_or(0);
    }
    articles
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(format!("plaintext_{}_articles", corpus.len()), |b| {
        b.iter(|| parse_all(&corpus))
    });
    group.finish();
}

fn bench_cpu(c: &mut Criterion<ThreadCpuTime>) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("parse_cpu_time");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(format!("plaintext_{}_articles", corpus.len()), |b| {
        b.iter(|| parse_all(&corpus))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime { wall: WallTime });
    targets = bench_cpu
}
criterion_main!(benches, cpu);
