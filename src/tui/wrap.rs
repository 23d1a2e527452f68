//! Wrapping text to a width in terminal cells: by words, measured by display width
//! (unicode-width) per grapheme (unicode-segmentation), so wide CJK characters and combining
//! accents land in the right cells. A word longer than the width is broken between graphemes.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Byte ranges of `text`'s lines when wrapped to `width` cells; spaces at a break are dropped.
/// Linear in the text's length. An empty text is one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start: Option<usize> = None;
    let mut line_end = 0;
    let mut line_width = 0;
    for (start, word) in text.split_word_bound_indices() {
        if word.chars().all(char::is_whitespace) {
            if word.contains('\n') {
                lines.push(line_start.unwrap_or(start)..line_end.max(line_start.unwrap_or(start)));
                line_start = None;
                line_width = 0;
                continue;
            }
            if line_start.is_some() {
                line_width += word.width();
            }
            continue;
        }
        let w = word.width();
        match line_start {
            Some(s) if line_width + w <= width => {
                line_end = start + word.len();
                line_width += w;
                let _ = s;
            }
            Some(s) => {
                lines.push(s..line_end);
                line_start = None;
                line_width = 0;
            }
            None => {}
        }
        if line_start.is_none() {
            // The word starts a line; break it by graphemes while it does not fit.
            let mut at = start;
            let mut cur_w = 0;
            line_start = Some(start);
            for (off, g) in word.grapheme_indices(true) {
                let gw = g.width();
                if cur_w + gw > width && cur_w > 0 {
                    lines.push(line_start.unwrap_or(at)..start + off);
                    line_start = Some(start + off);
                    cur_w = 0;
                }
                cur_w += gw;
                at = start + off + g.len();
            }
            line_end = at;
            line_width = cur_w;
        }
    }
    if let Some(s) = line_start {
        lines.push(s..line_end);
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
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
