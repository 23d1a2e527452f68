//! Any bytes through decoding, sanitizing and the plain-text parser: no panic, no hang, and every
//! block it makes is non-empty text without control characters.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::article::Location;
use tidings::ingest::parse_bytes;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse_bytes(data, Location::Bundled("fuzz.txt".into())) {
        for article in &parsed.articles {
            assert!(!article.title.chars().any(char::is_control));
            for block in &article.blocks {
                assert!(!block.text.is_empty());
                assert!(!block.text.chars().any(char::is_control));
            }
        }
    }
});
