//! Linked stories, as a reader meets them: the same event in several languages is one story,
//! articles that merely share a city or a surname are not, and bad input never breaks linking.

use std::path::Path;
use tidings::article::{ArticleId, Published};
use tidings::stories::{Features, Params, StoryIndex};

fn day(d: u8) -> Option<Published> {
    Some(Published {
        year: 2024,
        month: 5,
        day: Some(d),
        time: None,
    })
}

fn add(index: &mut StoryIndex, key: &str, text: &str, d: u8, lang: &str) -> ArticleId {
    let id = ArticleId::from_key(key);
    index.add(id, &Features::of_text(text), day(d), Some(lang));
    id
}

/// One event (a mayor resigns after a bridge collapse) in five languages, and distractors.
fn library() -> (StoryIndex, Vec<ArticleId>, Vec<ArticleId>) {
    let mut index = StoryIndex::new();
    let event = vec![
        add(
            &mut index,
            "en",
            "Brellund mayor Marta Oyelaran resigns after the Kessing bridge collapse that killed 14 people.",
            3,
            "en",
        ),
        add(
            &mut index,
            "de",
            "Nach dem Einsturz der Kessing-Brücke mit 14 Toten tritt Brellunds Bürgermeisterin Marta Oyelaran zurück.",
            3,
            "de",
        ),
        add(
            &mut index,
            "fr",
            "La maire de Brellund, Marta Oyelaran, démissionne après l'effondrement du pont Kessing qui a fait 14 morts.",
            4,
            "fr",
        ),
        add(
            &mut index,
            "it",
            "Si dimette Marta Oyelaran, sindaca di Brellund, dopo il crollo del ponte Kessing: 14 vittime.",
            4,
            "it",
        ),
        add(
            &mut index,
            "es",
            "Dimite Marta Oyelaran, alcaldesa de Brellund, tras el derrumbe del puente Kessing con 14 muertos.",
            5,
            "es",
        ),
    ];
    let distractors = vec![
        // Same city, another event.
        add(
            &mut index,
            "city",
            "Brellund opens its summer festival with a concert by the Halvik orchestra.",
            6,
            "en",
        ),
        // Same surname, another person and event.
        add(
            &mut index,
            "surname",
            "Tomas Oyelaran scores twice as Dorrveld win the cup final against Saltmere.",
            6,
            "en",
        ),
        // Another event the same week, another language.
        add(
            &mut index,
            "other",
            "In Varnhoff streiken die Busfahrer, die Gewerkschaft Verdana fordert 9 Prozent mehr Lohn.",
            4,
            "de",
        ),
    ];
    (index, event, distractors)
}

#[test]
fn the_same_event_in_five_languages_is_one_story() {
    let (index, event, _) = library();
    let story = index.story_of(event[0]);
    assert!(story.is_some());
    for id in &event {
        assert_eq!(index.story_of(*id), story, "{id} is not in the story");
    }
    // The German report links to the English one, and says why.
    let links = index.links_of(event[1]);
    assert!(!links.is_empty());
    assert!(
        links
            .iter()
            .any(|l| l.shared.iter().any(|s| s.contains("oyelaran"))),
        "{links:?}"
    );
}

#[test]
fn a_shared_city_or_surname_is_not_a_story() {
    let (index, event, distractors) = library();
    let story = index.story_of(event[0]);
    for id in &distractors {
        assert_ne!(index.story_of(*id), story, "{id} joined the event's story");
    }
    let stories = index.stories();
    assert_eq!(stories.len(), 1 + distractors.len(), "{stories:?}");
}

#[test]
fn a_cited_url_links_and_a_shared_post_links() {
    let mut index = StoryIndex::new();
    let mut cited = Features::of_text("Ein Bericht.");
    cited.url = Some("example.org/news/42-bridge".into());
    let a = ArticleId::from_key("cited");
    index.add(a, &cited, day(3), Some("de"));
    let b = add(
        &mut index,
        "citing",
        "As reported at https://www.example.org/news/42-bridge/ today.",
        4,
        "en",
    );
    assert_eq!(index.story_of(a), index.story_of(b));
    let c = add(
        &mut index,
        "p1",
        "Er schrieb: https://twitter.com/someone/status/1790000000000000001",
        5,
        "de",
    );
    let d = add(
        &mut index,
        "p2",
        "Il post: https://x.com/someone/status/1790000000000000001",
        5,
        "it",
    );
    assert_eq!(index.story_of(c), index.story_of(d));
    assert_ne!(index.story_of(a), index.story_of(c));
}

#[test]
fn the_two_seed_articles_are_one_story() {
    // The seeds live beside the repository; TIDINGS_SEEDS points elsewhere for a checkout that
    // has them in another place.
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let seeds = std::env::var("TIDINGS_SEEDS").unwrap_or_else(|_| default.to_string());
    let seeds = Path::new(&seeds);
    if !seeds.is_dir() {
        eprintln!(
            "skipped: no seed articles at {} (set TIDINGS_SEEDS)",
            seeds.display()
        );
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(seeds)
        .expect("the seed articles beside the repository")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2);
    let mut index = StoryIndex::new();
    let mut ids = Vec::new();
    for file in &files {
        let parsed = tidings::ingest::read_path(file).unwrap();
        let article = &parsed.articles[0];
        index.add(
            article.id,
            &Features::of(article),
            article.published,
            article.lang.as_deref(),
        );
        ids.push(article.id);
    }
    assert_eq!(index.story_of(ids[0]), index.story_of(ids[1]));
    let shared = &index.links_of(ids[0])[0].shared;
    assert!(shared.iter().any(|s| s == "putin"), "{shared:?}");
}

#[test]
fn ten_thousand_articles_that_all_mention_putin_do_not_chain() {
    let mut index = StoryIndex::new();
    for i in 0..10_000u32 {
        // Every article names Putin and two words of its own.
        let text = format!("Putin sprach mit Xa{i}vor über Qe{i}lund am Morgen.");
        add(
            &mut index,
            &format!("p{i}"),
            &text,
            (i % 28 + 1) as u8,
            ["de", "en"][i as usize % 2],
        );
    }
    let stories = index.stories();
    assert_eq!(stories.len(), 10_000);
    assert!(stories.iter().all(|(_, a)| a.len() == 1));
}

#[test]
fn bad_input_gives_sensible_singletons() {
    let mut index = StoryIndex::new();
    let long =
        "Ein sehr langer Absatz ohne Ende und mit Wörtern wie Putin und Berlin. ".repeat(20_000);
    let ids = [
        add(
            &mut index,
            "none",
            "nichts als kleine wörter hier, keine namen.",
            1,
            "de",
        ),
        add(&mut index, "word", "Hallo", 1, "de"),
        add(&mut index, "empty", "", 1, "de"),
        add(&mut index, "long", &long, 2, "de"),
        add(&mut index, "title", "Zugunglück in Montemar", 2, "de"),
        add(
            &mut index,
            "marks",
            "«»„“ ... !!! 1 2 3 ١٢٣ ½ Ⅻ @ # http:// www.",
            2,
            "de",
        ),
    ];
    assert_eq!(index.stories().len(), ids.len());
    // Adding the same article again changes nothing.
    add(&mut index, "word", "Hallo", 1, "de");
    assert_eq!(index.len(), ids.len());
    assert!(index.links_of(ArticleId::from_key("unknown")).is_empty());
    assert_eq!(index.story_of(ArticleId::from_key("unknown")), None);
}

/// Two prizes of one week, each reported in three languages, and a roundup that names both
/// winners: the roundup joins one of the two stories, and does not chain them.
fn prize_week(params: Params) -> (StoryIndex, Vec<ArticleId>, Vec<ArticleId>, ArticleId) {
    let mut index = StoryIndex::with_params(params);
    let chemistry = vec![
        add(
            &mut index,
            "c-en",
            "Ilse Marrowvik of Tarnholm wins the chemistry award for her catalysts.",
            3,
            "en",
        ),
        add(
            &mut index,
            "c-de",
            "Ilse Marrowvik aus Tarnholm erhält den Chemiepreis für ihre Katalysatoren.",
            3,
            "de",
        ),
        add(
            &mut index,
            "c-fr",
            "Ilse Marrowvik, de Tarnholm, reçoit le prix de chimie pour ses catalyseurs.",
            4,
            "fr",
        ),
    ];
    let physics = vec![
        add(
            &mut index,
            "p-en",
            "Kessa Dunmoorel of Velgrad wins the physics award for her lasers.",
            4,
            "en",
        ),
        add(
            &mut index,
            "p-de",
            "Kessa Dunmoorel aus Velgrad erhält den Physikpreis für ihre Laser.",
            4,
            "de",
        ),
        add(
            &mut index,
            "p-fr",
            "Kessa Dunmoorel, de Velgrad, reçoit le prix de physique pour ses lasers.",
            5,
            "fr",
        ),
    ];
    let roundup = add(
        &mut index,
        "roundup",
        "Die Preise der Woche: Ilse Marrowvik (Tarnholm) und Kessa Dunmoorel (Velgrad).",
        5,
        "de",
    );
    (index, chemistry, physics, roundup)
}

#[test]
fn a_roundup_of_two_stories_does_not_chain_them() {
    let (index, chemistry, physics, roundup) = prize_week(Params::default());
    let story = |ids: &[ArticleId]| {
        let first = index.story_of(ids[0]);
        for id in ids {
            assert_eq!(index.story_of(*id), first, "{id}");
        }
        first
    };
    let (c, p) = (story(&chemistry), story(&physics));
    assert_ne!(c, p, "{:?}", index.stories());
    let r = index.story_of(roundup);
    assert!(r == c || r == p, "the roundup is linked to neither story");
    // Without the rule that the two stories must agree on what the roundup shares with them,
    // it would chain them: the test shows the rule at work.
    let (index, chemistry, physics, _) = prize_week(Params {
        agree: 0.0,
        ..Params::default()
    });
    assert_eq!(index.story_of(chemistry[0]), index.story_of(physics[0]));
}

/// A story of nine reports (a flood in Tarnholm), a story of four (a concert in Velgrad), one
/// report of the flood that also names the concert, and then a report of the concert alone.
fn flood_and_concert(params: Params) -> (StoryIndex, ArticleId, ArticleId, ArticleId) {
    flood_and_concert_with(params, &[BOTH])
}

/// A flood report that also names the concert.
const BOTH: &str =
    "Tarnholm: Ossvar floods as Brannik Solveth cancels the Kessa Dunmoorel concert in Velgrad.";

/// [`flood_and_concert`], with these reports of the flood that name the concert.
fn flood_and_concert_with(
    params: Params,
    both: &[&str],
) -> (StoryIndex, ArticleId, ArticleId, ArticleId) {
    let mut index = StoryIndex::with_params(params);
    let mut flood = Vec::new();
    for (i, (lang, text)) in [
        ("en", "Floods in Tarnholm: the river Ossvar breaks its banks, Mayor Brannik Solveth says."),
        ("de", "Hochwasser in Tarnholm: die Ossvar tritt über die Ufer, sagt Bürgermeister Brannik Solveth."),
        ("fr", "Inondations à Tarnholm : l'Ossvar déborde, selon le maire Brannik Solveth."),
        ("it", "Alluvione a Tarnholm: l'Ossvar esonda, dice il sindaco Brannik Solveth."),
        ("es", "Inundaciones en Tarnholm: el Ossvar se desborda, dice el alcalde Brannik Solveth."),
        ("pl", "Powódź w Tarnholm: Ossvar wylewa, mówi burmistrz Brannik Solveth."),
        ("nl", "Overstromingen in Tarnholm: de Ossvar treedt buiten zijn oevers, zegt burgemeester Brannik Solveth."),
        ("sv", "Översvämningar i Tarnholm: Ossvar svämmar över, säger borgmästaren Brannik Solveth."),
    ]
    .iter()
    .enumerate()
    {
        flood.push(add(&mut index, &format!("flood-{i}"), text, 3, lang));
    }
    for (i, (lang, text)) in [
        (
            "en",
            "Kessa Dunmoorel sings in Velgrad before twenty thousand.",
        ),
        (
            "de",
            "Kessa Dunmoorel singt in Velgrad vor zwanzigtausend Menschen.",
        ),
        (
            "fr",
            "Kessa Dunmoorel chante à Velgrad devant vingt mille personnes.",
        ),
        (
            "it",
            "Kessa Dunmoorel canta a Velgrad davanti a ventimila persone.",
        ),
    ]
    .iter()
    .enumerate()
    {
        add(&mut index, &format!("concert-{i}"), text, 3, lang);
    }
    let concert = ArticleId::from_key("concert-0");
    // Joins the flood: the flood's names agree with its story, the concert's do not.
    for (i, text) in both.iter().enumerate() {
        add(&mut index, &format!("both-{i}"), text, 4, "en");
    }
    let late = add(
        &mut index,
        "late",
        "Kessa Dunmoorel dankt Velgrad für das Konzert.",
        4,
        "de",
    );
    (index, flood[0], concert, late)
}

/// The late report is in the concert's story, and that story is not the flood's.
fn assert_concert_apart(index: &StoryIndex, flood: ArticleId, concert: ArticleId, late: ArticleId) {
    assert_eq!(index.story_of(late), index.story_of(concert));
    assert_ne!(
        index.story_of(flood),
        index.story_of(concert),
        "{:?}",
        index.stories()
    );
}

#[test]
fn one_link_into_a_large_story_does_not_merge_it() {
    let (index, flood, concert, late) = flood_and_concert(Params::default());
    assert_concert_apart(&index, flood, concert, late);
    // Without asking for links to enough of the flood's reports, the late report, linked to the
    // one flood report that names the concert, merges the two stories.
    let (index, flood, concert, _) = flood_and_concert(Params {
        support: 0.0,
        ..Params::default()
    });
    assert_eq!(index.story_of(flood), index.story_of(concert));
}

#[test]
fn copies_of_one_report_count_once_as_support() {
    // Three outlets print the same report: still one link's worth of support for the flood.
    let (index, flood, concert, late) = flood_and_concert_with(Params::default(), &[BOTH; 3]);
    assert_concert_apart(&index, flood, concert, late);
    // Three reports in their own words are three: the late report then joins the two stories.
    let (index, flood, concert, _) = flood_and_concert_with(
        Params::default(),
        &[
            BOTH,
            "Floods in Tarnholm: Brannik Solveth calls off the Kessa Dunmoorel show in Velgrad.",
            "The Ossvar rises; Mayor Brannik Solveth postpones Kessa Dunmoorel's Velgrad concert.",
        ],
    );
    assert_eq!(index.story_of(flood), index.story_of(concert));
}

/// A made-up surname for entry `i` of a pool of names.
fn pool_name(i: usize) -> String {
    const SYL: [&str; 8] = ["ka", "lo", "mi", "ru", "ve", "do", "sa", "ne"];
    let mut out = String::from("Z");
    let mut n = i;
    for _ in 0..3 {
        out.push_str(SYL[n % SYL.len()]);
        n /= SYL.len();
    }
    out
}

/// A library of `n` articles of one day, each naming two of a pool of 32 names (so that every
/// name is in one article of sixteen), then two reports that share four of those names: whether
/// the two are one story.
fn pair_links_in_library_of(n: usize, params: Params) -> bool {
    let mut index = StoryIndex::with_params(params);
    for i in 0..n {
        let (a, b) = (i % 32, (i + 1 + i / 32) % 32);
        let (a, b) = if a == b { (a, (b + 1) % 32) } else { (a, b) };
        let text = format!(
            "Yesterday {} met {} at the fair.",
            pool_name(a),
            pool_name(b)
        );
        add(&mut index, &format!("bg{i}"), &text, 9, "en");
    }
    let text = format!(
        "Yesterday {} met {}, {} and {} at the fair.",
        pool_name(3),
        pool_name(7),
        pool_name(11),
        pool_name(19)
    );
    let first = add(&mut index, "pair-1", &text, 9, "en");
    // Told in other words, so that no copied sentence links the two.
    let text = format!(
        "Yesterday {} and {} met {} and {} at the fair.",
        pool_name(19),
        pool_name(11),
        pool_name(7),
        pool_name(3)
    );
    let second = add(&mut index, "pair-2", &text, 9, "en");
    index.story_of(first).is_some() && index.story_of(first) == index.story_of(second)
}

#[test]
fn names_weigh_by_their_share_of_the_library_whatever_its_size() {
    let params = Params::default();
    assert!(pair_links_in_library_of(8_000, params));
    assert!(pair_links_in_library_of(24_000, params));
    // Weighed against the library's size instead, the same share of articles makes the names
    // too common to count in the larger library, and the pair falls apart.
    let by_size = Params {
        weight_docs: 0.0,
        ..params
    };
    assert!(pair_links_in_library_of(8_000, by_size));
    assert!(!pair_links_in_library_of(24_000, by_size));
}
