//! Noise lines: page furniture (ads, share buttons, "read also" teasers) that is not article text.
//! The lists are data, in assets/noise/<lang>.txt.

use super::lexicon::lexicon;

/// Whether a line is noise in any language's list.
pub fn is_noise(line: &str) -> bool {
    let lexicon = lexicon();
    let line = line.trim();
    // Noise prefixes introduce a headline, so a noise line can be longer than any list entry;
    // a whole paragraph never is noise.
    if line.is_empty() || line.len() > lexicon.noise_max_len + 200 {
        return false;
    }
    // Lowercasing shrinks a character's UTF-8 form at most threefold (K, the Kelvin sign, is
    // three bytes; k is one): a longer line is no whole noise line, and is not copied.
    if line.len() <= 3 * lexicon.noise_max_len
        && lexicon.noise_lines.contains(line.to_lowercase().as_str())
    {
        return true;
    }
    lexicon
        .noise_prefixes
        .iter()
        .any(|prefix| starts_with_lowercased(line, prefix))
}

/// Whether `line.to_lowercase()` starts with `prefix`, without lowercasing more of the line than
/// the prefix is long.
fn starts_with_lowercased(line: &str, prefix: &str) -> bool {
    let mut want = prefix.chars();
    for c in line.chars().flat_map(char::to_lowercase) {
        match want.next() {
            None => return true,
            Some(w) if w != c => return false,
            Some(_) => {}
        }
    }
    want.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_in_every_language() {
        for line in [
            "click fraud protection",
            "ADVERTISEMENT",
            "Read more: The other story of the week",
            "Anzeige",
            "Über den Autor",
            "Lesen Sie auch: Was die Woche brachte",
            "Pubblicità",
            "Leggi anche: Un altro titolo",
            "Publicité",
            "Lire aussi : Un autre titre",
            "Publicidad",
            "Lee también: Otro titular",
        ] {
            assert!(is_noise(line), "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn prefix_test_agrees_with_lowercasing(
            line in "(LESEN SIE|Leggi|İ|K|ẞ|[a-zA-ZÄÖÜäöüß: ]){0,12}",
            prefix in "(lesen sie|leggi|i̇|k|ß|[a-zäöü: ]){0,4}",
        ) {
            proptest::prop_assert_eq!(
                starts_with_lowercased(&line, &prefix),
                line.to_lowercase().starts_with(&prefix)
            );
        }
    }

    #[test]
    fn text_is_not_noise() {
        for line in [
            "The advertisement ran for a week, the company said.",
            "Anzeigen wurden erstattet.",
            "Der Autor schrieb über den Autor des Buches.",
            "",
        ] {
            assert!(!is_noise(line), "{line}");
        }
    }
}
