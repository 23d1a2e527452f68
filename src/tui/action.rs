//! What a user can ask the reader to do: the [`Action`]s that keys and mouse events become.
//!
//! Every bindable action has a name (the word used in `assets/keymap.toml` and the config file)
//! and a description (what the help popup shows), so the help can never drift from the keys.

/// A request to change the reader's state; [`super::app::App::update`] carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    FocusNext,
    FocusPrev,
    Open,
    NextUnread,
    PrevUnread,
    ToggleRead,
    MarkAllRead,
    Undo,
    Search,
    Filter,
    Links,
    Linked,
    NextInStory,
    PrevInStory,
    Back,
    Forward,
    Stories,
    OpenInBrowser,
    ToggleTerms,
    /// Read the current article's source (its file, or its feed fetched again) anew.
    Reload,
    /// Update every subscribed feed, then read every source anew.
    ReloadAll,
    Help,
    Cancel,
    Quit,
    QuitNow,
    // Not bindable: produced by the event loop or by the input modes.
    /// "yes" in a yes/no popup.
    Confirm,
    /// A character typed into the search field.
    SearchInput(char),
    SearchBackspace,
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// The wheel at (column, row); `true` scrolls down.
    Scroll(u16, u16, bool),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// Articles read by the loader.
    Loaded(Vec<crate::article::Summary>),
    /// Articles listed earlier (from the cache) whose file is gone.
    Removed(Vec<crate::article::ArticleId>),
    /// A file or source the loader could not read, or a warning, with a message naming it.
    LoadProblem(String),
    /// Files read so far.
    LoadProgress(usize),
    LoadFinished,
    /// Feeds updated so far, of all being updated.
    FeedProgress(usize, usize),
    /// The feed update finished; one message per feed that failed, naming it.
    FeedsUpdated(Vec<String>),
    /// The story index has new links.
    StoriesChanged,
    /// The quotes of a long article, found on another thread.
    QuotesFound(crate::article::ArticleId, Vec<crate::quotes::Quote>),
}

impl Action {
    /// Reports of the workers, which change the library whatever popup or mode is active.
    pub fn from_worker(&self) -> bool {
        matches!(
            self,
            Action::Loaded(_)
                | Action::Removed(_)
                | Action::LoadProblem(_)
                | Action::LoadProgress(_)
                | Action::LoadFinished
                | Action::FeedProgress(..)
                | Action::FeedsUpdated(_)
                | Action::StoriesChanged
                | Action::QuotesFound(..)
        )
    }
}

/// (name, action, description) of every bindable action, in the order the help lists them.
pub const BINDABLE: &[(&str, Action, &str)] = &[
    ("down", Action::Down, "next item in the focused pane"),
    ("up", Action::Up, "previous item in the focused pane"),
    ("first", Action::First, "first item"),
    ("last", Action::Last, "last item"),
    ("page_down", Action::PageDown, "page down in the reader"),
    ("page_up", Action::PageUp, "page up in the reader"),
    ("focus_next", Action::FocusNext, "focus the next pane"),
    ("focus_prev", Action::FocusPrev, "focus the previous pane"),
    (
        "open",
        Action::Open,
        "open the article; on a quote: show it in the text; in a popup: choose",
    ),
    (
        "next_unread",
        Action::NextUnread,
        "open the next unread article",
    ),
    (
        "prev_unread",
        Action::PrevUnread,
        "open the previous unread article",
    ),
    ("toggle_read", Action::ToggleRead, "toggle read / unread"),
    (
        "mark_all_read",
        Action::MarkAllRead,
        "mark all shown articles read (asks first)",
    ),
    ("undo", Action::Undo, "undo the last change of read marks"),
    (
        "search",
        Action::Search,
        "search titles; Enter keeps, Esc clears",
    ),
    (
        "filter",
        Action::Filter,
        "filter: unread only, a language, a source",
    ),
    ("links", Action::Links, "the article's links"),
    (
        "linked",
        Action::Linked,
        "linked articles (same story, explicit links); Enter jumps",
    ),
    (
        "next_in_story",
        Action::NextInStory,
        "next article of the same story",
    ),
    (
        "prev_in_story",
        Action::PrevInStory,
        "previous article of the same story",
    ),
    ("back", Action::Back, "back to the article opened before"),
    ("forward", Action::Forward, "forward again after going back"),
    (
        "stories",
        Action::Stories,
        "stories view: the library grouped by story",
    ),
    (
        "open_in_browser",
        Action::OpenInBrowser,
        "open the selected link or the article in the browser",
    ),
    (
        "toggle_terms",
        Action::ToggleTerms,
        "show / hide terms in the quotes pane",
    ),
    (
        "reload",
        Action::Reload,
        "reload this article's source (its file, or its feed)",
    ),
    (
        "reload_all",
        Action::ReloadAll,
        "update every feed and reload every source",
    ),
    ("help", Action::Help, "this help"),
    (
        "cancel",
        Action::Cancel,
        "close the popup; clear the search or filter",
    ),
    ("quit", Action::Quit, "close the popup, or quit"),
    ("quit_now", Action::QuitNow, "quit at once"),
];

impl Action {
    /// The action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| a.clone())
    }
}
