//! `--statistics`: how many findings each rule made, most first.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::FileReport;

/// The table of counts per rule over `files`, or a line saying there are none.
pub fn render(files: &[FileReport]) -> String {
    let mut counts: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        let e = counts.entry((d.code, d.rule)).or_default();
        e.0 += 1;
        if d.fix.is_some() {
            e.1 += 1;
        }
    }
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
