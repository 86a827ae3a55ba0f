//! `convert` keeps what its input says:
//!
//! - undotted initials (`Hotez PJ`) are initials in every format;
//! - a list that goes on (`et al.`, `等`, BibTeX `and others`) is said as
//!   such, never as a person, and styles print their own `et al.`;
//! - LaTeX markup in a `.bib` file becomes each format's own markup;
//! - names and `et al.` survive `.bib` → CSL-JSON → `.bib`;
//! - Chinese entries get keys in pinyin.

use crate::export_common::project_path;
use biblatex::ChunksExt;
use citelint::csl::{Item, Name};
use citelint::export::{export, import, latex, Format, InputKind};
use citelint::refparse::parse_reference;

fn fixture(name: &str) -> String {
    let path = project_path(&format!("tests/fixtures/export/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn render(items: &[Item], style: &str) -> String {
    export(items, Format::Text, Some(style)).unwrap_or_else(|e| panic!("{style}: {e}"))
}

fn given(items: &[Item]) -> Vec<String> {
    items[0]
        .author
        .iter()
        .map(|n| n.given.clone().unwrap_or_default())
        .collect()
}

/// No name in `list` is a stand-in for "and more".
fn assert_only_persons(list: &[Name], context: &str) {
    for name in list {
        let whole = format!(
            "{} {}",
            name.family_or_literal(),
            name.given.as_deref().unwrap_or("")
        )
        .to_lowercase();
        assert!(
            !whole.contains("et al") && !whole.contains("others") && !whole.contains('等'),
            "{context}: {name:?} is no person"
        );
    }
}

#[test]
fn undotted_initials_are_initials_in_every_format() {
    let items = vec![parse_reference(
        "Hotez PJ, Sartre J-P. Neglected tropical diseases in Asia. PLoS Negl Trop Dis. 2015;9(4):e0003575.",
    )];
    assert_eq!(given(&items), ["P. J.", "J.-P."]);

    let json = export(&items, Format::CslJson, None).unwrap();
    assert!(json.contains("\"given\": \"P. J.\""), "{json}");
    let bib = export(&items, Format::Bibtex, None).unwrap();
    assert!(
        bib.contains("author = {Hotez, P. J. and Sartre, J.-P.},"),
        "{bib}"
    );
    let parsed = biblatex::Bibliography::parse(&bib).unwrap();
    let authors = parsed.iter().next().unwrap().author().unwrap();
    assert_eq!(authors[0].given_name, "P. J.");

    let apa = render(&items, "apa");
    assert!(
        apa.starts_with("Hotez, P. J., & Sartre, J.-P. (2015)."),
        "{apa}"
    );
    let vancouver = render(&items, "vancouver");
    assert!(vancouver.contains("Hotez PJ, Sartre J-P."), "{vancouver}");
}

const HOTEZ: &str = "Hotez PJ, Bottazzi ME, Strych U, Chang LY, Lim YA, et al. Neglected tropical diseases among the Association of Southeast Asian Nations (ASEAN): overview and update. PLoS Negl Trop Dis. 2015;9(4):e0003575.";

#[test]
fn et_al_in_a_manuscript_is_kept() {
    let text = format!("As shown [1].\n\nReferences\n\n1. {HOTEZ}\n");
    let items = citelint::references(&text);
    assert_eq!(items.len(), 1);
    let families: Vec<&str> = items[0]
        .author
        .iter()
        .map(Name::family_or_literal)
        .collect();
    assert_eq!(families, ["Hotez", "Bottazzi", "Strych", "Chang", "Lim"]);
    assert!(items[0].custom.author_et_al, "the list goes on");

    let json: serde_json::Value =
        serde_json::from_str(&export(&items, Format::CslJson, None).unwrap()).unwrap();
    let authors = json[0]["author"].as_array().unwrap();
    assert_eq!(authors.len(), 5);
    assert!(authors.iter().all(|a| a["family"].is_string()), "{json}");
    assert_eq!(json[0]["custom"]["author-et-al"], serde_json::json!(true));

    let bib = export(&items, Format::Bibtex, None).unwrap();
    assert!(bib.contains("and Lim, Y. A. and others},"), "{bib}");

    let apa = render(&items, "apa");
    assert!(
        apa.starts_with(
            "Hotez, P. J., Bottazzi, M. E., Strych, U., Chang, L. Y., Lim, Y. A., et al. (2015)."
        ),
        "{apa}"
    );
    let ieee = render(&items, "ieee");
    assert!(ieee.contains("Y. A. Lim, et al., “Neglected"), "{ieee}");
}

#[test]
fn et_al_in_reference_strings_is_no_author() {
    let cases = [
        (HOTEZ, 5),
        ("Smith, J., Doe, A., et al. (2001). A title here. Journal of Biology, 3, 1–5.", 2),
        ("Vaswani, A. et al. Attention is all you need. Preprint at https://arxiv.org/abs/1706.03762 (2017).", 1),
        ("张三, 李四, 王五, 等. 论网络主权[J]. 行政与法, 2008(8): 1-5.", 3),
        ("DES MARAIS D J, STRAUSS H, SUMMONS R E, et al., 1992. Carbon isotope evidence for the stepwise oxidation of the Proterozoic environment[J]. Nature, 359: 605-609.", 3),
    ];
    for (line, persons) in cases {
        let item = parse_reference(line);
        assert_eq!(item.author.len(), persons, "{line}: {:?}", item.author);
        assert!(item.custom.author_et_al, "{line}");
        assert_only_persons(&item.author, line);
        assert!(
            !item.note.as_deref().unwrap_or("").contains("et al"),
            "{line}: et al. is not a note"
        );
        let items = [item];
        for style in ["apa", "vancouver", "chicago-author-date"] {
            let text = render(&items, style);
            assert!(
                !text.contains("& et al") && !text.contains("and et al"),
                "{style}: {text}"
            );
            assert!(
                text.contains("et al.") || text.contains('等'),
                "{style}: {text}"
            );
        }
    }
    // A list that is whole stays whole.
    let item =
        parse_reference("Smith, J., & Doe, A. (2001). A title here. Journal of Biology, 3, 1–5.");
    assert!(!item.custom.author_et_al);
}

#[test]
fn and_others_in_a_bib_file_is_no_person() {
    let items = import(&fixture("markup.bib"), InputKind::Bibtex).unwrap();
    let dna = &items[0];
    assert_eq!(dna.author.len(), 2);
    assert!(dna.custom.author_et_al);
    let accents = &items[1];
    assert!(!accents.custom.author_et_al);
    assert!(accents.custom.editor_et_al);
    for item in &items {
        assert_only_persons(&item.author, &item.id);
        assert_only_persons(&item.editor, &item.id);
    }
    let json = export(&items, Format::CslJson, None).unwrap();
    assert!(!json.contains("others"), "{json}");
    let apa = render(&items, "apa");
    assert!(
        apa.contains("Hotez, P. J., Bottazzi, M. E., et al. (2015)."),
        "{apa}"
    );
    assert!(apa.contains("(K. Schön et al., Eds.)"), "{apa}");
    assert!(!apa.contains("others"), "{apa}");
    // hayagriva YAML: a last person `others`, as hayagriva reads `and others`.
    let yaml = export(&items, Format::Yaml, None).unwrap();
    assert!(yaml.contains("  - others\n"), "{yaml}");
    let back = import(&yaml, InputKind::Yaml).unwrap();
    assert_eq!(back[0].author, dna.author);
    assert!(back[0].custom.author_et_al && back[1].custom.editor_et_al);
}

#[test]
fn csl_json_from_other_tools_says_et_al_as_they_do() {
    // pandoc writes BibTeX's `and others` as a literal name; old citelint
    // wrote `et al.` so.
    for last in [
        r#"{"literal": "others"}"#,
        r#"{"literal": "et al."}"#,
        r#"{"family": "others"}"#,
    ] {
        let text = format!(
            r#"[{{"id": "a", "type": "book", "title": "T", "author": [{{"family": "Lee", "given": "K."}}, {last}]}}]"#
        );
        let items = import(&text, InputKind::CslJson).unwrap();
        assert_eq!(items[0].author, [Name::person("Lee", "K.")], "{last}");
        assert!(items[0].custom.author_et_al, "{last}");
    }
    let text = r#"[{"id": "a", "type": "book", "author": [{"family": "Lee"}], "custom": {"author-et-al": true, "other-tool": 1}}]"#;
    let items = import(text, InputKind::CslJson).unwrap();
    assert!(items[0].custom.author_et_al);
}

#[test]
fn names_and_et_al_round_trip_bib_to_csl_json_to_bib() {
    for name in ["input.bib", "markup.bib"] {
        let original = fixture(name);
        let items = import(&original, InputKind::Bibtex).unwrap();
        let json = export(&items, Format::CslJson, None).unwrap();
        let via_json = import(&json, InputKind::CslJson).unwrap();
        for (a, b) in items.iter().zip(&via_json) {
            assert_eq!(a.author, b.author, "{name} {}", a.id);
            assert_eq!(a.editor, b.editor, "{name} {}", a.id);
            assert_eq!(a.custom, b.custom, "{name} {}", a.id);
        }
        for format in [Format::Bibtex, Format::Biblatex] {
            let direct = export(&items, format, None).unwrap();
            let again = export(&via_json, format, None).unwrap();
            assert_eq!(direct, again, "{name}: {format} differs after CSL-JSON");
        }
        // The name fields come back as the file wrote them.
        let bib = export(&via_json, Format::Bibtex, None).unwrap();
        let before = biblatex::Bibliography::parse(&original).unwrap();
        let after = biblatex::Bibliography::parse(&bib).unwrap();
        for entry in before.iter() {
            let other = after.get(&entry.key).expect("same keys");
            for field in ["author", "editor"] {
                let people = |e: &biblatex::Entry| -> Vec<(String, String, String)> {
                    e.get(field)
                        .map(|c| c.parse::<Vec<biblatex::Person>>().unwrap())
                        .unwrap_or_default()
                        .iter()
                        .map(|p| (p.name.clone(), p.given_name.clone(), p.prefix.clone()))
                        .collect()
                };
                assert_eq!(people(entry), people(other), "{name} {} {field}", entry.key);
            }
        }
    }
}

#[test]
fn bib_markup_becomes_each_formats_own() {
    let items = import(&fixture("markup.bib"), InputKind::Bibtex).unwrap();
    assert_eq!(
        items[0].title.as_deref(),
        Some("The <span class=\"nocase\">DNA</span> of <i>E. coli</i>")
    );
    assert_eq!(
        items[1].title.as_deref(),
        Some("Über die <span class=\"nocase\">Physik</span> & 100% mehr: Études")
    );
    let math = items[2].title.as_deref().unwrap();
    assert!(
        math.starts_with(
            "Scaling as <span class=\"nocase\">$n^2$</span> in <i>Drosophila</i> and <b>yeast</b>"
        ),
        "{math}"
    );

    let bib = export(&items, Format::Bibtex, None).unwrap();
    assert!(
        bib.contains("title = {The {DNA} of \\emph{E. coli}},"),
        "{bib}"
    );
    assert!(bib.contains("$n^2$"), "{bib}");
    let json = export(&items, Format::CslJson, None).unwrap();
    assert!(!json.contains("\\\\emph"), "{json}");

    let yaml = export(&items, Format::Yaml, None).unwrap();
    assert!(yaml.contains("title: The {DNA} of E. coli\n"), "{yaml}");
    assert!(!yaml.contains("emph") && !yaml.contains("<i>"), "{yaml}");
    let library = hayagriva::io::from_yaml_str(&yaml).unwrap();
    let title = library.iter().next().unwrap().title().unwrap().to_string();
    assert_eq!(title, "The DNA of E. coli");

    for format in [Format::Text, Format::Html] {
        let out = export(&items, format, None).unwrap();
        assert!(out.contains("The DNA of E. coli"), "{format}: {out}");
        assert!(
            !out.contains('\\') && !out.contains("span"),
            "{format}: {out}"
        );
    }
}

#[test]
fn bibtex_from_markup_has_the_same_fields_for_the_biblatex_crate() {
    let original = fixture("markup.bib");
    let items = import(&original, InputKind::Bibtex).unwrap();
    for format in [Format::Bibtex, Format::Biblatex] {
        let bib = export(&items, format, None).unwrap();
        let before = biblatex::Bibliography::parse(&original).unwrap();
        let after = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e}\n{bib}"));
        assert_eq!(before.len(), after.len());
        for entry in before.iter() {
            let other = after.get(&entry.key).expect("same keys");
            for (field, chunks) in &entry.fields {
                // BibLaTeX names some fields its own way.
                let name = match (format, field.as_str()) {
                    (Format::Biblatex, "journal") => "journaltitle",
                    (Format::Biblatex, "address") => "location",
                    (Format::Biblatex, "year") => "date",
                    (_, f) => f,
                };
                let theirs = other
                    .get(name)
                    .unwrap_or_else(|| panic!("{format} {}: no {name}\n{bib}", entry.key));
                assert_eq!(
                    latex::read_plain(chunks, &original),
                    latex::read_plain(theirs, &bib),
                    "{format} {} {field}",
                    entry.key
                );
            }
        }
    }
}

#[test]
fn chinese_entries_get_pinyin_keys() {
    let items: Vec<Item> = [
        "李鸿源. 论网络主权[J]. 行政与法, 2008(8): 1-5.",
        "李鸿源. 论国家安全[J]. 行政与法, 2008(9): 6-9.",
        "崔文波. 塔林手册对我国网络安全利益的影响[J]. 江南社会学院学报, 2013(3): 1-5.",
        "Li H. On network sovereignty[J]. Administration and Law, 2008(8): 1-5.",
    ]
    .iter()
    .map(|s| parse_reference(s))
    .collect();
    let bib = export(&items, Format::Bibtex, None).unwrap();
    let keys: Vec<&str> = bib
        .lines()
        .filter_map(|l| l.strip_prefix("@article{"))
        .map(|l| l.trim_end_matches(','))
        .collect();
    assert_eq!(
        keys,
        ["li2008luna", "li2008lunb", "cui2013ta", "li2008network"]
    );
}
