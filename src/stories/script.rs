//! Name words of the scripts the main word reader misses.
//!
//! The word reader ([`super::features`]) takes a capitalised word, or a word of a script without
//! case, as a name. Two kinds of script fall through it: Georgian, whose letters Unicode calls
//! lower case although the script has no capitals in running text, and the Brahmic scripts
//! (Devanagari, Tamil, Sinhala, ...), whose vowel signs are combining marks that cut a word into
//! pieces where they sit. Here a word runs over letters, digits and combining marks, and every
//! such word of those scripts is kept folded, as a name of a caseless script is. Which of them are
//! rare enough to count is left to the index's weights, as for other names.

use super::fold::fold;
use std::collections::BTreeMap;
use unicode_normalization::char::is_combining_mark;

/// The most text read, in bytes, as for the other features.
const MAX_TEXT: usize = 256 * 1024;
/// A text of fewer words than this keeps every word; a longer one only the words it repeats.
const SHORT_TEXT: usize = 150;
/// Folded words shorter than this are particles, not names.
const MIN_LEN: usize = 3;

/// Whether `c` belongs to a script read here.
fn is_missed_script(c: char) -> bool {
    matches!(c,
        // Georgian (Mkhedruli, Asomtavruli, Nuskhuri, Mtavruli)
        '\u{10A0}'..='\u{10FF}' | '\u{2D00}'..='\u{2D2F}' | '\u{1C90}'..='\u{1CBF}'
        // Devanagari to Sinhala (Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
        // Malayalam)
        | '\u{0900}'..='\u{0DFF}'
        // Myanmar, Khmer
        | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The folded words of the missed scripts in these paragraphs, sorted and unique.
pub fn names<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    let mut words = 0usize;
    let mut budget = MAX_TEXT;
    for paragraph in paragraphs {
        if budget == 0 {
            break;
        }
        let mut end = paragraph.len().min(budget);
        while !paragraph.is_char_boundary(end) {
            end -= 1;
        }
        budget -= end;
        let Some(text) = paragraph.get(..end) else {
            continue;
        };
        // Every script read here is written in three-byte UTF-8 sequences: a text without their
        // lead bytes (Latin, Cyrillic, Arabic) is passed over without decoding.
        if !text.bytes().any(|b| (0xE0..=0xEF).contains(&b)) {
            continue;
        }
        for word in text.split(|c: char| !is_word_char(c)) {
            if word.is_empty() {
                continue;
            }
            words += 1;
            if !word.chars().any(is_missed_script) {
                continue;
            }
            let folded = fold(word);
            if folded.len() < MIN_LEN {
                continue;
            }
            *counts.entry(folded).or_default() += 1;
        }
    }
    let short = words < SHORT_TEXT;
    counts
        .into_iter()
        .filter(|&(_, n)| short || n >= 2)
        .map(|(w, _)| w)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn georgian_words_are_read() {
        // Georgian letters are lower case to Unicode; the words still stand for names.
        let found = names(["ქალაქ ბათუმში მიხეილ ჯავახიშვილი ჩამოვიდა."]);
        assert!(found.contains(&fold("ჯავახიშვილი")), "{found:?}");
        assert!(found.contains(&fold("მიხეილ")), "{found:?}");
    }

    #[test]
    fn vowel_signs_do_not_cut_words() {
        // Tamil and Sinhala vowel signs are combining marks: the word is whole, not in pieces.
        let tamil = names(["மிக்கைல் வந்தார்"]);
        assert!(tamil.contains(&fold("மிக்கைல்")), "{tamil:?}");
        let sinhala = names(["ගොර්බචොෆ් පැමිණියේය"]);
        assert!(sinhala.contains(&fold("ගොර්බචොෆ්")), "{sinhala:?}");
    }

    #[test]
    fn other_scripts_are_left_to_the_word_reader() {
        assert!(names(["Michail Gorbatschow kam nach Berlin."]).is_empty());
        assert!(names(["Михаил Горбачёв приехал."]).is_empty());
        assert!(names(["戈尔巴乔夫过世"]).is_empty());
        assert!(names([""]).is_empty());
    }

    #[test]
    fn a_long_text_keeps_only_repeated_words() {
        let filler = "და ".repeat(SHORT_TEXT);
        let text = format!("{filler} ბათუმი ბათუმი ქუთაისი");
        let found = names([text.as_str()]);
        assert!(found.contains(&fold("ბათუმი")), "{found:?}");
        assert!(!found.contains(&fold("ქუთაისი")), "{found:?}");
    }
}
