//! The story index: which articles are linked, and the stories they form.
//!
//! Each article's features become keys (a name's skeleton, a number, a URL, ...). An inverted
//! index from key to articles finds the candidates that share a key: never all pairs, and a key
//! shared by very many articles ("Putin", a year) is too weak to look through at all. Candidates
//! are scored by the keys they share, each weighted by its inverse document frequency in the
//! library itself, and by how close in time the two articles are. A link needs two independent
//! shared keys (in a short article, a rare name counts for more than one), or one shared URL,
//! post id or copied sentence. Linked articles form a story (union-find), and stories grow as
//! articles arrive: adding one never reclusters the rest.

use super::features::Features;
use super::fold::{self, skeleton};
use super::keys::{Keys, Kind, key_hash};
use super::postings::Postings;
use crate::article::{ArticleId, Published};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The knobs of linking. The defaults are tuned on the development data; they are rules about
/// evidence and time, not about any name.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Weight of a multi-word name on top of its words.
    pub phrase_weight: f32,
    pub number_weight: f32,
    pub date_weight: f32,
    pub handle_weight: f32,
    /// Documents assumed besides the library when weighting, so a small library does not make
    /// every word look rare.
    pub prior_docs: f32,
    /// The same, for the articles of one language: a word common in one language's articles
    /// (a month, a verb, in a script without case every word may look like a name) is weak
    /// evidence however rare it is in the whole library.
    pub prior_lang_docs: f32,
    /// A key weaker than this (relative inverse document frequency, 0-1) is too common to find
    /// candidates through or to count as evidence.
    pub min_weight: f32,
    /// The score a link needs.
    pub threshold: f32,
    /// Days after which the time prior halves a score.
    pub half_days: f32,
    /// Factor for a pair where a date is unknown.
    pub undated: f32,
    /// Strong keys (URL, post, copy) link only this close in time, in days.
    pub strong_days: i64,
    /// The most recent articles looked at per key. 32 scores as 64 did on the multilingual dev
    /// set (B-cubed 69.24) and better on the generated 100k (88.80 against 87.81: a common key's
    /// older articles are mostly other stories), in less time.
    pub scan: usize,
    /// The score a story needs from all its articles together, to link through its best one.
    pub story_threshold: f32,
    /// One more independent shared key is needed per this many keys of the new article.
    pub keys_per_evidence: usize,
    /// How many times the threshold a link into a second story needs.
    pub bridge: f32,
    /// A name at least this rare (relative inverse document frequency) counts more in a short
    /// article (no more keys than `keys_per_evidence`): a surname or a village few other articles
    /// name, with any other shared key (its first name, a number), is enough; and a full name
    /// that rare counts as its own evidence, not as its words again.
    pub rare: f32,
    /// A name's skeleton is also keyed by its first this many consonants (0: not), so that an
    /// inflected or derived form (Krymskogo, Crimean) meets the base name (Krym, Crimea); a
    /// name counts once however many of its keys two articles share.
    pub stem: usize,
    pub stem_weight: f32,
    /// How much of the threshold the keys a new article shares with two stories must reach
    /// together for it to join them (0: any bridge strong enough joins).
    pub agree: f32,
    pub by_story: bool,
    pub support: f32,
    /// Beyond this many articles, a key weighs by the share of articles that have it, not by its
    /// count against the library's size (0: always against the size): a name in one article of
    /// a hundred is as telling in a library of 100k as in one of 10k.
    pub weight_docs: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            phrase_weight: 0.5,
            number_weight: 1.0,
            date_weight: 0.5,
            handle_weight: 1.0,
            prior_docs: 1000.0,
            prior_lang_docs: 15.0,
            min_weight: 0.3,
            threshold: 1.0,
            half_days: 10.0,
            undated: 0.6,
            strong_days: 60,
            scan: 32,
            bridge: 1.5,
            keys_per_evidence: 20,
            story_threshold: 8.0,
            rare: 0.7,
            stem: 3,
            stem_weight: 0.5,
            agree: 0.5,
            by_story: true,
            support: 0.5,
            weight_docs: 6000.0,
        }
    }
}

/// A story's id: the id of its earliest-added article, so it stays put as the story grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StoryId(pub ArticleId);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An article linked to another, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedArticle {
    pub id: ArticleId,
    pub score: f32,
    /// The shared features, as the text wrote them (`putin`, `47000`, `@elonmusk`).
    pub shared: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Doc {
    id: ArticleId,
    lang: u16,
    /// Sorted, unique key ids.
    keys: Vec<u32>,
}

/// One key of an article as evidence, and the feature it stands for: keys of one group count once
/// for a candidate.
#[derive(Debug, Clone, Copy)]
struct Evidence {
    key: u32,
    group: u32,
}

/// A link as kept, on both its articles: what they share is found again from their keys when
/// asked ([`StoryIndex::links_of`]), as keeping it would double the index's size.
#[derive(Serialize, Deserialize)]
struct Link {
    doc: u32,
    score: f32,
    /// Made by a shared URL, post or copied sentence.
    strong: bool,
}

/// A link of a new article while it is added, with the keys that made it.
struct Found {
    link: Link,
    shared: Vec<u32>,
}

/// Evidence for candidates (articles, or stories by their root) while one article is added;
/// reset by generation, not by clearing. One [`Mark`] per candidate, side by side, so that
/// counting a key for a candidate touches one cache line, not one per field: at 100k articles
/// the marks no longer fit in the cache and each touch is a miss.
#[derive(Default)]
struct Tally {
    marks: Vec<Mark>,
    generation: u32,
    touched: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Mark {
    /// The generation this mark was last reset in.
    stamp: u32,
    /// The last key (by serial) counted for the candidate, so a key counts once per candidate.
    last_key: u32,
    score: f32,
    /// Independent evidence, in halves (a Han pair counts one half, a name two).
    count: u16,
    /// Shared multi-word names, in halves: their words are one piece of evidence, not two.
    phrases: u16,
    strong: bool,
}

impl Mark {
    const FRESH: Mark = Mark {
        stamp: 0,
        last_key: u32::MAX,
        score: 0.0,
        count: 0,
        phrases: 0,
        strong: false,
    };
}

impl Tally {
    fn start(&mut self, n: usize) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.marks.iter_mut().for_each(|m| m.stamp = 0);
            self.generation = 1;
        }
        self.marks.resize(n, Mark::FRESH);
        self.touched.clear();
    }

    /// Adds one key's evidence to candidate `c`; false when this key was already counted.
    fn add(&mut self, c: u32, serial: u32, kind: Kind, contribution: f32, rare: bool) -> bool {
        let Some(mark) = self.marks.get_mut(c as usize) else {
            return false;
        };
        if mark.stamp != self.generation {
            *mark = Mark {
                stamp: self.generation,
                ..Mark::FRESH
            };
            self.touched.push(c);
        }
        if mark.last_key == serial {
            return false;
        }
        mark.last_key = serial;
        mark.score += contribution;
        match kind {
            // More than one key, less than two: with any other shared key it is enough.
            _ if rare => mark.count += 3,
            Kind::Phrase => mark.phrases += 2,
            Kind::Han | Kind::Stem => mark.count += 1,
            _ if kind.strong() => mark.strong = true,
            _ => mark.count += 2,
        }
        true
    }

    /// (score, enough independent evidence, strong); `needed` in halves.
    fn evidence(&self, c: u32, needed: u16) -> (f32, bool, bool) {
        let mark = self.marks.get(c as usize).copied().unwrap_or(Mark::FRESH);
        let independent = mark.count.saturating_sub(mark.phrases);
        (mark.score, independent >= needed, mark.strong)
    }
}

/// [`StoryIndex::days`] of an article without a day (or one past `i32`, which no date is).
const NO_DAY: i32 = i32::MIN;

/// Serialisable as a whole (scratch space aside), so that the store keeps the links and a restart
/// does not compute them again ([`super::persist::save_index`]).
#[derive(Serialize, Deserialize)]
pub struct StoryIndex {
    params: Params,
    keys: Keys,
    /// Per key, the articles that have it; their number is the key's document frequency.
    postings: Postings,
    docs: Vec<Doc>,
    /// Each article's day since the epoch (`NO_DAY` for none), side by side: read for every
    /// candidate, it must not cost a cache miss into the larger `docs`.
    days: Vec<i32>,
    /// Languages by number (0: unknown), with how many articles each has.
    langs: HashMap<Box<str>, u16>,
    lang_names: Vec<Box<str>>,
    lang_docs: Vec<u32>,
    /// Document frequency of a key among one language's articles, for keys of more than one
    /// article (a key of one is in its article's language only: see [`Self::lang_df`]).
    lang_df: HashMap<(u32, u16), u32>,
    by_id: HashMap<ArticleId, u32>,
    links: Vec<Vec<Link>>,
    parent: Vec<u32>,
    /// For a root: its story's earliest article.
    first: Vec<u32>,
    size: Vec<u32>,
    #[serde(skip)]
    docs_tally: Tally,
    #[serde(skip)]
    stories_tally: Tally,
}

impl Default for StoryIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl StoryIndex {
    pub fn new() -> Self {
        Self::with_params(Params::default())
    }

    pub fn with_params(params: Params) -> Self {
        StoryIndex {
            params,
            keys: Keys::default(),
            postings: Postings::default(),
            docs: Vec::new(),
            days: Vec::new(),
            langs: HashMap::new(),
            lang_names: vec!["".into()],
            lang_docs: vec![0],
            lang_df: HashMap::new(),
            by_id: HashMap::new(),
            links: Vec::new(),
            parent: Vec::new(),
            first: Vec::new(),
            size: Vec::new(),
            docs_tally: Tally::default(),
            stories_tally: Tally::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the article is in the index.
    pub fn contains(&self, id: ArticleId) -> bool {
        self.by_id.contains_key(&id)
    }

    /// The knobs it links with.
    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn intern(&mut self, kind: Kind, hash: u64, label: &str) -> u32 {
        let (k, new) = self.keys.intern(kind, hash, label);
        if new {
            self.postings.add_key();
        }
        k
    }

    /// How many articles of language `lang` have key `k`.
    fn lang_df(&self, k: u32, lang: u16) -> u32 {
        match self.postings.of(k) {
            [] => 0,
            &[only] => u32::from(self.docs[only as usize].lang == lang),
            _ => self.lang_df.get(&(k, lang)).copied().unwrap_or(0),
        }
    }

    /// The article's keys, sorted and unique, and the same keys as evidence: in groups of one
    /// feature each (a name's skeleton, then its stem), longest first, a key in the first group
    /// that has it.
    fn keys_of(&mut self, f: &Features) -> (Vec<u32>, Vec<Evidence>) {
        // (kind, key's hash, label, whether the key ends its group)
        let mut found: Vec<(Kind, u64, &str, bool)> = Vec::new();
        let stem = self.params.stem;
        let one = |space: u8, text: &[u8]| key_hash(space, [text]);
        fn name<'f>(found: &mut Vec<(Kind, u64, &'f str, bool)>, label: &'f str, stem: usize) {
            let key = skeleton(label);
            if key.len() < 2 {
                return;
            }
            // A stem lives among the names: a name that is only consonants meets it.
            let short = (stem > 0).then(|| fold::stem(&key, stem)).flatten();
            let short = short.map(|s| key_hash(b'n', [s.as_bytes()]));
            let alone = short.is_none();
            found.push((Kind::Name, key_hash(b'n', [key.as_bytes()]), label, alone));
            if let Some(short) = short {
                found.push((Kind::Stem, short, label, true));
            }
        }
        for word in &f.names {
            if word.is_ascii() {
                name(&mut found, word, stem);
            } else {
                found.push((Kind::Han, one(b'n', word.as_bytes()), word, true));
            }
        }
        for word in &f.script_names {
            name(&mut found, word, stem);
        }
        for phrase in &f.phrases {
            let words: Vec<String> = phrase.split(' ').map(skeleton).collect();
            let hash = key_hash(b'p', words.iter().map(|w| w.as_bytes()));
            found.push((Kind::Phrase, hash, phrase, true));
        }
        for h in &f.handles {
            found.push((Kind::Handle, one(b'h', h.as_bytes()), h, true));
        }
        for n in &f.numbers {
            found.push((Kind::Number, one(b'#', n.as_bytes()), n, true));
        }
        for d in &f.dates {
            found.push((Kind::Date, one(b'd', d.as_bytes()), d, true));
        }
        for u in f.urls.iter().chain(&f.url) {
            found.push((Kind::Url, one(b'u', u.as_bytes()), u, true));
        }
        for p in &f.posts {
            found.push((Kind::Post, one(b'i', p.as_bytes()), p, true));
        }
        for c in &f.copies {
            found.push((Kind::Copy, one(b'c', &c.to_le_bytes()), "", true));
        }
        let mut evidence: Vec<Evidence> = Vec::with_capacity(found.len());
        let mut group = 0u32;
        for (kind, key, label, last) in found {
            let key = self.intern(kind, key, label);
            if !evidence.iter().any(|e| e.key == key) {
                evidence.push(Evidence { key, group });
            }
            if last {
                group += 1;
            }
        }
        let mut keys: Vec<u32> = evidence.iter().map(|e| e.key).collect();
        keys.sort_unstable();
        (keys, evidence)
    }

    /// Relative inverse document frequency of a key: near 1 for a key no other article has,
    /// near 0 for one every article has.
    fn weight(&self, key: u32, lang: u16) -> f32 {
        let cap = self.params.weight_docs;
        let relative = |n: f32, df: f32| {
            let scale = if cap > 0.0 { n.min(cap) } else { n };
            ((n / (df + 1.0)).ln() / scale.ln()).clamp(0.0, 1.0)
        };
        let global = relative(
            self.docs.len() as f32 + self.params.prior_docs,
            self.postings.count(key) as f32,
        );
        if lang == 0 {
            return global;
        }
        let local = relative(
            self.lang_docs[lang as usize] as f32 + self.params.prior_lang_docs,
            self.lang_df(key, lang) as f32,
        );
        global.min(local)
    }

    fn lang_number(&mut self, lang: Option<&str>) -> u16 {
        let Some(lang) = lang.filter(|l| !l.is_empty()) else {
            return 0;
        };
        if let Some(&l) = self.langs.get(lang) {
            return l;
        }
        let l = u16::try_from(self.lang_names.len()).unwrap_or(0);
        if l != 0 {
            self.langs.insert(lang.into(), l);
            self.lang_names.push(lang.into());
            self.lang_docs.push(0);
        }
        l
    }

    fn kind_weight(&self, kind: Kind) -> f32 {
        match kind {
            Kind::Name | Kind::Url | Kind::Post | Kind::Copy => 1.0,
            Kind::Han => 0.5,
            Kind::Stem => self.params.stem_weight,
            Kind::Phrase => self.params.phrase_weight,
            Kind::Handle => self.params.handle_weight,
            Kind::Number => self.params.number_weight,
            Kind::Date => self.params.date_weight,
        }
    }

    fn time_factor(&self, a: Option<i64>, b: Option<i64>) -> (f32, Option<i64>) {
        match (a, b) {
            (Some(a), Some(b)) => {
                let days = (a - b).abs();
                (
                    1.0 / (1.0 + days as f32 / self.params.half_days),
                    Some(days),
                )
            }
            _ => (self.params.undated, None),
        }
    }

    /// Adds an article and links it to those already in. Adding an id again is ignored.
    pub fn add(
        &mut self,
        id: ArticleId,
        features: &Features,
        published: Option<Published>,
        lang: Option<&str>,
    ) {
        if self.by_id.contains_key(&id) {
            return;
        }
        let (keys, evidence) = self.keys_of(features);
        let d = self.docs.len() as u32;
        let day = published.map(|p| p.days_since_epoch());
        let lang = self.lang_number(lang);
        let mut found = self.candidates(&evidence, day, lang);
        // Copies of one text (a roundup republished, a wire story syndicated) are one voice: they
        // count once when links into a story are summed or counted. `found` is strongest first,
        // so the voice kept is a text's strongest link.
        let mut heard: HashSet<(u32, u32)> = HashSet::new();
        let voices: Vec<(u32, bool)> = found
            .iter()
            .map(|f| {
                let story = self.find(f.link.doc);
                (story, heard.insert((story, self.text_of(f.link.doc))))
            })
            .collect();
        if self.params.by_story {
            // The story the article joins first is the one its links agree on most: the sum of
            // its links' scores into each story, not one link's alone.
            let mut sums: HashMap<u32, f32> = HashMap::new();
            for (f, &(story, voice)) in found.iter().zip(&voices) {
                if voice {
                    *sums.entry(story).or_default() += f.link.score;
                }
            }
            let sum_of = |this: &Self, f: &Found| sums[&this.find(f.link.doc)];
            found.sort_by(|a, b| {
                sum_of(self, b)
                    .total_cmp(&sum_of(self, a))
                    .then(b.link.score.total_cmp(&a.link.score))
            });
        }
        let short =
            evidence.last().map_or(0, |e| e.group as usize + 1) <= self.params.keys_per_evidence;
        self.docs.push(Doc { id, lang, keys });
        self.days
            .push(day.and_then(|d| i32::try_from(d).ok()).unwrap_or(NO_DAY));
        self.by_id.insert(id, d);
        self.links.push(Vec::new());
        self.parent.push(d);
        self.first.push(d);
        self.size.push(1);
        // The best link joins the new article to its story; a link into yet another story must be
        // stronger, or one article that mentions two stories would chain them.
        // How many of the article's links go into each story.
        let mut links_into: HashMap<u32, u32> = HashMap::new();
        for &(story, voice) in &voices {
            if voice {
                *links_into.entry(story).or_default() += 1;
            }
        }
        let mut joined = false;
        // The keys the new article shares with the stories it joined.
        let mut joined_keys: Vec<u32> = Vec::new();
        for Found { link, shared } in found {
            let c = link.doc;
            let bridge = joined && self.root(c) != self.root(d);
            // (A bridge compares with the base threshold: scores of long articles are larger.)
            // A short article's scores are small: agreeing keys are what it takes to bridge.
            let join = !bridge
                || link.strong
                || ((short || link.score >= self.params.bridge * self.params.threshold)
                    && self.supported(c, &links_into)
                    && self.agree(&joined_keys, &shared, lang));
            if join {
                self.union(d, c);
                joined = true;
                // A copy shares everything with its twin, so its keys would agree with any story
                // the twin names: a republished roundup would chain what the original did not.
                // What a copy brings to a story is its twin's, which was weighed already.
                let copy = shared.iter().any(|&k| self.keys.kind(k) == Kind::Copy);
                if !copy {
                    joined_keys.extend(&shared);
                    joined_keys.sort_unstable();
                    joined_keys.dedup();
                }
            }
            self.links[c as usize].push(Link {
                doc: d,
                score: link.score,
                strong: link.strong,
            });
            self.links[d as usize].push(link);
        }
        let doc = &self.docs[d as usize];
        for &k in &doc.keys {
            // A key's second article gives it per-language counts; its first one's too.
            if let &[first] = self.postings.of(k) {
                let first = self.docs[first as usize].lang;
                if first != 0 {
                    self.lang_df.insert((k, first), 1);
                }
            }
            self.postings.push(k, d);
            if doc.lang != 0 && self.postings.count(k) > 1 {
                *self.lang_df.entry((k, doc.lang)).or_default() += 1;
            }
        }
        self.lang_docs[doc.lang as usize] += 1;
    }

    /// What tells the text of article `d` from others': the first-interned of its sentence
    /// fingerprints (two copies of one text have the same ones), or the article itself when it
    /// keeps none.
    fn text_of(&self, d: u32) -> u32 {
        self.docs[d as usize]
            .keys
            .iter()
            .copied()
            .find(|&k| self.keys.kind(k) == Kind::Copy)
            .unwrap_or(u32::MAX - d)
    }

    /// Whether a new article links to enough of the story of `c` to join it to another: the
    /// larger the story, the more of its articles (`support` times the square root of its size),
    /// so that one article linked by chance to one member of a large story does not merge it.
    fn supported(&mut self, c: u32, links_into: &HashMap<u32, u32>) -> bool {
        let root = self.root(c);
        let size = self.size[root as usize] as f32;
        let needed = (self.params.support * size.sqrt()).ceil().max(1.0) as u32;
        links_into.get(&root).copied().unwrap_or(0) >= needed
    }

    /// Whether two stories a new article links to agree on what it shares with them: the keys
    /// shared with both are evidence enough by themselves (`agree` times the threshold, two
    /// independent keys). An article that names two events (a roundup of the week's prizes,
    /// two people a deal swapped) shares one key set with each, and must not chain them; one that
    /// says in two scripts what each story says in one still joins them.
    fn agree(&self, joined: &[u32], shared: &[u32], lang: u16) -> bool {
        if self.params.agree <= 0.0 {
            return true;
        }
        let both = self::shared(joined, shared);
        let mut score = 0.0;
        let mut halves = 0u16;
        for &k in &both {
            let kind = self.keys.kind(k);
            if kind.strong() {
                return true;
            }
            score += self.weight(k, lang) * self.kind_weight(kind);
            halves += match kind {
                Kind::Han | Kind::Stem => 1,
                Kind::Phrase => 0,
                _ => 2,
            };
        }
        halves >= 4 && score >= self.params.agree * self.params.threshold
    }

    /// The earlier articles a new one (with these keys, in groups, and day) links to.
    fn candidates(&mut self, keys: &[Evidence], day: Option<i64>, lang: u16) -> Vec<Found> {
        let n = self.docs.len();
        self.docs_tally.start(n);
        self.stories_tally.start(n);
        // The keys that are evidence: rare enough, or strong.
        let mut evidence: Vec<u32> = Vec::with_capacity(keys.len());
        // How many features the article has: a name's stem is not one more.
        let features = keys.last().map_or(0, |e| e.group as usize + 1);
        // A rare name alone is telling in a short text (a headline, a summary); a long one shares
        // some rare word with another by chance.
        let short = features <= self.params.keys_per_evidence;
        // The postings looked through for one key, copied out so the union-find can be updated.
        let mut window: Vec<u32> = Vec::with_capacity(self.params.scan);
        for &Evidence {
            key: k,
            group: serial,
        } in keys
        {
            let kind = self.keys.kind(k);
            if kind == Kind::Stem && !short {
                // A long article names its subject in more than one form: stems would only add
                // chance matches.
                continue;
            }
            let w = self.weight(k, lang);
            if w < self.params.min_weight && !kind.strong() {
                continue;
            }
            evidence.push(k);
            let rare = short && matches!(kind, Kind::Name | Kind::Phrase) && w >= self.params.rare;
            let contribution = w * self.kind_weight(kind) * if rare { 2.0 } else { 1.0 };
            let posting = self.postings.of(k);
            let from = posting.len().saturating_sub(self.params.scan);
            // Most recent first: the member of a story that counts a key is the latest one.
            window.clear();
            window.extend(posting[from..].iter().rev());
            for &c in &window {
                let then = self.days.get(c as usize).copied().unwrap_or(NO_DAY);
                let (factor, _) =
                    self.time_factor(day, (then != NO_DAY).then_some(i64::from(then)));
                self.docs_tally
                    .add(c, serial, kind, contribution * factor, rare);
                // Halving the path on the way keeps a large story's tree flat.
                let story = self.root(c);
                self.stories_tally
                    .add(story, serial, kind, contribution * factor, rare);
            }
        }
        evidence.sort_unstable();
        let passes = |(score, enough, strong): (f32, bool, bool), threshold: f32| {
            strong || (enough && score >= threshold)
        };
        // The more keys an article has, the more it shares with any other by chance: a long
        // article needs more evidence than a headline.
        let per = self.params.keys_per_evidence.max(1);
        let needed = 4 + 2 * (features / per) as u16;
        let threshold = self.params.threshold * (features as f32 / per as f32).sqrt().max(1.0);
        // Article links, and per story its best-scoring article.
        let mut found = Vec::new();
        let mut best: HashMap<u32, (f32, u32)> = HashMap::new();
        for &c in &self.docs_tally.touched {
            let (score, enough, strong) = self.docs_tally.evidence(c, needed);
            let then = self.days[c as usize];
            let days = match day {
                Some(a) if then != NO_DAY => Some((a - i64::from(then)).abs()),
                _ => None,
            };
            let strong = strong && days.is_none_or(|d| d <= self.params.strong_days);
            let story = self.find(c);
            let entry = best.entry(story).or_insert((f32::MIN, c));
            if score > entry.0 {
                *entry = (score, c);
            }
            if passes((score, enough, strong), threshold) {
                found.push(Found {
                    link: Link {
                        doc: c,
                        score,
                        strong,
                    },
                    shared: shared(&evidence, &self.docs[c as usize].keys),
                });
            }
        }
        // A story with enough evidence in all its articles together links through its best one.
        for &story in &self.stories_tally.touched {
            let tally = self.stories_tally.evidence(story, needed);
            if !passes(
                tally,
                self.params.story_threshold * threshold / self.params.threshold,
            ) {
                continue;
            }
            let Some(&(_, c)) = best.get(&story) else {
                continue;
            };
            if let Some(f) = found.iter_mut().find(|f| f.link.doc == c) {
                f.link.score = f.link.score.max(tally.0);
            } else {
                found.push(Found {
                    link: Link {
                        doc: c,
                        score: tally.0,
                        strong: tally.2,
                    },
                    shared: shared(&evidence, &self.docs[c as usize].keys),
                });
            }
        }
        found.sort_by(|a, b| b.link.score.total_cmp(&a.link.score));
        found
    }

    fn root(&mut self, mut d: u32) -> u32 {
        while self.parent[d as usize] != d {
            let up = self.parent[self.parent[d as usize] as usize];
            self.parent[d as usize] = up;
            d = up;
        }
        d
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
        self.first[big as usize] = self.first[big as usize].min(self.first[small as usize]);
    }

    /// The articles linked to this one, strongest first.
    pub fn links_of(&self, id: ArticleId) -> Vec<LinkedArticle> {
        let Some(&d) = self.by_id.get(&id) else {
            return Vec::new();
        };
        let mut out: Vec<LinkedArticle> = self.links[d as usize]
            .iter()
            .map(|l| LinkedArticle {
                id: self.docs[l.doc as usize].id,
                score: l.score,
                shared: self.shared_labels(d, l.doc),
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// What two articles share that counts as evidence today (a key rare enough, or a strong
    /// one), as the text wrote it, each once: the most telling first (a shared URL or copied
    /// sentence, then the rarest names), so a cut-off list still says why.
    fn shared_labels(&self, a: u32, b: u32) -> Vec<String> {
        let lang = self.docs[a as usize].lang;
        let mut keys: Vec<(f32, u32)> = Vec::new();
        for k in shared(&self.docs[a as usize].keys, &self.docs[b as usize].keys) {
            let kind = self.keys.kind(k);
            if kind == Kind::Stem {
                // Its label is whichever name first had that stem: the names say it better.
                continue;
            }
            let w = self.weight(k, lang);
            if kind.strong() {
                keys.push((f32::INFINITY, k));
            } else if w >= self.params.min_weight {
                keys.push((w * self.kind_weight(kind), k));
            }
        }
        // Stable: among equals, the order the keys were first met.
        keys.sort_by(|x, y| y.0.total_cmp(&x.0));
        let mut out: Vec<String> = Vec::new();
        for (_, k) in keys {
            let label = self.keys.label(k);
            if !out.iter().any(|l| l == label) {
                out.push(label.to_string());
            }
        }
        out
    }

    fn find(&self, mut d: u32) -> u32 {
        while self.parent[d as usize] != d {
            d = self.parent[d as usize];
        }
        d
    }

    /// The story an article belongs to; None for an article not in the index.
    pub fn story_of(&self, id: ArticleId) -> Option<StoryId> {
        let &d = self.by_id.get(&id)?;
        let root = self.find(d);
        Some(StoryId(self.docs[self.first[root as usize] as usize].id))
    }

    /// Every story with its articles in the order they were added, singletons included; stories
    /// in the order of their first article.
    pub fn stories(&self) -> Vec<(StoryId, Vec<ArticleId>)> {
        let mut slot: HashMap<u32, usize> = HashMap::new();
        let mut out: Vec<(StoryId, Vec<ArticleId>)> = Vec::new();
        for d in 0..self.docs.len() as u32 {
            let root = self.find(d);
            let i = *slot.entry(root).or_insert_with(|| {
                let first = self.docs[self.first[root as usize] as usize].id;
                out.push((StoryId(first), Vec::new()));
                out.len() - 1
            });
            out[i].1.push(self.docs[d as usize].id);
        }
        out
    }

    /// The language an article was added with.
    pub fn lang_of(&self, id: ArticleId) -> Option<&str> {
        let &d = self.by_id.get(&id)?;
        let lang = self.docs[d as usize].lang;
        (lang != 0).then(|| &*self.lang_names[lang as usize])
    }
}

/// The keys two sorted key lists share.
fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}
