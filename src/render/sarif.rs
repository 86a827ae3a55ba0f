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

/// The SARIF log of every file, pretty-printed.
pub fn render(files: &[Rendered]) -> String {
    let mut results = Vec::new();
    for f in files {
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
                        let mut l =
                            location(r.start, r.end, r.line, r.column, end.line, end.column);
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
            results.push(result);
        }
    }
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
            "results": results,
        }],
    });
    let mut s =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
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
}
