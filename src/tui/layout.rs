//! Where each pane goes for a terminal size: wide (list | reader | quotes), medium (list on top,
//! reader and quotes below), narrow (the focused pane alone). A pure function of the size and the
//! focus, so mouse clicks are mapped with the same rectangles the view draws into.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// Below this the reader shows only a "terminal too small" message.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, the three panes stand side by side.
pub const WIDE: u16 = 120;
/// From this width on, the reader and the quotes share the lower half.
pub const MEDIUM: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Quotes,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Quotes];
}

/// The rectangles of one frame; a pane not shown has `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub quotes: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Quotes => self.quotes,
        }
    }

    /// The pane under (column, row).
    pub fn pane_at(&self, col: u16, row: u16) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| {
            self.of(*p)
                .is_some_and(|r| r.contains(ratatui::layout::Position::new(col, row)))
        })
    }
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn areas(area: Rect, focus: Pane) -> Areas {
    if too_small(area) {
        return Areas::default();
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let mut out = Areas {
        status,
        ..Areas::default()
    };
    if area.width >= WIDE {
        let [l, r, q] = Layout::horizontal([
            Constraint::Percentage(38),
            Constraint::Percentage(40),
            Constraint::Percentage(22),
        ])
        .areas(main);
        (out.list, out.reader, out.quotes) = (Some(l), Some(r), Some(q));
    } else if area.width >= MEDIUM && area.height >= 20 {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(35), Constraint::Percentage(65)]).areas(main);
        let [r, q] = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(65), Constraint::Percentage(35)])
            .areas(bottom);
        (out.list, out.reader, out.quotes) = (Some(top), Some(r), Some(q));
    } else {
        match focus {
            Pane::List => out.list = Some(main),
            Pane::Reader => out.reader = Some(main),
            Pane::Quotes => out.quotes = Some(main),
        }
    }
    out
}

/// Rows inside a bordered pane.
pub fn inner_height(r: Option<Rect>) -> usize {
    r.map_or(0, |r| usize::from(r.height.saturating_sub(2)))
}

/// Columns inside a bordered pane.
pub fn inner_width(r: Option<Rect>) -> usize {
    r.map_or(0, |r| usize::from(r.width.saturating_sub(2)))
}
