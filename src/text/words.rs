//! Counting words fast: the word count of every article is computed at ingest, so it sits on the
//! hot path of loading a library.

/// The number of whitespace-separated words, exactly as `text.split_whitespace().count()`, but
/// reading bytes: only the lead bytes 0xC2, 0xE1, 0xE2 and 0xE3 can start a non-ASCII white space
/// character, so every other byte is decided without decoding.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = match b {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => (true, 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (false, 1),
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_like_split_whitespace() {
        for text in [
            "",
            "  ",
            "one",
            " two  words ",
            "a\u{a0}b\u{202f}c\u{3000}d",
            "«\u{a0}ciao\u{a0}»",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn agrees_with_split_whitespace(s in any::<String>()) {
            prop_assert_eq!(count_words(&s), s.split_whitespace().count());
        }

        #[test]
        fn agrees_on_text_with_unicode_spaces(s in "[a-zé东 \u{a0}\u{2009}\u{202f}\u{3000}\u{85}\n]{0,80}") {
            prop_assert_eq!(count_words(&s), s.split_whitespace().count());
        }
    }
}
