//! Drawing: [`view`] reads the app and draws one frame; it never changes state. Each pane and
//! popup has its own file. Only the rows on screen are built, whatever the library's size.

pub mod hyperlinks;
mod list;
mod popup;
mod quotes;
mod reader;
mod status;
mod stories;

use super::app::App;
use super::layout::{self, Pane};
use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        let msg = format!(
            "terminal too small: {}×{}, needs {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let areas = layout::areas(area, app.focus);
    if let Some(r) = areas.list {
        list::draw(app, frame, r);
    }
    if let Some(r) = areas.reader {
        reader::draw(app, frame, r);
    }
    if let Some(r) = areas.quotes {
        quotes::draw(app, frame, r);
    }
    status::draw(app, frame, areas.status);
    if let Some(p) = &app.popup {
        popup::draw(app, p, frame, area);
    }
}

/// A pane's frame: bordered, titled, brighter when focused.
fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let focused = app.focus == pane;
    let block = Block::bordered().title(Line::from(format!(" {title} ")));
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(Style::new().fg(Color::Cyan))
            .title_style(Style::new().add_modifier(Modifier::BOLD))
    } else {
        block.border_style(Style::new().fg(Color::DarkGray))
    }
}

/// Text made safe for a single line of cells: no escape sequences, no controls, no line ends.
fn cell_text(text: &str) -> String {
    let clean = crate::text::sanitize(text);
    if clean.contains('\n') {
        clean.replace('\n', " ")
    } else {
        clean.into_owned()
    }
}
