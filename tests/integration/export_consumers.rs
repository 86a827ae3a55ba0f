//! Real consumers read what citelint writes:
//!
//! - the official CSL-JSON schema (`../shared/schemas/csl-data.json`)
//!   accepts the CSL-JSON;
//! - the `biblatex` crate and hayagriva parse the BibTeX and BibLaTeX with
//!   no error and find every entry's authors and title;
//! - pandoc (`--citeproc`) renders a bibliography of every entry from the
//!   CSL-JSON, the BibTeX and the BibLaTeX, with nothing on stderr, and the
//!   rendering holds every first author and title;
//! - pandoc reads the BibTeX and BibLaTeX written from a `.bib` file full of
//!   LaTeX markup exactly as it reads the original.
//!
//! The schema and pandoc are outside the project: when either is missing the
//! test fails if `CI` is set, and otherwise skips with a notice on stderr.

use std::io::Write as _;
use std::process::Command;

use crate::export_common::{all_items, in_ci, scratch_dir, shared_path, squash};
use citelint::csl::Item;
use citelint::export::{export, Format};

/// Handles a missing outside consumer: a failure in CI, a notice otherwise.
fn missing(what: &str) {
    assert!(!in_ci(), "{what} is missing, and CI is set");
    // Written to the stderr handle itself, which the test harness does not
    // capture, so the notice shows in a normal `cargo test` run.
    let _ = writeln!(
        std::io::stderr(),
        "notice: skipping, {what} is missing (set CI to make this a failure)"
    );
}

fn csl_schema() -> Option<serde_json::Value> {
    let path = shared_path("schemas/csl-data.json");
    let text = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&text).expect("csl-data.json is JSON"))
}

#[test]
fn csl_json_validates_against_the_official_schema() {
    let Some(schema) = csl_schema() else {
        return missing("../shared/schemas/csl-data.json");
    };
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");

    let json = export(&all_items(), Format::CslJson, None).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));
    assert_eq!(value.as_array().map(Vec::len), Some(all_items().len()));

    // The validator does reject what the schema forbids: no id, a bad type,
    // a field that is not CSL.
    for bad in [
        serde_json::json!([{"type": "book"}]),
        serde_json::json!([{"id": "a", "type": "blog"}]),
        serde_json::json!([{"id": "a", "type": "book", "journal": "x"}]),
    ] {
        assert!(!validator.is_valid(&bad), "accepted {bad}");
    }
}

#[test]
fn csl_json_of_odd_items_still_validates() {
    let Some(schema) = csl_schema() else {
        return missing("../shared/schemas/csl-data.json");
    };
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let odd = vec![
        Item::unparsed("Some reference the parser could not split"),
        Item {
            kind: "blog".into(), // not a CSL type
            issued: Some(citelint::csl::Date {
                date_parts: vec![vec![], vec![]],
                literal: None,
                raw: None,
            }),
            ..Item::default()
        },
        Item {
            kind: "article-journal".into(),
            issued: Some(citelint::csl::Date {
                literal: Some("in press".into()),
                ..Default::default()
            }),
            ..Item::default()
        },
    ];
    let json = export(&odd, Format::CslJson, None).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{json}\n{}", errors.join("\n"));
}

#[test]
fn biblatex_crate_reads_bibtex_and_biblatex() {
    let items = all_items();
    for format in [Format::Bibtex, Format::Biblatex] {
        let bib = export(&items, format, None).unwrap();
        let parsed =
            biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{format}: {e}\n{bib}"));
        assert_eq!(parsed.len(), items.len(), "{format}");
        for entry in parsed.iter() {
            let authors = entry
                .author()
                .unwrap_or_else(|e| panic!("{format} {}: author: {e:?}", entry.key));
            assert!(!authors.is_empty(), "{format} {}", entry.key);
            let date = entry
                .date()
                .unwrap_or_else(|e| panic!("{format} {}: date: {e:?}", entry.key));
            assert!(
                matches!(date, biblatex::PermissiveType::Typed(_)),
                "{format} {}: date did not parse",
                entry.key
            );
            assert!(entry.title().is_ok(), "{format} {}", entry.key);
        }
        let knuth = parsed.get("knuth1997art").expect("knuth entry");
        assert_eq!(knuth.author().unwrap()[0].name, "Knuth");
        assert_eq!(knuth.author().unwrap()[0].given_name, "Donald E.");
        let chapter = parsed.get("okafor2019graph").unwrap();
        let editors = chapter.editors().unwrap();
        assert_eq!(editors[0].0[1].prefix, "van der");
        assert_eq!(editors[0].0[1].name, "Berg");
    }
}

#[test]
fn hayagriva_reads_bibtex_and_biblatex() {
    let items = all_items();
    for format in [Format::Bibtex, Format::Biblatex] {
        let bib = export(&items, format, None).unwrap();
        let library = hayagriva::io::from_biblatex_str(&bib).unwrap_or_else(|errors| {
            let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("{format}: {}\n{bib}", errors.join("; "))
        });
        assert_eq!(library.len(), items.len(), "{format}");
        for (entry, item) in library.iter().zip(&items) {
            let family = item.author[0].family_or_literal();
            let authors = entry.authors().unwrap_or_default();
            assert!(
                authors.iter().any(|p| p.name == family),
                "{format} {}: no author `{family}`",
                entry.key()
            );
            let title = entry.title().map(|t| t.to_string()).unwrap_or_default();
            assert_eq!(
                squash(&title),
                squash(item.title.as_deref().unwrap()),
                "{format} {}",
                entry.key()
            );
        }
    }
}

/// Renders `file` with pandoc's citeproc; `None` when pandoc is missing.
fn pandoc_bibliography(file: &std::path::Path) -> Option<(String, String)> {
    let dir = file.parent().unwrap();
    let doc = dir.join("doc.md");
    std::fs::write(&doc, "---\nnocite: '@*'\n---\n\n# References\n").unwrap();
    let output = Command::new("pandoc")
        .arg("--citeproc")
        .arg("--wrap=none")
        .arg("-t")
        .arg("plain")
        .arg("--bibliography")
        .arg(file)
        .arg(&doc)
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("running pandoc: {e}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "pandoc failed on {}:\n{stderr}",
        file.display()
    );
    Some((stdout, stderr))
}

#[test]
fn pandoc_renders_every_entry_from_csl_json_bibtex_and_biblatex() {
    let items = all_items();
    let dir = scratch_dir("pandoc");
    for (format, ext) in [
        (Format::CslJson, "json"),
        (Format::Bibtex, "bib"),
        (Format::Biblatex, "bib"),
    ] {
        let file = dir.join(format!("refs-{}.{ext}", format.name()));
        std::fs::write(&file, export(&items, format, None).unwrap()).unwrap();
        let Some((stdout, stderr)) = pandoc_bibliography(&file) else {
            return missing("pandoc");
        };
        assert!(
            stderr.trim().is_empty(),
            "pandoc warned on {format}:\n{stderr}"
        );
        let rendered = squash(&stdout);
        for item in &items {
            let family = squash(item.author[0].family_or_literal());
            assert!(
                rendered.contains(&family),
                "{format}: no `{family}` in\n{stdout}"
            );
            let title = squash(item.title.as_deref().unwrap());
            assert!(
                rendered.contains(&title),
                "{format}: no title `{title}` in\n{stdout}"
            );
        }
        // One paragraph per entry after the heading.
        let entries = stdout
            .split("\n\n")
            .filter(|p| !p.trim().is_empty() && !p.contains("References"))
            .count();
        assert_eq!(entries, items.len(), "{format}:\n{stdout}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Items whose dates or names BibTeX cannot hold as such.
fn odd_items() -> Vec<Item> {
    use citelint::csl::{Date, DatePart, Name};
    let dated = |date: Date, title: &str| Item {
        kind: "article-journal".into(),
        title: Some(title.into()),
        issued: Some(date),
        ..Item::default()
    };
    let parts = |p: Vec<Vec<i64>>| Date {
        date_parts: p
            .into_iter()
            .map(|r| r.into_iter().map(DatePart::Number).collect())
            .collect(),
        ..Date::default()
    };
    let literal = |s: &str| Date {
        literal: Some(s.into()),
        ..Date::default()
    };
    vec![
        dated(literal("in press"), "Pressing"),
        dated(literal("n.d."), "Undated"),
        dated(parts(vec![vec![123_456]]), "Far future"),
        dated(parts(vec![vec![2020, 13, 40]]), "Bad month"),
        dated(parts(vec![vec![2008, 1], vec![2009, 2]]), "A range"),
        Item {
            kind: "book".into(),
            author: vec![Name {
                given: Some("Plato".into()),
                ..Name::default()
            }],
            title: Some("Only a given name".into()),
            ..Item::default()
        },
        Item::unparsed("An unparsed {reference} with $ and \\ in it"),
    ]
}

#[test]
fn odd_dates_and_names_read_back_without_error() {
    let items = odd_items();
    for format in [Format::Bibtex, Format::Biblatex] {
        let bib = export(&items, format, None).unwrap();
        let parsed =
            biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{format}: {e}\n{bib}"));
        assert_eq!(parsed.len(), items.len(), "{format}");
        let library = hayagriva::io::from_biblatex_str(&bib).unwrap_or_else(|errors| {
            let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("{format}: {}\n{bib}", errors.join("; "))
        });
        assert_eq!(library.len(), items.len(), "{format}");
        assert!(bib.contains("pubstate = {inpress},"), "{bib}");
        assert!(bib.contains("date = {n.d.},"), "{bib}");
        assert!(bib.contains("date = {123456},"), "{bib}");
        assert!(bib.contains("date = {2020-13-40},"), "{bib}");

        let back = citelint::export::import(&bib, citelint::export::InputKind::Bibtex).unwrap();
        let literal = |i: usize| back[i].issued.as_ref().and_then(|d| d.literal.clone());
        assert_eq!(literal(0).as_deref(), Some("in press"), "{format}");
        assert_eq!(literal(1).as_deref(), Some("n.d."), "{format}");
        assert_eq!(
            back[5].author[0].family.as_deref(),
            Some("Plato"),
            "{format}"
        );
    }
}

/// BibTeX and BibLaTeX written from a `.bib` file full of LaTeX markup
/// (`tests/fixtures/export/markup.bib`) are read by pandoc without a
/// warning and give the very bibliography the original file gives, with
/// the markup resolved.
#[test]
fn pandoc_reads_bibtex_written_from_markup_as_the_original() {
    let original = std::fs::read_to_string(crate::export_common::project_path(
        "tests/fixtures/export/markup.bib",
    ))
    .unwrap();
    let items = citelint::export::import(&original, citelint::export::InputKind::Bibtex).unwrap();
    let dir = scratch_dir("pandoc-markup");
    let source = dir.join("original.bib");
    std::fs::write(&source, &original).unwrap();
    let Some((want, _)) = pandoc_bibliography(&source) else {
        return missing("pandoc");
    };
    for (format, name) in [(Format::Bibtex, "bibtex"), (Format::Biblatex, "biblatex")] {
        let file = dir.join(format!("markup-{name}.bib"));
        std::fs::write(&file, export(&items, format, None).unwrap()).unwrap();
        let Some((stdout, stderr)) = pandoc_bibliography(&file) else {
            return missing("pandoc");
        };
        assert!(
            stderr.trim().is_empty(),
            "pandoc warned on {name}:\n{stderr}"
        );
        assert_eq!(
            stdout, want,
            "{name}: pandoc reads it otherwise than the original"
        );
        for wanted in ["DNA", "Müller", "Ørsted", "Drosophila", "R&D", "et al."] {
            assert!(
                stdout.contains(wanted),
                "{name}: no `{wanted}` in\n{stdout}"
            );
        }
        for unwanted in ["\\", "{", "}", "emph", "others"] {
            assert!(
                !stdout.contains(unwanted),
                "{name}: `{unwanted}` in\n{stdout}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `custom` object that says a list goes on, and rich-text titles, are
/// valid CSL-JSON.
#[test]
fn csl_json_with_et_al_and_markup_validates() {
    let Some(schema) = csl_schema() else {
        return missing("../shared/schemas/csl-data.json");
    };
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let original = std::fs::read_to_string(crate::export_common::project_path(
        "tests/fixtures/export/markup.bib",
    ))
    .unwrap();
    let items = citelint::export::import(&original, citelint::export::InputKind::Bibtex).unwrap();
    let json = export(&items, Format::CslJson, None).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["custom"]["author-et-al"], serde_json::json!(true));
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{json}\n{}", errors.join("\n"));
}
