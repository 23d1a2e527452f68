//! `r` and `R` in the reader, through App::update: what they ask the event loop to read again,
//! the feed update's progress in the status bar, and the feeds that failed listed in a popup.

mod tui_support;

use tidings::article::Location;
use tidings::library::load::{Source, load_blocking};
use tidings::store::Store;
use tidings::tui::action::Action;
use tidings::tui::app::App;
use tidings::tui::keymap::Keymap;
use tidings::tui::popup::Popup;
use tidings::tui::reload::{self, Reload};
use tui_support::*;

#[test]
fn r_reads_the_opened_file_again_and_shows_its_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ferry.txt");
    std::fs::write(
        &file,
        "Ferry service resumes\n\n4 May 2025\n\nThe first crossing left at dawn with twelve cars.\n",
    )
    .unwrap();
    let mut app = App::new(
        Store::open(&dir.path().join("tidings.db")).unwrap(),
        Keymap::default(),
        true,
    );
    app.update(Action::Resize(100, 30));
    let sources = vec![Source::Path(dir.path().to_path_buf())];
    app.update(Action::Loaded(load_blocking(sources.clone()).0));
    app.update(Action::LoadFinished);
    press(&mut app, "<Enter>");
    assert!(screen(&app).contains("twelve cars"));

    std::fs::write(
        &file,
        "Ferry service resumes\n\n4 May 2025\n\nThe first crossing left at dawn with forty cars.\n",
    )
    .unwrap();
    press(&mut app, "r");
    let request = app.reload.take().expect("r asks for a reload");
    assert_eq!(request, Reload::Source(Location::File(file.clone())));
    assert!(app.status.as_deref().unwrap().contains("reloading"));
    // The event loop's part: load what the plan says, hand the articles to the app.
    let plan = reload::plan(&request, &sources, &[]);
    assert!(plan.feeds.is_empty());
    app.update(Action::Loaded(load_blocking(plan.sources).0));
    app.update(Action::LoadFinished);
    assert_eq!(app.library.len(), 1);
    press(&mut app, "<Enter>");
    let shown = screen(&app);
    assert!(
        shown.contains("forty cars") && !shown.contains("twelve"),
        "{shown}"
    );
}

#[test]
fn capital_r_updates_feeds_with_progress_and_lists_the_failures() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 100, 20);
    press(&mut app, "R");
    assert_eq!(app.reload.take(), Some(Reload::All));

    app.update(Action::FeedProgress(1, 3));
    assert!(screen(&app).contains("updating feeds… 1/3"));
    // Articles arriving while a popup is open are not lost.
    press(&mut app, "?");
    app.update(Action::FeedProgress(2, 3));
    assert_eq!(app.updating, Some((2, 3)));
    press(&mut app, "q");

    let failed = "http://127.0.0.1:9/feed.xml: connection refused or failed".to_string();
    app.update(Action::FeedsUpdated(vec![failed.clone()]));
    assert_eq!(app.updating, None);
    assert_eq!(
        app.popup,
        Some(Popup::FeedErrors {
            errors: vec![failed],
            selected: 0
        })
    );
    let shown = screen(&app);
    assert!(shown.contains("1 feed(s) failed"), "{shown}");
    assert!(shown.contains("127.0.0.1:9/feed.xml"), "{shown}");
    press(&mut app, "q");
    assert_eq!(app.popup, None);
    assert!(!app.quit);

    // A clean update says so, with no popup.
    app.update(Action::FeedsUpdated(vec![]));
    assert_eq!(app.popup, None);
    assert_eq!(app.status.as_deref(), Some("feeds updated"));
}

#[test]
fn loaded_articles_arrive_while_a_popup_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 100, 20);
    let before = app.library.len();
    press(&mut app, "?");
    let extra = load_blocking(vec![Source::Samples]).0;
    let n = extra.len();
    app.update(Action::Loaded(extra));
    assert_eq!(app.library.len(), before + n);
    assert!(matches!(app.popup, Some(Popup::Help { .. })));
}

#[test]
fn r_with_nothing_selected_says_so() {
    let mut app = App::new(Store::in_memory().unwrap(), Keymap::default(), true);
    app.update(Action::LoadFinished);
    press(&mut app, "r");
    assert_eq!(app.reload, None);
    assert!(app.status.as_deref().unwrap().contains("no article"));
}
