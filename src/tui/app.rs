//! The reader's state and [`App::update`], the only place it changes. Keys become actions in
//! [`App::translate`] (through the keymap and the current input mode), so every key can be driven
//! in a test without a terminal. Drawing is in `view`, which only reads the app.

use super::action::Action;
use super::document::{self, DocLine};
use super::filter::{self, Filter};
use super::keymap::{Key, Keymap};
use super::layout::{self, Areas, Pane};
use super::popup::{Popup, step};
use crate::article::{Article, ArticleId, Summary};
use crate::library::linker::SharedIndex;
use crate::library::{self, Library};
use crate::quotes::{self, Quote};
use crate::store::Store;
use crate::text::sanitize;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

mod marks;
mod popups;
mod stories;

/// Opens a URL in the browser; `Err` is a message for the status bar.
pub type Browser = Box<dyn FnMut(&str) -> Result<(), String>>;

/// Opened articles kept with their quotes, so that going back to one does not read it again.
const CACHE_SIZE: usize = 64;

/// Bytes of text up to which an article's quotes are found as it opens (well under a
/// millisecond); a longer article's are found on a thread of their own, so no frame waits.
pub const QUOTES_AT_ONCE: usize = 256 * 1024;

/// An article shown in the reading pane, laid out for the pane's width.
pub struct Opened {
    pub id: ArticleId,
    pub article: Rc<Article>,
    pub quotes: Rc<Vec<Quote>>,
    pub lines: Vec<DocLine>,
    pub width: usize,
    pub scroll: usize,
    /// Index into the visible quotes of the selected quote in the quotes pane.
    pub quote_selected: usize,
    /// The quote shown in the text (index into `quotes`), highlighted.
    pub highlight: Option<usize>,
    /// The articles linked to it, strongest first, as the story index knew them last.
    pub linked: Vec<super::stories::LinkedRow>,
    /// Its quotes are being found on another thread; `quotes` is empty until they come.
    pub quotes_pending: bool,
}

/// The title search: the query, and whether keys still type into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub editing: bool,
}

pub struct App {
    pub library: Library,
    pub store: Store,
    pub keymap: Keymap,
    pub mark_read_on_open: bool,
    /// Marking an article read on open marks the other articles of its story read too.
    pub mark_story_read: bool,
    /// The story index, filled by the linking thread (empty until one is set).
    pub stories: SharedIndex,
    /// Articles opened before the current one (latest last), and those left by going back.
    back: Vec<ArticleId>,
    forward: Vec<ArticleId>,
    /// Ids marked read in the store, read when the first articles arrive (not before the first
    /// frame: 100k marks take tens of milliseconds); the loader's articles get these marks.
    read_at_start: Option<HashSet<ArticleId>>,
    /// Each entry's title folded for search, by library index.
    folded: Vec<String>,
    /// Each entry's sort key, by library index.
    keys: Vec<filter::SortKey>,
    /// Every entry's index, newest first: the list's order, kept as articles arrive so that
    /// filtering and search never sort.
    order: Vec<usize>,
    /// Library indices of the articles the list shows, in order.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    /// First row of the list on screen.
    pub list_top: usize,
    pub focus: Pane,
    pub filter: Filter,
    pub search: Search,
    pub popup: Option<Popup>,
    pub status: Option<String>,
    /// Files read so far, while loading.
    pub loading: Option<usize>,
    /// Each change of read marks, as (id, mark before), latest last.
    undo: Vec<Vec<(ArticleId, bool)>>,
    pub opened: Option<Opened>,
    cache: HashMap<ArticleId, (Rc<Article>, Rc<Vec<Quote>>)>,
    pub show_terms: bool,
    pub size: (u16, u16),
    pub quit: bool,
    browser: Browser,
    /// What `r` / `R` asked the event loop to read again, until it takes it.
    pub reload: Option<super::reload::Reload>,
    /// A long article whose quotes the event loop is to find off this thread
    /// ([`Action::QuotesFound`] brings them), until it takes it.
    pub quotes_wanted: Option<Rc<Article>>,
    /// Feeds updated so far and in all, while updating.
    pub updating: Option<(usize, usize)>,
}

impl App {
    pub fn new(store: Store, keymap: Keymap, mark_read_on_open: bool) -> App {
        App {
            library: Library::new(),
            store,
            keymap,
            mark_read_on_open,
            mark_story_read: false,
            stories: SharedIndex::default(),
            back: Vec::new(),
            forward: Vec::new(),
            read_at_start: None,
            folded: Vec::new(),
            keys: Vec::new(),
            order: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            list_top: 0,
            focus: Pane::List,
            filter: Filter::default(),
            search: Search::default(),
            popup: None,
            status: None,
            loading: Some(0),
            undo: Vec::new(),
            opened: None,
            cache: HashMap::new(),
            show_terms: false,
            size: (80, 24),
            quit: false,
            browser: Box::new(open_in_browser),
            reload: None,
            quotes_wanted: None,
            updating: None,
        }
    }

    /// Reads links and stories from this index (filled by a linking thread, or built whole).
    pub fn set_stories(&mut self, index: SharedIndex) {
        self.stories = index;
        self.load_links();
    }

    /// Replaces the way URLs are opened (tests record them instead).
    pub fn set_browser(&mut self, browser: Browser) {
        self.browser = browser;
    }

    /// Adds articles to the library, with their marks from the store; the list grows in place.
    pub fn add_articles(&mut self, summaries: Vec<Summary>) {
        let mut added = false;
        if self.read_at_start.is_none() {
            self.read_at_start = Some(self.store.read_ids().unwrap_or_else(|e| {
                self.status = Some(format!(
                    "could not read the read marks: {}",
                    sanitize(&e.to_string()).replace('\n', " ")
                ));
                HashSet::new()
            }));
        }
        let read_ids = self.read_at_start.as_ref();
        self.library.reserve(summaries.len());
        self.folded.reserve(summaries.len());
        self.keys.reserve(summaries.len());
        let mut new = Vec::with_capacity(summaries.len());
        for summary in summaries {
            let read = read_ids.is_some_and(|r| r.contains(&summary.id));
            let before = self.library.len();
            let folded = filter::fold(&summary.title);
            let key = filter::SortKey::of(&summary);
            let i = self.library.insert(summary, read);
            if i == before {
                self.folded.push(folded);
                self.keys.push(key);
                new.push(i);
                added = true;
            } else if let (Some(f), Some(k)) = (self.folded.get_mut(i), self.keys.get_mut(i)) {
                *f = folded;
                *k = key;
            }
        }
        if added {
            // Only the new articles are sorted, then merged in: a batch costs its own sort and one
            // pass over the list, not a sort of the whole library.
            let (entries, keys) = (self.library.entries(), &self.keys);
            filter::sort_newest_first(entries, keys, &mut new);
            self.order = filter::merge_newest_first(entries, keys, &self.order, &new);
            self.refilter();
        }
    }

    pub fn areas(&self) -> Areas {
        layout::areas(Rect::new(0, 0, self.size.0, self.size.1), self.focus)
    }

    /// The library entry the list's selection is on.
    pub fn selected_entry(&self) -> Option<&library::Entry> {
        let i = *self.shown.get(self.selected)?;
        self.library.entries().get(i)
    }

    /// The quotes the quotes pane lists (terms only with `t`).
    pub fn visible_quotes(&self) -> Vec<usize> {
        self.opened
            .as_ref()
            .map(|o| document::visible_quotes(&o.quotes, self.show_terms))
            .unwrap_or_default()
    }

    /// A key press as an action, by the keymap and the current input mode.
    pub fn translate(&self, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key);
        if self.search.editing {
            let plain = (k.mods - KeyModifiers::SHIFT).is_empty();
            return match k.code {
                KeyCode::Enter => Some(Action::Open),
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Backspace => Some(Action::SearchBackspace),
                KeyCode::Char(c) if plain => Some(Action::SearchInput(c)),
                _ => self.keymap.action(k).filter(|a| *a == Action::QuitNow),
            };
        }
        if let Some(Popup::ConfirmMarkAll { .. }) = self.popup {
            return match k.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Action::Confirm),
                KeyCode::Char('n') | KeyCode::Esc => Some(Action::Cancel),
                _ => self.keymap.action(k),
            };
        }
        self.keymap.action(k)
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        // A message stays until the user does something else.
        if !matches!(
            action,
            Action::Loaded(_)
                | Action::LoadProblem(_)
                | Action::LoadProgress(_)
                | Action::LoadFinished
                | Action::StoriesChanged
                | Action::Resize(..)
        ) {
            self.status = None;
        }
        match action {
            Action::QuitNow => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            a if a.from_worker() => self.update_main(a),
            a if self.search.editing => self.update_search(a),
            a if self.popup.is_some() => self.update_popup(a),
            a => self.update_main(a),
        }
        self.relayout();
        self.clamp();
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::SearchInput(c) => {
                self.search.query.push(c);
                self.refilter();
            }
            Action::SearchBackspace => {
                self.search.query.pop();
                self.refilter();
            }
            Action::Open => {
                self.search.editing = false;
                if self.search.query.is_empty() {
                    self.refilter();
                }
            }
            Action::Cancel => {
                self.search = Search::default();
                self.refilter();
            }
            _ => {}
        }
    }

    fn update_main(&mut self, action: Action) {
        let page = i64::try_from(self.pane_height(Pane::Reader))
            .unwrap_or(1)
            .max(1);
        match action {
            Action::Down => self.move_in_focus(1),
            Action::Up => self.move_in_focus(-1),
            Action::First => self.move_in_focus(i64::MIN),
            Action::Last => self.move_in_focus(i64::MAX),
            Action::PageDown => self.scroll_reader(page),
            Action::PageUp => self.scroll_reader(-page),
            Action::FocusNext => self.focus = next_pane(self.focus, 1),
            Action::FocusPrev => self.focus = next_pane(self.focus, 2),
            Action::Open => match self.focus {
                Pane::Quotes => self.show_selected_quote(),
                _ => self.open_selected(),
            },
            Action::NextUnread => self.jump_unread(true),
            Action::PrevUnread => self.jump_unread(false),
            Action::ToggleRead => self.toggle_read(),
            Action::MarkAllRead => {
                let count = self.shown_unread().len();
                if count == 0 {
                    self.status = Some("no unread articles shown".into());
                } else {
                    self.popup = Some(Popup::ConfirmMarkAll { count });
                }
            }
            Action::Undo => self.undo(),
            Action::Search => {
                // The matches are in the list: show it (on a narrow screen it is the only pane).
                self.focus = Pane::List;
                self.search = Search {
                    query: String::new(),
                    editing: true,
                };
                self.refilter();
            }
            Action::Filter => {
                self.focus = Pane::List;
                self.popup = Some(self.filter_popup());
            }
            Action::Links => match &self.opened {
                Some(o) => {
                    let links = document::numbered_links(&o.article);
                    if links.is_empty() {
                        self.status = Some("this article has no links".into());
                    } else {
                        self.popup = Some(Popup::Links { links, selected: 0 });
                    }
                }
                None => self.status = Some("open an article first (Enter)".into()),
            },
            Action::Linked => self.linked_popup(),
            Action::NextInStory => self.step_in_story(true),
            Action::PrevInStory => self.step_in_story(false),
            Action::Back => self.go_back(),
            Action::Forward => self.go_forward(),
            Action::Stories => self.stories_popup(),
            Action::OpenInBrowser => {
                let url = self
                    .opened
                    .as_ref()
                    .and_then(|o| o.article.url.clone())
                    .or_else(|| self.selected_entry().and_then(|e| e.summary.url.clone()));
                match url {
                    Some(url) => self.browse(&url),
                    None => self.status = Some("this article has no URL; u lists its links".into()),
                }
            }
            Action::ToggleTerms => {
                self.show_terms = !self.show_terms;
                if let Some(o) = self.opened.as_mut() {
                    o.quote_selected = 0;
                }
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Cancel => {
                if !self.search.query.is_empty() {
                    self.search = Search::default();
                    self.refilter();
                } else {
                    self.status = None;
                }
            }
            Action::Quit => self.quit = true,
            Action::Click(col, row) => self.click(col, row),
            Action::Scroll(col, row, down) => {
                if let Some(pane) = self.areas().pane_at(col, row) {
                    let delta = if down { 3 } else { -3 };
                    self.move_in(pane, delta);
                }
            }
            Action::Loaded(summaries) => self.add_articles(summaries),
            Action::Removed(ids) => self.remove_articles(&ids),
            Action::LoadProblem(message) => {
                self.status = Some(sanitize(&message).replace('\n', " "));
            }
            Action::LoadProgress(done) => self.loading = Some(done),
            Action::LoadFinished => self.loading = None,
            Action::Reload => self.request_reload(),
            Action::ReloadAll => self.request_reload_all(),
            Action::FeedProgress(done, total) => self.updating = Some((done, total)),
            Action::FeedsUpdated(errors) => self.feeds_updated(errors),
            Action::StoriesChanged => self.refresh_links(),
            Action::QuotesFound(id, quotes) => self.quotes_found(id, quotes),
            _ => {}
        }
    }

    /// Forgets the articles read so far, so that opening one reads it again (after a reload).
    pub(super) fn forget_cached(&mut self) {
        self.cache.clear();
    }

    fn pane_height(&self, pane: Pane) -> usize {
        layout::inner_height(self.areas().of(pane))
    }

    fn move_in_focus(&mut self, delta: i64) {
        self.move_in(self.focus, delta);
    }

    fn move_in(&mut self, pane: Pane, delta: i64) {
        match pane {
            Pane::List => self.selected = step(self.selected, delta, self.shown.len()),
            Pane::Reader => self.scroll_reader(delta),
            Pane::Quotes => {
                let len = self.visible_quotes().len();
                if let Some(o) = self.opened.as_mut() {
                    o.quote_selected = step(o.quote_selected, delta, len);
                }
            }
        }
    }

    fn scroll_reader(&mut self, delta: i64) {
        let height = self.pane_height(Pane::Reader);
        if let Some(o) = self.opened.as_mut() {
            let max = o.lines.len().saturating_sub(height.max(1));
            o.scroll = step(o.scroll, delta, max + 1);
        }
    }

    fn click(&mut self, col: u16, row: u16) {
        let areas = self.areas();
        let Some(pane) = areas.pane_at(col, row) else {
            return;
        };
        self.focus = pane;
        if pane == Pane::List
            && let Some(r) = areas.list
        {
            let line = usize::from(row.saturating_sub(r.y));
            if line >= 1 && line < usize::from(r.height.saturating_sub(1)) {
                let i = self.list_top + line - 1;
                if i < self.shown.len() {
                    self.selected = i;
                }
            }
        }
        if pane == Pane::Quotes
            && let Some(r) = areas.quotes
            && let Some(o) = self.opened.as_mut()
        {
            let rows = super::quote_rows::rows(
                &o.quotes,
                self.show_terms,
                o.quote_selected,
                layout::inner_width(Some(r)),
                layout::inner_height(Some(r)),
            );
            let line = usize::from(row.saturating_sub(r.y + 1));
            if let Some(q) = rows.get(line).and_then(|row| row.quote) {
                o.quote_selected = q;
            }
        }
    }

    /// Drops articles whose file is gone; the selection stays on the same article when it can.
    pub fn remove_articles(&mut self, ids: &[crate::article::ArticleId]) {
        let keep = self.selected_entry().map(|e| e.summary.id);
        self.library.remove(ids);
        self.folded = self
            .library
            .entries()
            .iter()
            .map(|e| filter::fold(&e.summary.title))
            .collect();
        self.keys = self
            .library
            .entries()
            .iter()
            .map(|e| filter::SortKey::of(&e.summary))
            .collect();
        self.order = (0..self.library.len()).collect();
        filter::sort_newest_first(self.library.entries(), &self.keys, &mut self.order);
        self.refilter();
        if let Some(i) = keep.and_then(|id| self.library.index_of(id)) {
            self.selected = self.shown.iter().position(|&s| s == i).unwrap_or(0);
        }
    }

    fn refilter(&mut self) {
        let keep = self.shown.get(self.selected).copied();
        self.shown = filter::shown(
            self.library.entries(),
            &self.order,
            &self.folded,
            &self.filter,
            &self.search.query,
        );
        self.selected = keep
            .and_then(|k| self.shown.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    fn set_filter(&mut self, f: Filter) {
        self.filter = f;
        self.refilter();
    }

    /// Opens the selected article in the reading pane.
    fn open_selected(&mut self) {
        if let Some(id) = self.selected_entry().map(|e| e.summary.id) {
            self.jump_to(id);
        }
    }

    /// Opens an article of the library in the reading pane, selects it in the list when the list
    /// shows it, and marks it read (with its story's other articles when so configured).
    /// Returns whether it opened.
    fn open_id(&mut self, id: ArticleId) -> bool {
        let Some(entry) = self.library.get(id) else {
            return false;
        };
        let summary = entry.summary.clone();
        let (article, quotes) = match self.cache.get(&summary.id) {
            Some((a, q)) => (a.clone(), Some(q.clone())),
            None => match library::open(&summary) {
                Ok(article) => {
                    let article = Rc::new(article);
                    let text: usize = article.blocks.iter().map(|b| b.text.len()).sum();
                    if text <= QUOTES_AT_ONCE {
                        let quotes = Rc::new(quotes::extract(&article));
                        self.keep(article.clone(), quotes.clone());
                        (article, Some(quotes))
                    } else {
                        self.quotes_wanted = Some(article.clone());
                        (article, None)
                    }
                }
                Err(e) => {
                    self.status = Some(sanitize(&e.to_string()).replace('\n', " "));
                    return false;
                }
            },
        };
        let pending = quotes.is_none();
        self.show(article, quotes.unwrap_or_default());
        if let Some(o) = self.opened.as_mut() {
            o.quotes_pending = pending;
        }
        self.load_links();
        if let Some(i) = self.library.index_of(id)
            && let Some(at) = self.shown.iter().position(|&s| s == i)
        {
            self.selected = at;
        }
        if self.mark_read_on_open {
            let mut changes = vec![(summary.id, true)];
            if self.mark_story_read {
                changes.extend(self.story_copies(id).into_iter().map(|c| (c, true)));
            }
            self.change_marks(changes);
        }
        true
    }

    /// Shows an article and its quotes in the reading pane (on a narrow screen, focused).
    /// Keeps an opened article and its quotes for going back to it.
    fn keep(&mut self, article: Rc<Article>, quotes: Rc<Vec<Quote>>) {
        if self.cache.len() >= CACHE_SIZE {
            self.cache.clear();
        }
        self.cache.insert(article.id, (article, quotes));
    }

    /// The quotes of a long article, found off the event loop's thread: shown when it is still
    /// open, kept for when it is opened again.
    fn quotes_found(&mut self, id: ArticleId, quotes: Vec<Quote>) {
        let quotes = Rc::new(quotes);
        let Some(o) = self.opened.as_mut().filter(|o| o.id == id) else {
            return;
        };
        o.quotes = quotes.clone();
        o.quotes_pending = false;
        o.quote_selected = 0;
        let article = o.article.clone();
        self.keep(article, quotes);
    }

    pub fn show(&mut self, article: Rc<Article>, quotes: Rc<Vec<Quote>>) {
        self.opened = Some(Opened {
            id: article.id,
            article,
            quotes,
            lines: Vec::new(),
            width: 0,
            scroll: 0,
            quote_selected: 0,
            highlight: None,
            linked: Vec::new(),
            quotes_pending: false,
        });
        if self.areas().reader.is_none() {
            self.focus = Pane::Reader;
        }
        self.relayout();
    }

    /// Lays the opened article out again when the reading pane's width changed.
    fn relayout(&mut self) {
        let areas = self.areas();
        let width = layout::inner_width(areas.reader.or(areas.list));
        if let Some(o) = self.opened.as_mut()
            && o.width != width
        {
            o.lines = document::layout(&o.article, width);
            o.width = width;
        }
    }

    /// Scrolls the reading pane to the selected quote and highlights it.
    fn show_selected_quote(&mut self) {
        let visible = self.visible_quotes();
        let height = self.pane_height(Pane::Reader);
        if let Some(o) = self.opened.as_mut()
            && let Some(&qi) = visible.get(o.quote_selected)
            && let Some(q) = o.quotes.get(qi)
        {
            o.highlight = Some(qi);
            if let Some(line) = document::line_of_quote(&o.lines, &o.article, q) {
                // A little context above the quote.
                o.scroll = line.saturating_sub(2);
                let max = o.lines.len().saturating_sub(height.max(1));
                o.scroll = o.scroll.min(max);
            }
        }
    }

    fn jump_unread(&mut self, forward: bool) {
        let entries = self.library.entries();
        let unread = |&(_, &i): &(usize, &usize)| entries.get(i).is_some_and(|e| !e.read);
        let found = if forward {
            self.shown
                .iter()
                .enumerate()
                .skip(self.selected + 1)
                .find(unread)
        } else {
            self.shown
                .iter()
                .enumerate()
                .take(self.selected)
                .rev()
                .find(unread)
        };
        match found {
            Some((at, _)) => {
                self.selected = at;
                self.open_selected();
            }
            None => self.status = Some("no more unread articles".into()),
        }
    }

    fn browse(&mut self, url: &str) {
        let url = sanitize(url).replace('\n', "");
        self.status = Some(match (self.browser)(&url) {
            Ok(()) => format!("opened {url}"),
            Err(e) => sanitize(&e).replace('\n', " "),
        });
    }

    /// Keeps the selection and the scroll positions inside what exists and on screen.
    fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        let h = self.pane_height(Pane::List).max(1);
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + h {
            self.list_top = self.selected + 1 - h;
        }
        self.list_top = self.list_top.min(self.shown.len().saturating_sub(h));
        let rh = self.pane_height(Pane::Reader).max(1);
        let qlen = self.visible_quotes().len();
        if let Some(o) = self.opened.as_mut() {
            o.scroll = o.scroll.min(o.lines.len().saturating_sub(rh));
            o.quote_selected = o.quote_selected.min(qlen.saturating_sub(1));
        }
    }
}

fn next_pane(p: Pane, by: usize) -> Pane {
    let i = Pane::ALL.iter().position(|x| *x == p).unwrap_or(0);
    Pane::ALL[(i + by) % Pane::ALL.len()]
}

/// Starts the platform's opener (`xdg-open`, `open`) detached, its output discarded.
fn open_in_browser(url: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program} to open {url}: {e}"))?;
    // Reap it in the background so it does not linger as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}
