//! The loader's stories: messy folders, the cache across restarts, stopping.

use super::*;
use crate::store::Store;
use std::path::Path;

/// Every event of one load, in order.
fn events(sources: Vec<Source>, options: Options) -> Vec<LoadEvent> {
    spawn_with(sources, options).into_iter().collect()
}

fn titles(events: &[LoadEvent]) -> Vec<String> {
    let mut titles: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Articles(batch) => Some(batch.iter().map(|s| s.title.clone())),
            _ => None,
        })
        .flatten()
        .collect();
    titles.sort();
    titles
}

fn messages(events: &[LoadEvent], failed: bool) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match (e, failed) {
            (LoadEvent::Failed(m), true) | (LoadEvent::Warning(m), false) => Some(m.as_str()),
            _ => None,
        })
        .collect()
}

fn last_total(events: &[LoadEvent]) -> Option<usize> {
    events.iter().rev().find_map(|e| match e {
        LoadEvent::Progress { total, .. } => *total,
        _ => None,
    })
}

fn write(path: &Path, text: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn article(title: &str) -> String {
    format!("{title}\n\nEin Absatz über die Sache, mit genug Wörtern.\n\nUn altro paragrafo.\n")
}

fn with_store(db: &Path) -> Options {
    Options {
        store: Some(db.to_path_buf()),
        batch: 2,
        features: true,
    }
}

#[test]
fn a_messy_folder_loads_what_it_can_and_names_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("gut.txt"), article("Gute Nachricht").as_bytes());
    write(
        &root.join("tief/unten/auch.txt"),
        article("Tief unten").as_bytes(),
    );
    write(&root.join("leer.txt"), b"  \n\n ");
    write(
        &root.join("bild.jpg"),
        &[0xff, 0xd8, 0xff, 0xe0, 0, 0, 0x10, 0x4a, 0, 0],
    );
    // Latin-1: "Caffè più forte" with single bytes for è and ù.
    write(
        &root.join("latin1.txt"),
        b"Caff\xe8 pi\xf9 forte\n\nUna frase qualsiasi.\n",
    );
    write(
        &root.join(".versteckt.txt"),
        article("Versteckt").as_bytes(),
    );
    write(
        &root.join(".git/alt.txt"),
        article("Im Versteck").as_bytes(),
    );
    let locked = root.join("gesperrt.txt");
    write(&locked, article("Gesperrt").as_bytes());
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&locked, perms).unwrap();
    // root reads any file: then the locked file simply loads.
    let can_lock = std::fs::read(&locked).is_err();

    let got = events(vec![Source::Path(root.to_path_buf())], Options::default());
    assert!(matches!(got.last(), Some(LoadEvent::Finished)), "{got:?}");
    let titles = titles(&got);
    let failed = messages(&got, true);
    let warnings = messages(&got, false);

    // The loader relays ingest's verdict on each visible file: its articles, or its error.
    let visible = [
        "gut.txt",
        "tief/unten/auch.txt",
        "leer.txt",
        "bild.jpg",
        "latin1.txt",
        "gesperrt.txt",
    ];
    let mut expected_titles = Vec::new();
    for name in visible {
        match crate::ingest::read_path(&root.join(name)) {
            Ok(parsed) => expected_titles.extend(parsed.articles.into_iter().map(|a| a.title)),
            Err(e) => assert!(
                failed.contains(&e.to_string().as_str()),
                "{e} in {failed:?}"
            ),
        }
    }
    expected_titles.sort();
    assert_eq!(titles, expected_titles);
    assert_eq!(last_total(&got), Some(visible.len()));

    // Whatever ingest makes of the rest, these hold.
    assert!(titles.iter().any(|t| t == "Gute Nachricht"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Tief unten"), "{titles:?}");
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Caff") && t.ends_with("forte")),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("Versteck")), "{titles:?}");
    let named = |name: &str| {
        let path = root.join(name);
        failed.iter().any(|m| m.contains(&*path.to_string_lossy()))
    };
    assert!(named("leer.txt"), "{failed:?}");
    if can_lock {
        assert!(named("gesperrt.txt"), "{failed:?}");
        assert!(!titles.iter().any(|t| t == "Gesperrt"), "{titles:?}");
    }
    assert!(
        warnings.iter().any(|m| m.contains("latin1.txt")),
        "{warnings:?}"
    );
}

#[test]
fn a_missing_source_fails_by_name_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), article("Da").as_bytes());
    let missing = dir.path().join("weg");
    let got = events(
        vec![
            Source::Path(missing.clone()),
            Source::Path(dir.path().into()),
        ],
        Options::default(),
    );
    assert_eq!(titles(&got), vec!["Da"]);
    let failed = messages(&got, true);
    assert!(
        failed[0].contains(&*missing.to_string_lossy()),
        "{failed:?}"
    );
}

#[test]
fn a_restart_lists_from_the_cache_then_sees_changes_and_removals() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let db = dir.path().join("data/tidings.db");
    for i in 0..5 {
        write(
            &lib.join(format!("{i}.txt")),
            article(&format!("Artikel {i}")).as_bytes(),
        );
    }
    let first = events(vec![Source::Path(lib.clone())], with_store(&db));
    assert_eq!(titles(&first).len(), 5);
    assert_eq!(last_total(&first), Some(5));
    // Batches of two articles.
    assert!(
        first
            .iter()
            .all(|e| !matches!(e, LoadEvent::Articles(b) if b.len() > 2))
    );

    // Second start: everything comes from the store before any file is looked at, nothing parsed.
    let second = events(vec![Source::Path(lib.clone())], with_store(&db));
    assert_eq!(titles(&second), titles(&first));
    assert!(
        matches!(second.first(), Some(LoadEvent::Articles(_))),
        "{second:?}"
    );
    assert_eq!(last_total(&second), Some(0));

    // One file changed (new title, so a new id), one removed.
    let changed = lib.join("1.txt");
    write(&changed, article("Artikel eins, neu und länger").as_bytes());
    let file = std::fs::File::options().write(true).open(&changed).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    std::fs::remove_file(lib.join("3.txt")).unwrap();
    let third = events(vec![Source::Path(lib.clone())], with_store(&db));
    assert_eq!(last_total(&third), Some(1));
    let removed: Vec<_> = third
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Removed(ids) => Some(ids.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let id = |title: &str| {
        first
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Articles(batch) => batch.iter().find(|s| s.title == title),
                _ => None,
            })
            .map(|s| s.id)
            .next()
            .unwrap()
    };
    let mut expected = vec![id("Artikel 1"), id("Artikel 3")];
    expected.sort();
    let mut removed = removed;
    removed.sort();
    assert_eq!(removed, expected);

    let (summaries, problems) =
        load_blocking_with(vec![Source::Path(lib.clone())], with_store(&db));
    assert!(problems.is_empty(), "{problems:?}");
    let mut listed: Vec<_> = summaries.into_iter().map(|s| s.title).collect();
    listed.sort();
    assert_eq!(
        listed,
        vec![
            "Artikel 0",
            "Artikel 2",
            "Artikel 4",
            "Artikel eins, neu und länger"
        ]
    );
    let store = Store::open(&db).unwrap();
    let cached = store.cached_under(&lib).unwrap();
    assert_eq!(cached.len(), 4);
    assert!(cached.iter().all(|f| !f.path.ends_with("3.txt")));
}

#[test]
fn dropping_the_receiver_stops_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let db = dir.path().join("tidings.db");
    let files = 400;
    for i in 0..files {
        write(
            &lib.join(format!("{i:03}.txt")),
            article(&format!("Nummer {i}")).as_bytes(),
        );
    }
    let options = Options {
        store: Some(db.clone()),
        batch: 1,
        features: true,
    };
    let rx = spawn_with(vec![Source::Path(lib)], options);
    assert!(matches!(rx.recv(), Ok(LoadEvent::Progress { .. })));
    drop(rx);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let store = Store::open(&db).unwrap();
    let cached: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM cache", [], |r| r.get(0))
        .unwrap();
    // The channel holds a bounded number of batches, so the loader stops well short of the end.
    assert!(
        cached < files,
        "{cached} of {files} files parsed after the receiver left"
    );
}

#[test]
fn a_cache_row_that_cannot_be_decoded_means_parsing_that_file_again() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let db = dir.path().join("tidings.db");
    for i in 0..3 {
        write(
            &lib.join(format!("{i}.txt")),
            article(&format!("Pezzo {i}")).as_bytes(),
        );
    }
    let first = events(vec![Source::Path(lib.clone())], with_store(&db));
    Store::open(&db)
        .unwrap()
        .conn()
        .execute(
            "UPDATE cache SET summaries = x'7b6e6f' WHERE path = ?1",
            [lib.join("1.txt").as_os_str().as_encoded_bytes()],
        )
        .unwrap();
    let second = events(vec![Source::Path(lib.clone())], with_store(&db));
    assert_eq!(titles(&second), titles(&first));
    assert_eq!(last_total(&second), Some(1));
}

#[test]
fn the_seed_folder_loads_both_articles_and_lists_them_again_from_the_store() {
    // The seeds live in shared/seeds beside the repository: one level up, or two when the
    // checkout sits one folder deeper.
    let seeds = [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds"),
    ]
    .into_iter()
    .map(Path::new)
    .find(|p| p.is_dir())
    .expect("the seed articles (shared/seeds) beside the repository");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tidings.db");
    let (first, problems) = load_blocking_with(vec![Source::Path(seeds.into())], with_store(&db));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(first.len(), 2);
    let second = events(vec![Source::Path(seeds.into())], with_store(&db));
    assert_eq!(last_total(&second), Some(0));
    let mut expected: Vec<_> = first.into_iter().map(|s| s.title).collect();
    expected.sort();
    assert_eq!(titles(&second), expected);
}

/// The ids of every article whose story features arrived, sorted.
fn feature_ids(events: &[LoadEvent]) -> Vec<ArticleId> {
    let mut ids: Vec<ArticleId> = events
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Features(batch) => Some(batch.iter().map(|s| s.id)),
            _ => None,
        })
        .flatten()
        .collect();
    ids.sort();
    ids
}

fn article_ids(events: &[LoadEvent]) -> Vec<ArticleId> {
    let mut ids: Vec<ArticleId> = events
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Articles(batch) => Some(batch.iter().map(|s| s.id)),
            _ => None,
        })
        .flatten()
        .collect();
    ids.sort();
    ids
}

#[test]
fn story_features_follow_their_articles_and_come_from_the_store_on_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let db = dir.path().join("tidings.db");
    for (name, title) in [
        ("a.txt", "Ottilie Brankovska gewinnt in Quellbach"),
        ("b.txt", "Ottilie Brankovska vince a Quellbach"),
        ("c.txt", "Hafenfest in Marlow abgesagt"),
    ] {
        write(&root.join(name), article(title).as_bytes());
    }
    let first = events(vec![Source::Path(root.clone())], with_store(&db));
    assert_eq!(article_ids(&first).len(), 3);
    assert_eq!(feature_ids(&first), article_ids(&first));
    // Every article is listed before any features come, and they come before the end.
    let position = |want: fn(&LoadEvent) -> bool| first.iter().position(want).unwrap();
    let listed_at = position(|e| matches!(e, LoadEvent::Listed));
    assert!(position(|e| matches!(e, LoadEvent::Features(_))) > listed_at);
    assert!(
        first
            .iter()
            .skip(listed_at)
            .all(|e| !matches!(e, LoadEvent::Articles(_)))
    );
    assert!(position(|e| matches!(e, LoadEvent::Finished)) > listed_at);
    // Each batch's features come after its articles.
    let mut listed = std::collections::HashSet::new();
    for e in &first {
        match e {
            LoadEvent::Articles(batch) => listed.extend(batch.iter().map(|s| s.id)),
            LoadEvent::Features(batch) => {
                assert!(batch.iter().all(|s| listed.contains(&s.id)));
            }
            _ => {}
        }
    }
    let names = |events: &[LoadEvent]| {
        let mut names: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Features(b) => Some(b.iter().flat_map(|s| s.features.names.clone())),
                _ => None,
            })
            .flatten()
            .collect();
        names.sort();
        names
    };
    assert!(
        names(&first).iter().any(|n| n.contains("brankovska")),
        "{:?}",
        names(&first)
    );

    // A restart parses nothing: the features are in the store, where the linker reads them.
    let second = events(vec![Source::Path(root.clone())], with_store(&db));
    assert_eq!(last_total(&second), Some(0));
    assert!(feature_ids(&second).is_empty());
    let store = Store::open(&db).unwrap();
    let mut kept: Vec<ArticleId> = crate::stories::persist::stored_ids(store.conn())
        .unwrap()
        .into_iter()
        .collect();
    kept.sort();
    assert_eq!(kept, article_ids(&first));
    let kept_names = {
        let all = crate::stories::persist::load_all(store.conn()).unwrap();
        let mut n: Vec<String> = all.into_iter().flat_map(|s| s.features.names).collect();
        n.sort();
        n
    };
    assert_eq!(kept_names, names(&first));
    drop(store);

    // Features lost from the store (an older version kept none): that file is parsed again.
    let store = Store::open(&db).unwrap();
    let gone = article_ids(&first)[0];
    store
        .conn()
        .execute("DELETE FROM features WHERE id = ?1", [gone.0 as i64])
        .unwrap();
    drop(store);
    // That file is not parsed again for the list, only read again for its features.
    let third = events(vec![Source::Path(root)], with_store(&db));
    assert_eq!(last_total(&third), Some(0));
    assert_eq!(feature_ids(&third), vec![gone]);
}

#[test]
fn without_features_none_are_computed_and_the_reader_computes_them_after_listing_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let db = dir.path().join("tidings.db");
    write(
        &root.join("a.txt"),
        article("Ottilie Brankovska gewinnt in Quellbach").as_bytes(),
    );
    let no_features = |db: &std::path::Path| Options {
        features: false,
        ..with_store(db)
    };
    // The list is printed without features: none are computed, so listing waits for none.
    let first = events(vec![Source::Path(root.clone())], no_features(&db));
    assert_eq!(article_ids(&first).len(), 1);
    assert!(feature_ids(&first).is_empty());
    let store = Store::open(&db).unwrap();
    assert!(
        crate::stories::persist::stored_ids(store.conn())
            .unwrap()
            .is_empty()
    );
    drop(store);
    let again = events(vec![Source::Path(root.clone())], no_features(&db));
    assert_eq!(last_total(&again), Some(0));
    assert!(feature_ids(&again).is_empty());
    // The reader lists the file from the cache (nothing is parsed for the list), then computes
    // its features and keeps them.
    let reader = events(vec![Source::Path(root.clone())], with_store(&db));
    assert_eq!(last_total(&reader), Some(0));
    assert_eq!(feature_ids(&reader), article_ids(&first));
    let store = Store::open(&db).unwrap();
    let kept = crate::stories::persist::stored_ids(store.conn()).unwrap();
    assert!(article_ids(&first).iter().all(|id| kept.contains(id)));
    drop(store);
    // And the next start finds them in the store.
    let next = events(vec![Source::Path(root)], with_store(&db));
    assert!(feature_ids(&next).is_empty());
}
