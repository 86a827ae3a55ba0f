//! The numeric marker as found: its items (numbers and ranges as
//! written), how it is written, and where.

use crate::source::Span;

/// One element of a numeric marker, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumItem {
    /// A single number: `4`.
    Single(u32),
    /// A range as written, possibly reversed (`5-3`) or degenerate (`3-3`).
    Range(u32, u32),
}

impl NumItem {
    /// Every number the item stands for, in ascending order.
    pub fn numbers(self) -> impl Iterator<Item = u32> {
        let (a, b) = match self {
            NumItem::Single(n) => (n, n),
            NumItem::Range(a, b) => (a.min(b), a.max(b)),
        };
        a..=b
    }

    /// Largest number in the item.
    pub fn max(self) -> u32 {
        match self {
            NumItem::Single(n) => n,
            NumItem::Range(a, b) => a.max(b),
        }
    }

    /// Smallest number in the item.
    pub fn min(self) -> u32 {
        match self {
            NumItem::Single(n) => n,
            NumItem::Range(a, b) => a.min(b),
        }
    }
}

/// How a numeric marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericKind {
    /// `[1]`, `［1］`, `【1】`, `[5]–[9]`.
    Bracket,
    /// `(1)`, `（1）`.
    Paren,
    /// `^[1]`, the plain-text form of a superscript group.
    Caret,
    /// Unicode superscript digits: `¹,²`, `¹⁻³`.
    Superscript,
    /// A reference by number in words: `ref. 7`, `Refs 3 and 5–7`.
    Textual,
    /// Superscript digits that lost their superscript, glued to the word
    /// before them (`cancer1,2`; see [`crate::parse::flattened`]).
    Flattened,
}

/// A syntactically valid numeric marker found by the scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericMarker {
    /// The whole marker, brackets (and caret) included.
    pub span: Span,
    /// How it is written.
    pub kind: NumericKind,
    /// Its elements, as written.
    pub items: Vec<NumItem>,
}

impl NumericMarker {
    /// Every number cited, ranges expanded, in the order written.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.items.iter().flat_map(|i| i.numbers())
    }
}
