//! The popups' keys: moving in them, choosing (Enter, y, o), closing; and the filter popup's
//! choices, gathered from the library when it opens.

use super::App;
use crate::tui::action::Action;
use crate::tui::filter::Filter;
use crate::tui::layout;
use crate::tui::popup::{FilterChoice, Popup};
use ratatui::layout::Rect;
use std::collections::BTreeSet;

impl App {
    pub(super) fn update_popup(&mut self, action: Action) {
        let Some(popup) = self.popup.as_mut() else {
            return;
        };
        let page = i64::try_from(layout::inner_height(Some(Rect::new(0, 0, 1, self.size.1))))
            .unwrap_or(1)
            .max(1);
        match action {
            Action::Down => popup.move_by(1),
            Action::Up => popup.move_by(-1),
            Action::PageDown => popup.move_by(page),
            Action::PageUp => popup.move_by(-page),
            Action::First => popup.move_by(i64::MIN),
            Action::Last => popup.move_by(i64::MAX),
            Action::Quit => self.popup = None,
            Action::Cancel => {
                if let Some(Popup::Filter { .. }) = self.popup {
                    self.set_filter(Filter::default());
                }
                self.popup = None;
            }
            Action::Confirm | Action::Open | Action::OpenInBrowser => self.choose(action),
            Action::Help if matches!(popup, Popup::Help { .. }) => self.popup = None,
            Action::Scroll(_, _, down) => popup.move_by(if down { 3 } else { -3 }),
            _ => {}
        }
    }

    /// Enter (or y, or o) in a popup.
    pub(super) fn choose(&mut self, action: Action) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        match popup {
            Popup::Help { .. } => {}
            Popup::ConfirmMarkAll { .. } => {
                if action != Action::OpenInBrowser {
                    self.mark_all_read();
                }
            }
            Popup::Filter { choices, selected } => {
                let mut f = self.filter.clone();
                match choices.get(selected) {
                    Some(FilterChoice::UnreadOnly) => f.unread_only = !f.unread_only,
                    Some(FilterChoice::Lang(l)) => f.lang = Some(l.clone()),
                    Some(FilterChoice::Source(s)) => f.source = Some(s.clone()),
                    Some(FilterChoice::Clear) => f = Filter::default(),
                    None => {}
                }
                self.set_filter(f);
            }
            Popup::Links { links, selected } => {
                if let Some(url) = links.get(selected) {
                    self.browse(&url.clone());
                }
            }
            Popup::FeedErrors { .. } => {}
            Popup::Linked { rows, selected } => {
                if let Some(row) = rows.get(selected) {
                    self.jump_to(row.id);
                }
            }
            Popup::Stories { rows, selected, .. } => {
                if let Some(row) = rows.get(selected) {
                    self.open_story(row);
                }
            }
        }
    }

    pub(super) fn filter_popup(&self) -> Popup {
        let mut langs = BTreeSet::new();
        let mut sources = BTreeSet::new();
        for e in self.library.entries() {
            langs.extend(e.summary.lang.iter().cloned());
            sources.extend(e.summary.sources.iter().cloned());
        }
        let mut choices = vec![FilterChoice::UnreadOnly];
        choices.extend(langs.into_iter().map(FilterChoice::Lang));
        choices.extend(sources.into_iter().map(FilterChoice::Source));
        choices.push(FilterChoice::Clear);
        Popup::Filter {
            choices,
            selected: 0,
        }
    }
}
