//! The language of an article, stored as an ISO 639-1 code.
//!
//! Two steps, both on the title and the start of the body. First the function words of the shipped
//! lexicons (`common` lines in assets/ingest/<lang>.txt): when one language's words clearly
//! dominate, that is the answer. Otherwise whatlang (trigram statistics, no model to download) over
//! all the languages it knows. The first step is a fast path, not a second opinion: it only answers
//! when one language has twice the hits of any other, and it costs a hash lookup per word,
//! where whatlang costs more than the whole rest of parsing.

use super::lexicon::{MAX_COMMON_LANGS, lexicon};

/// The text sample that is looked at, in bytes: enough for a reliable guess, and it keeps
/// detection from dominating the parse time of long articles.
const SAMPLE: usize = 600;

/// The longest function word in any list, in bytes, with room to spare.
const MAX_FUNCTION_WORD: usize = 14;

/// Below this many bytes of sample, an unreliable whatlang guess is no answer.
const LONG_ENOUGH: usize = 200;

/// The language of an article from its title and the start of its body; None when the text is too
/// short to tell and whatlang is not sure.
pub fn detect<'a>(title: &str, body: impl Iterator<Item = &'a str>) -> Option<String> {
    let sample = sample(title, body);
    if let Some(lang) = by_function_words(&sample) {
        return Some(lang.to_string());
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.len() < LONG_ENOUGH {
        return None;
    }
    lexicon().iso639.get(info.lang().code()).cloned()
}

fn sample<'a>(title: &str, body: impl Iterator<Item = &'a str>) -> String {
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
    sample
}

/// The language whose function words clearly dominate the sample, if one does: at least 5 hits,
/// one word in fifteen, and twice the hits of the runner-up.
fn by_function_words(sample: &str) -> Option<&'static str> {
    let lexicon = lexicon();
    let mut hits = [0u32; MAX_COMMON_LANGS];
    let mut words = 0u32;
    let mut lower = Vec::with_capacity(MAX_FUNCTION_WORD);
    // Words are split on ASCII separators only: a byte-level split is several times cheaper than a
    // Unicode one, and a function word glued to non-ASCII punctuation is rare enough to miss.
    for word in sample.as_bytes().split(|&b| SEPARATOR[usize::from(b)]) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        // Function words are short; longer words are only counted.
        if word.len() > MAX_FUNCTION_WORD {
            continue;
        }
        let word = match word.first() {
            Some(b) if b.is_ascii_uppercase() => {
                lower.clear();
                lower.extend(word.iter().map(u8::to_ascii_lowercase));
                lower.as_slice()
            }
            Some(b) if *b >= 0x80 => {
                let text = std::str::from_utf8(word).unwrap_or("");
                if text.chars().next().is_some_and(char::is_uppercase) {
                    // A non-ASCII capital (À, É, Ü, Б): lowercase the whole word the Unicode way.
                    lower.clear();
                    for c in text.chars().flat_map(char::to_lowercase) {
                        let mut buf = [0u8; 4];
                        lower.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                    lower.as_slice()
                } else {
                    word
                }
            }
            _ => word,
        };
        if let Some(&bits) = lexicon.common_words.get(word) {
            let mut bits = bits;
            while bits != 0 {
                if let Some(hit) = hits.get_mut(bits.trailing_zeros() as usize) {
                    *hit += 1;
                }
                bits &= bits - 1;
            }
            // Most articles are decided within a few lines: stop once the lead is beyond doubt
            // (a stricter test than the final one).
            if words.is_multiple_of(16)
                && let Some((best, top, runner_up)) = leader(&hits)
                && top >= 12
                && top >= 3 * runner_up
                && top * 15 >= words
            {
                return lexicon.common_langs.get(best).copied();
            }
        }
    }
    let (best, top, runner_up) = leader(&hits)?;
    let clear = top >= 5 && top * 15 >= words && top >= 2 * runner_up;
    clear
        .then(|| lexicon.common_langs.get(best).copied())
        .flatten()
}

/// The bytes words are split on: ASCII white space and punctuation.
static SEPARATOR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = byte.is_ascii_whitespace() || byte.is_ascii_punctuation();
        b += 1;
    }
    table
};

/// The language with the most hits: (its index, its hits, the runner-up's hits).
fn leader(hits: &[u32; MAX_COMMON_LANGS]) -> Option<(usize, u32, u32)> {
    let (best, &top) = hits.iter().enumerate().max_by_key(|(_, h)| **h)?;
    let runner_up = hits
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, h)| *h)
        .max()
        .unwrap_or(0);
    Some((best, top, runner_up))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[(&str, &str, &str)] = &[
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

    #[test]
    fn tells_the_five_languages() {
        for (lang, title, body) in TEXTS {
            assert_eq!(
                detect(title, [*body].into_iter()).as_deref(),
                Some(*lang),
                "{title}"
            );
        }
    }

    #[test]
    fn whatlang_alone_agrees_on_the_five_languages() {
        // The function-word step must never decide what whatlang would decide otherwise.
        for (lang, title, body) in TEXTS {
            let text = format!("{title}\n{body}");
            let info = whatlang::detect(&text).expect(title);
            assert_eq!(
                lexicon().iso639.get(info.lang().code()).map(String::as_str),
                Some(*lang)
            );
            if let Some(fast) = by_function_words(&text) {
                assert_eq!(fast, *lang, "{title}");
            }
        }
    }

    #[test]
    fn close_neighbours_are_told_apart() {
        let pt = "O conselho reuniu-se na terça-feira. A presidente da câmara disse que a nova ponte vai abrir na próxima primavera, depois de os engenheiros verificarem cada cabo e a cidade pagar as últimas faturas.";
        assert_ne!(by_function_words(pt), Some("es"));
        assert_eq!(detect(pt, std::iter::empty()).as_deref(), Some("pt"));
        let nl = "De gemeenteraad kwam dinsdag bijeen. De burgemeester zei dat de nieuwe brug volgend voorjaar opengaat, nadat de ingenieurs elke kabel hebben gecontroleerd en de stad de laatste rekeningen heeft betaald.";
        assert_ne!(by_function_words(nl), Some("de"));
        assert_eq!(detect(nl, std::iter::empty()).as_deref(), Some("nl"));
    }

    #[test]
    fn function_words_decide_whole_articles_as_whatlang_does() {
        for (lang, text) in [
            ("en", include_str!("../../tests/fixtures/text/en.txt")),
            ("de", include_str!("../../tests/fixtures/text/de.txt")),
            ("it", include_str!("../../tests/fixtures/text/it.txt")),
            ("fr", include_str!("../../tests/fixtures/text/fr.txt")),
            ("es", include_str!("../../tests/fixtures/text/es.txt")),
        ] {
            let text = sample("", text.lines());
            assert_eq!(by_function_words(&text), Some(lang), "{text}");
            let info = whatlang::detect(&text).expect(lang);
            assert_eq!(
                lexicon().iso639.get(info.lang().code()).map(String::as_str),
                Some(lang)
            );
        }
    }

    #[test]
    fn every_shipped_language_with_function_words_is_counted() {
        // Each `common` line of assets/ingest gets a bit: none is dropped for want of room.
        let langs = &lexicon().common_langs;
        for lang in ["en", "de", "it", "fr", "es", "pt", "nl", "pl", "ru"] {
            assert!(langs.contains(&lang), "{lang} in {langs:?}");
        }
        let ru = "Совет собрался во вторник. Мэр сказал, что новый мост откроют весной, как только инженеры проверят каждый трос, и что город уже оплатил все счета за работу, а жители ждут этого с нетерпением.";
        assert_eq!(by_function_words(ru), Some("ru"));
        assert_eq!(detect(ru, std::iter::empty()).as_deref(), Some("ru"));
        let pl = "Rada zebrała się we wtorek. Burmistrz powiedział, że nowy most zostanie otwarty wiosną, jak tylko inżynierowie sprawdzą każdą linę, a miasto już zapłaciło wszystkie rachunki i nie ma długów.";
        assert_eq!(by_function_words(pl), Some("pl"));
    }

    #[test]
    fn other_languages_go_to_whatlang() {
        let sv = "Kommunfullmäktige samlades på tisdagen. Borgmästaren sade att den nya bron ska öppna nästa vår, efter att ingenjörerna har kontrollerat varje kabel och staden har betalat de sista räkningarna.";
        assert_eq!(by_function_words(sv), None);
        assert_eq!(detect(sv, std::iter::empty()).as_deref(), Some("sv"));
        let cs = "Zastupitelstvo se sešlo v úterý. Starostka řekla, že nový most se otevře příští jaro, až inženýři zkontrolují každé lano a město zaplatí poslední účty.";
        assert_eq!(detect(cs, std::iter::empty()).as_deref(), Some("cs"));
    }

    #[test]
    fn too_little_text_is_no_answer() {
        assert_eq!(detect("Ok", std::iter::empty()), None);
        assert_eq!(detect("", std::iter::empty()), None);
    }
}
