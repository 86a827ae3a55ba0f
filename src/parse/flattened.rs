//! Superscript citations that lost their superscript: digits glued to the
//! word or mark before them (`homeostasis13,14.`, `shown previously1–3,`,
//! `disease.12 The`), as text pulled out of a PDF or saved as plain text
//! by a word processor writes them.
//!
//! Digits after a word are many things besides citations: quantities and
//! units (`cm2`), chemical formulae (`CO2`, `H2O`), charges (`Ca2+`),
//! genes and proteins (`CD4`, `p53`), affiliation marks in a byline
//! (`Smith1,2`), figure panels. A group is read as a citation only when
//! all the evidence agrees:
//! - the word before it is lower-case prose (three letters or more, no
//!   digit, no capital, not a unit), or a sentence or clause mark after such
//!   a word;
//! - it is a citation group as written (`n`, `n,m`, `n–m`, `n,m–k`) and
//!   not a decimal, a percentage, a charge or the start of a longer token;
//! - every number is an entry of the list, a range is short and ascending;
//! - it keeps to the order of first citation that numbered styles follow:
//!   no number more than a few above the highest cited so far.
//!
//! Only manuscripts with a numbered list whose citations were not found
//! otherwise (fewer than a third of the entries cited by brackets,
//! parentheses or superscript characters) are scanned.

use std::collections::HashMap;

use super::numeric::{NumItem, NumericKind, NumericMarker};
use crate::source::Span;

/// Units and other short words that take a number as an exponent.
const UNITS: &[&str] = &[
    "cm", "mm", "km", "nm", "mg", "kg", "ml", "mol", "min", "sec", "day", "days", "hrs", "per",
    "log", "exp", "sqrt",
];

/// How far above the highest number cited so far a new one may be: a few,
/// or an eighth of the list (citations missed on the way, `PD-L123`).
fn slack(limit: u32) -> u32 {
    (limit / 8).max(5)
}

/// Whether the word ending at byte `at` of `text` is lower-case prose.
fn prose_word_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && word.chars().all(|c| c.is_lowercase() || c == '-')
        && !UNITS.contains(&word.as_str())
}

/// The citation group at the start of `s`: `(items, length)`.
fn group(s: &str) -> Option<(Vec<NumItem>, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut items = Vec::new();
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 3 {
            return None;
        }
        let a: u32 = s[start..i].parse().ok()?;
        let dash = ["–", "-", "‐", "—"]
            .iter()
            .find(|d| s[i..].starts_with(**d));
        if let Some(d) = dash {
            let j = i + d.len();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            if k == j || k - j > 3 {
                return None;
            }
            let z: u32 = s[j..k].parse().ok()?;
            if z <= a || z - a > 30 {
                return None;
            }
            items.push(NumItem::Range(a, z));
            i = k;
        } else {
            items.push(NumItem::Single(a));
        }
        let comma = if s[i..].starts_with(", ") { 2 } else { 1 };
        if s[i..].starts_with(',') && s.as_bytes().get(i + comma).is_some_and(u8::is_ascii_digit) {
            i += comma;
            continue;
        }
        break;
    }
    // what follows ends the group: not a letter, digit, decimal, percentage
    // or charge
    let rest = &s[i..];
    let next = rest.chars().next();
    let ok = match next {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('%' | '+' | '−' | '°' | '′' | '×' | '/' | '^' | '=') => false,
        Some('.' | ',') => !rest[1..].starts_with(|c: char| c.is_ascii_digit()),
        Some(_) => true,
    };
    ok.then_some((items, i))
}

/// Per word glued to digits: how many times, and how many distinct tokens.
type GluedWords<'a> = HashMap<&'a str, (u32, u32)>;

/// The word of letters right before byte `at`.
fn word_before(text: &str, at: usize) -> &str {
    let w = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(at, |(i, _)| i);
    &text[w..at]
}

/// How often each word is written with digits glued to it, and how often
/// each such word-and-number token occurs: names like `upd3`, `nbs1` or
/// `form3` (genes, variables) recur, or come in families (`upd1, upd2,
/// upd3`); a citation glued to a word does neither.
fn glued_counts(text: &str) -> (GluedWords<'_>, HashMap<&str, u32>) {
    let b = text.as_bytes();
    let mut words: GluedWords = HashMap::new();
    let mut tokens: HashMap<&str, u32> = HashMap::new();
    for at in
        memchr::memchr_iter(b'0', b).chain((b'1'..=b'9').flat_map(|d| memchr::memchr_iter(d, b)))
    {
        if at == 0 || b[at - 1].is_ascii_digit() || !text.is_char_boundary(at) {
            continue;
        }
        let word = word_before(text, at);
        if word.is_empty() {
            continue;
        }
        let end = at + b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        let t = tokens.entry(&text[at - word.len()..end]).or_insert(0);
        *t += 1;
        let w = words.entry(word).or_insert((0, 0));
        w.0 += 1;
        if *t == 1 {
            w.1 += 1;
        }
    }
    (words, tokens)
}

/// How often `word` stands in `text` on its own (no letter or digit on
/// either side).
fn bare_count(text: &str, word: &str) -> usize {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, word.as_bytes())
        .filter(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

/// The flattened superscript citations in `regions` of `text`, for a list
/// whose numbers run up to `limit`.
pub fn scan(text: &str, regions: &[Span], limit: u32) -> Vec<NumericMarker> {
    let found = candidates(text, regions, limit);
    in_order(found, limit)
}

/// How a candidate stands in the text, which says how much the order of
/// citation must vouch for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stand {
    /// Glued to a lower-case word or the mark after one: `homeostasis13,`.
    Glued,
    /// After a space, at a clause's end: `cancer 24.`, `levels 26,27.`
    /// (the extractor set the superscript apart).
    Spaced,
    /// Glued to a word with capitals that the text also writes bare or with
    /// fewer digits: `CNS37,`, `WT54.`, `ACSL430.` (`ACSL4` and `30`);
    /// with how many of the digits are the word's own.
    Capital(usize),
}

/// Words that a bare number follows as a count or a name, not a citation.
const NUMBERED: &[&str] = &[
    "figure",
    "figures",
    "fig",
    "table",
    "tables",
    "day",
    "days",
    "step",
    "steps",
    "group",
    "groups",
    "experiment",
    "experiments",
    "chapter",
    "section",
    "panel",
    "panels",
    "lane",
    "lanes",
    "line",
    "lines",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
    "cycle",
    "cycles",
    "round",
    "rounds",
    "passage",
    "stage",
    "stages",
    "phase",
    "type",
    "types",
    "grade",
    "level",
    "chromosome",
    "exon",
    "exons",
    "intron",
    "domain",
    "site",
    "sites",
    "model",
    "models",
    "equation",
    "eq",
    "appendix",
    "supplementary",
    "and",
    "or",
    "to",
    "of",
    "at",
    "in",
    "on",
    "by",
    "from",
    "than",
    "with",
    "were",
    "was",
    "is",
    "are",
    "about",
    "approximately",
    "only",
    "least",
    "most",
    "total",
    "mean",
    "median",
    "number",
    "age",
    "aged",
    "score",
    "version",
    "patient",
    "patients",
    "sample",
    "samples",
    "dose",
    "doses",
    "trial",
    "study",
    "wave",
    "visit",
    "cohort",
    "bin",
    "isolate",
    "strain",
    "clone",
    "clones",
];

/// Every group that reads locally like a flattened citation: glued to
/// prose, a citation group as written, in the list's range, not a gene or
/// variable name.
fn candidates(text: &str, regions: &[Span], limit: u32) -> Vec<(NumericMarker, Stand)> {
    let (glued_words, glued_tokens) = glued_counts(text);
    let mut out = Vec::new();
    let b = text.as_bytes();
    for r in regions {
        let mut i = r.start;
        while i < r.end {
            let Some(off) = b[i..r.end].iter().position(u8::is_ascii_digit) else {
                break;
            };
            let at = i + off;
            i = at + 1;
            if at == 0 || b[at - 1].is_ascii_digit() {
                continue;
            }
            // glued to a prose word, to the mark after one, or to a closing
            // parenthesis (`(ROS)1`)
            let prev = text[..at].chars().next_back().unwrap_or(' ');
            let stand = if prev.is_lowercase() && prose_word_before(text, at) {
                Some(Stand::Glued)
            } else if matches!(prev, '.' | ',' | ';' | ':' | '”' | '’' | '"') {
                let p = at - prev.len_utf8();
                (p > 0 && prose_word_before(text, p)).then_some(Stand::Glued)
            } else if prev == ')' {
                Some(Stand::Glued)
            } else if prev == ' ' {
                spaced(text, at).then_some(Stand::Spaced)
            } else if prev.is_alphabetic() {
                // a capital word's own digits are skipped: the group follows
                capital(text, at, &glued_words, &glued_tokens).map(Stand::Capital)
            } else {
                None
            };
            let Some(stand) = stand else {
                continue;
            };
            let at = match stand {
                Stand::Capital(own) => at + own,
                _ => at,
            };
            let Some((items, len)) = group(&text[at..r.end]) else {
                continue;
            };
            if stand != Stand::Glued && !at_clause_end(&text[at + len..r.end]) {
                continue;
            }
            if stand == Stand::Glued && prev.is_lowercase() {
                let word = word_before(text, at);
                let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
                let token = &text[at - word.len()..at + digits];
                // a family: glued three times or more, some token again
                let family = glued_words
                    .get(word)
                    .is_some_and(|&(n, distinct)| n >= 3 && n > distinct);
                let recurs = glued_tokens.get(token).is_some_and(|&n| n >= 3);
                // unless the word is prose the text mostly writes bare
                // (`mice` 186 times, `mice21` 4: the same work cited again)
                let glued = glued_words.get(word).map_or(0, |w| w.0);
                if (family || recurs) && bare_count(text, word) < 10 * glued as usize {
                    continue;
                }
            }
            if !items.iter().all(|it| it.min() >= 1 && it.max() <= limit) {
                continue;
            }
            out.push((
                NumericMarker {
                    span: Span::new(at, at + len),
                    kind: NumericKind::Flattened,
                    items,
                },
                stand,
            ));
            i = at + len;
        }
    }
    out
}

/// Whether the number at `at`, after a space, follows a prose word that
/// does not count or name things (`cancer 24.`, not `figure 3.`).
fn spaced(text: &str, at: usize) -> bool {
    let p = at - 1;
    if p == 0 || !prose_word_before(text, p) {
        return false;
    }
    let word = word_before(text, p).to_lowercase();
    !NUMBERED.contains(&word.as_str())
}

/// Whether `rest`, the text after a group, ends a clause there: a full
/// stop, comma, semicolon or colon (a space before it allowed, as
/// extractors write `previously 36,37 .`), and no count goes on after it
/// (`vectors 1, 2, and 3`).
fn at_clause_end(rest: &str) -> bool {
    let r = rest.strip_prefix(' ').unwrap_or(rest);
    let mut c = r.chars();
    if !matches!(c.next(), Some('.' | ',' | ';' | ':')) {
        return false;
    }
    let after = c.as_str();
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return false;
    }
    let next = after.trim_start();
    let next = next
        .strip_prefix("and ")
        .or_else(|| next.strip_prefix("or "))
        .unwrap_or(next);
    !next.starts_with(|c: char| c.is_ascii_digit())
}

/// For digits glued to a word with capitals (`CNS37,`, `ACSL430.`), how
/// many bytes of the digits belong to the word: none when the text writes
/// the word bare three times or more (`CNS`), or some when it writes the
/// word with those digits as a name of its own (`ACSL4`, then `30`). None
/// when the token itself recurs (a name: `CD4`, `COVID19`).
fn capital(
    text: &str,
    at: usize,
    glued_words: &GluedWords,
    glued_tokens: &HashMap<&str, u32>,
) -> Option<usize> {
    let word = word_before(text, at);
    if word.chars().count() < 2 || !word.chars().any(char::is_uppercase) {
        return None;
    }
    let b = text.as_bytes();
    let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let token = &text[at - word.len()..at + digits];
    if glued_tokens.get(token).is_some_and(|&n| n > 1) {
        return None;
    }
    // the word's own digits, when the text names it with them elsewhere
    for own in 1..digits {
        let name = &text[at - word.len()..at + own];
        if glued_tokens.get(name).is_some_and(|&n| n >= 3) {
            return Some(own);
        }
    }
    let glued = glued_words.get(word).map_or(0, |w| w.0) as usize;
    (bare_count(text, word) >= 3 + glued).then_some(0)
}

/// The candidates that keep to the order of first citation: none cites a
/// number more than [`slack`] above the highest cited before it, unless
/// the next two candidates carry on from it (the citations before it were
/// missed, as `PD-L123` is).
fn in_order(found: Vec<(NumericMarker, Stand)>, limit: u32) -> Vec<NumericMarker> {
    let low = |m: &(NumericMarker, Stand)| m.0.items.iter().map(|i| i.min()).min().unwrap_or(0);
    let high = |m: &(NumericMarker, Stand)| m.0.items.iter().map(|i| i.max()).max().unwrap_or(0);
    let mut keep = vec![false; found.len()];
    let mut highest = 0u32;
    for k in 0..found.len() {
        let (lo, hi) = (low(&found[k]), high(&found[k]));
        let single = found[k].0.items.len() == 1 && lo == hi;
        let in_step = match found[k].1 {
            Stand::Glued => lo <= highest + slack(limit),
            // set apart or glued to a name, one number must be the next
            // work cited for the first time (or one cited before, for a
            // name); groups keep to the order as glued ones do
            Stand::Spaced if single => lo == highest + 1,
            Stand::Capital(_) if single => lo <= highest + 1,
            _ => lo <= highest + slack(limit),
        };
        if found[k].1 != Stand::Glued {
            if in_step {
                keep[k] = true;
                highest = highest.max(hi);
            }
            continue;
        }
        let carried_on = || {
            found[k + 1..].len() >= 2
                && found[k + 1..k + 3]
                    .iter()
                    .all(|n| low(n) <= hi + slack(limit) && high(n) >= lo)
        };
        if in_step || carried_on() {
            keep[k] = true;
            highest = highest.max(hi);
        }
    }
    found
        .into_iter()
        .zip(keep)
        .filter_map(|((m, _), keep)| keep.then_some(m))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, limit: u32) -> Vec<&str> {
        scan(text, &[Span::new(0, text.len())], limit)
            .into_iter()
            .map(|m| m.span.slice(text))
            .collect()
    }

    #[test]
    fn groups_and_their_leftover() {
        for (s, items, rest) in [
            (
                "1,2. The",
                vec![NumItem::Single(1), NumItem::Single(2)],
                ". The",
            ),
            ("1–3, and", vec![NumItem::Range(1, 3)], ", and"),
            (
                "4,6-8 ",
                vec![NumItem::Single(4), NumItem::Range(6, 8)],
                " ",
            ),
            ("12", vec![NumItem::Single(12)], ""),
        ] {
            let (got, len) = group(s).unwrap();
            assert_eq!(got, items, "{s}");
            assert_eq!(&s[len..], rest, "{s}");
        }
        for s in ["2.5 mm", "5%", "2+ ions", "3–1", "12a", "1234", "3/4", "2,"] {
            assert!(group(s).is_none_or(|(_, l)| &s[l..] == ","), "{s}");
        }
    }

    #[test]
    fn citations_glued_to_words_in_order() {
        let text = "Milk varies1,2. Bears are altricial3 and colostrum “lasts long”4 \
            As shown previously1–3, this holds5.";
        assert_eq!(found(text, 10), ["1,2", "3", "4", "1–3", "5"]);
        assert_eq!(found("as before.4 and", 10), ["4"]);
    }

    #[test]
    fn quantities_formulae_bylines_and_leaps_are_not() {
        let text = "Smith1,2 and Jones3 measured CO2 and H2O in 5 cm2 plots with Ca2+ \
            and CD4 cells at p53 sites; values rose 2.5-fold, reaching level12 on day 3. \
            Then cancer1 and tumour2 were seen, an area3.5 wide, site8 far off.";
        assert_eq!(found(text, 20), ["1", "2"]);
        let genes = "the cytokines upd1, upd2 and upd3 rose; upd1 and upd3 fell, upd3 twice; \
            nbs1 fell and nbs1 rose and nbs1 again";
        assert!(found(genes, 20).is_empty());
        // a word the text mostly writes bare is prose: the same work cited
        // again after it is a citation, not a name
        let again = format!(
            "{}as in mice1. Old mice2 and WT mice1. Aged mice1, and mice3.",
            "the mice ".repeat(60)
        );
        assert_eq!(found(&again, 20), ["1", "2", "1", "1", "3"]);
        let cited = "under stress1 and more stress2, then stress4 and body3.";
        assert_eq!(found(cited, 20), ["1", "2", "4", "3"]);
        let far = "then cancer1 and tumour2 were seen, site9 far off, and lakes4, 5.";
        assert_eq!(found(far, 20), ["1", "2", "4, 5"]);
        // the first citations missed: a run that carries on is kept
        let late = "in cells (ROS)1 and homeostasis13,14. Also pathogens15 and rupture15.";
        assert_eq!(found(late, 20), ["1", "13,14", "15", "15"]);
    }

    #[test]
    fn superscripts_set_apart_or_glued_to_names() {
        // set apart by a space at a clause's end: a group, or the next
        // work cited for the first time; never a count
        let text = format!(
            "{}Seen before1,2. In cancer 3. High levels 4,5 . Also in figure 6. \
             As in cancer 2. The vectors 6, 7, and 8 were used. Then lipids 6.",
            "The CNS and the CNS and the CNS. ".repeat(2)
        );
        assert_eq!(found(&text, 20), ["1,2", "3", "4,5", "6"]);
        // glued to a name the text writes bare (CNS), or with digits of its
        // own (ACSL4); not to a name that recurs with them (CD4)
        let names = format!(
            "{}{}Seen before1,2. In the CNS3, then ACSL44. Cells CD45. Not CD45, CD45 \
             and CD45 again. The WW5 domain.",
            "The CNS, the CNS and the CNS. ".repeat(2),
            "ACSL4 rose. ACSL4 fell. ACSL4 again. "
        );
        assert_eq!(found(&names, 20), ["1,2", "3", "4"]);
    }

    #[test]
    fn numbers_outside_the_list_are_not() {
        assert_eq!(found("as before1 and again2 then rows40", 10), ["1", "2"]);
    }
}
