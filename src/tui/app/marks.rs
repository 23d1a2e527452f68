//! Read marks from the reader: toggling, marking all shown read, undo.
//! Every change is written to the store at once (one row, or one transaction for many); a failed
//! write reverts the marks in memory and says so in the status bar.

use super::App;
use crate::article::ArticleId;
use crate::text::sanitize;

impl App {
    pub(super) fn toggle_read(&mut self) {
        if let Some(e) = self.selected_entry() {
            let change = vec![(e.summary.id, !e.read)];
            self.change_marks(change);
        }
    }

    pub(super) fn shown_unread(&self) -> Vec<ArticleId> {
        let entries = self.library.entries();
        self.shown
            .iter()
            .filter_map(|&i| entries.get(i))
            .filter(|e| !e.read)
            .map(|e| e.summary.id)
            .collect()
    }

    pub(super) fn mark_all_read(&mut self) {
        let changes: Vec<_> = self
            .shown_unread()
            .into_iter()
            .map(|id| (id, true))
            .collect();
        let n = self.change_marks(changes);
        if self.status.is_none() || n > 0 {
            self.status = Some(format!("marked {n} read — U to undo"));
        }
    }

    pub(super) fn undo(&mut self) {
        let Some(last) = self.undo.pop() else {
            self.status = Some("nothing to undo".into());
            return;
        };
        let n = last.len();
        if let Err(message) = self.write_marks(&last) {
            self.status = Some(message);
            return;
        }
        self.status = Some(format!(
            "restored {n} read mark{}",
            if n == 1 { "" } else { "s" }
        ));
    }

    /// Sets marks in memory and in the store, and records the change for undo. Returns how many
    /// marks changed. A failed write reverts the marks in memory and says so in the status bar.
    pub(super) fn change_marks(&mut self, changes: Vec<(ArticleId, bool)>) -> usize {
        let mut before = Vec::new();
        let mut written = Vec::new();
        for (id, read) in changes {
            if let Some(was) = self.library.set_read(id, read)
                && was != read
            {
                before.push((id, was));
                written.push((id, read));
            }
        }
        if written.is_empty() {
            return 0;
        }
        if let Err(message) = self.store_marks(&written) {
            for &(id, was) in &before {
                self.library.set_read(id, was);
            }
            self.status = Some(message);
            return 0;
        }
        let n = before.len();
        self.undo.push(before);
        n
    }

    /// Writes `marks` (id, mark) without recording undo; on failure nothing changes.
    pub(super) fn write_marks(&mut self, marks: &[(ArticleId, bool)]) -> Result<(), String> {
        let mut before = Vec::new();
        for &(id, read) in marks {
            if let Some(was) = self.library.set_read(id, read) {
                before.push((id, was));
            }
        }
        self.store_marks(marks).inspect_err(|_| {
            for &(id, was) in &before {
                self.library.set_read(id, was);
            }
        })
    }

    /// One mark is one row; many (mark all read, its undo) are one transaction.
    pub(super) fn store_marks(&self, marks: &[(ArticleId, bool)]) -> Result<(), String> {
        let result = match marks {
            [(id, read)] => self.store.set_read(*id, *read),
            _ => self.store.set_marks(marks),
        };
        result.map_err(|e| {
            format!(
                "could not save the read mark: {}",
                sanitize(&e.to_string()).replace('\n', " ")
            )
        })
    }
}
