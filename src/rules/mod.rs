//! The rule registry: every rule's code, name, default severity and
//! documentation in one table, and the context the rules run on.
//!
//! Codes are stable: a rule that is retired keeps its code reserved, and a
//! code is never given to another rule.

use serde::Serialize;

use crate::config::Settings;
use crate::csl::Item;
use crate::diagnostic::{Diagnostic, Severity};
use crate::link::Link;
use crate::parse::Manuscript;

pub mod ambiguous_citation;
pub mod author_mismatch;
pub mod duplicate_label;
pub mod empty_reference;
pub mod et_al_misuse;
pub mod missing_reference_list;
pub mod mixed_citation_styles;
pub mod uncited_reference;
pub mod unresolved_citation;
pub mod year_mismatch;

/// What the rules look at.
pub struct Context<'a> {
    /// The manuscript text.
    pub text: &'a str,
    /// Its markers and reference list.
    pub doc: &'a Manuscript,
    /// What each marker resolves to (parallel to `doc.markers`).
    pub links: &'a [Link],
    /// The parsed fields of each entry (parallel to the list's entries).
    pub items: &'a [Item],
    /// The settings in effect (style hints, allow-list, today's date).
    pub settings: &'a Settings,
}

/// Every rule citelint has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// CL001
    UnresolvedCitation,
    /// CL002
    UncitedReference,
    /// CL003
    EmptyReference,
    /// CL004
    DuplicateLabel,
    /// CL005
    MissingReferenceList,
    /// CL006
    YearMismatch,
    /// CL007
    AuthorMismatch,
    /// CL008
    AmbiguousCitation,
    /// CL009
    EtAlMisuse,
    /// CL010
    MixedCitationStyles,
}

/// A rule's metadata.
#[derive(Debug)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Stable short code (`CL001`).
    pub code: &'static str,
    /// Stable kebab-case name (`unresolved-citation`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Whether the rule runs unless configured otherwise (style rules do not).
    pub default_enabled: bool,
    /// One line: what it finds.
    pub summary: &'static str,
    /// What it finds, why it matters, an example (printed by `citelint rule NAME`).
    pub doc: &'static str,
    /// The check.
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// The registry, in code order. Codes are never reused.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        rule: Rule::UnresolvedCitation,
        code: "CL001",
        name: "unresolved-citation",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a citation marker cites something the reference list does not have",
        doc: unresolved_citation::DOC,
        check: unresolved_citation::check,
    },
    RuleInfo {
        rule: Rule::UncitedReference,
        code: "CL002",
        name: "uncited-reference",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a reference-list entry that no marker cites",
        doc: uncited_reference::DOC,
        check: uncited_reference::check,
    },
    RuleInfo {
        rule: Rule::EmptyReference,
        code: "CL003",
        name: "empty-reference",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a bullet or label in the reference list with no entry text",
        doc: empty_reference::DOC,
        check: empty_reference::check,
    },
    RuleInfo {
        rule: Rule::DuplicateLabel,
        code: "CL004",
        name: "duplicate-label",
        severity: Severity::Error,
        default_enabled: true,
        summary: "two reference-list entries carry the same number",
        doc: duplicate_label::DOC,
        check: duplicate_label::check,
    },
    RuleInfo {
        rule: Rule::MissingReferenceList,
        code: "CL005",
        name: "missing-reference-list",
        severity: Severity::Error,
        default_enabled: true,
        summary: "the manuscript cites but has no reference list",
        doc: missing_reference_list::DOC,
        check: missing_reference_list::check,
    },
    RuleInfo {
        rule: Rule::YearMismatch,
        code: "CL006",
        name: "year-mismatch",
        severity: Severity::Error,
        default_enabled: true,
        summary: "an author-year citation matches an entry's authors but not its year",
        doc: year_mismatch::DOC,
        check: year_mismatch::check,
    },
    RuleInfo {
        rule: Rule::AuthorMismatch,
        code: "CL007",
        name: "author-mismatch",
        severity: Severity::Error,
        default_enabled: true,
        summary:
            "an author-year citation matches an entry's year but the author is spelled differently",
        doc: author_mismatch::DOC,
        check: author_mismatch::check,
    },
    RuleInfo {
        rule: Rule::AmbiguousCitation,
        code: "CL008",
        name: "ambiguous-citation",
        severity: Severity::Error,
        default_enabled: true,
        summary: "an author-year citation fits several entries equally well",
        doc: ambiguous_citation::DOC,
        check: ambiguous_citation::check,
    },
    RuleInfo {
        rule: Rule::EtAlMisuse,
        code: "CL009",
        name: "et-al-misuse",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "`et al.` cited for a work with a single author",
        doc: et_al_misuse::DOC,
        check: et_al_misuse::check,
    },
    RuleInfo {
        rule: Rule::MixedCitationStyles,
        code: "CL010",
        name: "mixed-citation-styles",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "numeric and author-year citations in one manuscript",
        doc: mixed_citation_styles::DOC,
        check: mixed_citation_styles::check,
    },
];

impl Rule {
    /// The rule's registry entry.
    pub fn info(self) -> &'static RuleInfo {
        RULES
            .iter()
            .find(|r| r.rule == self)
            .expect("every rule is in the registry")
    }

    /// Looks a rule up by name (`uncited-reference`) or code (`CL002`).
    pub fn from_name(name: &str) -> Option<Rule> {
        RULES
            .iter()
            .find(|r| r.name == name || r.code.eq_ignore_ascii_case(name))
            .map(|r| r.rule)
    }
}

/// Runs every rule the settings enable, at the severity they give, and
/// returns the findings ordered by position, then rule.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in RULES {
        if !ctx.settings.is_enabled(r.rule) {
            continue;
        }
        let from = out.len();
        (r.check)(ctx, &mut out);
        let severity = ctx.settings.severity(r.rule);
        for d in &mut out[from..] {
            d.severity = severity;
        }
    }
    out.sort_by_key(|d| (d.span, d.rule));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        codes.sort_unstable();
        names.sort_unstable();
        codes.dedup();
        names.dedup();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
        for r in RULES {
            assert!(r.code.starts_with("CL") && r.code.len() == 5, "{}", r.code);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(
                r.doc.contains("## What it finds") && r.doc.contains("## Example"),
                "{}",
                r.name
            );
            assert_eq!(Rule::from_name(r.name), Some(r.rule));
            assert_eq!(Rule::from_name(r.code), Some(r.rule));
            assert_eq!(r.rule.info().name, r.name);
        }
    }
}
