//! The quotes pane: who is quoted how often, then each quote with its speaker, in text order.

use super::{cell_text, pane_block};
use crate::tui::app::App;
use crate::tui::document::speaker_summary;
use crate::tui::layout::Pane;
use crate::tui::wrap::wrap;
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
    let width = usize::from(inner.width).max(1);
    let height = usize::from(inner.height);
    let mut header: Vec<Line> = Vec::new();
    if visible.is_empty() {
        header.push(Line::from("no quotes").style(Style::new().add_modifier(Modifier::DIM)));
    } else {
        let summary = speaker_summary(&o.quotes, &visible);
        for r in wrap(&summary, width) {
            header.push(
                Line::from(summary.get(r).unwrap_or("").to_string())
                    .style(Style::new().add_modifier(Modifier::DIM)),
            );
        }
    }
    let mut body: Vec<Line> = Vec::new();
    let mut selected_span = 0..0;
    for (n, &qi) in visible.iter().enumerate() {
        let Some(q) = o.quotes.get(qi) else { continue };
        let start = body.len();
        let focused = n == o.quote_selected && app.focus == Pane::Quotes;
        let who = match &q.speaker {
            Some(s) => Line::from(cell_text(s))
                .style(Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan)),
            None => Line::from("unattributed").style(Style::new().add_modifier(Modifier::DIM)),
        };
        body.push(who);
        let text = format!("“{}”", cell_text(&q.text));
        for r in wrap(&text, width.saturating_sub(2).max(1)) {
            body.push(Line::from(format!("  {}", text.get(r).unwrap_or(""))));
        }
        if focused || (n == o.quote_selected) {
            selected_span = start..body.len();
        }
        if focused {
            for l in &mut body[start..] {
                l.style = l.style.add_modifier(Modifier::REVERSED);
            }
        }
        body.push(Line::from(""));
    }
    // Keep the selected quote on screen: scroll just enough to show its last line.
    let room = height.saturating_sub(header.len() + 1).max(1);
    let top = selected_span
        .end
        .saturating_sub(room)
        .min(selected_span.start);
    let mut lines = header;
    lines.push(Line::from(""));
    lines.extend(body.into_iter().skip(top));
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), inner);
}
