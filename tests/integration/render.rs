//! The reporters on one shared manuscript whose path and messages need
//! escaping: each format's escaping and shape.

use citelint::render::{self, Rendered};

const TEXT: &str = "See [5-3] and [1, 1] and [9].\n\nReferences\n\n1. A <One> & \"co\". J. 2001;1:1.\n2. B. Two. J. 2002.\n3. C. Three. J. 2003.\n4. D. Four. J. 2004.\n5. E. Five. J. 2005.\n";
const PATH: &str = "dir/a,b:c%.txt";

fn with<T>(f: impl FnOnce(&Rendered) -> T) -> T {
    let checked = citelint::check(TEXT);
    let report = citelint::FileReport::new(PATH, TEXT, &checked);
    f(&Rendered {
        path: PATH,
        text: TEXT,
        report: &report,
    })
}

#[test]
fn github_commands_escape_properties_and_data() {
    let out = with(render::github::render);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=dir/a%2Cb%3Ac%25.txt,line=1,col=6,endLine=1,endColumn=9,title=CL013 reversed-range::"),
        "{first}"
    );
    // The help line is joined with an escaped newline: one command per line.
    assert_eq!(out.lines().count(), with(|r| r.report.diagnostics.len()));
    assert!(out.contains("%0Ahelp: "));
}

#[test]
fn junit_escapes_xml() {
    let out = with(|r| render::junit::render(std::slice::from_ref(r)));
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert!(out.contains("<testsuite name=\"dir/a,b:c%.txt\""));
    let n = with(|r| r.report.diagnostics.len());
    assert_eq!(out.matches("<failure ").count(), n);
    assert_eq!(out.matches("<testcase ").count(), n);
    assert!(!out.contains(" & "), "raw ampersand in {out}");
}

#[test]
fn json_lines_carry_fixes() {
    let out = with(render::json_lines::render);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["path"], PATH);
    assert_eq!(first["rule"], "reversed-range");
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["replacement"], "3-5");
}

#[test]
fn sarif_results_have_regions_and_fixes() {
    let out = with(|r| render::sarif::render(std::slice::from_ref(r)));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "CL013");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 6);
    assert_eq!(region["byteOffset"], 5);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "dir/a%2Cb%3Ac%25.txt"
    );
    assert_eq!(
        result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "3-5"
    );
}

#[test]
fn human_output_says_a_fix_is_available() {
    let out = with(|r| render::human::render(r, false));
    assert!(
        out.contains("= note: fix available (safe): write the range as `3-5`"),
        "{out}"
    );
}
