//! Untrusted text made safe for a terminal.
//!
//! Article text comes from the web. A terminal acts on escape sequences (CSI moves the cursor and
//! recolours, OSC sets the window title or opens an OSC 8 hyperlink, DCS/APC/PM/SOS carry payloads),
//! on C0 controls (bell, backspace, carriage return) and, in UTF-8 mode, on some C1 controls
//! (U+009B is a one-character CSI). [`sanitize`] removes every sequence whole, drops the other
//! controls, turns carriage returns into line ends and expands tabs, so nothing that reaches the
//! screen can act on the terminal. Ingest runs it on every decoded text, and the widgets run it on
//! anything they draw that did not come through ingest.

use std::borrow::Cow;

/// Width of a tab stop when tabs are expanded.
pub const TAB_WIDTH: usize = 4;

/// Returns `text` without escape sequences or control characters (other than `\n`), with `\r\n`
/// and lone `\r` as `\n` and tabs expanded to spaces. Borrowed when nothing had to change.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| !needs_care(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut column = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            '\t' => {
                let pad = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
            }
            '\u{1b}' => skip_escape(&mut chars),
            // 8-bit CSI, OSC, DCS, SOS, PM, APC: the same sequences without the ESC.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_control(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    Cow::Owned(out)
}

fn needs_care(c: char) -> bool {
    c == '\t' || c == '\r' || is_control(c)
}

fn is_control(c: char) -> bool {
    (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: skip the sequence it starts.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7, ...) and intermediates (ESC ( B): drop the next
        // character, and a final one after an intermediate.
        Some(c) if (' '..='/').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates, then one final byte in `@`..=`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            return;
        }
        if !(' '..='?').contains(&c) {
            // Not a CSI byte: the sequence is broken; stop here so text is not swallowed.
            return;
        }
    }
}

/// OSC, DCS and the other string sequences: up to BEL, ESC \ or the 8-bit ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            // A string sequence never spans lines in real text; a newline ends a broken one so the
            // rest of the article is not swallowed.
            '\n' => return,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Grüße, «ciao» – 東京\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn removes_csi_osc_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("\u{1b}]0;pwned\u{7}title"), "title");
        assert_eq!(
            sanitize("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(sanitize("bell\u{7} back\u{8}space"), "bell backspace");
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("\u{1b}Pdcs payload\u{1b}\\ok"), "ok");
        assert_eq!(sanitize("\u{1b}(Bplain"), "plain");
    }

    #[test]
    fn carriage_returns_become_line_ends_and_tabs_expand() {
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(sanitize("ab\tc\n\td"), "ab  c\n    d");
    }

    #[test]
    fn a_broken_sequence_does_not_swallow_the_next_line() {
        assert_eq!(sanitize("\u{1b}]0;no end\nnext line"), "next line");
    }

    proptest! {
        #[test]
        fn output_has_no_controls(s in any::<String>()) {
            let out = sanitize(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || !is_control(c)), "{:?}", out);
            prop_assert!(!out.contains('\t') && !out.contains('\r'));
        }

        #[test]
        fn printable_text_is_kept(s in "[a-zA-Z0-9 äöüß«»„“”’.,!?\n-]{0,200}") {
            prop_assert_eq!(sanitize(&s), s.as_str());
        }

        #[test]
        fn sanitizing_twice_changes_nothing(s in any::<String>()) {
            let once = sanitize(&s).into_owned();
            prop_assert_eq!(sanitize(&once), once.as_str());
        }
    }
}
