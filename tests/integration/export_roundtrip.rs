//! Round trips and import:
//!
//! - BibTeX → citelint → BibTeX and CSL-JSON → citelint → CSL-JSON are
//!   stable (the second pass changes nothing), also for BibLaTeX and YAML;
//! - the fields of every entry survive paper → BibTeX → CSL-JSON;
//! - malformed `.bib`, `.json` and `.yaml` give an error naming what is
//!   wrong and where, and no input makes import or export panic.

use crate::export_common::{all_items, project_path};
use citelint::csl::Item;
use citelint::export::{assign_keys, export, import, rich, Format, InputKind};

fn convert(text: &str, from: InputKind, to: Format) -> String {
    let items = import(text, from).unwrap_or_else(|e| panic!("import {from:?}: {e}\n{text}"));
    export(&items, to, None).unwrap_or_else(|e| panic!("export {to}: {e}"))
}

fn kind_of(format: Format) -> InputKind {
    match format {
        Format::Bibtex | Format::Biblatex => InputKind::Bibtex,
        Format::CslJson => InputKind::CslJson,
        Format::Yaml => InputKind::Yaml,
        _ => unreachable!("not a data format"),
    }
}

#[test]
fn own_output_survives_a_round_trip_unchanged() {
    let items = all_items();
    for format in [
        Format::Bibtex,
        Format::Biblatex,
        Format::CslJson,
        Format::Yaml,
    ] {
        let first = export(&items, format, None).unwrap();
        let second = convert(&first, kind_of(format), format);
        assert_eq!(first, second, "{format} changed on a round trip");
    }
}

#[test]
fn bibtex_round_trip_is_stable() {
    let original =
        std::fs::read_to_string(project_path("tests/fixtures/export/input.bib")).unwrap();
    for format in [Format::Bibtex, Format::Biblatex] {
        let first = convert(&original, InputKind::Bibtex, format);
        let second = convert(&first, InputKind::Bibtex, format);
        assert_eq!(first, second, "{format}: second pass changed the file");
    }
    // What the first pass kept of the hand-written file.
    let items = import(&original, InputKind::Bibtex).unwrap();
    let keys: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        keys,
        [
            "Smith:2020",
            "mueller99",
            "Knuth",
            "csl",
            "lee2010",
            "noauthor"
        ]
    );
    let smith = &items[0];
    assert_eq!(smith.kind, "paper-conference");
    assert_eq!(smith.publisher.as_deref(), Some("ACM Press"));
    // Braced words keep their case: CSL-JSON's `nocase`.
    assert_eq!(
        smith.title.as_deref(),
        Some("<span class=\"nocase\">Deep</span> Learning for <span class=\"nocase\">BibTeX</span> Parsing")
    );
    assert_eq!(smith.author.len(), 2, "`and others` is no person");
    assert!(smith.custom.author_et_al);
    let mueller = &items[1];
    assert_eq!(mueller.author[0].family.as_deref(), Some("Müller"));
    assert_eq!(mueller.author[0].given.as_deref(), Some("Jürgen"));
    assert_eq!(
        mueller.title.as_deref(),
        Some("Über die Physik & 100% mehr")
    );
    assert_eq!(mueller.doi.as_deref(), Some("10.1000/x_y"));
    let knuth = &items[2];
    assert_eq!(knuth.author[0].family.as_deref(), Some("Knuth"));
    assert_eq!(
        knuth.collection_title.as_deref(),
        Some("Computers and Typesetting")
    );
    let csl = &items[3];
    assert_eq!(csl.kind, "webpage");
    assert_eq!(
        csl.author[0].literal.as_deref(),
        Some("Citation Style Language Project")
    );
    assert_eq!(csl.container_title.as_deref(), Some("CSL project"));
    assert_eq!(
        serde_json::to_value(&csl.accessed).unwrap(),
        serde_json::json!({"date-parts": [[2024, 1, 2]]})
    );
    assert_eq!(items[4].genre.as_deref(), Some("Master's thesis"));
    assert_eq!(items[5].container_title.as_deref(), Some("Mimeograph"));
}

#[test]
fn csl_json_round_trip_is_stable() {
    let original = r#"[
      {"id": "a1", "type": "article-journal", "title": "Vol as number",
       "volume": 12, "issue": "3", "page": "5-9",
       "author": [{"family": "Doe", "given": "Jane"}, {"literal": "ACME Corp"}],
       "issued": {"date-parts": [["2008", "8"]]}, "accessed": "2021-02-03"},
      {"id": "b2", "type": "book", "title": "Plain", "issued": {"literal": "in press"},
       "publisher": "Pub", "publisher-place": "Place", "edition": 2, "ISBN": "123"},
      {"id": "c3", "type": "motion_picture", "title": "A Film", "abstract": "dropped"}
    ]"#;
    let first = convert(original, InputKind::CslJson, Format::CslJson);
    let second = convert(&first, InputKind::CslJson, Format::CslJson);
    assert_eq!(first, second);
    let items = import(&first, InputKind::CslJson).unwrap();
    assert_eq!(items[0].volume.as_deref(), Some("12"));
    assert_eq!(items[0].author[1].literal.as_deref(), Some("ACME Corp"));
    assert_eq!(items[1].edition.as_deref(), Some("2"));
    assert_eq!(items[2].kind, "motion_picture");
}

/// What a trip through a `.bib` file may normalise: page ranges are written
/// with `--` and read back with `-`, and capitals the writer protects with
/// braces (`{CPU}`) come back case-protected (`<span class="nocase">`).
fn bib_normalised(item: &Item) -> Item {
    let mut item = item.clone();
    item.page = item.page.map(|p| p.replace('–', "-"));
    let plain = |t: &mut Option<String>| *t = t.as_deref().map(rich::plain);
    plain(&mut item.title);
    plain(&mut item.container_title);
    item
}

#[test]
fn every_field_survives_paper_to_bibtex_to_csl_json() {
    let mut items = all_items();
    assign_keys(&mut items);
    for format in [Format::Bibtex, Format::Biblatex] {
        let bib = export(&items, format, None).unwrap();
        let back = import(&bib, InputKind::Bibtex).unwrap();
        assert_eq!(back.len(), items.len());
        for (before, after) in items.iter().zip(&back) {
            assert_eq!(
                bib_normalised(before),
                bib_normalised(after),
                "{format}: entry {} changed",
                before.id
            );
        }
        // And on to CSL-JSON: the same JSON as exporting the items directly.
        let json_direct = export(
            &items.iter().map(bib_normalised).collect::<Vec<_>>(),
            Format::CslJson,
            None,
        );
        let json_via_bib = export(
            &back.iter().map(bib_normalised).collect::<Vec<_>>(),
            Format::CslJson,
            None,
        );
        assert_eq!(json_direct.unwrap(), json_via_bib.unwrap(), "{format}");
    }
}

#[test]
fn every_field_survives_yaml() {
    let mut items = all_items();
    assign_keys(&mut items);
    let yaml = export(&items, Format::Yaml, None).unwrap();
    let back = import(&yaml, InputKind::Yaml).unwrap();
    for (before, after) in items.iter().zip(&back) {
        let mut expected = before.clone();
        // hayagriva stores page ranges as numbers: `45–67` comes back `45-67`.
        expected.page = expected.page.map(|p| p.replace('–', "-"));
        assert_eq!(&expected, after, "entry {} changed", before.id);
    }
}

#[test]
fn malformed_input_names_the_problem_and_position() {
    let cases: [(&str, InputKind, &str); 7] = [
        (
            "@article{a,\n  title = {x},\n  year = {2008\n",
            InputKind::Bibtex,
            "malformed bibtex at ",
        ),
        (
            "@article{a,\n  title = {x}}\n@book{a, title = {y}}\n",
            InputKind::Bibtex,
            "duplicate",
        ),
        (
            "@article{a, author = {Li, }, title = x y}",
            InputKind::Bibtex,
            "malformed bibtex at 1:",
        ),
        (
            "[\n  {\"id\": \"x\", \"type\": \"book\"\n",
            InputKind::CslJson,
            "malformed csl-json at 3:",
        ),
        ("{\"id\": 1}", InputKind::CslJson, "`type` is missing"),
        (
            "key:\n  type: article\n  title: [unclosed\n",
            InputKind::Yaml,
            "malformed yaml at ",
        ),
        (
            "key:\n  type: nonsense-type\n",
            InputKind::Yaml,
            "malformed yaml at 2:",
        ),
    ];
    for (text, kind, expected) in cases {
        let err = import(text, kind).expect_err(text);
        let msg = err.to_string();
        assert!(
            msg.contains(expected),
            "{kind:?} `{text}`: got `{msg}`, want `{expected}`"
        );
    }
}

#[test]
fn no_prefix_of_a_valid_file_makes_import_or_export_panic() {
    let items = all_items();
    for format in [
        Format::Bibtex,
        Format::Biblatex,
        Format::CslJson,
        Format::Yaml,
    ] {
        let full = export(&items, format, None).unwrap();
        let mut cuts: Vec<usize> = (0..full.len())
            .step_by(7)
            .filter(|&i| full.is_char_boundary(i))
            .collect();
        cuts.push(full.len());
        let mut accepted = 0;
        for cut in cuts {
            let text = &full[..cut];
            if let Ok(items) = import(text, kind_of(format)) {
                accepted += 1;
                for to in [
                    Format::Bibtex,
                    Format::Biblatex,
                    Format::CslJson,
                    Format::Yaml,
                ] {
                    export(&items, to, None)
                        .unwrap_or_else(|e| panic!("{to} of a {format} prefix: {e}"));
                }
            }
        }
        assert!(accepted > 0, "{format}: some prefixes are valid files");
    }
}

#[test]
fn odd_items_export_to_every_format() {
    let odd = vec![
        Item::default(),
        Item::unparsed("  Just some text {with} $pecial\\ chars & 100%  "),
        Item {
            kind: "article-journal".into(),
            author: vec![citelint::csl::Name::default()],
            url: Some("not a url".into()),
            accessed: Some(citelint::csl::Date::year(2020)),
            issued: Some(citelint::csl::Date {
                date_parts: vec![vec![
                    citelint::csl::DatePart::Number(2020),
                    citelint::csl::DatePart::Number(13),
                    citelint::csl::DatePart::Number(40),
                ]],
                ..Default::default()
            }),
            page: Some("—".into()),
            ..Item::default()
        },
    ];
    for format in Format::ALL {
        let out = export(&odd, format, None).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(!out.is_empty(), "{format}");
    }
    let yaml = export(&odd, Format::Yaml, None).unwrap();
    assert!(
        yaml.contains("not a url"),
        "an unusable URL is kept in the note:\n{yaml}"
    );
    assert!(
        yaml.contains("accessed 2020"),
        "so is its access date:\n{yaml}"
    );

    // A year hayagriva cannot parse is kept as text instead of failing.
    let far = Item {
        kind: "book".into(),
        title: Some("Far future".into()),
        issued: Some(citelint::csl::Date::year(123_456)),
        ..Item::default()
    };
    for format in Format::ALL {
        let out = export(std::slice::from_ref(&far), format, None)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        // Styles print what they print (APA shows no note); data keeps it.
        if !format.uses_style() {
            assert!(out.contains("123456"), "{format}:\n{out}");
        }
    }
}

#[test]
fn mutated_files_give_items_or_errors_never_panics() {
    // A fixed xorshift sequence: the same mutations on every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials = [
        '{', '}', '"', '@', ':', '-', '\n', '\\', '$', ',', '[', ']', '=', '#', '%', '&', ' ', '0',
        'é', '李',
    ];
    let items = all_items();
    for format in [
        Format::Bibtex,
        Format::Biblatex,
        Format::CslJson,
        Format::Yaml,
    ] {
        let chars: Vec<char> = export(&items, format, None).unwrap().chars().collect();
        let (mut accepted, mut rejected) = (0, 0);
        for _ in 0..300 {
            let mut text = chars.clone();
            for _ in 0..=(next() % 3) {
                let at = (next() as usize) % text.len();
                let c = specials[(next() as usize) % specials.len()];
                match next() % 3 {
                    0 => text[at] = c,
                    1 => text.insert(at, c),
                    _ => {
                        text.remove(at);
                    }
                }
            }
            let text: String = text.into_iter().collect();
            match import(&text, kind_of(format)) {
                Ok(items) => {
                    accepted += 1;
                    for to in [
                        Format::Bibtex,
                        Format::Biblatex,
                        Format::CslJson,
                        Format::Yaml,
                    ] {
                        let _ = export(&items, to, None);
                    }
                }
                Err(e) => {
                    rejected += 1;
                    assert!(!e.to_string().is_empty());
                }
            }
        }
        assert!(
            accepted > 0 && rejected > 0,
            "{format}: {accepted} accepted, {rejected} rejected"
        );
    }
}
