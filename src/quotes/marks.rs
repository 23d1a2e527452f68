//! Quotation-mark pairing: which marks open, which close, and which quoted spans they make.
//!
//! Direction comes from position, not glyph: an opener follows a space, the start or opening
//! punctuation and precedes a non-space; a closer the reverse. So „…“, “…“, "…“ and »…« all pair,
//! and a mark between two letters (l’invito, don’t) is an apostrophe. Single marks (‘ ’ ‚ ' ‹ ›)
//! only pair with each other, and only when an opener is waiting, so a possessive (the students’
//! books) never closes anything. Spans may cross paragraph breaks (see [`pair`]). One pass over the
//! marks with a stack: linear time whatever the input.

/// Every glyph that can be a quotation mark: `"` and `'` (the typewriter marks), “ ” „ ‟ ‘ ’ ‚ « » ‹ ›
/// 「 」 『 』.
pub(super) fn is_mark(c: char) -> bool {
    // Asked of every character of the sentences around quotes, most of them ASCII letters:
    // those are answered by two comparisons, before the match over the other glyphs.
    if c.is_ascii() {
        return matches!(c, '"' | '\'');
    }
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// The byte ranges of the quotation marks in `text`, in order.
///
/// The marks' UTF-8 forms start with `"`, `'`, 0xC2 (« »), 0xE2 (“ ” „ ‟ ‘ ’ ‚ ‹ ›) or 0xE3
/// (「 」 『 』). Most text bytes are none of these: memchr skips them with SIMD, in two searches
/// (it looks for three bytes at most) merged in order.
fn find_marks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut common = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).peekable();
    let mut rare = memchr::memchr2_iter(0xC2, 0xE3, bytes).peekable();
    std::iter::from_fn(move || {
        loop {
            let at = match (common.peek(), rare.peek()) {
                (Some(a), Some(b)) if b < a => rare.next(),
                (Some(_), _) => common.next(),
                (None, _) => rare.next(),
            }?;
            let len = match bytes[at] {
                b'"' | b'\'' => 1,
                0xC2 => 2,
                _ => 3,
            };
            // A lead byte starts one character of `len` bytes, or the text is cut there.
            let glyph = text.get(at..at + len).and_then(|g| g.chars().next());
            if glyph.is_some_and(is_mark) {
                return Some((at, at + len));
            }
        }
    })
}

/// Single marks pair only with single marks; double with double.
fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›')
}

/// Guillemets may have a space inside (French typography), ordinary or no-break.
fn is_guillemet(c: char) -> bool {
    matches!(c, '«' | '»' | '‹' | '›')
}

fn is_inner_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}'
}

fn opens_before(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':') || is_mark(c)
}

fn closes_after(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '/' | '…'
    ) || is_mark(c)
}

/// Where a mark stands, from its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Both readings fit (`"` between spaces): the state of the pairing decides.
    Either,
    /// Neither fits (between letters): an apostrophe or noise.
    Neither,
}

fn role(prev: Option<char>, mark: char, next: Option<char>, after_next: Option<char>) -> Role {
    // Corner brackets: CJK text has no spaces to tell by, and these glyphs are never ambiguous.
    match mark {
        '「' | '『' => return Role::Open,
        '」' | '』' => return Role::Close,
        _ => {}
    }
    let space_or_start = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let left_open = prev.is_none_or(|p| p.is_whitespace() || opens_before(p));
    let left_close = prev.is_some_and(|p| !p.is_whitespace() && !opens_before(p))
        // `.“` after a sentence, `?"`: closing punctuation also counts as text before a closer.
        || prev.is_some_and(|p| matches!(p, '.' | '!' | '?' | '…' | ',' ));
    let right_open = next.is_some_and(|n| !n.is_whitespace());
    let right_close = next.is_none_or(|n| n.is_whitespace() || closes_after(n));
    let mut open = left_open && right_open && !right_close;
    let mut close = left_close && right_close;
    if is_guillemet(mark) {
        // « texte » : the inner space is part of the mark.
        let spaced_next = next.is_some_and(is_inner_space) && !space_or_start(after_next);
        if left_open && spaced_next && matches!(mark, '«' | '‹') {
            open = true;
        }
        if !left_close
            && prev.is_some_and(is_inner_space)
            && right_close
            && matches!(mark, '»' | '›')
        {
            close = true;
        }
    }
    match (open, close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        (true, true) => Role::Either,
        (false, false) => {
            // `" ` between spaces: only the glyph hints.
            if space_or_start(prev) && space_or_start(next) && !is_single(mark) {
                Role::Either
            } else {
                Role::Neither
            }
        }
    }
}

/// A mark found in one block's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    /// Byte offset of the mark in the block text.
    pub at: usize,
    pub len: usize,
    pub single: bool,
    role: Role,
}

/// The marks of a text with their roles, apostrophes dropped.
pub(crate) fn marks(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    // The second mark of ’n’ (rock ’n’ roll), found when the first was.
    let mut skip_at = None;
    for (at, end) in find_marks(text) {
        let Some(mark) = text[at..end].chars().next() else {
            continue;
        };
        let prev = text[..at].chars().next_back();
        let mut after = text[end..].chars();
        let next = after.next();
        let after_next = after.next();
        let single = is_single(mark);
        if skip_at == Some(at) {
            continue;
        }
        if single && is_apostrophe(prev, next, after_next) {
            if next == Some('n') {
                skip_at = Some(end + 1);
            }
            continue;
        }
        let role = role(prev, mark, next, after_next);
        let (mut at, mut len) = (at, end - at);
        if is_guillemet(mark) {
            // The inner space of « … » belongs to the mark, not to the quoted text.
            match (role, prev, next) {
                (Role::Open, _, Some(n)) if is_inner_space(n) => len += n.len_utf8(),
                (Role::Close, Some(p), _) if is_inner_space(p) => {
                    at -= p.len_utf8();
                    len += p.len_utf8();
                }
                _ => {}
            }
        }
        if role != Role::Neither {
            out.push(Mark {
                at,
                len,
                single,
                role,
            });
        }
    }
    out
}

/// ’90s, rock ’n’ roll: single marks that elide letters.
fn is_apostrophe(prev: Option<char>, next: Option<char>, after_next: Option<char>) -> bool {
    // The closing mark of ’n’ is skipped by the caller once the opening one is seen.
    let is_mark = |c: Option<char>| c.is_some_and(is_single);
    next.is_some_and(|n| n.is_ascii_digit())
        || (next == Some('n') && is_mark(after_next) && prev.is_none_or(|p| !p.is_alphabetic()))
}

/// A quoted span: from the opener's start to the closer's end, as block-local positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// (block, byte offset) of the opening mark.
    pub open: (usize, usize),
    pub open_len: usize,
    /// (block, byte offset) of the closing mark.
    pub close: (usize, usize),
    pub close_len: usize,
    /// Blocks after the first that the span continues into by an opening mark (English style):
    /// (block, offset, len) of those marks, which are not part of the quoted text.
    pub continued: Vec<(usize, usize, usize)>,
    /// Inside another span: not listed as separate speech.
    pub nested: bool,
}

/// Deepest nesting of open quotes kept.
const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, Copy)]
struct Open {
    block: usize,
    at: usize,
    len: usize,
    single: bool,
}

/// Pairs the marks of consecutive blocks (`None` for a block that holds no prose, which breaks
/// any pending quote). A double quote still open at a block's end is kept for the next block when
/// that block starts with an opening mark (the quote continues, English convention) or with a
/// closing one (the quote was cut by a paragraph break); otherwise it is dropped and costs nothing
/// but itself.
pub(crate) fn pair<'a>(blocks: impl IntoIterator<Item = Option<&'a str>>) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut continued: Vec<(usize, usize, usize)> = Vec::new();
    for (b, text) in blocks.into_iter().enumerate() {
        let Some(text) = text else {
            stack.clear();
            continued.clear();
            continue;
        };
        let marks = marks(text);
        let mut first = true;
        // Carry the outermost open double quote over the paragraph break, if the block lets it.
        let carried = stack.iter().find(|o| !o.single).copied();
        stack.clear();
        let mut iter = marks.iter().peekable();
        if let (Some(open), Some(m)) = (carried, iter.peek()) {
            let lead = text[..m.at].trim_start();
            let at_start = lead
                .chars()
                .all(|c| matches!(c, '.' | ',' | '!' | '?' | '…'));
            if at_start && !m.single {
                match m.role {
                    Role::Open | Role::Either if lead.is_empty() => {
                        continued.push((b, m.at, m.len));
                        stack.push(open);
                        iter.next();
                    }
                    Role::Close | Role::Either => stack.push(open),
                    _ => {}
                }
            }
        }
        if stack.is_empty() {
            continued.clear();
        }
        for m in iter {
            let _ = first;
            first = false;
            let top_same = stack.iter().rposition(|o| o.single == m.single);
            let close = match m.role {
                Role::Close => true,
                Role::Open => false,
                // Ambiguous: close when a quote of the same weight is open.
                Role::Either => top_same.is_some(),
                Role::Neither => continue,
            };
            if !close {
                if stack.len() >= MAX_DEPTH {
                    // Real text never nests this deep: a run of stray openers. Ignoring the rest
                    // keeps every closer's search short, so the pass stays linear.
                    continue;
                }
                stack.push(Open {
                    block: b,
                    at: m.at,
                    len: m.len,
                    single: m.single,
                });
                continue;
            }
            // A single closer only closes a single opener on top; else it is an apostrophe.
            let target = if m.single {
                stack.last().filter(|o| o.single).map(|_| stack.len() - 1)
            } else {
                top_same
            };
            let Some(i) = target else { continue };
            let open = stack[i];
            stack.truncate(i);
            let cont: Vec<_> = if open.block < b {
                std::mem::take(&mut continued)
            } else {
                Vec::new()
            };
            spans.push(Span {
                open: (open.block, open.at),
                open_len: open.len,
                close: (b, m.at),
                close_len: m.len,
                continued: cont,
                nested: false,
            });
        }
    }
    spans.sort_by_key(|s| s.open);
    // A span that starts before another ends and ends after it started contains it (pairs never
    // cross). One pass with the end of the current outer span.
    let mut outer_end: Option<(usize, usize)> = None;
    for s in &mut spans {
        if outer_end.is_some_and(|end| s.close < end) {
            s.nested = true;
        } else {
            outer_end = Some(s.close);
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<String> {
        pair([Some(text)])
            .into_iter()
            .filter(|s| !s.nested)
            .map(|s| text[s.open.1 + s.open_len..s.close.1].to_string())
            .collect()
    }

    #[test]
    fn pairs_by_position_not_glyph() {
        assert_eq!(inner("Er sagte: „Ja, gern.“ Dann ging er."), ["Ja, gern."]);
        assert_eq!(inner("Sie rief “eine Ehre“, dann nichts."), ["eine Ehre"]);
        assert_eq!(
            inner("ein \"interessanter Vorschlag“ laut ihm"),
            ["interessanter Vorschlag"]
        );
        assert_eq!(
            inner("Es war „gut” und »schön« und ‚klein‘."),
            ["gut", "schön", "klein"]
        );
        assert_eq!(inner("« Oui », dit-il, ‹ non ›."), ["Oui", "non"]);
        assert_eq!(inner("「東京」と『本』"), ["東京", "本"]);
        assert_eq!(inner("He said 'yes' and ‘no’."), ["yes", "no"]);
    }

    #[test]
    fn french_guillemets_take_any_inner_space() {
        for space in [" ", "\u{a0}", "\u{202f}"] {
            let text = format!("Il a dit «{space}C’est fini{space}» hier.");
            assert_eq!(inner(&text), ["C’est fini"]);
        }
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let text = "l’invito, c’è, aujourd’hui, don’t, the company’s, rock ’n’ roll, the ’90s, the students’ books";
        assert!(inner(text).is_empty());
        assert_eq!(inner(&format!("“{text}”")), [text]);
    }

    #[test]
    fn a_stray_mark_costs_only_itself() {
        assert_eq!(inner("A “stray and “one” then “two”."), ["one", "two"]);
        assert_eq!(inner("A stray” then “one” and “two”."), ["one", "two"]);
    }

    #[test]
    fn nested_quotes_are_inside_the_outer() {
        let spans = pair([Some("“He called it ‘rubbish’ and left,” she said.")]);
        assert_eq!(spans.iter().filter(|s| !s.nested).count(), 1);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn quotes_continue_and_are_recovered_across_paragraphs() {
        let spans = pair([Some("“First part,"), Some("“second part.” Done.")]);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].open, (0, 0));
        assert_eq!(spans[0].continued, vec![(1, 0, "“".len())]);
        let spans = pair([
            Some("ob er an \"ein Gespräch über X"),
            Some(".\" Das war es."),
        ]);
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].open, spans[0].close), ((0, 9), (1, 1)));
        // No opening mark at the next paragraph: the open quote is dropped, nothing else.
        let spans = pair([Some("“Open and never closed"), Some("Plain “text” here.")]);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].open.0, 1);
    }
}
