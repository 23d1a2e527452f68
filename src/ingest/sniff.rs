//! Telling formats apart: by content first (a `.txt` that holds a feed is a feed), then by the
//! file name's extension; anything else is scraped plain text.

use crate::article::{Format, Location};

/// The format of a source, from its first bytes and its name.
pub fn sniff_bytes(location: &Location, bytes: &[u8]) -> Format {
    if plainly_not_markup(bytes) {
        return by_extension(location);
    }
    by_content(location, bytes)
}

/// The verdict from the first 2 KiB, decoded; the extension when they say nothing.
fn by_content(location: &Location, bytes: &[u8]) -> Format {
    let head = bytes.get(..bytes.len().min(2048)).unwrap_or(bytes);
    // UTF-16 markup: drop the zero bytes to look at the ASCII prologue.
    let head: Vec<u8> = if head.iter().take(64).filter(|b| **b == 0).count() > 8 {
        head.iter().copied().filter(|b| *b != 0).collect()
    } else {
        head.to_vec()
    };
    let text = String::from_utf8_lossy(&head);
    let start = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{fffd}')
        .to_ascii_lowercase();
    if start.starts_with('{') && (start.contains("jsonfeed.org") || start.contains("\"items\"")) {
        return Format::Feed;
    }
    if start.starts_with('<') {
        // `start` comes from at most 2 KiB of bytes: the whole of it is the prologue.
        let prologue = start.as_str();
        let feedish = ["<rss", "<feed", "<rdf:rdf", "<channel"];
        if feedish.iter().any(|f| prologue.contains(f)) && !prologue.contains("<html") {
            return Format::Feed;
        }
        if start.starts_with("<!doctype html")
            || prologue.contains("<html")
            || prologue.contains("<body")
        {
            return Format::Html;
        }
        if start.starts_with("<?xml") {
            return Format::Feed;
        }
    }
    if start.starts_with("---\n") || start.starts_with("+++\n") || start.starts_with("---\r\n") {
        return Format::Markdown;
    }
    by_extension(location)
}

/// The first byte that is not ASCII white space starts no marker of a format (`<`, `{`, `---`,
/// `+++`) and is a printable ASCII character, so the content says nothing and the name decides.
/// Most text files are told this way, without decoding or copying their first kilobytes (a byte
/// order mark, a NUL of UTF-16 or a non-ASCII start take the long way).
fn plainly_not_markup(bytes: &[u8]) -> bool {
    let first = bytes
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c));
    matches!(first, Some(&b) if (0x21..0x7f).contains(&b) && !matches!(b, b'<' | b'{' | b'-' | b'+'))
}

fn by_extension(location: &Location) -> Format {
    match extension(location).as_deref() {
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("rss" | "atom" | "xml") => Format::Feed,
        _ => Format::Text,
    }
}

/// Kept for callers that have text already.
pub fn sniff(location: &Location, text: &str) -> Format {
    sniff_bytes(location, text.as_bytes())
}

fn extension(location: &Location) -> Option<String> {
    let name = match location {
        Location::File(p) => p.extension()?.to_str()?.to_string(),
        Location::Bundled(n) => n.rsplit_once('.')?.1.to_string(),
        Location::Feed { .. } => return None,
    };
    Some(name.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn the_shortcut_never_changes_the_verdict(
            start in "[ \t\n\r\u{b}\u{c}\u{a0}\u{feff}]{0,3}",
            head in "(<|\\{|---\n|\\+\\+\\+\n|[a-zA-Z0-9#*]|\u{0}|ü|»)",
            rest in "(rss|html|feed|items|jsonfeed.org|[a-z ]){0,8}",
            ext in "(txt|md|html|xml|json|)",
        ) {
            let bytes = format!("{start}{head}{rest}").into_bytes();
            let location = file(&format!("a.{ext}"));
            prop_assert_eq!(sniff_bytes(&location, &bytes), by_content(&location, &bytes));
        }
    }
    use std::path::PathBuf;

    fn file(name: &str) -> Location {
        Location::File(PathBuf::from(name))
    }

    #[test]
    fn content_decides_before_the_name() {
        assert_eq!(
            sniff_bytes(&file("a.txt"), b"\n\n<?xml version='1.0'?><rss>"),
            Format::Feed
        );
        assert_eq!(
            sniff_bytes(&file("a"), b"<feed xmlns='http://www.w3.org/2005/Atom'>"),
            Format::Feed
        );
        assert_eq!(
            sniff_bytes(&file("a"), b"<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            sniff_bytes(
                &file("a.json"),
                b"{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}"
            ),
            Format::Feed
        );
        assert_eq!(
            sniff_bytes(&file("a.txt"), b"---\ntitle: x\n---\n"),
            Format::Markdown
        );
        assert_eq!(sniff_bytes(&file("a.md"), b"# Hi"), Format::Markdown);
        assert_eq!(
            sniff_bytes(&file("a.txt"), b"Ein Titel\n\nText"),
            Format::Text
        );
        assert_eq!(
            sniff_bytes(&file("a.txt"), "\u{feff}<rss version=\"2.0\">".as_bytes()),
            Format::Feed
        );
    }
}
