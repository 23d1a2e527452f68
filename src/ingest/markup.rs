//! HTML text in small pieces, shared by the HTML page, feed and Markdown readers: a tolerant
//! single-pass tag scanner that turns an HTML fragment into paragraphs, headings and links,
//! character references, charset detection from bytes, relative URLs and ISO dates.
//!
//! It never builds a tree: broken markup (unclosed tags, stray `<`, bare `&`) only changes where a
//! paragraph ends, and the work is linear in the input.

use crate::article::{Block, BlockKind, Link, Published};
use std::collections::HashMap;
use std::sync::OnceLock;

static ENTITIES_TSV: &str = include_str!("../../assets/html_entities.tsv");

fn entities() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&str, &str> = [
            ("amp", "&"),
            ("lt", "<"),
            ("gt", ">"),
            ("quot", "\""),
            ("apos", "'"),
        ]
        .into_iter()
        .collect();
        for line in ENTITIES_TSV.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((name, value)) = line.split_once('\t') {
                map.insert(name, value);
            }
        }
        map
    })
}

/// Decodes character references (`&amp;`, `&#8220;`, `&#x201C;`, `&nbsp;`); an unknown or bare
/// `&` stays as it is.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // A reference is at most a few dozen bytes up to its `;`.
        let end = rest
            .bytes()
            .take(34)
            .position(|b| b == b';')
            .filter(|&e| e > 1);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let value = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                code.and_then(char::from_u32).map(String::from)
            } else {
                entities().get(name).map(|v| v.to_string())
            };
            value.map(|v| (v, e + 1))
        });
        match decoded {
            Some((value, len)) => {
                out.push_str(&value);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Folds runs of white space to one space and trims.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// One tag as the scanner saw it.
#[derive(Debug)]
pub struct Tag<'a> {
    /// Lowercased name, without the `/`.
    pub name: String,
    pub closing: bool,
    /// The raw attribute text.
    attrs: &'a str,
}

impl Tag<'_> {
    /// `<tag … />`
    pub fn self_closing(&self) -> bool {
        self.attrs.trim_end().ends_with('/')
    }

    /// The value of an attribute, entity-decoded.
    pub fn attr(&self, wanted: &str) -> Option<String> {
        attr_value(self.attrs, wanted)
    }
}

fn attr_value(attrs: &str, wanted: &str) -> Option<String> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' {
            i += 1;
        }
        let name = &attrs[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let vstart = i + 1;
                let vend =
                    memchr::memchr(quote, &bytes[vstart..]).map_or(bytes.len(), |e| vstart + e);
                value = Some(&attrs[vstart..vend]);
                i = vend + 1;
            } else {
                let vstart = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = Some(&attrs[vstart..i]);
            }
        }
        if start == i && value.is_none() {
            i += 1;
            continue;
        }
        if name.eq_ignore_ascii_case(wanted) {
            return Some(decode_entities(value.unwrap_or("")));
        }
    }
    None
}

/// A piece of HTML: text between tags, or a tag.
#[derive(Debug)]
pub enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
    /// The content of `<script>`/`<style>` with the tag's type attribute (JSON-LD is read from it).
    Raw {
        tag: Tag<'a>,
        content: &'a str,
    },
}

/// Scans HTML into tokens, in one pass. Comments and doctypes are skipped; a `<` that opens no
/// tag is text.
pub fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
                let text = rest;
                rest = "";
                return Some(Token::Text(text));
            };
            if lt > 0 {
                let text = &rest[..lt];
                rest = &rest[lt..];
                return Some(Token::Text(text));
            }
            // rest starts with '<'.
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |e| &after[e + 3..]);
                continue;
            }
            if let Some(after) = rest.strip_prefix("<![CDATA[") {
                let end = after.find("]]>").unwrap_or(after.len());
                let text = &after[..end];
                rest = after.get(end + 3..).unwrap_or("");
                return Some(Token::Text(text));
            }
            let second = rest.as_bytes().get(1).copied().unwrap_or(b' ');
            if second == b'!' || second == b'?' {
                rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
                continue;
            }
            let closing = second == b'/';
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest.as_bytes()[name_start.min(rest.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
                .count();
            if name_len == 0 {
                // A stray '<' is text.
                let text = &rest[..1];
                rest = &rest[1..];
                return Some(Token::Text(text));
            }
            let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
            let gt =
                find_tag_end(&rest[name_start + name_len..]).map(|e| name_start + name_len + e);
            let (attrs, after) = match gt {
                Some(gt) => (&rest[name_start + name_len..gt], &rest[gt + 1..]),
                None => (&rest[name_start + name_len..], ""),
            };
            rest = after;
            let tag = Tag {
                name,
                closing,
                attrs,
            };
            if !closing && matches!(tag.name.as_str(), "script" | "style") {
                let close = format!("</{}", tag.name);
                let end = find_ci(rest, &close).unwrap_or(rest.len());
                let content = &rest[..end];
                rest = &rest[end..];
                if let Some(gt) = rest.find('>') {
                    rest = &rest[gt + 1..];
                }
                return Some(Token::Raw { tag, content });
            }
            return Some(Token::Tag(tag));
        }
    })
}

/// The end of a tag's attributes: the first `>` outside quotes.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (None, b'>') => return Some(i),
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            _ => {}
        }
    }
    None
}

/// Case-insensitive ASCII search, linear.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = n.first()?;
    let hb = haystack.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &hb[from..],
    ) {
        let at = from + i;
        if hb.len() >= at + n.len() && hb[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Tags whose content is never text a reader wants.
const SKIPPED: &[&str] = &[
    "noscript", "template", "svg", "iframe", "object", "select", "button", "head", "title",
];

/// Tags that end a paragraph.
const BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "figure",
    "figcaption",
    "pre",
    "tr",
    "table",
    "hr",
    "dd",
    "dt",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "form",
];

/// Turns an HTML fragment (an extracted article, a feed item's content) into blocks and links.
/// Relative links are resolved against `base`.
pub fn fragment_to_blocks(html: &str, base: Option<&str>) -> (Vec<Block>, Vec<Link>) {
    let mut blocks = Vec::new();
    let mut links = Vec::new();
    let mut current = String::new();
    let mut heading = false;
    let mut skip_depth = 0usize;
    let mut anchor: Option<(String, String)> = None;
    let flush = |current: &mut String, heading: bool, blocks: &mut Vec<Block>| {
        let text = squash(&decode_entities(current));
        current.clear();
        if !text.is_empty() {
            blocks.push(Block {
                kind: if heading {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                },
                text,
            });
        }
    };
    for token in tokens(html) {
        match token {
            Token::Raw { .. } => {}
            Token::Text(t) => {
                if skip_depth == 0 {
                    current.push_str(t);
                    if let Some((_, label)) = anchor.as_mut() {
                        label.push_str(t);
                    }
                }
            }
            Token::Tag(tag) => {
                let name = tag.name.as_str();
                if SKIPPED.contains(&name) {
                    if tag.closing {
                        skip_depth = skip_depth.saturating_sub(1);
                    } else {
                        skip_depth += 1;
                    }
                    continue;
                }
                if skip_depth > 0 {
                    continue;
                }
                let is_heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                if is_heading {
                    flush(&mut current, heading, &mut blocks);
                    heading = !tag.closing;
                } else if BREAKS.contains(&name) {
                    flush(&mut current, heading, &mut blocks);
                } else if name == "a" {
                    if tag.closing {
                        if let Some((url, label)) = anchor.take() {
                            let label = squash(&decode_entities(&label));
                            links.push(Link {
                                url,
                                label: (!label.is_empty()).then_some(label),
                            });
                        }
                    } else if let Some(href) = tag.attr("href") {
                        let href = href.trim();
                        if !href.is_empty()
                            && !href.starts_with('#')
                            && !href.starts_with("javascript:")
                        {
                            anchor = Some((resolve_url(base, href), String::new()));
                        }
                    }
                } else if matches!(name, "td" | "th") {
                    current.push(' ');
                }
            }
        }
    }
    flush(&mut current, heading, &mut blocks);
    if let Some((url, label)) = anchor.take() {
        let label = squash(&decode_entities(&label));
        links.push(Link {
            url,
            label: (!label.is_empty()).then_some(label),
        });
    }
    (blocks, links)
}

/// The text of an HTML fragment on one line (titles, labels).
pub fn fragment_to_line(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    for token in tokens(html) {
        if let Token::Text(t) = token {
            text.push_str(t);
        } else {
            text.push(' ');
        }
    }
    squash(&decode_entities(&text))
}

/// Resolves a link against a base URL (RFC 3986 in the common cases: absolute, scheme-relative,
/// root-relative, relative path, query).
pub fn resolve_url(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
        return href.to_string();
    }
    let Some(base) = base.map(str::trim).filter(|b| b.contains("://")) else {
        return href.to_string();
    };
    let Some((scheme, after)) = base.split_once("://") else {
        return href.to_string();
    };
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let origin = &base[..scheme.len() + 3 + host_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    let path = &after[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    if href.starts_with('?') {
        return format!("{origin}{path}{href}");
    }
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let mut parts = href.split('/').peekable();
    while let Some(part) = parts.next() {
        match part {
            "." => {}
            ".." => {
                segments.pop();
            }
            p => {
                if parts.peek().is_none() || !p.is_empty() {
                    segments.push(p);
                }
            }
        }
    }
    format!("{origin}/{}", segments.join("/"))
}

/// An ISO 8601 / RFC 3339 date (`2024-03-05`, `2024-03-05T10:20:00+01:00`, `2024-03`).
pub fn parse_iso_date(text: &str) -> Option<Published> {
    let t = text.trim();
    let num = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok());
    let year = num(t.get(0..4))?;
    if t.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let month = num(t.get(5..7)).filter(|m| (1..=12).contains(m))?;
    let day = if t.as_bytes().get(7) == Some(&b'-') {
        num(t.get(8..10)).filter(|d| (1..=31).contains(d))
    } else {
        None
    };
    let time = match (day, t.as_bytes().get(10)) {
        (Some(_), Some(b'T' | b' ')) => {
            let h = num(t.get(11..13)).filter(|h| *h < 24);
            let m = num(t.get(14..16)).filter(|m| *m < 60);
            h.zip(m).map(|(h, m)| (h as u8, m as u8))
        }
        _ => None,
    };
    Some(Published {
        year: u16::try_from(year).ok()?,
        month: month as u8,
        day: day.map(|d| d as u8),
        time,
    })
}

/// The encoding of an HTML or XML document's bytes: a BOM, else a declaration in the first 1024
/// bytes (`<meta charset>`, `http-equiv`, `<?xml encoding>`), else UTF-8 when the bytes are, else
/// detected. Returns the text and the encoding's name when it was not UTF-8.
pub fn decode_markup(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return (text.into_owned(), name);
    }
    // UTF-16 without a BOM: every other byte of an ASCII prologue is zero.
    if bytes.len() >= 4 && bytes[0] == b'<' && bytes[1] == 0 {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
        return (text.into_owned(), Some("UTF-16LE"));
    }
    if bytes.len() >= 4 && bytes[0] == 0 && bytes[1] == b'<' {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(bytes);
        return (text.into_owned(), Some("UTF-16BE"));
    }
    let declared = declared_charset(&bytes[..bytes.len().min(1024)])
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    // Valid UTF-8 is UTF-8 whatever the page declares: pages that declare Latin-1 and are
    // UTF-8 are common, the reverse almost never decodes.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    let encoding = declared
        .filter(|e| {
            *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE
        })
        .unwrap_or_else(|| {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), Some(encoding.name()))
}

fn declared_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        if let Some(at) = text.find(key) {
            let value = text[at + key.len()..].trim_start_matches(['"', '\'', ' ']);
            let end = value
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(value.len());
            if end > 0 {
                return Some(value[..end].to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_bare_ampersands_stay() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry &#8220;hi&#x201D; &nbsp;x & y &bogus; &"),
            "Tom & Jerry “hi” \u{20}x & y &bogus; &"
        );
    }

    #[test]
    fn fragments_become_paragraphs_headings_and_links() {
        let (blocks, links) = fragment_to_blocks(
            "<h2>Der Plan</h2><p>Erster <a href=\"/a/b\">Link</a> hier.<br>Zweite Zeile</p>\
             <script>var x = '<p>nope</p>';</script><p>Schluss &amp; aus",
            Some("https://example.org/news/item.html"),
        );
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Der Plan",
                "Erster Link hier.",
                "Zweite Zeile",
                "Schluss & aus"
            ]
        );
        assert_eq!(blocks[0].kind, BlockKind::Heading);
        assert_eq!(blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(links[0].url, "https://example.org/a/b");
        assert_eq!(links[0].label.as_deref(), Some("Link"));
    }

    #[test]
    fn urls_resolve_like_a_browser() {
        let base = Some("https://ex.org/a/b/c.html?q=1");
        assert_eq!(resolve_url(base, "d.html"), "https://ex.org/a/b/d.html");
        assert_eq!(resolve_url(base, "../d"), "https://ex.org/a/d");
        assert_eq!(resolve_url(base, "/x"), "https://ex.org/x");
        assert_eq!(resolve_url(base, "//cdn.ex.org/y"), "https://cdn.ex.org/y");
        assert_eq!(resolve_url(base, "http://o.org/"), "http://o.org/");
        assert_eq!(resolve_url(None, "rel"), "rel");
    }

    #[test]
    fn iso_dates_keep_their_precision() {
        let p = parse_iso_date("2024-03-05T10:20:00+01:00").unwrap();
        assert_eq!(
            (p.year, p.month, p.day, p.time),
            (2024, 3, Some(5), Some((10, 20)))
        );
        assert_eq!(parse_iso_date("2024-03").unwrap().day, None);
        assert!(parse_iso_date("March 2024").is_none());
        assert!(parse_iso_date("2024-13-01").is_none());
    }

    #[test]
    fn charsets_from_bom_declaration_or_detection() {
        let latin1 =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>Gr\xfc\xdfe</body></html>";
        let (text, enc) = decode_markup(latin1);
        assert!(text.contains("Grüße"), "{text}");
        assert_eq!(enc, Some("windows-1252"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<p>Città</p>".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode_markup(&utf16).0, "<p>Città</p>");
        let undeclared = b"<p>Perch\xe9 no? La citt\xe0 \xe8 bella, perch\xe9 s\xec.</p>";
        assert!(decode_markup(undeclared).0.contains("città è"));
    }

    #[test]
    fn broken_markup_never_panics() {
        for s in [
            "<",
            "<a href=\"x",
            "<p>a<",
            "&#99999999;",
            "<script>",
            "<!--",
            "<![CDATA[x",
            "</",
            "<a href=x>é",
        ] {
            let _ = fragment_to_blocks(s, Some("https://e.org"));
            let _ = fragment_to_line(s);
        }
    }
}
