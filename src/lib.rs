//! citelint: a citation and reference checker for plain-text manuscripts.
//!
//! A manuscript goes in; citelint finds its citation markers (`[1]`,
//! `^[2,3]`, `[3–5]`, `(1)` …) with exact byte spans, finds and splits its
//! reference list, links the two, parses each entry into CSL-JSON fields and
//! reports what does not add up. The library never prints: it returns
//! values, and the `citelint` binary renders them.
//!
//! ```
//! let text = "As shown [1] and [2].\n\nReferences\n\n1. Smith J (2001) A. J 1: 1.\n";
//! let checked = citelint::check(text);
//! assert_eq!(checked.doc.markers.len(), 2);
//! let rules: Vec<_> = checked.diagnostics.iter().map(|d| d.rule.info().name).collect();
//! assert_eq!(rules, ["unresolved-citation"]);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod csl;
pub mod diagnostic;
pub mod export;
pub mod link;
pub mod parse;
pub mod refparse;
pub mod render;
pub mod report;
pub mod rules;
pub mod source;

pub use diagnostic::{Diagnostic, Severity};
pub use parse::Manuscript;
pub use report::{Checked, FileReport};

/// Parses a manuscript: markers and reference list, no checks.
pub fn parse(text: &str) -> Manuscript {
    Manuscript::parse(text)
}

/// Parses, links and checks a manuscript with every rule.
pub fn check(text: &str) -> Checked {
    let doc = Manuscript::parse(text);
    let links = link::link(text, &doc);
    let items = doc
        .list
        .as_ref()
        .map(|l| {
            l.entries
                .iter()
                .map(|e| refparse::parse_reference(e.text_span.slice(text)))
                .collect()
        })
        .unwrap_or_default();
    let diagnostics = rules::run(&rules::Context {
        text,
        doc: &doc,
        links: &links,
    });
    Checked {
        doc,
        links,
        items,
        diagnostics,
    }
}
