//! URLs in scraped text: a line that is only a URL, and URLs inside paragraphs.

use crate::article::Link;
use memchr::memmem;

/// Whether a line is a bare URL (and nothing else).
pub fn is_url_line(line: &str) -> bool {
    let line = line.trim();
    let rest = line
        .strip_prefix("https://")
        .or_else(|| line.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.contains(char::is_whitespace))
}

/// Adds the URLs found in `text` to `links`, each once.
pub fn collect_urls(text: &str, links: &mut Vec<Link>) {
    let bytes = text.as_bytes();
    for at in memmem::find_iter(bytes, b"http") {
        // A URL starts a word: "xhttp://" is not one.
        if at > 0 && bytes.get(at - 1).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let Some(rest) = text.get(at..) else { continue };
        let scheme_len = if rest.starts_with("https://") {
            8
        } else if rest.starts_with("http://") {
            7
        } else {
            continue;
        };
        let end = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '«' | '»')
            })
            .unwrap_or(rest.len());
        let url = rest
            .get(..end)
            .unwrap_or("")
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’', ')', ']', '}']);
        if url.len() > scheme_len && !links.iter().any(|l| l.url == url) {
            links.push(Link {
                url: url.to_string(),
                label: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_url_lines() {
        assert!(is_url_line("https://example.org/a/b?s=20"));
        assert!(is_url_line("  http://example.org  "));
        assert!(!is_url_line("https://example.org and more"));
        assert!(!is_url_line("https://"));
        assert!(!is_url_line("see https://example.org"));
    }

    #[test]
    fn urls_inside_paragraphs() {
        let mut links = Vec::new();
        collect_urls(
            "Siehe https://example.org/x. Oder (http://example.com/y), und «https://example.net/z»; https://example.org/x",
            &mut links,
        );
        let urls: Vec<_> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://example.org/x",
                "http://example.com/y",
                "https://example.net/z"
            ]
        );
        let mut none = Vec::new();
        collect_urls("no links: xhttp://a.b, http:/broken, https://", &mut none);
        assert!(none.is_empty());
    }
}
