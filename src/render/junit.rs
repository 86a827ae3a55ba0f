//! `--format junit`: JUnit XML for CI systems that show test reports. Each
//! file is a `testsuite`; each finding a failing `testcase` named after its
//! rule and place; a file with no findings has one passing test case.

use std::fmt::Write;

use super::Rendered;
use crate::report::ToolError;

/// Escapes text for an XML attribute or element.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// What opens the report, given the totals over every file (`errors`:
/// the files that could not be checked, one erroring test case each).
pub fn head(tests: usize, failures: usize, errors: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"citelint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
    )
}

/// The `testsuite` of a file that could not be checked: one test case in
/// error.
pub fn error_suite(e: &ToolError) -> String {
    let path = escape(&e.path);
    let message = escape(&e.message);
    format!(
        "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\">\n\
         \x20   <testcase name=\"read {path}\" classname=\"{path}\">\n\
         \x20     <error type=\"tool-error\" message=\"{message}\">{message}</error>\n\
         \x20   </testcase>\n\
         \x20 </testsuite>\n"
    )
}

/// What closes the report.
pub const TAIL: &str = "</testsuites>\n";

/// The number of test cases `file` gives `f`: one per finding, or one
/// passing case.
pub fn tests(f: &Rendered) -> usize {
    f.report.diagnostics.len().max(1)
}

/// One file's `testsuite`.
pub fn file(f: &Rendered) -> String {
    let mut out = String::new();
    let path = escape(f.path);
    let n = f.report.diagnostics.len();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\" errors=\"0\">",
        n.max(1)
    );
    if n == 0 {
        let _ = writeln!(
            out,
            "    <testcase name=\"no problems found\" classname=\"{path}\"/>"
        );
    }
    for d in &f.report.diagnostics {
        let _ = writeln!(
            out,
            "    <testcase name=\"{} {} at {}:{}\" classname=\"{path}\">",
            d.code, d.rule, d.line, d.column
        );
        let mut body = format!("{}:{}:{}: {}", f.path, d.line, d.column, d.message);
        if let Some(help) = &d.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            d.severity.as_str(),
            escape(&d.message),
            escape(&body)
        );
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out
}

/// The JUnit report of every file.
pub fn render(files: &[Rendered]) -> String {
    let total: usize = files.iter().map(tests).sum();
    let failures: usize = files.iter().map(|f| f.report.diagnostics.len()).sum();
    let mut out = head(total, failures, 0);
    for f in files {
        out.push_str(&file(f));
    }
    out.push_str(TAIL);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_special_characters_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{fffd}"
        );
    }
}
