//! Markdown articles with YAML (`---`) or TOML (`+++`) front matter: title, date, source and url
//! come from the front matter, the body is rendered to paragraphs and headings by pulldown-cmark.

use super::markup;
use crate::article::{Article, ArticleId, Block, BlockKind, Format, Link, Location, Origin};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The keys tidings reads from front matter; the rest is ignored.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
}

/// Splits front matter off a Markdown text: (front matter, body).
pub fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let trimmed = text.trim_start_matches('\u{feff}');
    for fence in ["---", "+++"] {
        let Some(after) = trimmed.strip_prefix(fence) else {
            continue;
        };
        let Some(after) = after
            .strip_prefix('\n')
            .or_else(|| after.strip_prefix("\r\n"))
        else {
            continue;
        };
        let closing = format!("\n{fence}");
        let Some(end) = after
            .find(&closing)
            .or_else(|| after.starts_with(fence).then_some(0))
        else {
            continue;
        };
        let head = &after[..end];
        let body = after[end..]
            .trim_start_matches('\n')
            .strip_prefix(fence)
            .unwrap_or("");
        let fm = if fence == "+++" {
            toml_front_matter(head)
        } else {
            yaml_front_matter(head)
        };
        return (fm, body);
    }
    (FrontMatter::default(), trimmed)
}

fn toml_front_matter(head: &str) -> FrontMatter {
    let Ok(table) = head.parse::<toml::Table>() else {
        return FrontMatter::default();
    };
    let get = |k: &str| {
        table.get(k).and_then(|v| match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Array(a) => a.first().and_then(|v| v.as_str()).map(str::to_string),
            _ => None,
        })
    };
    FrontMatter {
        title: get("title"),
        date: get("date"),
        source: get("source"),
        url: get("url"),
        author: get("author"),
        lang: get("lang").or_else(|| get("language")),
    }
}

/// The flat `key: value` subset of YAML that front matter uses; quotes are stripped, nested
/// values and lists take their first item.
fn yaml_front_matter(head: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut last_key: Option<String> = None;
    for line in head.lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if let Some(key) = &last_key {
                set(&mut fm, key, item);
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let key = key.trim().to_ascii_lowercase();
        last_key = Some(key.clone());
        set(&mut fm, &key, value);
    }
    fm
}

fn set(fm: &mut FrontMatter, key: &str, value: &str) {
    let value = value.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
        .trim();
    if value.is_empty() {
        return;
    }
    let slot = match key {
        "title" => &mut fm.title,
        "date" | "published" => &mut fm.date,
        "source" | "sources" => &mut fm.source,
        "url" | "link" => &mut fm.url,
        "author" | "authors" => &mut fm.author,
        "lang" | "language" => &mut fm.lang,
        _ => return,
    };
    slot.get_or_insert_with(|| value.to_string());
}

/// Reads a Markdown article.
pub fn parse(text: &str, location: Location) -> Article {
    let (fm, body) = split_front_matter(text);
    let (mut blocks, links) = render(body);
    let title = match fm.title.clone() {
        Some(t) => t,
        None => match blocks.first() {
            Some(b) if b.kind == BlockKind::Heading => blocks.remove(0).text,
            Some(b) => b.text.clone(),
            None => String::new(),
        },
    };
    let url = fm.url.clone().filter(|u| u.contains("://"));
    let published = fm.date.as_deref().and_then(markup::parse_iso_date);
    let id = match &url {
        Some(u) => ArticleId::from_url(u),
        None => {
            let first_paragraph = blocks
                .iter()
                .find(|b| b.kind == BlockKind::Paragraph)
                .map_or("", |b| b.text.as_str());
            ArticleId::from_text_article(fm.source.as_deref(), &title, published, first_paragraph)
        }
    };
    Article {
        id,
        title,
        lang: fm.lang.clone(),
        published,
        sources: fm.source.clone().into_iter().collect(),
        url,
        byline: fm.author.clone(),
        credit: None,
        blocks,
        links,
        trailer: Vec::new(),
        origin: Origin {
            location,
            format: Format::Markdown,
            encoding: None,
        },
    }
}

/// Markdown to paragraphs and headings; list items, quotes and code are paragraphs.
fn render(markdown: &str) -> (Vec<Block>, Vec<Link>) {
    let mut blocks = Vec::new();
    let mut links = Vec::new();
    let mut current = String::new();
    let mut heading = false;
    let mut link: Option<(String, String)> = None;
    let flush = |current: &mut String, heading: bool, blocks: &mut Vec<Block>| {
        let text = markup::squash(current);
        current.clear();
        if !text.is_empty() {
            let kind = if heading {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block { kind, text });
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, heading, &mut blocks);
                heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, heading, &mut blocks);
                heading = false;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, label)) = link.take() {
                    let label = markup::squash(&label);
                    links.push(Link {
                        url,
                        label: (!label.is_empty()).then_some(label),
                    });
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => {
                flush(&mut current, heading, &mut blocks);
            }
            Event::Text(t) | Event::Code(t) => {
                current.push_str(&t);
                if let Some((_, label)) = link.as_mut() {
                    label.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                current.push_str(&markup::fragment_to_line(&h))
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, heading, &mut blocks);
    (blocks, links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter() {
        let (fm, body) = split_front_matter(
            "---\ntitle: \"Ein: Titel\"\ndate: 2022-03-04\nsource: Blatt\nurl: https://b.example/x\n---\n# H\n",
        );
        assert_eq!(fm.title.as_deref(), Some("Ein: Titel"));
        assert_eq!(fm.date.as_deref(), Some("2022-03-04"));
        assert_eq!(fm.source.as_deref(), Some("Blatt"));
        assert_eq!(fm.url.as_deref(), Some("https://b.example/x"));
        assert_eq!(body.trim(), "# H");
        let (fm, _) = split_front_matter("+++\ntitle = \"T\"\ndate = 2021-02-13\n+++\ntext");
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(fm.date.as_deref(), Some("2021-02-13"));
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let (fm, body) = split_front_matter("---\ntitle: x\nno end");
        assert_eq!(fm, FrontMatter::default());
        assert!(body.contains("no end"));
    }
}
