//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed): one article per item.
//!
//! Real feeds are often broken, so the bytes are cleaned before parsing (encoding, BOM, a blank
//! line before the XML declaration, bare `&`, HTML-only entities such as `&nbsp;`), and when the
//! parser still refuses, items are parsed one by one so a truncated feed keeps the items before
//! the cut. Item HTML goes through the same path as HTML pages ([`super::markup`]).

use super::markup;
use crate::article::{Article, ArticleId, Block, BlockKind, Format, Link, Location, Origin};

/// The articles of a feed and what was noticed while reading it.
#[derive(Debug, Default)]
pub struct FeedItems {
    pub title: Option<String>,
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
}

/// Reads a feed's bytes. `base` is the feed's URL when known: relative links resolve against it.
/// `name` names the source in warnings.
pub fn parse(bytes: &[u8], location: Location, base: Option<&str>) -> FeedItems {
    let name = location.display_path();
    let (text, encoding) = markup::decode_markup(bytes);
    let mut warnings = Vec::new();
    if let Some(enc) = encoding {
        warnings.push(format!("{name}: not UTF-8, decoded as {enc}"));
    }
    let cleaned = preclean(&text);
    let parser = || {
        feed_rs::parser::Builder::new()
            .base_uri(base)
            // An empty id marks an item without guid: its id then comes from its link.
            .id_generator(|_, _, _| String::new())
            .build()
    };
    let feeds = match parser().parse(cleaned.as_bytes()) {
        Ok(feed) => vec![feed],
        Err(e) => {
            let feeds = item_by_item(&cleaned, &parser);
            warnings.push(format!(
                "{name}: broken feed ({e}); read {} items one by one",
                feeds.len()
            ));
            feeds
        }
    };
    let mut out = FeedItems {
        warnings,
        ..FeedItems::default()
    };
    for feed in feeds {
        let feed_title = feed
            .title
            .as_ref()
            .map(|t| markup::fragment_to_line(&t.content));
        if out.title.is_none() {
            out.title = feed_title.clone().filter(|t| !t.is_empty());
        }
        let feed_link = feed
            .links
            .iter()
            .find(|l| l.rel.as_deref() != Some("self"))
            .map(|l| l.href.clone());
        let base = base.map(str::to_string).or(feed_link);
        for entry in feed.entries {
            let mut article = item_article(
                entry,
                out.title.as_deref(),
                feed.language.as_deref(),
                base.as_deref(),
                location.clone(),
            );
            article.origin.encoding = encoding.map(str::to_string);
            out.articles.push(article);
        }
    }
    out
}

fn item_article(
    entry: feed_rs::model::Entry,
    feed_title: Option<&str>,
    feed_lang: Option<&str>,
    base: Option<&str>,
    location: Location,
) -> Article {
    let title = entry
        .title
        .as_ref()
        .map(|t| markup::fragment_to_line(&t.content))
        .unwrap_or_default();
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.is_none() || l.rel.as_deref() == Some("alternate"))
        .or(entry.links.first())
        .map(|l| markup::resolve_url(base, &l.href));
    let id = if !entry.id.trim().is_empty() {
        ArticleId::from_guid(&entry.id)
    } else if let Some(url) = &url {
        ArticleId::from_url(url)
    } else {
        ArticleId::from_source_and_title(feed_title, &title)
    };
    let item_base = url.as_deref().or(base);
    let (body, plain) = match (&entry.content, &entry.summary) {
        (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => (
            c.body.clone().unwrap_or_default(),
            c.content_type.to_string().starts_with("text/plain"),
        ),
        (_, Some(s)) => (
            s.content.clone(),
            s.content_type.to_string().starts_with("text/plain"),
        ),
        _ => (String::new(), false),
    };
    let (blocks, mut links) = if plain {
        (plain_blocks(&body), Vec::new())
    } else {
        markup::fragment_to_blocks(&body, item_base)
    };
    for media in &entry.media {
        for content in &media.content {
            if let Some(u) = &content.url {
                links.push(Link {
                    url: u.to_string(),
                    label: Some("enclosure".into()),
                });
            }
        }
    }
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|d| markup::parse_iso_date(&d.to_rfc3339()));
    let byline = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(markup::squash))
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let lang = entry
        .language
        .as_deref()
        .or(feed_lang)
        .map(|l| {
            l.chars()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|l| l.len() == 2 || l.len() == 3);
    Article {
        id,
        title,
        lang,
        published,
        sources: feed_title.map(str::to_string).into_iter().collect(),
        url,
        byline: (!byline.is_empty()).then_some(byline),
        credit: None,
        blocks,
        links,
        trailer: Vec::new(),
        origin: Origin {
            location,
            format: Format::Feed,
            encoding: None,
        },
    }
}

fn plain_blocks(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(markup::squash)
        .filter(|p| !p.is_empty())
        .map(|text| Block {
            kind: BlockKind::Paragraph,
            text,
        })
        .collect()
}

/// Makes a feed's text well-formed enough for an XML parser: drops what precedes the first `<`
/// (a blank line before the declaration, a BOM), declares the text UTF-8 (it was decoded), and
/// escapes `&` that starts no XML reference (a bare `&`, `&nbsp;`).
pub fn preclean(text: &str) -> String {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.starts_with('{') {
        return text.to_string();
    }
    let mut rest = text;
    let mut out = String::with_capacity(text.len() + 64);
    // The declaration names the bytes' old encoding; the text is now UTF-8.
    if let Some(end) = rest.find("?>").filter(|_| rest.starts_with("<?xml")) {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        rest = &rest[end + 2..];
    }
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.bytes().take(34).position(|b| b == b';');
        let name = end.map(|e| &rest[1..e]);
        match name {
            Some(n) if matches!(n, "amp" | "lt" | "gt" | "quot" | "apos") || is_char_ref(n) => {
                out.push('&');
                rest = &rest[1..];
            }
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                // An HTML entity XML does not know: write the character as a reference.
                let decoded = markup::decode_entities(&rest[..n.len() + 2]);
                if decoded.starts_with('&') {
                    out.push_str("&amp;");
                    rest = &rest[1..];
                } else {
                    for c in decoded.chars() {
                        out.push_str(&format!("&#{};", u32::from(c)));
                    }
                    rest = &rest[n.len() + 2..];
                }
            }
            _ => {
                out.push_str("&amp;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_char_ref(name: &str) -> bool {
    match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()),
        },
        None => false,
    }
}

/// The tolerant path: each complete `<item>`/`<entry>` is parsed alone inside the document's own
/// opening (so its namespaces still apply); an item cut off by truncation is dropped.
fn item_by_item(
    text: &str,
    parser: &dyn Fn() -> feed_rs::parser::Parser,
) -> Vec<feed_rs::model::Feed> {
    let (open, close, tail) = if text.contains("<entry") {
        ("<entry", "</entry>", "</feed>")
    } else if text.contains("<rdf:RDF") {
        ("<item", "</item>", "</rdf:RDF>")
    } else {
        ("<item", "</item>", "</channel></rss>")
    };
    let Some(first) = find_open(text, open) else {
        return Vec::new();
    };
    let mut head = text[..first].to_string();
    // In RSS 1.0 the channel closes before the items; in RSS 2.0 its metadata stays open.
    if head.contains("<rdf:RDF") && head.contains("<channel") && !head.contains("</channel>") {
        head.push_str("</channel>");
    }
    let mut feeds = Vec::new();
    let mut rest = &text[first..];
    while let Some(end) = rest.find(close) {
        let item = &rest[..end + close.len()];
        let doc = format!("{head}{item}{tail}");
        if let Ok(feed) = parser().parse(doc.as_bytes()) {
            feeds.push(feed);
        }
        rest = &rest[end + close.len()..];
        match find_open(rest, open) {
            Some(next) => rest = &rest[next..],
            None => break,
        }
    }
    feeds
}

/// The next opening tag `open` (`<item` but not `<itemfoo`).
fn find_open(text: &str, open: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(open) {
        let at = from + i;
        match text.as_bytes().get(at + open.len()) {
            Some(b'>' | b' ' | b'\n' | b'\r' | b'\t' | b'/') => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preclean_escapes_what_xml_refuses() {
        assert_eq!(
            preclean(
                "\n\n<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>B &amp; C & D&nbsp;E &#38; &bogus;</a>"
            ),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>B &amp; C &amp; D&#32;E &#38; &amp;bogus;</a>"
        );
    }
}
