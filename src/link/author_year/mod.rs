//! Matching author-year citations to reference entries.
//!
//! Each entry is reduced to a [`EntryKey`]: the family names before its
//! first year, whether the names end in `et al.`, and the year with its
//! suffix. A citation matches an entry when the first cited name matches
//! the entry's first family name (accents, case, particles and hyphens
//! aside; `WHO` matches `World Health Organization`), the years agree, and
//! the number of names fits (one name; two names, the second matching;
//! `et al.` for three or more, or two when nothing else fits). Near misses
//! become findings: the same names with another year, or the same year
//! with a first name spelled a little differently.
//!
//! The work is cut by concept:
//! - `words`: folding name words for comparison and telling capitals apart;
//! - `key`: reducing an entry to its [`EntryKey`] (family names, `et al.`,
//!   year and suffix);
//! - `names`: comparing a cited name with a family name, the index keys a
//!   family is looked up under, acronyms and spelling distance;
//! - `matcher`: the [`Matcher`] over one reference list and the
//!   [`Outcome`] it gives each cited work.

mod key;
mod matcher;
mod names;
mod words;

pub use key::{entry_key, EntryKey};
pub use matcher::{Matcher, Outcome};
pub use names::{cited_words, name_matches};
pub use words::fold;
