//! Rendering reports as text. One module per output format; each returns a
//! `String` (the library never prints).
//!
//! | format | module | shape |
//! |---|---|---|
//! | `human` | [`human`] | findings with the source line underlined, then a summary |
//! | `concise` | [`concise`] | `path:line:col: CODE severity [rule] message` |
//! | `json` | [`json`] | one object `{"files": [...]}` ([`crate::report`]) |
//! | `json-lines` | [`json_lines`] | one JSON object per finding, with its `path` |
//! | `sarif` | [`sarif`] | SARIF 2.1.0, for GitHub code scanning |
//! | `github` | [`github`] | GitHub Actions workflow commands (`::error …`) |
//! | `junit` | [`junit`] | JUnit XML, one test case per finding |
//!
//! [`statistics`] is the `--statistics` table.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod sarif;
pub mod statistics;

/// A checked file, as the renderers see it.
pub struct Rendered<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The manuscript text.
    pub text: &'a str,
    /// The report.
    pub report: &'a crate::FileReport,
}

/// A path as a forward-slash relative URI-ish string (`./a\b.txt` → `a/b.txt`).
pub(crate) fn portable_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}
