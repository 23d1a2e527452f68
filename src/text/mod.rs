//! Text utilities shared by the domain and the terminal layer: making untrusted text safe to show.

pub mod sanitize;

pub use sanitize::sanitize;
