//! HTML pages: the main article text (boilerplate such as navigation, sidebars, comments and
//! footers removed by a readability extractor), and the page's metadata: title, byline, date,
//! canonical URL and language from `<meta>` tags, JSON-LD and `<html lang>`.
//!
//! Owns the page-level reading only; turning HTML into blocks is [`super::markup`].

use super::markup::{self, Token};
use crate::article::{Article, ArticleId, Format, Location, Origin, Published};

/// What the page says about itself, before any extraction.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<Published>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub site: Option<String>,
}

/// Reads an HTML page's bytes (any charset) into one article.
pub fn parse(bytes: &[u8], location: Location) -> Article {
    let (html, encoding) = markup::decode_markup(bytes);
    let mut article = parse_text(&html, location);
    article.origin.encoding = encoding.map(str::to_string);
    article
}

/// Reads an already decoded HTML page.
pub fn parse_text(html: &str, location: Location) -> Article {
    let meta = page_meta(html);
    let base = meta.canonical.as_deref();
    let content = main_content(html, base);
    let (blocks, links) = markup::fragment_to_blocks(&content, base);
    let title = meta
        .title
        .clone()
        .or_else(|| blocks.first().map(|b| b.text.clone()))
        .unwrap_or_default();
    // The extractor repeats the title as the first heading on many pages.
    let blocks: Vec<_> = blocks
        .into_iter()
        .enumerate()
        .filter(|(i, b)| !(*i == 0 && b.text == title))
        .map(|(_, b)| b)
        .collect();
    let id = match &meta.canonical {
        Some(url) => ArticleId::from_url(url),
        None => ArticleId::from_source_and_title(meta.site.as_deref(), &title),
    };
    Article {
        id,
        title,
        lang: meta.lang.clone(),
        published: meta.published,
        sources: meta.site.clone().into_iter().collect(),
        url: meta.canonical.clone(),
        byline: meta.byline.clone(),
        credit: None,
        blocks,
        links,
        trailer: Vec::new(),
        origin: Origin {
            location,
            format: Format::Html,
            encoding: None,
        },
    }
}

/// The main content of a page as an HTML fragment (boilerplate removed, links kept). The page is
/// cut down by [`super::prefilter`] first; a page that marks its article is then read by
/// [`super::marked`] in one pass, any other by the trafilatura extractor; that cut page when the
/// extractor finds nothing, so a short page is still read.
pub fn main_content(html: &str, url: Option<&str>) -> String {
    // The boilerplate is cut first: the extractor's time grows with the page's elements.
    let stripped = super::prefilter::strip(html);
    if let Some(fragment) = super::marked::article_fragment(&stripped) {
        return fragment;
    }
    let page = super::prefilter::narrow(stripped);
    let options = rs_trafilatura::Options {
        include_links: true,
        url: url.map(str::to_string),
        // tidings reads news articles: skipping the page-type classifier saves most of the time
        // on a typical page.
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..Default::default()
    };
    // Bad input must never take the reader down: a panic inside the extractor means "nothing
    // extracted", and the page is read whole.
    let extracted =
        std::panic::catch_unwind(|| rs_trafilatura::extract_with_options(&page, &options))
            .ok()
            .and_then(Result::ok)
            .and_then(|r| r.content_html)
            .filter(|c| !markup::fragment_to_line(c).is_empty());
    extracted.unwrap_or(page)
}

/// Reads the metadata of a page in one pass over its tags.
pub fn page_meta(html: &str) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut og_title = None;
    let mut title_text: Option<String> = None;
    let mut in_title = false;
    let mut ld = PageMeta::default();
    for token in markup::tokens(html) {
        match token {
            Token::Text(t) if in_title => title_text.get_or_insert_with(String::new).push_str(t),
            Token::Text(_) => {}
            Token::Raw { tag, content } => {
                let is_ld = tag
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    json_ld(content, &mut ld);
                }
            }
            Token::Tag(tag) => match (tag.name.as_str(), tag.closing) {
                ("title", closing) => in_title = !closing,
                ("html", false) => {
                    meta.lang = tag.attr("lang").and_then(|l| language_code(&l));
                }
                ("link", false) => {
                    let rel = tag.attr("rel").unwrap_or_default();
                    if rel.eq_ignore_ascii_case("canonical") {
                        meta.canonical = tag.attr("href").filter(|h| h.contains("://"));
                    }
                }
                ("meta", false) => {
                    let key = tag
                        .attr("property")
                        .or_else(|| tag.attr("name"))
                        .or_else(|| tag.attr("itemprop"))
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    let Some(content) = tag.attr("content").map(|c| markup::squash(&c)) else {
                        continue;
                    };
                    if content.is_empty() {
                        continue;
                    }
                    match key.as_str() {
                        "og:title" | "twitter:title" => {
                            og_title.get_or_insert(content);
                        }
                        "author" | "article:author" | "byl" | "dc.creator"
                            if !content.contains("://") =>
                        {
                            meta.byline.get_or_insert(content);
                        }
                        "article:published_time"
                        | "date"
                        | "dc.date"
                        | "datepublished"
                        | "pubdate"
                        | "publish-date"
                            if meta.published.is_none() =>
                        {
                            meta.published = markup::parse_iso_date(&content);
                        }
                        "og:url" if meta.canonical.is_none() && content.contains("://") => {
                            meta.canonical = Some(content);
                        }
                        "og:site_name" => {
                            meta.site.get_or_insert(content);
                        }
                        "og:locale" | "content-language" | "language" if meta.lang.is_none() => {
                            meta.lang = language_code(&content);
                        }
                        _ => {}
                    }
                }
                _ => {}
            },
        }
    }
    let title_text = title_text.map(|t| markup::fragment_to_line(&t));
    meta.title = ld
        .title
        .or(og_title)
        .or(title_text)
        .filter(|t| !t.is_empty());
    meta.byline = meta.byline.or(ld.byline);
    meta.published = meta.published.or(ld.published);
    meta.canonical = meta.canonical.or(ld.canonical);
    meta.site = meta.site.or(ld.site);
    meta
}

/// `de-DE`, `it_IT`, `EN` → `de`, `it`, `en`.
fn language_code(tag: &str) -> Option<String> {
    let code: String = tag
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    (code.len() == 2 || code.len() == 3).then_some(code)
}

/// Reads schema.org article metadata from a JSON-LD script (an object, an array, or a `@graph`).
fn json_ld(content: &str, out: &mut PageMeta) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(content.trim()) else {
        return;
    };
    let mut stack = vec![&value];
    // Bounded: a JSON-LD block is a handful of objects; a hostile one cannot make this quadratic.
    let mut budget = 1000;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter()),
            serde_json::Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
                let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                if !(kind.contains("Article")
                    || kind.contains("Posting")
                    || kind.contains("Report"))
                {
                    continue;
                }
                let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(markup::squash);
                if out.title.is_none() {
                    out.title = text("headline").or_else(|| text("name"));
                }
                if out.published.is_none() {
                    out.published = text("datePublished").and_then(|d| markup::parse_iso_date(&d));
                }
                if out.canonical.is_none() {
                    out.canonical = text("url").or_else(|| match map.get("mainEntityOfPage") {
                        Some(serde_json::Value::String(s)) => Some(s.clone()),
                        Some(serde_json::Value::Object(o)) => {
                            o.get("@id").and_then(|v| v.as_str()).map(str::to_string)
                        }
                        _ => None,
                    });
                    out.canonical = out.canonical.take().filter(|u| u.contains("://"));
                }
                if out.byline.is_none() {
                    out.byline = person_names(map.get("author"));
                }
                if out.site.is_none() {
                    out.site = map
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str())
                        .map(markup::squash);
                }
            }
            _ => {}
        }
    }
}

fn person_names(value: Option<&serde_json::Value>) -> Option<String> {
    let names: Vec<String> = match value? {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .into_iter()
            .collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                serde_json::Value::String(s) => Some(s.clone()),
                other => other.get("name")?.as_str().map(str::to_string),
            })
            .collect(),
        _ => Vec::new(),
    };
    let joined = names.join(", ");
    (!joined.trim().is_empty()).then(|| markup::squash(&joined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_tags_and_json_ld_give_the_metadata() {
        let html = r#"<!doctype html><html lang="de-AT"><head><title>Seite | Blatt</title>
            <meta property="og:title" content="Der &quot;wahre&quot; Titel">
            <meta name="author" content="Erika Muster">
            <link rel="canonical" href="https://blatt.example/politik/1">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"NewsArticle","headline":"LD Titel","datePublished":"2023-11-02T08:15:00Z",
               "publisher":{"name":"Das Blatt"}}]}</script></head><body></body></html>"#;
        let meta = page_meta(html);
        assert_eq!(meta.title.as_deref(), Some("LD Titel"));
        assert_eq!(meta.byline.as_deref(), Some("Erika Muster"));
        assert_eq!(meta.lang.as_deref(), Some("de"));
        assert_eq!(
            meta.canonical.as_deref(),
            Some("https://blatt.example/politik/1")
        );
        assert_eq!(meta.site.as_deref(), Some("Das Blatt"));
        let p = meta.published.unwrap();
        assert_eq!(
            (p.year, p.month, p.day, p.time),
            (2023, 11, Some(2), Some((8, 15)))
        );
    }

    #[test]
    fn a_page_that_does_not_mark_its_article_is_still_read_by_the_extractor() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/");
        let page = std::fs::read_to_string(format!("{dir}bibliothek.html")).unwrap();
        let want = std::fs::read_to_string(format!("{dir}bibliothek.expected.txt")).unwrap();
        let unmarked = page.replace("class=\"article-body\"", "class=\"text\"");
        let stripped = super::super::prefilter::strip(&unmarked);
        assert!(super::super::marked::article_fragment(&stripped).is_none());
        let body = parse_text(&unmarked, Location::Bundled("u.html".into())).body();
        for paragraph in want.split("\n\n").filter(|p| p.len() > 80) {
            assert!(
                body.contains(paragraph.trim()),
                "{paragraph} missing from {body}"
            );
        }
        for noise in ["Subscribe now", "Reply", "Cookies"] {
            assert!(!body.contains(noise), "{noise} in {body}");
        }
    }

    #[test]
    fn og_title_when_no_json_ld() {
        let meta = page_meta(r#"<title>A</title><meta property="og:title" content="B &amp; C">"#);
        assert_eq!(meta.title.as_deref(), Some("B & C"));
        assert_eq!(
            page_meta("<title> Only  this </title>").title.as_deref(),
            Some("Only this")
        );
    }
}
