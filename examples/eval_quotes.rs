//! Scores the quote extractor on a JSON Lines benchmark (format: ../shared/datasets/quotes/README.md).
//!
//!     cargo run --release --example eval_quotes -- FILE.jsonl [--verbose]
//!
//! Predicted quotes are those of kind speech or post. A prediction matches a gold quote when one
//! contains at least 80% of the other: both are taken as character ranges of the text without
//! their quotation marks, and the overlap of the two ranges must be at least 80% of the shorter
//! one's length. Each gold quote matches at most one prediction (greedy, largest overlap first).
//! Precision, recall and F1 are reported over all gold quotes, and again without the gold quotes
//! marked `nested` (predictions that match only those are then left out, not counted as wrong).
//! Speaker accuracy is over matched quotes whose gold speaker is a name (not null, not a
//! pronoun): the predicted speaker must equal, contain or be contained in the gold one after
//! folding case.

use serde::Deserialize;
use std::io::BufRead;
use tidings::article::{Article, ArticleId, Block, BlockKind, Format, Location, Origin};
use tidings::quotes::{QuoteKind, char_ranges, extract};

#[derive(Deserialize)]
struct Doc {
    id: String,
    lang: Option<String>,
    text: String,
    quotes: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    start: usize,
    end: usize,
    text: String,
    speaker: Option<String>,
    #[serde(default)]
    nested: bool,
}

const MARKS: &[char] = &[
    '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '«', '»', '‹', '›', '「', '」', '『', '』',
];
const PRONOUNS: &[&str] = &[
    "er", "sie", "es", "ich", "wir", "ihr", "man", "he", "she", "they", "it", "i", "we",
];

fn article(doc: &Doc) -> Article {
    Article {
        id: ArticleId::from_key(&doc.id),
        title: String::new(),
        lang: doc.lang.clone(),
        published: None,
        sources: vec![],
        url: None,
        byline: None,
        credit: None,
        // Splitting on the separator keeps the body byte-identical to the text.
        blocks: doc
            .text
            .split(tidings::article::BLOCK_SEPARATOR)
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string(),
            })
            .collect(),
        links: vec![],
        trailer: vec![],
        origin: Origin {
            location: Location::Bundled(doc.id.clone()),
            format: Format::Text,
            encoding: None,
        },
    }
}

/// A gold span without its marks, in characters.
fn gold_inner(g: &Gold) -> (usize, usize) {
    let lead = g.text.chars().take_while(|c| MARKS.contains(c)).count();
    let trail = g
        .text
        .chars()
        .rev()
        .take_while(|c| MARKS.contains(c))
        .count();
    let len = g.end.saturating_sub(g.start);
    if lead + trail >= len {
        return (g.start, g.end);
    }
    (g.start + lead, g.end - trail)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn matches(a: (usize, usize), b: (usize, usize)) -> bool {
    let shorter = (a.1 - a.0).min(b.1 - b.0).max(1);
    overlap(a, b) * 10 >= shorter * 8
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    speaker_total: usize,
    speaker_right: usize,
}

impl Score {
    fn print(&self, label: &str) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let acc = self.speaker_right as f64 / self.speaker_total.max(1) as f64;
        println!(
            "{label}: precision {p:.3} recall {r:.3} F1 {f1:.3} (tp {} fp {} fn {}); speaker accuracy {acc:.3} ({}/{})",
            self.tp, self.fp, self.fn_, self.speaker_right, self.speaker_total
        );
    }
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        anyhow::bail!("usage: eval_quotes FILE.jsonl [--verbose]");
    };
    let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot read {path}: {e}"))?;
    let (mut all, mut flat) = (Score::default(), Score::default());
    let mut bytes = 0usize;
    let mut elapsed = std::time::Duration::ZERO;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Doc =
            serde_json::from_str(&line).map_err(|e| anyhow::anyhow!("{path}:{}: {e}", n + 1))?;
        let a = article(&doc);
        let body = a.body();
        let t = std::time::Instant::now();
        let quotes = extract(&a);
        elapsed += t.elapsed();
        bytes += body.len();
        let quotes: Vec<_> = quotes
            .into_iter()
            .filter(|q| matches!(q.kind, QuoteKind::Speech | QuoteKind::Post))
            .collect();
        let ranges: Vec<_> = quotes.iter().map(|q| q.range.clone()).collect();
        let pred: Vec<(usize, usize)> = char_ranges(&body, &ranges)
            .into_iter()
            .map(|r| (r.start, r.end))
            .collect();
        let gold: Vec<(usize, usize)> = doc.quotes.iter().map(gold_inner).collect();
        // Greedy one-to-one matching, largest overlap first.
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (pi, p) in pred.iter().enumerate() {
            for (gi, g) in gold.iter().enumerate() {
                if matches(*p, *g) {
                    pairs.push((overlap(*p, *g), pi, gi));
                }
            }
        }
        pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
        let mut pred_match = vec![None; pred.len()];
        let mut gold_match = vec![None; gold.len()];
        for (_, pi, gi) in pairs {
            if pred_match[pi].is_none() && gold_match[gi].is_none() {
                pred_match[pi] = Some(gi);
                gold_match[gi] = Some(pi);
            }
        }
        for (gi, g) in doc.quotes.iter().enumerate() {
            let found = gold_match[gi];
            for (flat_mode, score) in [(false, &mut all), (true, &mut flat)] {
                if flat_mode && g.nested {
                    continue;
                }
                match found {
                    Some(pi) => {
                        score.tp += 1;
                        let named = g
                            .speaker
                            .as_deref()
                            .filter(|s| !PRONOUNS.contains(&s.trim().to_lowercase().as_str()));
                        if let Some(gs) = named {
                            score.speaker_total += 1;
                            let ps = quotes[pi].speaker.as_deref().map(fold).unwrap_or_default();
                            let gs = fold(gs);
                            let right = !ps.is_empty() && (ps.contains(&gs) || gs.contains(&ps));
                            if right {
                                score.speaker_right += 1;
                            } else if verbose && !flat_mode {
                                eprintln!(
                                    "SPEAKER {}: gold {gs:?} got {ps:?} cue {:?} in {:?}",
                                    doc.id, quotes[pi].cue, g.text
                                );
                            }
                        }
                    }
                    None => {
                        score.fn_ += 1;
                        if verbose && !flat_mode {
                            eprintln!("MISS {} nested={}: {:?}", doc.id, g.nested, g.text);
                        }
                    }
                }
            }
        }
        for (pi, m) in pred_match.iter().enumerate() {
            match m {
                None => {
                    all.fp += 1;
                    flat.fp += 1;
                    if verbose {
                        eprintln!(
                            "EXTRA {}: {:?} by {:?}",
                            doc.id, quotes[pi].text, quotes[pi].speaker
                        );
                    }
                }
                Some(gi) if doc.quotes[*gi].nested => {}
                Some(_) => {}
            }
        }
    }
    all.print("all direct quotes");
    flat.print("without nested");
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!(
        "extraction: {:.1} MB in {:.3} s ({:.0} MB/s)",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
