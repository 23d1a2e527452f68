//! Wrapping text to a width in terminal cells: by words, measured by display width
//! (unicode-width) per grapheme (unicode-segmentation), so wide CJK characters and combining
//! accents land in the right cells. A word longer than the width is broken between graphemes.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Byte ranges of `text`'s lines when wrapped to `width` cells. Lines break at spaces only, so
/// punctuation stays with its word; the spaces at a break are dropped; a word wider than the
/// width is broken between graphemes; `\n` starts a new line. Linear in the text's length. An
/// empty text is one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    // The line being built: its start and end (bytes) and width (cells), when it has a word.
    let mut line: Option<(usize, usize, usize)> = None;
    let mut space_w = 0;
    for (start, word) in words(text) {
        if word.starts_with('\n') {
            lines.push(line.map_or(start..start, |(s, e, _)| s..e));
            line = None;
            space_w = 0;
            continue;
        }
        if word.starts_with(char::is_whitespace) {
            space_w += word.width();
            continue;
        }
        let w = word.width();
        match line {
            Some((s, _, lw)) if lw + space_w + w <= width => {
                line = Some((s, start + word.len(), lw + space_w + w));
                space_w = 0;
                continue;
            }
            Some((s, e, _)) => lines.push(s..e),
            None => {}
        }
        space_w = 0;
        // The word starts a line; break it between graphemes while it does not fit.
        let (mut s, mut lw) = (start, 0);
        for (off, g) in word.grapheme_indices(true) {
            let gw = g.width();
            if lw + gw > width && s < start + off {
                lines.push(s..start + off);
                s = start + off;
                lw = 0;
            }
            lw += gw;
        }
        line = Some((s, start + word.len(), lw));
    }
    if let Some((s, e, _)) = line {
        lines.push(s..e);
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// Runs of non-space characters, runs of spaces, and each `\n` on its own, with their offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..)?;
        let first = rest.chars().next()?;
        let len = if first == '\n' {
            1
        } else {
            let space = first.is_whitespace();
            rest.char_indices()
                .find(|&(_, c)| c == '\n' || c.is_whitespace() != space)
                .map_or(rest.len(), |(i, _)| i)
        };
        let start = at;
        at += len;
        Some((start, &rest[..len]))
    })
}

/// `text` cut to at most `width` cells, by graphemes, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in text.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_by_words() {
        // Punctuation and quotation marks stay with their word.
        assert_eq!(
            lines("said “no,” she said. „Ja“", 10),
            ["said “no,”", "she said.", "„Ja“"]
        );
        assert_eq!(lines("one\n\ntwo", 10), ["one", "", "two"]);
        assert_eq!(
            lines("der Kanzler sagte es gestern", 12),
            ["der Kanzler", "sagte es", "gestern"]
        );
        assert_eq!(lines("", 10), [""]);
    }

    #[test]
    fn breaks_long_words_between_graphemes_and_counts_wide_cells() {
        assert_eq!(lines("abcdefgh", 3), ["abc", "def", "gh"]);
        // Each CJK character is two cells wide.
        assert_eq!(lines("東京都庁", 4), ["東京", "都庁"]);
        // A combining accent stays with its letter.
        assert_eq!(
            lines("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Nachrichten", 6), "Nachr…");
        assert_eq!(truncate("kurz", 6), "kurz");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn lines_fit_and_keep_every_word(text in "[a-zäöü東京 ,.!\u{301}]{0,120}", width in 1usize..30) {
            let ranges = wrap(&text, width);
            let mut kept = String::new();
            for r in &ranges {
                let line = &text[r.clone()];
                // A single grapheme wider than the width is the only way to overflow.
                prop_assert!(line.width() <= width || line.graphemes(true).count() == 1, "{:?}", line);
                kept.push_str(line);
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&kept), strip(&text));
        }
    }
}
