//! Speaker attribution: the cue next to a quote, and the person the cue names.
//!
//! Looks only at the sentence around each quote: the words after the closing mark ("…,” said X;
//! “…” ha detto X; „…“, so X; “…,” X told reporters) and before the opening one (X said: “…”;
//! laut X „…“; secondo X, “…”). A speaker phrase is reduced to the person's name when it names one
//! ("il portavoce del Cremlino Dmitry Peskov" → "Dmitry Peskov") and kept as a role when it does
//! not ("ein offizieller Kreml-Sprecher"). Pronouns and bare cues ("he added", "ha aggiunto") are
//! left for the caller to resolve to the last named speaker.

use super::lexicon::{CueKind, Kinds, Lexicon};
use std::cell::OnceCell;

/// Longest stretch of text looked at on either side of a quote, in bytes.
const WINDOW: usize = 300;
/// Most words between a quote and a cue that follows it ("…,” the minister of finance said).
const MAX_SUBJECT_WORDS: usize = 8;

/// What the sentence around a quote says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// The cue words as they appear in the text.
    pub cue: Option<String>,
    pub speaker: Option<Speaker>,
    /// A cue of saying or a reported-speech word somewhere in the sentence: speech, not a term.
    /// Reported-speech words are looked for only near a short quote that starts lowercase.
    pub speechy: bool,
    /// The word before the opening mark names what follows (called “…”, der Film „…“).
    pub naming: bool,
    /// A definite article right before the opening mark (die „Space Alliance“).
    pub after_article: bool,
    /// The quote follows a colon.
    pub colon: bool,
    /// The cue stands next to the quote (a few words away), not just somewhere in the sentence.
    pub adjacent: bool,
    /// The cue follows the quote („…“, sagte X; "…," X said).
    pub after: bool,
    /// The quote is the subject of the verb of saying right after it („Silverbird“ berichtete):
    /// a name, when it is short.
    pub subject: bool,
    /// What someone said of a thing, after a verb of saying and a word such as "als" ("nannte
    /// den Plan als „Geschäft des Jahrhunderts“"): speech, though it looks like a title.
    pub judgement: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Speaker {
    /// A person's name.
    Name(String),
    /// A role or group without a name; `definite` when it refers back ("the spokesman").
    Role { phrase: String, definite: bool },
    /// A personal pronoun, or a cue with no subject ("ha aggiunto"): the last named speaker.
    Anaphor(Option<String>),
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A quotation mark that cannot be an apostrophe (nor the rare ‟).
fn is_quote_char(c: char) -> bool {
    super::marks::is_mark(c) && !matches!(c, '\'' | '’' | '‟')
}

/// A full stop at byte `dot` of `text` that ends a sentence: one followed by white space, or one
/// glued to the next sentence's capital ("sagte Berg.Danach"), and not the point of an initial
/// ("J. Smith"), an ordinal or a number ("am 3. Mai", "Benedikt XVI.") or an abbreviation ("Dr.",
/// "z. B.").
fn ends_sentence(lex: &Lexicon, text: &str, dot: usize, next: Option<char>) -> bool {
    let before = &text[..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '.' || c == '(')
        .next()
        .unwrap_or("");
    let glued = next.is_some_and(char::is_uppercase)
        && word.chars().next_back().is_some_and(char::is_lowercase);
    if !(next.is_none_or(char::is_whitespace) || glued) {
        return false;
    }
    let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    // Ordinals have one or two digits ("3. Mai", "20. Jahrhundert"); a year ends sentences.
    let ordinal = (1..=2).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit());
    let roman = !word.is_empty()
        && word.len() <= 5
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'));
    !(initial || ordinal || roman || lex.is_abbreviation(word))
}

/// A word that names what follows ([`Lexicon::is_naming`]), or a compound ending in one
/// ("Sportzeitung", "Spitznamen"): a last part of five letters or more ("Antwort" is no "Wort").
fn naming_word(lex: &Lexicon, word: &str) -> bool {
    if lex.is_naming(word) {
        return true;
    }
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    word.char_indices()
        .skip(1)
        .map(|(i, _)| &word[i..])
        .take_while(|rest| rest.chars().nth(4).is_some())
        .any(|rest| rest.starts_with(char::is_lowercase) && lex.is_naming(rest))
}

/// How many sentences end in `text`.
fn sentence_ends(lex: &Lexicon, text: &str) -> usize {
    let mut chars = text.char_indices().peekable();
    let mut ends = 0;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        ends += usize::from(ends_sentence_at(lex, text, i, c, next));
    }
    ends
}

/// Character `c` at byte `i` of `text`, before `next`, ends a sentence: "!" or "?" before white
/// space or the end, or a full stop that [`ends_sentence`].
fn ends_sentence_at(lex: &Lexicon, text: &str, i: usize, c: char, next: Option<char>) -> bool {
    match c {
        '!' | '?' => next.is_none_or(char::is_whitespace),
        '.' => ends_sentence(lex, text, i, next),
        _ => false,
    }
}

/// The part of the sentence before a quote: back to a sentence end or another quote.
fn before_window<'a>(lex: &Lexicon, text: &'a str, open: usize) -> &'a str {
    let from = floor_boundary(text, open.saturating_sub(WINDOW));
    let slice = &text[from..open];
    // Backwards from the quote, so the work is the length of the sentence, not of the window.
    let mut next: Option<char> = None;
    let mut chars = slice.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        // A quote that closes a sentence ends the window; a quoted phrase inside the sentence
        // („Opfer des Terrorismus“) does not: its subject may stand before it.
        let before = chars.peek().map(|&(_, b)| b);
        if is_quote_char(c)
            && (before.is_none_or(|b| matches!(b, '.' | '!' | '?' | '…' | ':' | ','))
                || next.is_none_or(|n| !n.is_whitespace() && n != ',' && !n.is_alphanumeric()))
        {
            return &slice[i + c.len_utf8()..];
        }
        let end = match c {
            '!' | '?' => next.is_some_and(char::is_whitespace),
            '.' => next.is_some() && ends_sentence(lex, slice, i, next),
            _ => false,
        };
        if end {
            return &slice[i + 1..];
        }
        next = Some(c);
    }
    slice
}

/// The part of the sentence after a quote: up to a sentence end or another quote.
fn after_window<'a>(lex: &Lexicon, text: &'a str, close_end: usize) -> &'a str {
    let to = ceil_boundary(text, close_end + WINDOW);
    let slice = &text[close_end.min(to)..to];
    let mut end = slice.len();
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_quote_char(c) {
            end = i;
            break;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let stop = ends_sentence_at(lex, slice, i, c, next);
        // Not the end when it is the first thing after the quote.
        if stop && !slice[..i].trim().is_empty() {
            end = i;
            break;
        }
    }
    &slice[..end]
}

struct Word<'a> {
    text: &'a str,
    /// Punctuation glued after the word (a comma ends a phrase).
    comma: bool,
    /// The word opens a parenthesis ("(SPD)").
    paren: bool,
    /// The lists the word is on, looked up once: the readings below test each word often.
    kinds: Kinds,
}

impl Word<'_> {
    /// A title before a name ("Dr"): [`Lexicon::is_title`], which reads a title without its
    /// point; a word keeps its point only in rare spellings ("Dr.-").
    fn title(&self, lex: &Lexicon) -> bool {
        if self.text.ends_with('.') {
            lex.is_title(self.text)
        } else {
            self.kinds.title()
        }
    }
}

fn words<'a>(lex: &Lexicon, text: &'a str) -> Vec<Word<'a>> {
    words_at_most(lex, text, usize::MAX)
}

/// The first `max` of [`words`], read no further than needed.
fn words_at_most<'a>(lex: &Lexicon, text: &'a str, max: usize) -> Vec<Word<'a>> {
    // Room for words of five bytes and a space, so a sentence is one allocation, not three.
    let mut out: Vec<Word<'_>> =
        Vec::with_capacity((text.len() / 6 + 1).min(max.saturating_add(1)));
    for raw in text.split_whitespace() {
        // A word's `comma` may be set by the token after it: one word more is read, then dropped.
        if out.len() > max {
            break;
        }
        let trimmed =
            raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'');
        let trimmed = trimmed.trim_matches(|c: char| c == '-' || c == '’' || c == '\'');
        if trimmed.is_empty() {
            // A dash between words ends a phrase like a comma does.
            if let Some(last) = out.last_mut() {
                last.comma = true;
            }
            continue;
        }
        if raw.starts_with('(') {
            // A parenthesis ("(SPD)", "(Ohio)") is never part of the name before it.
            if let Some(last) = out.last_mut() {
                last.comma = true;
            }
            out.push(Word {
                text: trimmed,
                comma: true,
                paren: true,
                kinds: lex.kinds(trimmed),
            });
            continue;
        }
        out.push(Word {
            text: trimmed,
            comma: raw.ends_with([',', ';', ':', ')', '(']),
            paren: false,
            kinds: lex.kinds(trimmed),
        });
    }
    out.truncate(max);
    out
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Reduces a speaker phrase to a name, a role or a pronoun.
pub(crate) fn reduce(lex: &Lexicon, phrase: &str) -> Option<Speaker> {
    reduce_words(lex, &words(lex, phrase))
}

/// [`reduce`] of a phrase already split into [`words`].
fn reduce_words(lex: &Lexicon, ws: &[Word<'_>]) -> Option<Speaker> {
    if ws.is_empty() {
        return None;
    }
    if ws.len() == 1 && ws[0].kinds.pronoun() {
        return Some(Speaker::Anaphor(Some(ws[0].text.to_string())));
    }
    // Whether each word may be part of a name, decided once per word (a role is one scan).
    let names: Vec<bool> = ws
        .iter()
        .map(|w| capitalised(w.text) && !lex.is_plain(w.text, w.kinds))
        .collect();
    // Runs of name words; the best is the last of two words or more, else one after a role or
    // title, else the only word of the phrase.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if names[i] {
            let start = i;
            while i < ws.len() && names[i] {
                i += 1;
                if ws[i - 1].comma {
                    break;
                }
            }
            // "Das Original Tweet", "den Theologen Hans Küng": the capitalised word right after
            // a definite article is a noun, not part of a person's name.
            let after_article = start > 0 && !ws[start - 1].comma && ws[start - 1].kinds.definite();
            let start = start + usize::from(after_article);
            if start < i {
                runs.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    let join = |(a, b): (usize, usize)| {
        ws[a..b]
            .iter()
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    // "il portavoce del Cremlino Dmitry Peskov": after a preposition, the first capitalised word
    // of a longer run names the place or body, the rest the person.
    for run in &mut runs {
        let (a, b) = *run;
        if b - a >= 3 && a > 1 && ws[a - 1].kinds.function() && !ws[a - 1].comma {
            run.0 += 1;
        }
    }
    let long = runs.iter().rev().find(|(a, b)| b - a >= 2).copied();
    let after_role = runs
        .iter()
        .find(|(a, _)| {
            *a > 0 && !ws[a - 1].comma && (lex.is_role(ws[a - 1].text) || ws[a - 1].title(lex))
        })
        .copied();
    // "Ähnlich äußerte sich …": a lone word with an adverb's ending is no name.
    let alone =
        (ws.len() == 1 && runs.len() == 1 && !lex.has_adverb_ending(ws[0].text)).then(|| runs[0]);
    // "wird Berg zitiert", "hatte Berg damals gesagt", "wird Berg in der Zeitung zitiert": one
    // name after auxiliaries and adverbs, before a preposition or nothing.
    let plain_stop = |w: &Word<'_>| w.kinds.stop() && !w.kinds.function();
    let among_stops = runs
        .first()
        .filter(|&&(a, b)| {
            b - a == 1
                && !lex.has_adverb_ending(ws[a].text)
                && ws[..a].iter().all(plain_stop)
                && ws.get(b).is_none_or(|w| {
                    // "warb Vogt für den Plan": a preposition may follow the name too.
                    (w.kinds.stop() || w.kinds.function() && !lex.is_noun_of_saying(ws[a].text))
                        && !capitalised(w.text)
                })
        })
        .copied();
    if let Some(run) = long.or(after_role).or(alone).or(among_stops) {
        return Some(Speaker::Name(join(run)));
    }
    // No name: the phrase as a role, up to its first comma, when it is one: it holds a role word,
    // or it is a determiner and a noun ("die Universität", "a witness").
    let mut end = ws.iter().position(|w| w.comma).map_or(ws.len(), |p| p + 1);
    // "der Präsident von der „…“": a phrase does not end in a preposition or an article.
    while end > 1
        && !ws[end - 1].comma
        && (ws[end - 1].kinds.function() || ws[end - 1].kinds.definite())
    {
        end -= 1;
    }
    let head = &ws[..end];
    let definite = ws[0].kinds.definite();
    let has_role = head.iter().any(|w| lex.is_role(w.text));
    // "in einem Interview" is where, not who: a phrase opening with a preposition is no role.
    let determined = ws[0].kinds.function()
        && (ws[0].kinds.definite() || !ws[0].kinds.stop())
        && head.len() >= 2
        && head.len() <= 6;
    if !has_role && !determined {
        return None;
    }
    // "die auf Russisch": a preposition after the determiner, or a language at the end, makes an
    // adverbial, not someone who speaks.
    let adverbial = head
        .get(1)
        .is_some_and(|w| w.kinds.stop() && !w.kinds.function())
        || head.last().is_some_and(|w| w.kinds.never_speaker());
    if adverbial {
        return None;
    }
    Some(Speaker::Role {
        phrase: join((0, end)),
        definite,
    })
}

/// The speaker phrase after a cue: up to a stop word, a comma not followed by a name, or the end.
fn phrase_after<'a>(lex: &Lexicon, text: &'a str) -> &'a str {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ':');
    let mut begin = None;
    let mut end = 0;
    let mut count = 0;
    let mut skipped = 0;
    let mut after_name = false;
    for (i, raw) in split_with_offsets(text) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let kinds = lex.kinds(w);
        let stop = kinds.stop() && !kinds.pronoun() && !kinds.function();
        if count == 0 && stop {
            // "äußerte sich der Chef", "sagte am Montag Anna Berg": skip a few words before the
            // subject, not more.
            skipped += 1;
            if skipped > 3 || raw.ends_with([',', ';', ':', '.']) {
                break;
            }
            continue;
        }
        // "nach Worten des Präsidenten sei …": a verb of reported speech ends the subject.
        if count > 0 && (kinds.stop() && !capitalised(raw) || kinds.reported()) {
            break;
        }
        // "entgegnete Suttner empört": a word that is no noun after a name ends it.
        if count > 0 && after_name && !capitalised(w) && !kinds.function() && !kinds.definite() {
            break;
        }
        after_name = capitalised(w) && !kinds.function() && !kinds.definite();
        if begin.is_none() {
            begin = Some(i);
        }
        count += 1;
        end = i + raw.trim_end_matches([',', ';', ':', '.', ')']).len();
        if raw.ends_with([',', ';', ':', '.', ')']) || count >= 12 {
            // An apposition after a comma may carry the name: "the head of X, John Smith, said".
            let rest = &text[i + raw.len()..];
            let next = rest.split_whitespace().next().unwrap_or("");
            if raw.ends_with(',') && capitalised(next) && !lex.is_function_word(next) {
                continue;
            }
            break;
        }
    }
    let begin = begin.unwrap_or(0);
    text.get(begin..end.max(begin)).unwrap_or("")
}

/// The subject phrase before a cue: from the last clause boundary to the cue, its last words.
fn phrase_before<'a>(_lex: &Lexicon, text: &'a str) -> &'a str {
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let start = text
        .rfind([',', ';', ':', '(', ')', '–', '—'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &text[start..];
    let from = split_with_offsets(clause)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .nth(MAX_SUBJECT_WORDS)
        .map_or(0, |(i, w)| i + w.len());
    clause[from..].trim()
}

fn split_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |w| {
        let offset = w.as_ptr() as usize - text.as_ptr() as usize;
        (offset, w)
    })
}

fn has_reported(lex: &Lexicon, text: &str) -> bool {
    // Most languages list no such words: no need to split the text.
    lex.has_reported_words()
        && text
            .split_whitespace()
            .any(|w| lex.is_reported(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// Where a quote stands in its article.
pub(crate) struct Place<'a> {
    /// The paragraph of the opening mark, and the mark's byte offset in it.
    pub open_text: &'a str,
    pub open: usize,
    /// The paragraph of the closing mark (the same, or a later one), and the offset just after
    /// the mark.
    pub close_text: &'a str,
    pub close_end: usize,
    /// The paragraph before the quote's, when it is prose; else empty.
    pub prev_text: &'a str,
    /// Where the last quote of speech before this one closed, when in the same paragraph: the
    /// offset just after its closing mark in `open_text`.
    pub after_speech: Option<usize>,
}

/// Attribution of the quote at `place`. `short_lower`: the quote has at most a few words and
/// starts lowercase, the only quotes whose reading (speech or term) a word of reported speech
/// near them can change; [`Attribution::speechy`] is not looked up for others.
///
/// `speech` tells from what is known of a quote whether it is speech. When no cue names the
/// speaker, the search for one in the sentences around (the costliest part) is made only for
/// speech: a term has no speaker, and its `speaker` is left `None`.
pub(crate) fn attribute(
    lex: &Lexicon,
    place: Place<'_>,
    short_lower: bool,
    speech: impl Fn(&Attribution) -> bool,
) -> Attribution {
    let Place {
        open_text,
        open,
        close_text,
        close_end,
        prev_text,
        after_speech,
    } = place;
    let mut before = before_window(lex, open_text, open);
    // „…“, und fügt hinzu: „…“: a cue after the last quote is this one's, and what was said
    // before it is no place to look for a cue. (With no cue between, as in „…“ und „…“, the two
    // share the cue before them.)
    let from = before.as_ptr() as usize - open_text.as_ptr() as usize;
    if let Some(at) = after_speech.filter(|&at| at > from && at <= open)
        && !lex.cues(&open_text[at..open]).is_empty()
    {
        before = &open_text[at..open];
    }
    let after = after_window(lex, close_text, close_end);
    // The cues before the quote are wanted by several readings below: searched for once, and
    // only when one of them asks.
    let before_cues = OnceCell::new();
    let before_cues = || before_cues.get_or_init(|| lex.cues(before)).as_slice();
    let mut att = Attribution::default();
    let before_trim = before.trim_end();
    att.colon = before_trim.ends_with(':');
    let last_word = before_trim
        .trim_end_matches([':', ','])
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // („…“) after a name is its translation or short form: a phrase, not a sentence.
    let phrase_in_parens = before_trim.ends_with('(')
        && std::ptr::eq(open_text, close_text)
        && open_text.get(open..close_end).is_some_and(|q| {
            q.split_whitespace().nth(PAREN_NAME_WORDS).is_none()
                && !q
                    .trim_end_matches(is_quote_char)
                    .ends_with(['.', '!', '?', '…'])
        });
    att.naming = naming_word(lex, last_word.trim_matches(|c: char| !c.is_alphanumeric()))
        || phrase_in_parens;
    // "X bezeichnete den Plan als „…“", "charakterisierte ihn als einen „…“", "sprachen von
    // „…“": after a verb of saying, such a word (with an article or not) quotes what someone
    // said of a thing, not its name, capitalised or not.
    let governing = if lex.is_function_word(last_word) && !lex.is_judging(last_word) {
        before_trim[..last_word.as_ptr() as usize - before_trim.as_ptr() as usize]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
    } else {
        last_word
    };
    let judging = lex.is_judging(governing);
    att.after_article = lex.is_definite(last_word);
    // Only short lowercase quotes need it (speech or term); skip the words for the rest.
    att.speechy = short_lower && (has_reported(lex, before) || has_reported(lex, after));
    if judging && before_cues().iter().any(|c| c.2 == CueKind::Verb) {
        att.naming = false;
        att.after_article = false;
        att.speechy = true;
        att.adjacent = true;
        att.judgement = true;
    }

    // After the quote: "…,” said X / “…” ha detto X / „…“, so X / “…,” X said.
    let lead = after.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '–' | '—' | '-' | ')' | '(')
    });
    let starts_sentence = after.trim_start().starts_with(|c: char| c.is_uppercase())
        && !after.trim_start().starts_with(',');
    // „Wir gewinnen.“ Der Plan …: a quote that ends its sentence and a capital after it start a
    // new sentence, which names no speaker of the quote.
    let last_inside = close_text.get(..close_end).and_then(|t| {
        let mut cs = t.chars().rev();
        cs.next();
        cs.next()
    });
    let closes_sentence = last_inside.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'));
    // „Silverbird“ berichtete: no punctuation inside the marks or after them, so the quote is
    // the subject of the verb that follows, a name; speech is set off by a comma („…“, sagte
    // sie; “…,” she said).
    let bare = !last_inside.is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '…' | ':' | ';'))
        && after.trim_start().starts_with(char::is_alphabetic);
    let new_sentence = closes_sentence && after.trim_start().starts_with(char::is_uppercase);
    // Only the first cue after the quote is read.
    let cue_after = if new_sentence {
        None
    } else {
        lex.first_cue(lead)
    };
    if let Some((s, e, kind)) = cue_after {
        let subject = &lead[..s];
        let subject_words = subject.split_whitespace().count();
        att.speechy = true;
        if s == 0 && kind != CueKind::After {
            att.adjacent = true;
            att.after = true;
            att.subject = bare && kind == CueKind::Verb;
            // "als „…“ bezeichnet": the judgement, said by whom the cue names.
            att.judgement |= judging && kind == CueKind::Verb;
            let cue = &lead[s..e];
            att.cue = Some(cue.to_string());
            if cue.ends_with("-il") || cue.ends_with("-elle") {
                att.speaker = Some(Speaker::Anaphor(cue.rsplit('-').next().map(str::to_string)));
            } else if lex.is_source_cue(cue) {
                att.speaker = source_after(lex, &lead[e..]).or(Some(Speaker::Anaphor(None)));
            } else {
                let phrase = phrase_after(lex, &lead[e..]);
                att.speaker = reduce(lex, phrase).or(Some(Speaker::Anaphor(None)));
            }
            // „…“, betont sie: a pronoun after the quote stands for the speaker a cue before it
            // names ("X sagte dazu: „…“, betont sie").
            if matches!(att.speaker, Some(Speaker::Anaphor(_)))
                && let Some((cue, sp)) = cue_before(lex, before, before_cues())
            {
                att.cue = Some(cue.to_string());
                att.speaker = Some(sp);
            }
            return att;
        }
        // "„…“ gegeben, von dem laut Polizei …": a source named words after the quote is the
        // source of what follows, not of the quote.
        if kind != CueKind::Before
            && subject_words <= MAX_SUBJECT_WORDS
            && !subject.contains(['.', '!', '?', ';'])
            && !starts_sentence_with_new_clause(subject)
        {
            att.cue = Some(lead[s..e].to_string());
            let phrase = phrase_before(lex, subject);
            att.speaker = reduce(lex, phrase);
            if att.speaker.is_none() {
                // "…”, told X": a verb-first cue after some words; the speaker follows.
                att.speaker = reduce(lex, phrase_after(lex, &lead[e..]));
            }
            if att.speaker.is_some() {
                att.adjacent = true;
                att.after = true;
                return att;
            }
        }
    }
    let _ = starts_sentence;

    // Before the quote: "X said: “…” / laut X „…“ / sagte X: „…“.
    if let Some((cue, sp)) = cue_before(lex, before, before_cues()) {
        att.speechy = true;
        let tail = before.get(cue.as_ptr() as usize - before.as_ptr() as usize + cue.len()..);
        att.adjacent = tail.is_some_and(|t| t.split_whitespace().count() <= MAX_SUBJECT_WORDS);
        att.cue = Some(cue.to_string());
        att.speaker = Some(sp);
        return att;
    }
    let cues_before = before_cues();
    if !cues_before.is_empty() {
        att.speechy = true;
    }
    // "…, eine zweite, die auf Russisch erklärte, „…“": a cue in a relative clause speaks for the
    // clause's antecedent, which no subject of the sentence names.
    if cues_before
        .last()
        .is_some_and(|&(s, _, _)| in_relative_clause(lex, &before[..s]))
    {
        return att;
    }
    let sentence = before_trim.trim_end_matches(':');
    // The readings below all start from the sentence's words: split once, when one asks.
    let sentence_words = OnceCell::new();
    let sentence_words = || {
        sentence_words
            .get_or_init(|| words(lex, sentence))
            .as_slice()
    };
    // "BKA-Chef Berg: „…“": a short phrase and a colon name the speaker without a verb.
    if att.colon && sentence.split_whitespace().count() <= COLON_SPEAKER_WORDS {
        let speaker = reduce_words(lex, sentence_words()).filter(|sp| match sp {
            Speaker::Name(_) => true,
            Speaker::Role { phrase, .. } => phrase.split_whitespace().any(|w| lex.is_role(w)),
            Speaker::Anaphor(_) => false,
        });
        if speaker.is_some() {
            att.speaker = speaker;
            att.adjacent = true;
            return att;
        }
    }
    // „…“, so X. „…“ / „…“ Sie seien „…“: a quote in the sentence after another's, with no cue
    // of its own, goes on with the same speaker (the caller keeps it, when no speaker is found
    // here); the sentence before is the other quote's, not this one's subject.
    let continues = after_speech
        .filter(|&at| at <= open)
        .is_some_and(|at| sentence_ends(lex, &open_text[at..open]) <= 1);
    // No cue named anyone: a name in the sentence before the quote ("wird Musk wie folgt
    // zitiert: „…“"), its subject, or the subject of the sentence before ("Khan criticised the
    // plan. “…”").
    let from = before.as_ptr() as usize - open_text.as_ptr() as usize;
    // Found only when a reading below needs it.
    let previous = || {
        if from == 0 {
            before_window(lex, prev_text, prev_text.len())
        } else {
            before_window(lex, open_text, from)
        }
    };
    // „Der Bau sei „viel zu teuer“: the subject of a subjunctive is what was spoken of, not who
    // spoke; the source is the one a cue of the sentence before names ("Berg sagte, …. Der Bau
    // sei „…“"), else the subject of the sentence before, else the last speaker.
    // Without words of reported speech in the lexicon, no sentence is one.
    // The subjunctive opens the sentence: its first words tell, and a sentence of a term, which
    // needs no more of them, is not split whole.
    let opening = || words_at_most(lex, sentence, SUBJUNCTIVE_SUBJECT_WORDS + 1);
    if lex.has_reported_words() && subject_of_subjunctive(&opening()) {
        att.speechy = true;
        if !speech(&att) || continues {
            return att;
        }
        let previous = previous();
        att.speaker = cue_before(lex, previous, &lex.cues(previous))
            .map(|(_, sp)| sp)
            .or_else(|| match subject_of(lex, previous.trim()) {
                Some(Speaker::Name(n)) => Some(Speaker::Name(n)),
                _ => None,
            });
        return att;
    }
    if !speech(&att) {
        return att;
    }
    att.speaker = subject_of_words(lex, sentence_words()).or_else(|| {
        match reduce_words(lex, sentence_words()) {
            Some(Speaker::Name(n)) if n.contains(' ') => Some(Speaker::Name(n)),
            _ => None,
        }
    });
    if continues && !matches!(att.speaker, Some(Speaker::Name(_))) {
        att.speaker = None;
        return att;
    }
    if att.speaker.is_none()
        && let Some(Speaker::Name(n)) = subject_of(lex, previous().trim())
    {
        att.speaker = Some(Speaker::Name(n));
    }
    att
}

/// The words before a cue are a relative clause: a comma, then a definite article as a relative
/// pronoun ("…, die auf Russisch erklärte").
fn in_relative_clause(lex: &Lexicon, head: &str) -> bool {
    let Some(comma) = head.rfind(',') else {
        return false;
    };
    head[comma + 1..]
        .split_whitespace()
        .next()
        .is_some_and(|w| lex.is_definite(w))
}

/// The sentence opens with a short subject and a subjunctive ("Der Bau sei", "Jeder Bürger
/// könne"): reported speech whose subject is not its source. Only the first
/// `SUBJUNCTIVE_SUBJECT_WORDS + 1` words are read.
fn subject_of_subjunctive(ws: &[Word<'_>]) -> bool {
    let Some(verb) = ws.iter().position(|w| w.kinds.reported()) else {
        return false;
    };
    verb > 0
        && verb <= SUBJUNCTIVE_SUBJECT_WORDS
        && ws[..verb]
            .iter()
            .all(|w| !w.comma && !w.kinds.cue() && !w.kinds.pronoun())
}

/// Most words of a quoted phrase in parentheses read as a name's translation.
const PAREN_NAME_WORDS: usize = 6;

/// Most words of the subject before a subjunctive that opens reported speech.
const SUBJUNCTIVE_SUBJECT_WORDS: usize = 5;

/// Most words of a phrase that names a speaker before a colon, with no verb ("Ein Sprecher der
/// Polizei: „…“").
const COLON_SPEAKER_WORDS: usize = 6;

/// The last cue before a quote that names a speaker, and the speaker: "X said: “…”", "laut X
/// „…“", "sagte X: „…“", "wie X sagte, sei „…“". `cues` are [`Lexicon::cues`] of `before`.
fn cue_before<'a>(
    lex: &Lexicon,
    before: &'a str,
    cues: &[(usize, usize, CueKind)],
) -> Option<(&'a str, Speaker)> {
    for &(s, e, kind) in cues.iter().rev() {
        let cue = &before[s..e];
        let tail = &before[e..];
        let head = &before[..s];
        let speaker = match kind {
            CueKind::Before => reduce(lex, phrase_after(lex, tail)),
            CueKind::After => reduce(lex, phrase_before(lex, head)),
            // German puts one phrase before the verb: when it is a noun phrase ("Der Sprecher
            // sagte", "Milinkewitsch sagte dazu am Samstag"), it is the subject; when it is an
            // adverbial ("Weiter sagte Larson", "Gegenüber der Zeitung sagte der Chef"), the
            // subject follows the verb.
            // "In der Mitteilung heißt es dazu: „…“" names the document before the cue, "So
            // heißt es in der Mitteilung: „…“" after it.
            CueKind::Verb if lex.is_source_cue(cue) => {
                let head = head.trim();
                let named_before = head.split_whitespace().nth(1).is_some();
                named_before
                    .then(|| source_after(lex, head))
                    .flatten()
                    .or_else(|| source_after(lex, tail))
            }
            // "Wie der Minister am Montag erklärte, sei …": a verb that ends its clause has its
            // subject in that clause, after the word that opens it.
            CueKind::Verb if tail.trim_start().starts_with(',') => {
                subordinate_subject(lex, head).or_else(|| reduce(lex, phrase_before(lex, head)))
            }
            CueKind::Verb if subject_first(lex, head) => {
                let first = subject_of(lex, head).or_else(|| reduce(lex, phrase_before(lex, head)));
                match first {
                    // "Der Zeitung sagte Filep Karma: „…“": a phrase before the verb with no
                    // role in it may be its object; a full name between the verb and the quote
                    // is the subject.
                    Some(Speaker::Role { ref phrase, .. })
                        if !phrase.split_whitespace().any(|w| lex.is_role(w)) =>
                    {
                        let after = phrase_after(lex, tail);
                        let rest = tail
                            .get(after.as_ptr() as usize - tail.as_ptr() as usize + after.len()..);
                        let to_quote =
                            rest.is_some_and(|r| r.trim().trim_matches([':', ',']).is_empty());
                        match reduce(lex, after) {
                            Some(Speaker::Name(n)) if n.contains(' ') && to_quote => {
                                Some(Speaker::Name(n))
                            }
                            _ => first,
                        }
                    }
                    Some(sp) => Some(sp),
                    None => reduce(lex, phrase_after(lex, tail)),
                }
            }
            CueKind::Verb => {
                let tail_phrase = phrase_after(lex, tail);
                reduce(lex, tail_phrase)
                    .and_then(|sp| up_to_role(lex, sp))
                    .or_else(|| reduce(lex, phrase_before(lex, head)))
            }
        };
        if let Some(sp) = speaker {
            return Some((cue, sp));
        }
    }
    None
}

/// A role phrase after a verb, up to its last role word: "wies der Geschäftsführer alle Vorwürfe
/// zurück" names "der Geschäftsführer". A lowercase phrase with no role word names no one.
fn up_to_role(lex: &Lexicon, sp: Speaker) -> Option<Speaker> {
    let Speaker::Role { phrase, definite } = sp else {
        return Some(sp);
    };
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.last().is_some_and(|w| lex.is_role(w)) || capitalised(&phrase) {
        return Some(Speaker::Role { phrase, definite });
    }
    let last_role = words.iter().rposition(|w| lex.is_role(w))?;
    Some(Speaker::Role {
        phrase: words[..=last_role].join(" "),
        definite,
    })
}

/// The subject of a clause that ends in its verb, from the clause's start: "wie der Minister
/// Hans Berg am Montag", "als Berg".
fn subordinate_subject(lex: &Lexicon, head: &str) -> Option<Speaker> {
    let clause = head
        .rfind([',', ';', ':', '(', ')', '–', '—'])
        .map_or(head, |i| &head[i + 1..])
        .trim();
    let mut ws = clause.splitn(2, char::is_whitespace);
    let opener = ws.next()?;
    let rest = ws.next()?.trim_start();
    if !lex.is_stop(opener) || lex.is_function_word(opener) {
        return None;
    }
    subject_of(lex, rest)
}

/// The document a source cue names ("heißt es in einer Mitteilung des Verbands"): from its
/// determiner to its noun, with a genitive after it; the preposition before is left out.
fn source_after(lex: &Lexicon, tail: &str) -> Option<Speaker> {
    let ws = words(lex, tail);
    let start = ws.iter().take(3).position(|w| {
        // The preposition before the document is not part of its name.
        w.kinds.definite() || !w.kinds.stop() && (w.kinds.function() || capitalised(w.text))
    })?;
    let mut end = None;
    for (i, w) in ws.iter().enumerate().skip(start).take(SUBJECT_WORDS) {
        if capitalised(w.text) && !w.kinds.function() {
            end = Some(i + 1);
            // "der Erklärung des Verbands": the genitive belongs to it.
            let genitive = !w.comma
                && ws
                    .get(i + 1)
                    .is_some_and(|d| d.kinds.definite() && !d.comma)
                && ws.get(i + 2).is_some_and(|n| capitalised(n.text));
            if genitive {
                end = Some(i + 3);
            }
            break;
        }
        if w.comma {
            break;
        }
    }
    let phrase = ws
        .get(start..end?)?
        .iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ");
    Some(Speaker::Role {
        phrase,
        definite: false,
    })
}

/// The clause before a verb opens with a noun phrase (a determiner, a name), not with a
/// preposition or an adverb.
fn subject_first(lex: &Lexicon, head: &str) -> bool {
    let head = head.trim();
    let Some(first) = head.split_whitespace().next() else {
        return false;
    };
    let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    // A subordinate clause, an aside or a quote: not a plain subject.
    !head.contains([',', ';', '('])
        && !head.contains(is_quote_char)
        && head.split_whitespace().count() <= 2 * MAX_SUBJECT_WORDS
        && (lex.is_function_word(first) && !lex.is_stop(first)
            || capitalised(first) && !lex.is_stop(first) && !lex.is_cue_word(first))
}

/// The subject a sentence starts with: a name ("Anna Berg sagte", "Zypries sieht"), a role
/// ("Der italienische Innenminister zeigte sich"), or a body ("Die Firma empfindet").
fn subject_of(lex: &Lexicon, sentence: &str) -> Option<Speaker> {
    subject_of_words(lex, &words(lex, sentence))
}

/// [`subject_of`] a sentence already split into [`words`].
fn subject_of_words(lex: &Lexicon, ws: &[Word<'_>]) -> Option<Speaker> {
    let first = ws.first()?;
    if first.kinds.pronoun() {
        return Some(Speaker::Anaphor(Some(first.text.to_string())));
    }
    // "Nach Angaben …", "Weiter …": an adverbial opens the sentence, the subject is elsewhere.
    if first.kinds.stop() || !capitalised(first.text) && !first.kinds.function() {
        return None;
    }
    // The noun phrase up to the verb: capitalised words, determiners and prepositions of the
    // phrase ("Der Bürgermeister von New Orleans"), adjectives between a determiner and a noun.
    let mut end = 0;
    while end < ws.len().min(SUBJECT_WORDS) {
        let w = &ws[end];
        // "Anna Berg (SPD)": the party is not part of the name.
        if w.paren {
            break;
        }
        let next_capital = ws
            .get(end + 1)
            .is_some_and(|n| capitalised(n.text) && !n.paren);
        let noun =
            capitalised(w.text) && !w.kinds.cue() && !w.kinds.stop() && !w.kinds.never_speaker();
        let joiner = w.kinds.function() && (end > 0 || !w.kinds.stop());
        let adjective = end > 0
            && !capitalised(w.text)
            && !w.kinds.stop()
            && next_capital
            && ws
                .get(end - 1)
                .is_some_and(|p| p.kinds.function() || !capitalised(p.text));
        if !(noun || joiner || adjective) {
            break;
        }
        end += 1;
        // An apposition after a comma may carry the name; any other comma ends the phrase.
        if w.comma && !next_capital {
            break;
        }
    }
    // No verb after it, or nothing but function words: no subject.
    if end == 0
        || end >= ws.len()
        || !ws[..end]
            .iter()
            .any(|w| capitalised(w.text) && !w.kinds.function())
    {
        return None;
    }
    // "Kämen sie dem nicht nach": a verb first, its subject a pronoun after it.
    // "Tatsächlich spricht …": one word with the ending of an adverb is no name.
    if end == 1 && (ws[1].kinds.pronoun() || lex.has_adverb_ending(ws[0].text)) {
        return None;
    }
    let phrase = ws[..end]
        .iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ");
    match reduce(lex, &phrase) {
        Some(Speaker::Name(n)) => Some(Speaker::Name(n)),
        Some(Speaker::Role { phrase, definite }) => Some(Speaker::Role { phrase, definite }),
        _ if ws[0].kinds.function() => Some(Speaker::Role {
            definite: ws[0].kinds.definite(),
            phrase,
        }),
        _ if end == 1 && !ws[0].kinds.function() => Some(Speaker::Name(ws[0].text.to_string())),
        _ => None,
    }
}

/// Most words of a sentence's subject phrase.
const SUBJECT_WORDS: usize = 10;

/// A subject after a quote never starts with a conjunction that opens a new clause.
fn starts_sentence_with_new_clause(subject: &str) -> bool {
    subject.trim_start().starts_with(['(', '['])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::lexicon::DEFAULT;

    fn speaker_of(lang: &str, text: &str) -> Option<Speaker> {
        let lex = DEFAULT.for_lang(Some(lang));
        let open = text.find(['“', '„', '«', '"']).unwrap();
        let close = text.rfind(['”', '“', '»', '"']).unwrap();
        let close_end = close + text[close..].chars().next().unwrap().len_utf8();
        let place = Place {
            open_text: text,
            open,
            close_text: text,
            close_end,
            prev_text: "",
            after_speech: None,
        };
        attribute(lex, place, false, |_| true).speaker
    }

    fn name(s: &str) -> Option<Speaker> {
        Some(Speaker::Name(s.to_string()))
    }

    #[test]
    fn finds_names_around_quotes() {
        assert_eq!(
            speaker_of("en", "“We will win,” said Jane Fowler on Monday."),
            name("Jane Fowler")
        );
        assert_eq!(
            speaker_of("en", "“We will win,” Fowler told reporters."),
            name("Fowler")
        );
        assert_eq!(
            speaker_of("en", "Jane Fowler said: “We will win.”"),
            name("Jane Fowler")
        );
        assert_eq!(
            speaker_of(
                "de",
                "„Wir gewinnen“, sagte Innenministerin Petra Kolb am Montag."
            ),
            name("Petra Kolb")
        );
        assert_eq!(speaker_of("de", "„Wir gewinnen“, so Kolb."), name("Kolb"));
        assert_eq!(
            speaker_of("de", "Laut Petra Kolb ist das „ein großer Tag“."),
            name("Petra Kolb")
        );
        assert_eq!(
            speaker_of(
                "it",
                "“Vinceremo” ha detto il ministro Marco Riva ai giornalisti."
            ),
            name("Marco Riva")
        );
        assert_eq!(
            speaker_of("it", "Secondo Marco Riva, “vinceremo presto”."),
            name("Marco Riva")
        );
        assert_eq!(
            speaker_of("fr", "« Nous gagnerons », a déclaré Claire Morel."),
            name("Claire Morel")
        );
        assert_eq!(
            speaker_of("fr", "Selon Claire Morel, « nous gagnerons »."),
            name("Claire Morel")
        );
        assert_eq!(
            speaker_of("es", "«Ganaremos», dijo Lucía Ortega."),
            name("Lucía Ortega")
        );
        assert_eq!(
            speaker_of("es", "Según Lucía Ortega, «ganaremos»."),
            name("Lucía Ortega")
        );
        assert_eq!(
            speaker_of("es", "«Ganaremos», afirmó el portavoz Pablo Ruiz."),
            name("Pablo Ruiz")
        );
    }

    #[test]
    fn roles_pronouns_and_bare_cues() {
        assert!(matches!(
            speaker_of("de", "Das sei ein \"guter Plan“ laut einem offiziellen Kreml-Sprecher."),
            Some(Speaker::Role { ref phrase, definite: false }) if phrase.contains("Kreml-Sprecher")
        ));
        assert!(matches!(
            speaker_of("en", "“Later,” he added."),
            Some(Speaker::Anaphor(_))
        ));
        assert!(matches!(
            speaker_of("it", "“Più tardi”, ha aggiunto in seguito."),
            Some(Speaker::Anaphor(None))
        ));
        assert!(matches!(
            speaker_of("fr", "« Plus tard », dit-il."),
            Some(Speaker::Anaphor(_))
        ));
        assert!(matches!(
            speaker_of("de", "„Später“, fügte er hinzu."),
            Some(Speaker::Anaphor(_))
        ));
    }
}
