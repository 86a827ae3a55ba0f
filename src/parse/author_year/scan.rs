//! Finding author-year markers in a text: parenthetical and narrative
//! markers in parentheses or square brackets, and bare citations in the
//! running text.

use super::cite::{
    bare_years, between_citations, citation, ends_cleanly, ends_in_initials, part_citations, shift,
    unpublished_after,
};
use super::names::{is_cjk, names_ref};
use super::years::{year, year_list};
use super::{AyKind, AyMarker, Brackets, WorkCite, PARENS, SQUARE};
use crate::parse::numeric::is_hspace;
use crate::source::Span;

/// Longest parenthesis the scanner looks into.
pub(super) const MAX_PAREN_BYTES: usize = 1200;
/// How far back a narrative marker's names may start.
const MAX_NAMES_BYTES: usize = 160;

/// Whether the line break at `k` ends a paragraph: the line after it is
/// blank (or the text ends). A parenthesis never closes across one; a
/// single line break (a manuscript wrapped at a fixed width) is a space.
fn paragraph_ends(bytes: &[u8], k: usize) -> bool {
    bytes[k + 1..]
        .iter()
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'))
        .is_none_or(|&b| b == b'\n')
}

/// Where the parenthesis opened at `open` closes, if it does on the same
/// paragraph within [`MAX_PAREN_BYTES`]; nested parentheses are skipped.
/// The reference for [`Closers`], which gives the same answers in one pass.
#[cfg(test)]
pub(super) fn closing(text: &str, open: usize, pair: Brackets) -> Option<usize> {
    let mut depth = 0usize;
    let end = (open + MAX_PAREN_BYTES).min(text.len());
    let bytes = text.as_bytes();
    let mut k = open;
    while k < end {
        if pair.opens_at(text, k).is_some() {
            depth += 1;
        } else if let Some(len) = pair.closes_at(text, k) {
            depth -= 1;
            if depth == 0 {
                return Some(k + len);
            }
        } else if bytes[k] == b'\n' && paragraph_ends(bytes, k) {
            return None;
        }
        k += 1;
        while !text.is_char_boundary(k) {
            k += 1;
        }
    }
    None
}

/// Where parentheses close, asked for opening positions in increasing
/// order: the answers of scanning forward from each opening to its close
/// (nested parentheses skipped, not past a line end, within
/// [`MAX_PAREN_BYTES`]), found in one pass over the text. Scanning from
/// each opening would read up to [`MAX_PAREN_BYTES`] per parenthesis, a
/// thousandfold slowdown on `((((…`; this reads every byte once and keeps
/// at most a window's worth of state.
pub(super) struct Closers<'a> {
    text: &'a str,
    pair: Brackets,
    /// Bytes before `pos` have been read.
    pos: usize,
    /// Unclosed openings that may still close in range, innermost last.
    open: std::collections::VecDeque<usize>,
    /// Opening → end of its closing parenthesis, for openings not yet asked.
    found: std::collections::BTreeMap<usize, usize>,
    /// The first 0xEF byte (lead byte of the full-width brackets) at or
    /// after `pos`.
    next_wide: usize,
}

impl<'a> Closers<'a> {
    pub(super) fn new(text: &'a str, from: usize, pair: Brackets) -> Self {
        Closers {
            text,
            pair,
            pos: from,
            open: std::collections::VecDeque::new(),
            found: std::collections::BTreeMap::new(),
            next_wide: 0,
        }
    }

    /// Where the parenthesis opened at `at` closes (the end of the closing
    /// parenthesis). `at` must not decrease from one call to the next.
    pub(super) fn closing(&mut self, at: usize) -> Option<usize> {
        let end = (at + MAX_PAREN_BYTES).min(self.text.len());
        let bytes = self.text.as_bytes();
        while self.pos < end {
            // Jump to the next byte that matters: `(`, `)`, a line end, or
            // the lead byte of a full-width parenthesis.
            if self.next_wide < self.pos {
                self.next_wide =
                    memchr::memchr(0xEF, &bytes[self.pos..]).map_or(bytes.len(), |o| self.pos + o);
            }
            let stop = end.min(self.next_wide);
            let pair = self.pair;
            let k = match memchr::memchr3(pair.open, pair.close, b'\n', &bytes[self.pos..stop]) {
                Some(o) => self.pos + o,
                None if stop < end => stop,
                None => {
                    self.pos = end;
                    break;
                }
            };
            self.pos = k + 1;
            if bytes[k] == b'\n' {
                if paragraph_ends(bytes, k) {
                    self.open.clear();
                }
                continue;
            }
            let (opens, close_len) = if pair.opens_at(self.text, k).is_some() {
                (true, 0)
            } else if let Some(len) = pair.closes_at(self.text, k) {
                (false, len)
            } else {
                continue;
            };
            if opens {
                // An opening whose close could only come past its window
                // never gets one: forget it.
                while self.open.front().is_some_and(|&o| k >= o + MAX_PAREN_BYTES) {
                    self.open.pop_front();
                }
                self.open.push_back(k);
            } else if let Some(o) = self.open.pop_back() {
                if k < o + MAX_PAREN_BYTES {
                    self.found.insert(o, k + close_len);
                }
            }
        }
        while self.found.first_key_value().is_some_and(|(&o, _)| o < at) {
            self.found.pop_first();
        }
        self.found.get(&at).copied()
    }
}

/// Names that end right before `end` (the opening parenthesis of a
/// narrative year), as `(start, names, etal)`. The longest run of names that
/// parses up to `end` is taken (`Smith and Jones`); sentence openers such as
/// `In` are on the stop list, so they are not swallowed.
fn names_before(text: &str, end: usize) -> Option<(usize, Vec<String>, bool)> {
    let mut lo = end.saturating_sub(MAX_NAMES_BYTES);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    // Names stay in their table cell and on their line, unless the line
    // breaks inside a list of names (`Smith and` + `Jones (2008)`).
    if let Some(t) = text[lo..end].rfind('\t') {
        lo += t + 1;
    }
    let names_end = lo + text[lo..end].trim_end_matches(is_hspace).len();
    if let Some(n) = text[lo..names_end].rfind('\n') {
        let head = text[lo..lo + n].trim_end_matches(is_hspace);
        let tail = &text[lo + n + 1..names_end];
        let joins = [" and", "&", ",", " et", " und"]
            .iter()
            .any(|j| head.ends_with(j))
            || ["et al", "and ", "& ", "und "]
                .iter()
                .any(|j| tail.starts_with(j));
        if !joins {
            lo += n + 1;
        } else if let Some(m) = head.rfind('\n') {
            lo += m + 1;
        }
    }
    let window = &text[lo..end];
    let trimmed = window.trim_end_matches(is_hspace);
    // `Smith's (2008)`, `Jones' (2010)`
    let trimmed = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
        .or_else(|| {
            trimmed
                .strip_suffix('\'')
                .or_else(|| trimmed.strip_suffix('’'))
                .filter(|t| t.ends_with('s'))
        })
        .unwrap_or(trimmed);
    let trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed);
    // Candidate starts: after a space or an opening bracket, nearest first.
    let mut starts: Vec<usize> = trimmed
        .char_indices()
        .filter(|&(_, c)| is_hspace(c) || c == '(' || c == '[' || c == '"' || c == '“' || c == '\n')
        .map(|(k, c)| k + c.len_utf8())
        .collect();
    starts.insert(0, 0);
    for s in starts {
        let cand = &trimmed[s..];
        if cand.is_empty() {
            continue;
        }
        if let Ok((rest, (ns, etal))) = names_ref(cand) {
            if rest.is_empty() {
                let ns = ns.into_iter().map(str::to_string).collect();
                return Some((lo + s, ns, etal));
            }
        }
    }
    // CJK names glued to the text before them: `张三（2008）`.
    let cjk: usize = trimmed
        .chars()
        .rev()
        .take_while(|&c| is_cjk(c))
        .map(char::len_utf8)
        .sum();
    if (6..=12).contains(&cjk) {
        let s = trimmed.len() - cjk;
        return Some((lo + s, vec![trimmed[s..].to_string()], false));
    }
    None
}

/// Every author-year marker in `text[region]` whose citations stand in
/// `pair` brackets, in order.
pub fn scan(text: &str, region: Span, pair: Brackets) -> Vec<AyMarker> {
    let mut out: Vec<AyMarker> = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let mut done_until = region.start;
    let mut closers = Closers::new(&text[..region.end], region.start, pair);
    let opens = memchr::memchr2_iter(pair.open, 0xEF, slice.as_bytes())
        .map(|p| p + region.start)
        .filter_map(|p| pair.opens_at(text, p).map(|len| (p, len)));
    for (open, open_len) in opens {
        if open < done_until {
            continue;
        }
        let Some(close) = closers.closing(open) else {
            continue;
        };
        let close_len = if text.as_bytes()[close - 1] == pair.close {
            1
        } else {
            pair.wide_close.len_utf8()
        };
        let inner_start = open + open_len;
        let inner = &text[inner_start..close - close_len];
        // Narrative: the parenthesis starts with years.
        if let Ok((rest, years)) = year_list(inner.trim_start_matches(is_hspace)) {
            let lead = inner.len() - inner.trim_start_matches(is_hspace).len();
            if ends_cleanly(rest) {
                if let Some((start, ns, etal)) = names_before(text, open) {
                    if start >= done_until
                        && start >= region.start
                        && !unpublished_after(rest)
                        && !ns.iter().any(|n| ends_in_initials(n))
                    {
                        let works = years
                            .into_iter()
                            .map(|(y, s, e)| WorkCite {
                                span: Span::new(inner_start + lead + s, inner_start + lead + e),
                                names: ns.clone(),
                                etal,
                                year: y,
                            })
                            .collect::<Vec<_>>();
                        let mut works = works;
                        if let Some(w) = works.first_mut() {
                            w.span.start = start;
                        }
                        // `Smith (2008, as cited in Jones, 2010)`: only
                        // Jones is a citation of the list.
                        if let Ok((after, true)) = between_citations(rest) {
                            if let Ok((_, ws)) = citation(after) {
                                let at = inner_start + (inner.len() - after.len());
                                works = ws.into_iter().map(|w| shift(w, at)).collect();
                            }
                        }
                        out.push(AyMarker {
                            span: Span::new(start, close),
                            kind: AyKind::Narrative,
                            works,
                        });
                        done_until = close;
                    }
                }
                continue;
            }
        }
        // Parenthetical: citations in each `;` part.
        let mut works = Vec::new();
        let mut all_parts_cite = true;
        let mut part_start = 0;
        for part in inner.split([';', '；']) {
            let mut found = part_citations(inner_start + part_start, part);
            // `(Seki et al., 2005; 2007)`: a part with years only goes on
            // with the names before it.
            if found.is_empty() {
                found = bare_years(inner_start + part_start, part, works.last());
            }
            if found.is_empty() {
                all_parts_cite = false;
            } else if pair.whole {
                let from = inner_start + part_start;
                let to = from + part.len();
                let first = found[0].span.start;
                let last = found[found.len() - 1].span.end;
                if !square_part_ok(&text[from..first], &text[last..to]) {
                    all_parts_cite = false;
                }
            }
            if works.is_empty() {
                works = found;
            } else {
                works.extend(found);
            }
            part_start += part.len()
                + if inner[part_start + part.len()..].starts_with('；') {
                    '；'.len_utf8()
                } else {
                    1
                };
        }
        // Square brackets hold much else (specimen data `[England,
        // Hampshire, 1877, Groves s.n. (CAN)]`, editorial notes): they count
        // only when they hold citations and nothing more.
        if works.is_empty() || pair.whole && !all_parts_cite {
            continue;
        }
        // `(such as (Magerman and Marcus, 1990) and the method of (Stolcke,
        // 1994))`: an aside whose citations all stand in parentheses of
        // their own is no citation; those parentheses are read one by one
        if !pair.whole && works.iter().all(|w| in_nested(inner, inner_start, w.span)) {
            continue;
        }
        // kept as long as the manuscript: no spare room
        works.shrink_to_fit();
        let span = if all_parts_cite {
            Span::new(open, close)
        } else {
            Span::new(
                works[0].span.start,
                works.last().map_or(close, |w| w.span.end),
            )
        };
        out.push(AyMarker {
            span,
            kind: AyKind::Parenthetical,
            works,
        });
        done_until = close;
    }
    out
}

/// Whether `span` (of the text) lies inside a parenthesis nested in
/// `inner`, which starts at byte `at` of the text.
fn in_nested(inner: &str, at: usize, span: Span) -> bool {
    let mut depth = 0usize;
    let mut open = 0;
    for (k, c) in inner.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open = at + k;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 && open <= span.start && span.end <= at + k + 1 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether a `;` part of a square bracket holds citations and nothing
/// more: before them at most a lower-case prefix (`see also`, `e.g.,`),
/// after them at most a locator (`, p. 4`) or lower-case words (`, and
/// references therein`).
fn square_part_ok(before: &str, after: &str) -> bool {
    let plain = |t: &str| {
        t.chars()
            .all(|c| c.is_lowercase() || is_hspace(c) || matches!(c, ',' | '.' | ':' | '\n'))
    };
    let after_ok = plain(after)
        || crate::parse::numeric::locator(after).is_ok_and(|(rest, _)| rest.trim().is_empty());
    plain(before) && after_ok
}

/// Every author-year marker in `text[region]` that stands in brackets:
/// parentheses first, then square brackets where no parenthesis marker
/// covers them (`(see [Smith, 2008])` is one marker), in order.
pub fn scan_brackets(text: &str, region: Span) -> Vec<AyMarker> {
    let mut out = scan(text, region, PARENS);
    let square = scan(text, region, SQUARE);
    if square.is_empty() {
        return out;
    }
    let taken: Vec<Span> = out.iter().map(|m| m.span).collect();
    out.extend(square.into_iter().filter(|m| {
        let k = taken.partition_point(|t| t.end <= m.span.start);
        taken.get(k).is_none_or(|t| t.start >= m.span.end)
    }));
    out.sort_by_key(|m| m.span);
    out
}

/// Citations in the running text without parentheses (`described by Brown
/// et al., 2004`), outside `taken` spans. Each is a marker of its own.
pub fn scan_bare(text: &str, region: Span, taken: &[Span]) -> Vec<AyMarker> {
    let mut out = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let b = slice.as_bytes();
    let mut k = 0;
    let mut t = 0; // index into taken (sorted)
    while k + 4 <= b.len() {
        if !b[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let run_end = k + b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        let at = region.start + k;
        let prev_ok = k == 0 || !b[k - 1].is_ascii_alphanumeric();
        if run_end - k == 4 && prev_ok {
            while t < taken.len() && taken[t].end <= at {
                t += 1;
            }
            let inside = t < taken.len() && taken[t].start <= at;
            // `2004-1`, `2004.5`: a number, not a year.
            let next = b.get(run_end).copied();
            let numberish = matches!(next, Some(b'-' | b'.' | b',' | b'/'))
                && b.get(run_end + 1).is_some_and(u8::is_ascii_digit);
            if !inside && !numberish {
                if let Ok((rest, y)) = year(&slice[k..]) {
                    let end = at + (slice.len() - k - rest.len());
                    if let Some((start, ns, etal)) = names_before(text, at) {
                        let overlaps =
                            t < taken.len() && taken[t].start < end && start < taken[t].end
                                || t > 0 && taken[t - 1].end > start;
                        if start >= region.start && !overlaps {
                            out.push(AyMarker {
                                span: Span::new(start, end),
                                kind: AyKind::Bare,
                                works: vec![WorkCite {
                                    span: Span::new(start, end),
                                    names: ns,
                                    etal,
                                    year: y,
                                }],
                            });
                        }
                    }
                }
            }
        }
        k = run_end;
    }
    out
}
