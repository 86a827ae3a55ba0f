//! Items shared by the export tests: the seed paper's two references, built
//! as CSL items the way the field parser produces them, and a varied fixture
//! set read from `tests/fixtures/export/items.json`.
#![allow(dead_code)]

use std::path::PathBuf;

use citelint::csl::{Date, Item, Name};
use citelint::export::{import, InputKind};

/// `[1] Li Hongyuan. 2008(08). On Network Sovereignty … [J]. Administration
/// and Law.` and `[2] Cui Wenbo. 2013(03). The Impact of "Tallinn Manual" …`.
pub fn seed_items() -> Vec<Item> {
    vec![
        Item {
            kind: "article-journal".into(),
            author: vec![Name::person("Li", "Hongyuan")],
            issued: Some(Date::year(2008)),
            issue: Some("08".into()),
            title: Some("On Network Sovereignty and the New Concept of National Security".into()),
            container_title: Some("Administration and Law".into()),
            ..Item::default()
        },
        Item {
            kind: "article-journal".into(),
            author: vec![Name::person("Cui", "Wenbo")],
            issued: Some(Date::year(2013)),
            issue: Some("03".into()),
            title: Some(
                "The Impact of \"Tallinn Manual\" on my country's Cyber Security Interests".into(),
            ),
            container_title: Some("Journal of Jiangnan Institute of Sociology".into()),
            ..Item::default()
        },
    ]
}

/// A book, a chapter with editors, a conference paper, a thesis, a report, a
/// web page with an access date, an item with `&`/`%`/`_` and acronyms, a
/// Müller item and a Chinese-author item.
pub fn fixture_items() -> Vec<Item> {
    let path = project_path("tests/fixtures/export/items.json");
    let text = std::fs::read_to_string(&path).expect("fixture items.json");
    import(&text, InputKind::CslJson).expect("fixture items.json parses")
}

/// The seed items followed by the fixture items.
pub fn all_items() -> Vec<Item> {
    let mut items = seed_items();
    items.extend(fixture_items());
    items
}

/// A path inside the project.
pub fn project_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `../shared/<rel>` beside the project (a clone with `shared/` beside it in CI).
pub fn shared_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel)
}

/// Whether this run is CI, where a missing consumer is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// A fresh scratch directory for one test.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("citelint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Lowercase letters and digits only, one space between words: what a
/// rendering keeps of a title whatever quotes, case and line breaks it uses.
pub fn squash(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
