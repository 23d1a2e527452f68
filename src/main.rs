//! The `tidings` command: the reader, or a subcommand for scripts (DESIGN §9).

use clap::Parser;
use std::process::ExitCode;
use tidings::cli::{self, Cli};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tidings: {e:#}");
            ExitCode::FAILURE
        }
    }
}
