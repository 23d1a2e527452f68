//! The quotes pane's rows for a size: the header (who is quoted how often), then each quote's
//! speaker line and wrapped text, scrolled so the selected quote is on screen. Drawing styles these
//! rows; a mouse click finds the quote under it with the same rows.

use super::document::{speaker_summary, visible_quotes};
use super::wrap::wrap;
use crate::quotes::Quote;
use crate::text::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Header,
    Speaker,
    Unattributed,
    Text,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub text: String,
    /// Which visible quote (index into the visible quotes) the row belongs to.
    pub quote: Option<usize>,
}

/// The rows on screen, at most `height`, for a pane `width` cells wide.
pub fn rows(
    quotes: &[Quote],
    show_terms: bool,
    selected: usize,
    width: usize,
    height: usize,
) -> Vec<Row> {
    let width = width.max(1);
    let visible = visible_quotes(quotes, show_terms);
    let row = |kind, text: String, quote| Row { kind, text, quote };
    let mut header = Vec::new();
    if visible.is_empty() {
        header.push(row(RowKind::Header, "no quotes".into(), None));
    } else {
        let summary = speaker_summary(quotes, &visible);
        for r in wrap(&summary, width) {
            header.push(row(
                RowKind::Header,
                summary.get(r).unwrap_or("").into(),
                None,
            ));
        }
    }
    header.push(row(RowKind::Blank, String::new(), None));
    let mut body = Vec::new();
    let mut selected_rows = 0..0;
    for (n, q) in visible.iter().filter_map(|&i| quotes.get(i)).enumerate() {
        let start = body.len();
        match &q.speaker {
            Some(s) => body.push(row(RowKind::Speaker, one_line(s), Some(n))),
            None => body.push(row(RowKind::Unattributed, "unattributed".into(), Some(n))),
        }
        let text = format!("“{}”", one_line(&q.text));
        for r in wrap(&text, width.saturating_sub(2).max(1)) {
            let line = format!("  {}", text.get(r).unwrap_or(""));
            body.push(row(RowKind::Text, line, Some(n)));
        }
        if n == selected {
            selected_rows = start..body.len();
        }
        body.push(row(RowKind::Blank, String::new(), None));
    }
    // Scroll just enough to show the selected quote's last row.
    let room = height.saturating_sub(header.len()).max(1);
    let top = selected_rows
        .end
        .saturating_sub(room)
        .min(selected_rows.start);
    let mut out = header;
    out.extend(body.into_iter().skip(top));
    out.truncate(height);
    out
}

fn one_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}
