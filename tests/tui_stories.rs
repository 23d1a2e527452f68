//! Linked stories in the reader, driven by keys as a user presses them: the German seed shows the
//! Italian one as linked, `L` and Enter jump, Backspace and Alt-→ go back and forward, `]` / `[`
//! walk a story, `S` groups the bundled samples by story.

mod tui_support;

use std::collections::BTreeSet;
use tidings::article::Location;
use tidings::library::load::Source;
use tidings::tui::app::App;
use tidings::tui::popup::Popup;
use tui_support::*;

const GERMAN: &str = "Wird es ein Treffen im Clubhaus von Elon Musk und Vladimir Putin geben?";
const ITALIAN: &str =
    "Putin sta pensando seriamente di accettare l’invito di Elon Musk su Clubhouse";

#[test]
fn the_german_seed_shows_the_italian_one_as_linked_and_keys_move_between_them() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_stories(&dir, vec![Source::Path(seeds)], 140, 40);
    select_title(&mut app, GERMAN);
    press(&mut app, "<Enter>");
    assert_eq!(title_of_opened(&app).as_deref(), Some(GERMAN));
    // The reading pane says how many are linked, with outlet and language.
    let o = app.opened.as_ref().unwrap();
    assert_eq!(o.linked.len(), 1);
    assert_eq!(o.linked[0].title, ITALIAN);
    assert_eq!(o.linked[0].lang, "it");
    assert!(
        screen(&app).contains("1 linked: Wired (it)"),
        "{}",
        screen(&app)
    );

    // L lists it with the names the two share; Enter jumps there.
    press(&mut app, "L");
    let Some(Popup::Linked { rows, .. }) = &app.popup else {
        panic!("no linked popup: {:?}", app.popup);
    };
    let shared = rows[0].shared.join(" ").to_lowercase();
    assert!(
        shared.contains("musk") && shared.contains("putin"),
        "{shared}"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(title_of_opened(&app).as_deref(), Some(ITALIAN));
    // The list follows the jump.
    assert_eq!(app.selected_entry().unwrap().summary.title, ITALIAN);

    // Back and forward, like a browser.
    press(&mut app, "<Backspace>");
    assert_eq!(title_of_opened(&app).as_deref(), Some(GERMAN));
    press(&mut app, "<Alt-Right>");
    assert_eq!(title_of_opened(&app).as_deref(), Some(ITALIAN));
    press(&mut app, "<Alt-Left>");
    assert_eq!(title_of_opened(&app).as_deref(), Some(GERMAN));
    press(&mut app, "<Backspace>");
    assert_eq!(app.status.as_deref(), Some("nothing to go back to"));
    assert_eq!(title_of_opened(&app).as_deref(), Some(GERMAN));

    // ] and [ walk the story: the dated Italian article first, the undated German one after.
    press(&mut app, "[");
    assert_eq!(title_of_opened(&app).as_deref(), Some(ITALIAN));
    press(&mut app, "[");
    assert_eq!(
        app.status.as_deref(),
        Some("the first article of this story")
    );
    press(&mut app, "]");
    assert_eq!(title_of_opened(&app).as_deref(), Some(GERMAN));
    // Both were opened, so both are read.
    assert_eq!(stored_marks(&dir).len(), 2);
}

#[test]
fn mark_story_read_marks_the_other_copy_in_one_undoable_change() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_stories(&dir, vec![Source::Path(seeds)], 120, 40);
    app.mark_story_read = true;
    select_title(&mut app, GERMAN);
    press(&mut app, "<Enter>");
    assert_eq!(stored_marks(&dir).len(), 2);
    assert_eq!(app.library.counts(), (2, 0));
    press(&mut app, "U");
    assert!(stored_marks(&dir).is_empty());
}

/// The bundled samples' file name → title.
fn sample_titles(app: &App) -> Vec<(String, String)> {
    app.library
        .entries()
        .iter()
        .filter_map(|e| match &e.summary.location {
            Location::Bundled(name) => Some((name.clone(), e.summary.title.clone())),
            _ => None,
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct Expected {
    story: Vec<ExpectedStory>,
    single: Vec<ExpectedSingle>,
}
#[derive(serde::Deserialize)]
struct ExpectedStory {
    files: Vec<String>,
}
#[derive(serde::Deserialize)]
struct ExpectedSingle {
    file: String,
}

#[test]
fn the_stories_view_lists_the_samples_stories() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_stories(&dir, vec![Source::Samples], 120, 40);
    let expected: Expected = toml::from_str(include_str!("fixtures/samples_stories.toml")).unwrap();
    let titles = sample_titles(&app);
    let title = |file: &str| {
        titles
            .iter()
            .find(|(n, _)| n.ends_with(file))
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("no sample {file}"))
    };
    press(&mut app, "S");
    let Some(Popup::Stories { rows, alone, .. }) = app.popup.clone() else {
        panic!("no stories view: {:?}", app.popup);
    };
    let listed: BTreeSet<BTreeSet<String>> = rows
        .iter()
        .map(|r| r.titles.iter().cloned().collect())
        .collect();
    let wanted: BTreeSet<BTreeSet<String>> = expected
        .story
        .iter()
        .map(|s| s.files.iter().map(|f| title(f)).collect())
        .collect();
    assert_eq!(listed, wanted);
    assert_eq!(alone, expected.single.len());
    for single in &expected.single {
        assert!(
            rows.iter()
                .all(|r| !r.titles.contains(&title(&single.file)))
        );
    }
    // Each story row has its languages and a timeline with every article on it.
    for r in &rows {
        assert!(r.langs.len() >= 2, "{:?}", r.langs);
        assert_eq!(r.per_day.iter().sum::<u64>() as usize, r.articles.len());
    }
    // Enter opens the selected story's first article, which can be walked with ].
    press(&mut app, "j<Enter>");
    let first = rows[1].articles[0];
    assert_eq!(app.opened.as_ref().map(|o| o.id), Some(first));
    press(&mut app, "]");
    assert_eq!(app.opened.as_ref().map(|o| o.id), Some(rows[1].articles[1]));
    press(&mut app, "<Backspace>");
    assert_eq!(app.opened.as_ref().map(|o| o.id), Some(first));
}

#[test]
fn linked_popup_and_stories_view_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_stories(&dir, vec![Source::Samples], 120, 32);
    let titles = sample_titles(&app);
    let (_, barge) = titles
        .iter()
        .find(|(n, _)| n.ends_with("03_lyon_barge_bridge.txt"))
        .unwrap()
        .clone();
    select_title(&mut app, &barge);
    press(&mut app, "<Enter>L");
    insta::assert_debug_snapshot!("linked_popup", draw(&app, app.size.0, app.size.1).backend());
    press(&mut app, "qS");
    insta::assert_debug_snapshot!("stories_view", draw(&app, app.size.0, app.size.1).backend());
}

#[test]
fn keys_without_stories_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_over_fixtures(&dir, 120, 40);
    press(&mut app, "L");
    assert_eq!(app.status.as_deref(), Some("open an article first (Enter)"));
    press(&mut app, "<Enter>L");
    assert_eq!(app.status.as_deref(), Some("no linked articles"));
    press(&mut app, "]");
    assert_eq!(
        app.status.as_deref(),
        Some("this article is the only one of its story")
    );
    press(&mut app, "<Alt-Right>");
    assert_eq!(app.status.as_deref(), Some("nothing to go forward to"));
    press(&mut app, "S");
    assert!(app.popup.is_none());
}

#[test]
fn every_size_draws_the_linked_popup_and_the_stories_view_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_stories(&dir, vec![Source::Samples], 120, 40);
    press(&mut app, "j<Enter>");
    for keys in ["L", "qS", "G"] {
        app.update(tidings::tui::action::Action::Resize(120, 40));
        press(&mut app, keys);
        assert!(app.popup.is_some(), "after {keys}: {:?}", app.status);
        for w in (1..=40).chain([97, 200]) {
            for h in (1..=15).chain([50]) {
                app.update(tidings::tui::action::Action::Resize(w, h));
                draw(&app, app.size.0, app.size.1);
            }
        }
    }
}
