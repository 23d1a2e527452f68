//! The reading pane's links as OSC 8 hyperlinks, clickable in terminals that support them (others
//! ignore the sequence). A pass over the drawn buffer made only for the real terminal: what the
//! view draws stays plain text everywhere else, tests included.
//!
//! Ratatui measures a cell by its symbol, so, as its hyperlink example does, each pair of cells
//! carries the sequence around its two characters and the second cell is skipped. The URL is
//! article text, so it is written only when it is printable ASCII: nothing it holds can end the
//! sequence early or start another.

use crate::tui::app::App;
use crate::tui::document::{LineStyle, numbered_links};
use crate::tui::layout;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use std::num::NonZeroU16;

/// Wraps the visible link text of the reading pane in OSC 8 sequences.
pub fn apply(app: &App, buf: &mut Buffer) {
    let area = buf.area;
    if app.popup.is_some() || layout::too_small(area) {
        return;
    }
    let (Some(reader), Some(o)) = (layout::areas(area, app.focus).reader, &app.opened) else {
        return;
    };
    let inner = Rect {
        x: reader.x + 1,
        y: reader.y + 1,
        width: reader.width.saturating_sub(2),
        height: reader.height.saturating_sub(2),
    };
    let links = numbered_links(&o.article);
    let end = o.scroll + usize::from(inner.height);
    // The link a line shows: set by its `[n] ` line, kept by the lines it wraps onto.
    let mut current: Option<&str> = None;
    for (i, line) in o.lines.iter().enumerate().take(end) {
        let mut from = 0;
        if line.style != LineStyle::Link {
            current = None;
            continue;
        }
        if let Some((n, rest)) = numbered(&line.text) {
            current = n
                .checked_sub(1)
                .and_then(|n| links.get(n))
                .map(String::as_str);
            from = line.text.len() - rest.len();
        }
        let Some(url) = current.filter(|u| safe(u)) else {
            continue;
        };
        if i < o.scroll || !line.text.is_ascii() {
            continue;
        }
        let y = inner.y + (i - o.scroll) as u16;
        let width = line.text.len().min(usize::from(inner.width)) as u16;
        link_cells(buf, y, inner.x + from as u16, inner.x + width, url);
    }
}

/// `[n] rest` → (n, rest); the URL may also start on the next line (`[n]` alone).
fn numbered(text: &str) -> Option<(usize, &str)> {
    let (n, rest) = text.strip_prefix('[')?.split_once(']')?;
    Some((n.parse().ok()?, rest.trim_start()))
}

/// Printable ASCII without spaces: a URL that cannot break out of the sequence.
fn safe(url: &str) -> bool {
    !url.is_empty() && url.bytes().all(|b| (0x21..0x7f).contains(&b))
}

/// Cells `from..to` of row `y` as one hyperlink to `url`, two cells a sequence.
fn link_cells(buf: &mut Buffer, y: u16, from: u16, to: u16, url: &str) {
    let mut x = from;
    while x < to {
        let pair = x + 1 < to;
        let second = if pair {
            buf.cell((x + 1, y)).map(|c| c.symbol().to_string())
        } else {
            None
        };
        if let Some(cell) = buf.cell_mut((x, y)) {
            let symbol = format!(
                "\x1b]8;;{url}\x1b\\{}{}\x1b]8;;\x1b\\",
                cell.symbol(),
                second.unwrap_or_default()
            );
            // The sequence is no wider than the characters it carries.
            let width = NonZeroU16::new(if pair { 2 } else { 1 }).unwrap_or(NonZeroU16::MIN);
            cell.set_symbol(&symbol)
                .set_diff_option(CellDiffOption::ForcedWidth(width));
        }
        if pair && let Some(cell) = buf.cell_mut((x + 1, y)) {
            cell.set_diff_option(CellDiffOption::Skip);
        }
        x += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urls_that_cannot_end_the_sequence_are_linked() {
        assert!(safe("https://example.org/a?b=c&d=%20"));
        assert!(!safe("https://example.org/\x1b]8;;evil\x1b\\"));
        assert!(!safe("https://example.org/a b"));
        assert!(!safe("https://example.org/\x07"));
        assert!(!safe(""));
        assert_eq!(numbered("[12] https://x.org"), Some((12, "https://x.org")));
        assert_eq!(numbered("[3]"), Some((3, "")));
        assert_eq!(numbered("https://x.org"), None);
    }

    #[test]
    fn each_pair_of_cells_carries_the_link_and_the_second_is_skipped() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "abcde", ratatui::style::Style::new());
        link_cells(&mut buf, 0, 0, 5, "https://x.org");
        let open = "\x1b]8;;https://x.org\x1b\\";
        let close = "\x1b]8;;\x1b\\";
        assert_eq!(buf[(0, 0)].symbol(), format!("{open}ab{close}"));
        assert_eq!(buf[(1, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(buf[(2, 0)].symbol(), format!("{open}cd{close}"));
        assert_eq!(buf[(4, 0)].symbol(), format!("{open}e{close}"));
        assert_eq!(buf[(5, 0)].diff_option, CellDiffOption::None);
        assert_eq!(buf[(5, 0)].symbol(), " ");
    }
}
