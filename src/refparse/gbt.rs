//! GB/T 7714 (2005, 2015, 2025) reference entries, numeric and author-year:
//!
//! ```text
//! [n] AUTHORS. TITLE[: other title][TAG]. REST
//! AUTHORS, YEAR. TITLE[TAG]. REST
//! AUTHORS. YEAR(ISSUE). TITLE [TAG]. REST
//! TAG   = "[" CODE ("/OL")? "]"           CODE ∈ J M C D R S P N A G Z EB DB CP CM DS PP
//! REST (journal)    = CONTAINER, YEAR, VOL(ISSUE): PAGES[ACCESSED]. URL. DOI:…
//! REST (book etc.)  = EDITION 版. PLACE: PUBLISHER, YEAR: PAGES.
//! REST (part)       = //EDITORS. CONTAINER. PLACE: PUBLISHER, YEAR: PAGES.
//! REST (newspaper)  = PAPER, YYYY-MM-DD(PAGE).
//! REST (online)     = (ISSUED)[ACCESSED]. URL.
//! ```
//!
//! Half- and full-width punctuation are both accepted. Names are read
//! family-first (`ZHANG S`, `Li Hongyuan`, `李红元`).

use super::fields::clean;
use super::lex;
use super::names::split_names;
use crate::csl::{Date, DatePart, Item, Name};

/// Separators between the parts of an entry.
const PERIODS: [&str; 3] = [". ", "．", "。"];
const COMMAS: [&str; 3] = [", ", "，", ","];
const COLONS: [&str; 3] = [": ", "：", ":"];

/// Earliest occurrence of any of `seps` in `s`: (before, after).
fn split_any<'a>(s: &'a str, seps: &[&str]) -> Option<(&'a str, &'a str)> {
    seps.iter()
        .filter_map(|sep| s.find(sep).map(|i| (i, sep.len())))
        .min()
        .map(|(i, n)| (&s[..i], &s[i + n..]))
}

/// Splits `s` at every separator in `seps`.
fn split_all<'a>(mut s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut v = Vec::new();
    while let Some((a, b)) = split_any(s, seps) {
        v.push(a);
        s = b;
    }
    v.push(s);
    v
}

/// Splits the part after the type tag at sentence periods, but not inside
/// dotted initials (`Rotterdam: A. A. Balkema`).
fn split_periods(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some((a, _)) = split_any(&s[search..], &PERIODS) {
        let at = search + a.len();
        let sep_len = PERIODS
            .iter()
            .find(|p| s[at..].starts_with(*p))
            .map_or(1, |p| p.len());
        let before = &s[start..at];
        let after = &s[at + sep_len..];
        let initial_before = {
            let w = before.rsplit(' ').next().unwrap_or("");
            w.chars().count() == 1 && w.chars().all(char::is_uppercase)
        };
        let initial_after = {
            let mut c = after.chars();
            c.next().is_some_and(char::is_uppercase) && c.next() == Some('.')
        };
        let dotted_before = before.trim_end().rsplit(' ').nth(1).is_some_and(|w| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
        });
        if initial_before && (initial_after || dotted_before) && s[..at].contains([':', '：']) {
            search = at + sep_len;
            continue;
        }
        out.push(before);
        start = at + sep_len;
        search = start;
    }
    out.push(&s[start..]);
    out
}

/// Finds the type tag: (text before, code, online, text after).
fn find_tag(text: &str) -> Option<(&str, &str, bool, &str)> {
    for (i, c) in text.char_indices() {
        if c == '[' || c == '［' {
            if let Ok((rest, (code, ol))) = lex::gbt_tag(&text[i..]) {
                const CODES: [&str; 18] = [
                    "J", "M", "C", "D", "R", "S", "P", "N", "A", "G", "Z", "EB", "DB", "CP", "CM",
                    "DS", "PP", "K",
                ];
                if CODES.contains(&code) {
                    return Some((&text[..i], code, ol, rest));
                }
            }
        }
    }
    None
}

/// Strips a numeric label: `[12] `, `12. `, `［12］`.
fn strip_label(t: &str) -> &str {
    let t = t.trim_start();
    for (o, c) in [('[', ']'), ('［', '］')] {
        if let Some(r) = t.strip_prefix(o) {
            if let Some(end) = r.find(c) {
                if !r[..end].is_empty() && r[..end].chars().all(|c| c.is_ascii_digit()) {
                    return r[end + c.len_utf8()..].trim_start();
                }
            }
        }
    }
    t
}

/// Does `s` look like a list of names rather than a title?
fn looks_like_names(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 120 {
        return false;
    }
    let parts = split_all(s, &COMMAS);
    parts.iter().all(|p| {
        let p = p.trim();
        let words = p.split_whitespace().count();
        let cjk = p.chars().any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c));
        let lowercase_words = p
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        !p.is_empty()
            && (if cjk {
                p.chars().count() <= 20
            } else {
                (words <= 5 && lowercase_words <= 2) || looks_corporate(p)
            })
    })
}

/// A corporate name: capitalised words joined by `of`, `and`, `the`, `for`
/// (`United Nations Department of Economic and Social Affairs`,
/// `American Institute of Aeronautics and Astronautics (AIAA)`).
fn looks_corporate(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    words.len() <= 12
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(')
                || matches!(*w, "of" | "and" | "the" | "for" | "on" | "in" | "&")
        })
}

/// A GB/T date `2000-11-20`, `2025`, `[2025]`: the date parts.
fn gbt_date(s: &str) -> Option<Date> {
    let s = s
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')' | '（' | '）' | '［' | '］'));
    let (rest, y) = lex::year(s).ok()?;
    let mut parts = vec![DatePart::Number(i64::from(y))];
    let mut rest = rest;
    for _ in 0..2 {
        let Some(r) = rest.strip_prefix('-') else {
            break;
        };
        let n: String = r.chars().take_while(char::is_ascii_digit).collect();
        if n.is_empty() {
            break;
        }
        parts.push(DatePart::Number(n.parse().unwrap_or(0)));
        rest = &r[n.len()..];
    }
    Some(Date {
        date_parts: vec![parts],
        ..Date::default()
    })
}

/// Only digits and date punctuation: `2000-11-20`, `1957/1990`, `1957—[1990]`.
fn is_bare_date(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '—' | '[' | ']' | '［' | '］'))
}

/// `VOL(ISSUE): PAGES`, `VOL: PAGES`, `(ISSUE): PAGES`, `VOL(ISSUE)`.
fn vol_issue_pages(item: &mut Item, s: &str) {
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
            item.page = Some(p.replace('—', "-").to_string());
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

/// Splits a trailing `[2025-02-28]` access date off: (rest, accessed).
fn strip_access(s: &str) -> (&str, Option<Date>) {
    let s = s.trim();
    for (o, c) in [('[', ']'), ('［', '］')] {
        if s.ends_with(c) {
            if let Some(i) = s.rfind(o) {
                if let Some(d) = gbt_date(&s[i..]) {
                    if d.date_parts.first().is_some_and(|p| p.len() >= 2) {
                        return (s[..i].trim(), Some(d));
                    }
                }
            }
        }
    }
    (s, None)
}

/// Parses a GB/T 7714 entry, or returns `None` when `text` has no type tag.
pub fn parse(text: &str) -> Option<Item> {
    let text = strip_label(text);
    let (head, code, online, tail) = find_tag(text)?;
    let mut item = Item {
        kind: csl_type(code, tail).to_string(),
        ..Item::default()
    };
    // ---- head: authors, (year), title
    let mut rest = head.trim();
    if let Some((a, b)) = split_any(rest, &PERIODS) {
        let (names_part, year_part) = match a.rfind([',', '，']) {
            Some(i) if lex::find_year(&a[i..]).is_some() || a[i..].contains("[") => {
                let sep_len = a[i..].chars().next().map_or(1, char::len_utf8);
                (&a[..i], Some(&a[i + sep_len..]))
            }
            _ => (a, None),
        };
        if looks_like_names(names_part) && !b.trim().is_empty() {
            set_names(&mut item, names_part);
            if let Some(y) = year_part {
                set_year_suffix(&mut item, y);
            }
            rest = b.trim();
            // "Li Hongyuan. 2008(08). Title"
            if let Some((y, b2)) = split_any(rest, &PERIODS) {
                if let Ok((after, (yv, suf))) = lex::year_suffixed(y.trim()) {
                    let after = after.trim();
                    if after.is_empty() || after.starts_with(['(', '（']) {
                        item.issued = Some(Date::year(i32::from(yv)));
                        if let Some(c) = suf {
                            if let Some(d) = item.issued.as_mut() {
                                d.raw = Some(format!("{yv}{c}"));
                            }
                        }
                        let iss = after.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'));
                        if !iss.is_empty() {
                            item.issue = Some(iss.to_string());
                        }
                        rest = b2.trim();
                    }
                }
            }
        }
    }
    set_title(&mut item, rest, code, part_marker(tail).is_some());
    // ---- tail
    let tail =
        tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '．' | '。'));
    let mut tail = tail.trim().trim_end_matches(['.', '．', '。']).trim_end();
    // "//" introduces the whole the item is part of; a translator may stand
    // before it ("姜海伦, 译//…"); "//" inside a URL does not count
    let part_of = match part_marker(tail) {
        Some(i) => {
            tail = tail[i + 2..].trim();
            true
        }
        None => false,
    };
    let mut segs: Vec<&str> = split_periods(tail)
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    // DOI and URL segments (URLs may contain ". " rarely; they are single chunks)
    let mut plain = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let s = segs[i];
        let low = s.to_ascii_lowercase();
        if low.starts_with("doi:") || low.starts_with("doi：") {
            if let Ok((_, d)) = lex::doi(s.trim_start_matches(|c: char| !c.is_ascii_digit())) {
                item.doi = Some(d.trim_end_matches(['.', '．']).to_string());
            }
        } else if lex::url(s).is_ok() {
            item.url = Some(s.trim_end_matches(['.', '．']).to_string());
        } else if low.starts_with("isbn") {
            let d: String = s
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == 'X' || *c == '-')
                .collect();
            item.isbn = Some(d.trim_matches('-').to_string());
        } else {
            plain.push(s);
        }
        i += 1;
    }
    segs = plain;
    // versions of data sets ("V1.0") are not publishers
    segs.retain(|s| {
        !(s.starts_with(['V', 'v']) && s[1..].starts_with(|c: char| c.is_ascii_digit()))
    });
    // translators ("徐超, 译", "Smith J, trans") carry no field the item keeps
    segs.retain(|s| !(s.ends_with('译') || s.ends_with(" trans")));
    // "Rev. ed." was cut at its dot
    if let Some(k) = segs.iter().position(|s| matches!(*s, "ed" | "Ed" | "edn")) {
        if k > 0 && segs[k - 1].chars().count() <= 12 {
            item.edition = Some(format!("{}. ed.", segs[k - 1]));
            segs.drain(k - 1..=k);
        }
    }
    if part_of && segs.len() >= 3 && looks_like_names(segs[0]) && !has_place_publisher(segs[0]) {
        item.editor = split_names(segs[0]).names;
        segs.remove(0);
    }
    if part_of && !segs.is_empty() && (segs.len() >= 2 || !has_place_publisher(segs[0])) {
        let c = segs.remove(0);
        // "Conference name, 2022: 2": the year and pages follow the name
        let (c, after) = match split_any(c, &COMMAS) {
            Some((a, b)) if lex::year(b.trim()).is_ok() && segs.is_empty() => (a, Some(b)),
            _ => (c, None),
        };
        let (c, vol) = split_volume(c);
        item.container_title = Some(clean(c, true));
        if vol.is_some() {
            item.volume = vol;
        }
        if let Some(t) = after {
            read_tail_segment(&mut item, t, code, false, part_of, online);
        }
    }
    for (k, s) in segs.iter().enumerate() {
        read_tail_segment(&mut item, s, code, k == 0, part_of, online);
    }
    if item.kind == "book" && item.container_title.is_some() {
        item.kind = "chapter".into();
    }
    Some(item)
}

fn set_names(item: &mut Item, s: &str) {
    let st = s.trim();
    if !st.contains([',', '，']) && st.split_whitespace().count() > 3 && looks_corporate(st) {
        item.author = vec![Name::literal(st)];
        return;
    }
    let n = split_names(s);
    let anonymous = ["佚名", "Anon", "Anonymous"];
    item.author = n
        .names
        .into_iter()
        .filter(|x| {
            let given = x.given.as_deref().unwrap_or("");
            let whole = format!("{}{given}", x.family_or_literal());
            !anonymous.contains(&x.family_or_literal())
                && !anonymous.contains(&given)
                && !anonymous.contains(&whole.as_str())
        })
        .map(gbt_name)
        .collect();
    item.custom.author_et_al = n.et_al;
}

/// GB/T writes Western names family-first (`ZHANG S`, `Li Hongyuan`) and
/// CJK names whole; re-read every name that way.
fn gbt_name(n: Name) -> Name {
    if n.literal.is_some() {
        let lit = n.literal.clone().unwrap_or_default();
        if lit.chars().any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c)) {
            return n;
        }
    }
    let family = n.family.clone().unwrap_or_default();
    let given = n.given.clone().unwrap_or_default();
    let cjk = family
        .chars()
        .chain(given.chars())
        .any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c));
    if cjk {
        // corporate CJK names (long) stay literal
        let whole = format!("{family}{given}");
        if whole.chars().count() > 4 {
            return Name::literal(whole);
        }
        return n;
    }
    // the name parser read "Li Hongyuan" as given "Li", family "Hongyuan"
    if !given.is_empty()
        && !given.contains('.')
        && !given.split_whitespace().all(super::names::is_initials)
    {
        return Name::person(given, family);
    }
    n
}

fn set_year_suffix(item: &mut Item, y: &str) {
    let y = y.trim();
    if y.starts_with(['[', '［']) {
        // an estimated year in brackets is not a publication date
        return;
    }
    if let Ok((_, (yv, suf))) = lex::year_suffixed(y) {
        let mut d = Date::year(i32::from(yv));
        if let Some(c) = suf {
            d.raw = Some(format!("{yv}{c}"));
        }
        item.issued = Some(d);
    }
}

fn set_title(item: &mut Item, t: &str, code: &str, part_of: bool) {
    let mut t = t.trim();
    // standards and patents: "TITLE: NUMBER" or "NUMBER TITLE"
    if matches!(code, "S" | "P" | "R" | "A") {
        if let Some(i) = t.rfind([':', '：']) {
            let num = t[i..].trim_start_matches([':', '：']).trim();
            if num.chars().any(|c| c.is_ascii_digit()) && !num.contains(' ')
                || looks_std_number(num)
            {
                item.note = Some(join_note(item.note.take(), num));
                t = t[..i].trim();
            }
        }
        if code == "S" {
            // "GB/T 3792—2021 信息与文献 资源描述"
            let words: Vec<&str> = t.splitn(3, ' ').collect();
            if words.len() == 3 && looks_std_number(&format!("{} {}", words[0], words[1])) {
                item.note = Some(join_note(
                    item.note.take(),
                    &format!("{} {}", words[0], words[1]),
                ));
                t = words[2];
            }
        }
    }
    // "国史旧闻: 卷 1", "船山全书: 第1册"
    if let Some(i) = t.rfind([':', '：']) {
        let v = t[i..].trim_start_matches([':', '：']).trim();
        if part_of {
            // the title of a part keeps its own numbering ("周易外传：卷5")
        } else if let Some(n) = v.strip_prefix("卷") {
            item.volume = Some(n.trim().to_string());
            t = t[..i].trim();
        } else if let Some(n) = v.strip_prefix('第').and_then(|x| x.strip_suffix('卷')) {
            item.volume = Some(n.trim().to_string());
            t = t[..i].trim();
        } else if v.starts_with('第') && v.ends_with('册') {
            // a map or atlas sheet: not a volume of the item
            t = t[..i].trim();
        }
    }
    let t = t.trim_end_matches(['.', '．', ' ']);
    if !t.is_empty() {
        item.title = Some(t.to_string());
    }
}

fn looks_std_number(s: &str) -> bool {
    let s = s.trim();
    let mut parts = s.split_whitespace();
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return false;
    };
    a.chars().all(|c| c.is_ascii_uppercase() || c == '/')
        && b.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn join_note(old: Option<String>, add: &str) -> String {
    match old {
        Some(o) if !o.is_empty() => format!("{o}; {add}"),
        _ => add.to_string(),
    }
}

/// "CONTAINER: 第1册" → container and volume.
fn split_volume(c: &str) -> (&str, Option<String>) {
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
    }
    (c, None)
}

/// `PLACE: PUBLISHER`: a short place before a colon.
fn has_place_publisher(s: &str) -> bool {
    match split_any(s, &COLONS) {
        Some((a, b)) => {
            let a = a.trim();
            !a.is_empty()
                && a.chars().count() <= 30
                && !a.chars().any(|c| c.is_ascii_digit())
                && !b.trim().is_empty()
        }
        None => false,
    }
}

fn read_tail_segment(
    item: &mut Item,
    s: &str,
    code: &str,
    first: bool,
    part_of: bool,
    _online: bool,
) {
    let s = s.trim();
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
    // edition: "2 版", "修订版", "3rd ed"
    let low = s.to_lowercase();
    if s.ends_with('版') && s.chars().count() <= 6
        || low.ends_with(" ed")
        || low.ends_with(" edition")
    {
        let e = s
            .trim_end_matches(" ed")
            .trim_end_matches(" edition")
            .trim_end_matches(" Ed");
        let e = e
            .strip_suffix(" 版")
            .or_else(|| {
                e.strip_suffix('版')
                    .filter(|x| x.chars().all(|c| c.is_ascii_digit()))
            })
            .unwrap_or(e);
        let e: &str = e.trim();
        let e = e
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th")
            .trim_end_matches("st");
        item.edition = Some(e.to_string());
        return;
    }
    if code == "J" && first && !part_of {
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
    let (pubpart, pages) = {
        let colon_parts = split_all(s, &COLONS);
        if has_place_publisher(s) {
            let place = colon_parts[0].trim();
            item.publisher_place = Some(place.to_string());
            let rest_parts = &colon_parts[1..];
            (
                rest_parts.first().copied().unwrap_or(""),
                rest_parts.get(1).copied(),
            )
        } else if colon_parts.len() == 2 && lex::find_year(colon_parts[0]).is_some() {
            (colon_parts[0], Some(colon_parts[1]))
        } else {
            (s, None)
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
    if !pubname.is_empty() {
        if item.publisher.is_none() && !(code == "C" && !part_of && item.publisher_place.is_none())
        {
            item.publisher = Some(clean(&pubname, true));
        }
    } else if item.publisher_place.is_some() && item.publisher.is_none() {
        // "Berkeley: University of California" with no year
    }
    if let Some(p) = pages {
        let p = p.trim().replace('—', "-");
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

/// CSL type for a GB/T type code.
/// Byte offset of the `//` that introduces the containing work, if any.
fn part_marker(tail: &str) -> Option<usize> {
    let i = tail.find("//")?;
    (!tail[..i].ends_with(':') && lex::url(tail[..i].rsplit(' ').next().unwrap_or("")).is_err())
        .then_some(i)
}

/// CSL type for a GB/T type code; `tail` is the text after the tag.
fn csl_type(code: &str, tail: &str) -> &'static str {
    let part = part_marker(tail).is_some();
    match code {
        "J" => "article-journal",
        "M" if part => "chapter",
        "M" | "G" => "book",
        "C" if part => "paper-conference",
        "C" => "book",
        "D" => "thesis",
        "R" => "report",
        "S" => "standard",
        "P" => "patent",
        "N" => "article-newspaper",
        "EB" | "Z" | "A" => "webpage",
        "DB" | "DS" => "dataset",
        "CP" => "software",
        "CM" => "map",
        "PP" => "article",
        _ => "document",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(split_any("a, b．c", &PERIODS), Some(("a, b", "c")));
        assert_eq!(split_all("a. b. c", &PERIODS), vec!["a", "b", "c"]);
        assert_eq!(strip_label("[12] X"), "X");
        assert_eq!(strip_label("［3］X"), "X");
        assert_eq!(strip_label("[J]"), "[J]");
        let (before, code, ol, after) = find_tag("T[J/OL]. X").unwrap();
        assert_eq!((before, code, ol, after), ("T", "J", true, ". X"));
        assert!(find_tag("Smith [12] x").is_none());
        assert!(looks_like_names("ZHANG S, LI H"));
        assert!(looks_like_names("李红元"));
        assert!(!looks_like_names(
            "A study of the effects of things on other things"
        ));
        let (r, d) = strip_access("93[2013-03-20]");
        assert_eq!(r, "93");
        assert_eq!(d.unwrap().date_parts[0].len(), 3);
    }

    #[test]
    fn journal_numeric() {
        let it = parse("[51] Caplan P. Cataloging internet resources[J]. The Public-Access Computer Systems Review, 1993, 4(2): 61-66.").unwrap();
        assert_eq!(it.kind, "article-journal");
        assert_eq!(it.author[0].family.as_deref(), Some("Caplan"));
        assert_eq!(it.title.as_deref(), Some("Cataloging internet resources"));
        assert_eq!(
            it.container_title.as_deref(),
            Some("The Public-Access Computer Systems Review")
        );
        assert_eq!(it.year(), Some(1993));
        assert_eq!(
            (
                it.volume.as_deref(),
                it.issue.as_deref(),
                it.page.as_deref()
            ),
            (Some("4"), Some("2"), Some("61-66"))
        );
    }

    #[test]
    fn book_full_width() {
        let it =
            parse("[7] 冯友兰. 冯友兰自选集[M]. 2 版. 北京：首都师范大学出版社，2008：第1版自序.")
                .unwrap();
        assert_eq!(it.kind, "book");
        assert_eq!(it.edition.as_deref(), Some("2"));
        assert_eq!(it.publisher_place.as_deref(), Some("北京"));
        assert_eq!(it.publisher.as_deref(), Some("首都师范大学出版社"));
        assert_eq!(it.year(), Some(2008));
        assert_eq!(it.page, None);
    }

    #[test]
    fn seed_layout() {
        let it = parse("Li Hongyuan. 2008(08). On Network Sovereignty and the New Concept of National Security [J]. Administration and Law.").unwrap();
        assert_eq!(it.author, vec![Name::person("Li", "Hongyuan")]);
        assert_eq!(it.year(), Some(2008));
        assert_eq!(it.issue.as_deref(), Some("08"));
        assert_eq!(
            it.title.as_deref(),
            Some("On Network Sovereignty and the New Concept of National Security")
        );
        assert_eq!(
            it.container_title.as_deref(),
            Some("Administration and Law")
        );
        assert_eq!(it.kind, "article-journal");
    }

    #[test]
    fn part_and_online() {
        let it = parse("[71] Fourney M E. Advances in holographic photoelasticity[C]//Gottenberg W G. Symposium on Applications of Holography in Mechanics, August 23-25, 1971, University of Southern California, Los Angeles, California. New York: ASME, 1971: 17-38.").unwrap();
        assert_eq!(it.kind, "paper-conference");
        assert_eq!(it.editor[0].family.as_deref(), Some("Gottenberg"));
        assert_eq!(it.publisher.as_deref(), Some("ASME"));
        assert_eq!(it.publisher_place.as_deref(), Some("New York"));
        assert_eq!(it.page.as_deref(), Some("17-38"));
        let it = parse("北京鲁迅博物馆, 2021. 北京鲁迅博物馆志愿服务章程[EB/OL]. (2021-04-21)[2023-05-02]. http://www.luxunmuseum.com.cn/html/202104/a11310.htm.").unwrap();
        assert_eq!(it.kind, "webpage");
        assert_eq!(it.year(), Some(2021));
        assert_eq!(
            it.url.as_deref(),
            Some("http://www.luxunmuseum.com.cn/html/202104/a11310.htm")
        );
        assert!(it.accessed.is_some());
        assert_eq!(it.author[0].literal.as_deref(), Some("北京鲁迅博物馆"));
    }

    #[test]
    fn corporate_initials_and_glued_issue() {
        let it =
            parse("[69] YUFIN S A. Geoecology and computers[M]. Rotterdam: A. A. Balkema, 2000.")
                .unwrap();
        assert_eq!(it.publisher.as_deref(), Some("A. A. Balkema"));
        assert_eq!(it.publisher_place.as_deref(), Some("Rotterdam"));
        let it = parse("杨洪升, 2013. 四库馆私家抄校书考略[J]. 文献(1): 56-75.").unwrap();
        assert_eq!(it.container_title.as_deref(), Some("文献"));
        assert_eq!(
            (it.issue.as_deref(), it.page.as_deref()),
            (Some("1"), Some("56-75"))
        );
        let it = parse("[83] United Nations Department of Economic and Social Affairs. United Nations e-government survey 2024[R/OL]. [2025-02-28]. https://x.org/a.").unwrap();
        assert_eq!(
            it.title.as_deref(),
            Some("United Nations e-government survey 2024")
        );
        assert_eq!(it.author.len(), 1);
        assert_eq!(
            split_periods("Rotterdam: A. A. Balkema, 2000. X"),
            vec!["Rotterdam: A. A. Balkema, 2000", "X"]
        );
    }

    #[test]
    fn anonymous_is_no_author() {
        let it =
            parse("佚名, 1949. 接管文告[Z/OL]. 武汉: 武汉大学档案馆[2025-02-28]. https://x.cn/a.")
                .unwrap();
        assert!(it.author.is_empty(), "{:?}", it.author);
        assert_eq!(it.title.as_deref(), Some("接管文告"));
        let it = parse("[3] Anon. A report[R]. London: HMSO, 1990.").unwrap();
        assert!(it.author.is_empty(), "{:?}", it.author);
    }

    #[test]
    fn not_gbt() {
        assert!(parse("Smith J (2001) A title. Nature 1: 2-3.").is_none());
    }
}
