//! The popups over the panes: help, the yes/no question before marking all read, the filter
//! choices, the article's links, its linked articles, the stories view and the feeds that failed
//! to update. Each keeps its own selection; the app decides what a choice does.

/// One choice of the filter popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterChoice {
    UnreadOnly,
    Lang(String),
    Source(String),
    Clear,
}

impl FilterChoice {
    pub fn label(&self, unread_only: bool) -> String {
        match self {
            FilterChoice::UnreadOnly => {
                format!("[{}] unread only", if unread_only { "x" } else { " " })
            }
            FilterChoice::Lang(l) => format!("language: {l}"),
            FilterChoice::Source(s) => format!("source: {s}"),
            FilterChoice::Clear => "clear the filter".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// Mark the shown articles read: how many would change.
    ConfirmMarkAll {
        count: usize,
    },
    Filter {
        choices: Vec<FilterChoice>,
        selected: usize,
    },
    Links {
        links: Vec<String>,
        selected: usize,
    },
    /// The feeds a reload could not update, each message naming the feed and the cause.
    FeedErrors {
        errors: Vec<String>,
        selected: usize,
    },
    /// The opened article's linked articles.
    Linked {
        rows: Vec<super::stories::LinkedRow>,
        selected: usize,
    },
    /// The library grouped by story: stories of two articles or more, and how many stand alone.
    Stories {
        rows: Vec<super::stories::StoryRow>,
        alone: usize,
        selected: usize,
    },
}

impl Popup {
    /// Moves the popup's selection by `delta` (clamped), or to the end with `i64::MAX`.
    pub fn move_by(&mut self, delta: i64) {
        let (sel, len) = match self {
            Popup::Help { scroll } => (scroll, super::action::BINDABLE.len()),
            Popup::Filter { choices, selected } => (selected, choices.len()),
            Popup::Links { links, selected } => (selected, links.len()),
            Popup::FeedErrors { errors, selected } => (selected, errors.len()),
            Popup::Linked { rows, selected } => (selected, rows.len()),
            Popup::Stories { rows, selected, .. } => (selected, rows.len()),
            Popup::ConfirmMarkAll { .. } => return,
        };
        *sel = step(*sel, delta, len);
    }
}

/// `at` moved by `delta` within `0..len`.
pub fn step(at: usize, delta: i64, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let moved = if delta < 0 {
        at.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
    } else {
        at.saturating_add(usize::try_from(delta).unwrap_or(usize::MAX))
    };
    moved.min(len - 1)
}
