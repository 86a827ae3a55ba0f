//! The default human output: each finding with its location, the source
//! line with the span underlined, and a help line; then a summary.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Rendered;
use crate::diagnostic::Severity;
use crate::report::Summary;
use crate::source::{LineIndex, Span};

/// The lines around `span`: (first line number, byte range of those lines).
fn context(text: &str, index: &LineIndex, span: Span) -> (usize, Span) {
    let first = index.line_col(text, span.start).line;
    let last = index
        .line_col(text, span.end.saturating_sub(1).max(span.start))
        .line;
    let start = index.line_span(text, first).start;
    let end = index.line_span(text, last).end;
    (first, Span::new(start, end.max(span.end.min(text.len()))))
}

/// Renders every finding of one file; `color` adds ANSI styles.
pub fn render(file: &Rendered, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let index = LineIndex::new(file.text);
    let mut out = String::new();
    for d in &file.report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let (line, ctx) = context(file.text, &index, d.span());
        let src = ctx.slice(file.text);
        let rel = |s: Span| (s.start - ctx.start)..(s.end.min(ctx.end) - ctx.start);
        let mut snippet = Snippet::source(src)
            .line_start(line)
            .path(file.path)
            .annotation(AnnotationKind::Primary.span(rel(d.span())).label(d.rule));
        let mut far = Vec::new();
        for r in &d.related {
            let rs = Span::new(r.start, r.end);
            if rs.start >= ctx.start && rs.end <= ctx.end {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(rel(rs))
                        .label(r.message.as_str()),
                );
            } else {
                far.push((rs, r.message.as_str()));
            }
        }
        let title = d.message.clone();
        let mut group: Group = level.primary_title(title).id(d.code).element(snippet);
        for (rs, msg) in far {
            let (line, c) = context(file.text, &index, rs);
            let rel = (rs.start - c.start)..(rs.end.min(c.end) - c.start);
            group = group.element(
                Snippet::source(c.slice(file.text))
                    .line_start(line)
                    .path(file.path)
                    .annotation(AnnotationKind::Context.span(rel).label(msg)),
            );
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        if let Some(fix) = &d.fix {
            group = group.element(Level::NOTE.message(format!(
                "fix available ({}): {}",
                fix.applicability.as_str(),
                fix.title
            )));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

fn plural(n: usize, w: &str) -> String {
    format!("{n} {w}{}", if n == 1 { "" } else { "s" })
}

/// `no problems found`, or `1 error, 2 warnings` (notes when there are).
fn findings(errors: usize, warnings: usize, infos: usize) -> String {
    if errors + warnings + infos == 0 {
        return "no problems found".into();
    }
    let mut parts = vec![plural(errors, "error"), plural(warnings, "warning")];
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    parts.join(", ")
}

/// The line closing one file's findings: what was read (markers and
/// entries, so that a list read as one entry shows) and what was found.
/// `paper.txt: 41 markers, 38 entries: 1 error, 0 warnings`.
pub fn file_summary(path: &str, s: &Summary) -> String {
    format!(
        "{path}: {}, {}: {}\n",
        plural(s.markers, "marker"),
        plural(s.references, "entry").replace("entrys", "entries"),
        findings(s.errors, s.warnings, s.infos)
    )
}

/// The closing summary line over all files; `failed` files could not be
/// checked (their errors are on standard error).
pub fn summary(
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed: usize,
) -> String {
    let mut out = if files == 0 && failed > 0 {
        "0 files checked".to_string()
    } else {
        format!(
            "{} checked: {}",
            plural(files, "file"),
            findings(errors, warnings, infos)
        )
    };
    if failed > 0 {
        out.push_str(&format!(
            "; {} could not be checked",
            plural(failed, "file")
        ));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_markers_entries_findings_and_failures() {
        let s = Summary {
            markers: 1,
            references: 12,
            errors: 2,
            warnings: 1,
            infos: 0,
        };
        assert_eq!(
            file_summary("a.txt", &s),
            "a.txt: 1 marker, 12 entries: 2 errors, 1 warning\n"
        );
        let one = Summary {
            references: 1,
            ..Summary::default()
        };
        assert_eq!(
            file_summary("b.md", &one),
            "b.md: 0 markers, 1 entry: no problems found\n"
        );
        assert_eq!(
            summary(2, 0, 0, 0, 0),
            "2 files checked: no problems found\n"
        );
        assert_eq!(
            summary(0, 0, 0, 0, 1),
            "0 files checked; 1 file could not be checked\n"
        );
        assert_eq!(
            summary(1, 0, 0, 3, 1),
            "1 file checked: 0 errors, 0 warnings, 3 notes; 1 file could not be checked\n"
        );
    }
}
