//! The quotes pane: who is quoted how often, then each quote with its speaker, in text order
//! (rows from [`crate::tui::quote_rows`]); the selected quote reversed when the pane has focus.

use super::pane_block;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::quote_rows::{RowKind, rows};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let visible = app.visible_quotes();
    let title = match &app.opened {
        Some(_) if app.show_terms => format!("Quotes ({}, with terms)", visible.len()),
        Some(_) => format!("Quotes ({})", visible.len()),
        None => "Quotes".to_string(),
    };
    let block = pane_block(app, Pane::Quotes, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(o) = &app.opened else {
        return;
    };
    if o.quotes_pending {
        let note =
            Paragraph::new("finding quotes…").style(Style::new().add_modifier(Modifier::DIM));
        frame.render_widget(note, inner);
        return;
    }
    let focused = app.focus == Pane::Quotes;
    let lines: Vec<Line> = rows(
        &o.quotes,
        app.show_terms,
        o.quote_selected,
        usize::from(inner.width),
        usize::from(inner.height),
    )
    .into_iter()
    .map(|r| {
        let mut style = match r.kind {
            RowKind::Header | RowKind::Unattributed => Style::new().add_modifier(Modifier::DIM),
            RowKind::Speaker => Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan),
            RowKind::Text | RowKind::Blank => Style::new(),
        };
        if focused && r.quote == Some(o.quote_selected) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        Line::from(r.text).style(style)
    })
    .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
