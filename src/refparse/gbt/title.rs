//! The title: standard and patent numbers, volume designations after a colon.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::space1;
use nom::combinator::{recognize, verify};
use nom::multi::separated_list1;
use nom::{IResult, Parser};

use super::lex;
use crate::csl::Item;

/// Sets the title from the text before the type tag. Designations that
/// are not part of the title go to the note: the number of a standard
/// (`GB/T 3792—2021 TITLE`, `TITLE: AIAA G-136-2022`), of a patent
/// (`TITLE: 中国, CN1318281A`) or report, an archive call number
/// (`TITLE: 04-01-35-0399-039`) and a map scale (`TITLE. 1:3000000`). A
/// volume after a colon (`国史旧闻: 卷 1`) becomes the volume. Returns the
/// year a standard's number ends in (`—2021`), for an entry without a date.
pub(super) fn set_title(item: &mut Item, t: &str, code: &str, part_of: bool) -> Option<u16> {
    let mut t = t.trim();
    let mut year = None;
    // a map scale: "TITLE. 1:3000000", "TITLE: 1:50 000"
    if let Some((head, sc)) = split_scale(t) {
        item.note = Some(join_note(item.note.take(), &format!("scale: {sc}")));
        t = head;
    }
    // the separating colon is full-width or followed by a space ("ISO 26262-1:2018")
    let sep = t.rfind(": ").into_iter().chain(t.rfind('：')).max();
    if let Some(i) = sep {
        let after = t[i..].trim_start_matches([':', '：']).trim();
        let designation = match code {
            "S" => whole(std_number, after).map(|(n, y)| {
                year = y;
                n
            }),
            "P" => patent_number(after),
            "R" | "A" => {
                (after.chars().any(|c| c.is_ascii_digit()) && !after.contains(' ')).then_some(after)
            }
            _ => None,
        }
        .or_else(|| is_call_number(after).then_some(after));
        if let Some(n) = designation {
            item.note = Some(join_note(item.note.take(), n));
            t = t[..i].trim();
        }
    }
    if code == "S" {
        // "GB/T 3792—2021 信息与文献 资源描述", "IEEE P802.11ba/D8.0-2020 IEEE …"
        if let Ok((rest, (n, y))) = std_number(t) {
            if rest.starts_with(' ') && !rest.trim().is_empty() {
                item.note = Some(join_note(item.note.take(), n));
                year = year.or(y);
                t = rest.trim();
            }
        }
    }
    // "国史旧闻: 卷 1", "船山全书: 第1册"
    if let Some(i) = t.rfind([':', '：']) {
        let v = t[i..].trim_start_matches([':', '：']).trim();
        if part_of {
            // the title of a part keeps its own numbering ("周易外传：卷5")
        } else if let Some(n) = super::tail::latin_volume(v) {
            item.volume = Some(n.to_string());
            t = t[..i].trim();
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
    year
}

/// Does a title name a conference proceedings (`…研讨会论文集`, `会议录`,
/// `…: proceedings of the Third International Conference …`)? Its names are
/// editors. An author's collected works (`自选集`, `文集`) are not.
pub(super) fn is_proceedings(t: &str) -> bool {
    t.contains("论文集") || t.contains("会议录") || t.to_lowercase().contains("proceedings")
}

/// Runs `p` and keeps its result only when it consumed all of `s`.
fn whole<'a, T>(p: impl Fn(&'a str) -> IResult<&'a str, T>, s: &'a str) -> Option<T> {
    match p(s) {
        Ok((rest, v)) if rest.trim().is_empty() => Some(v),
        _ => None,
    }
}

/// An issuing body's code: `GB/T`, `ISO/IEC`, `AIAA`, `IEEE`, `Std`.
fn std_body(i: &str) -> IResult<&str, &str> {
    alt((
        tag("Std"),
        verify(
            take_while1(|c: char| c.is_ascii_uppercase() || c == '/'),
            |w: &str| w.chars().filter(char::is_ascii_uppercase).count() >= 2,
        ),
    ))
    .parse(i)
}

/// The identifier of a standard: letters, digits and `-—./:`, with a digit
/// (`3792—2021`, `G-136-2022`, `P802.11ba/D8.0-2020`, `690:2010`).
fn std_ident(i: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c: char| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '—' | '.' | '/' | ':')
        }),
        |w: &str| {
            w.starts_with(|c: char| c.is_ascii_alphanumeric())
                && w.contains(|c: char| c.is_ascii_digit())
        },
    )
    .parse(i)
}

/// A standard's number, `BODY… IDENT` (`GB/T 7714—2015`, `ISO/IEC 27001:2013`,
/// `IEEE Std 802.11-2020`): the number as written and the year it ends in.
pub(super) fn std_number(i: &str) -> IResult<&str, (&str, Option<u16>)> {
    let (_, n) = recognize((separated_list1(space1, std_body), space1, std_ident)).parse(i)?;
    // a closing period or colon belongs to the sentence, not the number
    let n = n.trim_end_matches(['.', ':']);
    // the year a number ends in by rule: Chinese standards after an em dash
    // or after a hyphen with a Chinese body code (`GB 50009-2012`,
    // `NB/T 10386-2020`), ISO and IEC after a colon (`ISO 690:2010`); in
    // other numbers a trailing year is part of the name (`AIAA G-136-2022`)
    let body = n.split_whitespace().next().unwrap_or("");
    let chinese_body = body == "GB" || body.ends_with("/T") || body.ends_with("/Z");
    let year = n
        .rfind(['—', ':'])
        .or_else(|| n.rfind('-').filter(|_| chinese_body))
        .and_then(|k| lex::year(n[k..].trim_start_matches(['—', ':', '-'])).ok())
        .filter(|(r, _)| r.is_empty())
        .map(|(_, y)| y);
    Ok((&i[n.len()..], (n, year)))
}

/// A patent's number, optionally after its country: `CN1318281A`,
/// `中国, CN1318281A`, `US 5,000,000`.
fn patent_number(s: &str) -> Option<&str> {
    let last = s.rsplit([',', '，']).next().unwrap_or(s).trim();
    let country_ok = s.len() == last.len()
        || s[..s.len() - last.len()]
            .trim_end_matches([',', '，', ' '])
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ');
    (country_ok && last.chars().any(|c| c.is_ascii_digit()) && !last.contains(' ')).then_some(s)
}

/// An archive call number: three or more groups of digits joined by `-`
/// (`04-01-35-0399-039`; a period `1949-1979` has two).
fn is_call_number(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() >= 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
}

/// A trailing map scale `1:N` after a period, colon or space: (title, scale).
fn split_scale(t: &str) -> Option<(&str, &str)> {
    let i = t.rfind("1:").or_else(|| t.rfind("1："))?;
    let sc = &t[i..];
    let n = sc
        .trim_start_matches('1')
        .trim_start_matches([':', '：'])
        .trim();
    // a scale's denominator has three digits or more ("Part 1:2" is no scale)
    if n.chars().filter(char::is_ascii_digit).count() < 3
        || !n
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == ',')
    {
        return None;
    }
    let before = &t[..i];
    let head = before
        .trim_end()
        .trim_end_matches(['.', '．', ':', '：', ',', '，'])
        .trim_end();
    // "1:" glued to a word is no scale ("Part 1:2")
    (!head.is_empty() && head.len() < before.len()).then_some((head, sc))
}

pub(super) fn join_note(old: Option<String>, add: &str) -> String {
    match old {
        Some(o) if !o.is_empty() => format!("{o}; {add}"),
        _ => add.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_numbers_table() {
        let cases = [
            (
                "GB/T 7714—2015 信息与文献",
                " 信息与文献",
                "GB/T 7714—2015",
                Some(2015),
            ),
            ("ISO/IEC 27001:2013", "", "ISO/IEC 27001:2013", Some(2013)),
            ("ISO 690:2010.", ".", "ISO 690:2010", Some(2010)),
            (
                "IEEE Std 802.11-2020 Title",
                " Title",
                "IEEE Std 802.11-2020",
                None,
            ),
            ("AIAA G-136-2022 Guide", " Guide", "AIAA G-136-2022", None),
            (
                "GB 50009-2012 建筑结构",
                " 建筑结构",
                "GB 50009-2012",
                Some(2012),
            ),
            ("NB/T 10386-2020", "", "NB/T 10386-2020", Some(2020)),
            (
                "IEEE P802.11ba/D8.0-2020 IEEE approved",
                " IEEE approved",
                "IEEE P802.11ba/D8.0-2020",
                None,
            ),
            ("WS 218—2002", "", "WS 218—2002", Some(2002)),
            ("JB/T 3027", "", "JB/T 3027", None),
        ];
        for (text, left, num, year) in cases {
            assert_eq!(std_number(text), Ok((left, (num, year))), "{text}");
        }
        for bad in ["Guide to lithium", "A 12", "中国 2015", "UN e-government"] {
            assert!(std_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn designations() {
        assert!(patent_number("中国, CN1318281A").is_some());
        assert!(patent_number("CN01128777.2").is_some());
        assert!(patent_number("US, 5000000A").is_some());
        assert!(patent_number("a method for things").is_none());
        assert!(is_call_number("04-01-35-0399-039"));
        assert!(!is_call_number("1949-1979"));
        assert!(!is_call_number("卷 1"));
        assert_eq!(
            split_scale("中国地形图. 1:3000000"),
            Some(("中国地形图", "1:3000000"))
        );
        assert_eq!(
            split_scale("世界地图：1:50 000"),
            Some(("世界地图", "1:50 000"))
        );
        assert_eq!(split_scale("Part 1:2"), None);
        assert_eq!(split_scale("Chapter 11: origins"), None);
    }

    #[test]
    fn titles_table() {
        // (title text, code, title, note, volume, year)
        let cases = [
            (
                "信息与文献 参考文献著录规则",
                "S",
                "信息与文献 参考文献著录规则",
                None,
                None,
                None,
            ),
            (
                "GB/T 7714—2015 信息与文献 参考文献著录规则",
                "S",
                "信息与文献 参考文献著录规则",
                Some("GB/T 7714—2015"),
                None,
                Some(2015),
            ),
            (
                "Road vehicles: ISO 26262-1:2018",
                "S",
                "Road vehicles",
                Some("ISO 26262-1:2018"),
                None,
                Some(2018),
            ),
            (
                "一种种植方法: 中国, CN1318281A",
                "P",
                "一种种植方法",
                Some("中国, CN1318281A"),
                None,
                None,
            ),
            (
                "奏请拨款事: 04-01-35-0399-039",
                "M",
                "奏请拨款事",
                Some("04-01-35-0399-039"),
                None,
                None,
            ),
            (
                "抗战史: 1937-1945",
                "M",
                "抗战史: 1937-1945",
                None,
                None,
                None,
            ),
            ("国史旧闻: 卷 1", "M", "国史旧闻", None, Some("1"), None),
            (
                "Collected papers: Vol. 3",
                "M",
                "Collected papers",
                None,
                Some("3"),
                None,
            ),
            (
                "长江流域图. 1:1000000",
                "CM",
                "长江流域图",
                Some("scale: 1:1000000"),
                None,
                None,
            ),
        ];
        for (text, code, title, note, vol, year) in cases {
            let mut it = Item::default();
            let y = set_title(&mut it, text, code, false);
            assert_eq!(
                (
                    it.title.as_deref(),
                    it.note.as_deref(),
                    it.volume.as_deref(),
                    y
                ),
                (Some(title), note, vol, year),
                "{text}"
            );
        }
    }
}
