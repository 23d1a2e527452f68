//! The character classes story features ask about (white space, letters, digits, case, sentence
//! ends, Han), answered from a table for the code points news is mostly written in.
//!
//! std answers `is_alphabetic` and its kin for a non-ASCII character by searching a compressed
//! table, which costs more than everything else features do with the character. The table here
//! is filled from std's own answers the first time it is used, so both always agree; characters
//! past it (Han, Hangul, emoji) are asked of std directly.

use std::sync::LazyLock;

pub const WHITESPACE: u8 = 1;
pub const ALPHABETIC: u8 = 1 << 1;
pub const NUMERIC: u8 = 1 << 2;
pub const UPPERCASE: u8 = 1 << 3;
pub const LOWERCASE: u8 = 1 << 4;
pub const SENTENCE_END: u8 = 1 << 5;
pub const HAN: u8 = 1 << 6;
/// The lowercase form of the character is not in [`Tables::lower`] (longer than 4 bytes).
const LOWER_ELSEWHERE: u8 = 1 << 7;

/// Code points with a row in the table: Latin with its extensions, Greek, Cyrillic, Armenian,
/// Hebrew, Arabic, Devanagari, Latin Extended Additional (Vietnamese), Greek Extended, and the
/// general punctuation (dashes, curly quotes) and symbols news text is full of.
const CLASSES_LEN: usize = 0x3000;
/// Code points whose lowercase form is kept: the alphabets with case (Latin, Greek, Cyrillic,
/// Armenian).
const LOWER_LEN: usize = 0x600;

pub struct Tables {
    classes: Box<[u8]>,
    /// The UTF-8 bytes of each character's lowercase form (padded with zeros) and their length.
    lower: Box<[([u8; 4], u8)]>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::build);

/// The tables, built on first use.
pub fn tables() -> &'static Tables {
    &TABLES
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

pub fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।' | ';')
}

/// The classes of a character, asked of std.
fn classes_of(c: char) -> u8 {
    let mut class = 0;
    for (yes, flag) in [
        (c.is_whitespace(), WHITESPACE),
        (c.is_alphabetic(), ALPHABETIC),
        (c.is_numeric(), NUMERIC),
        (c.is_uppercase(), UPPERCASE),
        (c.is_lowercase(), LOWERCASE),
        (ends_sentence(c), SENTENCE_END),
        (is_han(c), HAN),
    ] {
        if yes {
            class |= flag;
        }
    }
    class
}

/// The lowercase form of a character as UTF-8, if it fits in 4 bytes.
fn lower_of(c: char) -> Option<([u8; 4], u8)> {
    let mut bytes = [0; 4];
    let mut len = 0;
    for l in c.to_lowercase() {
        let mut buf = [0; 4];
        for &b in l.encode_utf8(&mut buf).as_bytes() {
            *bytes.get_mut(len)? = b;
            len += 1;
        }
    }
    Some((bytes, u8::try_from(len).ok()?))
}

impl Tables {
    fn build() -> Tables {
        let mut classes = Vec::with_capacity(CLASSES_LEN);
        let mut lower = Vec::with_capacity(LOWER_LEN);
        for code in 0..CLASSES_LEN {
            // Surrogates are not characters; their rows are never read.
            let c = u32::try_from(code)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\0');
            let mut class = classes_of(c);
            if code < LOWER_LEN {
                match lower_of(c) {
                    Some(l) => lower.push(l),
                    None => {
                        lower.push(([0; 4], 0));
                        class |= LOWER_ELSEWHERE;
                    }
                }
            }
            classes.push(class);
        }
        Tables {
            classes: classes.into_boxed_slice(),
            lower: lower.into_boxed_slice(),
        }
    }

    /// The classes of `c`: a bit set of the constants above.
    #[inline]
    pub fn class(&self, c: char) -> u8 {
        match self.classes.get(c as usize) {
            Some(&class) => class,
            None => classes_of(c),
        }
    }

    /// Feeds the UTF-8 bytes of `c`'s lowercase form to `f`.
    #[inline]
    pub fn lowercase_bytes(&self, c: char, mut f: impl FnMut(u8)) {
        let code = c as usize;
        if let Some((bytes, len)) = self.lower.get(code)
            && self
                .classes
                .get(code)
                .is_some_and(|k| k & LOWER_ELSEWHERE == 0)
        {
            for &b in bytes.iter().take(usize::from(*len)) {
                f(b);
            }
            return;
        }
        for l in c.to_lowercase() {
            let mut buf = [0; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                f(b);
            }
        }
    }
}

/// Whether a character with these classes continues a word: a letter or digit, not Han.
#[inline]
pub fn is_word(class: u8) -> bool {
    class & (ALPHABETIC | NUMERIC) != 0 && class & HAN == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character the table answers for, and a sample past it, agrees with std.
    #[test]
    fn the_table_agrees_with_std() {
        let t = tables();
        let past = (0x3000..0x11000).step_by(7);
        for code in (0..CLASSES_LEN as u32).chain(past) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(t.class(c), classes_of(c) | (t.class(c) & LOWER_ELSEWHERE));
            let mut ours = Vec::new();
            t.lowercase_bytes(c, |b| ours.push(b));
            assert_eq!(ours, c.to_lowercase().to_string().into_bytes(), "{c:?}");
        }
    }

    #[test]
    fn classes_of_common_characters() {
        let t = tables();
        assert!(is_word(t.class('ü')) && t.class('Ü') & UPPERCASE != 0);
        assert!(is_word(t.class('ж')) && t.class('Ж') & UPPERCASE != 0);
        assert!(!is_word(t.class('“')) && !is_word(t.class('–')));
        assert!(t.class('\u{a0}') & WHITESPACE != 0);
        assert!(!is_word(t.class('中')) && t.class('中') & HAN != 0);
        assert!(t.class('。') & SENTENCE_END != 0);
        // A lowercase form longer than the character: İ is i and a combining dot.
        let mut bytes = Vec::new();
        t.lowercase_bytes('İ', |b| bytes.push(b));
        assert_eq!(bytes, "i\u{307}".as_bytes());
    }
}
