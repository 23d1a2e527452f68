//! Bad input never breaks the plain-text parser: whatever the bytes, it returns (an article or a
//! clear error) and every block it makes is non-empty clean text.

use proptest::prelude::*;
use tidings::article::Location;
use tidings::ingest::{IngestError, parse_bytes};

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_bytes(bytes, Location::Bundled("prop.txt".into())) {
        Ok(parsed) => {
            for article in &parsed.articles {
                prop_assert!(
                    !article.title.chars().any(char::is_control),
                    "{:?}",
                    article.title
                );
                for block in &article.blocks {
                    prop_assert!(!block.text.is_empty(), "{:?}", article.blocks);
                    prop_assert!(
                        !block.text.chars().any(char::is_control),
                        "{:?}",
                        block.text
                    );
                }
                for text in article.trailer.iter().chain(&article.sources) {
                    prop_assert!(!text.is_empty() && !text.chars().any(char::is_control));
                }
            }
        }
        Err(IngestError::Empty { .. } | IngestError::Binary { .. }) => {}
        Err(other) => prop_assert!(false, "unexpected error {other}"),
    }
    Ok(())
}

/// Lines that look like what the parser looks for, so the properties reach every rule.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" date 2021-02 Titel".to_string()),
        Just("15 February 2021 – 17:34".to_string()),
        Just("13. Februar 2021".to_string()),
        Just("Quelle: A, , B".to_string()),
        Just("Source : ".to_string()),
        Just("The post X appeared first on .".to_string()),
        Just("– Name (@handle) 3 marzo 2022".to_string()),
        Just("– (@) ".to_string()),
        Just("https://example.org/x".to_string()),
        Just("(foto: X)".to_string()),
        Just("(Foto: )Text".to_string()),
        Just("Leggi anche:".to_string()),
        Just("click fraud protection".to_string()),
        Just(".\" Das".to_string()),
        "[ -~äöüß„“”«»’–—\t\r\u{1b}\u{7}\u{0}]{0,60}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn any_text(text in any::<String>()) {
        check(text.as_bytes())?;
    }

    #[test]
    fn scraped_looking_text(lines in proptest::collection::vec(line(), 0..30)) {
        check(lines.join("\n").as_bytes())?;
    }
}
