//! The terminal reader: setup and restore, the event loop, app state, widgets.

use crate::context::Context;
use crate::library::load::Source;

/// Runs the reader over `sources` until the user quits.
pub fn run(_sources: Vec<Source>, _ctx: Context) -> anyhow::Result<()> {
    anyhow::bail!("the reader is not built yet; try `tidings list`")
}
