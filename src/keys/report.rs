//! The reports of a key-citing manuscript: one for the manuscript, and one
//! for each bibliography file with findings (its findings point into it).

use crate::diagnostic::Severity;
use crate::report::{Checked, DiagnosticOut, FileReport, Summary};
use crate::source::LineIndex;
use crate::Diagnostic;

/// A report and the text its offsets point into.
pub struct Part {
    /// The file's path.
    pub path: String,
    /// Its text.
    pub text: String,
    /// Its report.
    pub report: FileReport,
}

/// The report of `diagnostics`, all in the file `path` of text `text`.
fn report_of(path: &str, text: &str, diagnostics: &[&Diagnostic], summary: Summary) -> FileReport {
    let index = LineIndex::new(text);
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    FileReport {
        path: path.to_string(),
        markers: Vec::new(),
        references: Vec::new(),
        diagnostics: diagnostics
            .iter()
            .map(|d| DiagnosticOut::new(d, text, &index))
            .collect(),
        summary: Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            ..summary
        },
    }
}

/// The reports of a checked manuscript at `path`: the manuscript's (its
/// summary counts cited keys as markers and entries as references), then
/// one per bibliography file that has findings. A plain-text manuscript
/// has only the first. The texts are moved, not copied.
pub fn parts(path: &str, text: String, checked: Checked, full: bool) -> Vec<Part> {
    let Some(keyed) = &checked.keys else {
        let report = if full {
            FileReport::new(path, &text, &checked)
        } else {
            FileReport::findings_only(path, &text, &checked)
        };
        return vec![Part {
            path: path.to_string(),
            text,
            report,
        }];
    };
    let own: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.file.is_none())
        .collect();
    let summary = Summary {
        markers: keyed.cites.len(),
        references: keyed.entries.len(),
        ..Summary::default()
    };
    let report = report_of(path, &text, &own, summary);
    let mut out = vec![Part {
        path: path.to_string(),
        text,
        report,
    }];
    for f in &keyed.files {
        let mine: Vec<&Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some(f.path.as_str()))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let entries = keyed
            .entries
            .iter()
            .filter(|e| keyed.path_of(e) == Some(f.path.as_str()))
            .count();
        let summary = Summary {
            references: entries,
            ..Summary::default()
        };
        out.push(Part {
            path: f.path.clone(),
            text: String::new(),
            report: report_of(&f.path, &f.text, &mine, summary),
        });
    }
    // the bibliography texts, moved into their parts
    let mut files = checked.keys.map(|k| k.files).unwrap_or_default();
    for part in out.iter_mut().skip(1) {
        if let Some(f) = files.iter_mut().find(|f| f.path == part.path) {
            part.text = std::mem::take(&mut f.text);
        }
    }
    out
}
