//! Linking markers to reference entries.
//!
//! A numeric marker cites entries by label; in a list without labels the
//! n-th entry stands for number n. An author-year marker cites each work by
//! names and year ([`author_year`]). What a marker cites that has no entry
//! is kept, as written, in [`Link::unresolved`]; near misses and ambiguities
//! are kept in [`Link::notes`] for the rules to report.

pub mod author_year;

use std::collections::HashMap;

use crate::parse::author_year::WorkCite;
use crate::parse::{Cited, Manuscript, Marker};
use crate::source::Span;
use author_year::{Matcher, Outcome};

/// Something about one cited work that a rule reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// `Smith 2008` cited, only `Smith 2009` (entry) listed.
    YearMismatch {
        /// The cited form.
        cited: String,
        /// Where it is cited.
        span: Span,
        /// The entry it probably means.
        entry: usize,
    },
    /// `Smyth 2008` cited, `Smith 2008` (entry) listed.
    AuthorMismatch {
        /// The cited form.
        cited: String,
        /// Where it is cited.
        span: Span,
        /// The entry it probably means.
        entry: usize,
    },
    /// Several entries fit the citation equally well.
    Ambiguous {
        /// The cited form.
        cited: String,
        /// Where it is cited.
        span: Span,
        /// The entries that fit.
        entries: Vec<usize>,
    },
    /// `et al.` cited for a work with one author.
    EtAlMisuse {
        /// The cited form.
        cited: String,
        /// Where it is cited.
        span: Span,
        /// The entry.
        entry: usize,
    },
    /// One name cited without `et al.` for a work with three or more
    /// authors (the entry is linked).
    MissingEtAl {
        /// The cited form.
        cited: String,
        /// Where it is cited.
        span: Span,
        /// The entry.
        entry: usize,
    },
    /// A cited work with no entry and no near miss.
    Unresolved {
        /// The cited form.
        cited: String,
        /// Where it is cited.
        span: Span,
    },
}

/// What one marker resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    /// Indices into the entry list, in the order cited, without repeats.
    pub refs: Vec<usize>,
    /// What is cited but has no entry, as written (`"6"`, `"Smith 2009"`).
    pub unresolved: Vec<String>,
    /// Findings about single cited works.
    pub notes: Vec<Note>,
}

impl Link {
    fn add_ref(&mut self, i: usize) {
        if !self.refs.contains(&i) {
            self.refs.push(i);
        }
    }

    /// [`Link::add_ref`] for each of `many`, in order; with a set rather
    /// than a scan of `refs` per entry when there are many (a citation that
    /// fits every one of 100,000 identical entries).
    fn add_refs(&mut self, many: &[usize]) {
        if many.len() <= 16 {
            for &i in many {
                self.add_ref(i);
            }
            return;
        }
        let mut seen: std::collections::HashSet<usize> = self.refs.iter().copied().collect();
        for &i in many {
            if seen.insert(i) {
                self.refs.push(i);
            }
        }
    }

    fn add_unresolved(&mut self, s: String) {
        if !self.unresolved.contains(&s) {
            self.unresolved.push(s);
        }
    }
}

/// Resolves one cited work. When it does not resolve with all its names,
/// leading names are dropped one by one (`(Vancouver Island, Roe et al.
/// 2009)` read `Vancouver Island` as a name). An unresolved work cited by
/// an acronym alone (`UBCV 1679`, a specimen code) or by a word that is more
/// often a month or a plain word (`May 2008`) is not taken for a citation:
/// `None`; nor is a work that matches no entry exactly and whose names
/// cannot be an author's or an organisation's (see
/// [`crate::parse::author_year::can_cite`]).
fn resolve(matcher: &Matcher, w: &WorkCite) -> Option<(WorkCite, Outcome)> {
    let first = matcher.resolve(w);
    if matches!(
        first,
        Outcome::Resolved(_) | Outcome::Ambiguous(_) | Outcome::MissingEtAl(_)
    ) {
        return Some((w.clone(), first));
    }
    for k in 1..w.names.len() {
        let shorter = WorkCite {
            names: w.names[k..].to_vec(),
            ..w.clone()
        };
        let o = matcher.resolve(&shorter);
        if matches!(o, Outcome::Resolved(_) | Outcome::Ambiguous(_)) {
            return Some((shorter, o));
        }
    }
    let acronym = w.names.len() == 1
        && w.names[0].chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.names[0]
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let weak = w.names[0]
        .split_whitespace()
        .next()
        .is_some_and(crate::parse::author_year::is_weak);
    if (acronym || weak) && first == Outcome::Unresolved {
        return None;
    }
    // A finding that a work has no entry needs names that can be an
    // author's or an organisation's (not `MiSeq 2000`, `Thr 1462`).
    if !crate::parse::author_year::can_cite(&w.names, w.etal) {
        return None;
    }
    Some((w.clone(), first))
}

/// Links every marker of `doc`; the result is parallel to `doc.markers`.
pub fn link(text: &str, doc: &Manuscript) -> Vec<Link> {
    link_markers(text, doc, &doc.markers)
}

/// Links `markers` against the list of `doc` (also used for the markers of
/// the other style).
pub fn link_markers(text: &str, doc: &Manuscript, markers: &[Marker]) -> Vec<Link> {
    let entries = doc.list.as_ref().map_or(&[][..], |l| &l.entries[..]);
    let numbered = doc.list.as_ref().is_some_and(|l| l.style.is_some());
    let mut by_label: HashMap<u32, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let n = if numbered {
            e.label
        } else {
            u32::try_from(i + 1).ok()
        };
        if let Some(n) = n {
            by_label.entry(n).or_insert(i);
        }
    }
    let needs_matcher = markers.iter().any(|m| matches!(m.cited, Cited::Works(_)));
    let matcher =
        needs_matcher.then(|| Matcher::new(entries.iter().map(|e| e.text_span.slice(text))));
    markers
        .iter()
        .map(|m| {
            let mut link = Link::default();
            match &m.cited {
                Cited::Numbers(_) => {
                    for n in m.numbers() {
                        match by_label.get(&n) {
                            Some(&i) => link.add_ref(i),
                            None => link.add_unresolved(n.to_string()),
                        }
                    }
                }
                Cited::Works(works) => {
                    let Some(matcher) = &matcher else { return link };
                    for w in works {
                        let Some((w, outcome)) = resolve(matcher, w) else {
                            continue;
                        };
                        let cited = w.display();
                        let w = &w;
                        match outcome {
                            Outcome::Resolved(i) => {
                                link.add_ref(i);
                                let k = matcher.key(i);
                                if w.etal && k.families.len() == 1 && !k.etal {
                                    link.notes.push(Note::EtAlMisuse {
                                        cited,
                                        span: w.span,
                                        entry: i,
                                    });
                                }
                            }
                            Outcome::MissingEtAl(i) => {
                                link.add_ref(i);
                                link.notes.push(Note::MissingEtAl {
                                    cited,
                                    span: w.span,
                                    entry: i,
                                });
                            }
                            Outcome::Ambiguous(entries) => {
                                // Every entry it may mean counts as cited; the
                                // ambiguity itself is reported.
                                link.add_refs(&entries);
                                link.notes.push(Note::Ambiguous {
                                    cited,
                                    span: w.span,
                                    entries,
                                });
                            }
                            Outcome::YearMismatch(entry) | Outcome::AuthorMismatch(entry) => {
                                // The entry it probably means counts as cited;
                                // the citation itself stays unresolved.
                                link.add_ref(entry);
                                link.add_unresolved(cited.clone());
                                let span = w.span;
                                link.notes.push(match outcome {
                                    Outcome::YearMismatch(_) => {
                                        Note::YearMismatch { cited, span, entry }
                                    }
                                    _ => Note::AuthorMismatch { cited, span, entry },
                                });
                            }
                            Outcome::Unresolved => {
                                link.add_unresolved(cited.clone());
                                link.notes.push(Note::Unresolved {
                                    cited,
                                    span: w.span,
                                });
                            }
                        }
                    }
                }
            }
            // kept as long as the manuscript: no spare room
            link.refs.shrink_to_fit();
            link.unresolved.shrink_to_fit();
            link
        })
        .collect()
}
