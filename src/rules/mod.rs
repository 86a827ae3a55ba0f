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
pub mod bib_fields;
pub mod bracket_scan;
pub mod citation_order;
pub mod degenerate_range;
pub mod duplicate_entry;
pub mod duplicate_in_marker;
pub mod duplicate_key;
pub mod duplicate_label;
pub mod duplicate_reference;
pub mod empty_marker;
pub mod empty_reference;
pub mod et_al_misuse;
pub mod fields;
pub mod future_year;
pub mod invalid_doi;
pub mod invalid_isbn;
pub mod invalid_issn;
pub mod invalid_url;
pub mod malformed_marker;
pub mod marker_items;
pub mod missing_author;
pub mod missing_reference_heading;
pub mod missing_reference_list;
pub mod missing_title;
pub mod missing_year;
pub mod mixed_citation_styles;
pub mod numbering_gap;
pub mod reversed_range;
pub mod uncited_reference;
pub mod uncompressed_range;
pub mod unknown_key;
pub mod unmatched_note;
pub mod unresolved_citation;
pub mod unused_entry;
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
    /// A key-citing manuscript's citations and bibliography.
    pub keys: Option<&'a crate::keys::Keyed>,
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
    /// CL011
    CitationOrder,
    /// CL012
    NumberingGap,
    /// CL013
    ReversedRange,
    /// CL014
    DegenerateRange,
    /// CL015
    DuplicateInMarker,
    /// CL016
    EmptyMarker,
    /// CL017
    MalformedMarker,
    /// CL018
    UncompressedRange,
    /// CL019
    DuplicateReference,
    /// CL020
    InvalidDoi,
    /// CL021
    InvalidIsbn,
    /// CL022
    InvalidIssn,
    /// CL023
    InvalidUrl,
    /// CL024
    MissingYear,
    /// CL025
    MissingTitle,
    /// CL026
    MissingAuthor,
    /// CL027
    FutureYear,
    /// CL028
    MissingReferenceHeading,
    /// CL029
    UnmatchedNote,
    /// CL030
    UnknownKey,
    /// CL031
    UnusedEntry,
    /// CL032
    DuplicateKey,
    /// CL033
    DuplicateEntry,
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
        summary:
            "`et al.` cited for a work with a single author, or left out for one with three or more",
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
    RuleInfo {
        rule: Rule::CitationOrder,
        code: "CL011",
        name: "citation-order",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a reference is first cited before a lower-numbered one (citation-order styles)",
        doc: citation_order::DOC,
        check: citation_order::check,
    },
    RuleInfo {
        rule: Rule::NumberingGap,
        code: "CL012",
        name: "numbering-gap",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "the labels of a numbered list skip a number",
        doc: numbering_gap::DOC,
        check: numbering_gap::check,
    },
    RuleInfo {
        rule: Rule::ReversedRange,
        code: "CL013",
        name: "reversed-range",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a citation range runs backwards: `[5-3]`",
        doc: reversed_range::DOC,
        check: reversed_range::check,
    },
    RuleInfo {
        rule: Rule::DegenerateRange,
        code: "CL014",
        name: "degenerate-range",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a citation range starts and ends on the same number: `[3-3]`",
        doc: degenerate_range::DOC,
        check: degenerate_range::check,
    },
    RuleInfo {
        rule: Rule::DuplicateInMarker,
        code: "CL015",
        name: "duplicate-in-marker",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a citation cites the same reference twice: `[1, 1]`, `[1-3, 2]`",
        doc: duplicate_in_marker::DOC,
        check: duplicate_in_marker::check,
    },
    RuleInfo {
        rule: Rule::EmptyMarker,
        code: "CL016",
        name: "empty-marker",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a citation bracket with no number: `[]`, `[,]`",
        doc: empty_marker::DOC,
        check: empty_marker::check,
    },
    RuleInfo {
        rule: Rule::MalformedMarker,
        code: "CL017",
        name: "malformed-marker",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a broken numeric citation: `[1,,2]`, `[1-]`",
        doc: malformed_marker::DOC,
        check: malformed_marker::check,
    },
    RuleInfo {
        rule: Rule::UncompressedRange,
        code: "CL018",
        name: "uncompressed-range",
        severity: Severity::Info,
        default_enabled: false,
        summary: "three or more consecutive numbers not written as a range (style, off by default)",
        doc: uncompressed_range::DOC,
        check: uncompressed_range::check,
    },
    RuleInfo {
        rule: Rule::DuplicateReference,
        code: "CL019",
        name: "duplicate-reference",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "two entries for the same work (same DOI, or authors, year and title)",
        doc: duplicate_reference::DOC,
        check: duplicate_reference::check,
    },
    RuleInfo {
        rule: Rule::InvalidDoi,
        code: "CL020",
        name: "invalid-doi",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a DOI in an entry that is not well formed",
        doc: invalid_doi::DOC,
        check: invalid_doi::check,
    },
    RuleInfo {
        rule: Rule::InvalidIsbn,
        code: "CL021",
        name: "invalid-isbn",
        severity: Severity::Error,
        default_enabled: true,
        summary: "an ISBN whose check digit is wrong",
        doc: invalid_isbn::DOC,
        check: invalid_isbn::check,
    },
    RuleInfo {
        rule: Rule::InvalidIssn,
        code: "CL022",
        name: "invalid-issn",
        severity: Severity::Error,
        default_enabled: true,
        summary: "an ISSN whose check digit is wrong",
        doc: invalid_issn::DOC,
        check: invalid_issn::check,
    },
    RuleInfo {
        rule: Rule::InvalidUrl,
        code: "CL023",
        name: "invalid-url",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a URL in an entry that is not well formed",
        doc: invalid_url::DOC,
        check: invalid_url::check,
    },
    RuleInfo {
        rule: Rule::MissingYear,
        code: "CL024",
        name: "missing-year",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "an entry with no year (and no `n.d.` or `in press`)",
        doc: missing_year::DOC,
        check: missing_year::check,
    },
    RuleInfo {
        rule: Rule::MissingTitle,
        code: "CL025",
        name: "missing-title",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a parsed entry with no title",
        doc: missing_title::DOC,
        check: missing_title::check,
    },
    RuleInfo {
        rule: Rule::MissingAuthor,
        code: "CL026",
        name: "missing-author",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a parsed entry with no author or editor",
        doc: missing_author::DOC,
        check: missing_author::check,
    },
    RuleInfo {
        rule: Rule::FutureYear,
        code: "CL027",
        name: "future-year",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "an entry dated after the current year, not marked `in press`",
        doc: future_year::DOC,
        check: future_year::check,
    },
    RuleInfo {
        rule: Rule::MissingReferenceHeading,
        code: "CL028",
        name: "missing-reference-heading",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a reference list found without a heading above it",
        doc: missing_reference_heading::DOC,
        check: missing_reference_heading::check,
    },
    RuleInfo {
        rule: Rule::UnmatchedNote,
        code: "CL029",
        name: "unmatched-note",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a note call with no note of its number, or a note no call points to",
        doc: unmatched_note::DOC,
        check: unmatched_note::check,
    },
    RuleInfo {
        rule: Rule::UnknownKey,
        code: "CL030",
        name: "unknown-key",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a cited key that no bibliography entry has (`[@smith2008]`, `\\cite{smith2008}`)",
        doc: unknown_key::DOC,
        check: unknown_key::check,
    },
    RuleInfo {
        rule: Rule::UnusedEntry,
        code: "CL031",
        name: "unused-entry",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "a bibliography entry that the manuscript never cites",
        doc: unused_entry::DOC,
        check: unused_entry::check,
    },
    RuleInfo {
        rule: Rule::DuplicateKey,
        code: "CL032",
        name: "duplicate-key",
        severity: Severity::Error,
        default_enabled: true,
        summary: "a key defined twice in the bibliography files",
        doc: duplicate_key::DOC,
        check: duplicate_key::check,
    },
    RuleInfo {
        rule: Rule::DuplicateEntry,
        code: "CL033",
        name: "duplicate-entry",
        severity: Severity::Warning,
        default_enabled: true,
        summary: "two bibliography entries, under two keys, for the same work",
        doc: duplicate_entry::DOC,
        check: duplicate_entry::check,
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
        let name = name.trim();
        RULES
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name) || r.code.eq_ignore_ascii_case(name))
            .map(|r| r.rule)
    }

    /// The rule name closest to a name no rule has (`uncited-refrence` →
    /// `uncited-reference`), when one is close enough to be what was
    /// meant.
    pub fn suggest(name: &str) -> Option<&'static str> {
        let name = name.trim().to_ascii_lowercase();
        RULES
            .iter()
            .map(|r| (strsim::jaro_winkler(&name, r.name), r.name))
            .filter(|(score, _)| *score >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n)
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
        bib_fields::check(ctx, r.rule, &mut out);
        let severity = ctx.settings.severity(r.rule);
        for d in &mut out[from..] {
            d.severity = severity;
        }
    }
    out.sort_by(|a, b| (&a.file, a.span, a.rule).cmp(&(&b.file, b.span, b.rule)));
    out
}

/// A parsed article for the field rules' unit tests: `Copeia`, 2009, with
/// the given title and (or no) author `Smith J`.
#[cfg(test)]
pub(crate) fn test_item(title: Option<&str>, author: bool) -> Item {
    Item {
        kind: "article-journal".into(),
        title: title.map(String::from),
        author: if author {
            vec![crate::csl::Name::person("Smith", "J")]
        } else {
            vec![]
        },
        issued: Some(crate::csl::Date::year(2009)),
        container_title: Some("Copeia".into()),
        ..Item::default()
    }
}

/// Runs one rule on `text` with the given parsed `items` (instead of the
/// field parser's), for the unit tests of the field rules.
#[cfg(test)]
pub(crate) fn run_one_with_items(text: &str, items: &[Item], rule: Rule) -> Vec<Diagnostic> {
    let doc = Manuscript::parse(text);
    let links = crate::link::link(text, &doc);
    let settings = Settings::default();
    let ctx = Context {
        text,
        doc: &doc,
        links: &links,
        items,
        settings: &settings,
        keys: None,
    };
    let mut out = Vec::new();
    (rule.info().check)(&ctx, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_near_misses_suggested() {
        assert_eq!(
            Rule::from_name(" reversed-range"),
            Some(Rule::ReversedRange)
        );
        assert_eq!(Rule::from_name("cl001 "), Some(Rule::UnresolvedCitation));
        assert_eq!(Rule::suggest("uncited-refrence"), Some("uncited-reference"));
        assert_eq!(Rule::suggest("reverse-range"), Some("reversed-range"));
        assert_eq!(Rule::suggest("no-such"), None);
    }

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
