//! Building readers for the tests: a temp store, a small fixed library, and keys pressed through
//! the keymap as a user would press them.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, RwLock};
use tidings::article::{
    Article, ArticleId, Block, BlockKind, Format, Link, Location, Origin, Published, Summary,
};
use tidings::library::load::{Source, load_blocking};
use tidings::quotes::{Quote, QuoteKind};
use tidings::store::Store;
use tidings::stories::{Features, StoryIndex};
use tidings::tui::action::Action;
use tidings::tui::app::App;
use tidings::tui::keymap::Keymap;

pub fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui"))
}

/// A reader over the fixture folder with a store in `dir`, sized `w`×`h`.
pub fn app_over_fixtures(dir: &tempfile::TempDir, w: u16, h: u16) -> App {
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let mut app = App::new(store, Keymap::default(), true);
    app.update(Action::Resize(w, h));
    let (mut summaries, problems) = load_blocking(vec![Source::Path(fixtures())]);
    // Files are parsed in parallel; list them in path order so the tests read the same each run.
    summaries.sort_by_key(|s| s.location.display_path());
    assert!(problems.is_empty(), "{problems:?}");
    app.update(Action::Loaded(summaries));
    app.update(Action::LoadFinished);
    app
}

/// A reader over `sources` with a store in `dir`, sized `w`×`h`, and the story index built
/// whole from the articles' features (as the linking thread builds it while they load).
pub fn app_with_stories(dir: &tempfile::TempDir, sources: Vec<Source>, w: u16, h: u16) -> App {
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let mut app = App::new(store, Keymap::default(), true);
    app.update(Action::Resize(w, h));
    let (mut summaries, problems) = load_blocking(sources);
    summaries.sort_by_key(|s| s.location.display_path());
    assert!(problems.is_empty(), "{problems:?}");
    let mut index = StoryIndex::new();
    let mut articles: Vec<Article> = summaries
        .iter()
        .map(|s| tidings::library::open(s).unwrap())
        .collect();
    articles.sort_by_key(|a| (a.published, a.id));
    for a in &articles {
        index.add(a.id, &Features::of(a), a.published, a.lang.as_deref());
    }
    app.update(Action::Loaded(summaries));
    app.update(Action::LoadFinished);
    app.set_stories(Arc::new(RwLock::new(index)));
    app.update(Action::StoriesChanged);
    app
}

/// The folder of the two real seed articles, when it is there.
pub fn seeds() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is not there", dir.display());
        None
    }
}

/// Selects the article with this title in the list.
pub fn select_title(app: &mut App, title: &str) {
    let at = shown_titles(app)
        .iter()
        .position(|t| t == title)
        .unwrap_or_else(|| panic!("{title} is not listed"));
    press(app, "g");
    for _ in 0..at {
        press(app, "j");
    }
}

/// The read marks in the store at `dir`, read again from disk.
pub fn stored_marks(dir: &tempfile::TempDir) -> std::collections::HashSet<ArticleId> {
    Store::open(&dir.path().join("tidings.db"))
        .unwrap()
        .read_ids()
        .unwrap()
}

/// Presses keys as written: single characters, or `<Enter>`, `<Esc>`, `<Tab>`, `<BackTab>`,
/// `<Down>`, `<Up>`, `<Left>`, `<Right>`, `<Backspace>`, `<PageDown>`, `<Space>`, any of them
/// with Alt as `<Alt-Left>`.
pub fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let mut mods = KeyModifiers::empty();
        let (code, len) = if c == '<' {
            let end = rest.find('>').unwrap();
            let mut name = &rest[1..end];
            if let Some(plain) = name.strip_prefix("Alt-") {
                mods = KeyModifiers::ALT;
                name = plain;
            }
            let code = match name {
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Down" => KeyCode::Down,
                "Up" => KeyCode::Up,
                "Backspace" => KeyCode::Backspace,
                "PageDown" => KeyCode::PageDown,
                "Space" => KeyCode::Char(' '),
                other => panic!("unknown key {other}"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        rest = &rest[len..];
        let event = KeyEvent::new(code, mods);
        if let Some(action) = app.translate(&event) {
            app.update(action);
        }
    }
}

/// The titles of the articles the list shows, in order.
pub fn shown_titles(app: &App) -> Vec<String> {
    app.shown
        .iter()
        .map(|&i| app.library.entries()[i].summary.title.clone())
        .collect()
}

pub fn title_of_opened(app: &App) -> Option<String> {
    app.opened.as_ref().map(|o| o.article.title.clone())
}

fn block(kind: BlockKind, text: &str) -> Block {
    Block {
        kind,
        text: text.to_string(),
    }
}

/// A fixed article with every kind of block, written for these tests.
pub fn sample_article() -> Article {
    let blocks = vec![
        block(
            BlockKind::Paragraph,
            "The river authority closed the old bridge on Monday after engineers found cracks in two of its piers.",
        ),
        block(
            BlockKind::Paragraph,
            "“We will not take any chances with people’s safety,” said Anna Reiter, the authority’s chief engineer. The mayor called it a “temporary inconvenience”.",
        ),
        block(BlockKind::Heading, "What happens next"),
        block(
            BlockKind::Paragraph,
            "A ferry will run every twenty minutes. “The repairs should take about six weeks,” Reiter added.",
        ),
        block(
            BlockKind::Post {
                author: Some("Town Hall".into()),
                handle: Some("@townhall".into()),
                date: Some("3 May 2024".into()),
            },
            "The ferry is free for residents until the bridge reopens.",
        ),
        block(BlockKind::Link, "https://example.org/bridge-repairs"),
        block(
            BlockKind::Paragraph,
            "Shop owners near the bridge fear a quiet summer. „Wir hoffen auf schnelle Arbeit“, sagte eine Händlerin.",
        ),
    ];
    let mut a = Article {
        id: ArticleId::from_key("bridge"),
        title: "Old bridge closed for repairs after cracks are found".into(),
        lang: Some("en".into()),
        published: Some(Published {
            year: 2024,
            month: 5,
            day: Some(3),
            time: None,
        }),
        sources: vec!["Valley Courier".into()],
        url: Some("https://example.org/news/bridge".into()),
        byline: None,
        credit: None,
        blocks,
        links: vec![Link {
            url: "https://example.org/ferry-timetable".into(),
            label: None,
        }],
        trailer: vec![],
        origin: Origin {
            location: Location::File("/nonexistent/bridge.txt".into()),
            format: Format::Text,
            encoding: None,
        },
    };
    a.id = ArticleId::from_key(&a.title);
    a
}

/// The quotes of [`sample_article`], written out so the pane's drawing is tested on its own.
pub fn sample_quotes(a: &Article) -> Vec<Quote> {
    let body = a.body();
    let offsets = a.block_offsets();
    let q = |block: usize, text: &str, speaker: Option<&str>, kind| {
        let start = body[offsets[block]..].find(text).unwrap() + offsets[block];
        Quote {
            text: text.to_string(),
            block,
            range: start..start + text.len(),
            speaker: speaker.map(String::from),
            mention: None,
            cue: None,
            kind,
        }
    };
    vec![
        q(
            1,
            "We will not take any chances with people’s safety,",
            Some("Anna Reiter"),
            QuoteKind::Speech,
        ),
        q(1, "temporary inconvenience", None, QuoteKind::Term),
        q(
            3,
            "The repairs should take about six weeks,",
            Some("Anna Reiter"),
            QuoteKind::Speech,
        ),
        q(
            4,
            "The ferry is free for residents until the bridge reopens.",
            Some("Town Hall"),
            QuoteKind::Post,
        ),
        q(6, "Wir hoffen auf schnelle Arbeit", None, QuoteKind::Speech),
    ]
}

/// Summaries for a fixed list: the sample article and a few more rows.
pub fn sample_summaries() -> Vec<Summary> {
    let mut out = vec![sample_article().summary()];
    let rows = [
        (
            "Council debates the night bus budget",
            "de",
            "Stadtblatt",
            2024,
            4,
        ),
        (
            "Nuovo orario per i treni regionali",
            "it",
            "Gazzetta Locale",
            2024,
            2,
        ),
        (
            "Library extends its opening hours",
            "en",
            "Valley Courier",
            2023,
            11,
        ),
        ("東京で新しい美術館が開館", "ja", "Asahi Test", 2024, 1),
    ];
    for (title, lang, source, year, month) in rows {
        out.push(Summary {
            id: ArticleId::from_key(title),
            title: title.into(),
            lang: Some(lang.into()),
            published: Some(Published {
                year,
                month,
                day: Some(12),
                time: None,
            }),
            sources: vec![source.into()],
            url: None,
            location: Location::File(format!("/nonexistent/{month}.txt").into()),
            words: 120,
        });
    }
    out
}

/// A reader over the fixed list with the sample article open, sized `w`×`h`, store in memory.
pub fn sample_app(w: u16, h: u16) -> App {
    let mut app = App::new(Store::in_memory().unwrap(), Keymap::default(), true);
    app.update(Action::Resize(w, h));
    app.update(Action::Loaded(sample_summaries()));
    app.update(Action::LoadFinished);
    let a = sample_article();
    let quotes = sample_quotes(&a);
    app.show(Rc::new(a), Rc::new(quotes));
    app.update(Action::Resize(w, h));
    app
}

/// The app drawn on a test terminal of `w`×`h`.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| tidings::tui::view::view(app, f)).unwrap();
    terminal
}

/// A test terminal's screen as text, a line a row.
pub fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The app drawn at its own size, as text.
pub fn screen(app: &App) -> String {
    screen_text(&draw(app, app.size.0, app.size.1))
}
