//! Metadata lines of scraped text: source lines (`Quelle: A, B`), the feed footer that names the
//! outlet (`The post X appeared first on Y.`), and the photo credit glued to a paragraph's start
//! (`(foto: X)Text…`). The labels and footers are data in assets/ingest/<lang>.txt.

use super::lexicon::lexicon;

/// Source lines are short; a paragraph that happens to start with "Source:" is not one.
const MAX_SOURCE_LINE: usize = 300;

/// The longest source label in bytes, with room for spaces before the colon (`Source :`).
const MAX_LABEL: usize = 40;

/// The sources a source line names (`Sources: A, B` → [A, B]), or None when it is not one.
/// French puts a space before the colon (`Source : A`).
pub fn source_line(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.len() > MAX_SOURCE_LINE {
        return None;
    }
    let (label, rest) = line.split_once(':')?;
    // Labels are one or two words: a sentence with a colon is not lowercased to find out.
    if label.len() > MAX_LABEL {
        return None;
    }
    let label = label.trim_end().to_lowercase();
    if !lexicon().source_labels.contains(&label) {
        return None;
    }
    let sources: Vec<String> = rest
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    (!sources.is_empty()).then_some(sources)
}

/// The outlet a feed footer names (`The post X appeared first on Wired.` → Wired).
pub fn first_post_outlet(line: &str) -> Option<String> {
    let line = line.trim();
    for footer in &lexicon().first_posts {
        let Some(rest) = line.strip_prefix(footer.prefix.as_str()) else {
            continue;
        };
        // The title can contain anything; the outlet follows the last occurrence of the infix.
        let Some(at) = rest.rfind(footer.infix.as_str()) else {
            continue;
        };
        let outlet = rest.get(at + footer.infix.len()..).unwrap_or("");
        let outlet = outlet
            .strip_suffix(footer.suffix.as_str())
            .unwrap_or(outlet)
            .trim()
            .trim_end_matches('.');
        if !outlet.is_empty() {
            return Some(outlet.to_string());
        }
    }
    None
}

/// Splits a photo credit off a paragraph's start: `(foto: Name/Agency)Text` → (Name/Agency, Text).
pub fn split_credit(paragraph: &str) -> Option<(String, &str)> {
    let inner = paragraph.strip_prefix('(')?;
    let close = inner.find(')')?;
    let credit = inner.get(..close)?;
    let (label, name) = credit.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !lexicon().credit_labels.contains(&label) {
        return None;
    }
    let name = name.trim();
    let rest = inner.get(close + 1..)?.trim_start();
    (!name.is_empty()).then(|| (name.to_string(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines_in_every_language() {
        let cases = [
            ("Source: Daily Planet", vec!["Daily Planet"]),
            ("Sources: Reuters, AP", vec!["Reuters", "AP"]),
            (
                "Quelle: Nachrichtenamt/Twitter, Tagesblatt",
                vec!["Nachrichtenamt/Twitter", "Tagesblatt"],
            ),
            ("Quellen: A, B", vec!["A", "B"]),
            ("Fonte: Gazzetta del Lago", vec!["Gazzetta del Lago"]),
            ("Fonti: Ansa, Rai", vec!["Ansa", "Rai"]),
            ("Source : Le Petit Journal", vec!["Le Petit Journal"]),
            ("Fuente: El Diario", vec!["El Diario"]),
            ("Fuentes: EFE, Europa Press", vec!["EFE", "Europa Press"]),
        ];
        for (line, want) in cases {
            assert_eq!(
                source_line(line),
                Some(want.iter().map(|s| s.to_string()).collect()),
                "{line}"
            );
        }
        for label in &lexicon().source_labels {
            assert!(
                label.len() + 2 <= MAX_LABEL,
                "{label} is longer than MAX_LABEL allows"
            );
        }
        assert_eq!(source_line("Note: this is not a source"), None);
        assert_eq!(source_line("Source:"), None);
    }

    #[test]
    fn feed_footers_name_the_outlet() {
        let cases = [
            (
                "The post A title: with a colon appeared first on Daily Planet.",
                "Daily Planet",
            ),
            (
                "Der Beitrag Ein Titel erschien zuerst auf Tagesblatt.",
                "Tagesblatt",
            ),
            ("L’articolo Un titolo proviene da Gazzetta.", "Gazzetta"),
            (
                "L’article Un titre est apparu en premier sur Le Journal.",
                "Le Journal",
            ),
            (
                "La entrada Un titular se publicó primero en El Diario.",
                "El Diario",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(first_post_outlet(line).as_deref(), Some(want), "{line}");
        }
        assert_eq!(first_post_outlet("The post office opened early."), None);
    }

    #[test]
    fn photo_credits_come_off_the_paragraph() {
        for (text, credit) in [
            (
                "(foto: Anna Rossi/Agenzia)Il testo inizia.",
                "Anna Rossi/Agenzia",
            ),
            ("(Foto: Max Muster/dpa) Der Text beginnt.", "Max Muster/dpa"),
            ("(photo: Jane Roe/Wire)The text starts.", "Jane Roe/Wire"),
            ("(Bild: Max Muster) Der Text beginnt.", "Max Muster"),
            (
                "(Photo : Jean Dupont/AFP)Le texte commence.",
                "Jean Dupont/AFP",
            ),
            ("(Foto: Ana Ruiz/EFE) El texto empieza.", "Ana Ruiz/EFE"),
        ] {
            let (got, rest) = split_credit(text).expect(text);
            assert_eq!(got, credit);
            assert!(
                !rest.starts_with(['(', ' ']) && rest.ends_with('.'),
                "{rest}"
            );
        }
        assert_eq!(split_credit("(a remark: not a credit) text"), None);
        assert_eq!(split_credit("(foto: unclosed text"), None);
    }
}
