//! The article list: a read/unread marker, title, source, date and language per row; only the rows
//! on screen are built.

use super::{cell_text, pane_block};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::wrap::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (all, unread) = app.library.counts();
    let mut title = format!("Articles ({all}, {unread} unread)");
    if !app.filter.is_empty() || !app.search.query.is_empty() {
        let mut what = app.filter.describe();
        if !app.search.query.is_empty() {
            if !what.is_empty() {
                what.push_str(" · ");
            }
            what.push('/');
            what.push_str(&cell_text(&app.search.query));
        }
        title.push_str(&format!(" — {} shown: {what}", app.shown.len()));
    }
    let block = pane_block(app, Pane::List, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let entries = app.library.entries();
    let rows: Vec<Line> = app
        .shown
        .iter()
        .enumerate()
        .skip(app.list_top)
        .take(height)
        .filter_map(|(at, &i)| entries.get(i).map(|e| (at, e)))
        .map(|(at, e)| {
            let s = &e.summary;
            let marker = if e.read { "  " } else { "● " };
            let source = truncate(&cell_text(s.sources.first().map_or("", String::as_str)), 14);
            let date = s.published.map(|p| p.to_string()).unwrap_or_default();
            let lang = cell_text(s.lang.as_deref().unwrap_or(""));
            let right = if source.is_empty() && date.is_empty() && lang.is_empty() {
                // Nothing to show: the title gets the whole row.
                String::new()
            } else if width >= 60 {
                format!(" {source:<14} {date:<10} {lang:<2}")
            } else if width >= 40 {
                format!(" {date:<10} {lang:<2}")
            } else {
                String::new()
            };
            let title_w = width.saturating_sub(2 + right.width());
            let title = truncate(&cell_text(&s.title), title_w);
            let pad = title_w.saturating_sub(title.width());
            let mut style = Style::new();
            if !e.read {
                style = style.add_modifier(Modifier::BOLD);
            }
            if at == app.selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            Line::from(vec![
                Span::raw(marker),
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(right, Style::new().add_modifier(Modifier::DIM)),
            ])
            .style(style)
        })
        .collect();
    let rows = if rows.is_empty() {
        let msg = if app.loading.is_some() {
            "loading…"
        } else if app.library.is_empty() {
            "no articles"
        } else {
            "no article matches"
        };
        vec![Line::from(msg)]
    } else {
        rows
    };
    frame.render_widget(Paragraph::new(rows), inner);
}
