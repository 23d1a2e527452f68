//! `tidings export-opml`: the subscriptions as OPML on stdout, for other readers.

use crate::context::Context;
use std::io::Write;
use std::process::ExitCode;

pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(crate::feeds::export_opml(&ctx.config.feeds).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
