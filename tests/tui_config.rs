//! The reader with a bad key binding in config.toml: a clear message naming the problem, and no
//! terminal set up.

use assert_cmd::Command;

#[test]
fn an_unknown_action_in_the_keymap_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/tidings");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[keys]\njump = [\"x\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown action `jump`"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
}

#[test]
fn a_bad_key_name_is_reported_with_its_action() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/tidings");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[keys]\ndown = [\"Hyper-j\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keys.down") && err.contains("Hyper-j"),
        "{err}"
    );
}
