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
    let lower = line.to_lowercase();
    if lexicon.noise_lines.contains(lower.as_str()) {
        return true;
    }
    lexicon
        .noise_prefixes
        .iter()
        .any(|prefix| lower.starts_with(prefix.as_str()))
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
