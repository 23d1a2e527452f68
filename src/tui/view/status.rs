//! The status bar: the search field while typing, else a message or the focused pane's key hints,
//! and the load progress on the right.

use super::cell_text;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::wrap::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let right = match (app.updating, app.loading) {
        (Some((done, total)), _) => format!(" updating feeds… {done}/{total} "),
        (None, Some(done)) => {
            format!(" loading… {} articles ({done} files) ", app.library.len())
        }
        (None, None) => String::new(),
    };
    let width = usize::from(area.width).saturating_sub(right.width());
    let (left, style) = if app.search.editing {
        (
            format!(
                "/{}▏ {} shown",
                cell_text(&app.search.query),
                app.shown.len()
            ),
            Style::new().fg(Color::Yellow),
        )
    } else if let Some(msg) = &app.status {
        (cell_text(msg), Style::new().fg(Color::Yellow))
    } else {
        (hints(app), Style::new().add_modifier(Modifier::DIM))
    };
    let line = Line::from(vec![
        Span::styled(truncate(&left, width), style),
        Span::raw(" ".repeat(width.saturating_sub(truncate(&left, width).width()))),
        Span::styled(right, Style::new().fg(Color::Green)),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The keys that matter in the focused pane, as the keymap binds them.
fn hints(app: &App) -> String {
    let k = |name: &str| {
        app.keymap
            .keys_of(name)
            .first()
            .cloned()
            .unwrap_or_default()
    };
    let pairs: Vec<(String, &str)> = match app.focus {
        Pane::List => vec![
            (k("open"), "open"),
            (k("next_unread"), "next unread"),
            (k("toggle_read"), "read/unread"),
            (k("mark_all_read"), "all read"),
            (k("search"), "search"),
            (k("filter"), "filter"),
        ],
        Pane::Reader => vec![
            (k("page_down"), "page"),
            (k("links"), "links"),
            (k("open_in_browser"), "browser"),
            (k("next_unread"), "next unread"),
        ],
        Pane::Quotes => vec![(k("open"), "show in text"), (k("toggle_terms"), "terms")],
    };
    let mut out: Vec<String> = pairs
        .into_iter()
        .filter(|(key, _)| !key.is_empty())
        .map(|(key, what)| format!("{key} {what}"))
        .collect();
    out.push(format!("{} focus", k("focus_next")));
    out.push(format!("{} help", k("help")));
    out.push(format!("{} quit", k("quit")));
    out.join("  ")
}
