//! Key press → frame at 100k articles: one `update` (the next article) and one full draw on a
//! 200×50 TestBackend, over a synthetic library of 100k summaries. Also: narrowing the list by a
//! search keystroke over 100k titles. With a story index of 100k articles (stories of five):
//! a key press, the linked-articles popup (L), a step in a story (]) and the stories view (S).

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use tidings::article::{ArticleId, Location, Published, Summary};
use tidings::store::Store;
use tidings::tui::action::Action;
use tidings::tui::app::App;
use tidings::tui::keymap::Keymap;
use tidings::tui::view::view;

use std::sync::{Arc, RwLock};
use tidings::stories::{Features, StoryIndex};

const ARTICLES: usize = 100_000;

/// A synthetic library of 100k summaries, in no particular order.
fn summaries() -> Vec<Summary> {
    let words = [
        "council",
        "harbour",
        "Bürgermeister",
        "elezioni",
        "storm",
        "ferry",
        "budget",
        "Regierung",
        "festival",
        "rail",
        "strike",
        "museum",
        "vertice",
        "Wahl",
        "bridge",
        "école",
    ];
    let langs = ["en", "de", "it", "fr"];
    (0..ARTICLES)
        .map(|i| {
            let title = format!(
                "{} {} {} number {i}",
                words[i % words.len()],
                words[(i / 7) % words.len()],
                words[(i / 53) % words.len()]
            );
            Summary {
                id: ArticleId::from_key(&title),
                title,
                lang: Some(langs[i % langs.len()].to_string()),
                published: Some(Published {
                    year: 2020 + (i % 5) as u16,
                    month: 1 + (i % 12) as u8,
                    day: Some(1 + (i % 28) as u8),
                    time: None,
                }),
                sources: vec![format!("Outlet {}", i % 40)],
                url: None,
                location: Location::File(format!("/bench/{i}.txt").into()),
                words: 500,
            }
        })
        .collect()
}

/// A reader over `summaries`, loaded, on a 200×50 screen.
fn app_with(summaries: Vec<Summary>) -> App {
    let mut app = App::new(Store::in_memory().unwrap(), Keymap::default(), true);
    app.update(Action::Resize(200, 50));
    app.update(Action::Loaded(summaries));
    app.update(Action::LoadFinished);
    app
}

fn library_app() -> App {
    app_with(summaries())
}

fn render(c: &mut Criterion) {
    let mut app = library_app();
    assert_eq!(app.library.len(), ARTICLES);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    c.bench_function("key_to_frame_100k", |b| {
        b.iter(|| {
            app.update(Action::Down);
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
        })
    });
    c.bench_function("search_keystroke_100k", |b| {
        b.iter(|| {
            app.update(Action::Search);
            app.update(Action::SearchInput('w'));
            app.update(Action::SearchInput('a'));
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
            app.update(Action::Cancel);
        })
    });
}

/// A on 100k unread articles, answered yes, then U: 200k marks written to a store on disk.
fn mark_all(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = library_app();
    app.store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let mut group = c.benchmark_group("marks");
    group.sample_size(10);
    group.bench_function("mark_all_read_and_undo_100k", |b| {
        b.iter(|| {
            app.update(Action::MarkAllRead);
            app.update(Action::Confirm);
            assert_eq!(app.library.counts().1, 0);
            app.update(Action::Undo);
        })
    });
    group.finish();
}

/// The work before the first frame: open the store (with 100k marks in it), build the app, draw
/// it empty while the loader has not reported yet.
fn first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidings.db");
    let marks: Vec<_> = (0..ARTICLES)
        .map(|i| (ArticleId::from_key(&i.to_string()), true))
        .collect();
    Store::open(&path).unwrap().set_marks(&marks).unwrap();
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("first_frame_with_100k_marks", |b| {
        b.iter(|| {
            let mut app = App::new(Store::open(&path).unwrap(), Keymap::default(), true);
            app.update(Action::Resize(200, 50));
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
        })
    });
    group.finish();
}

/// A made-up name for story `g`: syllables from its digits, so every story has its own.
fn name(g: usize, salt: usize) -> String {
    const SYL: [&str; 20] = [
        "ka", "to", "mi", "ru", "se", "lo", "va", "ne", "di", "po", "ga", "fe", "zu", "ri", "bo",
        "la", "te", "mo", "si", "du",
    ];
    let mut n = g * 7 + salt;
    let mut out = String::new();
    for _ in 0..4 {
        out.push_str(SYL[n % SYL.len()]);
        n /= SYL.len();
    }
    let mut chars = out.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The library of [`library_app`] with a story index over all of it: articles in stories of five
/// sharing their names and numbers, added oldest first. The newest story's articles are real
/// files, with the ids those files parse to, so opening one and `]` read them. Returns the reader
/// and the title of the newest of those.
fn story_app(dir: &std::path::Path) -> (App, String) {
    let mut summaries = summaries();
    let mut newest_first: Vec<usize> = (0..summaries.len()).collect();
    newest_first.sort_by_key(|&i| std::cmp::Reverse(summaries[i].published));
    for &i in &newest_first[..5] {
        let s = &mut summaries[i];
        let date = s.published.expect("every summary has a date");
        let path = dir.join(format!("{i}.txt"));
        std::fs::write(
            &path,
            format!("{}\n\n{date}\n\nA paragraph of text.\n", s.title),
        )
        .unwrap();
        s.id = ArticleId::from_text_article(None, &s.title, s.published, "");
        s.sources.clear();
        s.location = Location::File(path);
    }
    let mut index = StoryIndex::new();
    for (rank, &i) in newest_first.iter().enumerate().rev() {
        let g = rank / 5;
        let text = format!(
            "{} {} met {} {} in {}.\n\nAbout {} people came to see {}.",
            name(g, 1),
            name(g, 2),
            name(g, 3),
            name(g, 4),
            name(g, 5),
            g * 37 + 1001,
            name(g, 2)
        );
        let s = &summaries[i];
        index.add(
            s.id,
            &Features::of_text(&text),
            s.published,
            s.lang.as_deref(),
        );
    }
    let first = summaries[newest_first[0]].title.clone();
    let mut app = app_with(summaries);
    app.set_stories(Arc::new(RwLock::new(index)));
    (app, first)
}

fn stories(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, first) = story_app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    app.update(Action::Search);
    for c in first.chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::Open);
    app.update(Action::Open);
    assert!(
        app.opened.as_ref().is_some_and(|o| !o.linked.is_empty()),
        "the first article has no links"
    );
    app.update(Action::Cancel);
    let mut group = c.benchmark_group("stories_100k");
    group.bench_function("key_to_frame", |b| {
        b.iter(|| {
            app.update(Action::Down);
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
        })
    });
    group.bench_function("linked_popup", |b| {
        b.iter(|| {
            app.update(Action::Linked);
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
            app.update(Action::Quit);
        })
    });
    group.bench_function("next_in_story_and_back", |b| {
        b.iter(|| {
            app.update(Action::NextInStory);
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
            app.update(Action::Back);
        })
    });
    group.sample_size(20);
    group.bench_function("stories_view", |b| {
        b.iter(|| {
            app.update(Action::Stories);
            terminal.draw(|f| view(black_box(&app), f)).unwrap();
            app.update(Action::Quit);
        })
    });
    group.finish();
}

criterion_group!(benches, render, mark_all, first_frame, stories);
criterion_main!(benches);
