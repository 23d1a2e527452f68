//! Text utilities shared by the domain and the terminal layer: making untrusted text safe to show,
//! counting words.

pub mod sanitize;
pub mod words;

pub use sanitize::sanitize;
pub use words::count_words;
