//! Drawing on a TestBackend: the layouts (snapshots), the popups, every small size without a
//! panic, and no control character ever reaching a cell.

mod tui_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tidings::article::{ArticleId, Location, Summary};
use tidings::tui::action::Action;
use tidings::tui::app::App;
use tui_support::*;

#[test]
fn wide_layout_120x40() {
    let app = sample_app(120, 40);
    let t = draw(&app, 120, 40);
    let text = screen_text(&t);
    assert!(text.contains("Articles (5, 5 unread)"), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn medium_layout_80x24() {
    let app = sample_app(80, 24);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn help_popup() {
    let mut app = sample_app(120, 40);
    press(&mut app, "?");
    let t = draw(&app, 120, 40);
    let text = screen_text(&t);
    for (_, _, desc) in tidings::tui::action::BINDABLE {
        assert!(text.contains(desc), "help misses {desc}");
    }
    insta::assert_snapshot!(t.backend());
}

#[test]
fn quotes_pane_with_and_without_terms() {
    let mut app = sample_app(120, 40);
    press(&mut app, "<Tab><Tab>");
    let area = app.areas().quotes.unwrap();
    let t = draw(&app, 120, 40);
    let buf = t.backend().buffer();
    let pane: String = (area.y..area.y + area.height)
        .map(|y| {
            (area.x..area.x + area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    let words: Vec<&str> = pane
        .split(|c: char| c.is_whitespace() || "┃━┏┓┗┛".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let words = words.join(" ");
    assert!(
        words.contains("Anna Reiter 2 · Town Hall 1 · unattributed 1 Anna Reiter “We will"),
        "{words}"
    );
    assert!(!pane.contains("temporary inconvenience"), "{pane}");
    insta::assert_snapshot!("quotes_pane", pane);
    press(&mut app, "t");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("temporary inconvenience"), "{text}");
}

#[test]
fn filter_and_confirm_popups() {
    let mut app = sample_app(120, 40);
    press(&mut app, "f");
    let text = screen_text(&draw(&app, 120, 40));
    for want in ["unread only", "language: it", "source: Stadtblatt"] {
        assert!(text.contains(want), "{want}: {text}");
    }
    press(&mut app, "<Esc>A");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        text.contains("Mark the 5 unread shown articles read?"),
        "{text}"
    );
}

#[test]
fn every_size_from_1x1_to_40x15_draws_without_panic() {
    let mut app = sample_app(120, 40);
    for keys in ["", "?", "f", "<Esc>u"] {
        press(&mut app, keys);
        for w in 1..=40 {
            for h in 1..=15 {
                app.update(Action::Resize(w, h));
                let t = draw(&app, w, h);
                if w < 30 || h < 8 {
                    let text = screen_text(&t);
                    let squeezed: String = text.split_whitespace().collect();
                    assert!(
                        w * h < 20 || squeezed.starts_with("termi"),
                        "{w}×{h}: {text}"
                    );
                }
            }
        }
    }
}

#[test]
fn control_characters_never_reach_a_cell() {
    let mut app = App::new(
        tidings::store::Store::in_memory().unwrap(),
        Default::default(),
        true,
    );
    app.update(Action::Resize(120, 40));
    let nasty = "Evil \u{1b}]0;pwned\u{7}title \u{1b}[31mred\u{9b}2J\r\nnext";
    app.update(Action::Loaded(vec![Summary {
        id: ArticleId::from_key("x"),
        title: nasty.into(),
        lang: Some("e\u{1b}n".into()),
        published: None,
        sources: vec!["\u{7}src\u{8}".into()],
        url: None,
        location: Location::File("/nonexistent/\u{1b}[2J.txt".into()),
        words: 1,
    }]));
    app.update(Action::LoadProblem(
        "cannot read /tmp/\u{1b}[2Jx: gone".into(),
    ));
    press(&mut app, "<Enter>");
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        app.update(Action::Resize(w, h));
        let t = draw(&app, w, h);
        for cell in t.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "{:?} at {w}×{h}",
                cell.symbol()
            );
        }
    }
}

/// The cell where `needle` first starts inside `area`.
fn find_in(
    t: &Terminal<TestBackend>,
    area: ratatui::layout::Rect,
    needle: &str,
) -> Option<(u16, u16)> {
    let buf = t.backend().buffer();
    for y in area.y..area.y + area.height {
        let row: Vec<&str> = (area.x..area.x + area.width)
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let line = row.concat();
        if let Some(byte) = line.find(needle) {
            // Count cells up to the byte offset.
            let mut at = 0;
            for (x, s) in row.iter().enumerate() {
                if at >= byte {
                    return Some((area.x + x as u16, y));
                }
                at += s.len();
            }
        }
    }
    None
}

#[test]
fn selection_quotes_and_the_shown_quote_are_styled() {
    use ratatui::style::{Color, Modifier};
    let mut app = sample_app(120, 40);
    press(&mut app, "j");
    let t = draw(&app, 120, 40);
    let buf = t.backend().buffer();
    let list = app.areas().list.unwrap();
    let reader = app.areas().reader.unwrap();
    let (x, y) = find_in(&t, list, "Council debates").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find_in(&t, list, "Library extends").unwrap();
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // A quote in the reading pane is underlined; the text around it is not.
    let (x, y) = find_in(&t, reader, "We will not take").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = find_in(&t, reader, "The river authority").unwrap();
    assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    // Enter on the first quote highlights it in the text.
    press(&mut app, "<Tab><Tab><Enter>");
    let t = draw(&app, 120, 40);
    let buf = t.backend().buffer();
    let highlighted = (reader.y..reader.y + reader.height)
        .flat_map(|y| (reader.x..reader.x + reader.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::Yellow)
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect::<String>();
    // Spaces at the line break are not drawn; compare the words.
    assert_eq!(
        highlighted.replace(' ', ""),
        "We will not take any chances with people’s safety,".replace(' ', "")
    );
}

/// In the real terminal the reading pane's link is wrapped in OSC 8 sequences carrying its URL;
/// every other cell is as the view drew it, and the link reads the same once the sequences are
/// taken out.
#[test]
fn links_become_hyperlinks_and_nothing_else_changes() {
    let app = sample_app(140, 50);
    let mut t = draw(&app, 140, 50);
    let plain = t.backend().buffer().clone();
    t.draw(|f| {
        tidings::tui::view::view(&app, f);
        tidings::tui::view::hyperlinks::apply(&app, f.buffer_mut());
    })
    .unwrap();
    let linked = t.backend().buffer().clone();
    let urls = [
        "https://example.org/bridge-repairs",
        "https://example.org/ferry-timetable",
    ];
    let close = "\x1b]8;;\x1b\\";
    let mut carried = [0, 0];
    for y in 0..plain.area.height {
        for x in 0..plain.area.width {
            let (p, l) = (plain[(x, y)].symbol(), linked[(x, y)].symbol());
            if p == l {
                continue;
            }
            let (n, inner) = urls
                .iter()
                .enumerate()
                .find_map(|(n, url)| {
                    let open = format!("\x1b]8;;{url}\x1b\\");
                    Some((n, l.strip_prefix(open.as_str())?.strip_suffix(close)?))
                })
                .unwrap_or_else(|| panic!("cell {x},{y} changed to {l:?}"));
            // The pair's text: this cell's and the next one's, which is skipped.
            assert!(inner.starts_with(p), "{inner:?} vs {p:?}");
            carried[n] += inner.len();
        }
    }
    assert_eq!(carried, urls.map(str::len));
}
