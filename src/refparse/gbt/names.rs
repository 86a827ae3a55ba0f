//! Author and editor lists: CJK names whole, Western names family-first
//! (`ZHANG S`, `Li Hongyuan`), corporate names literal.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, satisfy, space0, space1};
use nom::combinator::{eof, not, opt, peek, recognize, verify};
use nom::multi::separated_list1;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::split::{split_all, COMMAS};
use crate::csl::{Item, Name};

/// Does `s` look like a list of names rather than a title?
pub(super) fn looks_like_names(s: &str) -> bool {
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
pub(super) fn looks_corporate(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    words.len() <= 12
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(')
                || matches!(*w, "of" | "and" | "the" | "for" | "on" | "in" | "&")
        })
}

/// Sets the authors from a name list; a corporate name without commas stays
/// whole, anonymous markers (`佚名`, `Anon`) are no author.
pub(super) fn set_names(item: &mut Item, s: &str) {
    let st = s.trim();
    if !st.contains([',', '，']) && st.split_whitespace().count() > 3 && looks_corporate(st) {
        item.author = vec![Name::literal(st)];
        return;
    }
    let n = name_list(s);
    let anonymous = ["佚名", "Anon", "Anonymous", "anon"];
    item.author = n
        .names
        .into_iter()
        .filter(|x| {
            let given = x.given.as_deref().unwrap_or("");
            let whole = format!("{}{given}", x.family_or_literal());
            !anonymous.contains(&whole.as_str())
        })
        .collect();
    item.custom.author_et_al = n.et_al;
}

/// A GB/T name list and whether it ends in `et al.` / `等`.
#[derive(Debug, Default, PartialEq)]
pub(super) struct NameList {
    pub names: Vec<Name>,
    pub et_al: bool,
}

/// Reads a GB/T name list: names separated by `,` `，` `、` `;`, optionally
/// ending in `et al.` or `等`; role words (`主编`, `eds`) are dropped.
pub(super) fn name_list(s: &str) -> NameList {
    let mut out = NameList::default();
    for piece in s.split([',', '，', '、', ';', '；']) {
        let mut p = piece.trim().trim_end_matches(['.', '．']).trim();
        let low = p.to_lowercase();
        if low.starts_with("et al") || p == "等" {
            out.et_al = true;
            break;
        }
        if let Some(i) = low.find(" et al") {
            out.et_al = true;
            p = p[..i].trim();
        } else if let Some(x) = p.strip_suffix('等').filter(|x| x.chars().all(is_cjk)) {
            out.et_al = true;
            p = x;
        }
        let role = matches!(
            low.as_str(),
            "主编" | "编" | "编者" | "译" | "等译" | "等编" | "ed" | "eds" | "trans" | "编辑"
        );
        if p.is_empty() || role {
            continue;
        }
        out.names.push(one_name(p));
        if out.et_al {
            break;
        }
    }
    out
}

pub(super) use crate::refparse::names::is_cjk;

/// Two-character Chinese family names (the rest have one character).
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "夏侯",
    "公孙", "轩辕", "端木", "独孤",
];

/// One name of a list: a Chinese person (`李红元`: family `李`), a longer CJK
/// or unparsable Latin name (literal: an organisation), or a Western name
/// read by [`latin_name`].
fn one_name(p: &str) -> Name {
    // a nationality before a translated author: "[美]", "（英）"
    let p = strip_nationality(p);
    if p.chars().any(is_cjk) {
        // a transliterated name, given·family: "斯蒂芬·霍金"
        if let Some((given, family)) = p.rsplit_once(['·', '•', '・']) {
            if !given.is_empty()
                && !family.is_empty()
                && p.chars()
                    .all(|c| is_cjk(c) || matches!(c, '·' | '•' | '・'))
            {
                return Name::person(family, given);
            }
        }
        // a transliterated Western name: "昂温 P S"
        if let Some((fam, inits)) = p.split_once(' ') {
            let inits: Vec<&str> = inits.split_whitespace().collect();
            if fam.chars().all(is_cjk)
                && inits
                    .iter()
                    .all(|w| initial(w).is_ok_and(|(r, _)| r.is_empty()))
            {
                let given: Vec<String> = inits.iter().map(|x| dotted(x)).collect();
                return Name::person(fam, given.join(" "));
            }
        }
        let n = p.chars().count();
        if n > 4 || !p.chars().all(is_cjk) {
            return Name::literal(p);
        }
        let fam_len = if n >= 3 && COMPOUND_SURNAMES.iter().any(|s| p.starts_with(s)) {
            2
        } else {
            1
        };
        let split = p.char_indices().nth(fam_len).map_or(p.len(), |(i, _)| i);
        return Name::person(&p[..split], &p[split..]);
    }
    match latin_name(p) {
        Ok((_, n)) => n,
        Err(_) => Name::literal(p),
    }
}

/// Removes a bracketed nationality of one or two CJK characters in front of
/// a name (`[美]`, `［英］`, `（德）`).
fn strip_nationality(p: &str) -> &str {
    for (o, c) in [('[', ']'), ('［', '］'), ('(', ')'), ('（', '）')] {
        if let Some(r) = p.strip_prefix(o) {
            if let Some((inner, rest)) = r.split_once(c) {
                let n = inner.chars().count();
                if (1..=2).contains(&n) && inner.chars().all(is_cjk) && !rest.trim().is_empty() {
                    return rest.trim_start();
                }
            }
        }
    }
    p
}

/// Lower-case particles that belong to a family name (`VEEN P H van der`).
const PARTICLES: [&str; 19] = [
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "la", "le", "ten",
    "ter", "zu", "al", "el", "bin",
];

/// Words that make a Latin "name" an organisation.
const CORPORATE_WORDS: [&str; 24] = [
    "University",
    "Institute",
    "Association",
    "Organization",
    "Organisation",
    "Society",
    "Committee",
    "Group",
    "Council",
    "Agency",
    "Department",
    "Ministry",
    "Office",
    "Center",
    "Centre",
    "Bureau",
    "Company",
    "Corporation",
    "Foundation",
    "Academy",
    "Press",
    "Commission",
    "Laboratory",
    "Inc",
];

fn word(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_alphabetic() || matches!(c, '\'' | '’' | '-')).parse(i)
}

fn particles(i: &str) -> IResult<&str, &str> {
    recognize(separated_list1(
        space1,
        verify(word, |w: &str| PARTICLES.contains(&w)),
    ))
    .parse(i)
}

/// A family-name word: capitalised, not an initial (`J`, `J-P`).
fn family_word(i: &str) -> IResult<&str, &str> {
    verify(word, |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.split(['-', '‐']).any(|part| part.chars().count() > 1)
    })
    .parse(i)
}

/// Not followed by a letter.
fn boundary(i: &str) -> IResult<&str, ()> {
    peek(not(satisfy(char::is_alphabetic))).parse(i)
}

/// One initial: `P`, `P.`, `J-P`, `J.-P.`.
fn initial(i: &str) -> IResult<&str, &str> {
    terminated(
        recognize((
            satisfy(char::is_uppercase),
            opt(char('.')),
            opt((
                alt((char('-'), char('‐'))),
                satisfy(char::is_uppercase),
                opt(char('.')),
            )),
        )),
        boundary,
    )
    .parse(i)
}

fn suffix(i: &str) -> IResult<&str, &str> {
    terminated(
        alt((
            tag("Jr."),
            tag("Jr"),
            tag("Sr."),
            tag("Sr"),
            tag("III"),
            tag("II"),
            tag("IV"),
        )),
        boundary,
    )
    .parse(i)
}

/// A Western name written family first, the whole of `i`:
/// `[particles] FAMILY… [INITIALS] [Jr] [particles]` (`PEEBLES P Z Jr`,
/// `DES MARAIS D J`, `VEEN P H van der`, `Li Hongyuan`: a family and a full
/// given name). Fails on three or more words without initials and on
/// organisation words (the caller keeps those literal).
pub(super) fn latin_name(i: &str) -> IResult<&str, Name> {
    let (rest, (lead, fam, inits, suf, trail, _, _)) = (
        opt(terminated(particles, space1)),
        separated_list1(space1, family_word),
        opt(preceded(space1, separated_list1(space0, initial))),
        opt(preceded(space1, suffix)),
        opt(preceded(space1, particles)),
        space0,
        eof,
    )
        .parse(i)?;
    let corporate = fam
        .iter()
        .any(|w| CORPORATE_WORDS.contains(&w.trim_end_matches('.')));
    let mut name = match inits {
        Some(v) => {
            let given: Vec<String> = v.iter().map(|x| dotted(x)).collect();
            Name::person(fam.join(" "), given.join(" "))
        }
        None if fam.len() == 2 && !corporate => Name::person(fam[0], fam[1]),
        None if fam.len() == 1 => Name::person(fam[0], ""),
        None => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )))
        }
    };
    if corporate {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    name.suffix = suf.map(str::to_string);
    name.non_dropping_particle = lead.or(trail).map(str::to_string);
    Ok((rest, name))
}

/// `P` → `P.`, `J-P` → `J.-P.`.
fn dotted(initial: &str) -> String {
    let mut out = String::new();
    for c in initial.chars() {
        match c {
            '.' => {}
            '-' | '‐' => out.push('-'),
            _ => {
                out.push(c);
                out.push('.');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(f: &str, g: &str) -> Name {
        Name::person(f, g)
    }

    #[test]
    fn latin_names_table() {
        let with = |mut n: Name, suf: Option<&str>, part: Option<&str>| {
            n.suffix = suf.map(str::to_string);
            n.non_dropping_particle = part.map(str::to_string);
            n
        };
        let cases: Vec<(&str, Name, &str)> = vec![
            ("ZHANG S", person("ZHANG", "S."), ""),
            ("Smith J A", person("Smith", "J. A."), ""),
            ("SMITH J. A.", person("SMITH", "J. A."), ""),
            ("DES MARAIS D J", person("DES MARAIS", "D. J."), ""),
            ("DUPONT J-P", person("DUPONT", "J.-P."), ""),
            ("Li Hongyuan", person("Li", "Hongyuan"), ""),
            ("LI Hong-yuan", person("LI", "Hong-yuan"), ""),
            ("O'BRIEN K", person("O'BRIEN", "K."), ""),
            ("Aristotle", person("Aristotle", ""), ""),
            (
                "PEEBLES P Z Jr",
                with(person("PEEBLES", "P. Z."), Some("Jr"), None),
                "",
            ),
            (
                "VEEN P H van der",
                with(person("VEEN", "P. H."), None, Some("van der")),
                "",
            ),
            (
                "de GAULLE C",
                with(person("GAULLE", "C."), None, Some("de")),
                "",
            ),
            ("ROSS T  ", person("ROSS", "T."), ""),
        ];
        for (text, want, left) in cases {
            let (rest, got) = latin_name(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!((rest, &got), (left, &want), "{text}");
        }
        for bad in [
            "World Health Organization",
            "American Water Works Association",
            "National Bureau of Standards",
            "a study of things",
            "SMITH J 2001",
        ] {
            assert!(latin_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn initials_need_a_boundary() {
        assert_eq!(initial("P Z"), Ok((" Z", "P")));
        assert_eq!(initial("J.-P. X"), Ok((" X", "J.-P.")));
        assert!(initial("Hongyuan").is_err());
        assert_eq!(particles("van der VEEN"), Ok((" VEEN", "van der")));
    }

    #[test]
    fn name_lists() {
        let l = name_list("牛志明, SWINGLAND I R, 雷光春");
        assert_eq!(
            l.names,
            vec![
                person("牛", "志明"),
                person("SWINGLAND", "I. R."),
                person("雷", "光春")
            ]
        );
        assert!(!l.et_al);
        let l = name_list("周壮，李盛阳，吴薇，等");
        assert_eq!(l.names.len(), 3);
        assert!(l.et_al);
        let l = name_list("TORRES L, SALISBURY F, YAZBECK B, et al");
        assert_eq!(l.names.len(), 3);
        assert!(l.et_al);
        let l = name_list("王五等");
        assert_eq!((l.names, l.et_al), (vec![person("王", "五")], true));
        let l = name_list("欧阳修, 司马光");
        assert_eq!(l.names, vec![person("欧阳", "修"), person("司马", "光")]);
        let l = name_list("中国信息通信研究院, 国家药典委员会");
        assert_eq!(
            l.names,
            vec![
                Name::literal("中国信息通信研究院"),
                Name::literal("国家药典委员会")
            ]
        );
        let l = name_list("昂温 G, 昂温 P S");
        assert_eq!(l.names, vec![person("昂温", "G."), person("昂温", "P. S.")]);
        let l = name_list("[美]斯蒂芬·霍金, （英）昂温 G");
        assert_eq!(
            l.names,
            vec![person("霍金", "斯蒂芬"), person("昂温", "G.")]
        );
        let l = name_list("张三, 李四, 主编");
        assert_eq!(l.names.len(), 2);
        let l = name_list("World Health Organization");
        assert_eq!(l.names, vec![Name::literal("World Health Organization")]);
    }
}
