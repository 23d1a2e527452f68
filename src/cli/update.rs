//! `tidings update`: fetches every subscribed feed into the store and prints what each did.
//! Fails (non-zero exit) only when every feed failed: some news is better than none.

use crate::context::Context;
use crate::feeds::{self, FetchOptions, Fetcher};
use std::io::Write;
use std::process::ExitCode;

pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    for w in &ctx.warnings {
        eprintln!("tidings: {w}");
    }
    let subscribed = &ctx.config.feeds;
    if subscribed.is_empty() {
        eprintln!("tidings: no subscriptions; add some with `tidings import FILE`");
        return Ok(ExitCode::FAILURE);
    }
    let fetcher = Fetcher::new(FetchOptions::default());
    let report = feeds::update_with(ctx.store.conn(), subscribed, &fetcher);
    let mut out = std::io::stdout().lock();
    for line in &report.feeds {
        writeln!(out, "{line}")?;
    }
    for w in &report.warnings {
        eprintln!("tidings: {w}");
    }
    for e in &report.errors {
        eprintln!("tidings: {e}");
    }
    writeln!(
        out,
        "{} updated, {} unchanged, {} failed; {} new item(s)",
        report.updated,
        report.unchanged,
        report.errors.len(),
        report.new_items
    )?;
    let all_failed = report.updated + report.unchanged == 0;
    Ok(if all_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
