//! `--format json`: one JSON object `{"files": [...]}` (see [`crate::report`]
//! for the wire format).

use serde::Serialize;

use crate::FileReport;

#[derive(Serialize)]
struct Out<'a> {
    files: &'a [FileReport],
}

/// The JSON report of `files`, pretty-printed.
pub fn render(files: &[FileReport]) -> String {
    let mut s = serde_json::to_string_pretty(&Out { files }).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; say so in the output if it does.
        format!("{{\"error\": \"{e}\"}}")
    });
    s.push('\n');
    s
}
