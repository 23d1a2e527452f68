//! The real binary in a real terminal (tmux): the first frame, j and Enter, the read mark kept,
//! linked articles (L, Enter, Backspace) over the bundled samples, and the terminal restored
//! after q. Skipped, with a message, where tmux is not installed.

mod tmux_support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use tmux_support::*;

/// Starts the reader over the fixtures in a detached tmux terminal; after it exits, the shell
/// prints its exit code and the terminal's icanon/echo modes.
fn start(dir: &tempfile::TempDir) -> Option<Tmux> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    start_over(dir, Some(&fixtures), "Articles (4, 4 unread)")
}

#[test]
fn the_binary_draws_opens_marks_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start(&dir) else { return };
    tmux.run(&["send-keys", "-t", "reader", "j", "Enter"]);
    tmux.wait_until("the opened article, its quotes and its read mark", |s| {
        s.contains("Articles (4, 3 unread)")
            && s.contains("La direzione del festival")
            && s.contains("Quotes (1)")
    });
    tmux.run(&["send-keys", "-t", "reader", "q"]);
    let screen = tmux.wait_for("STTY-DONE");
    assert!(screen.contains("EXITED 0"), "{screen}");
    assert_restored(&screen);
    // The mark was written to the store in the data folder.
    let store = tidings::store::Store::open(&dir.path().join("data/tidings/tidings.db")).unwrap();
    assert_eq!(store.read_ids().unwrap().len(), 1);
}

#[test]
fn sigterm_quits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start(&dir) else { return };
    let shell = tmux.run(&["display-message", "-p", "-t", "reader", "#{pane_pid}"]);
    let out = Command::new("pgrep")
        .args(["-P", shell.trim(), "tidings"])
        .output()
        .expect("pgrep runs");
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "no reader process under the shell {shell}");
    // Idle: no event, no work. CPU ticks (utime + stime) over one second stay at most one.
    let ticks = || -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split(' ').collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    };
    if let Some(before) = ticks() {
        std::thread::sleep(Duration::from_secs(1));
        let after = ticks().unwrap();
        eprintln!("idle CPU over 1 s: {} ticks", after - before);
        assert!(
            after - before <= 1,
            "busy while idle: {} ticks",
            after - before
        );
    }
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let screen = tmux.wait_for("STTY-DONE");
    assert!(screen.contains("EXITED 0"), "{screen}");
    assert_restored(&screen);
}

#[test]
fn linked_articles_jump_and_come_back_in_the_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start_over(&dir, None, "Articles (16, 16 unread)") else {
        return;
    };
    // The second newest sample is the English report of the barge in Lyon, linked to the French
    // and the German ones.
    tmux.run(&["send-keys", "-t", "reader", "j", "Enter"]);
    tmux.wait_for("halting");
    tmux.wait_for("2 linked:");
    tmux.run(&["send-keys", "-t", "reader", "L"]);
    tmux.wait_for("Linked articles: 2");
    tmux.run(&["send-keys", "-t", "reader", "Enter"]);
    // The article jumped to is marked read as it opens.
    tmux.wait_until("the jump away from the English article", |s| {
        s.contains("Articles (16, 14 unread)") && !s.contains("halting")
    });
    tmux.run(&["send-keys", "-t", "reader", "BSpace"]);
    tmux.wait_for("halting");
    tmux.run(&["send-keys", "-t", "reader", "q"]);
    let screen = tmux.wait_for("STTY-DONE");
    assert!(screen.contains("EXITED 0"), "{screen}");
    assert_restored(&screen);
}

/// The model case of linked stories, in the real terminal: the German seed shows the Italian one
/// as linked; `L` and Enter jump to it, Backspace comes back, Alt-→ goes forward again, and `S`
/// shows both in one story.
#[test]
fn the_seeds_link_and_every_story_key_works_in_the_real_terminal() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("no seeds beside the repository; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start_over(&dir, Some(&seeds), "Articles (2, 2 unread)") else {
        return;
    };
    let keys = |k: &[&str]| {
        let mut args = vec!["send-keys", "-t", "reader"];
        args.extend_from_slice(k);
        tmux.run(&args);
    };
    // The German seed is the older one: the second in the list, newest first.
    keys(&["j", "Enter"]);
    tmux.wait_for("Clubhaus von Elon Musk");
    tmux.wait_for("1 linked: Wired (it)");
    keys(&["L"]);
    tmux.wait_for("Linked articles: 1");
    keys(&["Enter"]);
    // A frame may be caught half drawn: wait for each part of it.
    tmux.wait_for("Articles (2, 0 unread)");
    tmux.wait_for("(de) — L lists");
    tmux.wait_for("l’invito di Elon Musk");
    keys(&["BSpace"]);
    tmux.wait_for("1 linked: Wired (it)");
    keys(&["M-Right"]);
    tmux.wait_for("(de) — L lists");
    keys(&["S"]);
    tmux.wait_for("Stories: 1,");
    tmux.wait_for("de,it");
    keys(&["q", "q"]);
    let screen = tmux.wait_for("STTY-DONE");
    assert!(screen.contains("EXITED 0"), "{screen}");
    assert_restored(&screen);
}
