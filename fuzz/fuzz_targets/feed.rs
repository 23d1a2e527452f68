//! Any bytes through the feed reader (RSS, Atom, JSON Feed, and the item-by-item reading of a broken
//! feed): no panic, no hang, and every item's text is free of control characters.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::article::Location;
use tidings::ingest::feed;

fuzz_target!(|data: &[u8]| {
    let location = Location::Feed {
        url: "https://fuzz.example/feed".into(),
    };
    let items = feed::parse(data, location, Some("https://fuzz.example/feed"));
    for article in &items.articles {
        assert!(!article.title.chars().any(char::is_control));
        for block in &article.blocks {
            assert!(!block.text.chars().any(char::is_control));
        }
    }
});
