//! The real binary in a real terminal: a private tmux server, the reader started in it with a
//! home of its own, and the screen read back.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "reader"])
    }

    /// Waits until the screen shows `want`; returns the screen.
    pub fn wait_for(&self, want: &str) -> String {
        self.wait_until(&format!("{want:?} on screen"), |s| s.contains(want))
    }

    /// Waits until the screen is as `ready` says (a frame may be caught half drawn, so a test
    /// waits for all it wants rather than asserting on the first capture); returns the screen.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

pub fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// Starts the reader over `folder` (the bundled samples without one) and waits for `ready`.
pub fn start_over(dir: &tempfile::TempDir, folder: Option<&Path>, ready: &str) -> Option<Tmux> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed; skipping the terminal test");
        return None;
    }
    let command = format!(
        "env XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} {bin} {fixtures}; \
         echo EXITED $?; stty -a | tr ' ' '\\n' | grep -x -e '-*icanon' -e '-*echo'; echo STTY-DONE; sleep 30",
        data = quoted(&dir.path().join("data")),
        config = quoted(&dir.path().join("config")),
        bin = quoted(Path::new(env!("CARGO_BIN_EXE_tidings"))),
        fixtures = folder.map(quoted).unwrap_or_default(),
    );
    let tmux = Tmux {
        socket: format!(
            "tidings-test-{}-{}",
            std::process::id(),
            dir.path().file_name()?.to_string_lossy()
        ),
    };
    let started = Instant::now();
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
    tmux.wait_for("Articles (");
    // Includes starting tmux, and a debug build: an upper bound of the first frame's latency.
    eprintln!("first frame on screen after {:?}", started.elapsed());
    tmux.wait_for(ready);
    Some(tmux)
}

/// Raw mode is off again (icanon and echo back on) and the alternate screen is gone.
pub fn assert_restored(screen: &str) {
    let lines: Vec<&str> = screen.lines().map(str::trim).collect();
    assert!(
        lines.contains(&"icanon") && lines.contains(&"echo"),
        "{screen}"
    );
    assert!(!screen.contains("Articles ("), "{screen}");
}
