//! Bytes to text: UTF-8 when it is (a byte-order mark dropped), UTF-16 when a byte-order mark says
//! so, else the encoding chardetng detects, decoded by encoding_rs and named so the article can say
//! how it was read. Empty and binary input is refused, not decoded into garbage.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding's name when the bytes were not UTF-8 (e.g. "windows-1252", "UTF-16LE").
    pub encoding: Option<&'static str>,
    /// True when the text holds nothing [`crate::text::sanitize`] would change (no control
    /// characters, tabs or carriage returns), found while checking for binary data, so the
    /// sanitizer's own scan can be skipped.
    pub clean: bool,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty or only white space")]
    Empty,
    #[error("binary data, not text")]
    Binary,
}

/// How much of the input is looked at to tell binary from text.
const SNIFF_LEN: usize = 8 * 1024;

/// Decodes the bytes of a text file.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        if encoding == UTF_8 {
            return utf8_or_detect(body);
        }
        // UTF-16: NUL bytes are expected here, so no binary check on the raw bytes.
        let (text, _) = encoding.decode_without_bom_handling(body);
        return finish(text, Some(encoding.name()), false);
    }
    utf8_or_detect(bytes)
}

fn utf8_or_detect(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    let scan = scan(bytes);
    if scan.binary {
        return Err(DecodeError::Binary);
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => finish(Cow::Borrowed(text), None, !scan.needs_care),
        Err(_) => {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, Utf8Detection::Deny);
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            // Legacy encodings map bytes 0x80-0x9F to C1 controls or letters: let the sanitizer look.
            finish(text, Some(encoding.name()), false)
        }
    }
}

fn finish<'a>(
    text: Cow<'a, str>,
    encoding: Option<&'static str>,
    clean: bool,
) -> Result<Decoded<'a>, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        clean,
    })
}

struct Scan {
    /// A NUL byte anywhere, or more than one control byte in eight at the start: no text a person
    /// wrote looks like that (UTF-16 text carries a byte-order mark and is decoded before this).
    binary: bool,
    /// A control byte, tab, carriage return or UTF-8 C1 control (0xC2 0x80-0x9F) anywhere.
    needs_care: bool,
}

/// Both questions at the speed of memory: a NUL and a C1 lead byte are found with memchr, and the
/// control check runs over fixed blocks without early exit so the compiler vectorises it. The
/// control bytes are counted only when there are any.
fn scan(bytes: &[u8]) -> Scan {
    let nul = memchr::memchr(0, bytes).is_some();
    let mut controls = false;
    for block in bytes.chunks(256) {
        let mut any = false;
        for &b in block {
            any |= (b < 0x20) & (b != b'\n') | (b == 0x7f);
        }
        if any {
            controls = true;
            break;
        }
    }
    let c1 = || {
        memchr::memchr_iter(0xc2, bytes)
            .any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
    };
    let needs_care = controls || c1();
    let head = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
    let binary = nul
        || (controls && {
            let count = head
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
                .count();
            count * 8 > head.len()
        });
    Scan { binary, needs_care }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, Option<&'static str>) {
        let d = decode(bytes).expect("decodes");
        (d.text.into_owned(), d.encoding)
    }

    #[test]
    fn utf8_is_borrowed_and_its_bom_dropped() {
        let d = decode("Grüße".as_bytes()).expect("decodes");
        assert!(matches!(d.text, Cow::Borrowed("Grüße")));
        assert_eq!(ok(b"\xef\xbb\xbfHallo"), ("Hallo".to_string(), None));
    }

    #[test]
    fn utf16_by_its_bom() {
        let text = "Ça a été «dit» – 東京";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(ok(&le), (text.to_string(), Some("UTF-16LE")));
        assert_eq!(ok(&be), (text.to_string(), Some("UTF-16BE")));
    }

    #[test]
    fn latin1_in_every_language_comes_out_right() {
        for text in [
            "The café’s naïve owner said: “déjà vu”, and left.",
            "Die Bürgermeisterin sagte, die Brücke über den Fluß öffne im Frühjahr; Größe zählt.",
            "La città è più bella così, perché il caffè è buono e l’università è aperta.",
            "L’été à Noël, c’est déjà la fête : où est le garçon ? Il a reçu une lettre.",
            "El niño pidió un café en la estación; mañana será otro día, ¿verdad? Sí, señor.",
        ] {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable);
            assert_eq!(
                ok(&bytes),
                (text.to_string(), Some("windows-1252")),
                "{text}"
            );
        }
    }

    #[test]
    fn clean_text_is_marked_so() {
        assert!(
            decode("Grüße «ciao» – 東京\n".as_bytes())
                .expect("text")
                .clean
        );
        for dirty in [
            "tab\there",
            "cr\r\n",
            "esc\u{1b}[31m",
            "c1 \u{9b}2J",
            "del\u{7f}",
        ] {
            assert!(!decode(dirty.as_bytes()).expect("text").clean, "{dirty:?}");
        }
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"").err(), Some(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n").err(), Some(DecodeError::Empty));
        assert_eq!(
            decode("\u{feff}  \u{a0}\n".as_bytes()).err(),
            Some(DecodeError::Empty)
        );
        assert_eq!(decode(&[0xff, 0xfe]).err(), Some(DecodeError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00rest").err(),
            Some(DecodeError::Binary)
        );
        let controls: Vec<u8> = (0..64u8)
            .map(|i| if i % 2 == 0 { 1 } else { b'a' })
            .collect();
        assert_eq!(decode(&controls).err(), Some(DecodeError::Binary));
    }
}
