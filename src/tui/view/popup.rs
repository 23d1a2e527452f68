//! The popups, drawn centred over the panes: help (generated from the keymap), the yes/no question,
//! the filter choices, the article's links and the feeds that failed to update.

use super::cell_text;
use crate::tui::app::App;
use crate::tui::popup::Popup;
use crate::tui::wrap::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(app: &App, popup: &Popup, frame: &mut Frame, area: Rect) {
    if let Popup::Stories {
        rows,
        alone,
        selected,
    } = popup
    {
        return super::stories::draw(rows, *alone, *selected, frame, area);
    }
    let (title, lines, selected): (String, Vec<String>, Option<usize>) = match popup {
        Popup::Help { scroll } => {
            let help = app.keymap.help();
            let key_w = help
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            let lines = help
                .into_iter()
                .map(|(keys, desc)| format!("{keys:<key_w$}  {desc}"))
                .skip(*scroll)
                .collect();
            ("Keys (q closes)".into(), lines, None)
        }
        Popup::ConfirmMarkAll { count } => (
            "Mark all read?".into(),
            vec![
                format!("Mark the {count} unread shown articles read?"),
                String::new(),
                "y / Enter: yes    n / Esc: no".into(),
            ],
            None,
        ),
        Popup::Filter { choices, selected } => (
            "Filter (Enter chooses, Esc clears)".into(),
            choices
                .iter()
                .map(|c| cell_text(&c.label(app.filter.unread_only)))
                .collect(),
            Some(*selected),
        ),
        Popup::Links { links, selected } => (
            "Links (Enter opens)".into(),
            links
                .iter()
                .enumerate()
                .map(|(n, url)| format!("[{}] {}", n + 1, cell_text(url)))
                .collect(),
            Some(*selected),
        ),
        Popup::FeedErrors { errors, selected } => (
            format!("{} feed(s) failed (q closes)", errors.len()),
            errors.iter().map(|e| cell_text(e)).collect(),
            Some(*selected),
        ),
        Popup::Linked { rows, selected } => (
            format!("Linked articles: {} (Enter jumps)", rows.len()),
            rows.iter()
                .map(|r| {
                    let mut line = format!(
                        "{}  {}  {:<10}  {}",
                        cell_text(&r.outlet),
                        cell_text(&r.lang),
                        r.date,
                        cell_text(&r.title)
                    );
                    if !r.shared.is_empty() {
                        line.push_str("  — ");
                        line.push_str(&cell_text(&r.shared.join(", ")));
                    }
                    line
                })
                .collect(),
            Some(*selected),
        ),
        Popup::Stories { .. } => return,
    };
    let content_w = lines
        .iter()
        .map(|l| l.chars().count())
        .chain([title.chars().count() + 2])
        .max()
        .unwrap_or(0);
    let w = u16::try_from(content_w + 4)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(4))
        .max(area.width.min(20));
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let rect = Rect::new(
        area.x + area.width.saturating_sub(w) / 2,
        area.y + area.height.saturating_sub(h) / 2,
        w,
        h,
    );
    let inner_w = usize::from(w.saturating_sub(2));
    let inner_h = usize::from(h.saturating_sub(2));
    // Keep the selection visible in a long list.
    let top = selected.map_or(0, |s| (s + 1).saturating_sub(inner_h));
    let body: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(top)
        .take(inner_h)
        .map(|(i, l)| {
            let line = Line::from(truncate(l, inner_w));
            if selected == Some(i) {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(body).block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(Style::new().fg(Color::Yellow)),
        ),
        rect,
    );
}
