//! Author-year citation markers.
//!
//! Parenthetical: `(Smith, 2008)`, `(Smith & Jones 2008)`, `(Smith et al.,
//! 2008a; Lee 2010)`, `(Smith 2008, 2010)`, `(Smith, 2008a, b)`,
//! `(Ferreira 2005, Trajano 2000)`, `(e.g., Smith, 2008)`, `(see Smith 2008,
//! p. 45)`, `(Smith, in press)`, `(WHO, 2010)`, `(van der Berg, 2001)`,
//! `（张三，2008）`. Narrative: `Smith (2008)`, `Smith et al. (2008a)`,
//! `Smith and Jones (2008, 2010)`, `Smith's (2008) model`, `张三（2008）`.
//!
//! The scanner looks at every opening parenthesis. When the text inside
//! starts with a year, the names just before the parenthesis make a
//! narrative marker; otherwise every `;`-separated part inside is searched
//! for `names year` citations (anything before the names is a prefix such as
//! `e.g.,`). Names are capitalised words with their particles, joined by
//! `,`, `and`, `&`, and closed by `et al.`; a stop list keeps months, figure
//! words and sentence openers out.
//!
//! The grammar lives in parts: `words` (the stop and weak word lists),
//! `names` (surnames, particles, `et al.`), `years` (years and year
//! lists), `cite` (one citation and the parts of a parenthesis) and
//! `scan` (finding markers in a text).

mod cite;
mod names;
mod scan;
mod words;
mod years;

pub(crate) use names::is_particle;
pub use names::{can_cite, cap_word, names, surname};
pub use scan::{scan, scan_bare, scan_brackets};
pub use words::is_weak;
pub use years::{year, year_list};

use crate::source::Span;

/// A pair of brackets citations are read in: ASCII and full-width forms.
#[derive(Debug, Clone, Copy)]
pub struct Brackets {
    open: u8,
    close: u8,
    wide_open: char,
    wide_close: char,
    /// Whether a bracket counts only when it holds citations and nothing
    /// more (see `scan::square_part_ok`).
    whole: bool,
}

/// `(Smith, 2008)`, `Smith (2008)`, `（张三，2008）`.
pub const PARENS: Brackets = Brackets {
    open: b'(',
    close: b')',
    wide_open: '（',
    wide_close: '）',
    whole: false,
};

/// `[Smith et al., 2008; Lee, 2005]`, `Smith et al. [2008]`: the AGU
/// journals' and some physics journals' author-year form.
pub const SQUARE: Brackets = Brackets {
    open: b'[',
    close: b']',
    wide_open: '［',
    wide_close: '］',
    whole: true,
};

impl Brackets {
    /// The length of the opening bracket at `k`, if one is there.
    fn opens_at(self, text: &str, k: usize) -> Option<usize> {
        if text.as_bytes().get(k) == Some(&self.open) {
            Some(1)
        } else if text[k..].starts_with(self.wide_open) {
            Some(self.wide_open.len_utf8())
        } else {
            None
        }
    }

    /// The length of the closing bracket at `k`, if one is there.
    fn closes_at(self, text: &str, k: usize) -> Option<usize> {
        if text.as_bytes().get(k) == Some(&self.close) {
            Some(1)
        } else if text[k..].starts_with(self.wide_close) {
            Some(self.wide_close.len_utf8())
        } else {
            None
        }
    }
}

/// The year part of a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRef {
    /// The year, when it is a number.
    pub year: Option<u16>,
    /// A disambiguation suffix: the `a` of `2008a`.
    pub suffix: Option<char>,
    /// As written: `2008a`, `in press`, `n.d.`.
    pub raw: String,
}

/// One cited work: names and one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCite {
    /// From the first name to the year (or its suffix).
    pub span: Span,
    /// Surnames as written (`Smith`, `van der Berg`, `WHO`).
    pub names: Vec<String>,
    /// Whether `et al.` follows the names.
    pub etal: bool,
    /// The year.
    pub year: YearRef,
}

impl WorkCite {
    /// The cited form, for messages: `Smith et al. 2008a`.
    pub fn display(&self) -> String {
        let names = match (self.names.as_slice(), self.etal) {
            ([a], true) => format!("{a} et al."),
            ([a], false) => a.clone(),
            ([a, b], false) => format!("{a} & {b}"),
            (all, _) => {
                let mut s = all.join(", ");
                if self.etal {
                    s.push_str(" et al.");
                }
                s
            }
        };
        format!("{names} {}", self.year.raw)
    }
}

/// How an author-year marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AyKind {
    /// Inside parentheses.
    Parenthetical,
    /// Names in the sentence, year in parentheses.
    Narrative,
    /// Names and year in the running text, no parentheses: `as described
    /// by Brown et al., 2004`, `Hitchcock 1935:492`. Only kept when it
    /// resolves.
    Bare,
    /// An author named in a note (see [`crate::parse::notes`]).
    Note,
}

/// An author-year marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AyMarker {
    /// The marker span.
    pub span: Span,
    /// How it is written.
    pub kind: AyKind,
    /// The works cited.
    pub works: Vec<WorkCite>,
}

#[cfg(test)]
mod tests;
