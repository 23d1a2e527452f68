//! Linked stories: the same story across outlets and languages (DESIGN §6).
//!
//! [`Features`] say what an article is about (names, handles, URLs, numbers, dates), read once at
//! ingest. [`StoryIndex`] links articles that share rare features close in time, through an
//! inverted index, and groups linked articles into stories as they arrive. [`persist`] keeps
//! features in the store. Nothing here knows the terminal or the library's list.

pub mod eval;
mod features;
pub mod fold;
mod index;
mod keys;
mod lexicon;
pub mod persist;
mod postings;
mod script;
pub mod url;

pub use features::Features;
pub use index::{LinkedArticle, Params, StoryId, StoryIndex};
