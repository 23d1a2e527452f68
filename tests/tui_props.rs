//! Any key sequence, at any size: no panic, the selection stays inside the list, and the read
//! marks in the store always equal the marks on screen.

mod tui_support;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashSet;
use tidings::tui::view::view;
use tui_support::*;

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "<Space>",
    "b",
    "<Tab>",
    "<BackTab>",
    "<Enter>",
    "n",
    "p",
    "N",
    "A",
    "y",
    "U",
    "/",
    "e",
    "<Backspace>",
    "<Esc>",
    "f",
    "u",
    "t",
    "?",
    "q",
    "x",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_keys_keep_the_store_and_the_screen_in_step(
        keys in proptest::collection::vec(0..KEYS.len(), 1..60),
        w in 1u16..140,
        h in 1u16..45,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_over_fixtures(&dir, w, h);
        app.set_browser(Box::new(|_| Ok(())));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        for &k in &keys {
            press(&mut app, KEYS[k]);
            if app.quit {
                break;
            }
            terminal.draw(|f| view(&app, f)).unwrap();
            prop_assert!(app.shown.is_empty() || app.selected < app.shown.len());
        }
        let on_screen: HashSet<_> = app
            .library
            .entries()
            .iter()
            .filter(|e| e.read)
            .map(|e| e.summary.id)
            .collect();
        prop_assert_eq!(stored_marks(&dir), on_screen);
    }
}
