//! Cutting a page down before main-content extraction: the extractor's selector matching costs
//! time per element, and most of a news page's elements are boilerplate it would throw away
//! anyway (scripts, styles, comments, navigation, sidebars, forms, comment threads, cookie
//! banners). One linear pass over the markup removes them; then, when the page has exactly one
//! `<article>` (else one `<main>`), only that subtree is handed on.
//!
//! Owns only the cutting; the extraction itself is [`super::html`]. Metadata is read from the
//! whole page, before this runs.

use memchr::memchr;

/// Elements dropped whole, with everything inside.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "aside", "footer", "button",
    "select", "dialog",
];
// Not `form`: some sites wrap the whole page in one.

/// Containers dropped when their `class` or `id` names one of these: comment threads, related
/// lists, banners. Only containers, so that a word in a paragraph's class never loses text.
const CONTAINERS: &[&str] = &["div", "section", "ul", "ol"];
const BOILERPLATE_WORDS: &[&str] = &[
    "comment",
    "cookie",
    "consent",
    "related",
    "newsletter",
    "share",
    "social",
    "promo",
    "advert",
    "sidebar",
];

/// Elements whose content is raw text: their end is found by name, not by parsing.
const RAW: &[&str] = &["script", "style", "textarea", "title"];

/// The page without its boilerplate elements, and narrowed to the one article when there is one.
pub fn prefilter(html: &str) -> String {
    narrow(strip(html))
}

/// A page already [`strip`]ped, narrowed to its one article when it has one.
pub fn narrow(stripped: String) -> String {
    match main_subtree(&stripped) {
        Some(sub) => format!("<html><body>{sub}</body></html>"),
        None => stripped,
    }
}

/// One tag as the scanner sees it.
pub(crate) struct TagAt<'a> {
    /// The name as written (compare with [`TagAt::is`]); borrowed, so scanning allocates nothing.
    pub name: &'a str,
    pub closing: bool,
    pub self_closing: bool,
    pub attrs: &'a str,
    /// Byte just past the tag's `>`.
    pub end: usize,
}

impl TagAt<'_> {
    /// Whether the tag's name is `name` (lowercase ASCII), in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// Whether the tag's name is one of `names`.
    pub fn is_one_of(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.is(n))
    }
}

/// Reads the tag starting at `at` (a `<`); `None` when it is not a tag (a lone `<` in text).
pub(crate) fn tag_at(html: &str, at: usize) -> Option<TagAt<'_>> {
    let bytes = html.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
    {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = html.get(name_start..i)?;
    // The tag ends at the first `>` outside quotes.
    let attrs_start = i;
    let mut quote = None;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => break,
            _ => {}
        }
        i += 1;
    }
    let attrs = html.get(attrs_start..i.min(html.len()))?;
    Some(TagAt {
        name,
        closing,
        self_closing: attrs.ends_with('/'),
        attrs,
        end: (i + 1).min(html.len()),
    })
}

/// Whether a container's class or id names boilerplate.
fn is_boilerplate(tag: &TagAt) -> bool {
    if !tag.is_one_of(CONTAINERS) || tag.attrs.is_empty() {
        return false;
    }
    let attrs = tag.attrs.to_ascii_lowercase();
    ["class=", "id="].iter().any(|key| {
        attrs.match_indices(key).any(|(at, _)| {
            let value = attrs.get(at + key.len()..).unwrap_or("");
            let value = value.trim_start_matches(['"', '\'']);
            let value = &value[..value.find(['"', '\'', '>']).unwrap_or(value.len())];
            BOILERPLATE_WORDS.iter().any(|w| value.contains(w))
        })
    })
}

/// Where the raw content of a `<name>` element opened before `from` ends: the start of its
/// closing tag, or the end of the page.
pub(crate) fn raw_end(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let lower_rest = html.get(from..).unwrap_or("");
    // Case-insensitive search without lowercasing the whole page: find `</` and compare.
    let bytes = lower_rest.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr(b'<', bytes.get(i..).unwrap_or(&[])) {
        let at = i + p;
        if bytes
            .get(at..at + closing.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(closing.as_bytes()))
        {
            return from + at;
        }
        i = at + 1;
    }
    html.len()
}

/// The page without comments and dropped elements, in one pass.
pub fn strip(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut copied = 0; // bytes of `html` before this are decided
    let mut i = 0;
    // While inside a dropped element: its name, how deep in same-named elements, and where it
    // started.
    let mut skipping: Option<(&str, usize, usize)> = None;
    while let Some(p) = memchr(b'<', bytes.get(i..).unwrap_or(&[])) {
        let at = i + p;
        if bytes.get(at..at + 4) == Some(b"<!--") {
            let end = html
                .get(at + 4..)
                .and_then(|r| r.find("-->"))
                .map_or(html.len(), |e| at + 4 + e + 3);
            if skipping.is_none() {
                out.push_str(html.get(copied..at).unwrap_or(""));
            }
            copied = end;
            i = end;
            continue;
        }
        let Some(tag) = tag_at(html, at) else {
            i = at + 1;
            continue;
        };
        let mut next = tag.end;
        // Raw text elements end at their closing tag, whatever is inside.
        if !tag.closing && !tag.self_closing && tag.is_one_of(RAW) {
            next = raw_end(html, tag.end, tag.name);
        }
        match &mut skipping {
            Some((name, depth, _)) => {
                if tag.name.eq_ignore_ascii_case(name) && !tag.self_closing {
                    if tag.closing {
                        *depth -= 1;
                    } else {
                        *depth += 1;
                    }
                }
                if *depth == 0 {
                    skipping = None;
                    copied = tag.end;
                }
            }
            None => {
                let drop = !tag.closing && (tag.is_one_of(DROPPED) || is_boilerplate(&tag));
                if drop {
                    out.push_str(html.get(copied..at).unwrap_or(""));
                    copied = next;
                    // A raw element's content is already passed; its closing tag ends it too.
                    if !tag.self_closing {
                        skipping = Some((tag.name, 1, at));
                    }
                }
            }
        }
        i = next.max(at + 1);
    }
    // An element never closed would take the rest of the page with it: keep the rest instead.
    let rest = match skipping {
        Some((_, _, start)) => start,
        None => copied,
    };
    out.push_str(html.get(rest..).unwrap_or(""));
    out
}

/// The one `<article>` of the page (else its one `<main>`), start tag to end tag.
pub(crate) fn main_subtree(html: &str) -> Option<&str> {
    ["article", "main"]
        .iter()
        .find_map(|name| only_element(html, name))
}

/// The element `name` when the page has exactly one at the top level (nested ones of the same
/// name count as part of it), with some text in it.
fn only_element<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let sub = only_element_where(html, |tag| tag.is(name))?;
    // An empty shell (a teaser card) is not the article.
    (super::markup::fragment_to_line(sub)
        .split_whitespace()
        .count()
        >= 50)
        .then_some(sub)
}

/// The one element of the page that `wanted` picks, start tag to end tag (elements of the same
/// name inside it, picked or not, are part of it). `None` when no element or more than one is
/// picked, or the picked one never closes.
pub(crate) fn only_element_where(html: &str, wanted: impl Fn(&TagAt) -> bool) -> Option<&str> {
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut found: Option<(usize, usize)> = None;
    let mut open: Option<(usize, &str, usize)> = None; // (start, name, depth)
    while let Some(p) = memchr(b'<', bytes.get(i..).unwrap_or(&[])) {
        let at = i + p;
        let Some(tag) = tag_at(html, at) else {
            i = at + 1;
            continue;
        };
        let mut next = tag.end;
        if !tag.closing && !tag.self_closing && tag.is_one_of(RAW) {
            next = raw_end(html, tag.end, tag.name);
        }
        match &mut open {
            Some((start, name, depth))
                if !tag.self_closing && tag.name.eq_ignore_ascii_case(name) =>
            {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        found = Some((*start, tag.end));
                        open = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None => {
                if !tag.closing && !tag.self_closing && wanted(&tag) {
                    if found.is_some() {
                        return None; // a second one: no single candidate
                    }
                    open = Some((at, tag.name, 1));
                }
            }
        }
        i = next.max(at + 1);
    }
    let (start, end) = found?;
    html.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_goes_and_the_text_stays() {
        let page = "<html><head><script>var a = '<div>';</script><style>p{}</style></head><body>\
            <nav><ul><li><a href=/>Home</a></li></ul></nav><!-- ad slot <p>x</p> -->\
            <div class=\"cookie-banner\"><p>We use cookies</p><div>more</div></div>\
            <p class=\"comment-free\">Kept paragraph.</p>\
            <section id='comments'><div><p>First!</p></div></section>\
            <aside><aside>nested</aside>side</aside><p>Second kept.</p></body></html>";
        let out = strip(page);
        assert!(
            out.contains("Kept paragraph.") && out.contains("Second kept."),
            "{out}"
        );
        for gone in [
            "var a", "p{}", "Home", "ad slot", "cookies", "more", "First!", "nested", "side",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
    }

    #[test]
    fn one_article_is_handed_on_alone_and_two_are_not() {
        let words = "word ".repeat(60);
        let page = format!(
            "<body><div class=menu><p>Menu text</p></div><article><p>{words}</p></article><p>after</p></body>"
        );
        let out = prefilter(&page);
        assert!(out.contains(&words) && !out.contains("Menu text") && !out.contains("after"));
        let two = format!("<article><p>{words}</p></article><article><p>{words}</p></article>");
        assert_eq!(prefilter(&two), strip(&two));
    }

    #[test]
    fn broken_markup_neither_panics_nor_loses_the_rest() {
        for page in [
            "<",
            "<nav",
            "<nav><p>x",
            "<!-- open",
            "<script>never closed",
            "<<>>",
            "<ä>ö</ä>",
            "<div class='cookie",
        ] {
            let _ = prefilter(page);
        }
        assert_eq!(strip("a < b and <b>c</b>"), "a < b and <b>c</b>");
        // A dropped element never closed keeps what follows it.
        assert_eq!(strip("<p>a</p><nav><p>b</p>"), "<p>a</p><nav><p>b</p>");
        // A page wrapped in a form keeps its text.
        assert!(strip("<form id=page><p>text</p></form>").contains("text"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_markup_is_cut_without_panic_and_never_grows(
            page in "(<(/?)(nav|p|div class=\"comment\"|article|script|!--|-->)>|[a-z <>\"'/=-]){0,60}"
        ) {
            let out = strip(&page);
            proptest::prop_assert!(out.len() <= page.len());
            let _ = prefilter(&page);
        }
    }
}
