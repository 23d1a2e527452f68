//! Linked stories in the reader: the linked-articles popup (`L`), walking a story (`]`, `[`),
//! the browser-like history of opened articles (back, forward) and the stories view (`S`).
//! The index is read under its lock only for the moment a key or a change needs it.

use super::App;
use crate::article::ArticleId;
use crate::stories::StoryIndex;
use crate::tui::popup::Popup;
use crate::tui::stories::{self, StoryRow};
use std::sync::RwLockReadGuard;

/// Opened articles remembered for going back.
const HISTORY: usize = 200;

impl App {
    /// The story index for reading; a poisoned lock still holds a usable index.
    fn index(&self) -> RwLockReadGuard<'_, StoryIndex> {
        self.stories.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the opened article's links again (new ones arrived). Without waiting: while the
    /// index is being written the old links stay, and the next change brings the new ones.
    pub(super) fn refresh_links(&mut self) {
        let Some(id) = self.opened.as_ref().map(|o| o.id) else {
            return;
        };
        let Ok(index) = self.stories.try_read() else {
            return;
        };
        let rows = stories::linked_rows(&index, &self.library, id);
        drop(index);
        if let Some(o) = self.opened.as_mut() {
            o.linked = rows;
        }
    }

    /// The opened article's links, read now (waiting for a batch at most).
    pub(super) fn load_links(&mut self) {
        let Some(id) = self.opened.as_ref().map(|o| o.id) else {
            return;
        };
        let rows = stories::linked_rows(&self.index(), &self.library, id);
        if let Some(o) = self.opened.as_mut() {
            o.linked = rows;
        }
    }

    pub(super) fn linked_popup(&mut self) {
        let Some(o) = &self.opened else {
            self.status = Some("open an article first (Enter)".into());
            return;
        };
        if o.linked.is_empty() {
            self.status = Some("no linked articles".into());
            return;
        }
        self.popup = Some(Popup::Linked {
            rows: o.linked.clone(),
            selected: 0,
        });
    }

    /// `]` / `[`: the next / previous article of the opened (else the selected) article's story.
    pub(super) fn step_in_story(&mut self, forward: bool) {
        let current = match (&self.opened, self.selected_entry()) {
            (Some(o), _) => o.id,
            (None, Some(e)) => e.summary.id,
            (None, None) => return,
        };
        let members = stories::story_members(&self.index(), &self.library, current);
        let at = members.iter().position(|m| *m == current);
        let next = match (at, forward) {
            (Some(i), true) => members.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| members.get(i)),
            (None, _) => None,
        };
        match next {
            Some(&id) => self.jump_to(id),
            None if members.len() < 2 => {
                self.status = Some("this article is the only one of its story".into())
            }
            None if forward => self.status = Some("the last article of this story".into()),
            None => self.status = Some("the first article of this story".into()),
        }
    }

    /// Opens an article by id, recorded in the history (a new jump clears the way forward).
    pub(super) fn jump_to(&mut self, id: ArticleId) {
        let from = self.opened.as_ref().map(|o| o.id);
        if from == Some(id) {
            // Opening it again (Enter on the list) marks it read again; no new step in history.
            self.open_id(id);
            return;
        }
        if self.open_id(id)
            && let Some(from) = from
        {
            self.back.push(from);
            if self.back.len() > HISTORY {
                self.back.remove(0);
            }
            self.forward.clear();
        }
    }

    pub(super) fn go_back(&mut self) {
        self.travel(true);
    }

    pub(super) fn go_forward(&mut self) {
        self.travel(false);
    }

    /// One step back (or forward) in the history; articles gone from the library are skipped.
    fn travel(&mut self, back: bool) {
        loop {
            let next = if back {
                self.back.pop()
            } else {
                self.forward.pop()
            };
            let Some(id) = next else {
                self.status = Some(if back {
                    "nothing to go back to".into()
                } else {
                    "nothing to go forward to".into()
                });
                return;
            };
            let from = self.opened.as_ref().map(|o| o.id);
            if self.open_id(id) {
                if let Some(from) = from {
                    if back {
                        self.forward.push(from);
                    } else {
                        self.back.push(from);
                    }
                }
                return;
            }
        }
    }

    pub(super) fn stories_popup(&mut self) {
        let (rows, alone) = stories::story_rows(&self.index(), &self.library);
        if rows.is_empty() {
            self.status = Some(match self.loading {
                Some(_) => "no stories linked yet; still loading".into(),
                None => "no stories: every article stands alone".into(),
            });
            return;
        }
        self.popup = Some(Popup::Stories {
            rows,
            alone,
            selected: 0,
        });
    }

    /// Enter in the stories view: the story's first article.
    pub(super) fn open_story(&mut self, row: &StoryRow) {
        if let Some(&id) = row.articles.first() {
            self.jump_to(id);
        }
    }

    /// The other articles of `id`'s story, for `mark_story_read`.
    pub(super) fn story_copies(&self, id: ArticleId) -> Vec<ArticleId> {
        stories::story_members(&self.index(), &self.library, id)
            .into_iter()
            .filter(|m| *m != id)
            .collect()
    }
}
