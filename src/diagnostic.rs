//! Findings: what a rule reports about a manuscript.

use serde::Serialize;

use crate::rules::Rule;
use crate::source::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run by default.
    Info,
    /// Likely a defect; fails a run with `--fail-on warning`.
    Warning,
    /// A defect a journal's technical check would bounce the paper for.
    Error,
}

impl Severity {
    /// The lowercase name (`error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location that explains a finding (the first copy of a duplicate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// How far a fix may be trusted.
///
/// The `fix` command applies [`Applicability::Safe`] fixes by default,
/// [`Applicability::Unsafe`] ones only when asked, and never applies
/// [`Applicability::DisplayOnly`] ones: those are shown as a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown, never applied: the right repair needs a person.
    DisplayOnly,
    /// Correct in most cases, but it may change what the text means (it
    /// removes an entry someone may have meant to cite).
    Unsafe,
    /// Keeps the meaning of the text: `[5-3]` becomes `[3-5]`.
    Safe,
}

impl Applicability {
    /// The kebab-case name (`safe`).
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement of a byte span of the manuscript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// What is replaced (empty for an insertion).
    pub span: Span,
    /// The new text (empty for a deletion).
    pub replacement: String,
}

/// A repair of a finding: edits that do not overlap, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// How far the fix may be trusted.
    pub applicability: Applicability,
    /// What the fix does, as a short imperative (`normalise the range to `3-5``).
    pub title: String,
    /// The edits.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that replaces `span` with `replacement`.
    pub fn replace(
        applicability: Applicability,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        Fix {
            applicability,
            title: title.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// A fix that deletes `span`.
    pub fn delete(applicability: Applicability, title: impl Into<String>, span: Span) -> Self {
        Fix::replace(applicability, title, span, "")
    }

    /// Applies the edits to `text` (for tests and previews). Overlapping or
    /// out-of-range edits are skipped, never a panic.
    pub fn apply(&self, text: &str) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| e.span);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for e in edits {
            if e.span.start < at || text.get(e.span.start..e.span.end).is_none() {
                continue;
            }
            out.push_str(&text[at..e.span.start]);
            out.push_str(&e.replacement);
            at = e.span.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// Its severity.
    pub severity: Severity,
    /// What it points at.
    pub span: Span,
    /// What is wrong, lowercase, user text in backticks.
    pub message: String,
    /// Other places that explain it.
    pub related: Vec<Related>,
    /// What to do about it.
    pub help: Option<String>,
    /// A repair, where the rule knows one.
    pub fix: Option<Fix>,
    /// The file the finding is in when it is not the manuscript (a
    /// bibliography file); its spans, and its fix's, are spans of that file.
    pub file: Option<String>,
}

/// A message quoting manuscript text on one line: a line break of a
/// wrapped marker or entry (`[1, 2,` + `4]`), with the space around it,
/// becomes one space.
fn one_line(s: String) -> String {
    if !s.contains(['\n', '\r']) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            while out.ends_with([' ', '\t']) {
                out.pop();
            }
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

impl Diagnostic {
    /// A finding of `rule` at `span` with its default severity.
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.info().severity,
            span,
            message: one_line(message.into()),
            related: Vec::new(),
            help: None,
            fix: None,
            file: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(one_line(help.into()));
        self
    }

    /// Attaches a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Places the finding in the file at `path` (not the manuscript).
    pub fn in_file(mut self, path: Option<&str>) -> Self {
        self.file = path.map(String::from);
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: one_line(message.into()),
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        let d = Diagnostic::new(
            Rule::UnresolvedCitation,
            Span::new(0, 1),
            "citation `[1, 2,\n    4]` cites reference 4",
        )
        .with_help("see `a \r\n b`");
        assert_eq!(d.message, "citation `[1, 2, 4]` cites reference 4");
        assert_eq!(d.help.as_deref(), Some("see `a b`"));
    }

    #[test]
    fn a_fix_applies_its_edits_and_skips_overlaps() {
        let text = "see [5-3] and [1, 1]";
        let fix = Fix {
            applicability: Applicability::Safe,
            title: "t".into(),
            edits: vec![
                Edit {
                    span: Span::new(15, 19),
                    replacement: "1".into(),
                },
                Edit {
                    span: Span::new(5, 8),
                    replacement: "3-5".into(),
                },
                Edit {
                    span: Span::new(6, 7),
                    replacement: "x".into(),
                },
            ],
        };
        assert_eq!(fix.apply(text), "see [3-5] and [1]");
        assert!(Applicability::Safe > Applicability::Unsafe);
    }
}
