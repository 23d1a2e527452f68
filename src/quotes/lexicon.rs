//! Per-language word lists for attribution, loaded from TOML (`assets/lexicons/<lang>.toml`).
//!
//! The bundled files are embedded as defaults; [`Lexicons::load`] reads `<dir>/lexicons/*.toml`
//! over them, so a user adds or corrects a language with a file, not code. Each lexicon is compiled
//! once into an Aho-Corasick automaton for its cues and hash sets for the rest.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use foldhash::HashMap;
use serde::Deserialize;
use std::borrow::Cow;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The bundled lexicons, by language code.
pub(crate) const BUNDLED: &[(&str, &str)] = &[
    ("de", include_str!("../../assets/lexicons/de.toml")),
    ("en", include_str!("../../assets/lexicons/en.toml")),
    ("es", include_str!("../../assets/lexicons/es.toml")),
    ("fr", include_str!("../../assets/lexicons/fr.toml")),
    ("it", include_str!("../../assets/lexicons/it.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("lexicon {path} is not valid: {message} (see assets/lexicons/en.toml for the format)")]
    Invalid { path: PathBuf, message: String },
}

/// One language's lists, as written in its TOML file. Every list is optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconFile {
    /// Verbs and phrases of saying, in the forms news text uses ("said", "ha detto", "fügte").
    pub verbs: Vec<String>,
    /// Words after which the speaker is named ("according to", "laut", "secondo", "selon").
    pub before_speaker: Vec<String>,
    /// Words before which the speaker is named ("zufolge").
    pub after_speaker: Vec<String>,
    /// Nouns of saying that introduce a quote after a colon ("statement", "Worte").
    pub nouns: Vec<String>,
    /// Personal pronouns that stand for the last named speaker.
    pub pronouns: Vec<String>,
    /// Roles and jobs ("spokesman", "Sprecher", "portavoce"); also matched as a word's end
    /// (Kreml-Sprecher, Außenminister).
    pub roles: Vec<String>,
    /// Titles before a name ("Mr", "Dr", "Frau").
    pub titles: Vec<String>,
    /// Definite articles: "the spokesman" refers to someone named before.
    pub definite: Vec<String>,
    /// Other determiners and prepositions that are part of a speaker phrase, never a name.
    pub function_words: Vec<String>,
    /// Words that end a speaker phrase ("to", "on", "yesterday", "am").
    pub stops: Vec<String>,
    /// Words that mark reported speech (German subjunctive: "sei", "habe"): a short quote in
    /// their sentence is speech, not a term.
    pub reported: Vec<String>,
    /// Words right before a quoted name or title ("called", "named", "Motto"): a term.
    pub naming: Vec<String>,
    /// Words that look like names but never speak: names of languages ("auf Russisch").
    pub never_speakers: Vec<String>,
    /// Cues whose speaker is a document named after them ("heißt es in der Erklärung"): the
    /// phrase after the cue is kept even when it opens with a preposition.
    pub source_cues: Vec<String>,
    /// Word endings of adverbs and adjectives ("-lich", "-isch"): a capitalised word that opens
    /// a sentence alone and ends so ("Tatsächlich", "Höhnisch") is no name.
    pub adverb_endings: Vec<String>,
    /// A role phrase in its base form: an inflected determiner ("eines") and the form and
    /// adjective ending it takes in the nominative (["ein", "er"]), so "eines offiziellen
    /// Sprechers" reads "ein offizieller Sprecher". Languages without case leave it out.
    pub nominative: HashMap<String, Vec<String>>,
    /// Abbreviations whose point ends no sentence ("Dr.", "z. B.", "bzw."), without the point.
    pub abbreviations: Vec<String>,
    /// Naming words that quote a judgement after a verb of saying ("bezeichnete ihn als „…“"):
    /// speech, not a name.
    pub judging: Vec<String>,
}

/// What a cue does with the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    /// The speaker follows ("laut X").
    Before,
    /// The speaker precedes ("X zufolge").
    After,
}

/// What a word is, as bit flags: every word list is looked up with one hash probe.
mod flag {
    pub const PRONOUN: u16 = 1;
    pub const CUE: u16 = 1 << 1;
    pub const ROLE: u16 = 1 << 2;
    pub const TITLE: u16 = 1 << 3;
    pub const DEFINITE: u16 = 1 << 4;
    pub const FUNCTION: u16 = 1 << 5;
    pub const STOP: u16 = 1 << 6;
    pub const REPORTED: u16 = 1 << 7;
    pub const NAMING: u16 = 1 << 8;
    pub const NOUN: u16 = 1 << 9;
    pub const NEVER: u16 = 1 << 10;
    pub const SOURCE: u16 = 1 << 11;
    pub const ABBREVIATION: u16 = 1 << 12;
    pub const JUDGING: u16 = 1 << 13;
}

/// The lists a word is on, read from one lookup ([`Lexicon::kinds`]): the speaker readings test
/// each word against several lists, and words near a quote are read by several of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Kinds(u16);

impl Kinds {
    fn any(self, f: u16) -> bool {
        self.0 & f != 0
    }

    pub(crate) fn pronoun(self) -> bool {
        self.any(flag::PRONOUN)
    }

    pub(crate) fn cue(self) -> bool {
        self.any(flag::CUE)
    }

    pub(crate) fn definite(self) -> bool {
        self.any(flag::DEFINITE)
    }

    /// A function word or a definite article, as [`Lexicon::is_function_word`].
    pub(crate) fn function(self) -> bool {
        self.any(flag::FUNCTION | flag::DEFINITE)
    }

    pub(crate) fn stop(self) -> bool {
        self.any(flag::STOP)
    }

    pub(crate) fn reported(self) -> bool {
        self.any(flag::REPORTED)
    }

    pub(crate) fn never_speaker(self) -> bool {
        self.any(flag::NEVER)
    }

    /// A listed title, as written (see [`Lexicon::is_title`] for a word with its point).
    pub(crate) fn title(self) -> bool {
        self.any(flag::TITLE)
    }

    /// On a list of words that name nobody (see [`Lexicon::is_plain`]).
    fn plain(self) -> bool {
        use flag::*;
        self.any(PRONOUN | CUE | ROLE | TITLE | DEFINITE | FUNCTION | STOP | NEVER)
    }
}

/// A compiled lexicon (one language, or all of them merged).
#[derive(Debug)]
pub struct Lexicon {
    cues: Option<AhoCorasick>,
    cue_kinds: Vec<CueKind>,
    /// Every listed word, lowercased, with what it is ([`flag`]); keyed by bytes so a word
    /// folded on the stack is looked up as it is.
    words: HashMap<Box<[u8]>, u16>,
    /// The shapes ([`shape`]) of the words of reported speech: every word around a short quote
    /// is asked about, few are, and an ASCII word of another shape is answered without a lookup.
    reported_shapes: Box<[u32; 256]>,
    /// The flags of all words together: a list this language leaves empty (English has no
    /// reported-speech words) is answered without a lookup.
    present: u16,
    /// Every role, found in a word by one scan: the word is a role, an inflected role
    /// (Sprechers) or a compound ending in a role of five letters or more (Kreml-Sprecher).
    roles: Option<AhoCorasick>,
    /// Whether each role (by pattern index) may end a compound.
    role_ends_compound: Vec<bool>,
    /// Lowercased inflected determiner → (nominative determiner, adjective ending).
    nominative: HashMap<String, (String, String)>,
    adverb_endings: Vec<String>,
}

impl Lexicon {
    pub fn compile(file: &LexiconFile) -> Self {
        let mut patterns = Vec::new();
        let mut cue_kinds = Vec::new();
        for (list, kind) in [
            (&file.verbs, CueKind::Verb),
            (&file.before_speaker, CueKind::Before),
            (&file.after_speaker, CueKind::After),
        ] {
            for w in list {
                let w = w.trim().to_lowercase();
                if !w.is_empty() {
                    patterns.push(w);
                    cue_kinds.push(kind);
                }
            }
        }
        // Longest match first, so "ha detto" wins over "detto". A DFA: the windows around every
        // quote are searched, and a few hundred cues make a small one.
        let cues = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .ok();
        let mut words: HashMap<Box<[u8]>, u16> = HashMap::default();
        let mut add = |list: &[String], f: u16| {
            for w in list {
                let key = w.trim().to_lowercase().into_bytes().into_boxed_slice();
                *words.entry(key).or_default() |= f;
            }
        };
        add(&patterns, flag::CUE);
        add(&file.pronouns, flag::PRONOUN);
        add(&file.roles, flag::ROLE);
        add(&file.titles, flag::TITLE);
        add(&file.definite, flag::DEFINITE);
        add(&file.function_words, flag::FUNCTION);
        add(&file.stops, flag::STOP);
        add(&file.reported, flag::REPORTED);
        add(&file.naming, flag::NAMING);
        add(&file.nouns, flag::NOUN);
        add(&file.never_speakers, flag::NEVER);
        add(&file.source_cues, flag::SOURCE);
        add(&file.abbreviations, flag::ABBREVIATION);
        add(&file.judging, flag::JUDGING);
        let role_list: Vec<String> = file
            .roles
            .iter()
            .map(|r| r.trim().to_lowercase())
            .filter(|r| !r.is_empty())
            .collect();
        let role_ends_compound = role_list.iter().map(|r| r.chars().count() >= 5).collect();
        let present = words.values().fold(0, |all, f| all | f);
        let mut reported_shapes = Box::new([0u32; 256]);
        for (w, _) in words.iter().filter(|(_, f)| *f & flag::REPORTED != 0) {
            let (entry, bit) = shape(w.first().copied(), w.len());
            reported_shapes[entry] |= bit;
        }
        // A DFA too: it scans capitalised words near every quote.
        let roles = (!role_list.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&role_list)
                    .ok()
            })
            .flatten();
        Lexicon {
            cues,
            cue_kinds,
            words,
            reported_shapes,
            present,
            roles,
            role_ends_compound,
            adverb_endings: file
                .adverb_endings
                .iter()
                .map(|e| e.trim().to_lowercase())
                .filter(|e| !e.is_empty())
                .collect(),
            nominative: file
                .nominative
                .iter()
                .filter_map(|(k, v)| match v.as_slice() {
                    [det, ending] => Some((k.to_lowercase(), (det.clone(), ending.clone()))),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The flags of a word, case folded.
    fn flags(&self, word: &str) -> u16 {
        with_lower(word, |w| self.words.get(w).copied().unwrap_or(0))
    }

    fn has(&self, word: &str, f: u16) -> bool {
        self.present & f != 0 && self.flags(word) & f != 0
    }

    /// Whether the lexicon lists words of reported speech at all.
    pub(crate) fn has_reported_words(&self) -> bool {
        self.present & flag::REPORTED != 0
    }

    /// Every list `word` is on, case folded, from one lookup.
    pub(crate) fn kinds(&self, word: &str) -> Kinds {
        Kinds(self.flags(word))
    }

    /// A word that names nobody: a function word, role, title, stop, pronoun, cue or a word
    /// that never speaks, from the `kinds` of the word (one probe for all the lists) and, for
    /// compounds of a role, one scan of it.
    pub(crate) fn is_plain(&self, word: &str, kinds: Kinds) -> bool {
        kinds.plain() || self.is_role(word)
    }

    /// A lowercased word that is a role or a compound ending in one, as written or with a case
    /// ending (des Sprechers, dem Präsidenten): one scan of the word.
    fn role_word(&self, w: &[u8]) -> bool {
        let Some(ac) = &self.roles else { return false };
        ac.find_overlapping_iter(w).any(|m| {
            let rest = w.get(m.end()..).unwrap_or_default();
            let ending = matches!(rest, b"" | b"s" | b"n" | b"en");
            ending
                && (m.start() == 0
                    || self
                        .role_ends_compound
                        .get(m.pattern().as_usize())
                        .copied()
                        .unwrap_or(false))
        })
    }

    /// A lowercased word (or stem) that is a role or a compound ending in one.
    fn role_stem(&self, w: &str) -> bool {
        self.roles.as_ref().is_some_and(|ac| {
            ac.find_overlapping_iter(w).any(|m| {
                m.end() == w.len()
                    && (m.start() == 0
                        || self
                            .role_ends_compound
                            .get(m.pattern().as_usize())
                            .copied()
                            .unwrap_or(false))
            })
        })
    }

    /// The cues in `text`, whole words only: (start, end, kind), in order.
    pub fn cues(&self, text: &str) -> Vec<(usize, usize, CueKind)> {
        self.cue_iter(text).collect()
    }

    /// The first of [`Lexicon::cues`]: the search stops at it.
    pub(crate) fn first_cue(&self, text: &str) -> Option<(usize, usize, CueKind)> {
        self.cue_iter(text).next()
    }

    fn cue_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, CueKind)> + 't {
        let matches = self.cues.as_ref().map(|ac| ac.find_iter(text));
        matches
            .into_iter()
            .flatten()
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric() || c == '-')
                    && after != Some('-')
                    || after == Some('-') && text[m.end()..].starts_with("-il")
            })
            .filter_map(|m| {
                let kind = *self.cue_kinds.get(m.pattern().as_usize())?;
                Some((m.start(), m.end(), kind))
            })
            .filter(|&(_, e, kind)| kind != CueKind::Before || self.opens_noun_phrase(&text[e..]))
    }

    /// The text starts with a noun phrase: a capitalised word, a quoted name or a determiner
    /// ("laut dem Minister", "so Berg", "laut „Reuters“"), not a verb or an adverb ("so würden
    /// sie", "laut lachen"): "laut" and "so" name a source only before one.
    fn opens_noun_phrase(&self, text: &str) -> bool {
        // "laut." or "laut," ends its phrase: an adverb.
        if !text.starts_with(char::is_whitespace) {
            return false;
        }
        let Some(word) = text.split_whitespace().next() else {
            return false;
        };
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.starts_with(|c: char| c.is_uppercase() || !c.is_alphanumeric())
            || self.is_definite(bare)
            || self.is_function_word(bare) && !self.is_stop(bare)
    }

    /// A cue whose speaker is the document named after it ("heißt es").
    pub fn is_source_cue(&self, cue: &str) -> bool {
        self.has(cue, flag::SOURCE)
    }

    /// A word with the ending of an adverb or adjective ("Tatsächlich", "Derzeit").
    pub fn has_adverb_ending(&self, word: &str) -> bool {
        with_lower(word, |w| {
            self.adverb_endings
                .iter()
                .any(|e| w.len() > e.len() + 2 && w.ends_with(e.as_bytes()))
        })
    }

    pub fn is_pronoun(&self, word: &str) -> bool {
        self.has(word, flag::PRONOUN)
    }

    /// A word that is itself a cue ("said", "sagte").
    pub fn is_cue_word(&self, word: &str) -> bool {
        self.has(word, flag::CUE)
    }

    /// A role word: one of the roles, or a compound ending in one (Kreml-Sprecher).
    pub fn is_role(&self, word: &str) -> bool {
        with_lower(word, |w| self.role_word(w))
    }

    pub fn is_title(&self, word: &str) -> bool {
        self.has(word.trim_end_matches('.'), flag::TITLE)
    }

    pub fn is_definite(&self, word: &str) -> bool {
        self.has(word, flag::DEFINITE)
    }

    pub fn is_function_word(&self, word: &str) -> bool {
        self.has(word, flag::FUNCTION | flag::DEFINITE)
    }

    pub fn is_stop(&self, word: &str) -> bool {
        self.has(word, flag::STOP)
    }

    pub fn is_reported(&self, word: &str) -> bool {
        // ASCII folds to ASCII of the same length: the shape of the folded word is known.
        if word.is_ascii() {
            let first = word.bytes().next().map(|b| b.to_ascii_lowercase());
            let (entry, bit) = shape(first, word.len());
            if self.reported_shapes[entry] & bit == 0 {
                return false;
            }
        }
        self.has(word, flag::REPORTED)
    }

    pub fn is_naming(&self, word: &str) -> bool {
        self.has(word, flag::NAMING)
    }

    pub fn is_noun_of_saying(&self, word: &str) -> bool {
        self.has(word, flag::NOUN)
    }

    /// A naming word that quotes a judgement after a verb of saying ("als").
    pub fn is_judging(&self, word: &str) -> bool {
        self.has(word, flag::JUDGING)
    }

    /// An abbreviation whose point ends no sentence ("Dr", "bzw").
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.has(word, flag::ABBREVIATION)
    }

    /// A word that is never a speaker (a language name).
    pub fn is_never_speaker(&self, word: &str) -> bool {
        self.has(word, flag::NEVER)
    }

    /// The byte length of a role word's base form: the word itself when it is a role, or without
    /// the case ending that makes it one ("Sprechers" → 8, "Präsidenten" → "Präsident").
    pub fn role_base_len(&self, word: &str) -> Option<usize> {
        let w = lower(word);
        let w = w.as_ref();
        let is = |s: &str| self.role_stem(s);
        if is(w) {
            return Some(word.len());
        }
        // Case endings are ASCII, so the cut is the same in the lowercased and the written word.
        ["s", "n", "en"]
            .iter()
            .find(|e| w.strip_suffix(**e).is_some_and(is))
            .map(|e| word.len() - e.len())
    }

    /// A role phrase in the nominative when the lexicon can tell: an inflected determiner (after
    /// words of saying, as in "Kommentaren eines …"), adjectives ending in "-en", and a role noun
    /// with its case ending. Anything else gives `None`: the phrase is kept as written.
    pub fn nominative(&self, phrase: &str) -> Option<String> {
        let ws: Vec<&str> = phrase.split_whitespace().collect();
        let det_at = ws.iter().position(|w| !self.is_noun_of_saying(w))?;
        let (det, ending) = self.nominative.get(lower(ws.get(det_at)?).as_ref())?;
        let (noun, adjectives) = ws.get(det_at + 1..)?.split_last()?;
        let base = self.role_base_len(noun)?;
        let mut out = det.clone();
        for adj in adjectives {
            let stem = adj
                .strip_suffix("en")
                .filter(|_| adj.starts_with(char::is_lowercase))?;
            out.push(' ');
            out.push_str(stem);
            out.push_str(ending);
        }
        out.push(' ');
        out.push_str(noun.get(..base)?);
        Some(out)
    }
}

/// A lowercased word's shape from its first byte and its length (as one bit, longer words
/// sharing the last): the entry and bit of a table of the shapes of listed words.
fn shape(first: Option<u8>, len: usize) -> (usize, u32) {
    (usize::from(first.unwrap_or(0)), 1 << len.min(31))
}

/// A word in lower case, borrowed when it already is (most words are).
fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Runs `f` on `word` in lower case, folded on the stack: no allocation for a word of up to
/// 64 bytes.
fn with_lower<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return f(word.as_bytes());
    }
    let mut buf = [0u8; 64];
    if word.is_ascii() {
        return match buf.get_mut(..word.len()) {
            Some(slot) => {
                slot.copy_from_slice(word.as_bytes());
                slot.make_ascii_lowercase();
                f(slot)
            }
            None => f(word.to_ascii_lowercase().as_bytes()),
        };
    }
    let mut n = 0;
    let mut push = |c: char| match buf.get_mut(n..n + c.len_utf8()) {
        Some(slot) => {
            n += c.encode_utf8(slot).len();
            true
        }
        None => false,
    };
    for c in word.chars() {
        // The letters of the bundled languages (ASCII, Latin-1) fold without the Unicode tables.
        let fits = match latin1_lower(c) {
            Some(lower) => push(lower),
            None => c.to_lowercase().all(&mut push),
        };
        if !fits {
            return f(word.to_lowercase().as_bytes());
        }
    }
    f(buf.get(..n).unwrap_or_default())
}

/// The lower case of an ASCII or Latin-1 character (A-Z and À-Þ fold to a-z and à-þ, the rest
/// up to U+00FF is itself), the letters of the bundled languages, without the Unicode tables.
/// `None` above U+00FF.
fn latin1_lower(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20),
        '\0'..='ÿ' => Some(c),
        _ => None,
    }
}

/// All languages' lexicons, and their union for text whose language is not known.
#[derive(Debug)]
pub struct Lexicons {
    by_lang: HashMap<String, Lexicon>,
    all: Lexicon,
}

fn parse(path: &Path, text: &str) -> Result<LexiconFile, LexiconError> {
    toml::from_str(text).map_err(|e| LexiconError::Invalid {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn merge(into: &mut LexiconFile, from: &LexiconFile) {
    macro_rules! append {
        ($($field:ident),*) => { $( into.$field.extend(from.$field.iter().cloned()); )* };
    }
    append!(
        verbs,
        before_speaker,
        after_speaker,
        nouns,
        pronouns,
        roles,
        titles,
        definite,
        function_words,
        stops,
        reported,
        naming,
        never_speakers,
        adverb_endings,
        source_cues,
        abbreviations,
        judging
    );
    into.nominative
        .extend(from.nominative.iter().map(|(k, v)| (k.clone(), v.clone())));
}

impl Lexicons {
    /// The bundled lexicons, with `<dir>/lexicons/*.toml` read over them when `dir` is given: a
    /// file named like a bundled language replaces it, a new name adds a language.
    pub fn load(dir: Option<&Path>) -> Result<Self, LexiconError> {
        let mut files: Vec<(String, LexiconFile)> = Vec::new();
        for (lang, text) in BUNDLED {
            let path = PathBuf::from(format!("assets/lexicons/{lang}.toml"));
            files.push((lang.to_string(), parse(&path, text)?));
        }
        if let Some(dir) = dir {
            let folder = dir.join("lexicons");
            if folder.is_dir() {
                let entries = std::fs::read_dir(&folder).map_err(|source| LexiconError::Io {
                    path: folder.clone(),
                    source,
                })?;
                let mut paths: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                paths.sort();
                for path in paths {
                    let text =
                        std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                            path: path.clone(),
                            source,
                        })?;
                    let file = parse(&path, &text)?;
                    let lang = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().to_lowercase())
                        .unwrap_or_default();
                    files.retain(|(l, _)| *l != lang);
                    files.push((lang, file));
                }
            }
        }
        Ok(Self::from_files(files))
    }

    fn from_files(files: Vec<(String, LexiconFile)>) -> Self {
        let mut union = LexiconFile::default();
        for (_, f) in &files {
            merge(&mut union, f);
        }
        Lexicons {
            by_lang: files
                .into_iter()
                .map(|(l, f)| (l, Lexicon::compile(&f)))
                .collect(),
            all: Lexicon::compile(&union),
        }
    }

    /// The lexicon for a language code, or the union of all when it is unknown.
    pub fn for_lang(&self, lang: Option<&str>) -> &Lexicon {
        lang.and_then(|l| self.by_lang.get(&l.to_lowercase()))
            .unwrap_or(&self.all)
    }

    /// The languages that have a lexicon.
    pub fn languages(&self) -> Vec<&str> {
        let mut langs: Vec<&str> = self.by_lang.keys().map(String::as_str).collect();
        langs.sort();
        langs
    }
}

/// The bundled lexicons, compiled once.
pub static DEFAULT: LazyLock<Lexicons> = LazyLock::new(|| {
    let files = BUNDLED
        .iter()
        .map(|(lang, text)| {
            // The bundled files are tested to parse; a broken one degrades to an empty list.
            (lang.to_string(), toml::from_str(text).unwrap_or_default())
        })
        .collect();
    Lexicons::from_files(files)
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_lower_is_the_unicode_lower_case() {
        for c in (0..=0x17F).filter_map(char::from_u32) {
            let expected: Vec<char> = c.to_lowercase().collect();
            match latin1_lower(c) {
                Some(l) => assert_eq!(vec![l], expected, "{c:?}"),
                None => assert!(c as u32 > 0xFF, "{c:?}"),
            }
        }
    }
}
