//! Where first ingest spends its time, on one core: `cargo run --release --example ingest_phases
//! -- DIR [N]` reads the first N files of DIR (sorted; 10,000 by default) and prints the CPU time
//! of this thread (so a busy machine does not inflate it) for reading the files, parsing them,
//! their story features, and their list rows with the cache's encoding of them.

use std::path::PathBuf;
use std::time::Duration;

#[path = "../benches/support/thread_cpu.rs"]
mod thread_cpu;
use thread_cpu::thread_cpu_now as cpu_now;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let n: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files.truncate(n);
    let (mut read, mut parse, mut features, mut summary, mut bytes) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        0usize,
    );
    for f in &files {
        let t = cpu_now();
        let data = std::fs::read(f)?;
        read += cpu_now() - t;
        bytes += data.len();
        let t = cpu_now();
        let parsed =
            tidings::ingest::parse_bytes(&data, tidings::article::Location::File(f.clone()))?;
        parse += cpu_now() - t;
        let t = cpu_now();
        for a in &parsed.articles {
            std::hint::black_box(tidings::stories::Features::of(a));
        }
        features += cpu_now() - t;
        let t = cpu_now();
        let summaries: Vec<_> = parsed.articles.iter().map(|a| a.summary()).collect();
        std::hint::black_box(tidings::store::encode_summaries(&summaries));
        summary += cpu_now() - t;
    }
    let mb = bytes as f64 / 1e6;
    for (name, d) in [
        ("read", read),
        ("parse", parse),
        ("features", features),
        ("summary", summary),
    ] {
        println!(
            "{name:<9} {:>7.0} ms  {:>6.0} MB/s",
            d.as_secs_f64() * 1e3,
            mb / d.as_secs_f64()
        );
    }
    println!("{} files, {mb:.1} MB", files.len());
    Ok(())
}
