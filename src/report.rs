//! The check report: what [`crate::check`] returns, and its JSON form.
//!
//! # Wire format (`citelint check --format json`)
//!
//! ```json
//! {"files": [{
//!   "path": "paper/x.txt",
//!   "markers": [{"start": 1648, "end": 1656, "text": "[1, 3-5]", "kind": "bracket",
//!                "refs": [0, 2, 3, 4], "unresolved": []}],
//!   "references": [{"start": 23972, "end": 24102, "label": "1",
//!                   "text_start": 23975, "csl": {"type": "article-journal", "…": "…"}}],
//!   "diagnostics": [{"rule": "unresolved-citation", "code": "CL001", "severity": "error",
//!                    "start": 1648, "end": 1656, "line": 41, "column": 12,
//!                    "end_line": 41, "end_column": 20,
//!                    "message": "…", "help": "…", "related": [],
//!                    "fix": {"applicability": "unsafe", "title": "…",
//!                            "edits": [{"start": 900, "end": 960, "replacement": ""}]}}],
//!   "summary": {"markers": 1, "references": 1, "errors": 0, "warnings": 0, "infos": 0}
//! }]}
//! ```
//!
//! Offsets are UTF-8 byte offsets into the file as read, half-open. `line`
//! is 1-based, `column` is 1-based in Unicode scalar values. `refs` are
//! indices into `references`; `unresolved` holds what a marker cites that
//! has no entry, as written (`"6"`). `fix` is present only on findings
//! with a repair; its `applicability` is `safe`, `unsafe` or `display-only`.

use serde::Serialize;

use crate::csl::Item;
use crate::diagnostic::{Diagnostic, Severity};
use crate::link::Link;
use crate::parse::Manuscript;
use crate::source::{LineIndex, Span};

/// The result of checking one manuscript.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Markers and reference list.
    pub doc: Manuscript,
    /// What each marker resolves to (parallel to `doc.markers`).
    pub links: Vec<Link>,
    /// The parsed fields of each entry (parallel to the list's entries).
    pub items: Vec<Item>,
    /// Findings, ordered by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the text was read through the layout stage (PDF text): its
    /// spans still point into the text as given, but lines were joined and
    /// page furniture skipped to read it.
    pub laid_out: bool,
    /// The byte ranges that were not read because they are not prose
    /// (Markdown code, HTML, link definitions, autolinks: see
    /// [`crate::markdown`]), sorted and disjoint; empty for plain text.
    pub non_prose: Vec<Span>,
    /// A key-citing manuscript's citations and bibliography (see
    /// [`crate::keys`]); `None` for a plain-text manuscript.
    pub keys: Option<crate::keys::Keyed>,
}

impl Checked {
    /// Number of findings at or above `level`.
    pub fn count_at_least(&self, level: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity >= level)
            .count()
    }
}

/// One file's report, in its serialised form.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// Every marker.
    pub markers: Vec<MarkerOut>,
    /// Every reference entry.
    pub references: Vec<ReferenceOut>,
    /// Every finding.
    pub diagnostics: Vec<DiagnosticOut>,
    /// Counts.
    pub summary: Summary,
}

/// A marker in the report.
#[derive(Debug, Clone, Serialize)]
pub struct MarkerOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: crate::parse::MarkerKind,
    pub refs: Vec<usize>,
    pub unresolved: Vec<String>,
}

/// A reference entry in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceOut {
    pub start: usize,
    pub end: usize,
    pub text_start: usize,
    pub label: Option<String>,
    pub csl: Item,
}

/// A finding in the report.
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticOut {
    pub rule: &'static str,
    pub code: &'static str,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub related: Vec<RelatedOut>,
    /// A repair, where the rule knows one (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixOut>,
}

/// A fix in the report: `{"applicability": "safe", "title": "…",
/// "edits": [{"start": 10, "end": 15, "replacement": "[3–5]"}]}`.
#[derive(Debug, Clone, Serialize)]
pub struct FixOut {
    pub applicability: crate::diagnostic::Applicability,
    pub title: String,
    pub edits: Vec<EditOut>,
}

/// One edit of a fix: replace bytes `[start, end)` with `replacement`.
#[derive(Debug, Clone, Serialize)]
pub struct EditOut {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A related location in the report.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedOut {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A file that could not be checked (missing, unreadable, not text): the
/// path as given and why, as every output format reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolError {
    /// The path as given.
    pub path: String,
    /// Why it was not checked: `cannot read `x.txt`: No such file …`.
    pub message: String,
}

/// Counts of a file's report.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub markers: usize,
    pub references: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl FileReport {
    /// Builds the serialised report of `checked` for the file at `path`.
    pub fn new(path: &str, text: &str, checked: &Checked) -> FileReport {
        let mut report = FileReport::findings_only(path, text, checked);
        report.markers = checked
            .doc
            .markers
            .iter()
            .zip(&checked.links)
            .map(|(m, l)| MarkerOut {
                start: m.span.start,
                end: m.span.end,
                text: m.span.slice(text).to_string(),
                kind: m.kind,
                refs: l.refs.clone(),
                unresolved: l.unresolved.clone(),
            })
            .collect();
        let entries = checked
            .doc
            .list
            .as_ref()
            .map_or(&[][..], |l| &l.entries[..]);
        report.references = entries
            .iter()
            .zip(&checked.items)
            .map(|(e, item)| ReferenceOut {
                start: e.span.start,
                end: e.span.end,
                text_start: e.text_span.start,
                label: e.label.map(|n| n.to_string()),
                csl: item.clone(),
            })
            .collect();
        report
    }

    /// The report of `checked` without its markers and entries (the summary
    /// still counts them): what every output format but JSON prints, at a
    /// fraction of the memory on a manuscript with very many markers.
    pub fn findings_only(path: &str, text: &str, checked: &Checked) -> FileReport {
        let index = LineIndex::new(text);
        let entries = checked.doc.list.as_ref().map_or(0, |l| l.entries.len());
        let diagnostics = checked
            .diagnostics
            .iter()
            .map(|d| DiagnosticOut::new(d, text, &index))
            .collect();
        let count = |s| {
            checked
                .diagnostics
                .iter()
                .filter(|d| d.severity == s)
                .count()
        };
        FileReport {
            path: path.to_string(),
            markers: Vec::new(),
            references: Vec::new(),
            diagnostics,
            summary: Summary {
                markers: checked.doc.markers.len(),
                references: entries,
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            },
        }
    }
}

impl DiagnosticOut {
    /// The serialised form of `d`.
    pub fn new(d: &Diagnostic, text: &str, index: &LineIndex) -> DiagnosticOut {
        let info = d.rule.info();
        let at = index.line_col(text, d.span.start);
        let end = index.line_col(text, d.span.end);
        DiagnosticOut {
            rule: info.name,
            code: info.code,
            severity: d.severity,
            start: d.span.start,
            end: d.span.end,
            line: at.line,
            column: at.column,
            end_line: end.line,
            end_column: end.column,
            message: d.message.clone(),
            help: d.help.clone(),
            related: d
                .related
                .iter()
                .map(|r| {
                    let lc = index.line_col(text, r.span.start);
                    RelatedOut {
                        start: r.span.start,
                        end: r.span.end,
                        line: lc.line,
                        column: lc.column,
                        message: r.message.clone(),
                    }
                })
                .collect(),
            fix: d.fix.as_ref().map(|f| FixOut {
                applicability: f.applicability,
                title: f.title.clone(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| EditOut {
                        start: e.span.start,
                        end: e.span.end,
                        replacement: e.replacement.clone(),
                    })
                    .collect(),
            }),
        }
    }
}

/// Span of a report's diagnostic (for renderers).
impl DiagnosticOut {
    /// The byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}
