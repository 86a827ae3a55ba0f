//! Splitting a numbered list at its labels: wrapped lines, lone labels,
//! sub-headings, and text read into the middle of the list (PDF text).

use super::clues::looks_like_reference;
use super::lines::{is_blank, opener, Line, Opener};
use super::{push_entry, EmptyItem, LabelStyle, RefList};
use crate::source::Span;

/// Whether `n` can be the next label after `prev`.
fn plausible_next(prev: Option<u32>, n: u32) -> bool {
    match prev {
        None => (1..=20).contains(&n) || n < 1000,
        Some(p) => n >= 1 && n <= p + 20 && (n < 1000 || p >= 990),
    }
}

/// An entry being built: start, text start, end, label.
type Pending = (usize, usize, usize, Option<(Span, u32)>);

/// Returns how many lines it read.
pub(super) fn split_numbered(
    text: &str,
    lines: &[Line],
    style: LabelStyle,
    list: &mut RefList,
) -> usize {
    // The entry being built: (start, text start, end, label)
    let mut cur: Option<Pending> = None;
    let mut prev_label: Option<u32> = None;
    let mut after_blank = true;
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        k += 1;
        if is_blank(text, &l) {
            after_blank = true;
            continue;
        }
        let blank_before = after_blank;
        after_blank = false;
        match opener(text, l.span) {
            // A number going backwards, alone on a line that continues an
            // entry, is the entry's wrapped text (`… Clin Mol Allergy 4:` +
            // `2.`), not a label. (A list out of order has text after its
            // labels.)
            Opener::Label(_, _, n, None)
                if !blank_before && cur.is_some() && prev_label.is_some_and(|p| n < p) =>
            {
                if let Some(c) = cur.as_mut() {
                    c.2 = l.span.end;
                }
            }
            Opener::Label(span, s, n, text_start)
                if (s == style && plausible_next(prev_label, n))
                    || (blank_before && prev_label.is_some_and(|p| n == p + 1))
                    || (s == style
                        && blank_before
                        && prev_label.is_some_and(|p| n > p)
                        && run_follows(text, &lines[k..], style, n)) =>
            {
                if let Some((a, b, c, lab)) = cur.take() {
                    push_entry(text, list, a, b, c, lab);
                }
                prev_label = Some(n);
                match text_start {
                    Some(ts) => cur = Some((span.start, ts, l.span.end, Some((span, n)))),
                    None => {
                        // A label alone: the entry text may follow on the next line.
                        let next = lines[k..].first().filter(|nl| !is_blank(text, nl));
                        match next.map(|nl| opener(text, nl.span)) {
                            Some(Opener::Text(ts)) => {
                                let nl = lines[k];
                                k += 1;
                                cur = Some((span.start, ts, nl.span.end, Some((span, n))));
                            }
                            _ => list.empty_items.push(EmptyItem {
                                span,
                                label: Some(n),
                            }),
                        }
                    }
                }
            }
            Opener::LoneBullet(span) => {
                if let Some((a, b, c, lab)) = cur.take() {
                    push_entry(text, list, a, b, c, lab);
                }
                list.empty_items.push(EmptyItem { span, label: None });
            }
            _ => {
                // Text without a label: a wrapped line of the current entry,
                // unless a blank line separates it (then the list has ended,
                // or this is a sub-heading inside the list).
                if !blank_before {
                    if let Some(c) = cur.as_mut() {
                        c.2 = l.span.end;
                        continue;
                    }
                }
                let heading_like = l.span.slice(text).trim().chars().count() <= 60
                    && !looks_like_reference(l.span.slice(text));
                let resumes = lines[k..]
                    .iter()
                    .find(|nl| !is_blank(text, nl))
                    .is_some_and(|nl| {
                        matches!(opener(text, nl.span), Opener::Label(_, s, n, _)
                            if s == style && plausible_next(prev_label, n))
                    });
                if heading_like && resumes {
                    if let Some((a, b, c, lab)) = cur.take() {
                        push_entry(text, list, a, b, c, lab);
                    }
                    continue;
                }
                // Another column's text or a float read into the middle of
                // the list (PDF text): the list resumes at the next label
                // after a few paragraphs.
                if let Some(resume) = resumption(text, &lines[k - 1..], style, prev_label) {
                    if let Some((a, b, c, lab)) = cur.take() {
                        push_entry(text, list, a, b, c, lab);
                    }
                    k += resume - 1;
                    after_blank = true;
                    continue;
                }
                break;
            }
        }
    }
    if let Some((a, b, c, lab)) = cur.take() {
        push_entry(text, list, a, b, c, lab);
    }
    k
}

/// Whether the next two labelled paragraphs in `lines` carry `n + 1` and
/// `n + 2`: a jump in the numbering to `n` is then the list going on (a
/// column of it was read elsewhere, PDF text), not a number in an entry.
fn run_follows(text: &str, lines: &[Line], style: LabelStyle, n: u32) -> bool {
    let mut want = n + 1;
    for l in lines.iter().take(60) {
        if let Opener::Label(_, s, m, Some(_)) = opener(text, l.span) {
            if s != style || m != want {
                return false;
            }
            if want == n + 2 {
                return true;
            }
            want += 1;
        }
    }
    false
}

/// Where a numbered list interrupted by other text resumes: the index in
/// `lines` of the first line, within eight paragraphs of at most 3,000
/// bytes, that opens a paragraph with the label after `prev` in the
/// list's style. Each skipped paragraph must not open with a label itself.
fn resumption(text: &str, lines: &[Line], style: LabelStyle, prev: Option<u32>) -> Option<usize> {
    let want = prev? + 1;
    let mut paragraphs = 0;
    let mut blank_before = true;
    for (j, l) in lines.iter().enumerate() {
        if is_blank(text, l) {
            blank_before = true;
            continue;
        }
        if blank_before {
            match opener(text, l.span) {
                Opener::Label(_, s, n, Some(_)) if s == style && n == want && j > 0 => {
                    return Some(j)
                }
                Opener::Label(..) => return None,
                _ => {}
            }
            paragraphs += 1;
            if paragraphs > 8 {
                return None;
            }
        }
        if l.span.len() > 3000 {
            return None;
        }
        blank_before = false;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::entries;
    use super::super::{find, LabelStyle};

    #[test]
    fn numbered_lists_with_wrapping_and_bullets() {
        let text =
            "Body [1].\n\nReferences:\n\n-\n- [1] A. One. 2008.\n[2] B. Two,\n  wrapped. 2009.\n";
        let list = find(text).unwrap();
        assert_eq!(list.style, Some(LabelStyle::Bracket));
        assert_eq!(
            entries(text),
            vec![
                ("[1] A. One. 2008.", Some(1)),
                ("[2] B. Two,\n  wrapped. 2009.", Some(2))
            ]
        );
        assert_eq!(list.empty_items.len(), 1);
        assert_eq!(list.empty_items[0].span.slice(text), "-");
    }

    #[test]
    fn a_wrapped_number_is_not_a_label() {
        let text = "References\n\n1. Alpha A (2006) Title. J 4: 1.\n\n2. Beta B (2006) Title. J Allergy 4:\n    1.\n\n3. Gamma C (2004) Title. J 1: 3.\n";
        let got = entries(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].1, Some(2));
        assert!(got[1].0.ends_with("4:\n    1."), "{got:?}");
        assert_eq!(got[2].1, Some(3));
        // one entry a line, no blank lines: still split at each label,
        // in order or not
        let text = "References\n1. Alpha A. J 4: 2.\n2. Beta B. J 1: 3.\n3. Gamma C. J 2: 4.\n";
        assert_eq!(entries(text).len(), 3);
        let text = "References\n3. Gamma C. J 2: 4.\n1. Alpha A. J 4: 2.\n2. Beta B. J 1: 3.\n";
        assert_eq!(entries(text).len(), 3);
    }

    #[test]
    fn an_entry_labelled_differently_but_in_sequence_is_kept() {
        let text = "References\n\n1. A (2001) T. J 1: 2.\n\n2. B (2002) T. J 3: 4.\n\n3 C (2003) T. J 5: 6.\n";
        assert_eq!(entries(text).len(), 3);
    }

    #[test]
    fn dot_list_ends_before_an_appendix() {
        let text = "References\n\n1. A (2001) T. J 1: 2.\n\n2. B (2002) T. J 3: 4.\n\nAPPENDIX A. MODEL\n\nConsider a model [1].\n";
        assert_eq!(
            entries(text),
            vec![
                ("1. A (2001) T. J 1: 2.", Some(1)),
                ("2. B (2002) T. J 3: 4.", Some(2))
            ]
        );
    }
}
