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
//! Half- and full-width punctuation are both accepted. The pieces live in
//! their own modules: `tag` (type tag, label, `//`), `split` (cutting at
//! separators), `names` (family-first names: `ZHANG S`, `PEEBLES P Z Jr`,
//! `VEEN P H van der`, `Li Hongyuan`, `李红元`, `昂温 P S`, organisations),
//! `title` (standard, patent and call numbers, map scales), `date`
//! (dates, ranges, `n.d.`) and `tail` (container, edition, place and
//! publisher, volume(issue), pages). Designations that are no title or
//! publisher go to `note`.

mod date;
mod names;
mod split;
mod tag;
mod tail;
mod title;

use super::fields::clean;
use super::lex;
use crate::csl::{Date, Item};
use date::set_year_suffix;
use names::{looks_like_names, set_names};
use split::{split_any, split_periods, split_trailing_pages, COMMAS, PERIODS};
use tag::{csl_type, find_tag, part_marker, strip_label};
use tail::{has_place_publisher, read_tail_segment, split_volume};
use title::set_title;

/// Parses a GB/T 7714 entry, or returns `None` when `text` has no type tag.
pub fn parse(text: &str) -> Option<Item> {
    let text = strip_label(text);
    let (head, code, _online, tail) = find_tag(text)?;
    // GB/T 7714-2005 tags a part of a whole [A] (an archive in 2015) and the
    // whole after "//" by its own type: "TITLE[A]//EDITOR. WHOLE[C]. …"
    let code = match part_marker(tail) {
        Some(i) if code == "A" => find_tag(&tail[i + 2..])
            .map(|(_, c, _, _)| c)
            .filter(|c| matches!(*c, "C" | "M"))
            .unwrap_or("M"),
        _ => code,
    };
    let mut item = Item {
        kind: csl_type(code, tail).to_string(),
        ..Item::default()
    };
    // ---- head: authors, (year), title
    let mut rest = head.trim();
    if let Some((a, b)) = split::split_sentence(rest) {
        let (names_part, year_part) = match a.rfind([',', '，']) {
            Some(i)
                if lex::find_year(&a[i..]).is_some()
                    || a[i..].contains("[")
                    || date::is_no_date(&a[i..]) =>
            {
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
    let std_year = set_title(&mut item, rest, code, part_marker(tail).is_some());
    // the names before a whole conference proceedings are its editors
    if part_marker(tail).is_none()
        && matches!(code, "M" | "C")
        && item.title.as_deref().is_some_and(title::is_proceedings)
    {
        item.editor = std::mem::take(&mut item.author);
    }
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
        } else if tail::is_identifier(s) && !low.starts_with("isbn") {
            // "CSTR:32012.36.PSSXiv.202408.01096": no place and publisher
            item.note = Some(title::join_note(item.note.take(), s));
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
    // an abbreviated journal was cut at its dots: "Acta Mech. Sin., 2019, 35(2)"
    if code == "J" && !part_of {
        while segs.len() >= 2 && lex::find_year(segs[0]).is_none() && ends_abbreviated(segs[0]) {
            let start = segs[0].as_ptr() as usize - tail.as_ptr() as usize;
            let end = segs[1].as_ptr() as usize + segs[1].len() - tail.as_ptr() as usize;
            segs[0] = &tail[start..end];
            segs.remove(1);
        }
    }
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
        item.editor = names::name_list(segs[0]).names;
        segs.remove(0);
    }
    if part_of && !segs.is_empty() && (segs.len() >= 2 || !has_place_publisher(segs[0])) {
        let mut c = segs.remove(0);
        // the whole's own tag (2005 layout): "论文集[C]"
        if let Some((before, _, _, after)) = find_tag(c) {
            if after.trim().is_empty() && !before.trim().is_empty() {
                c = before.trim_end();
            }
        }
        // "Conference name, 2022: 2": the year and pages follow the name
        let (c, after) = match split_any(c, &COMMAS) {
            Some((a, b)) if lex::year(b.trim()).is_ok() && segs.is_empty() => (a, Some(b)),
            _ => (c, None),
        };
        // "Conference name: 2" (author-year layout): the pages end the entry
        let (c, pages) = match after {
            None if segs.is_empty() => split_trailing_pages(c),
            _ => (c, None),
        };
        if let Some(p) = pages {
            item.page = Some(tail::pages_text(p));
        }
        let (c, vol) = split_volume(c);
        item.container_title = Some(clean(c, true));
        if vol.is_some() {
            item.volume = vol;
        }
        if let Some(t) = after {
            read_tail_segment(&mut item, t, code, false, part_of);
        }
    }
    for (k, s) in segs.iter().enumerate() {
        read_tail_segment(&mut item, s, code, k == 0, part_of);
    }
    if item.issued.is_none() {
        // a standard is dated by its number ("GB/T 7714—2015")
        item.issued = std_year.map(|y| Date::year(i32::from(y)));
    }
    if item.kind == "book" && item.container_title.is_some() {
        item.kind = "chapter".into();
    }
    Some(item)
}

/// Does `s` end in an abbreviated word (`Acta Mech`, `J Phys`): a
/// capitalised Latin word of at most five letters?
fn ends_abbreviated(s: &str) -> bool {
    let w = s.rsplit([' ', '.']).next().unwrap_or("");
    let n = w.chars().count();
    (1..=5).contains(&n)
        && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::date::strip_access;
    use super::split::split_all;
    use super::*;
    use crate::csl::Name;

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

    /// Whole invented entries, one mechanism each: (text, title, container,
    /// publisher, place, year, volume, issue, pages, edition).
    #[test]
    fn entries_table() {
        type Row<'a> = (
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            Option<i32>,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let rows: [Row; 8] = [
            (
                "[4] GB/T 20000.1—2014 标准化工作指南[S]. 北京: 中国标准出版社.",
                Some("标准化工作指南"),
                None,
                Some("中国标准出版社"),
                Some("北京"),
                Some(2014),
                None,
                None,
                None,
                None,
            ),
            (
                "Royal Society of Chemistry，n.d. Safety in the lab: RSC 12-2019[S].",
                Some("Safety in the lab"),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ),
            (
                "[9] KOCH R. Fluid dynamics[M]. 3rd ed. Leiden：E. J. Brill，1999.",
                Some("Fluid dynamics"),
                None,
                Some("E. J. Brill"),
                Some("Leiden"),
                Some(1999),
                None,
                None,
                None,
                Some("3"),
            ),
            (
                "张明，2019. 水的研究[C]//第五届全国水利学术会议：118-121.",
                Some("水的研究"),
                Some("第五届全国水利学术会议"),
                None,
                None,
                Some(2019),
                None,
                None,
                Some("118-121"),
                None,
            ),
            (
                "HALL A，2004. Old maps[M]. Boston: Harbor House, Ltd.: 7[2020-01-02].",
                Some("Old maps"),
                None,
                Some("Harbor House, Ltd."),
                Some("Boston"),
                Some(2004),
                None,
                None,
                None,
                None,
            ),
            (
                "[2] 李四. 本草汇编[M]. 2015年版. 上海: 古籍出版社, 2015.",
                Some("本草汇编"),
                None,
                Some("古籍出版社"),
                Some("上海"),
                Some(2015),
                None,
                None,
                None,
                Some("2015年版"),
            ),
            (
                "[6] 某学会. 学会通讯[J]. 1950, 1950(1)—1966(12). 上海: 某学会, 1950—1966.",
                Some("学会通讯"),
                None,
                Some("某学会"),
                Some("上海"),
                Some(1950),
                Some("1950(1)—1966(12)"),
                None,
                None,
                None,
            ),
            (
                "[1] 王芳. 江苏省地图. 1:500000[CM]. 南京: 江苏地图出版社, 2010.",
                Some("江苏省地图"),
                None,
                Some("江苏地图出版社"),
                Some("南京"),
                Some(2010),
                None,
                None,
                None,
                None,
            ),
        ];
        for (text, title, cont, publ, place, year, vol, iss, pages, ed) in rows {
            let it = parse(text).unwrap_or_else(|| panic!("not GB/T: {text}"));
            assert_eq!(
                (
                    it.title.as_deref(),
                    it.container_title.as_deref(),
                    it.publisher.as_deref(),
                    it.publisher_place.as_deref(),
                    it.year(),
                ),
                (title, cont, publ, place, year),
                "{text}"
            );
            assert_eq!(
                (
                    it.volume.as_deref(),
                    it.issue.as_deref(),
                    it.page.as_deref(),
                    it.edition.as_deref()
                ),
                (vol, iss, pages, ed),
                "{text}"
            );
        }
        let it = parse("[9] 张三. 题目[A]//李四. 论文集[C]. 北京: 某出版社, 2000: 1-5.").unwrap();
        assert_eq!(
            (
                it.kind.as_str(),
                it.container_title.as_deref(),
                it.publisher.as_deref(),
                it.page.as_deref()
            ),
            (
                "paper-conference",
                Some("论文集"),
                Some("某出版社"),
                Some("1-5")
            )
        );
        let it = parse("[21] 张三. 题目[J]. 期刊, 2019, 40(5): 1-10, 15.").unwrap();
        assert_eq!(
            (it.volume.as_deref(), it.page.as_deref()),
            (Some("40"), Some("1-10, 15"))
        );
        let it =
            parse("[23] 张三. 题目[M]. 北京: 科学出版社; 上海: 上海科技出版社, 2010: 5.").unwrap();
        assert_eq!(
            (
                it.publisher_place.as_deref(),
                it.publisher.as_deref(),
                it.year()
            ),
            (Some("北京"), Some("科学出版社"), Some(2010))
        );
        let it = parse("[26] 张三. 全集[M]. 北京: 中华书局, 1980-1985.").unwrap();
        assert_eq!(it.year(), Some(1980));
        assert_eq!(it.issued.map(|d| d.date_parts.len()), Some(2));
        let it =
            parse("[19] LI S. Flow[J]. Acta Mech. Sin., 2019, 35(2): 1－10 (in Chinese).").unwrap();
        assert_eq!(
            (
                it.container_title.as_deref(),
                it.volume.as_deref(),
                it.page.as_deref(),
                it.note.as_deref()
            ),
            (
                Some("Acta Mech. Sin."),
                Some("35"),
                Some("1-10"),
                Some("(in Chinese)")
            )
        );
        let it = parse(
            "[1] [美]斯蒂芬·霍金. 时间简史[M]. 许明贤, 吴忠超, 译. 长沙: 湖南科学技术出版社, 2002.",
        )
        .unwrap();
        assert_eq!(it.author, vec![Name::person("霍金", "斯蒂芬")]);
        assert_eq!(
            (it.publisher_place.as_deref(), it.publisher.as_deref()),
            (Some("长沙"), Some("湖南科学技术出版社"))
        );
        let it = parse("[8] 王五, SMITH J. 湿地管理国际研讨会论文集[M]. 北京: 海洋出版社, 2012.")
            .unwrap();
        assert!(it.author.is_empty());
        assert_eq!(it.editor.len(), 2);
        let it = parse("[8] 王五. 王五自选集[M]. 北京: 某出版社, 2012.").unwrap();
        assert_eq!((it.author.len(), it.editor.len()), (1, 0));
        let it = parse("[3] 冯三. 古书[M]. 刻本. 北京: 某书坊, 1880.").unwrap();
        assert_eq!(
            (it.edition.as_deref(), it.publisher.as_deref()),
            (Some("刻本"), Some("某书坊"))
        );
        let it = parse("[23] DOE J. Old book[M]. [S.l.]: [s.n.], 1890.").unwrap();
        assert_eq!((&it.publisher_place, &it.publisher), (&None, &None));
        assert_eq!(it.year(), Some(1890));
        let it = parse("Royal Society of Chemistry，n.d. Safety in the lab[S].").unwrap();
        assert_eq!(it.author, vec![Name::literal("Royal Society of Chemistry")]);
    }

    #[test]
    fn not_gbt() {
        assert!(parse("Smith J (2001) A title. Nature 1: 2-3.").is_none());
    }
}
