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
use super::lexicon;
use deunicode::deunicode_char;
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

/// Whether a text has a character of a script read here, or a Han character. Every one of them
/// is a three-byte UTF-8 sequence: only those are decoded, so a text in Latin, Cyrillic or Arabic
/// letters, with its curly quotes and dashes (three bytes too), is passed over without splitting
/// it into words.
fn has_script_read_here(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, b)| {
        (0xE0..=0xEF).contains(&b)
            && text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| is_missed_script(c) || super::features::is_han(c))
    })
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
        if !has_script_read_here(text) {
            continue;
        }
        for word in text.split(|c: char| !is_word_char(c)) {
            if word.is_empty() {
                continue;
            }
            words += 1;
            if word.chars().any(super::features::is_han) {
                han_names(word, &mut counts);
                continue;
            }
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

/// Names Chinese writes by sound: runs of two or more Han characters of the transliteration
/// table ([`lexicon::is_name_han`]), as pinyin respelled the way other scripts write such names,
/// counted into `counts`. Chinese has one sound for l and r, so a name with l is kept with r
/// too (拉 stands for both la and ra).
fn han_names(word: &str, counts: &mut BTreeMap<String, u32>) {
    let mut run = String::new();
    let mut len = 0;
    for c in word.chars().chain([' ']) {
        if lexicon::is_name_han(c) {
            push_pinyin(c, &mut run);
            len += 1;
            continue;
        }
        if len >= 2 && run.len() >= MIN_LEN {
            if run.contains('l') {
                *counts.entry(run.replace('l', "r")).or_default() += 1;
            }
            *counts.entry(std::mem::take(&mut run)).or_default() += 1;
        }
        run.clear();
        len = 0;
    }
}

/// Appends the syllable of a Han character, respelled as a foreign name's sound: pinyin x, q and
/// j stand for s, ch and k (斯 si, 乔 qiao, 基 ji), c for ts, a final ng for n, and 尔 (er) for r.
fn push_pinyin(c: char, out: &mut String) {
    let Some(syllable) = deunicode_char(c) else {
        return;
    };
    // Letters only, lowercase ("Ge " is ge), on the stack: a syllable is a few letters.
    let mut letters = [0u8; 16];
    let mut len = 0;
    for b in syllable.bytes().filter(u8::is_ascii_alphabetic) {
        if let Some(slot) = letters.get_mut(len) {
            *slot = b.to_ascii_lowercase();
            len += 1;
        }
    }
    let syllable = std::str::from_utf8(letters.get(..len).unwrap_or_default()).unwrap_or("");
    let syllable = syllable.strip_suffix("ng").map_or(syllable, |s| {
        // (Keeps the n: 登 deng is "den".)
        &syllable[..s.len() + 1]
    });
    if syllable == "er" {
        out.push('r');
        return;
    }
    let (initial, rest) = match syllable.as_bytes() {
        [b'z', b'h', ..] => ("j", &syllable[2..]),
        [b'c', b'h', ..] => ("ch", &syllable[2..]),
        [b'x', ..] => ("s", &syllable[1..]),
        [b'q', ..] => ("ch", &syllable[1..]),
        [b'j', ..] => ("k", &syllable[1..]),
        [b'c', ..] => ("ts", &syllable[1..]),
        _ => ("", syllable),
    };
    out.push_str(initial);
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::fold::{skeleton, stem};

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
        assert!(names(["„Er kam“ – sagte Gorbatschow … in Berlin."]).is_empty());
        assert!(!has_script_read_here("„Er kam“ – sagte er … 20 €."));
        assert!(has_script_read_here("„Er kam“ – ჯავახიშვილი"));
        assert!(has_script_read_here("戈尔巴乔夫"));
        assert!(names(["Михаил Горбачёв приехал."]).is_empty());
        assert!(names([""]).is_empty());
    }

    fn key(word: &str) -> String {
        skeleton(&fold(word))
    }

    #[test]
    fn names_written_in_han_by_sound_meet_other_scripts() {
        // Only the run of transliteration characters is a name: not 过世 (died) after it.
        assert_eq!(names(["戈尔巴乔夫过世"]), vec!["gerbachiaofu".to_string()]);
        let found = |text: &str| -> Vec<String> { names([text]).iter().map(|n| key(n)).collect() };
        assert!(found("戈尔巴乔夫过世").contains(&key("Gorbachev")));
        // Traditional characters too, and the same name in a longer sentence.
        assert!(found("總統戈爾巴喬夫訪問").contains(&key("Gorbachev")));
        // l and r are one sound: 特拉斯 is Truss, kept with l as well.
        assert!(found("首相特拉斯辞职").contains(&key("Truss")));
        // A name differently spelt in Latin still shares its stem (a final -ng, j for k).
        let zelensky = key("Zelensky");
        assert!(
            found("泽连斯基发表讲话")
                .iter()
                .any(|k| stem(k, 3) == stem(&zelensky, 3)),
            "{:?}",
            found("泽连斯基发表讲话")
        );
        // Common words are not names: no run of two transliteration characters.
        assert!(names(["今天天气很好"]).is_empty());
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
