//! `--format github`: GitHub Actions workflow commands, one per finding,
//! which the Actions runner turns into annotations on the pull request:
//!
//! ```text
//! ::error file=paper/x.txt,line=25,col=145,endLine=25,endColumn=149,title=CL001 unresolved-citation::citation `^[3]` cites …
//! ```
//!
//! Property values escape `%`, CR, LF, `:` and `,`; the message escapes
//! `%`, CR and LF, as the runner expects.

use std::fmt::Write;

use super::Rendered;
use crate::diagnostic::Severity;

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per finding of `file`.
pub fn render(file: &Rendered) -> String {
    let mut out = String::new();
    let path = escape_property(&super::portable_path(file.path));
    for d in &file.report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = write!(
            out,
            "::{command} file={path},line={},col={},",
            d.line, d.column
        );
        let _ = write!(out, "endLine={},endColumn={},", d.end_line, d.end_column);
        let _ = writeln!(
            out,
            "title={}::{}",
            escape_property(&format!("{} {}", d.code, d.rule)),
            escape_data(&message)
        );
    }
    out
}

/// A file that could not be checked, as an error annotation on the file.
pub fn tool_error(e: &crate::report::ToolError) -> String {
    format!(
        "::error file={},title=citelint::{}\n",
        escape_property(&super::portable_path(&e.path)),
        escape_data(&e.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
