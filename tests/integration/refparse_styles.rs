//! Table tests per citation style: one reference per line of
//! `tests/fixtures/refparse/styles.tsv`, with the fields it must produce.
//!
//! Expected fields: `author=Fam1|Fam2` (family names or literals, in order,
//! the list must match exactly), `given=` (given name of the first author),
//! `year=`, `raw=` / `literal=` (of `issued`), `title=`, `container=`,
//! `volume=`, `issue=`, `page=`, `publisher=`, `publisher-place=`, `DOI=`,
//! `URL=`, `type=`; `etal=author` (the author list goes on: `et al.`);
//! `note~x` means the note contains x.

use citelint::csl::Item;
use citelint::refparse::parse_reference;

fn field(item: &Item, name: &str) -> Option<String> {
    Some(match name {
        "author" => item
            .author
            .iter()
            .map(|n| n.family_or_literal().to_string())
            .collect::<Vec<_>>()
            .join("|"),
        "given" => item.author.first()?.given.clone()?,
        "year" => item.year()?.to_string(),
        "raw" => item.issued.as_ref()?.raw.clone()?,
        "literal" => item.issued.as_ref()?.literal.clone()?,
        "title" => item.title.clone()?,
        "container" => item.container_title.clone()?,
        "volume" => item.volume.clone()?,
        "issue" => item.issue.clone()?,
        "page" => item.page.clone()?,
        "publisher" => item.publisher.clone()?,
        "publisher-place" => item.publisher_place.clone()?,
        "DOI" => item.doi.clone()?,
        "URL" => item.url.clone()?,
        "type" => item.kind.clone(),
        "note" => item.note.clone()?,
        "edition" => item.edition.clone()?,
        "genre" => item.genre.clone()?,
        "etal" => {
            let mut lists = Vec::new();
            if item.custom.author_et_al {
                lists.push("author");
            }
            if item.custom.editor_et_al {
                lists.push("editor");
            }
            lists.join(",")
        }
        other => panic!("unknown field {other} in the fixture"),
    })
}

#[test]
fn styles_table() {
    let table = include_str!("../fixtures/refparse/styles.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "bad fixture line: {line}");
        let (style, input, expected) = (cols[0], cols[1], cols[2]);
        let item = parse_reference(input);
        cases += 1;
        for exp in expected.split("; ") {
            let (name, want, contains) = match exp.split_once('=') {
                Some((n, v)) if !n.ends_with('~') => (n, v, false),
                _ => {
                    let (n, v) = exp.split_once('~').expect("field=value or field~value");
                    (n, v, true)
                }
            };
            let got = field(&item, name);
            let ok = match &got {
                Some(g) if contains => g.contains(want),
                Some(g) => g == want,
                None => false,
            };
            if !ok {
                failures.push(format!("[{style}] {name}: expected {want:?}, got {got:?}"));
            }
        }
    }
    assert!(cases >= 25, "fixture has only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} field failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        " ",
        "[",
        "[J]",
        "(",
        "。",
        "a\u{301}",
        "[1]",
        "//",
        "10.",
        "doi:",
        "http://",
        "1999",
        "——",
        "［］",
        "Smith, J., &",
        "et al.",
        "\u{feff}x",
        "((((((((",
        "[M]//. . . :",
        "李. [J]. ,,(",
    ] {
        let item = parse_reference(s);
        assert!(!item.kind.is_empty(), "no type for {s:?}");
    }
}

/// Random strings from a palette of the characters references are made of
/// (brackets, CJK and full-width punctuation, dashes, digits, type tags,
/// link prefixes): parsing must never panic.
#[test]
fn never_panics_on_random_input() {
    const PIECES: [&str; 40] = [
        "a",
        "Z",
        "é",
        "李",
        "红",
        " ",
        " ",
        ".",
        ",",
        ";",
        ":",
        "(",
        ")",
        "[",
        "]",
        "［",
        "］",
        "（",
        "）",
        "．",
        "，",
        "：",
        "—",
        "–",
        "-",
        "/",
        "//",
        "1",
        "2008",
        "08",
        "[J]",
        "[M/OL]",
        "doi:10.1000/",
        "http://",
        "et al.",
        "In ",
        "Vol. ",
        "pp. ",
        "“",
        "\u{301}",
    ];
    let mut seed: u64 = 0x1234_5678_9abc_def0;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let s: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let item = parse_reference(&s);
        assert!(!item.kind.is_empty(), "no type for {s:?}");
    }
}

#[test]
fn a_resolver_address_is_the_doi_only() {
    for text in [
        "Akaike H (1974) A new look at the statistical model identification. IEEE Trans Automat Contr 19: 716–723. http://dx.doi.org/10.1109/TAC.1974.1100705.",
        "Romero, C., & Dweck, C. S. (2016). Measuring mindsets. Journal of Educational Psychology, 108(3), 345–360. https://doi.org/10.1109/TAC.1974.1100705",
    ] {
        let item = parse_reference(text);
        assert_eq!(item.doi.as_deref(), Some("10.1109/TAC.1974.1100705"), "{text}");
        assert_eq!(item.url, None, "{text}");
    }
    let item = parse_reference(
        "Smith J. 2020. Data portal. https://www.example.org/data/10.5/x. Accessed 3 May 2021.",
    );
    assert_eq!(item.doi, None);
    assert!(item.url.is_some());
}
