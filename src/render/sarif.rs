//! `--format sarif`: one SARIF 2.1.0 log for the whole run, as GitHub code
//! scanning reads it.
//!
//! ## Wire format
//!
//! One run whose `tool.driver.rules` lists every rule of the registry (id =
//! code, `name`, short and full description, `help` in Markdown, default
//! level), whatever ran, so that `ruleIndex` is stable. Each finding is a
//! result with `ruleId`, `ruleIndex`, `level` (`error`, `warning`, `note`),
//! the message (with the help line), one physical location whose region
//! has 1-based `startLine`/`startColumn`/`endLine`/`endColumn` and
//! `byteOffset`/`byteLength`, related locations, and `fixes` when the rule
//! knows a repair. The run declares `columnKind: unicodeCodePoints`, which
//! is how citelint counts columns. Paths are relative URIs with forward
//! slashes; standard input is `stdin`.

use serde_json::{json, Value};

use super::{portable_path, Rendered};
use crate::diagnostic::Severity;
use crate::rules::RULES;

/// The SARIF schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes what may not stand in a relative URI reference.
fn uri(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    let portable = portable_path(path);
    // An absolute path becomes a `file://` URI; a relative one stays a
    // relative reference (code scanning resolves it against the checkout).
    let mut out = String::new();
    let absolute = portable.starts_with('/') || portable.as_bytes().get(1) == Some(&b':');
    if absolute {
        out.push_str("file://");
        if !portable.starts_with('/') {
            out.push('/');
        }
    }
    for b in portable.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if absolute && out.len() == "file:///".len() + 1 => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": r.doc, "markdown": r.doc},
                "defaultConfiguration": {
                    "level": level(r.severity),
                    "enabled": r.default_enabled,
                },
                "properties": {"tags": ["citations"]},
            })
        })
        .collect()
}

/// The results of one file, each pretty-printed at its depth in the log
/// (after a line break), joined by commas; empty when the file has no
/// findings. See [`render`] for how the pieces fit.
pub fn file(f: &Rendered) -> String {
    let location = |start: usize, end: usize, line, col, end_line, end_col| {
        json!({"physicalLocation": {
            "artifactLocation": {"uri": uri(f.path)},
            "region": {
                "startLine": line, "startColumn": col,
                "endLine": end_line, "endColumn": end_col,
                "byteOffset": start, "byteLength": end - start,
            },
        }})
    };
    let index = crate::source::LineIndex::new(f.text);
    let mut out = String::new();
    for d in &f.report.diagnostics {
        let rule_index = RULES.iter().position(|r| r.code == d.code).unwrap_or(0);
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push_str(". Help: ");
            text.push_str(help);
        }
        let mut result = json!({
            "ruleId": d.code,
            "ruleIndex": rule_index,
            "level": level(d.severity),
            "message": {"text": text},
            "locations": [location(d.start, d.end, d.line, d.column, d.end_line, d.end_column)],
        });
        if !d.related.is_empty() {
            result["relatedLocations"] = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let end = index.line_col(f.text, r.end);
                    let mut l = location(r.start, r.end, r.line, r.column, end.line, end.column);
                    l["id"] = json!(i);
                    l["message"] = json!({"text": r.message});
                    l
                })
                .collect();
        }
        if let Some(fix) = &d.fix {
            result["fixes"] = json!([{
                "description": {"text": fix.title},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(f.path)},
                    "replacements": fix.edits.iter().map(|e| json!({
                        "deletedRegion": {"byteOffset": e.start, "byteLength": e.end - e.start},
                        "insertedContent": {"text": e.replacement},
                    })).collect::<Vec<_>>(),
                }],
            }]);
        }
        if !out.is_empty() {
            out.push(',');
        }
        let body = serde_json::to_string_pretty(&result).unwrap_or_default();
        // JSON strings hold no raw line breaks: indenting by line is exact.
        for line in body.split('\n') {
            out.push_str("\n        ");
            out.push_str(line);
        }
    }
    out
}

/// The log around the results, split where the results go: what comes
/// before them (ending in `"results": [`) and what follows the last one.
pub fn frame() -> (String, String) {
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "citelint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": [],
        }],
    });
    let mut s =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    // Quotes inside strings are escaped, so the key occurs once.
    const KEY: &str = "\"results\": [";
    match s.find(KEY) {
        Some(at) => {
            let rest = s.split_off(at + KEY.len());
            (s, rest.strip_prefix(']').unwrap_or(&rest).to_string())
        }
        None => (s, String::new()),
    }
}

/// What closes the results array: `]` right away when there were none.
pub fn close_results(any: bool) -> &'static str {
    if any {
        "\n      ]"
    } else {
        "]"
    }
}

/// What follows the results when some files could not be checked: the
/// run's `invocations`, unsuccessful, with a `toolExecutionNotifications`
/// error per file (its message, and the file as the location). Empty when
/// every file was checked.
pub fn invocations(errors: &[crate::report::ToolError]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let notes: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    let v = json!([{"executionSuccessful": false, "toolExecutionNotifications": notes}]);
    let body = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".into());
    format!(
        ",\n      \"invocations\": {}",
        body.replace('\n', "\n      ")
    )
}

/// The SARIF log of every file, pretty-printed: the [`frame`] around the
/// [`file`] pieces, which are joined by commas.
pub fn render(files: &[Rendered]) -> String {
    let (mut s, tail) = frame();
    let mut any = false;
    for f in files {
        let piece = file(f);
        if piece.is_empty() {
            continue;
        }
        if any {
            s.push(',');
        }
        s.push_str(&piece);
        any = true;
    }
    s.push_str(close_results(any));
    s.push_str(&tail);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./paper/a b.txt"), "paper/a%20b.txt");
        assert_eq!(uri("dir\\x.txt"), "dir/x.txt");
        assert_eq!(uri("-"), "stdin");
        assert_eq!(uri("/work/a b.txt"), "file:///work/a%20b.txt");
        assert_eq!(uri("C:\\x\\y.txt"), "file:///C:/x/y.txt");
    }

    #[test]
    fn pieces_make_what_serde_writes_for_the_whole_log() {
        let texts = [
            "See [1] and [3].\n\nReferences\n\n1. Smith J. A. J 1: 1.\n2. Lee K. B. J 2: 2.\n",
            "Nothing cited.\n",
            "See [2].\n\nReferences\n\n1. Smith J. A \"q\". J 1: 1.\n",
        ];
        let reports: Vec<_> = texts
            .iter()
            .map(|t| crate::FileReport::new("p.txt", t, &crate::check(t)))
            .collect();
        let all: Vec<Rendered> = texts
            .iter()
            .zip(&reports)
            .map(|(t, r)| Rendered {
                path: "p.txt",
                text: t,
                report: r,
            })
            .collect();
        for files in [&all[..0], &all[1..2], &all[..]] {
            let out = render(files);
            let value: Value = serde_json::from_str(&out).unwrap();
            let n: usize = files.iter().map(|f| f.report.diagnostics.len()).sum();
            assert_eq!(
                value["runs"][0]["results"].as_array().map(Vec::len),
                Some(n)
            );
            assert_eq!(serde_json::to_string_pretty(&value).unwrap() + "\n", out);
        }
    }
}
