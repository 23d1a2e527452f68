//! The reading pane: the opened article's laid-out lines from the scroll position, with quotes
//! marked (underlined) and the quote chosen in the quotes pane highlighted; its bottom border
//! says how many articles are linked to it.

use super::{cell_text, pane_block};
use crate::tui::app::{App, Opened};
use crate::tui::document::{DocLine, LineStyle};
use crate::tui::layout::Pane;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(o) = &app.opened else {
        let block = pane_block(app, Pane::Reader, "Reader".into());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new("Enter opens the selected article; ? lists the keys.")
                .style(Style::new().add_modifier(Modifier::DIM))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    };
    let title = if o.lines.is_empty() {
        "Reader".to_string()
    } else {
        format!(
            "Reader {}/{}",
            (o.scroll + 1).min(o.lines.len()),
            o.lines.len()
        )
    };
    let mut block = pane_block(app, Pane::Reader, title);
    if !o.linked.is_empty() {
        block =
            block.title_bottom(Line::from(linked_summary(o)).style(Style::new().fg(Color::Cyan)));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let offsets = o.article.block_offsets();
    let lines: Vec<Line> = o
        .lines
        .iter()
        .skip(o.scroll)
        .take(usize::from(inner.height))
        .map(|l| draw_line(o, l, &offsets))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How many articles are linked, with their outlets and languages: "2 linked: Outlet (it), …".
fn linked_summary(o: &Opened) -> String {
    let mut seen = Vec::new();
    for r in &o.linked {
        let label = format!("{} ({})", cell_text(&r.outlet), cell_text(&r.lang));
        if !seen.contains(&label) {
            seen.push(label);
        }
    }
    format!(
        " {} linked: {} — L lists them ",
        o.linked.len(),
        seen.join(", ")
    )
}

fn base_style(style: LineStyle) -> Style {
    match style {
        LineStyle::Title => Style::new().add_modifier(Modifier::BOLD),
        LineStyle::Meta => Style::new().add_modifier(Modifier::DIM),
        LineStyle::Heading => Style::new()
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        LineStyle::Post => Style::new().add_modifier(Modifier::ITALIC),
        LineStyle::PostAuthor => Style::new().add_modifier(Modifier::DIM),
        LineStyle::Link => Style::new().fg(Color::Cyan),
        LineStyle::Body | LineStyle::Blank => Style::new(),
    }
}

/// One line, split where quotes start and end.
fn draw_line<'a>(o: &'a Opened, l: &'a DocLine, offsets: &[usize]) -> Line<'a> {
    let base = base_style(l.style);
    let mut spans = Vec::new();
    if l.indent > 0 {
        let bar = if matches!(l.style, LineStyle::Post) {
            "│ "
        } else {
            "  "
        };
        spans.push(Span::styled(
            format!("{bar:<width$}", width = usize::from(l.indent)),
            Style::new().fg(Color::DarkGray),
        ));
    }
    let Some((block, off)) = l.block else {
        spans.push(Span::styled(l.text.as_str(), base));
        return Line::from(spans);
    };
    let Some(&block_start) = offsets.get(block) else {
        spans.push(Span::styled(l.text.as_str(), base));
        return Line::from(spans);
    };
    let line_start = block_start + off;
    let line_end = line_start + l.text.len();
    let mut at = line_start;
    for (qi, q) in o.quotes.iter().enumerate() {
        let (s, e) = (q.range.start.max(line_start), q.range.end.min(line_end));
        if s >= e || s < at {
            continue;
        }
        if let Some(before) = l.text.get(at - line_start..s - line_start) {
            spans.push(Span::styled(before, base));
        }
        let style = if o.highlight == Some(qi) {
            base.bg(Color::Yellow).fg(Color::Black)
        } else {
            base.add_modifier(Modifier::UNDERLINED)
        };
        if let Some(inside) = l.text.get(s - line_start..e - line_start) {
            spans.push(Span::styled(inside, style));
        }
        at = e;
    }
    if let Some(rest) = l.text.get(at - line_start..) {
        spans.push(Span::styled(rest, base));
    }
    Line::from(spans)
}
