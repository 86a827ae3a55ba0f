//! The same manuscripts fed to `pandoc --citeproc` and to citelint: the
//! keys pandoc warns about (`citation KEY not found`) are exactly the keys
//! citelint reports as `unknown-key` in the text. pandoc says nothing
//! about a missing key listed only in `nocite`; citelint reports it too,
//! which the test checks apart.
//!
//! pandoc is outside the project (CI installs it with
//! `.ci/install-pandoc`): without it the test fails if `CI` is set and
//! skips with a notice otherwise.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use citelint::config::Settings;
use citelint::keys::Form;

use crate::export_common::in_ci;

/// The keys pandoc reports missing for the manuscript at `path`, run in
/// the manuscript's directory (as Quarto resolves the bibliography).
fn pandoc_missing(path: &Path) -> Option<BTreeSet<String>> {
    let out = Command::new("pandoc")
        .current_dir(path.parent().unwrap())
        .args(["--citeproc", "-t", "plain", "-o", "/dev/null"])
        .arg(path.file_name().unwrap())
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "pandoc failed on {}: {err}",
        path.display()
    );
    Some(
        err.lines()
            .filter_map(|l| {
                let rest = l.split_once("citation ")?.1;
                rest.strip_suffix(" not found").map(String::from)
            })
            .collect(),
    )
}

/// citelint's unknown keys: (in the text, only in `nocite`).
fn citelint_unknown(path: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let settings = Settings::default();
    let keyed = citelint::keys::prepare(Some(path), &text, &settings)
        .unwrap()
        .unwrap();
    let forms: Vec<(String, Form)> = keyed
        .cites
        .iter()
        .map(|c| (c.key.clone(), c.form))
        .collect();
    let checked = citelint::keys::check(&text, keyed, &settings);
    let mut in_text = BTreeSet::new();
    let mut nocite = BTreeSet::new();
    for d in checked
        .diagnostics
        .iter()
        .filter(|d| d.rule.info().name == "unknown-key")
    {
        let key = d.span.slice(&text).to_string();
        let form = forms.iter().find(|(k, _)| *k == key).map(|(_, f)| *f);
        if form == Some(Form::Nocite) {
            nocite.insert(key);
        } else {
            in_text.insert(key);
        }
    }
    (in_text, nocite)
}

#[test]
fn pandoc_and_citelint_agree_on_missing_keys() {
    let root = crate::root();
    let cases = [
        (
            "tests/fixtures/keys/pandoc-compare.md",
            11,
            vec!["nocite-missing"],
        ),
        ("tests/fixtures/keys/findings.md", 4, vec![]),
        ("paper/keys-pandoc.md", 0, vec![]),
    ];
    for (name, count, nocite_only) in cases {
        let path = root.join(name);
        let Some(pandoc) = pandoc_missing(&path) else {
            assert!(!in_ci(), "pandoc is missing, and CI is set");
            let _ = writeln!(
                std::io::stderr(),
                "notice: skipping, pandoc is missing (set CI to make this a failure)"
            );
            return;
        };
        let (ours, nocite) = citelint_unknown(&path);
        assert_eq!(ours, pandoc, "{name}");
        assert_eq!(ours.len(), count, "{name}: {ours:?}");
        assert_eq!(
            nocite.iter().map(String::as_str).collect::<Vec<_>>(),
            nocite_only,
            "{name}"
        );
    }
}
