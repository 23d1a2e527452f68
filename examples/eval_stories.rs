//! Story linking, measured.
//!
//! `eval_stories DEV.jsonl`: the multilingual same-story benchmark (one JSON object per line with
//! `id`, `lang`, `title`, `text`, `date`, `story`); prints B-cubed and pairwise scores.
//!
//! `eval_stories --corpus DIR TRUTH.jsonl [N...]`: a generated corpus (gen_corpus.py): reads the
//! first N article files, times feature extraction and linking, and scores against the truth.

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// Linking runs on one thread: its CPU time, unlike its wall time, does not grow when other work
// shares the machine.
#[path = "../benches/support/thread_cpu.rs"]
mod thread_cpu;
use thread_cpu::thread_cpu_now as thread_cpu;
use tidings::article::{Article, ArticleId, Block, BlockKind, Format, Location, Origin, Published};
use tidings::stories::{Features, Params, StoryIndex, eval};

/// Linking parameters, with overrides from `STORY_PARAMS="threshold=1.2,half_days=3"` for
/// tuning on the development data.
fn params() -> Result<Params> {
    let mut p = Params::default();
    let Ok(spec) = std::env::var("STORY_PARAMS") else {
        return Ok(p);
    };
    for pair in spec.split(',').filter(|s| !s.is_empty()) {
        let (k, v) = pair
            .split_once('=')
            .context("STORY_PARAMS: expected key=value")?;
        let x: f32 = v.parse().with_context(|| format!("STORY_PARAMS: {pair}"))?;
        match k {
            "phrase_weight" => p.phrase_weight = x,
            "number_weight" => p.number_weight = x,
            "date_weight" => p.date_weight = x,
            "handle_weight" => p.handle_weight = x,
            "prior_docs" => p.prior_docs = x,
            "min_weight" => p.min_weight = x,
            "threshold" => p.threshold = x,
            "half_days" => p.half_days = x,
            "undated" => p.undated = x,
            "strong_days" => p.strong_days = x as i64,
            "scan" => p.scan = x as usize,
            "bridge" => p.bridge = x,
            "keys_per_evidence" => p.keys_per_evidence = x as usize,
            "story_threshold" => p.story_threshold = x,
            "prior_lang_docs" => p.prior_lang_docs = x,
            "rare" => p.rare = x,
            "weight_docs" => p.weight_docs = x,
            "stem" => p.stem = x as usize,
            "stem_weight" => p.stem_weight = x,
            "agree" => p.agree = x,
            "support" => p.support = x,
            "by_story" => p.by_story = x != 0.0,
            _ => bail!("STORY_PARAMS: unknown parameter {k}"),
        }
    }
    Ok(p)
}

#[derive(Deserialize)]
struct Item {
    id: String,
    lang: String,
    #[serde(default)]
    title: String,
    text: String,
    #[serde(default)]
    date: String,
    story: String,
}

#[derive(Deserialize)]
struct Truth {
    file: String,
    story: u64,
    lang: String,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, dir, truth, sizes @ ..] if flag == "--corpus" => {
            let sizes: Vec<usize> = if sizes.is_empty() {
                vec![10_000, 100_000]
            } else {
                sizes.iter().map(|s| s.parse()).collect::<Result<_, _>>()?
            };
            for n in sizes {
                corpus(Path::new(dir), Path::new(truth), n)?;
            }
            Ok(())
        }
        [path] => itn(Path::new(path)),
        _ => bail!("usage: eval_stories DEV.jsonl | eval_stories --corpus DIR TRUTH.jsonl [N...]"),
    }
}

/// `2022-07-08T11:34:14Z` or `2022-07-08`.
fn published(date: &str) -> Option<Published> {
    let year = date.get(0..4)?.parse().ok()?;
    let month = date.get(5..7)?.parse().ok()?;
    let day = date.get(8..10).and_then(|d| d.parse().ok());
    let time = date
        .get(11..13)
        .zip(date.get(14..16))
        .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)));
    Some(Published {
        year,
        month,
        day,
        time,
    })
}

fn article(item: &Item) -> Article {
    Article {
        id: ArticleId::from_key(&item.id),
        title: item.title.clone(),
        lang: Some(item.lang.clone()),
        published: published(&item.date),
        sources: vec![],
        url: None,
        byline: None,
        credit: None,
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text: item.text.clone(),
        }],
        links: vec![],
        trailer: vec![],
        origin: Origin {
            location: Location::Bundled(item.id.clone()),
            format: Format::Text,
            encoding: None,
        },
    }
}

fn print(label: &str, s: &eval::Scores) {
    let p = |name: &str, x: &eval::Prf| {
        println!(
            "{label:>8} {name:<15} P {:6.2}  R {:6.2}  F1 {:6.2}",
            100.0 * x.precision,
            100.0 * x.recall,
            100.0 * x.f1
        )
    };
    p("b-cubed", &s.bcubed);
    p("pairwise", &s.pairwise);
    p("cross-language", &s.cross_language);
}

fn itn(path: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let items: Vec<Item> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect::<Result<_>>()?;
    let started = Instant::now();
    let mut index = StoryIndex::with_params(params()?);
    let articles: Vec<Article> = items.iter().map(article).collect();
    for a in &articles {
        index.add(a.id, &Features::of(a), a.published, a.lang.as_deref());
    }
    let elapsed = started.elapsed();
    let scored: Vec<_> = items
        .iter()
        .zip(&articles)
        .map(|(item, a)| (item.story.clone(), index.story_of(a.id), item.lang.clone()))
        .collect();
    if std::env::var_os("STORY_DEBUG").is_some() {
        // Wrong links and why they were made, for tuning.
        let gold: std::collections::HashMap<ArticleId, &Item> = articles
            .iter()
            .zip(&items)
            .map(|(a, i)| (a.id, i))
            .collect();
        for (a, item) in articles.iter().zip(&items) {
            for link in index.links_of(a.id) {
                let other = gold[&link.id];
                if other.story != item.story && a.id < link.id {
                    println!(
                        "FP {:.2} {:?} | {} | {}",
                        link.score, link.shared, item.lang, other.lang
                    );
                }
            }
        }
    }
    if let Ok(story) = std::env::var("STORY_SHOW") {
        for (a, item) in articles.iter().zip(&items) {
            if item.story == story {
                println!(
                    "{} {:?} {} {:?}",
                    item.lang,
                    index.story_of(a.id),
                    item.text,
                    Features::of(a)
                );
                for l in index.links_of(a.id) {
                    println!(
                        "   -> {:?} {:.2} {:?}",
                        index.story_of(l.id),
                        l.score,
                        l.shared
                    );
                }
            }
        }
    }
    if let Ok(out) = std::env::var("STORY_PRED") {
        // Predictions as JSON lines {"id", "story"}, the benchmark's scoring format.
        let lines: Vec<String> = articles
            .iter()
            .zip(&items)
            .map(|(a, item)| {
                let story = index
                    .story_of(a.id)
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                serde_json::json!({"id": item.id, "story": story}).to_string()
            })
            .collect();
        std::fs::write(&out, lines.join("\n") + "\n")
            .with_context(|| format!("cannot write {out}"))?;
    }
    let stories = index.stories();
    let largest = stories.iter().map(|(_, a)| a.len()).max().unwrap_or(0);
    println!(
        "{}: {} items, {} predicted stories (largest {largest}), {:.1} ms",
        path.display(),
        items.len(),
        stories.len(),
        elapsed.as_secs_f64() * 1e3
    );
    print("itn", &eval::score(&scored));
    Ok(())
}

/// The process's resident memory (Linux), to tell what the index adds.
fn resident_kib() -> Option<i64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn corpus(dir: &Path, truth: &Path, n: usize) -> Result<()> {
    let text = std::fs::read_to_string(truth)
        .with_context(|| format!("cannot read {}", truth.display()))?;
    let truth: Vec<Truth> = text
        .lines()
        .take(n)
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let files: Vec<PathBuf> = truth.iter().map(|t| dir.join(&t.file)).collect();
    let started = Instant::now();
    let read: Vec<(ArticleId, Features, Option<Published>)> = files
        .par_iter()
        .map(|f| {
            let parsed = tidings::ingest::read_path(f)?;
            let a = parsed.articles.into_iter().next().context("no article")?;
            Ok((a.id, Features::of(&a), a.published))
        })
        .collect::<Result<_>>()?;
    let read_time = started.elapsed();
    // Linked three times, the fastest counted: a busy machine only ever slows a run down.
    let (mut index, mut link_time, mut link_cpu, mut index_kib) =
        (StoryIndex::new(), Duration::MAX, Duration::MAX, None);
    for _ in 0..3 {
        drop(std::mem::take(&mut index));
        let started = Instant::now();
        let cpu_started = thread_cpu();
        let rss_before = resident_kib();
        index = StoryIndex::with_params(params()?);
        for ((id, f, published), t) in read.iter().zip(&truth) {
            index.add(*id, f, *published, Some(&t.lang));
        }
        let (time, cpu) = (started.elapsed(), thread_cpu().saturating_sub(cpu_started));
        link_time = link_time.min(time);
        link_cpu = link_cpu.min(cpu);
        index_kib = index_kib.or(resident_kib().zip(rss_before).map(|(a, b)| a - b));
    }
    let scored: Vec<_> = read
        .iter()
        .zip(&truth)
        .map(|((id, _, _), t)| (t.story, index.story_of(*id), t.lang.clone()))
        .collect();
    if std::env::var_os("STORY_DEBUG").is_some() {
        let gold: std::collections::HashMap<ArticleId, u64> = read
            .iter()
            .zip(&truth)
            .map(|((id, _, _), t)| (*id, t.story))
            .collect();
        for ((id, _, _), t) in read.iter().zip(&truth).take(3000) {
            for link in index.links_of(*id) {
                if *id < link.id {
                    let verdict = if gold[&link.id] == t.story {
                        "TP"
                    } else {
                        "FP"
                    };
                    println!("{verdict} {:.2} {:?}", link.score, link.shared);
                }
            }
        }
    }
    let largest = index
        .stories()
        .iter()
        .map(|(_, a)| a.len())
        .max()
        .unwrap_or(0);
    println!(
        "{n} articles: read + features {:.2} s ({} threads), linking {:.3} s (CPU {:.3} s, {:.0} articles/s; fastest of 3), {} stories, largest {largest}",
        read_time.as_secs_f64(),
        rayon::current_num_threads(),
        link_time.as_secs_f64(),
        link_cpu.as_secs_f64(),
        n as f64 / link_time.as_secs_f64(),
        index.stories().len(),
    );
    if let Some(kib) = index_kib {
        let snapshot = tidings::stories::persist::snapshot_len(&index)?;
        println!(
            "{n} articles: the index adds {:.1} MiB resident; kept in the store it takes {:.1} MiB",
            kib as f64 / 1024.0,
            snapshot as f64 / (1024.0 * 1024.0)
        );
    }
    print(&format!("{n}"), &eval::score(&scored));
    Ok(())
}
