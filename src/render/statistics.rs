//! `--statistics`: how many findings each rule made, most first.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::FileReport;

/// Findings and fixable findings per rule (code, name), summed file by file.
#[derive(Debug, Clone, Default)]
pub struct Counts(BTreeMap<(&'static str, &'static str), (usize, usize)>);

impl Counts {
    /// Adds the findings of one file.
    pub fn add(&mut self, file: &FileReport) {
        for d in &file.diagnostics {
            let e = self.0.entry((d.code, d.rule)).or_default();
            e.0 += 1;
            if d.fix.is_some() {
                e.1 += 1;
            }
        }
    }

    /// Adds counts made elsewhere (another thread's files).
    pub fn merge(&mut self, other: Counts) {
        for (k, (n, f)) in other.0 {
            let e = self.0.entry(k).or_default();
            e.0 += n;
            e.1 += f;
        }
    }
}

/// The table of counts per rule over `files`, or a line saying there are none.
pub fn render(files: &[FileReport]) -> String {
    let mut counts = Counts::default();
    for f in files {
        counts.add(f);
    }
    table(counts)
}

/// The table of `counts`, most findings first.
pub fn table(counts: Counts) -> String {
    let counts = counts.0;
    if counts.is_empty() {
        return "no findings\n".into();
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let width = rows
        .iter()
        .map(|r| r.1 .0.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for ((code, rule), (n, fixable)) in rows {
        let fix = if fixable > 0 {
            format!(" ({fixable} fixable)")
        } else {
            String::new()
        };
        let _ = writeln!(out, "{n:>width$} {code} {rule}{fix}");
    }
    out
}
