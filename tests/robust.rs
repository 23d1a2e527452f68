//! Bad input never panics: arbitrary bytes through every reader of this format family.

use proptest::prelude::*;
use tidings::article::Location;
use tidings::ingest::{self, feed, markdown, markup};

fn markupish() -> impl Strategy<Value = String> {
    // Fragments real markup is made of, shuffled: tags, entities, quotes, CDATA, multibyte text.
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "<p>",
        "</p>",
        "<a href=\"",
        "\"",
        "'",
        "&",
        "&amp;",
        "&#x",
        "&#",
        ";",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<item>",
        "</item>",
        "<entry>",
        "<rss version=\"2.0\"><channel>",
        "<?xml ",
        "?>",
        "<script>",
        "</script>",
        "é",
        "ß",
        "„",
        "\u{feff}",
        "---\n",
        "+++\n",
        "title: x\n",
        "\n",
        " ",
        "<h2>",
        "charset=",
        "<html lang=\"",
        "xmlUrl=\"",
        "<outline ",
        "/>",
        "{\"items\":[",
        "]}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(80))]

    #[test]
    fn markup_readers_never_panic(text in markupish()) {
        let _ = markup::fragment_to_blocks(&text, Some("https://e.example/a/b"));
        let _ = markup::fragment_to_line(&text);
        let _ = markup::decode_entities(&text);
        let _ = markup::resolve_url(Some("https://e.example/a/"), &text);
        let _ = markup::parse_iso_date(&text);
        let _ = feed::preclean(&text);
        let _ = markdown::split_front_matter(&text);
        let _ = tidings::feeds::read_subscriptions(&text);
        for name in ["x.html", "x.xml", "x.md", "x.txt"] {
            let _ = ingest::parse_bytes(text.as_bytes(), Location::File(name.into()));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = markup::decode_markup(&bytes);
        for name in ["x.html", "x.xml", "x.md"] {
            let _ = ingest::parse_bytes(&bytes, Location::File(name.into()));
        }
    }
}
