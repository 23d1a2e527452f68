//! Any bytes through the HTML page reader (markup, metadata, main-content extraction): no panic,
//! no hang, and the article's text is free of control characters.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::article::Location;
use tidings::ingest::html;

fuzz_target!(|data: &[u8]| {
    let article = html::parse(data, Location::Bundled("fuzz.html".into()));
    assert!(!article.title.chars().any(char::is_control));
    for block in &article.blocks {
        assert!(!block.text.chars().any(char::is_control));
    }
});
