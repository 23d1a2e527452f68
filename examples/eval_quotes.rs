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
//! folding case, compared word by word (the words of one are all words of the other, so "Franz
//! Berg" matches "der Minister Franz Berg" but "er" does not match "Berger"). When the extractor
//! found its speaker from a role or pronoun at the quote ("der Bundestrainer" → the coach's name
//! from earlier in the article), that mention is compared too: the dataset labels the mention,
//! and its README asks to count a prediction whose span overlaps it. Demonstrative and
//! relative pronouns ("der", "dieser", "welche", "letztere") count as pronouns, not names: the
//! gold label is then a reference, like "er", not a name. Gold quotes that share one span (the
//! same words annotated twice, once for the person and once for the paper that quotes them:
//! 4 of 136 in dev) are one quote, found once; its speaker is right when it is either of theirs,
//! and it is nested when both are.

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
    "er",
    "sie",
    "es",
    "ich",
    "wir",
    "ihr",
    "man",
    "ihm",
    "ihn",
    "ihnen",
    "he",
    "she",
    "they",
    "it",
    "i",
    "we", // Demonstrative and relative pronouns: a reference, not a name.
    "der",
    "die",
    "das",
    "dem",
    "den",
    "dessen",
    "deren",
    "dieser",
    "diese",
    "dieses",
    "diesem",
    "diesen",
    "jener",
    "jene",
    "welcher",
    "welche",
    "welches",
    "letzterer",
    "letztere",
    "letzteres",
    "ersterer",
    "erstere",
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

/// A speaker's words, case folded, without the punctuation around them ("(SPD)", „Die Zeit“).
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The predicted speaker names the gold one: the words of one are all among the other's.
fn same_speaker(predicted: Option<&str>, gold: &str) -> bool {
    let (p, g) = (words(predicted.unwrap_or("")), words(gold));
    let within = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
    !p.is_empty() && !g.is_empty() && (within(&p, &g) || within(&g, &p))
}

/// A gold speaker that is a name, not a pronoun or no one.
fn named(g: &Gold) -> Option<&str> {
    g.speaker
        .as_deref()
        .filter(|s| !PRONOUNS.contains(&s.trim().to_lowercase().as_str()))
}

/// A quote of the gold data: one span, with the annotations of it (one, or two when the same
/// words are annotated for two sources).
struct GoldQuote<'a> {
    span: (usize, usize),
    annotations: Vec<&'a Gold>,
}

impl GoldQuote<'_> {
    fn nested(&self) -> bool {
        self.annotations.iter().all(|g| g.nested)
    }

    /// The names among its speakers.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.annotations.iter().filter_map(|g| named(g))
    }

    fn text(&self) -> &str {
        &self.annotations[0].text
    }
}

/// The gold quotes of a document, one per span, in the order of their first annotation.
fn gold_quotes(golds: &[Gold]) -> Vec<GoldQuote<'_>> {
    let mut out: Vec<GoldQuote<'_>> = Vec::new();
    for g in golds {
        let span = gold_inner(g);
        match out
            .iter_mut()
            .find(|q| (q.annotations[0].start, q.annotations[0].end) == (g.start, g.end))
        {
            Some(q) => q.annotations.push(g),
            None => out.push(GoldQuote {
                span,
                annotations: vec![g],
            }),
        }
    }
    out
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
        let golds = gold_quotes(&doc.quotes);
        let gold: Vec<(usize, usize)> = golds.iter().map(|q| q.span).collect();
        // Greedy one-to-one matching, largest overlap first.
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (pi, p) in pred.iter().enumerate() {
            for (gi, g) in gold.iter().enumerate() {
                if matches(*p, *g) {
                    pairs.push((overlap(*p, *g), pi, gi));
                }
            }
        }
        // Largest overlap first; between gold quotes of one span, the one whose speaker the
        // prediction gives.
        let agrees = |pi: usize, gi: usize| {
            golds[gi].names().any(|gs| {
                same_speaker(quotes[pi].speaker.as_deref(), gs)
                    || same_speaker(quotes[pi].mention.as_deref(), gs)
            })
        };
        pairs.sort_by_key(|&(o, pi, gi)| (std::cmp::Reverse(o), !agrees(pi, gi)));
        let mut pred_match = vec![None; pred.len()];
        let mut gold_match = vec![None; gold.len()];
        for (_, pi, gi) in pairs {
            if pred_match[pi].is_none() && gold_match[gi].is_none() {
                pred_match[pi] = Some(gi);
                gold_match[gi] = Some(pi);
            }
        }
        for (gi, g) in golds.iter().enumerate() {
            let found = gold_match[gi];
            for (flat_mode, score) in [(false, &mut all), (true, &mut flat)] {
                if flat_mode && g.nested() {
                    continue;
                }
                match found {
                    Some(pi) => {
                        score.tp += 1;
                        let names: Vec<&str> = g.names().collect();
                        if !names.is_empty() {
                            score.speaker_total += 1;
                            let ps = quotes[pi].speaker.as_deref().unwrap_or_default();
                            let mention = quotes[pi].mention.as_deref();
                            if names
                                .iter()
                                .any(|gs| same_speaker(Some(ps), gs) || same_speaker(mention, gs))
                            {
                                score.speaker_right += 1;
                            } else if verbose && !flat_mode {
                                eprintln!(
                                    "SPEAKER {}: gold {:?} got {ps:?} cue {:?} in {:?}",
                                    doc.id,
                                    names.join(" / "),
                                    quotes[pi].cue,
                                    g.text()
                                );
                            }
                        }
                    }
                    None => {
                        score.fn_ += 1;
                        if verbose && !flat_mode {
                            eprintln!("MISS {} nested={}: {:?}", doc.id, g.nested(), g.text());
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
                Some(gi) if golds[*gi].nested() => {}
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
