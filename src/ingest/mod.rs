//! Ingest: bytes from a source turned into [`Article`]s.
//!
//! Decoding (UTF-8, else detected), format sniffing, and one parser per format. Every decoded text
//! is sanitized before parsing, so nothing downstream ever sees a control character. Ingest knows
//! nothing of the library, the store or the terminal.

pub mod dates;
pub mod decode;
pub mod feed;
pub mod html;
pub mod lang;
mod lexicon;
pub mod links;
pub mod markdown;
pub mod marked;
pub mod markup;
pub mod meta;
pub mod noise;
pub mod plaintext;
pub mod posts;
pub mod prefilter;
pub mod sniff;

pub use sniff::sniff;

use crate::article::{Article, Format, Location};
use std::path::Path;

/// What one source gave: its articles and what was noticed while reading it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    /// Problems that did not stop reading (a bad encoding, a truncated feed), for the user.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: empty file; skipped")]
    Empty { path: String },
    #[error("{path}: binary file, not text; skipped")]
    Binary { path: String },
    #[error("{path}: {message}; skipped")]
    Malformed { path: String, message: String },
}

/// Reads and parses one file.
pub fn read_path(path: &Path) -> Result<Parsed, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_bytes(&bytes, Location::File(path.to_path_buf()))
}

/// Parses the bytes of one source, whatever its format.
pub fn parse_bytes(bytes: &[u8], location: Location) -> Result<Parsed, IngestError> {
    let path = location.display_path();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { path });
    }
    // Markup carries its own charset (BOM, `<meta charset>`, `<?xml encoding>`): it is decoded
    // from the bytes by its reader.
    match sniff::sniff_bytes(&location, bytes) {
        Format::Html => {
            let article = html::parse(bytes, location);
            let warnings = article
                .origin
                .encoding
                .iter()
                .map(|e| format!("{path}: not UTF-8, decoded as {e}"))
                .collect();
            return Ok(Parsed {
                articles: vec![article],
                warnings,
            });
        }
        Format::Feed => {
            let base = match &location {
                Location::Feed { url } => Some(url.clone()),
                _ => None,
            };
            let items = feed::parse(bytes, location, base.as_deref());
            if items.articles.is_empty() {
                return Err(IngestError::Malformed {
                    path,
                    message: "a feed without any readable item".into(),
                });
            }
            return Ok(Parsed {
                articles: items.articles,
                warnings: items.warnings,
            });
        }
        _ => {}
    }
    let decoded = decode::decode(bytes).map_err(|e| match e {
        decode::DecodeError::Empty => IngestError::Empty { path: path.clone() },
        decode::DecodeError::Binary => IngestError::Binary { path: path.clone() },
    })?;
    let text = if decoded.clean {
        std::borrow::Cow::Borrowed(&*decoded.text)
    } else {
        crate::text::sanitize(&decoded.text)
    };
    let format = sniff::sniff(&location, &text);
    let mut parsed = match format {
        Format::Text => Parsed {
            articles: vec![plaintext::parse(&text, location)],
            warnings: Vec::new(),
        },
        Format::Markdown => Parsed {
            articles: vec![markdown::parse(&text, location)],
            warnings: Vec::new(),
        },
        other => {
            return Err(IngestError::Malformed {
                path,
                message: format!("the {other:?} format is not read yet"),
            });
        }
    };
    if let Some(encoding) = decoded.encoding {
        for article in &mut parsed.articles {
            article.origin.encoding = Some(encoding.to_string());
        }
        parsed
            .warnings
            .push(format!("{path}: not UTF-8, decoded as {encoding}"));
    }
    Ok(parsed)
}
