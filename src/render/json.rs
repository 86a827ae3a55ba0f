//! `--format json`: one JSON object `{"files": [...]}` (see [`crate::report`]
//! for the wire format).
//!
//! The object is written in pieces so that a run over many files can write
//! each file's report as soon as it is done and forget it: [`HEAD`], then
//! [`file`] for each report joined by [`SEPARATOR`], then [`tail`].
//! [`render`] is that concatenation.

use crate::report::ToolError;
use crate::FileReport;

/// What opens the object.
pub const HEAD: &str = "{\n  \"files\": [";
/// What stands between two files.
pub const SEPARATOR: &str = ",";

/// One file's report, pretty-printed at the depth of the `files` array
/// (with the line break that precedes it).
pub fn file(report: &FileReport) -> String {
    // Serialising plain data cannot fail; say so in the output if it does.
    let body = serde_json::to_string_pretty(report)
        .unwrap_or_else(|e| format!("{{\"error\": \"{}\"}}", e.to_string().replace('"', "'")));
    // Strings hold no raw line breaks (JSON escapes them), so indenting line
    // by line is exact.
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    for line in body.split('\n') {
        out.push_str("\n    ");
        out.push_str(line);
    }
    out
}

/// What closes the object after `files` reports; files that could not be
/// checked follow as `"errors": [{"path": …, "message": …}]` (the key is
/// there only when there are some).
pub fn tail(files: usize, errors: &[ToolError]) -> String {
    let mut out = String::from(if files == 0 { "]" } else { "\n  ]" });
    if !errors.is_empty() {
        let list = serde_json::to_string_pretty(errors).unwrap_or_else(|_| "[]".into());
        out.push_str(",\n  \"errors\": ");
        out.push_str(&list.replace('\n', "\n  "));
    }
    out.push_str("\n}\n");
    out
}

/// The JSON report of `files`, pretty-printed.
pub fn render(files: &[FileReport]) -> String {
    let mut s = String::from(HEAD);
    for (i, f) in files.iter().enumerate() {
        if i > 0 {
            s.push_str(SEPARATOR);
        }
        s.push_str(&file(f));
    }
    s.push_str(&tail(files.len(), &[]));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(path: &str, text: &str) -> FileReport {
        FileReport::new(path, text, &crate::check(text))
    }

    #[test]
    fn pieces_make_what_serde_writes_for_the_whole() {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            files: &'a [FileReport],
        }
        let a = report(
            "a.txt",
            "See [1] and [2].\n\nReferences\n\n1. Smith J. A \"b\"\n\tc. J 1: 1.\n",
        );
        let b = report("b.txt", "Nothing cited.\n");
        for files in [&[][..], &[a.clone()][..], &[a, b][..]] {
            let mut whole = serde_json::to_string_pretty(&Out { files }).unwrap();
            whole.push('\n');
            assert_eq!(render(files), whole);
        }
    }

    #[test]
    fn files_that_could_not_be_checked_are_listed_as_errors() {
        let errors = [ToolError {
            path: "gone.txt".into(),
            message: "cannot read `gone.txt`: No such file".into(),
        }];
        let mut s = String::from(HEAD);
        s.push_str(&file(&report("b.txt", "Nothing cited.\n")));
        s.push_str(&tail(1, &errors));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["files"].as_array().unwrap().len(), 1);
        assert_eq!(v["errors"][0]["path"], "gone.txt");
        assert_eq!(
            v["errors"][0]["message"],
            "cannot read `gone.txt`: No such file"
        );
        let v: serde_json::Value =
            serde_json::from_str(&format!("{HEAD}{}", tail(0, &errors))).unwrap();
        assert_eq!(v["files"].as_array().unwrap().len(), 0);
        assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    }
}
