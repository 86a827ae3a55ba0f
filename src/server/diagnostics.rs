//! citelint findings as LSP diagnostics.
//!
//! Each finding keeps its code (`CL001`) and severity; its source is
//! `citelint`; its rule name is the code description's link, a Markdown
//! page of `citelint rule NAME`'s documentation written once under the
//! system's temporary folder; related places (the entry a mismatch probably
//! meant, the first copy of a duplicate) become related information; the
//! help line follows the message.

use std::path::PathBuf;
use std::sync::OnceLock;

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DiagnosticTag, Location, NumberOrString, Uri,
};

use super::positions::Lines;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RULES};

/// The LSP severity of a citelint severity.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The folder the rule pages are written to, once per process (`None`
/// when it cannot be written: the diagnostics then go without links).
fn rule_pages() -> Option<&'static PathBuf> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("citelint-{}-rules", env!("CARGO_PKG_VERSION")));
        std::fs::create_dir_all(&dir).ok()?;
        for r in RULES {
            let page = format!(
                "# {} ({})\n\nDefault severity: {}\n\n{}",
                r.name,
                r.code,
                r.severity.as_str(),
                r.doc
            );
            std::fs::write(dir.join(format!("{}.md", r.name)), page).ok()?;
        }
        Some(dir)
    })
    .as_ref()
}

/// A `file:` URI for a local path (characters outside the unreserved set
/// and `/` percent-encoded).
pub fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let s = path.to_str()?;
    let s = s.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// The link to a rule's documentation.
pub fn rule_link(rule: Rule) -> Option<CodeDescription> {
    let page = rule_pages()?.join(format!("{}.md", rule.info().name));
    Some(CodeDescription {
        href: file_uri(&page)?,
    })
}

/// One finding as an LSP diagnostic of the document at `uri`.
pub fn to_lsp(d: &Diagnostic, uri: &Uri, lines: &Lines) -> LspDiagnostic {
    let info = d.rule.info();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(r.span)),
            message: r.message.clone(),
        })
        .collect();
    LspDiagnostic {
        range: lines.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(info.code.to_string())),
        code_description: rule_link(d.rule),
        source: Some("citelint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        // an entry nothing cites is text the reader can do without
        tags: (d.rule == Rule::UncitedReference).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: Some(serde_json::json!({ "rule": info.name })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::positions::Encoding;
    use crate::source::LineIndex;

    #[test]
    fn a_duplicate_points_at_the_first_copy_and_links_its_rule() {
        let text = "One [1] and two [2].\n\nReferences\n\n1. Smith J. Fish. J Zool. 2001;1:1.\n2. Smith J. Fish. J Zool. 2001;1:1.\n";
        let checked = crate::check(text);
        let d = checked
            .diagnostics
            .iter()
            .find(|d| !d.related.is_empty())
            .expect("a finding with a related place");
        let index = LineIndex::new(text);
        let lines = Lines::new(text, &index, Encoding::Utf16);
        let uri: Uri = "file:///p/a.txt".parse().unwrap();
        let lsp = to_lsp(d, &uri, &lines);
        assert_eq!(lsp.source.as_deref(), Some("citelint"));
        assert_eq!(
            lsp.code,
            Some(NumberOrString::String(d.rule.info().code.into()))
        );
        let related = lsp.related_information.unwrap();
        assert_eq!(related[0].location.uri, uri);
        assert_eq!(lines.span(related[0].location.range), d.related[0].span);
        let href = lsp.code_description.expect("a rule link").href;
        assert!(href
            .as_str()
            .ends_with(&format!("{}.md", d.rule.info().name)));
        let page = crate::server::documents::file_path(&href).unwrap();
        let doc = std::fs::read_to_string(page).unwrap();
        assert!(doc.contains(d.rule.info().doc));
    }

    #[test]
    fn file_uris_are_escaped() {
        let uri = file_uri(std::path::Path::new("/tmp/a b/研.md")).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%E7%A0%94.md");
    }
}
