//! Reading a manuscript: its citation markers and its reference list.
//!
//! [`Manuscript::parse`] finds the reference list first (it tells how many
//! entries there are and how they are labelled), then scans the rest of the
//! text for markers and keeps those that read as citations in a manuscript
//! with that list.

pub mod author_year;
pub mod flattened;
pub mod notes;
pub mod numeric;
pub mod reflist;

use author_year::WorkCite;
use numeric::{NumItem, NumericKind, NumericMarker};
use reflist::RefList;

use crate::source::Span;

/// How a marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerKind {
    /// `[1]`, `［1］`, `【1】`, `[5]–[9]`.
    Bracket,
    /// `(1)`.
    Paren,
    /// `^[1]`, the plain-text form of a superscript group.
    Caret,
    /// Unicode superscript digits.
    Superscript,
    /// `ref. 7`, `refs 3 and 5–7`: a reference by number in words.
    Textual,
    /// `cancer1,2`: superscript digits flattened onto the word before them
    /// (PDF text, word-processor exports). Never rewritten by `fix`.
    Flattened,
    /// `(Smith et al., 2008; Lee 2010)`.
    Parenthetical,
    /// `Smith et al. (2008)`.
    Narrative,
    /// `as described by Smith et al., 2008` (no parentheses).
    Bare,
    /// An author named in a numbered note of a notes-bibliography
    /// manuscript (`1. Frederick Jackson Turner, The Frontier …, 1920`).
    Note,
}

impl From<NumericKind> for MarkerKind {
    fn from(k: NumericKind) -> Self {
        match k {
            NumericKind::Bracket => MarkerKind::Bracket,
            NumericKind::Paren => MarkerKind::Paren,
            NumericKind::Caret => MarkerKind::Caret,
            NumericKind::Superscript => MarkerKind::Superscript,
            NumericKind::Textual => MarkerKind::Textual,
            NumericKind::Flattened => MarkerKind::Flattened,
        }
    }
}

/// What a marker cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    /// Numbers and ranges, as written.
    Numbers(Vec<NumItem>),
    /// Works by names and year.
    Works(Vec<WorkCite>),
}

/// The citation style of a manuscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Numbered citations.
    #[default]
    Numeric,
    /// Author and year.
    AuthorYear,
}

/// A citation marker as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The whole marker: `[1, 3-5]`, `^[2]`, `(5–7)`, `(Smith 2008; Lee 2010)`.
    pub span: Span,
    /// How it is written.
    pub kind: MarkerKind,
    /// What it cites, as written.
    pub cited: Cited,
}

impl Marker {
    /// Every number cited, ranges expanded, in the order written (none for
    /// an author-year marker).
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        let items: &[NumItem] = match &self.cited {
            Cited::Numbers(items) => items,
            Cited::Works(_) => &[],
        };
        items.iter().flat_map(|i| i.numbers())
    }

    /// The numeric items, for a numeric marker.
    pub fn items(&self) -> &[NumItem] {
        match &self.cited {
            Cited::Numbers(items) => items,
            Cited::Works(_) => &[],
        }
    }

    /// The works, for an author-year marker.
    pub fn works(&self) -> &[WorkCite] {
        match &self.cited {
            Cited::Works(w) => w,
            Cited::Numbers(_) => &[],
        }
    }

    /// The marker's citation style.
    pub fn style(&self) -> Style {
        match self.cited {
            Cited::Numbers(_) => Style::Numeric,
            Cited::Works(_) => Style::AuthorYear,
        }
    }
}

/// A parsed manuscript.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manuscript {
    /// The manuscript's citation style.
    pub style: Style,
    /// Citation markers of that style, in text order.
    pub markers: Vec<Marker>,
    /// Markers of the other style, kept apart (they are not linked).
    pub other_markers: Vec<Marker>,
    /// The reference list, when one was found.
    pub list: Option<RefList>,
    /// The notes of a notes-bibliography manuscript.
    pub notes: Option<notes::Notes>,
    /// Note calls in the text of such a manuscript (superscript numbers,
    /// `^[3]`): where, and the note number.
    pub note_calls: Vec<(Span, u32)>,
}

/// Longest range a marker may span (`[1–300]` is not a citation).
const MAX_RANGE: u32 = 200;

/// Words that, before `(3)`, make it the label of a figure, table,
/// equation, page or list item: never a citation.
const PAREN_LABELS: &[&str] = &[
    "fig",
    "figs",
    "figure",
    "figures",
    "table",
    "tables",
    "eq",
    "eqs",
    "equation",
    "equations",
    "step",
    "steps",
    "scheme",
    "section",
    "sections",
    "chapter",
    "appendix",
    "panel",
    "panels",
    "lane",
    "lanes",
    "s",
    "no",
    "number",
    "p",
    "pp",
    "page",
    "line",
    "lines",
    "box",
    "file",
    "note",
    "item",
    "items",
];

/// Words that may name a numbered thing before `(3)` (`condition (3)`,
/// `model (2)`) but as often end a phrase a citation follows (`under
/// field conditions (13).`, `in both groups (4,9)`): they keep `(3)` from
/// being a citation only in a manuscript that has too few other
/// parenthesised citations to say it cites that way (see
/// [`PAREN_CITING_MIN`]).
const PAREN_WEAK: &[&str] = &[
    "model",
    "models",
    "case",
    "cases",
    "group",
    "groups",
    "experiment",
    "experiments",
    "type",
    "phase",
    "stage",
    "grade",
    "class",
    "day",
    "days",
    "week",
    "weeks",
    "condition",
    "conditions",
    "ref",
    "refs",
    "reference",
    "references",
];

/// How many parenthesised groups in plain citing context (after no word
/// of [`PAREN_LABELS`] or [`PAREN_WEAK`]), more than its bracketed and
/// superscript markers together, make a manuscript one that cites with
/// parentheses, where a word of [`PAREN_WEAK`] no longer blocks.
const PAREN_CITING_MIN: usize = 3;

/// What the text before a parenthesised group `(3)` says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParenContext {
    /// Nothing against a citation.
    Citing,
    /// A word that may name a numbered thing (`condition (3)`): a citation
    /// only in a manuscript that cites with parentheses.
    Weak(String),
    /// A label word (`Fig. (3)`, `Table (2)`), the word itself.
    Label(String),
    /// Its place says it is not a citation: a function call `f(3)`, the
    /// start of a line, after a colon (an enumeration).
    Placed,
}

impl Manuscript {
    /// Parses `text`. Never fails: what is not understood is left out.
    pub fn parse(text: &str) -> Manuscript {
        Manuscript::parse_with(text, &[])
    }

    /// Like [`Manuscript::parse`], with extra reference-section headings
    /// (`references.headings` in the configuration).
    pub fn parse_with(text: &str, headings: &[String]) -> Manuscript {
        let list = reflist::find_with(text, headings);
        // The notes of a notes-bibliography manuscript are read apart.
        let notes = list.as_ref().and_then(|l| notes::find(text, l));
        let regions = body_regions(text, list.as_ref(), notes.as_ref());
        let mut raw: Vec<NumericMarker> = regions
            .iter()
            .flat_map(|&r| numeric::scan(text, r))
            .collect();
        // `ref. 7` counts in a manuscript with a numbered list.
        if list.as_ref().is_some_and(|l| l.style.is_some()) {
            raw.extend(regions.iter().flat_map(|&r| numeric::scan_textual(text, r)));
            raw.sort_by_key(|m| m.span);
        }

        // In a notes-bibliography manuscript, superscript numbers call notes.
        let note_calls: Vec<(Span, u32)> = if notes.is_some() {
            raw.iter()
                .filter(|m| matches!(m.kind, NumericKind::Superscript | NumericKind::Caret))
                .flat_map(|m| {
                    m.items
                        .iter()
                        .flat_map(|i| i.numbers())
                        .map(|n| (m.span, n))
                })
                .take(100_000)
                .collect()
        } else {
            Vec::new()
        };
        let limit = number_limit(list.as_ref());
        // A group glued to a word (`cancer[4]`) is a citation on weaker
        // evidence than one set apart: it must stay within the list.
        let top = list_top(list.as_ref());
        let plausible = |m: &NumericMarker| {
            let glued = m.kind == NumericKind::Bracket && numeric::glued_to_word(text, m.span);
            let limit = if top > 0 && glued { top } else { limit };
            m.items
                .iter()
                .all(|i| i.min() >= 1 && i.max() <= limit && i.max() - i.min() <= MAX_RANGE)
        };
        let mut kept: Vec<NumericMarker> = raw.into_iter().filter(plausible).collect();

        // Paren and superscript-digit markers only count in a manuscript that
        // does not cite with brackets; parentheses also need a context that
        // reads like a citation.
        let numbered = list.as_ref().is_some_and(|l| l.style.is_some());
        let bracketed = kept
            .iter()
            .filter(|m| matches!(m.kind, NumericKind::Bracket | NumericKind::Caret))
            .count();
        let parens = kept.iter().filter(|m| m.kind == NumericKind::Paren).count();
        let supers = kept
            .iter()
            .filter(|m| m.kind == NumericKind::Superscript)
            .count();
        let contexts: Vec<Option<ParenContext>> = kept
            .iter()
            .map(|m| (m.kind == NumericKind::Paren).then(|| paren_context(text, m.span)))
            .collect();
        let citing = contexts
            .iter()
            .filter(|c| **c == Some(ParenContext::Citing))
            .count();
        // A manuscript cites with parentheses when its other markers are
        // parenthesised numbers.
        let paren_citing = citing >= PAREN_CITING_MIN && citing > bracketed + supers;
        let mut context = contexts.into_iter();
        kept.retain(|m| match (m.kind, context.next().flatten()) {
            (NumericKind::Paren, c) => {
                numbered
                    && bracketed <= (parens / 10).max(2)
                    && match c {
                        Some(ParenContext::Citing) => true,
                        Some(ParenContext::Weak(_)) => paren_citing,
                        _ => false,
                    }
            }
            (NumericKind::Superscript, _) => numbered && bracketed <= (supers / 10).max(2),
            _ => true,
        });

        // Superscripts flattened onto their words, in a numbered manuscript
        // whose citations were not found otherwise.
        if numbered {
            let entries = list.as_ref().map_or(0, |l| l.entries.len());
            let mut cited: Vec<u32> = kept.iter().flat_map(|m| m.numbers()).collect();
            cited.sort_unstable();
            cited.dedup();
            if entries >= 3 && cited.len() * 3 < entries {
                kept.extend(flattened::scan(text, &regions, limit));
                kept.sort_by_key(|m| m.span);
            }
        }

        let numeric: Vec<Marker> = kept
            .into_iter()
            .map(|m| Marker {
                span: m.span,
                kind: m.kind.into(),
                cited: Cited::Numbers(m.items),
            })
            .collect();
        let mut ay_raw: Vec<author_year::AyMarker> = Vec::new();
        for &r in &regions {
            let found = author_year::scan_brackets(text, r);
            let taken: Vec<Span> = found.iter().map(|m| m.span).collect();
            let bare = author_year::scan_bare(text, r, &taken);
            ay_raw.extend(found);
            ay_raw.extend(bare);
        }
        if let (Some(l), Some(n)) = (&list, &notes) {
            ay_raw.extend(notes::markers(text, l, n).into_iter().map(|(span, works)| {
                author_year::AyMarker {
                    span,
                    kind: author_year::AyKind::Note,
                    works,
                }
            }));
        }
        ay_raw.sort_by_key(|m| m.span);
        let author_year: Vec<Marker> = ay_raw
            .into_iter()
            .map(|m| Marker {
                span: m.span,
                kind: match m.kind {
                    author_year::AyKind::Parenthetical => MarkerKind::Parenthetical,
                    author_year::AyKind::Narrative => MarkerKind::Narrative,
                    author_year::AyKind::Bare => MarkerKind::Bare,
                    author_year::AyKind::Note => MarkerKind::Note,
                },
                cited: Cited::Works(m.works),
            })
            .collect();

        // A numbered list means a numeric manuscript, unless the text cites
        // by name and year four times as often as by number (a numbered
        // list cited `(Gildea and Palmer, 2002)`, as some computing
        // proceedings do); otherwise the style with more markers wins.
        let counted = author_year
            .iter()
            .filter(|m| m.kind != MarkerKind::Bare)
            .count();
        let by_name = counted >= 3 && numeric.len() * 4 < counted;
        let style = if numbered && !by_name || !numbered && numeric.len() > counted {
            Style::Numeric
        } else {
            Style::AuthorYear
        };
        let (markers, other_markers) = match style {
            Style::Numeric => (numeric, author_year),
            Style::AuthorYear => (author_year, numeric),
        };
        Manuscript {
            style,
            markers,
            other_markers,
            list,
            notes,
            note_calls,
        }
    }
}

/// The parts of a text of `len` bytes where citations are read: all of it
/// but the reference list (its heading and its entries, wherever they
/// stand) and the notes of a notes-bibliography manuscript.
pub fn body_regions(text: &str, list: Option<&RefList>, notes: Option<&notes::Notes>) -> Vec<Span> {
    let len = text.len();
    let regions = match list {
        Some(l) => {
            // the list's heading and entries, wherever a PDF's reading order
            // put them; a paragraph of prose between two entries (another
            // column's, read into the list) is read as the body it is, and
            // shorter pieces (a stray bullet, a sub-heading) go with the list
            let mut out: Vec<Span> = l.entries.iter().map(|e| e.span).collect();
            out.push(l.heading);
            out.sort();
            let mut gaps: Vec<Span> = Vec::new();
            let mut at = l.heading.start;
            for x in &out {
                if x.start > at && x.end <= l.span.end && at >= l.heading.start {
                    gaps.push(Span::new(at, x.start));
                }
                at = at.max(x.end);
            }
            if l.span.end > at {
                gaps.push(Span::new(at, l.span.end));
            }
            out.extend(gaps.into_iter().filter(|g| !is_prose_gap(text, *g)));
            out.sort();
            let mut regions = Vec::with_capacity(out.len() + 1);
            let mut at = 0;
            for x in out {
                if x.start > at {
                    regions.push(Span::new(at, x.start));
                }
                at = at.max(x.end);
            }
            regions.push(Span::new(at, len));
            regions
        }
        None => vec![Span::new(0, len)],
    };
    let Some(n) = notes else {
        return regions;
    };
    regions
        .into_iter()
        .flat_map(|r| {
            if n.span.end <= r.start || n.span.start >= r.end {
                vec![r]
            } else {
                vec![
                    Span::new(r.start, n.span.start),
                    Span::new(n.span.end, r.end),
                ]
            }
        })
        .filter(|r| r.start < r.end)
        .collect()
}

/// Whether a stretch inside a reference list, between its entries, is a
/// paragraph of prose read into it: 200 bytes or more and 25 words or more.
fn is_prose_gap(text: &str, gap: Span) -> bool {
    let s = gap.slice(text).trim();
    s.len() >= 200 && s.split_whitespace().count() >= 25
}

/// The highest label of `list` (its length when unlabelled; 0 without a
/// list).
fn list_top(list: Option<&RefList>) -> u32 {
    list.map_or(0, |l| {
        l.entries
            .iter()
            .filter_map(|e| e.label)
            .max()
            .unwrap_or(l.entries.len() as u32)
    })
}

/// Largest number a marker may cite in a manuscript with `list`: a little
/// above the highest label, so that a citation of a deleted last entry is
/// still seen (and reported), while years and measurements are not.
fn number_limit(list: Option<&RefList>) -> u32 {
    let top = list_top(list);
    if top == 0 {
        return 300;
    }
    top + (top / 5).max(5)
}

/// What the text before `(3)` at `span` says: a figure or equation
/// number, an enumeration at the start of a line or after a colon, a
/// function call `f(3)`, or nothing against a citation.
pub fn paren_context(text: &str, span: Span) -> ParenContext {
    let before = &text[..span.start];
    // A line that goes on from a sentence broken mid-way (`… as in` +
    // `(7)`) is wrapped text: the line break stands for a space.
    let joined = before.trim_end_matches(['\n', '\r']);
    let one_break = before.len() - joined.len() == 1
        || before.ends_with("\r\n") && before.len() - joined.len() == 2;
    if one_break
        && joined
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | ')'))
    {
        return paren_context_after(joined);
    }
    let Some(prev) = before.chars().next_back() else {
        return ParenContext::Placed;
    };
    if prev.is_alphanumeric() || prev == '\n' || prev == '\r' {
        return ParenContext::Placed;
    }
    paren_context_after(before)
}

/// The checks of [`paren_context`] on the text before the marker and its
/// space.
fn paren_context_after(before: &str) -> ParenContext {
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    match trimmed.chars().next_back() {
        None | Some(':') | Some('\n') | Some('\r') | Some('(') => return ParenContext::Placed,
        _ => {}
    }
    let word: String = trimmed
        .chars()
        .rev()
        .skip_while(|c| *c == '.')
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    if PAREN_LABELS.contains(&word.as_str()) {
        ParenContext::Label(word)
    } else if PAREN_WEAK.contains(&word.as_str()) {
        ParenContext::Weak(word)
    } else {
        ParenContext::Citing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(text: &str) -> Vec<&str> {
        Manuscript::parse(text)
            .markers
            .iter()
            .map(|m| m.span.slice(text))
            .collect()
    }

    const LIST5: &str = "\n\nReferences\n\n1. A (2001) One. J 1: 1.\n\n2. B (2002) Two. J 1: 2.\n\n3. C (2003) Three. J 1: 3.\n\n4. D (2004) Four. J 1: 4.\n\n5. E (2005) Five. J 1: 5.\n";

    #[test]
    fn a_numbered_list_cited_by_name_and_year() {
        let text = "We follow (Gildea and Palmer, 2002) and Lin (1998), as in (Neumann and \
            Piskorski, 2002).\n\nReferences\n\n\
            1. Gildea, D. and Palmer, M. 2002. The Necessity of Parsing. In Proceedings of ACL.\n\n\
            2. Lin, D. 1998. Dependency-based Evaluation of MINIPAR. In Workshop on Parsing.\n\n\
            3. Neumann, G. and Piskorski, J. 2002. A Shallow Text Processing Core Engine. J Comp 18.\n";
        let doc = Manuscript::parse(text);
        assert_eq!(doc.style, Style::AuthorYear);
        assert_eq!(doc.markers.len(), 3);
        // numbers among them keep a numbered list numeric
        let text = format!("As in [1] and [2] and [3], or Lin (1998).{LIST5}");
        assert_eq!(Manuscript::parse(&text).style, Style::Numeric);
    }

    #[test]
    fn text_between_entries_is_read() {
        // another column's text read into the middle of a numbered list
        let text =
            "Body [1] and [2].\n\nReferences\n\n1. Smith J (2001) A study. J Biol 1: 1-2.\n\n\
            The other column goes on here, in a paragraph of its own that the reading \
            order of a two-column page put into the middle of the list, and it cites \
            [3] again before it ends with a few more words about the methods.\n\n\
            2. Lee K (2002) Another study. J Biol 2: 3-4.\n\n\
            - [2]\n\n\
            3. Kim L (2003) A third study. J Biol 3: 5-6.\n";
        assert_eq!(markers(text), vec!["[1]", "[2]", "[3]"]);
        assert_eq!(
            Manuscript::parse(text).list.map(|l| l.entries.len()),
            Some(3)
        );
    }

    #[test]
    fn intervals_years_and_zero_are_not_markers() {
        let text = format!("Values in [0, 1] and [2008] and [5, 80] but [2] and [1–3].{LIST5}");
        assert_eq!(markers(&text), vec!["[2]", "[1–3]"]);
    }

    #[test]
    fn paren_markers_need_a_paren_manuscript_and_a_citing_context() {
        let text = format!(
            "Ducks died (1). Shown in Fig. (2) and (n = 12), (2008), (a). As described (3–5).\n(4) an enumeration. Two steps: (1) this. As shown\n(5) in a wrapped line.{LIST5}"
        );
        assert_eq!(markers(&text), vec!["(1)", "(3–5)", "(5)"]);
        let text = format!("Cited [1], [2], [3] and then (4).{LIST5}");
        assert_eq!(markers(&text), vec!["[1]", "[2]", "[3]"]);
    }

    #[test]
    fn what_the_word_before_a_parenthesised_group_says() {
        let cases: &[(&str, ParenContext)] = &[
            ("ducks died (1)", ParenContext::Citing),
            ("as shown in Fig. (2)", ParenContext::Label("fig".into())),
            ("see Table (3)", ParenContext::Label("table".into())),
            (
                "under field conditions (13)",
                ParenContext::Weak("conditions".into()),
            ),
            ("in both groups\n(4,9)", ParenContext::Weak("groups".into())),
            ("by model (2)", ParenContext::Weak("model".into())),
            ("f(3)", ParenContext::Placed),
            ("two steps: (1)", ParenContext::Placed),
            ("the end.\n(4)", ParenContext::Placed),
            ("(5)", ParenContext::Placed),
        ];
        for (text, want) in cases {
            let at = text.rfind('(').unwrap();
            let span = Span::new(at, text.len());
            assert_eq!(&paren_context(text, span), want, "{text}");
        }
    }

    #[test]
    fn a_word_that_may_name_a_numbered_thing_blocks_only_where_parentheses_are_rare() {
        let mut list = String::from("\n\nReferences\n\n");
        for k in 1..=45 {
            list.push_str(&format!(
                "{k}. Author{k} A. Title {k}. J Virol. 2001;{k}:1-2.\n"
            ));
        }
        let body = "Virus was isolated (1), grown (2) and typed (3,4). It spreads under field conditions (13). Under these conditions (13,42) it persists; both groups\n(5) agree, as do (6) and (7).";
        let text = format!("{body}{list}");
        let got = markers(&text);
        assert!(
            got.contains(&"(13)") && got.contains(&"(13,42)") && got.contains(&"(5)"),
            "{got:?}"
        );
        assert_eq!(got.len(), 8, "{got:?}");
        // with fewer citations in parentheses the words still block
        let text = format!("Virus was isolated (1). Under field conditions (13) and in model (2) it persists.{list}");
        assert_eq!(markers(&text), ["(1)"]);
        // label words always block
        let text = format!("{body} As Fig. (8) and Table (9) show.{list}");
        let got = markers(&text);
        assert!(!got.contains(&"(8)") && !got.contains(&"(9)"), "{got:?}");
    }

    #[test]
    fn reference_labels_are_not_markers_and_appendices_are_scanned() {
        let text = format!("Body [1].{LIST5}\nAppendix\n\nAs shown [5].\n");
        assert_eq!(markers(&text), vec!["[1]", "[5]"]);
    }

    #[test]
    fn references_by_number_in_words() {
        let text = format!(
            "As in ref. 3 and Refs 1, 2 and 4–5, see reference 2. Not ref. 3.5, ref 2b, preference 2 or ref. 2008.{LIST5}"
        );
        assert_eq!(
            markers(&text),
            vec!["ref. 3", "Refs 1, 2 and 4–5", "reference 2"]
        );
        // only where the list is numbered
        let text = "As in ref. 1.

References

Alpha A (2001) One. J 1: 1.
";
        assert!(markers(text).is_empty());
    }

    #[test]
    fn a_cited_number_just_past_the_list_is_still_a_marker() {
        let text = format!("Body [6] and [7].{LIST5}");
        assert_eq!(markers(&text), vec!["[6]", "[7]"]);
        // but not when glued to a word: that needs the list's range
        let text = format!("Body cancer[6] and tumours[5], then sleep^[6].{LIST5}");
        assert_eq!(markers(&text), vec!["[5]", "^[6]"]);
    }
}
