//! Embedded posts: a paragraph quoted from a social network, followed by its signature line
//! `– Name (@handle) date` (en dash, em dash or hyphen). The signature leaves the body and the
//! paragraph before it becomes one post block by that person.

/// The parts of a signature line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub author: String,
    pub handle: String,
    pub date: Option<String>,
}

const MAX_SIGNATURE_LINE: usize = 200;

/// Reads a signature line: `– Name (@handle) date`, the date optional.
pub fn signature(line: &str) -> Option<Signature> {
    let line = line.trim();
    if line.len() > MAX_SIGNATURE_LINE {
        return None;
    }
    let rest = line
        .strip_prefix('–')
        .or_else(|| line.strip_prefix('—'))
        .or_else(|| line.strip_prefix('-'))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let (name, rest) = rest.split_once("(@")?;
    let (handle, date) = rest.split_once(')')?;
    let name = name.trim();
    let valid_handle = !handle.is_empty()
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if name.is_empty() || !valid_handle {
        return None;
    }
    let date = date.trim();
    Some(Signature {
        author: name.to_string(),
        handle: format!("@{handle}"),
        date: (!date.is_empty()).then(|| date.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_with_any_dash() {
        let cases = [
            (
                "– Jane Roe (@janeroe) March 3, 2022",
                "Jane Roe",
                "@janeroe",
                Some("March 3, 2022"),
            ),
            (
                "— Max Muster (@max_muster) 13. Februar 2021",
                "Max Muster",
                "@max_muster",
                Some("13. Februar 2021"),
            ),
            (
                "- Anna Rossi (@annarossi) 3 marzo 2022",
                "Anna Rossi",
                "@annarossi",
                Some("3 marzo 2022"),
            ),
            (
                "– Jean Dupont (@jdupont) 4 mars 2022",
                "Jean Dupont",
                "@jdupont",
                Some("4 mars 2022"),
            ),
            ("— Ana Ruiz (@anaruiz)", "Ana Ruiz", "@anaruiz", None),
        ];
        for (line, author, handle, date) in cases {
            let sig = signature(line).expect(line);
            assert_eq!(sig.author, author);
            assert_eq!(sig.handle, handle);
            assert_eq!(sig.date.as_deref(), date);
        }
    }

    #[test]
    fn other_dashed_lines_are_not_signatures() {
        for line in [
            "– a list item",
            "–Jane (@jane) 2022",
            "– Jane Roe (@ not a handle) 2022",
            "– (@nobody) 2022",
            "Jane Roe (@janeroe) March 3, 2022",
        ] {
            assert_eq!(signature(line), None, "{line}");
        }
    }
}
