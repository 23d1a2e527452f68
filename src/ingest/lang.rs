//! The language of an article, told by whatlang (trigram statistics, no model to download) and
//! stored as an ISO 639-1 code.

use super::lexicon::lexicon;

/// The text sample whatlang reads, in bytes: enough for a reliable guess, and it keeps detection
/// from dominating the parse time of long articles.
const SAMPLE: usize = 600;

/// Below this many bytes of sample, an unreliable guess is no answer.
const LONG_ENOUGH: usize = 200;

/// The language of an article from its title and the start of its body; None when whatlang is
/// not sure and the text is too short to trust its guess.
pub fn detect<'a>(title: &str, body: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut sample = String::with_capacity(SAMPLE + 64);
    sample.push_str(title);
    for text in body {
        if sample.len() >= SAMPLE {
            break;
        }
        sample.push('\n');
        let room = SAMPLE.saturating_sub(sample.len());
        let mut cut = room.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        sample.push_str(text.get(..cut).unwrap_or(""));
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.len() < LONG_ENOUGH {
        return None;
    }
    lexicon().iso639.get(info.lang().code()).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_five_languages() {
        let cases = [
            (
                "en",
                "The council met on Tuesday",
                "The mayor said that the new bridge would open next spring, after the engineers had checked every cable and the city had paid the last of the bills.",
            ),
            (
                "de",
                "Der Rat tagte am Dienstag",
                "Die Bürgermeisterin sagte, dass die neue Brücke im nächsten Frühjahr öffnen werde, nachdem die Ingenieure jedes Seil geprüft hätten und die Stadt die letzten Rechnungen bezahlt habe.",
            ),
            (
                "it",
                "Il consiglio si è riunito martedì",
                "La sindaca ha detto che il nuovo ponte aprirà la prossima primavera, dopo che gli ingegneri avranno controllato ogni cavo e il comune avrà pagato le ultime fatture.",
            ),
            (
                "fr",
                "Le conseil s'est réuni mardi",
                "La maire a dit que le nouveau pont ouvrirait au printemps prochain, après que les ingénieurs auront vérifié chaque câble et que la ville aura payé les dernières factures.",
            ),
            (
                "es",
                "El consejo se reunió el martes",
                "La alcaldesa dijo que el nuevo puente abrirá la próxima primavera, después de que los ingenieros hayan revisado cada cable y la ciudad haya pagado las últimas facturas.",
            ),
        ];
        for (lang, title, body) in cases {
            assert_eq!(
                detect(title, [body].into_iter()).as_deref(),
                Some(lang),
                "{title}"
            );
        }
    }

    #[test]
    fn too_little_text_is_no_answer() {
        assert_eq!(detect("Ok", std::iter::empty()), None);
        assert_eq!(detect("", std::iter::empty()), None);
    }
}
