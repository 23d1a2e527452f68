//! The reader driven by keys, as a user presses them, with read marks checked in a store on disk.

mod tui_support;

use std::cell::RefCell;
use std::rc::Rc;
use tidings::tui::action::Action;
use tidings::tui::layout::Pane;
use tidings::tui::popup::Popup;
use tui_support::*;

fn id_of(app: &tidings::tui::app::App, title: &str) -> tidings::article::ArticleId {
    app.library
        .entries()
        .iter()
        .find(|e| e.summary.title == title)
        .unwrap()
        .summary
        .id
}

const BAKERY: &str = "Old bakery reopens after two years of repairs";
const FESTIVAL: &str = "Il festival del cinema annuncia il programma";
const HARBOUR: &str = "Harbour council approves new ferry timetable";
const STORM: &str = "Storm warning lifted for the northern coast";

#[test]
fn enter_opens_the_article_and_marks_it_read_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    assert_eq!(shown_titles(&app), [BAKERY, FESTIVAL, HARBOUR, STORM]);
    press(&mut app, "j<Enter>");
    assert_eq!(title_of_opened(&app).as_deref(), Some(FESTIVAL));
    assert_eq!(app.library.counts(), (4, 3));
    let festival = id_of(&app, FESTIVAL);
    assert_eq!(stored_marks(&dir), [festival].into());
    // The quotes of the opened article are there, with the Italian quote.
    let o = app.opened.as_ref().unwrap();
    assert!(
        o.quotes.iter().any(|q| q.text.contains("confini")),
        "{:?}",
        o.quotes
    );
}

#[test]
fn toggle_read_and_undo_are_written_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    let bakery = id_of(&app, BAKERY);
    let harbour = id_of(&app, HARBOUR);
    press(&mut app, "N");
    assert_eq!(stored_marks(&dir), [bakery].into());
    press(&mut app, "jjN");
    assert_eq!(stored_marks(&dir), [bakery, harbour].into());
    press(&mut app, "N");
    assert_eq!(stored_marks(&dir), [bakery].into());
    // Undo goes back one change at a time: harbour read again, then unread, then bakery unread.
    press(&mut app, "U");
    assert_eq!(stored_marks(&dir), [bakery, harbour].into());
    press(&mut app, "UU");
    assert!(stored_marks(&dir).is_empty());
    assert_eq!(app.library.counts(), (4, 4));
    press(&mut app, "U");
    assert_eq!(app.status.as_deref(), Some("nothing to undo"));
}

#[test]
fn mark_all_read_asks_first_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    press(&mut app, "A");
    assert_eq!(app.popup, Some(Popup::ConfirmMarkAll { count: 4 }));
    press(&mut app, "n");
    assert_eq!(app.popup, None);
    assert!(stored_marks(&dir).is_empty());
    press(&mut app, "Ay");
    assert_eq!(stored_marks(&dir).len(), 4);
    assert_eq!(app.status.as_deref(), Some("marked 4 read — U to undo"));
    assert_eq!(app.library.counts(), (4, 0));
    press(&mut app, "U");
    assert!(stored_marks(&dir).is_empty());
    assert_eq!(app.library.counts(), (4, 4));
}

#[test]
fn next_and_previous_unread_skip_read_articles_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    press(&mut app, "jN"); // festival read, selection on it
    press(&mut app, "k");
    press(&mut app, "n"); // from bakery: festival is read, so harbour
    assert_eq!(title_of_opened(&app).as_deref(), Some(HARBOUR));
    press(&mut app, "n");
    assert_eq!(title_of_opened(&app).as_deref(), Some(STORM));
    press(&mut app, "n");
    assert_eq!(app.status.as_deref(), Some("no more unread articles"));
    press(&mut app, "p"); // harbour was read by opening it; bakery is the last unread before
    assert_eq!(title_of_opened(&app).as_deref(), Some(BAKERY));
    assert_eq!(app.library.counts(), (4, 0));
}

#[test]
fn filter_unread_only_and_esc_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    press(&mut app, "jN");
    press(&mut app, "f");
    assert!(matches!(app.popup, Some(Popup::Filter { .. })));
    press(&mut app, "<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(shown_titles(&app), [BAKERY, HARBOUR, STORM]);
    // Esc in the filter popup clears the filter.
    press(&mut app, "f<Esc>");
    assert_eq!(shown_titles(&app).len(), 4);
}

#[test]
fn search_narrows_as_you_type_enter_keeps_esc_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    press(&mut app, "/FE");
    // Case is folded: "fe" is in "ferry" and "festival".
    assert_eq!(shown_titles(&app), [FESTIVAL, HARBOUR]);
    press(&mut app, "r");
    assert_eq!(shown_titles(&app), [HARBOUR]);
    press(&mut app, "<Backspace>");
    assert_eq!(shown_titles(&app).len(), 2);
    press(&mut app, "rry<Enter>");
    assert!(!app.search.editing);
    assert_eq!(shown_titles(&app), [HARBOUR]);
    // Keys act again after Enter: j stays on the only match, Enter opens it.
    press(&mut app, "j<Enter>");
    assert_eq!(title_of_opened(&app).as_deref(), Some(HARBOUR));
    press(&mut app, "<Esc>");
    assert_eq!(shown_titles(&app).len(), 4);
}

#[test]
fn help_lists_every_action_with_its_keys() {
    let app = app_over_fixtures(&tempfile::tempdir().unwrap(), 120, 40);
    let help = app.keymap.help();
    for (name, _, desc) in tidings::tui::action::BINDABLE {
        let (keys, d) = help.iter().find(|(_, d)| d == desc).unwrap();
        assert_eq!(d, desc);
        assert!(!keys.is_empty(), "{name} has no keys");
    }
    let mut app = app;
    press(&mut app, "?");
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
    press(&mut app, "q");
    assert_eq!(app.popup, None);
    assert!(!app.quit);
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn links_popup_and_o_open_urls_through_the_browser() {
    let mut app = sample_app(120, 40);
    let opened = Rc::new(RefCell::new(Vec::<String>::new()));
    let record = opened.clone();
    app.set_browser(Box::new(move |url| {
        record.borrow_mut().push(url.to_string());
        Ok(())
    }));
    press(&mut app, "u");
    let Some(Popup::Links { links, .. }) = &app.popup else {
        panic!("no links popup: {:?}", app.popup);
    };
    assert_eq!(
        links,
        &[
            "https://example.org/bridge-repairs",
            "https://example.org/ferry-timetable"
        ]
    );
    press(&mut app, "j<Enter>");
    press(&mut app, "o");
    assert_eq!(
        *opened.borrow(),
        [
            "https://example.org/ferry-timetable",
            "https://example.org/news/bridge"
        ]
    );
    app.set_browser(Box::new(|_| Err("cannot start xdg-open: not found".into())));
    press(&mut app, "o");
    assert_eq!(
        app.status.as_deref(),
        Some("cannot start xdg-open: not found")
    );
}

#[test]
fn enter_on_a_quote_scrolls_the_reader_to_it_and_highlights_it() {
    let mut app = sample_app(120, 12);
    press(&mut app, "<Tab><Tab>");
    assert_eq!(app.focus, Pane::Quotes);
    // Terms are hidden: the second visible quote is Reiter's second one (quote 2).
    press(&mut app, "j<Enter>");
    let o = app.opened.as_ref().unwrap();
    assert_eq!(o.highlight, Some(2));
    let top = &o.lines[o.scroll..];
    assert!(
        top.iter()
            .take(8)
            .any(|l| l.text.contains("repairs should take")),
        "{:?}",
        &top[..top.len().min(8)]
    );
    // t shows terms: four visible become five.
    assert_eq!(app.visible_quotes().len(), 4);
    press(&mut app, "t");
    assert_eq!(app.visible_quotes().len(), 5);
}

#[test]
fn mouse_click_selects_a_row_and_focuses_the_pane() {
    let mut app = sample_app(120, 40);
    app.update(Action::Click(5, 3)); // row 2 of the list (border on row 0)
    assert_eq!(app.selected, 2);
    assert_eq!(app.focus, Pane::List);
    app.update(Action::Click(60, 10));
    assert_eq!(app.focus, Pane::Reader);
    app.update(Action::Scroll(5, 5, true));
    assert_eq!(app.selected, 4);
}

#[test]
fn narrow_screens_show_the_focused_pane_and_tab_cycles() {
    let mut app = sample_app(50, 20);
    let areas = app.areas();
    assert!(areas.reader.is_some() && areas.list.is_none());
    press(&mut app, "<Tab>");
    assert!(app.areas().quotes.is_some());
    press(&mut app, "<Tab>");
    assert!(app.areas().list.is_some());
}

#[test]
fn a_failed_write_is_reported_and_the_mark_reverted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    // Break the store from outside: the marks table is gone, so the next write fails.
    let conn = rusqlite::Connection::open(dir.path().join("tidings.db")).unwrap();
    conn.execute_batch("DROP TABLE marks").unwrap();
    press(&mut app, "N");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("could not save the read mark") && status.contains("tidings.db"),
        "{status}"
    );
    assert_eq!(app.library.counts(), (4, 4));
    // Nothing to undo: the change did not happen.
    press(&mut app, "U");
    assert_eq!(app.status.as_deref(), Some("nothing to undo"));
}

#[test]
fn a_failed_mark_all_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    let conn = rusqlite::Connection::open(dir.path().join("tidings.db")).unwrap();
    conn.execute_batch("DROP TABLE marks").unwrap();
    press(&mut app, "Ay");
    assert_eq!(app.library.counts(), (4, 4));
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("could not save"), "{status}");
}

#[test]
fn the_list_is_newest_first_whatever_order_the_files_load_in() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_over_fixtures(&dir, 120, 40);
    assert_eq!(shown_titles(&app), [BAKERY, FESTIVAL, HARBOUR, STORM]);
    // The same articles arriving in the opposite order, in two batches, list the same way.
    let mut summaries: Vec<_> = app
        .library
        .entries()
        .iter()
        .rev()
        .map(|e| e.summary.clone())
        .collect();
    let later = summaries.split_off(2);
    let store = tidings::store::Store::in_memory().unwrap();
    let keymap = tidings::tui::keymap::Keymap::default();
    let mut other = tidings::tui::app::App::new(store, keymap, true);
    other.update(Action::Resize(120, 40));
    other.update(Action::Loaded(summaries));
    other.update(Action::Loaded(later));
    assert_eq!(shown_titles(&other), [BAKERY, FESTIVAL, HARBOUR, STORM]);
}

#[test]
fn clicking_a_quote_selects_it_and_search_shows_the_list_on_a_narrow_screen() {
    let mut app = sample_app(120, 40);
    let quotes = app.areas().quotes.unwrap();
    // Rows: two header lines, a blank, then the first quote (speaker + 3 lines) and a blank; the
    // second quote's speaker line is the 10th row inside the border.
    app.update(Action::Click(quotes.x + 3, quotes.y + 1 + 9));
    assert_eq!(app.focus, Pane::Quotes);
    assert_eq!(app.opened.as_ref().unwrap().quote_selected, 1);
    press(&mut app, "<Enter>");
    assert_eq!(app.opened.as_ref().unwrap().highlight, Some(2));

    let mut app = sample_app(50, 20);
    assert_eq!(app.focus, Pane::Reader);
    press(&mut app, "/lib");
    assert_eq!(app.focus, Pane::List);
    assert_eq!(shown_titles(&app), ["Library extends its opening hours"]);
}

#[test]
fn marks_from_an_earlier_run_show_when_the_articles_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = app_over_fixtures(&dir, 120, 40);
    press(&mut first, "jjN");
    drop(first);
    let app = app_over_fixtures(&dir, 120, 40);
    assert_eq!(app.library.counts(), (4, 3));
    assert!(app.library.get(id_of(&app, HARBOUR)).unwrap().read);
}

/// A long article opens at once; its quotes are found off the event loop's thread (the loop
/// takes `quotes_wanted`), the pane says so meanwhile, and they are shown when they come.
#[test]
fn a_long_articles_quotes_come_later_and_never_hold_up_opening() {
    use tidings::library::load::{Source, load_blocking};
    use tidings::store::Store;
    use tidings::tui::app::{App, QUOTES_AT_ONCE};
    use tidings::tui::keymap::Keymap;
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Harbour wall gives way after the storm\n\n12 March 2024\n\n");
    text.push_str("“We will rebuild it stone by stone,” said harbour master Ilse Brandt.\n\n");
    for n in 0.. {
        if text.len() > 2 * QUOTES_AT_ONCE {
            break;
        }
        text.push_str(&format!(
            "On day {n} the tide came in twice over the broken wall and the boats stayed tied.\n\n"
        ));
    }
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();
    let mut app = App::new(Store::in_memory().unwrap(), Keymap::default(), true);
    app.update(Action::Resize(120, 40));
    let source = vec![Source::Path(dir.path().to_path_buf())];
    app.update(Action::Loaded(load_blocking(source).0));
    app.update(Action::LoadFinished);
    press(&mut app, "<Enter>");
    let opened = app.opened.as_ref().expect("opened");
    assert!(opened.quotes_pending && opened.quotes.is_empty());
    assert!(screen(&app).contains("finding quotes…"));
    let article = app.quotes_wanted.take().expect("asked for its quotes");

    // Quotes of another article are not shown here.
    let other = tidings::article::ArticleId::from_key("other");
    app.update(Action::QuotesFound(
        other,
        tidings::quotes::extract(&article),
    ));
    assert!(app.opened.as_ref().unwrap().quotes_pending);

    app.update(Action::QuotesFound(
        article.id,
        tidings::quotes::extract(&article),
    ));
    let opened = app.opened.as_ref().unwrap();
    assert!(!opened.quotes_pending);
    assert_eq!(opened.quotes.len(), 1);
    let shown = screen(&app);
    assert!(
        shown.contains("Ilse Brandt") && !shown.contains("finding quotes"),
        "{shown}"
    );
}
