//! What a plan says: the kinds of repair, the repairs made and the ones
//! left undone, and the plan that holds them with its edits.

use serde::Serialize;

use super::Edit;
use crate::rules::Rule;
use crate::source::Span;

/// The kinds of repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    /// Markers and list renumbered into order of first citation.
    Renumber,
    /// An exact copy of an earlier entry removed, its citations repointed.
    MergeDuplicate,
    /// A reversed (`5–3`) or degenerate (`3–3`) range rewritten.
    NormaliseRange,
    /// A number cited twice in one marker cited once.
    RemoveRepeatedNumber,
    /// A stray list bullet with no entry removed.
    RemoveEmptyItem,
    /// An entry no marker cites removed (unsafe).
    RemoveUncited,
    /// A citation's year rewritten to the year of the entry it matches (unsafe).
    CorrectYear,
    /// A citation with no entry: never repaired, only reported.
    UnresolvedCitation,
}

impl FixKind {
    /// Whether the repair is applied by default.
    pub fn is_safe(self) -> bool {
        matches!(
            self,
            FixKind::Renumber
                | FixKind::MergeDuplicate
                | FixKind::NormaliseRange
                | FixKind::RemoveRepeatedNumber
                | FixKind::RemoveEmptyItem
        )
    }

    /// A short name (`merge-duplicate`).
    pub fn name(self) -> &'static str {
        match self {
            FixKind::Renumber => "renumber",
            FixKind::MergeDuplicate => "merge-duplicate",
            FixKind::NormaliseRange => "normalise-range",
            FixKind::RemoveRepeatedNumber => "remove-repeated-number",
            FixKind::RemoveEmptyItem => "remove-empty-item",
            FixKind::RemoveUncited => "remove-uncited",
            FixKind::CorrectYear => "correct-year",
            FixKind::UnresolvedCitation => "unresolved-citation",
        }
    }

    /// The check rule whose finding the repair removes, if any. A [`Fixed`]
    /// of this kind has the span of that finding (`merge-duplicate`: when
    /// the copy carries the same label as the first), so that a finding's
    /// fix can be found by rule and span.
    pub fn rule(self) -> Option<Rule> {
        match self {
            FixKind::RemoveEmptyItem => Some(Rule::EmptyReference),
            FixKind::RemoveUncited => Some(Rule::UncitedReference),
            FixKind::CorrectYear => Some(Rule::YearMismatch),
            FixKind::MergeDuplicate => Some(Rule::DuplicateLabel),
            FixKind::UnresolvedCitation => Some(Rule::UnresolvedCitation),
            _ => None,
        }
    }
}

/// A repair the plan makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fixed {
    /// What kind.
    pub kind: FixKind,
    /// Where, in the original text.
    pub span: Span,
    /// What was done, lowercase, user text in backticks.
    pub message: String,
}

/// A repair the plan does not make, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// What kind.
    pub kind: FixKind,
    /// Where, when it is about one place.
    pub span: Option<Span>,
    /// Why not, lowercase, user text in backticks.
    pub reason: String,
}

/// What [`plan`](super::plan) decides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FixPlan {
    /// The edits, sorted and non-overlapping.
    pub edits: Vec<Edit>,
    /// What they repair.
    pub applied: Vec<Fixed>,
    /// What is left as it is, and why.
    pub skipped: Vec<Skipped>,
    /// Whether the plan renumbers (markers and list).
    pub renumbered: bool,
}

impl FixPlan {
    /// Whether the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}
