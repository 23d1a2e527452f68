//! The command line: arguments (clap) and one file per subcommand. Each subcommand reads the same
//! library as the reader. JSON goes to stdout only; messages and errors go to stderr.

mod export;
mod import;
mod list;
mod mark;
mod quotes;
mod show;
mod stories;
mod update;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::context::Context;

/// A terminal reader for news articles: a list, a reading pane, and who said what.
#[derive(Debug, Parser)]
#[command(
    name = "tidings",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files, folders and http(s) URLs to read (default: the configured library and the
    /// subscribed feeds, else the bundled samples).
    #[arg(value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles with their read marks.
    List {
        /// One JSON array of {id, title, lang, published, sources, url, path, read, words}.
        #[arg(long)]
        json: bool,
        /// Only the articles not read yet.
        #[arg(long)]
        unread: bool,
        #[arg(value_name = "PATH|URL")]
        paths: Vec<PathBuf>,
    },
    /// Show one article: by id (as `list` prints it), by path or by URL.
    Show {
        /// One JSON object with the article's metadata, blocks and plain `body`.
        #[arg(long)]
        json: bool,
        #[arg(value_name = "ID|PATH|URL")]
        target: String,
    },
    /// The quotations of each article with their speakers.
    Quotes {
        /// One JSON array of {article, text, speaker, kind, start, end}; offsets are characters
        /// into the `body` that `show --json` prints.
        #[arg(long)]
        json: bool,
        /// Also list terms: scare quotes and quoted names, which are not speech.
        #[arg(long)]
        terms: bool,
        #[arg(value_name = "PATH|URL")]
        paths: Vec<PathBuf>,
    },
    /// The library grouped by story: the same event across outlets and languages.
    Stories {
        /// One JSON array of {story, articles: [id...]}, singletons included.
        #[arg(long)]
        json: bool,
        #[arg(value_name = "PATH|URL")]
        paths: Vec<PathBuf>,
    },
    /// Subscribe to the feeds of an OPML or newsboat `urls` file (added to the config file).
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Fetch every subscribed feed into the store, so the library reads it offline.
    Update,
    /// Print the subscriptions as OPML.
    #[command(name = "export-opml")]
    ExportOpml,
    /// Mark articles read or unread.
    Mark {
        #[arg(value_enum)]
        state: mark::State,
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
}

/// Runs the command line; an `Err` is printed by `main` as `tidings: message`.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            let ctx = Context::open()?;
            let sources = ctx.sources(&cli.paths)?;
            crate::tui::run(sources, ctx)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List {
            json,
            unread,
            paths,
        }) => list::run(&Context::open()?, &paths, json, unread),
        Some(Command::Show { json, target }) => show::run(&Context::open()?, &target, json),
        Some(Command::Quotes { json, terms, paths }) => {
            quotes::run(&Context::open()?, &paths, json, terms)
        }
        Some(Command::Stories { json, paths }) => stories::run(&Context::open()?, &paths, json),
        Some(Command::Import { file }) => import::run(&file),
        Some(Command::Update) => update::run(&Context::open()?),
        Some(Command::ExportOpml) => export::run(&Context::open()?),
        Some(Command::Mark { state, ids }) => mark::run(&Context::open()?, state, &ids),
    }
}
