//! The `tidings` binary as scripts use it: `list`, `show`, `mark`, their JSON and their errors.

mod cli_support;

use cli_support::{Home, stderr};

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

fn fixture_path() -> String {
    fixtures().display().to_string()
}

#[test]
fn list_json_has_exactly_the_contract_fields() {
    let home = Home::new();
    let list = home.json(&["list", "--json", &fixture_path()]);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        let mut keys: Vec<_> = item.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "id",
                "lang",
                "path",
                "published",
                "read",
                "sources",
                "title",
                "url",
                "words"
            ]
        );
        assert_eq!(item["read"], false);
        assert!(item["id"].as_str().unwrap().len() == 16);
        assert!(item["path"].as_str().unwrap().ends_with(".txt"));
    }
    let titles: Vec<_> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"New ferry line opens between Valmora and Estrel"));
}

#[test]
fn marks_persist_between_runs() {
    let home = Home::new();
    let list = home.json(&["list", "--json", &fixture_path()]);
    let id = list[0]["id"].as_str().unwrap().to_string();

    let out = home.run(&["mark", "read", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = home.json(&["list", "--json", &fixture_path()]);
    let read: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["read"] == true)
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(read, std::slice::from_ref(&id));

    let unread = home.json(&["list", "--json", "--unread", &fixture_path()]);
    assert_eq!(unread.as_array().unwrap().len(), 1);
    assert_ne!(unread[0]["id"], id.as_str());

    assert!(home.run(&["mark", "unread", &id]).status.success());
    let list = home.json(&["list", "--json", "--unread", &fixture_path()]);
    assert_eq!(list.as_array().unwrap().len(), 2);
}

#[test]
fn mark_rejects_a_bad_id_and_changes_nothing() {
    let home = Home::new();
    let list = home.json(&["list", "--json", &fixture_path()]);
    let id = list[0]["id"].as_str().unwrap();
    let out = home.run(&["mark", "read", id, "not-an-id"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not-an-id"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let unread = home.json(&["list", "--json", "--unread", &fixture_path()]);
    assert_eq!(
        unread.as_array().unwrap().len(),
        2,
        "the valid id was not marked either"
    );
}

#[test]
fn show_json_gives_the_body_by_path() {
    let home = Home::new();
    let path = fixtures().join("harbour.txt");
    let shown = home.json(&["show", "--json", &path.display().to_string()]);
    assert_eq!(
        shown["title"],
        "New ferry line opens between Valmora and Estrel"
    );
    let body = shown["body"].as_str().unwrap();
    assert!(body.contains("ferry line to Estrel"), "{body}");
    assert!(
        !body.contains("New ferry line opens"),
        "the title is not body"
    );
}

#[test]
fn show_text_prints_title_and_paragraphs() {
    let home = Home::new();
    let path = fixtures().join("brucke.txt");
    let out = home.run(&["show", &path.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Neue Fährlinie zwischen Valmora und Estrel\n"),
        "{text}"
    );
    assert!(text.contains("Hafenbehörde"));
}

#[test]
fn a_missing_path_fails_naming_it() {
    let home = Home::new();
    let out = home.run(&["list", "--json", "/no/such/folder"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout on error");
    assert!(stderr(&out).contains("/no/such/folder"), "{}", stderr(&out));
}

#[test]
fn show_an_unknown_id_fails() {
    let home = Home::new();
    let out = home.run(&["show", "0123456789abcdef"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("0123456789abcdef"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_and_version() {
    let home = Home::new();
    let help = home.run(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for word in ["list", "show", "mark"] {
        assert!(text.contains(word), "{text}");
    }
    let version = home.run(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn quotes_json_offsets_point_into_the_shown_body() {
    let home = Home::new();
    let quotes = home.json(&["quotes", "--json", &fixture_path()]);
    let quotes = quotes.as_array().unwrap();
    assert!(!quotes.is_empty());
    for q in quotes {
        let id = q["article"].as_str().unwrap();
        let list = home.json(&["list", "--json", &fixture_path()]);
        let path = list
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["path"]
            .as_str()
            .unwrap()
            .to_string();
        let shown = home.json(&["show", "--json", &path]);
        let body: Vec<char> = shown["body"].as_str().unwrap().chars().collect();
        let (start, end) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let text: String = body[start..end].iter().collect();
        assert_eq!(text, q["text"].as_str().unwrap());
    }
    let texts: Vec<_> = quotes.iter().map(|q| q["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"Wir haben lange genug auf diese Überfahrt gewartet"),
        "{texts:?}"
    );
}

#[test]
fn list_json_reads_the_seed_documents_as_they_are() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} is not there", seeds.display());
        return;
    }
    let home = Home::new();
    let list = home.json(&["list", "--json", &seeds.display().to_string()]);
    let by_lang = |lang: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|a| a["lang"] == lang)
            .unwrap_or_else(|| panic!("no {lang} article in {list}"))
            .clone()
    };
    let de = by_lang("de");
    let it = by_lang("it");
    assert_eq!(
        de["title"],
        "Wird es ein Treffen im Clubhaus von Elon Musk und Vladimir Putin geben?"
    );
    assert_eq!(
        it["title"],
        "Putin sta pensando seriamente di accettare l’invito di Elon Musk su Clubhouse"
    );
    assert_eq!(it["published"], "2021-02-15");
    assert!(
        de["sources"].as_array().unwrap().iter().any(|s| s == "CNN"),
        "{de}"
    );
    assert!(
        it["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Wired"),
        "{it}"
    );
}

#[test]
fn stories_json_puts_the_two_seeds_in_one_story() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} is not there", seeds.display());
        return;
    }
    let home = Home::new();
    let stories = home.json(&["stories", "--json", &seeds.display().to_string()]);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 1, "{stories:?}");
    assert_eq!(stories[0]["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn stories_json_lists_singletons_and_show_json_lists_links() {
    let home = Home::new();
    let stories = home.json(&["stories", "--json", &fixture_path()]);
    let total: usize = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 2, "every article is in exactly one story: {stories}");

    // The two ferry articles are one event in two languages: each lists the other as linked
    // when shown against a library that holds both.
    let config = home.dir.path().join("config/tidings");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("library = [{:?}]\n", fixture_path()),
    )
    .unwrap();
    let shown = home.json(&[
        "show",
        "--json",
        &fixtures().join("harbour.txt").display().to_string(),
    ]);
    let linked = shown["linked"].as_array().unwrap();
    let list = home.json(&["list", "--json"]);
    let other = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] != shown["id"])
        .unwrap()["id"]
        .clone();
    assert!(linked.iter().any(|l| l["id"] == other), "{shown}");
}

#[test]
fn commands_print_a_folder_in_the_order_of_its_files() {
    // Files are read in parallel, and a second run finds them in the store's cache: what a
    // command prints must not depend on either.
    let home = Home::new();
    let folder = home.dir.path().join("many");
    std::fs::create_dir(&folder).unwrap();
    for i in [5, 2, 7, 0, 3, 6, 1, 4] {
        std::fs::write(
            folder.join(format!("note-{i}.txt")),
            format!("Note {i}\n\n„Wir fahren um {i} Uhr los“, sagte die Lotsin Ada Brenner.\n"),
        )
        .unwrap();
    }
    let folder = folder.display().to_string();
    // The first run reads the files; later ones find them in the store's cache.
    let first = home.json(&["quotes", "--json", &folder]);
    let list = home.json(&["list", "--json", &folder]);
    let mut by_path: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    by_path.sort();
    let expected: Vec<String> = by_path.into_iter().map(|(_, id)| id).collect();
    for run in 0..3 {
        let quotes = if run == 0 {
            first.clone()
        } else {
            home.json(&["quotes", "--json", &folder])
        };
        let order: Vec<String> = quotes
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["article"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(order, expected);
    }
}
