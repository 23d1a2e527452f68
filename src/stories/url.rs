//! URLs as story features: one normal form per address, and the post ids inside them.
//!
//! Two articles that cite the same address, or the same post (a tweet quoted by two outlets under
//! twitter.com and x.com), cover the same thing; so addresses are compared without scheme,
//! `www.`, fragment, tracking parameters and trailing slash, and status numbers on their own.

/// Characters that end a URL written in running text.
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '»', '”', '’', '"', '\'', '“', '«',
];

/// Path segments after which a number is a post id (`/status/123`, `/posts/456`).
const POST_MARKERS: &[&str] = &["status", "statuses", "posts", "post", "p", "videos", "reel"];

/// The fewest digits that make a bare path segment a post id rather than a year or a page.
const POST_DIGITS: usize = 9;

/// Whether a whitespace-separated chunk of text is (or starts with) a URL.
pub fn looks_like_url(chunk: &str) -> bool {
    let start = chunk.trim_start_matches(['(', '[', '<', '«', '“', '"', '„']);
    start.starts_with("http://") || start.starts_with("https://") || start.starts_with("www.")
}

/// A URL's normal form and the post id it names, if any. None when it has no host.
pub fn normalise(raw: &str) -> Option<(String, Option<String>)> {
    let raw = raw
        .trim_start_matches(['(', '[', '<', '«', '“', '"', '„'])
        .trim_end_matches(TRAILING);
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .unwrap_or(raw);
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("mobile."))
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host)
        .to_string();
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return None;
    }
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let query: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("utm_") && !p.starts_with("fbclid"))
        .collect();
    let path = path.trim_end_matches('/');
    let mut url = host.clone();
    if !path.is_empty() {
        url.push('/');
        url.push_str(path);
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    Some((url, post_id(&host, path, &query)))
}

fn post_id(host: &str, path: &str, query: &[&str]) -> Option<String> {
    if host.ends_with("youtube.com") {
        let v = query.iter().find_map(|p| p.strip_prefix("v="))?;
        return Some(format!("youtube:{v}"));
    }
    if host == "youtu.be" {
        return (!path.is_empty()).then(|| format!("youtube:{path}"));
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    for pair in segments.windows(2) {
        if let [marker, id] = pair
            && POST_MARKERS.contains(marker)
            && all_digits(id)
            && id.len() >= 6
        {
            return Some(id.to_string());
        }
    }
    segments
        .iter()
        .rev()
        .find(|s| all_digits(s) && s.len() >= POST_DIGITS)
        .map(|s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_address_in_different_dress_is_one() {
        let a = normalise("https://www.Example.com/news/story-1/?utm_source=x#top").unwrap();
        let b = normalise("(http://example.com/news/story-1).").unwrap();
        assert_eq!(a.0, b.0);
        assert_eq!(a.0, "example.com/news/story-1");
        assert_eq!(a.1, None);
    }

    #[test]
    fn post_ids_match_across_hosts() {
        let t = normalise("https://twitter.com/someone/status/1360289437282492418?s=20").unwrap();
        let x = normalise("https://x.com/someone/status/1360289437282492418").unwrap();
        assert_eq!(t.1.as_deref(), Some("1360289437282492418"));
        assert_eq!(t.1, x.1);
        let yt = normalise("https://www.youtube.com/watch?v=abcDEF123").unwrap();
        assert_eq!(yt.1.as_deref(), Some("youtube:abcDEF123"));
    }

    #[test]
    fn not_a_url_gives_nothing() {
        assert_eq!(normalise("https://"), None);
        assert_eq!(normalise("www."), None);
        assert_eq!(normalise("http://localhost/x"), None);
        assert!(looks_like_url("«https://a.b/c»"));
        assert!(!looks_like_url("Putin"));
    }
}
