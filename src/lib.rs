//! tidings: a terminal reader for news articles.
//!
//! Data flows one way: sources → [`ingest`] → [`library`] → `tui` app state → widgets.
//! The domain modules ([`article`], [`ingest`], [`quotes`], [`stories`], [`store`]) never touch the
//! terminal; the terminal layer ([`tui`]) never parses text. The CLI and the TUI share one library.

pub mod article;
pub mod cli;
pub mod config;
pub mod context;
pub mod feeds;
pub mod ingest;
pub mod library;
pub mod quotes;
pub mod store;
pub mod stories;
pub mod text;
pub mod tui;
