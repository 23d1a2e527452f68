//! The fast path for pages that mark their article. When a page (already cut by
//! [`super::prefilter`]) has exactly one element naming the article's body (`itemprop="articleBody"`,
//! `class="article-body"`, … listed in `assets/html/marked.toml`), else one `<article>`, else one
//! `<main>`, and the text inside it sits in paragraphs, then its paragraphs, headings, lists and
//! quotes are the article: read in one linear pass over the markup, without building a DOM.
//!
//! A page that does not fit (text loose in `<div>`s, a table, too few paragraphs, an element
//! never closed) gets `None` and goes to the general extractor in [`super::html`]; so does every
//! page without such a container. Owns only the choice of the container and of the blocks in it;
//! turning blocks into text is [`super::markup`].

use super::prefilter::{self, TagAt};
use memchr::memchr;
use serde::Deserialize;
use std::sync::OnceLock;

/// The word lists of `assets/html/marked.toml`.
#[derive(Debug, Default, Deserialize)]
struct Markers {
    body: Vec<String>,
    boilerplate: Vec<String>,
    dropped: Vec<String>,
}

fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    // The file is embedded and a test parses it: an empty list here can only mean a broken
    // edit, and then every page simply takes the general extractor.
    MARKERS.get_or_init(|| {
        toml::from_str(include_str!("../../assets/html/marked.toml")).unwrap_or_default()
    })
}

/// Elements read as one block of the article each.
const BLOCKS: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"];

/// Elements that end an open paragraph or heading (HTML closes a `<p>` at these).
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "figure",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "hr",
];

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed",
    "param", "track",
];

/// A page is read this way only when its container holds at least this many paragraphs and
/// words, and at most a quarter as many words outside any block as inside the kept ones: below
/// that, the general extractor's judgement is worth its time.
const MIN_PARAGRAPHS: usize = 3;
const MIN_WORDS: usize = 80;

/// The article of a page that marks it, as an HTML fragment of its blocks; `None` when the page
/// does not mark it clearly (see the module comment).
pub fn article_fragment(page: &str) -> Option<String> {
    let m = markers();
    let pickers: [&dyn Fn(&TagAt) -> bool; 3] =
        [&|t| names_body(t, &m.body), &|t| t.is("article"), &|t| {
            t.is("main")
        }];
    pickers.iter().find_map(|pick| {
        let element = prefilter::only_element_where(page, pick)?;
        blocks_of(element, m)
    })
}

/// One block being read: its element's name, its nesting in same-named elements, its markup so
/// far, and its words (those inside links apart).
struct Open<'a> {
    name: &'a str,
    depth: usize,
    markup: String,
    words: usize,
    link_words: usize,
    links_open: usize,
}

/// The state of one pass over the container.
#[derive(Default)]
struct Scan<'a> {
    out: String,
    block: Option<Open<'a>>,
    /// Inside an element that is not the article's text: its name and nesting.
    dropping: Option<(&'a str, usize)>,
    kept_words: usize,
    loose_words: usize,
    paragraphs: usize,
}

impl<'a> Scan<'a> {
    fn text(&mut self, text: &str) {
        if self.dropping.is_some() || text.is_empty() {
            return;
        }
        let words = text.split_whitespace().count();
        match &mut self.block {
            Some(b) => {
                b.markup.push_str(text);
                b.words += words;
                if b.links_open > 0 {
                    b.link_words += words;
                }
            }
            None => self.loose_words += words,
        }
    }

    /// Ends the open block, keeping it unless it is mostly link text (a "read more" line, a list
    /// of related stories).
    fn finish(&mut self) {
        let Some(b) = self.block.take() else {
            return;
        };
        let linky = (b.name.eq_ignore_ascii_case("p") || b.name.eq_ignore_ascii_case("li"))
            && b.link_words * 2 > b.words;
        if b.words == 0 || linky {
            return;
        }
        self.out.push_str(&b.markup);
        self.out.push('\n');
        self.kept_words += b.words;
        if b.name.eq_ignore_ascii_case("p") {
            self.paragraphs += 1;
        }
    }

    /// Takes one tag (`source` is its markup); `None` when the page is not for this path.
    fn tag(&mut self, tag: &TagAt<'a>, source: &str, m: &Markers) -> Option<()> {
        let void = tag.self_closing || tag.is_one_of(VOID);
        if let Some((name, depth)) = &mut self.dropping {
            if !void && tag.name.eq_ignore_ascii_case(name) {
                if tag.closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    self.dropping = None;
                }
            }
            return Some(());
        }
        if tag.is("table") {
            return None; // tables need the general extractor's care
        }
        if let Some(b) = &self.block {
            let own = tag.name.eq_ignore_ascii_case(b.name);
            let is = |name: &str| b.name.eq_ignore_ascii_case(name);
            let ends = if is("li") {
                // A new item at the same level, or the list's end.
                (own && !tag.closing && b.depth == 1)
                    || (tag.closing && tag.is_one_of(&["ul", "ol"]))
            } else if is("blockquote") || is("pre") {
                false
            } else {
                // A paragraph or heading ends at any block-level tag but its own end.
                tag.is_one_of(BLOCK_LEVEL) && !(own && tag.closing)
            };
            if ends {
                self.finish();
            }
        }
        let opening = !tag.closing && !void;
        if opening && (is_one_of(tag, &m.dropped) || names_boilerplate(tag, &m.boilerplate)) {
            self.dropping = Some((tag.name, 1));
            return Some(());
        }
        match &mut self.block {
            Some(b) => {
                b.markup.push_str(source);
                if tag.is("a") && !void {
                    if tag.closing {
                        b.links_open = b.links_open.saturating_sub(1);
                    } else {
                        b.links_open += 1;
                    }
                }
                if !void && tag.name.eq_ignore_ascii_case(b.name) {
                    if tag.closing {
                        b.depth -= 1;
                        if b.depth == 0 {
                            self.finish();
                        }
                    } else {
                        b.depth += 1;
                    }
                }
            }
            None if opening && tag.is_one_of(BLOCKS) => {
                self.block = Some(Open {
                    name: tag.name,
                    depth: 1,
                    markup: source.to_string(),
                    words: 0,
                    link_words: 0,
                    links_open: 0,
                });
            }
            None => {}
        }
        Some(())
    }
}

/// The blocks of one container element (start tag to end tag), when its text is in them.
fn blocks_of(element: &str, m: &Markers) -> Option<String> {
    let bytes = element.as_bytes();
    // The container's own start tag is not looked at: its class names the article.
    let start = prefilter::tag_at(element, 0)?.end;
    let mut scan = Scan::default();
    let (mut i, mut text_from) = (start, start);
    while let Some(p) = memchr(b'<', bytes.get(i..).unwrap_or(&[])) {
        let at = i + p;
        let Some(tag) = prefilter::tag_at(element, at) else {
            i = at + 1;
            continue;
        };
        scan.text(element.get(text_from..at).unwrap_or(""));
        scan.tag(&tag, element.get(at..tag.end).unwrap_or(""), m)?;
        let mut next = tag.end;
        if !tag.closing && !tag.self_closing && tag.is_one_of(&["textarea", "title"]) {
            // Raw text, never the article's: skipped whole, its end tag matches nothing.
            next = prefilter::raw_end(element, tag.end, tag.name);
            scan.dropping = None;
        }
        text_from = next;
        i = next.max(at + 1);
    }
    scan.text(element.get(text_from..).unwrap_or(""));
    scan.finish();
    let fits = scan.dropping.is_none()
        && scan.paragraphs >= MIN_PARAGRAPHS
        && scan.kept_words >= MIN_WORDS
        && scan.loose_words * 4 <= scan.kept_words;
    fits.then_some(scan.out)
}

fn is_one_of(tag: &TagAt, names: &[String]) -> bool {
    names.iter().any(|n| tag.is(n))
}

/// The values of the attributes `keys` in a tag's lowercased attribute text.
fn attr_values<'s>(attrs: &'s str, keys: &'s [&str]) -> impl Iterator<Item = &'s str> + 's {
    keys.iter().flat_map(move |key| {
        attrs.match_indices(key).filter_map(move |(at, _)| {
            let before = attrs[..at].bytes().next_back();
            if !before.is_none_or(|b| b.is_ascii_whitespace()) {
                return None; // `data-id=` is not `id=`
            }
            let rest = attrs.get(at + key.len()..)?.trim_start();
            let rest = rest.strip_prefix('=')?.trim_start();
            let (quote, rest) = match rest.as_bytes().first() {
                Some(q @ (b'"' | b'\'')) => (Some(*q as char), rest.get(1..)?),
                _ => (None, rest),
            };
            let end = match quote {
                Some(q) => rest.find(q),
                None => rest.find(|c: char| c.is_ascii_whitespace() || c == '>'),
            };
            Some(&rest[..end.unwrap_or(rest.len())])
        })
    })
}

/// Whether a class, id or itemprop of the tag is one of the article-body markers.
fn names_body(tag: &TagAt, body: &[String]) -> bool {
    if tag.closing || tag.attrs.is_empty() {
        return false;
    }
    let attrs = tag.attrs.to_ascii_lowercase();
    attr_values(&attrs, &["class", "id", "itemprop"])
        .flat_map(str::split_ascii_whitespace)
        .any(|word| body.iter().any(|b| b == word))
}

/// Whether a part of the tag's class or id begins with one of the boilerplate words.
fn names_boilerplate(tag: &TagAt, words: &[String]) -> bool {
    if tag.attrs.is_empty() {
        return false;
    }
    let attrs = tag.attrs.to_ascii_lowercase();
    attr_values(&attrs, &["class", "id"])
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|part| !part.is_empty())
        .any(|part| words.iter().any(|w| part.starts_with(w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "This paragraph holds enough words to count as real article text for the reader here, \
        so that four of them make a short news story of a hundred words.";

    fn page(inside: &str) -> String {
        format!(
            "<html><body><div class=teasers><p>Loose teaser</p></div><article>{inside}</article></body></html>"
        )
    }

    #[test]
    fn the_word_lists_load() {
        let m = markers();
        assert!(m.body.contains(&"article-body".to_string()));
        assert!(m.boilerplate.contains(&"byline".to_string()));
        assert!(m.dropped.contains(&"h1".to_string()));
    }

    #[test]
    fn paragraphs_headings_and_lists_are_kept_and_bylines_dropped() {
        let html = page(&format!(
            "<h1>Title</h1><p class=\"byline\">By Someone</p><div class='article__meta'>5 May</div>\
             <p>{PARA}</p><h2>Part two</h2><p>{PARA} <a href=/x>inline link</a> more.</p>\
             <ul><li>first point of a list</li><li><a href=/r>Related story</a></li></ul>\
             <p>{PARA}<p>{PARA}</p><figure><img src=a.jpg><figcaption>Photo caption</figcaption></figure>"
        ));
        let out = article_fragment(&html).expect("a marked article");
        for kept in ["Part two", "inline link", "first point of a list"] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
        for gone in [
            "Title",
            "By Someone",
            "5 May",
            "Related story",
            "Photo caption",
            "Loose teaser",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        assert_eq!(out.matches(PARA).count(), 4);
    }

    #[test]
    fn the_body_marker_wins_over_the_article() {
        let html = page(&format!(
            "<p>{PARA}</p><div itemprop=\"articleBody\"><p>{PARA} one</p><p>{PARA} two</p><p>{PARA} three</p></div>"
        ));
        let out = article_fragment(&html).expect("marked");
        assert!(out.contains("one") && out.contains("three"));
        assert_eq!(out.matches(PARA).count(), 3, "{out}");
    }

    #[test]
    fn pages_that_do_not_fit_go_to_the_extractor() {
        let paras = format!("<p>{PARA}</p>").repeat(4);
        assert!(article_fragment(&page(&paras)).is_some());
        // Text loose in divs.
        let loose = format!("{paras}{}", format!("<div>{PARA}</div>").repeat(3));
        assert!(article_fragment(&page(&loose)).is_none());
        // A table.
        let table = format!("{paras}<table><tr><td>1</td></tr></table>");
        assert!(article_fragment(&page(&table)).is_none());
        // Too little text.
        assert!(article_fragment(&page(&format!("<p>{PARA}</p>"))).is_none());
        // Two articles, no main.
        assert!(
            article_fragment(&format!(
                "<article>{paras}</article><article>{paras}</article>"
            ))
            .is_none()
        );
        // A dropped element never closed.
        assert!(article_fragment(&page(&format!("{paras}<figure><p>{PARA}</p>"))).is_none());
        // No container at all.
        assert!(article_fragment(&paras).is_none());
    }

    #[test]
    fn broken_markup_neither_panics_nor_hangs() {
        for inside in [
            "<p",
            "<p>a<",
            "</p></p></li>",
            "<li><li><li>",
            "<a href='x>",
            "<textarea>",
            "<p class=\"byline",
        ] {
            let _ = article_fragment(&page(inside));
            let _ = article_fragment(&page(&format!("<p>{PARA}</p>{inside}<p>{PARA}</p>")));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_markup_is_read_without_panic(
            inside in "(<(/?)(p|li|ul|h2|a href=x|div class=\"byline\"|figure|blockquote|table|br)>|[a-z <>\"'/=-]){0,60}"
        ) {
            let _ = article_fragment(&page(&inside));
        }
    }
}
