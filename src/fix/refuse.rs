//! The refusals that keep renumbering from corrupting a manuscript: an
//! unnumbered list, unresolved citations, two entries with one number, an
//! unlabelled entry, parenthesised or bracketed numbers that may or may
//! not be citations, a reference cited by number in words, a marker that
//! cannot be read back into its parts.

use std::collections::{HashMap, HashSet};

use super::build::short;
use super::marker::Shape;
use crate::parse::MarkerKind;
use crate::report::Checked;
use crate::source::Span;

/// Why the manuscript cannot be renumbered, if it cannot: each reason
/// with the place it is about, when it is about one. `removed` marks the
/// entries the plan removes; `unresolved_markers` the markers citing
/// numbers the list does not have; `numeric_markers` the markers citing by
/// number, whose `shapes` are indexed by marker.
pub(super) fn renumber_refusals(
    text: &str,
    checked: &Checked,
    numbered: bool,
    removed: &[bool],
    unresolved_markers: &[usize],
    numeric_markers: &[usize],
    shapes: &[Option<Shape>],
) -> Vec<(Option<Span>, String)> {
    let doc = &checked.doc;
    let entries = doc.list.as_ref().map_or(&[][..], |l| &l.entries);
    let n = entries.len();
    let mut refuse: Vec<(Option<Span>, String)> = Vec::new();
    if !numbered {
        refuse.push((None, "the reference list is not numbered".to_string()));
    }
    if !unresolved_markers.is_empty() {
        let shown: Vec<String> = unresolved_markers
            .iter()
            .take(3)
            .map(|&k| format!("`{}`", doc.markers[k].span.slice(text)))
            .collect();
        let more = if unresolved_markers.len() > 3 {
            " …"
        } else {
            ""
        };
        refuse.push((None, format!(
            "{} citation(s) cite numbers the list does not have ({}{more}): renumbering would have to guess what they mean",
            unresolved_markers.len(),
            shown.join(", ")
        )));
    }
    let mut seen_labels: HashMap<u32, usize> = HashMap::new();
    for i in (0..n).filter(|&i| !removed[i]) {
        match entries[i].label {
            Some(lab) => {
                if let Some(&j) = seen_labels.get(&lab) {
                    refuse.push((None, format!(
                        "two different entries carry the number {lab} (`{}` and `{}`): which one a citation means is a guess",
                        short(entries[j].text_span.slice(text)),
                        short(entries[i].text_span.slice(text)),
                    )));
                }
                seen_labels.insert(lab, i);
            }
            None if numbered => refuse.push((
                None,
                format!(
                    "entry `{}` has no label",
                    short(entries[i].text_span.slice(text))
                ),
            )),
            None => {}
        }
    }
    let doubtful = doubtful_paren_groups(text, checked);
    if let Some(&(span, taken)) = doubtful.first() {
        let word_start = text[..span.start]
            .trim_end_matches([' ', '\u{a0}', '\t', '\n', '\r', '.'])
            .trim_end_matches(char::is_alphabetic)
            .len();
        let shown = &text[word_start..span.end];
        let more = match doubtful.len() {
            1 => String::new(),
            k => format!(" (and {} more)", k - 1),
        };
        let why = if taken {
            "is read as a citation, but the word before it may name a numbered thing and the group its label"
        } else {
            "reads like a citation but is not taken for one (because of the word before it)"
        };
        refuse.push((
            Some(span),
            format!(
                "`{shown}`{more} {why}: renumbering would either leave a citation pointing at the old number or rewrite a label"
            ),
        ));
    }
    let strays = stray_bracket_groups(text, checked);
    if !strays.is_empty() {
        let shown: Vec<String> = strays
            .iter()
            .take(3)
            .map(|s| {
                // with the word it is glued to (`t[1]`), and where
                let head = &text[..s.start];
                let word: usize = head
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .take(12)
                    .map(char::len_utf8)
                    .sum();
                let line = 1 + memchr::memchr_iter(b'\n', head.as_bytes()).count();
                format!("`{}` on line {line}", &text[s.start - word..s.end])
            })
            .collect();
        let more = if strays.len() > 3 { " …" } else { "" };
        refuse.push((Some(strays[0]), format!(
            "{} bracketed number(s) of the list's range are not read as citations ({}{more}: code, an index or maths, or a citation citelint cannot be sure of): renumbering would leave them pointing at the old numbers",
            strays.len(),
            shown.join(", ")
        )));
    }
    if let Some(span) = number_in_words(text, checked) {
        refuse.push((None, format!(
            "`{}` cites a reference by number outside a marker: renumbering would leave it pointing at the old number",
            span.slice(text)
        )));
    }
    if let Some(&k) = numeric_markers.iter().find(|&&k| shapes[k].is_none()) {
        refuse.push((
            None,
            format!(
                "marker `{}` could not be read back into its parts",
                doc.markers[k].span.slice(text)
            ),
        ));
    }
    refuse
}

/// Words before `(3)` that make it a figure, table or equation number
/// beyond doubt.
const FIGURE_WORDS: &[&str] = &[
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
    "section",
    "sections",
    "chapter",
    "appendix",
    "panel",
    "panels",
    "scheme",
    "step",
    "steps",
    "lane",
    "lanes",
];

/// In a manuscript that cites with parentheses: the parenthesised groups
/// of list numbers whose reading rests on the word before them, with
/// whether the parser took them for citations. Not taken: the word may be
/// a label word of another kind (`within weeks (2, 3)`, `no. (4)`), and
/// the group a citation. Taken: the word may name a numbered thing
/// (`condition (3)`), and the group a label. Renumbering cannot tell, so
/// it must not renumber while there is one. Only figure, table and
/// equation words are beyond doubt.
fn doubtful_paren_groups(text: &str, checked: &Checked) -> Vec<(Span, bool)> {
    use crate::parse::ParenContext;
    let doc = &checked.doc;
    if !doc.markers.iter().any(|m| m.kind == MarkerKind::Paren) {
        return Vec::new();
    }
    let Some(list) = doc.list.as_ref() else {
        return Vec::new();
    };
    let Some(top) = list.entries.iter().filter_map(|e| e.label).max() else {
        return Vec::new();
    };
    let taken: HashSet<Span> = doc.markers.iter().map(|m| m.span).collect();
    crate::parse::body_regions(text, Some(list), doc.notes.as_ref())
        .iter()
        .flat_map(|&r| crate::parse::numeric::scan(text, r))
        .filter(|g| g.kind == crate::parse::numeric::NumericKind::Paren)
        .filter(|g| g.items.iter().all(|i| i.min() >= 1 && i.max() <= top))
        .filter_map(|g| {
            let is_taken = taken.contains(&g.span);
            let doubt = match crate::parse::paren_context(text, g.span) {
                ParenContext::Weak(_) => true,
                ParenContext::Label(w) => !FIGURE_WORDS.contains(&w.as_str()),
                ParenContext::Citing => !is_taken,
                ParenContext::Placed => false,
            };
            doubt.then_some((g.span, is_taken))
        })
        .collect()
}

/// Every group of numbers in brackets in the body (`t[1]`, `a[3]`,
/// `研究[1]`) that could cite entries of the list (every number at least
/// 1, one of them at most the highest label) but is not read as a
/// citation. Renumbering cannot tell whether it is one, so it must not
/// renumber while there is one.
fn stray_bracket_groups(text: &str, checked: &Checked) -> Vec<Span> {
    let doc = &checked.doc;
    let Some(list) = doc.list.as_ref() else {
        return Vec::new();
    };
    let Some(top) = list.entries.iter().filter_map(|e| e.label).max() else {
        return Vec::new();
    };
    let mut taken: Vec<Span> = doc
        .markers
        .iter()
        .chain(&doc.other_markers)
        .map(|m| m.span)
        .collect();
    taken.sort();
    let covered = |g: Span| {
        let k = taken.partition_point(|t| t.end <= g.start);
        taken.get(k).is_some_and(|t| t.start < g.end)
    };
    let regions = crate::parse::body_regions(text, Some(list), doc.notes.as_ref());
    regions
        .iter()
        .flat_map(|&r| crate::parse::numeric::bracket_groups(text, r))
        .filter(|g| {
            g.items.iter().all(|i| i.min() >= 1)
                && g.items.iter().any(|i| i.min() <= top)
                && !covered(g.span)
        })
        .map(|g| g.span)
        .collect()
}

/// The first place where the body refers to a reference by number in a
/// form the marker scanner does not read: `ref. 12`, `refs 3 and 4`,
/// `reference 5`, `[12, p. 5]`, `[3; see also 4]`. Renumbering would leave
/// it behind, so it must not renumber.
fn number_in_words(text: &str, checked: &Checked) -> Option<Span> {
    let list = checked.doc.list.as_ref()?;
    let top = list.entries.iter().filter_map(|e| e.label).max()?;
    let in_list = |p: usize| list.heading.start <= p && p < list.span.end;
    let mut spans: Vec<Span> = checked.doc.markers.iter().map(|m| m.span).collect();
    spans.sort();
    let in_marker = |p: usize| {
        let k = spans.partition_point(|s| s.start <= p);
        k > 0 && p < spans[k - 1].end
    };
    let b = text.as_bytes();
    let number_at = |p: usize| -> Option<(u32, usize)> {
        let len = b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > 4 {
            return None;
        }
        let n: u32 = text[p..p + len].parse().ok()?;
        (1..=top).contains(&n).then_some((n, p + len))
    };
    let skip_space = |mut p: usize| {
        while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
            p += 1;
        }
        p
    };
    for (p, _) in text.match_indices(['r', 'R', '[']) {
        if in_list(p) || in_marker(p) {
            continue;
        }
        if b[p] == b'[' {
            // `[12, p. 5]`: a number, a separator, then words.
            let Some((_, after)) = number_at(skip_space(p + 1)) else {
                continue;
            };
            let q = skip_space(after);
            if !matches!(b.get(q), Some(b',' | b';')) {
                continue;
            }
            let end = text[q..]
                .find([']', '\n', '\r'])
                .map_or(text.len(), |o| q + o);
            if b.get(end) == Some(&b']')
                && end - q < 60
                && text[q..end].chars().any(char::is_alphabetic)
            {
                return Some(Span::new(p, end + 1));
            }
            continue;
        }
        // `ref. 12`, `refs 3`, `reference 5`, `references 3–5`.
        if p > 0 && (b[p - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let word_len = b[p..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let word = text[p..p + word_len].to_ascii_lowercase();
        if !matches!(word.as_str(), "ref" | "refs" | "reference" | "references") {
            continue;
        }
        let mut q = p + word_len;
        if b.get(q) == Some(&b'.') {
            q += 1;
        }
        let q2 = skip_space(q);
        if q2 == q && word.starts_with("ref") && b.get(q - 1) != Some(&b'.') {
            continue;
        }
        if let Some((_, after)) = number_at(q2) {
            if !b.get(after).is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || *c == b'.' && b.get(after + 1).is_some_and(u8::is_ascii_digit)
            }) {
                return Some(Span::new(p, after));
            }
        }
    }
    None
}
