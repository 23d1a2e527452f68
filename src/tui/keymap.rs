//! Keys to actions: the default bindings (assets/keymap.toml, embedded), the user's overrides
//! (`[keys]` in config.toml), and the translation of a key event into an [`Action`].
//!
//! Key names follow the file's comment: a character, or a named key, with optional `Ctrl-`,
//! `Alt-`, `Shift-` prefixes. A character key's shift is part of the character (`G`, `?`).

use super::action::{Action, BINDABLE};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key with its modifiers, normalised so that a character's shift is in the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mods = match code {
            KeyCode::Char(_) | KeyCode::BackTab => mods - KeyModifiers::SHIFT,
            _ => mods,
        };
        Key { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keys: unknown action `{0}`; the actions are listed by `?` in the reader")]
    UnknownAction(String),
    #[error("keys.{action}: cannot read the key `{key}` (write e.g. \"j\", \"Down\", \"Ctrl-d\")")]
    BadKey { action: String, key: String },
    #[error("the default keymap is broken: {0}")]
    Default(String),
}

/// Which action each key stands for, and the keys of each action (for the help).
#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    keys: BTreeMap<String, Vec<String>>,
}

impl Keymap {
    /// The defaults with `overrides` (action name → keys) replacing an action's keys.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        let mut keys: BTreeMap<String, Vec<String>> =
            toml::from_str(DEFAULT_KEYMAP).map_err(|e| KeymapError::Default(e.to_string()))?;
        for (name, list) in overrides {
            if Action::from_name(name).is_none() {
                return Err(KeymapError::UnknownAction(name.clone()));
            }
            keys.insert(name.clone(), list.clone());
        }
        let mut by_key = HashMap::new();
        // An override wins over a default that used the same key: defaults first.
        let ordered = keys
            .iter()
            .filter(|(n, _)| !overrides.contains_key(*n))
            .chain(keys.iter().filter(|(n, _)| overrides.contains_key(*n)));
        for (name, list) in ordered {
            let action =
                Action::from_name(name).ok_or_else(|| KeymapError::UnknownAction(name.clone()))?;
            for k in list {
                let key = parse_key(k).ok_or_else(|| KeymapError::BadKey {
                    action: name.clone(),
                    key: crate::text::sanitize(k).into_owned(),
                })?;
                by_key.insert(key, action.clone());
            }
        }
        Ok(Keymap { by_key, keys })
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_key.get(&key).cloned()
    }

    /// The keys bound to the action named `name`, as written in the keymap.
    pub fn keys_of(&self, name: &str) -> &[String] {
        self.keys.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// (keys, description) of every bindable action, for the help popup.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        BINDABLE
            .iter()
            .map(|(name, _, desc)| (self.keys_of(name).join(", "), *desc))
            .collect()
    }
}

impl Default for Keymap {
    fn default() -> Self {
        match Keymap::new(&BTreeMap::new()) {
            Ok(k) => k,
            // The default file is embedded and tested; an empty map keeps the reader usable.
            Err(_) => Keymap {
                by_key: HashMap::new(),
                keys: BTreeMap::new(),
            },
        }
    }
}

/// Reads a key name like `j`, `G`, `Down`, `Ctrl-d`, `Shift-Tab`.
pub fn parse_key(text: &str) -> Option<Key> {
    let mut mods = KeyModifiers::empty();
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = [
            ("ctrl-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
            ("shift-", KeyModifiers::SHIFT),
        ]
        .into_iter()
        .find(|(p, _)| lower.starts_with(p) && rest.len() > p.len());
        match prefix {
            Some((p, m)) => {
                mods |= m;
                rest = &rest[p.len()..];
            }
            None => break,
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => return None,
        },
    };
    // Shift on a letter is the capital letter.
    let code = match code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        c => c,
    };
    Some(Key::new(code, mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::empty())
    }

    #[test]
    fn every_action_has_default_keys_and_every_default_parses() {
        let map = Keymap::new(&BTreeMap::new()).unwrap();
        for (name, _, _) in BINDABLE {
            assert!(!map.keys_of(name).is_empty(), "{name} has no key");
        }
        assert_eq!(map.action(key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(map.action(key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(map.action(key(KeyCode::Char(' '))), Some(Action::PageDown));
        assert_eq!(
            map.action(Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            map.action(Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        );
    }

    #[test]
    fn overrides_replace_an_actions_keys() {
        let overrides = BTreeMap::from([("down".to_string(), vec!["Ctrl-n".to_string()])]);
        let map = Keymap::new(&overrides).unwrap();
        assert_eq!(
            map.action(Key::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(map.action(key(KeyCode::Char('j'))), None);
        // A key taken from another action goes to the override.
        let overrides = BTreeMap::from([("quit".to_string(), vec!["n".to_string()])]);
        let map = Keymap::new(&overrides).unwrap();
        assert_eq!(map.action(key(KeyCode::Char('n'))), Some(Action::Quit));
    }

    #[test]
    fn unknown_names_and_bad_keys_say_what_is_wrong() {
        let overrides = BTreeMap::from([("jump".to_string(), vec!["j".to_string()])]);
        let err = Keymap::new(&overrides).unwrap_err().to_string();
        assert!(err.contains("`jump`"), "{err}");
        let overrides = BTreeMap::from([("down".to_string(), vec!["Hyper-x".to_string()])]);
        let err = Keymap::new(&overrides).unwrap_err().to_string();
        assert!(
            err.contains("keys.down") && err.contains("Hyper-x"),
            "{err}"
        );
        assert_eq!(parse_key(""), None);
        assert_eq!(parse_key("F13"), None);
        assert_eq!(parse_key("Ctrl-"), None);
    }
}
