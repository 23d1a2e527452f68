//! Counting words fast: the word count of every article is computed at ingest, so it sits on the
//! hot path of loading a library.

/// The number of whitespace-separated words, exactly as `text.split_whitespace().count()`, but
/// reading bytes without decoding characters: only the lead bytes 0xC2, 0xE1, 0xE2 and 0xE3 can
/// start a non-ASCII white space character, and which ones they start is decided by the bytes
/// that follow. Every other byte (a continuation byte included) belongs to a word.
///
/// A word starts at a word byte after white space; counting those starts without a branch per
/// byte (a branch mispredicted at every word boundary made this a sixth of parsing) runs several
/// times faster. Only the rare lead bytes take a branch.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut after_space = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let mut class = BYTE_CLASS[usize::from(b)];
        if class == LEAD {
            let len = unicode_space_len(bytes.get(i..).unwrap_or(&[]));
            if len > 0 {
                after_space = true;
                i += len;
                continue;
            }
            class = WORD;
        }
        let space = class == SPACE;
        words += usize::from(after_space & !space);
        after_space = space;
        i += 1;
    }
    words
}

const WORD: u8 = 0;
const SPACE: u8 = 1;
/// May start a non-ASCII white space character.
const LEAD: u8 = 2;

const BYTE_CLASS: [u8; 256] = {
    let mut table = [WORD; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => SPACE,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => LEAD,
            _ => WORD,
        };
        b += 1;
    }
    table
};

/// The length in bytes of the white space character at the start of `bytes` (whose first byte is
/// a lead byte 0xC2, 0xE1, 0xE2 or 0xE3), or 0 when it is not white space. The characters are
/// those of `char::is_whitespace` beyond ASCII: U+0085, U+00A0, U+1680, U+2000..=U+200A, U+2028,
/// U+2029, U+202F, U+205F and U+3000.
fn unicode_space_len(bytes: &[u8]) -> usize {
    match bytes {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        [0xE2, 0x81, 0x9F, ..] => 3,
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
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
            "x\u{1680}y\u{2000}z\u{200a}w\u{2028}v\u{2029}u\u{205f}t\u{85}s",
            "not spaces: \u{200b}\u{2060}\u{feff}\u{2011}–—“”",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_white_space_character_is_known() {
        // The byte patterns above must cover exactly what char::is_whitespace says.
        let mut buf = [0u8; 4];
        for c in (0x80u32..0x11_0000).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let lead = matches!(bytes.first(), Some(0xC2 | 0xE1 | 0xE2 | 0xE3));
            let len = if lead { unicode_space_len(bytes) } else { 0 };
            assert_eq!(c.is_whitespace(), len == bytes.len(), "U+{:04X}", c as u32);
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
