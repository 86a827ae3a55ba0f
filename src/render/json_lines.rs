//! `--format json-lines`: one JSON object per finding, each on its own
//! line, with the file's `path` beside the fields of a diagnostic in the
//! JSON report (`rule`, `code`, `severity`, `start`, `end`, `line`,
//! `column`, `end_line`, `end_column`, `message`, `help`, `related`, `fix`).
//! A file with no findings prints nothing.

use serde::Serialize;

use super::Rendered;
use crate::report::DiagnosticOut;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: &'a DiagnosticOut,
}

/// One line per finding of `file`.
pub fn render(file: &Rendered) -> String {
    let mut out = String::new();
    for d in &file.report.diagnostics {
        let line = Line {
            path: file.path,
            diagnostic: d,
        };
        if let Ok(s) = serde_json::to_string(&line) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}

/// A file that could not be checked: `{"path": …, "error": …}`.
pub fn tool_error(e: &crate::report::ToolError) -> String {
    let v = serde_json::json!({"path": e.path, "error": e.message});
    format!("{v}\n")
}
