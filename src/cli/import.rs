//! `tidings import FILE`: subscriptions from OPML or a newsboat `urls` file into the config file's
//! feed list. Importing again adds nothing.

use crate::config;
use crate::feeds;
use anyhow::Context as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path) -> anyhow::Result<ExitCode> {
    let config_path = config::default_path()
        .context("no config folder (HOME is not set); cannot keep subscriptions")?;
    let report = feeds::import(file, &config_path)?;
    let mut out = std::io::stdout().lock();
    for url in &report.added_urls {
        writeln!(out, "added {url}")?;
    }
    writeln!(
        out,
        "{} feed(s) added, {} already subscribed, in {}",
        report.added,
        report.already,
        config_path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
