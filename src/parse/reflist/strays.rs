//! Entries of the list that a PDF's reading order put before its heading.

use super::clues::{first_family, first_year, floor_boundary, opens_like_author};
use super::lines::{is_blank, opener, trimmed, Line, Opener};
use super::{push_entry, RefList};
use crate::source::Span;

/// Entries of the list that stand before its heading, where a PDF's
/// reading order put a column of the list (PDF text): the run of
/// paragraphs nearest the heading (a few other paragraphs may stand
/// between) that are entries of the list. In a numbered list they carry
/// exactly the labels the list lacks; in an unnumbered one there are three
/// or more, each opening with an author and a year, in alphabetical order.
/// They join the list in label (or name) order.
pub(super) fn gather_strays(text: &str, before: &[Line], list: &mut RefList) {
    if list.entries.is_empty() || before.is_empty() {
        return;
    }
    let top = list
        .entries
        .iter()
        .filter_map(|e| e.label)
        .max()
        .unwrap_or(0);
    let missing: Option<std::collections::HashSet<u32>> = list.style.map(|_| {
        let have: std::collections::HashSet<u32> =
            list.entries.iter().filter_map(|e| e.label).collect();
        // the gaps, and the numbers after the last (the list's end read
        // before its heading)
        (1..top.min(5000) + 500)
            .filter(|n| !have.contains(n))
            .collect()
    });
    // paragraphs before the heading, nearest first: (first, last) lines
    let mut paras: Vec<(usize, usize)> = Vec::new();
    let mut j = before.len();
    while j > 0 && paras.len() < 400 {
        j -= 1;
        if is_blank(text, &before[j]) {
            continue;
        }
        let last = j;
        while j > 0 && !is_blank(text, &before[j - 1]) {
            j -= 1;
        }
        paras.push((j, last));
    }
    let para = |&(f, l): &(usize, usize)| Span::new(before[f].span.start, before[l].span.end);
    let is_entry = |p: &(usize, usize)| -> Option<Option<(Span, u32)>> {
        let s = para(p).slice(text);
        match (&missing, opener(text, before[p.0].span)) {
            (Some(m), Opener::Label(span, st, n, Some(_)))
                if Some(st) == list.style && m.contains(&n) =>
            {
                Some(Some((span, n)))
            }
            (None, Opener::Text(_))
                if s.len() < 3000
                    && opens_like_author(s)
                    && first_year(&s[..floor_boundary(s, 1500)]).is_some() =>
            {
                Some(None)
            }
            _ => None,
        }
    };
    // labels the list lacks are strong evidence, found further back
    let window = if missing.is_some() { 40 } else { 30 };
    let Some(end) = paras
        .iter()
        .take(window)
        .position(|p| is_entry(p).is_some())
    else {
        return;
    };
    // (first line, last line) of each paragraph, and its label
    type Stray = ((usize, usize), Option<(Span, u32)>);
    let mut run: Vec<Stray> = Vec::new();
    let mut skipped = 0;
    for (q, p) in paras[end..].iter().enumerate() {
        let Some(label) = is_entry(p) else {
            // a short piece of an entry cut off by a column break is passed
            // over when entries go on before it
            let short = para(p).len() <= 300;
            let more = paras[end + q + 1..]
                .iter()
                .take(2 - skipped.min(2))
                .any(|n| is_entry(n).is_some());
            if short && more && skipped < 2 {
                skipped += 1;
                continue;
            }
            break;
        };
        if let (Some(prev), None) = (run.last(), label) {
            // going backwards, names must not rise
            let here = first_family(para(p).slice(text)).to_lowercase();
            let later = first_family(para(&prev.0).slice(text)).to_lowercase();
            if here > later {
                break;
            }
        }
        if label.is_some_and(|(_, n)| run.iter().any(|r| r.1.is_some_and(|(_, m)| m == n))) {
            break;
        }
        run.push((*p, label));
    }
    // a run further back needs more entries to count
    if missing.is_none() && run.len() < if end < 12 { 3 } else { 5 } {
        return;
    }
    // numbers after the list's last must carry on from it without a gap
    let mut after: Vec<u32> = run
        .iter()
        .filter_map(|r| r.1.map(|l| l.1))
        .filter(|&n| n > top)
        .collect();
    after.sort_unstable();
    if after.iter().zip(top + 1..).any(|(&n, want)| n != want) {
        run.retain(|r| r.1.is_none_or(|l| l.1 <= top));
    }
    if run.is_empty() {
        return;
    }
    for (p, label) in run {
        let span = para(&p);
        let text_start = match opener(text, before[p.0].span) {
            Opener::Label(_, _, _, Some(ts)) => ts,
            _ => trimmed(text, span).start,
        };
        push_entry(text, list, span.start, text_start, span.end, label);
    }
    match list.style {
        Some(_) => list.entries.sort_by_key(|e| e.label),
        None => list
            .entries
            .sort_by_cached_key(|e| first_family(e.text_span.slice(text)).to_lowercase()),
    }
}
