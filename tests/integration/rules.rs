//! Every rule against its fixtures: `tests/fixtures/rules/<rule>/*.txt` in,
//! the human rendering of the findings out (one snapshot per fixture). Each
//! fixture says in its text which cases are positive and which negative;
//! the assertions below check that each rule fires where it should.

use std::collections::BTreeSet;

#[test]
fn rule_fixtures() {
    insta::glob!("../fixtures/rules", "*/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path
            .strip_prefix(crate::root().join("tests/fixtures/rules"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        insta::assert_snapshot!(crate::human(&name, &text));
    });
}

/// The rules that fire on a fixture.
fn fired(rel: &str) -> BTreeSet<&'static str> {
    let text =
        std::fs::read_to_string(crate::root().join("tests/fixtures/rules").join(rel)).unwrap();
    citelint::check(&text)
        .diagnostics
        .iter()
        .map(|d| d.rule.info().name)
        .collect()
}

#[test]
fn each_rule_fires_on_its_positive_fixture() {
    for rule in citelint::rules::RULES {
        let dir = crate::root().join("tests/fixtures/rules").join(rule.name);
        assert!(dir.is_dir(), "no fixtures for {}", rule.name);
        let any = std::fs::read_dir(&dir).unwrap().any(|e| {
            let p = e.unwrap().path();
            let rel = format!("{}/{}", rule.name, p.file_name().unwrap().to_string_lossy());
            fired(&rel).contains(rule.name)
        });
        assert!(any, "{} never fires on its fixtures", rule.name);
    }
}

#[test]
fn negative_fixtures_stay_quiet() {
    assert!(fired("uncited-reference/range.txt").is_empty());
    assert!(fired("missing-reference-list/has-list.txt").is_empty());
    assert_eq!(
        fired("unresolved-citation/numeric.txt"),
        BTreeSet::from(["unresolved-citation"])
    );
    assert_eq!(
        fired("year-mismatch/apa.txt"),
        BTreeSet::from(["year-mismatch"])
    );
    assert_eq!(
        fired("author-mismatch/apa.txt"),
        BTreeSet::from(["author-mismatch"])
    );
    assert_eq!(
        fired("et-al-misuse/apa.txt"),
        BTreeSet::from(["et-al-misuse"])
    );
}
