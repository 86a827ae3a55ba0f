//! The default human output: each finding with its location, the source
//! line with the span underlined, and a help line; then a summary.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Rendered;
use crate::diagnostic::Severity;
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

/// The closing summary line over all files.
pub fn summary(files: usize, errors: usize, warnings: usize, infos: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if errors + warnings + infos == 0 {
        return format!("{} checked: no problems found\n", plural(files, "file"));
    }
    let mut parts = vec![plural(errors, "error"), plural(warnings, "warning")];
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    format!("{} checked: {}\n", plural(files, "file"), parts.join(", "))
}
