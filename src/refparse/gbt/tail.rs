//! The part after the type tag: container, edition, place and publisher,
//! year, volume(issue) and pages.

use super::date::{gbt_date, is_bare_date, strip_access};
use super::lex;
use super::split::{split_all, split_any, split_trailing_pages, COLONS, COMMAS};
use super::title::join_note;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::opt;
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

use super::names::is_cjk;
use crate::csl::{Date, Item};
use crate::refparse::fields::clean;

/// `VOL(ISSUE): PAGES`, `VOL: PAGES`, `(ISSUE): PAGES`, `VOL(ISSUE)`.
pub(super) fn vol_issue_pages(item: &mut Item, s: &str) {
    let s = s.trim();
    if s.contains('—') && !s.contains([':', '：']) {
        // holdings of a serial: "1957（1）—1990（4）"
        item.volume = Some(s.to_string());
        return;
    }
    let (head, pages) = match split_any(s, &COLONS) {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (s, None),
    };
    if let Some(p) = pages {
        let p = strip_access(p).0;
        if !p.is_empty() {
            item.page = Some(pages_text(p));
        }
    }
    let head = head.replace('（', "(").replace('）', ")");
    let head = head.as_str();
    if let Some(open) = head.find('(') {
        let vol = head[..open].trim();
        let iss = head[open + 1..].trim_end_matches(')').trim();
        if !vol.is_empty() {
            item.volume = Some(vol.to_string());
        }
        if !iss.is_empty() {
            item.issue = Some(iss.to_string());
        }
    } else if !head.is_empty() {
        item.volume = Some(head.to_string());
    }
}

/// "CONTAINER: 第1册" → container and volume.
pub(super) fn split_volume(c: &str) -> (&str, Option<String>) {
    if let Some((a, b)) = split_any(c, &COLONS) {
        let b = b.trim();
        if let Some(n) = b.strip_prefix('第').and_then(|x| x.strip_suffix('卷')) {
            return (a, Some(n.trim().to_string()));
        }
        if b.starts_with('第') && b.ends_with('册') {
            return (a, Some(b.to_string()));
        }
        if let Some(n) = b.strip_prefix('卷') {
            return (a, Some(n.trim().to_string()));
        }
        if b.chars().count() <= 3 && b.ends_with('部') {
            return (a, Some(b.to_string()));
        }
        if let Some(n) = latin_volume(b) {
            return (a, Some(n.to_string()));
        }
    }
    (c, None)
}

/// `Vol. 2`, `vol 2`, `Volume II`: the volume number, when that is all of `s`.
pub(super) fn latin_volume(s: &str) -> Option<&str> {
    let low = s.to_ascii_lowercase();
    let rest = ["volume ", "vol. ", "vol ", "v. "]
        .iter()
        .find(|p| low.starts_with(*p))
        .map(|p| s[p.len()..].trim())?;
    let numeric = !rest.is_empty()
        && (rest.chars().all(|c| c.is_ascii_digit())
            || rest.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')));
    numeric.then_some(rest)
}

/// `PLACE: PUBLISHER`: a short place before a colon.
pub(super) fn has_place_publisher(s: &str) -> bool {
    match split_any(s, &COLONS) {
        Some((a, b)) => {
            let a = a.trim();
            !a.is_empty()
                && a.chars().count() <= 30
                && !a.chars().any(|c| c.is_ascii_digit())
                && !b.trim().is_empty()
                // "会议：118-121" is a name and its pages
                && !matches!(split_trailing_pages(s), (x, Some(_)) if split_any(x, &COLONS).is_none())
        }
        None => false,
    }
}

pub(super) fn read_tail_segment(item: &mut Item, s: &str, code: &str, first: bool, part_of: bool) {
    let s = s.trim();
    // "33-44 (in Chinese)": the language of a translated citation
    let s = match split_language_note(s) {
        (rest, Some(lang)) => {
            item.note = Some(join_note(item.note.take(), lang));
            rest
        }
        (rest, None) => rest,
    };
    if s.is_empty() {
        return;
    }
    let (s, accessed) = strip_access(s);
    if accessed.is_some() {
        item.accessed = accessed;
    }
    if s.is_empty() {
        return;
    }
    // "(2021-04-21)" issued date of online items
    if s.starts_with(['(', '（']) && s.ends_with([')', '）']) {
        if let Some(d) = gbt_date(s) {
            if item.issued.is_none() {
                item.issued = Some(d);
            }
            return;
        }
    }
    // bare date segment: "2002-03-06", "2021"
    if let Some(d) = gbt_date(s) {
        let bare = s
            .trim_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '[' || c == ']')
            .is_empty();
        if bare {
            if item.issued.is_none() {
                item.issued = Some(d);
            }
            return;
        }
    }
    if let Some(e) = edition(s) {
        item.edition = Some(e);
        return;
    }
    if code == "J" && first && !part_of {
        if serial_holdings(item, s) {
            return;
        }
        // CONTAINER, YEAR, VOL(ISSUE): PAGES
        let parts = split_all(s, &COMMAS);
        let mut it = parts.iter();
        if let Some(c) = it.next() {
            // "东方博物(1): 85-92": issue and pages glued to the journal
            let glued = c
                .char_indices()
                .find(|&(i, ch)| {
                    matches!(ch, '(' | '（')
                        && c[i + ch.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
                })
                .map(|(i, _)| i);
            let (name, rest) = match glued {
                Some(i) if i > 0 => (&c[..i], Some(&c[i..])),
                _ => (*c, None),
            };
            if is_bare_date(name) && rest.is_some() {
                vol_issue_pages(item, c);
            } else {
                if !is_bare_date(name) {
                    item.container_title = Some(clean(name, true));
                }
                if let Some(r) = rest {
                    vol_issue_pages(item, r);
                }
            }
        }
        for p in it {
            let p = p.trim();
            if let Ok((r, y)) = lex::year(p) {
                let r = r.trim();
                if r.is_empty() || r.starts_with(['(', '（']) {
                    if item.issued.is_none() {
                        item.issued = Some(Date::year(i32::from(y)));
                    }
                    if !r.is_empty() {
                        // "2013(1): 56-75": the issue of a journal without volumes
                        vol_issue_pages(item, r);
                    }
                    continue;
                }
            }
            // "1-10, 15": more pages after the range
            if let Some(pg) = item.page.as_mut() {
                if lex::page_range(p).is_ok_and(|(r, _)| r.is_empty()) {
                    pg.push_str(", ");
                    pg.push_str(p);
                    continue;
                }
            }
            vol_issue_pages(item, p);
        }
        return;
    }
    if code == "N" && first {
        // PAPER, 2000-11-20(15)
        let parts = split_all(s, &COMMAS);
        if let Some(c) = parts.first() {
            item.container_title = Some(clean(c, true));
        }
        if let Some(d) = parts.get(1) {
            let d = d.trim();
            let (date, page) = match d.find(['(', '（']) {
                Some(i) => (
                    &d[..i],
                    Some(d[i..].trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'))),
                ),
                None => (d, None),
            };
            if let Some(dt) = gbt_date(date) {
                item.issued = Some(dt);
            }
            if let Some(p) = page.filter(|p| !p.is_empty()) {
                item.page = Some(p.to_string());
            }
        }
        return;
    }
    // a segment of pages alone ("会议. 2", author-year layout): never a publisher
    if let Ok((rest, _)) = lex::page_range(s) {
        if rest.is_empty() {
            let p = pages_text(s);
            if part_of || matches!(code, "J" | "N" | "C") {
                item.page.get_or_insert(p);
            } else {
                item.note = Some(join_note(item.note.take(), &format!("page: {p}")));
            }
            return;
        }
    }
    // "PSSXiv(2024-07-02)": an issued date glued to the publisher
    let s = match s.rfind(['(', '（']) {
        Some(i) if s.ends_with([')', '）']) && i > 0 => match gbt_date(&s[i..]) {
            Some(d) => {
                if item.issued.is_none() {
                    item.issued = Some(d);
                }
                s[..i].trim()
            }
            None => s,
        },
        _ => s,
    };
    // PLACE: PUBLISHER, YEAR: PAGES  |  PUBLISHER, YEAR  |  PLACE: PUBLISHER: PAGES
    // two publishers: "北京: 科学出版社; 上海: 上海科技出版社, 2010" — the first
    // is kept, with the year and pages that end the second
    if let Some((a, b)) = split_any(s, &["; ", "；", ";"]) {
        if has_place_publisher(a) && has_place_publisher(b) {
            let rest = split_any(b, &COMMAS).map_or("", |(_, r)| r);
            let joined = if rest.is_empty() {
                a.to_string()
            } else {
                format!("{a}, {rest}")
            };
            read_tail_segment(item, &joined, code, first, part_of);
            return;
        }
    }
    // a publisher read from an earlier segment without a place ("刻本") gives
    // way to one that comes with its place
    let mut with_place = false;
    let place_before = item.publisher_place.is_some();
    let (pubpart, pages) = {
        let colon_parts = split_all(s, &COLONS);
        if has_place_publisher(s) {
            let place = colon_parts[0].trim();
            if !is_placeholder(place) {
                item.publisher_place = Some(place.to_string());
            }
            with_place = true;
            let rest_parts = &colon_parts[1..];
            (
                rest_parts.first().copied().unwrap_or(""),
                rest_parts.get(1).copied(),
            )
        } else if colon_parts.len() == 2 && lex::find_year(colon_parts[0]).is_some() {
            (colon_parts[0], Some(colon_parts[1]))
        } else {
            // author-year layout: the year moved to the head, "PUBLISHER: 13" stays
            split_trailing_pages(s)
        }
    };
    let parts = split_all(pubpart, &COMMAS);
    let mut pubname = Vec::new();
    for p in parts {
        let p = p.trim();
        if let Some(d) = gbt_date(p) {
            if is_bare_date(p) {
                if item.issued.is_none() {
                    item.issued = Some(d);
                }
                continue;
            }
        }
        if !p.is_empty() {
            pubname.push(p);
        }
    }
    let pubname = pubname.join(", ");
    if matches!(code, "A" | "Z") {
        // archives: the holding institution and its place are no publisher
        item.publisher_place = None;
        return;
    }
    if !pubname.is_empty() && !is_placeholder(&pubname) {
        let replace = item.publisher.is_none() || (with_place && !place_before);
        if replace && !(code == "C" && !part_of && item.publisher_place.is_none()) {
            item.publisher = Some(clean(&pubname, true));
        }
    }
    if let Some(p) = pages {
        let p = pages_text(p);
        if !p.is_empty() {
            // the page of a whole book is a locator, not the item's page range
            if part_of || matches!(code, "J" | "N" | "C") {
                item.page = Some(p);
            } else {
                item.note = Some(join_note(item.note.take(), &format!("page: {p}")));
            }
        }
    }
}

/// The holdings of a serial cited as a whole, after its first year:
/// `1957/[1990], 1957(1)—1990(4)`, `1984, 1(1)—`: the volume.
fn serial_holdings(item: &mut Item, s: &str) -> bool {
    let t = s.trim();
    let open_range = t.ends_with(['-', '—']);
    // holdings have no pages (": 12—19")
    if t.chars().any(char::is_alphabetic)
        || t.contains([':', '：'])
        || !(t.contains('—') || open_range)
        || !t.contains(['(', '（'])
    {
        return false;
    }
    let (date, rest) = match split_any(t, &COMMAS) {
        Some((a, b)) if is_bare_date(a) => (gbt_date(a), b.trim()),
        _ => (None, t),
    };
    if item.issued.is_none() {
        item.issued = date;
    }
    item.volume = Some(rest.to_string());
    true
}

/// An identifier of a registry, `SCHEME:VALUE` (`CSTR:32012.36.X.1`,
/// `ISSN: 1000-0054`, `PMID:24314719`, `arXiv:1112.6136`): the scheme is
/// letters (upper-case, or a known mixed-case one), the value one word of
/// five characters or more with a digit. A `PLACE: PUBLISHER` has neither.
pub(super) fn is_identifier(s: &str) -> bool {
    let Some((scheme, value)) = s.split_once([':', '：']) else {
        return false;
    };
    let value = value.trim();
    let scheme_ok = (2..=8).contains(&scheme.len())
        && (scheme.chars().all(|c| c.is_ascii_uppercase())
            || matches!(scheme, "arXiv" | "hdl" | "handle" | "urn"));
    scheme_ok
        && value.len() >= 5
        && !value.contains(char::is_whitespace)
        && value.contains(|c: char| c.is_ascii_digit())
}

/// Pages as `first-last`: any dash, tilde or full-width hyphen between
/// them, with or without spaces (`33－44`, `33~44`, `33 - 44`, `33—44`).
pub(super) fn pages_text(p: &str) -> String {
    let p = p.trim();
    let norm: String = p
        .chars()
        .map(|c| match c {
            '－' | '～' | '~' | '—' | '–' => '-',
            c => c,
        })
        .collect();
    match lex::page_range(&norm) {
        Ok(("", (first, Some(last)))) => format!("{first}-{last}"),
        _ => norm,
    }
}

/// A trailing language note, `(in Chinese)`, `(in Chinese with English
/// abstract)`, `（中文）`: (rest, note).
pub(super) fn split_language_note(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    if !t.ends_with([')', '）']) {
        return (s, None);
    }
    let Some(open) = t.rfind(['(', '（']) else {
        return (s, None);
    };
    let inner = t[open..]
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim();
    let low = inner.to_ascii_lowercase();
    let is_lang = low.starts_with("in ")
        && [
            "chinese", "english", "japanese", "russian", "german", "french",
        ]
        .iter()
        .any(|l| low[3..].starts_with(l))
        || matches!(inner, "中文" | "英文" | "日文" | "俄文" | "德文" | "法文");
    if is_lang {
        (t[..open].trim_end(), Some(&t[open..]))
    } else {
        (s, None)
    }
}

/// The marks GB/T prints for an unknown place or publisher: `[出版地不详]`,
/// `[出版者不详]`, `[S.l.]`, `[s.n.]`.
pub(super) fn is_placeholder(s: &str) -> bool {
    let core = s
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '［' | '］'))
        .trim_end_matches('.')
        .to_ascii_lowercase();
    matches!(
        core.as_str(),
        "出版地不详" | "出版者不详" | "出版社不详" | "s.l" | "s.n" | "sine loco" | "sine nomine"
    )
}

/// An ordinal edition: `2 版`, `2版`, `第2版`, `4th ed`, `2nd edn`,
/// `3rd edition`: its number.
fn ordinal_edition(i: &str) -> IResult<&str, &str> {
    let number = || take_while_m_n(1, 3, |c: char| c.is_ascii_digit());
    alt((
        delimited(opt(char('第')), number(), (space0, char('版'))),
        terminated(
            number(),
            (
                alt((tag("st"), tag("nd"), tag("rd"), tag("th"))),
                space1,
                alt((
                    tag_no_case("edition"),
                    tag_no_case("edn"),
                    tag_no_case("ed"),
                )),
                opt(char('.')),
            ),
        ),
    ))
    .parse(i)
}

/// The edition statement of a segment, if it is one: the number of an
/// ordinal edition, any other `…版` as written (`2020版` is named after its
/// year, `修订版`), the words before `ed`/`edition` (`Revised edition`).
pub(super) fn edition(s: &str) -> Option<String> {
    if let Ok((rest, n)) = ordinal_edition(s) {
        if rest.is_empty() {
            return Some(n.to_string());
        }
    }
    // "修订版", "2020版"; "刻本", "影印本" (the kind of a printing)
    if (s.ends_with('版') || s.ends_with('本') && s.chars().count() >= 2 && s.chars().all(is_cjk))
        && s.chars().count() <= 8
    {
        return Some(s.to_string());
    }
    let low = s.to_ascii_lowercase();
    [" edition", " edn", " ed"]
        .iter()
        .find(|suf| low.ends_with(*suf))
        .map(|suf| s[..s.len() - suf.len()].trim().to_string())
        .filter(|e| !e.is_empty() && e.split_whitespace().count() <= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_editions_leave_the_rest() {
        assert_eq!(ordinal_edition("2 版"), Ok(("", "2")));
        assert_eq!(ordinal_edition("第3版 x"), Ok((" x", "3")));
        assert_eq!(ordinal_edition("4th ed."), Ok(("", "4")));
        assert_eq!(ordinal_edition("2nd Edition"), Ok(("", "2")));
        assert!(ordinal_edition("2020年").is_err());
        assert!(ordinal_edition("4th street").is_err());
    }

    #[test]
    fn holdings_of_a_serial() {
        let cases = [
            (
                "1957/[1990], 1957（1）—1990（4）",
                Some("1957（1）—1990（4）"),
                Some(1957),
            ),
            ("1984, 1984，1（1）—", Some("1984，1（1）—"), Some(1984)),
            ("1957(1)—1990(4)", Some("1957(1)—1990(4)"), None),
            ("Nature, 2001, 3(2): 5-9", None, None),
            ("2013, 45(1): 12—19", None, None),
        ];
        for (text, vol, year) in cases {
            let mut it = Item::default();
            let hit = serial_holdings(&mut it, text);
            assert_eq!(hit, vol.is_some(), "{text}");
            assert_eq!((it.volume.as_deref(), it.year()), (vol, year), "{text}");
        }
    }

    #[test]
    fn identifiers() {
        for x in [
            "CSTR:32012.36.PSSXiv.202408.01096",
            "ISSN: 1000-0054",
            "PMID:24314719",
            "arXiv:1112.6136",
        ] {
            assert!(is_identifier(x), "{x}");
        }
        for x in [
            "北京: 中华书局",
            "New York: ASME",
            "USA: 2",
            "Springer",
            "NY: Wiley 2",
        ] {
            assert!(!is_identifier(x), "{x}");
        }
    }

    #[test]
    fn pages_and_language_notes() {
        for (p, want) in [
            ("33－44", "33-44"),
            ("33~44", "33-44"),
            ("33 - 44", "33-44"),
            ("33—44", "33-44"),
            ("e123", "e123"),
            ("1-10, 15", "1-10, 15"),
        ] {
            assert_eq!(pages_text(p), want, "{p}");
        }
        assert_eq!(
            split_language_note("Journal, 2019, 12(3): 33-44 (in Chinese)"),
            ("Journal, 2019, 12(3): 33-44", Some("(in Chinese)"))
        );
        assert_eq!(split_language_note("（中文）"), ("", Some("（中文）")));
        assert_eq!(split_language_note("Foo (ACAIT)"), ("Foo (ACAIT)", None));
        assert_eq!(
            split_language_note("In (in press)"),
            ("In (in press)", None)
        );
    }

    #[test]
    fn volumes_after_a_colon() {
        assert_eq!(
            split_volume("船山全书: 第1卷"),
            ("船山全书", Some("1".into()))
        );
        assert_eq!(
            split_volume("Handbook of floods: Vol. 2"),
            ("Handbook of floods", Some("2".into()))
        );
        assert_eq!(
            split_volume("Handbook: volume III"),
            ("Handbook", Some("III".into()))
        );
        assert_eq!(
            split_volume("Water quality: a handbook"),
            ("Water quality: a handbook", None)
        );
        assert_eq!(latin_volume("Vol. 2a"), None);
        assert_eq!(latin_volume("Vol. "), None);
    }

    #[test]
    fn placeholders() {
        for p in ["[出版地不详]", "［出版者不详］", "[S.l.]", "[s.n.]", "s.n"] {
            assert!(is_placeholder(p), "{p}");
        }
        for p in ["北京", "Springer", "[北京]"] {
            assert!(!is_placeholder(p), "{p}");
        }
    }

    #[test]
    fn editions_table() {
        let cases = [
            ("2 版", Some("2")),
            ("2版", Some("2")),
            ("第2版", Some("2")),
            ("6th ed", Some("6")),
            ("3rd edition", Some("3")),
            ("2020版", Some("2020版")),
            ("2020年版", Some("2020年版")),
            ("修订版", Some("修订版")),
            ("刻本", Some("刻本")),
            ("影印本", Some("影印本")),
            ("Revised edition", Some("Revised")),
            ("北京: 中华书局", None),
            ("New York: McGraw-Hill, 2001", None),
            (
                "Proceedings of the 3rd workshop on things in general ed",
                None,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(edition(text).as_deref(), want, "{text}");
        }
    }
}
