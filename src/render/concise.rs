//! `--format concise`: `path:line:col: CODE [rule] message`, one line a
//! finding, for editors and grep.

use std::fmt::Write;

use super::Rendered;

/// One line per finding.
pub fn render(file: &Rendered) -> String {
    let mut out = String::new();
    for d in &file.report.diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} [{}] {}",
            file.path,
            d.line,
            d.column,
            d.code,
            d.severity.as_str(),
            d.rule,
            d.message
        );
    }
    out
}
