//! Snapshots of the reports of the manuscripts in `paper/`.

use crate::root;

fn report(name: &str) -> (String, citelint::FileReport) {
    let path = format!("paper/{name}");
    let text = std::fs::read_to_string(root().join(&path)).expect("paper exists");
    let checked = citelint::check(&text);
    let report = citelint::FileReport::new(&path, &text, &checked);
    (text, report)
}

#[test]
fn seed_json_report() {
    let (_, report) = report("cyberspace-governance.txt");
    insta::assert_json_snapshot!("seed_json", report);
}

#[test]
fn seed_findings_are_the_real_ones() {
    let (text, report) = report("cyberspace-governance.txt");
    // ^[1] five times and ^[2] once resolve; ^[3] and ^[4] do not.
    let resolved: Vec<&str> = report
        .markers
        .iter()
        .filter(|m| m.unresolved.is_empty())
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(resolved.iter().filter(|t| **t == "^[1]").count(), 5);
    assert_eq!(resolved.iter().filter(|t| **t == "^[2]").count(), 1);
    let unresolved: Vec<(&str, usize)> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "unresolved-citation")
        .map(|d| (&text[d.start..d.end], d.line))
        .collect();
    assert_eq!(unresolved, [("^[3]", 25), ("^[4]", 29)]);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.rule != "uncited-reference"));
    let stray: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "empty-reference")
        .map(|d| &text[d.start..d.end])
        .collect();
    assert_eq!(stray, ["-"]);
    assert_eq!(report.references.len(), 2);
}

#[test]
fn seed_human_output() {
    let path = "paper/cyberspace-governance.txt";
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    insta::assert_snapshot!("seed_human", crate::human(path, &text));
}

/// The short manuscripts written for this project, one layout each.
const SAMPLES: [&str; 4] = [
    "bracket-list.txt",
    "dot-list-wrapped.txt",
    "caret-superscript.txt",
    "author-year-apa.txt",
];

#[test]
fn own_samples_are_clean_and_fully_linked() {
    for name in SAMPLES {
        let (_, report) = report(name);
        assert!(
            report.diagnostics.is_empty(),
            "{name}: {:?}",
            report.diagnostics
        );
        assert!(report.markers.len() >= 5, "{name}");
        assert!(report.markers.iter().all(|m| !m.refs.is_empty()), "{name}");
    }
}

#[test]
fn own_samples_snapshot() {
    for name in SAMPLES {
        let (_, report) = report(name);
        let markers: Vec<String> = report
            .markers
            .iter()
            .map(|m| {
                format!(
                    "{}..{} {:?} {:?} -> {:?}",
                    m.start, m.end, m.kind, m.text, m.refs
                )
            })
            .collect();
        insta::assert_snapshot!(format!("sample_{name}"), markers.join("\n"));
    }
}

#[test]
fn author_year_dev_paper_json_report() {
    let Some(dir) = crate::dev_papers() else {
        return;
    };
    let path = dir.join("author-year/elife.06726.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = citelint::check(&text);
    let report = citelint::FileReport::new("elife.06726.txt", &text, &checked);
    insta::assert_json_snapshot!("dev_author_year_elife_06726", report);
}
