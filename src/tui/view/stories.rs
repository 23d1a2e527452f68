//! The stories view: the library's stories of two articles or more (count, languages, date span,
//! first title), and for the selected one its titles and a timeline of coverage by day.

use super::cell_text;
use crate::tui::stories::StoryRow;
use crate::tui::wrap::truncate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Sparkline};

pub fn draw(rows: &[StoryRow], alone: usize, selected: usize, frame: &mut Frame, area: Rect) {
    let rect = Rect::new(
        area.x + area.width.min(2),
        area.y + area.height.min(1),
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let block = Block::bordered()
        .title(format!(
            " Stories: {}, {alone} articles alone (Enter opens the first) ",
            rows.len()
        ))
        .border_style(Style::new().fg(Color::Yellow));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let story = rows.get(selected);
    // The detail: a timeline of three rows and up to four titles, when there is room.
    let titles = story.map_or(0, |s| s.titles.len().min(4));
    let detail = u16::try_from(4 + titles)
        .unwrap_or(u16::MAX)
        .min(inner.height / 2);
    let [list, detail] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(detail)]).areas(inner);
    draw_list(rows, selected, frame, list);
    if let Some(story) = story
        && detail.height > 0
    {
        draw_detail(story, frame, detail);
    }
}

fn span(s: &StoryRow) -> String {
    match (s.first, s.last) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.to_string(), b.to_string());
            if a == b { a } else { format!("{a} – {b}") }
        }
        _ => "undated".into(),
    }
}

fn draw_list(rows: &[StoryRow], selected: usize, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    // Keep the selection on screen; only the rows shown are built.
    let top = (selected + 1).saturating_sub(height);
    let shown = || rows.iter().enumerate().skip(top).take(height);
    // The languages' column is as wide as the widest list shown, up to a quarter of the view
    // (a story told in a dozen languages is cut short rather than pushing the titles away).
    let langs = |s: &StoryRow| s.langs.join(",");
    let column = shown()
        .map(|(_, s)| langs(s).len())
        .max()
        .unwrap_or(0)
        .clamp(2, (width / 4).max(11));
    let lines: Vec<Line> = shown()
        .map(|(i, s)| {
            let text = format!(
                "{:>4}  {:<column$}  {:<23}  {}",
                s.articles.len(),
                truncate(&langs(s), column),
                span(s),
                cell_text(s.titles.first().map_or("", String::as_str))
            );
            let line = Line::from(truncate(&text, width));
            if i == selected {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_detail(story: &StoryRow, frame: &mut Frame, area: Rect) {
    let [timeline, titles] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(0)]).areas(area);
    let days = story.per_day.len();
    let label = format!(
        " {} article(s) over {days} day(s): {} ",
        story.articles.len(),
        span(story)
    );
    // One bar per day; a span wider than the pane shows its first days.
    let width = usize::from(timeline.width.saturating_sub(2));
    let bars: Vec<u64> = story.per_day.iter().take(width).copied().collect();
    frame.render_widget(
        Sparkline::default()
            .block(Block::bordered().title(label))
            .data(&bars)
            .style(Style::new().fg(Color::Cyan)),
        timeline,
    );
    let width = usize::from(titles.width);
    let lines: Vec<Line> = story
        .titles
        .iter()
        .take(usize::from(titles.height))
        .map(|t| Line::from(truncate(&format!("• {}", cell_text(t)), width)))
        .collect();
    frame.render_widget(Paragraph::new(lines), titles);
}
