//! `tidings mark read|unread ID...`

use crate::article::ArticleId;
use crate::context::Context;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum State {
    Read,
    Unread,
}

pub fn run(ctx: &Context, state: State, ids: &[String]) -> anyhow::Result<ExitCode> {
    // Parse every id before changing anything, so a typo changes nothing.
    let ids = ids
        .iter()
        .map(|s| s.parse::<ArticleId>())
        .collect::<Result<Vec<_>, _>>()?;
    let read = matches!(state, State::Read);
    for id in &ids {
        ctx.store.set_read(*id, read)?;
    }
    Ok(ExitCode::SUCCESS)
}
