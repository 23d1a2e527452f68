//! The real binary in a real terminal (tmux): the first frame, j and Enter, the read mark kept,
//! and the terminal restored after q. Skipped, with a message, where tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "reader"])
    }

    /// Waits until the screen shows `want`; returns the screen.
    fn wait_for(&self, want: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(want) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {want:?} on screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn the_binary_draws_opens_marks_and_restores_the_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed; skipping the terminal test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let command = format!(
        "env XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} {bin} {fixtures}; \
         echo EXITED $?; stty -a | tr ' ' '\\n' | grep -x -e '-*icanon' -e '-*echo'; sleep 30",
        data = quoted(&dir.path().join("data")),
        config = quoted(&dir.path().join("config")),
        bin = quoted(Path::new(env!("CARGO_BIN_EXE_tidings"))),
        fixtures = quoted(&fixtures),
    );
    let tmux = Tmux {
        socket: format!("tidings-test-{}", std::process::id()),
    };
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "reader",
        "-x",
        "120",
        "-y",
        "40",
        &command,
    ]);
    tmux.wait_for("Articles (4, 4 unread)");
    tmux.run(&["send-keys", "-t", "reader", "j", "Enter"]);
    let screen = tmux.wait_for("Articles (4, 3 unread)");
    assert!(
        screen.contains("La direzione del festival"),
        "the reader shows the opened article:\n{screen}"
    );
    assert!(screen.contains("Quotes (1)"), "{screen}");
    tmux.run(&["send-keys", "-t", "reader", "q"]);
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("EXITED 0"), "{screen}");
    // Raw mode is off again (icanon and echo back on) and the alternate screen is gone.
    let lines: Vec<&str> = screen.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"icanon") && lines.contains(&"echo"),
        "{screen}"
    );
    assert!(!screen.contains("Articles ("), "{screen}");
    // The mark was written to the store in the data folder.
    let store = tidings::store::Store::open(&dir.path().join("data/tidings/tidings.db")).unwrap();
    assert_eq!(store.read_ids().unwrap().len(), 1);
}
