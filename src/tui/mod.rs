//! The terminal reader: terminal setup and restore ([`terminal`]), the event loop (here), the app
//! state and its update ([`app`]), keys ([`keymap`], [`action`]) and drawing ([`view`]).
//!
//! The loop draws the first frame before the library has loaded, then blocks on three channels
//! (terminal events, loader events, signals) with no timeout: nothing is redrawn without an event,
//! so an idle reader uses no CPU. Loader events are drained in batches before drawing, and frames
//! for loader events alone are drawn at most every [`LOADING_FRAME`] (a timer set by such an
//! event draws the last one). Story
//! features go to the linking thread ([`crate::library::linker`]), which wakes the loop when
//! links change.

pub mod action;
pub mod app;
pub mod document;
pub mod filter;
pub mod keymap;
pub mod layout;
pub mod popup;
pub mod quote_rows;
pub mod reload;
pub mod stories;
pub mod terminal;
pub mod view;
pub mod wrap;

use crate::context::Context;
use crate::feeds::{self, FetchOptions, UpdateEvent};
use crate::library::linker::Linker;
use crate::library::load::{self, LoadEvent, Source};
use action::Action;
use anyhow::Context as _;
use app::App;
use crossbeam_channel::{Receiver, after, never, select, unbounded};
use keymap::Keymap;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use std::time::{Duration, Instant};

/// Loader events handled before a frame is drawn.
const MAX_BATCH: usize = 50_000;

/// The least time between two frames drawn for loader events alone: while a large library
/// loads, a frame per batch would take a core's share from parsing, and each frame drawn later
/// gathers more batches into one merge. Keys and other events draw at once.
const LOADING_FRAME: Duration = Duration::from_millis(50);

/// Runs the reader over `sources` until the user quits.
pub fn run(sources: Vec<Source>, ctx: Context) -> anyhow::Result<()> {
    let keymap = Keymap::new(&ctx.config.keys).context("config.toml")?;
    let load_options = ctx.load_options();
    let subscribed = ctx.config.feeds.clone();
    let mut app = App::new(ctx.store, keymap, ctx.config.mark_read_on_open);
    app.mark_story_read = ctx.config.mark_story_read;
    // Stories are linked on a thread of their own; the loop hears when links change.
    let (linker, links_changed) = Linker::spawn(load_options.store.clone());
    app.set_stories(linker.index.clone());
    if let Some(w) = ctx.warnings.last() {
        app.status = Some(w.clone());
    }
    let hyperlinks = ctx.config.hyperlinks && terminal_takes_hyperlinks();
    let draw = |app: &App, f: &mut ratatui::Frame| {
        view::view(app, f);
        if hyperlinks {
            view::hyperlinks::apply(app, f.buffer_mut());
        }
    };
    let signals = signal_channel()?;
    let mut guard = terminal::enter().context("cannot set up the terminal")?;
    let size = guard.terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    guard.terminal.draw(|f| draw(&app, f))?;

    let mut loader = load::spawn_with(sources.clone(), load_options.clone());
    let mut updater: Receiver<UpdateEvent> = never();
    // What to load once the feed update running now is done.
    let mut then_load: Vec<Source> = Vec::new();
    let keys = terminal_events();
    let (quotes_tx, quotes_found) = unbounded();
    let mut last_frame = Instant::now();
    // Fires when a frame put off for loader events is due (see LOADING_FRAME).
    let mut frame_due: Receiver<Instant> = never();
    let mut frame_pending = false;
    while !app.quit {
        // Whether this turn's event may wait for the next frame.
        let mut may_wait = false;
        select! {
            recv(keys) -> ev => match ev {
                Ok(Ok(ev)) => handle_terminal_event(&mut app, ev),
                Ok(Err(e)) => return Err(e).context("cannot read from the terminal"),
                Err(_) => app.quit = true,
            },
            recv(loader) -> ev => match ev {
                Ok(ev) => {
                    // Everything pending, then one frame; bounded so keys still get a turn
                    // when the loader is as fast as the loop.
                    let pending = std::iter::once(ev).chain(loader.try_iter().take(MAX_BATCH));
                    if handle_load_events(&mut app, &linker, pending) {
                        loader = never();
                    } else {
                        may_wait = true;
                    }
                }
                Err(_) => {
                    linker.start();
                    app.update(Action::LoadFinished);
                    loader = never();
                }
            },
            recv(updater) -> ev => match ev {
                Ok(UpdateEvent::Progress { done, total }) => {
                    app.update(Action::FeedProgress(done, total));
                }
                Ok(UpdateEvent::Done(report)) => {
                    app.update(Action::FeedsUpdated(report.errors));
                    updater = never();
                    app.update(Action::LoadProgress(0));
                    loader = load::spawn_with(std::mem::take(&mut then_load), load_options.clone());
                }
                Err(_) => updater = never(),
            },
            recv(links_changed) -> _ => app.update(Action::StoriesChanged),
            recv(quotes_found) -> ev => {
                if let Ok((id, quotes)) = ev {
                    app.update(Action::QuotesFound(id, quotes));
                }
            }
            recv(signals) -> _ => app.quit = true,
            recv(frame_due) -> _ => {}
        }
        if let Some(article) = app.quotes_wanted.take() {
            // A copy for the thread: the app keeps its own to show meanwhile.
            let article = (*article).clone();
            let tx = quotes_tx.clone();
            std::thread::spawn(move || {
                let _ = tx.send((article.id, crate::quotes::extract(&article)));
            });
        }
        if let Some(request) = app.reload.take() {
            let plan = reload::plan(&request, &sources, &subscribed);
            match (&load_options.store, plan.feeds.is_empty()) {
                (Some(store), false) => {
                    app.update(Action::FeedProgress(0, plan.feeds.len()));
                    then_load = plan.sources;
                    updater =
                        feeds::spawn_update(store.clone(), plan.feeds, FetchOptions::default());
                }
                _ => {
                    app.update(Action::LoadProgress(0));
                    loader = load::spawn_with(plan.sources, load_options.clone());
                }
            }
        }
        if !app.quit {
            let due = last_frame + LOADING_FRAME;
            let now = Instant::now();
            if may_wait && now < due {
                if !frame_pending {
                    frame_due = after(due - now);
                    frame_pending = true;
                }
            } else {
                guard.terminal.draw(|f| draw(&app, f))?;
                last_frame = Instant::now();
                frame_due = never();
                frame_pending = false;
            }
        }
    }
    drop(guard);
    // Every mark is in the store already; freeing a large library and story index piece by
    // piece would only keep the shell waiting (a tenth of a second at 100k articles), and the
    // process ends now.
    std::mem::forget(app);
    std::mem::forget(linker);
    Ok(())
}

/// Applies loader events in order, with each run of article batches joined into one update, so
/// that a drained channel costs one merge into the list rather than one per batch. True when
/// the loader has finished.
fn handle_load_events(
    app: &mut App,
    linker: &Linker,
    events: impl Iterator<Item = LoadEvent>,
) -> bool {
    let mut articles = Vec::new();
    let mut finished = false;
    for ev in events {
        match ev {
            LoadEvent::Articles(batch) => articles.extend(batch),
            LoadEvent::Finished => finished = true,
            other => {
                if !articles.is_empty() {
                    app.update(Action::Loaded(std::mem::take(&mut articles)));
                }
                handle_load_event(app, linker, other);
            }
        }
    }
    if !articles.is_empty() {
        app.update(Action::Loaded(articles));
    }
    finished
}

fn handle_load_event(app: &mut App, linker: &Linker, ev: LoadEvent) {
    let action = match ev {
        LoadEvent::Features(features) => {
            linker.add(features);
            return;
        }
        LoadEvent::Articles(a) => Action::Loaded(a),
        LoadEvent::Failed(m) | LoadEvent::Warning(m) => Action::LoadProblem(m),
        LoadEvent::Removed(ids) => Action::Removed(ids),
        LoadEvent::Progress { done, .. } => Action::LoadProgress(done),
        LoadEvent::Listed => {
            // The list is in: linking may take the cores now, as features come.
            linker.start();
            Action::LoadFinished
        }
        // Handled by the caller; the list was complete at `Listed`.
        LoadEvent::Finished => return,
    };
    app.update(action);
}

fn handle_terminal_event(app: &mut App, ev: Event) {
    let action = match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.translate(&k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, false)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    };
    if let Some(a) = action {
        app.update(a);
    }
}

/// Whether OSC 8 sequences are safe to send: terminals that do not know them ignore them, but the
/// Linux console and a dumb terminal print them.
fn terminal_takes_hyperlinks() -> bool {
    !matches!(std::env::var("TERM").as_deref(), Ok("dumb" | "linux"))
}

/// Terminal events, read on their own thread.
fn terminal_events() -> Receiver<std::io::Result<Event>> {
    let (tx, rx) = unbounded();
    std::thread::spawn(move || {
        loop {
            let ev = event::read();
            let failed = ev.is_err();
            if tx.send(ev).is_err() || failed {
                return;
            }
        }
    });
    rx
}

/// SIGTERM and SIGHUP as messages, so the loop quits and the terminal is restored.
fn signal_channel() -> anyhow::Result<Receiver<i32>> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .context("cannot listen for signals")?;
    let (tx, rx) = unbounded();
    std::thread::spawn(move || {
        for s in signals.forever() {
            if tx.send(s).is_err() {
                return;
            }
        }
    });
    Ok(rx)
}
