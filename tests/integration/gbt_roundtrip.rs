//! GB/T 7714 round trip: items rendered by hayagriva's GB/T styles (2015
//! and 2005 numeric, 2015 author-date, 2015 note)
//! (`citelint::export`, plain text) and read back by the reference parser
//! (`citelint::refparse::parse_reference`) keep every field the rendering
//! keeps. What a style drops or shortens is compared in its reduced form:
//! given names become initials (so only family names are compared, without
//! case: the numeric styles capitalise them), the author list is cut to three
//! before `et al.`/`等`, and the author-date styles move the year to the head.

use citelint::csl::{Date, DatePart, Item, Name};
use citelint::export::{export, Format};
use citelint::refparse::parse_reference;

use crate::export_common::seed_items;

const STYLES: [&str; 4] = [
    "gb-7714-2015-numeric",
    "gb-7714-2005-numeric",
    "gb-7714-2015-author-date",
    "gb-7714-2015-note",
];

fn date(parts: &[i64]) -> Date {
    Date {
        date_parts: vec![parts.iter().map(|&p| DatePart::Number(p)).collect()],
        ..Date::default()
    }
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

/// Invented items, one per GB/T type and layout.
fn invented_items() -> Vec<Item> {
    vec![
        // a Chinese journal article
        Item {
            kind: "article-journal".into(),
            author: vec![Name::person("张", "建国"), Name::person("欧阳", "明")],
            title: s("城市水系统韧性评价方法"),
            container_title: s("水利学报"),
            issued: Some(Date::year(2021)),
            volume: s("52"),
            issue: s("3"),
            page: s("301-310"),
            ..Item::default()
        },
        // a Latin journal article with four authors (cut to three)
        Item {
            kind: "article-journal".into(),
            author: vec![
                Name::person("Okafor", "Chinwe Ada"),
                Name::person("Lindqvist", "Per"),
                Name::person("Moreau", "Jean-Paul"),
                Name::person("Tanaka", "Yui"),
            ],
            title: s("Sediment transport in braided rivers"),
            container_title: s("Journal of Hydraulic Research"),
            issued: Some(Date::year(2019)),
            volume: s("57"),
            issue: s("4"),
            page: s("455-470"),
            ..Item::default()
        },
        // a book with an edition, place and publisher
        Item {
            kind: "book".into(),
            author: vec![Name::person("王", "晓红")],
            title: s("中国水利史纲要"),
            edition: s("2"),
            publisher_place: s("北京"),
            publisher: s("中华书局"),
            issued: Some(Date::year(2010)),
            ..Item::default()
        },
        // a chapter in an edited book
        Item {
            kind: "chapter".into(),
            author: vec![Name::person("Berger", "Anna")],
            title: s("Flood memory in alpine villages"),
            container_title: s("Rivers and societies"),
            editor: vec![Name::person("Hale", "Thomas")],
            publisher_place: s("Oxford"),
            publisher: s("Clarendon Press"),
            issued: Some(Date::year(2015)),
            page: s("88-104"),
            ..Item::default()
        },
        // a thesis
        Item {
            kind: "thesis".into(),
            author: vec![Name::person("刘", "洋")],
            title: s("黄河下游河道演变研究"),
            publisher_place: s("武汉"),
            publisher: s("武汉大学"),
            issued: Some(Date::year(2018)),
            ..Item::default()
        },
        // a web page with its issued and accessed dates
        Item {
            kind: "webpage".into(),
            author: vec![Name::literal("国家气象中心")],
            title: s("全国降水实况分析"),
            issued: Some(date(&[2024, 7, 15])),
            accessed: Some(date(&[2025, 1, 3])),
            url: s("https://www.example.cn/rain/2024/0715.html"),
            ..Item::default()
        },
        // a mixed Chinese and Latin author list; a particle and a suffix
        Item {
            kind: "article-journal".into(),
            author: vec![
                Name::person("牛", "志明"),
                Name {
                    family: s("Veen"),
                    given: s("Pieter H."),
                    non_dropping_particle: s("van der"),
                    ..Name::default()
                },
                Name {
                    family: s("Peebles"),
                    given: s("Peyton Z."),
                    suffix: s("Jr."),
                    ..Name::default()
                },
            ],
            title: s("湿地管理的国际比较"),
            container_title: s("湿地科学"),
            issued: Some(Date::year(2012)),
            volume: s("10"),
            issue: s("增刊1"),
            page: s("1-9"),
            ..Item::default()
        },
        // a newspaper article with its page
        Item {
            kind: "article-newspaper".into(),
            author: vec![Name::person("丁", "文")],
            title: s("长江禁渔五年记"),
            container_title: s("人民日报"),
            issued: Some(date(&[2025, 3, 8])),
            page: s("5"),
            ..Item::default()
        },
        // a report by an organisation
        Item {
            kind: "report".into(),
            author: vec![Name::literal("水利部水文局")],
            title: s("2023年全国水资源公报"),
            publisher_place: s("北京"),
            publisher: s("水利部"),
            issued: Some(Date::year(2024)),
            ..Item::default()
        },
        // a conference paper in proceedings
        Item {
            kind: "paper-conference".into(),
            author: vec![Name::person("Silva", "Rita"), Name::person("Costa", "Hugo")],
            title: s("Low-cost sensors for irrigation canals"),
            container_title: s("Proceedings of the Fifth Water Informatics Conference"),
            publisher_place: s("Lisbon"),
            publisher: s("IWA Publishing"),
            issued: Some(Date::year(2022)),
            page: s("12-19"),
            ..Item::default()
        },
    ]
}

/// Lower-case, without spaces: the numeric styles print families in capitals.
fn fold(x: &str) -> String {
    x.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn families(item: &Item) -> Vec<String> {
    item.author
        .iter()
        .take(3)
        .map(|n| fold(n.family_or_literal()))
        .collect()
}

fn dashes(p: &Option<String>) -> Option<String> {
    p.as_ref().map(|p| p.replace(['—', '–'], "-"))
}

/// The fields every GB/T rendering keeps, as compared.
fn kept(item: &Item) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("authors", Some(families(item).join("|"))),
        (
            "particles and suffixes",
            Some(
                item.author
                    .iter()
                    .take(3)
                    .map(|n| {
                        let p = n.non_dropping_particle.as_deref().unwrap_or("");
                        let x = n.suffix.as_deref().unwrap_or("").trim_end_matches('.');
                        format!("{p}/{x}")
                    })
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
        ),
        ("title", item.title.clone()),
        ("container", item.container_title.clone()),
        ("year", item.year().map(|y| y.to_string())),
        ("volume", item.volume.clone()),
        ("issue", item.issue.clone()),
        ("pages", dashes(&item.page)),
        ("type", Some(item.kind.clone())),
        ("publisher", item.publisher.clone()),
        ("place", item.publisher_place.clone()),
        ("url", item.url.clone()),
        ("edition", item.edition.clone()),
        (
            "editors",
            Some(
                item.editor
                    .iter()
                    .map(|n| fold(n.family_or_literal()))
                    .collect::<Vec<_>>()
                    .join("|"),
            ),
        ),
    ]
}

/// Renders each item alone in `style` (the author-date styles sort the
/// list) and parses the line back, its `[n] ` label removed.
fn render_and_read(items: &[Item], style: &str) -> Vec<(String, Item)> {
    items
        .iter()
        .map(|item| {
            let text = export(std::slice::from_ref(item), Format::Text, Some(style))
                .unwrap_or_else(|e| panic!("{style}: {e}"));
            let line = text.trim();
            assert!(
                !line.is_empty() && !line.contains('\n'),
                "{style}: one line\n{text}"
            );
            let body = match line.strip_prefix('[').and_then(|r| r.split_once("] ")) {
                Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
                _ => line,
            };
            (line.to_string(), parse_reference(body))
        })
        .collect()
}

#[test]
fn seed_item_reads_back_from_every_gbt_style() {
    for style in STYLES {
        let back = render_and_read(&seed_items(), style);
        let (line, li) = &back[0];
        assert_eq!(
            li.author.first().map(|n| fold(n.family_or_literal())),
            Some("li".to_string()),
            "{style}: {line}"
        );
        assert_eq!(li.year(), Some(2008), "{style}: {line}");
        assert_eq!(li.issue.as_deref(), Some("08"), "{style}: {line}");
        assert_eq!(li.kind, "article-journal", "{style}: {line}");
        assert_eq!(
            li.container_title.as_deref(),
            Some("Administration and Law"),
            "{style}: {line}"
        );
    }
}

#[test]
fn gbt_renderings_read_back_to_the_fields_they_keep() {
    let mut items = seed_items();
    items.extend(invented_items());
    let mut failures = Vec::new();
    for style in STYLES {
        for (orig, (line, back)) in items.iter().zip(render_and_read(&items, style)) {
            for ((field, want), (_, got)) in kept(orig).into_iter().zip(kept(&back)) {
                if want != got {
                    failures.push(format!(
                        "{style}: {field}: want {want:?}, got {got:?}\n    {line}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn web_page_keeps_its_access_date_and_et_al() {
    let items = invented_items();
    for style in STYLES {
        let back = render_and_read(&items, style);
        let (line, web) = &back[5];
        assert_eq!(web.kind, "webpage", "{style}: {line}");
        let accessed = web.accessed.as_ref().map(|d| d.date_parts.clone());
        assert_eq!(
            accessed,
            Some(vec![vec![
                DatePart::Number(2025),
                DatePart::Number(1),
                DatePart::Number(3)
            ]]),
            "{style}: {line}"
        );
        let (line, four) = &back[1];
        assert!(four.custom.author_et_al, "{style}: {line}");
    }
}
