//! Key-citing manuscripts (`tests/fixtures/keys/`): every marker form,
//! every finding, the bibliography files' own reports.

use std::process::{Command, Output};

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

use citelint::config::Settings;
use citelint::source::LineIndex;

const DIR: &str = "tests/fixtures/keys";

fn keyed(name: &str) -> (String, citelint::keys::Keyed) {
    let path = crate::root().join(DIR).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let keyed = citelint::keys::prepare(Some(&path), &text, &Settings::default())
        .unwrap()
        .expect("a key-citing manuscript");
    (text, keyed)
}

/// One line a cited key: where, how, the key and the whole citation.
fn markers(name: &str) -> String {
    let (text, keyed) = keyed(name);
    let index = LineIndex::new(&text);
    keyed
        .cites
        .iter()
        .map(|c| {
            let at = index.line_col(&text, c.key_span.start);
            assert_eq!(c.key_span.slice(&text).trim_matches(['{', '}']), c.key);
            format!(
                "{}:{} {:?} `{}` in `{}`\n",
                at.line,
                at.column,
                c.form,
                c.key,
                c.span.slice(&text).replace('\n', "⏎")
            )
        })
        .collect()
}

#[test]
fn pandoc_marker_forms() {
    let got = markers("markers.md");
    // the forms that must not be citations
    for not in ["someone", "\\@", "@ alone"] {
        assert!(!got.contains(not), "{not}: {got}");
    }
    insta::assert_snapshot!("pandoc_markers", got);
}

#[test]
fn latex_marker_forms() {
    let got = markers("markers.tex");
    for not in ["in-a-comment", "in-verbatim", "in-verb"] {
        assert!(!got.contains(not), "{not}: {got}");
    }
    insta::assert_snapshot!("latex_markers", got);
}

fn check(args: &[&str]) -> Command {
    let mut c = Command::new(get_cargo_bin("citelint"));
    c.current_dir(crate::root())
        .env_remove("CI")
        .env("NO_COLOR", "1")
        .args(["check", "--isolated"])
        .args(args);
    c
}

fn run(args: &[&str]) -> Output {
    check(args).output().expect("citelint runs")
}

#[test]
fn marker_fixtures_are_clean() {
    for name in ["markers.md", "markers.tex"] {
        let o = run(&[&format!("{DIR}/{name}")]);
        assert_eq!(o.status.code(), Some(0), "{name}");
    }
}

#[test]
fn every_finding_human() {
    assert_cmd_snapshot!(check(&["tests/fixtures/keys/findings.md"]));
}

#[test]
fn nocite_all_and_a_bibliography_without_extension() {
    assert_cmd_snapshot!(check(&[
        "--format",
        "concise",
        "tests/fixtures/keys/nocite-all.tex"
    ]));
}

#[test]
fn keys_without_a_bibliography() {
    assert_cmd_snapshot!(check(&["tests/fixtures/keys/no-bibliography.md"]));
}

#[test]
fn findings_in_bibliography_files_are_reports_of_their_own() {
    let o = run(&["--format", "json", "tests/fixtures/keys/findings.md"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "tests/fixtures/keys/findings.md",
            "tests/fixtures/keys/findings.bib",
            "tests/fixtures/keys/findings.yaml"
        ]
    );
    // each finding's line is a line of its own file
    for f in files {
        let text =
            std::fs::read_to_string(crate::root().join(f["path"].as_str().unwrap())).unwrap();
        for d in f["diagnostics"].as_array().unwrap() {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let line = text[..s].matches('\n').count() + 1;
            assert_eq!(d["line"].as_u64(), Some(line as u64));
            assert!(!text[s..e].trim().is_empty(), "{d}");
        }
    }
    let bib = &files[1]["diagnostics"];
    let rules: Vec<&str> = bib
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    for r in [
        "unused-entry",
        "duplicate-entry",
        "missing-year",
        "missing-title",
        "missing-author",
        "invalid-doi",
        "invalid-isbn",
        "invalid-issn",
        "invalid-url",
    ] {
        assert!(rules.contains(&r), "{r}: {rules:?}");
    }
    assert_eq!(files[2]["diagnostics"][0]["rule"], "duplicate-key");
}

#[test]
fn a_broken_bibliography_is_a_tool_error_with_its_position() {
    let o = run(&["tests/fixtures/keys/broken.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`tests/fixtures/keys/broken.bib`:4:1:"),
        "{err}"
    );
}

#[test]
fn bib_flag_and_config_add_a_bibliography() {
    // no bibliography named: --bib gives it
    let o = run(&[
        "--bib",
        "tests/fixtures/keys/markers.bib",
        "--format",
        "concise",
        "tests/fixtures/keys/no-bibliography.md",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("citation key `lee2010`"), "{out}");
    assert!(!out.contains("missing-reference-list"), "{out}");
    assert!(
        out.contains("[unused-entry] bibliography entry `doe:99`"),
        "{out}"
    );
    let bib = crate::root().join(DIR).join("markers.bib");
    let cfg = citelint::config::FileConfig::from_toml(&format!(
        "[references]\nbibliography = [{:?}]",
        bib.display().to_string()
    ))
    .unwrap()
    .resolve()
    .unwrap();
    let path = crate::root().join(DIR).join("no-bibliography.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let keyed = citelint::keys::prepare(Some(&path), &text, &cfg)
        .unwrap()
        .unwrap();
    assert_eq!(keyed.files.len(), 1);
    assert!(keyed.entries.iter().any(|e| e.key == "lee2010"));
}

fn copy_findings() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["findings.md", "findings.bib", "findings.yaml"] {
        std::fs::copy(crate::root().join(DIR).join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn fix_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(get_cargo_bin("citelint"))
        .current_dir(dir)
        .arg("fix")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn fix_corrects_keys_and_removes_unused_entries_only_when_unsafe() {
    let dir = copy_findings();
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let (md, bib) = (read("findings.md"), read("findings.bib"));
    let o = fix_in(dir.path(), &["findings.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        (read("findings.md"), read("findings.bib")),
        (md.clone(), bib.clone())
    );
    let o = fix_in(dir.path(), &["--unsafe-fixes", "findings.md"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("findings.bib:67:10: fixed [remove-unused-entry]"),
        "{err}"
    );
    assert!(
        err.contains("`lee2010` is kept: it may be what `lee201` means"),
        "{err}"
    );
    let (new_md, new_bib) = (read("findings.md"), read("findings.bib"));
    assert_eq!(
        new_md,
        md.replace("[@smtih2008]", "[@smith2008]")
            .replace("@Smith2008", "@smith2008")
    );
    assert!(!new_bib.contains("unused2019") && new_bib.contains("@article{lee2010,"));
    assert_eq!(bib.len() - new_bib.len(), "@article{unused2019,\n  author = {Un, U.}, title = {Never cited}, journal = {Copeia}, year = 2019\n}\n".len());
    // checked again: the repaired findings are gone, the others stay
    let o = Command::new(get_cargo_bin("citelint"))
        .current_dir(dir.path())
        .args(["check", "--isolated", "--format", "concise", "findings.md"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        !out.contains("smtih2008") && !out.contains("unused2019"),
        "{out}"
    );
    assert!(
        out.contains("`lee201`") && out.contains("`nobody`"),
        "{out}"
    );
    // nothing left for fix to do: --check passes
    assert_eq!(
        fix_in(dir.path(), &["--check", "--unsafe-fixes", "findings.md"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn convert_writes_the_cited_subset() {
    let o = run_convert(&["tests/fixtures/keys/findings.md", "--to", "csl-json"]);
    let items: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "inline2001",
            "smith2008",
            "dup2020",
            "doi-a2015",
            "doi-b2015",
            "noyear",
            "notitle",
            "noauthor",
            "baddoi",
            "badisbn",
            "badissn",
            "badurl",
            "same-a",
            "same-b"
        ]
    );
    let o = run_convert(&["paper/keys-latex.tex", "--to", "bibtex"]);
    let bib = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        bib.matches("\n@").count() + usize::from(bib.starts_with('@')),
        5,
        "{bib}"
    );
}

fn run_convert(args: &[&str]) -> Output {
    let o = Command::new(get_cargo_bin("citelint"))
        .current_dir(crate::root())
        .arg("convert")
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

mod never_panic {
    use proptest::prelude::*;

    use citelint::keys::{Keyed, Syntax};

    /// Text made of what the scanners look at.
    fn soup() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("[".to_string()),
                Just("]".to_string()),
                Just("@".to_string()),
                Just("-@".to_string()),
                Just(";".to_string()),
                Just("{".to_string()),
                Just("}".to_string()),
                Just("\\".to_string()),
                Just("\\cite".to_string()),
                Just("\\begin{verbatim}".to_string()),
                Just("%".to_string()),
                Just("\n".to_string()),
                Just("---\n".to_string()),
                Just("é".to_string()),
                "[a-z0-9:./ ]{0,4}",
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn scanners_keep_spans_inside_the_text(text in soup()) {
            for syntax in [Syntax::Pandoc, Syntax::Latex] {
                // an error (bad front matter) is fine; a panic is not
                if let Ok(Some(keyed)) = Keyed::read(None, &text, syntax, &[]) {
                    for c in &keyed.cites {
                        prop_assert!(c.span.start <= c.key_span.start);
                        prop_assert!(c.key_span.end <= c.span.end && c.span.end <= text.len());
                        prop_assert!(text.get(c.key_span.start..c.key_span.end).is_some());
                        prop_assert!(text[c.key_span.start..c.key_span.end].contains(c.key.as_str()));
                    }
                }
            }
        }
    }
}
