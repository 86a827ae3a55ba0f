//! What each export format writes: snapshots of every format for the seed
//! and fixture items, and the specific rules of the issue (escapes, protected
//! capitals, `--` ranges, type mapping, BibLaTeX fields, UTF-8, keys).

use crate::export_common::{all_items, fixture_items, seed_items, squash};
use citelint::csl::Item;
use citelint::export::{assign_keys, export, style_names, Format};

fn out(items: &[Item], format: Format) -> String {
    export(items, format, None).unwrap_or_else(|e| panic!("{format}: {e}"))
}

/// The text of one entry (`@type{key,` … `}`) of a `.bib` output.
fn bib_entry<'a>(bib: &'a str, key: &str) -> &'a str {
    let start = bib
        .find(&format!("{{{key},"))
        .unwrap_or_else(|| panic!("no entry `{key}` in\n{bib}"));
    let start = bib[..start].rfind('@').unwrap();
    let end = bib[start..]
        .find("\n}\n")
        .map_or(bib.len(), |e| start + e + 3);
    &bib[start..end]
}

#[test]
fn seed_to_bibtex_has_two_articles_with_their_fields() {
    let bib = out(&seed_items(), Format::Bibtex);
    assert_eq!(bib.matches("@article{").count(), 2, "{bib}");

    let li = bib_entry(&bib, "li2008network");
    assert!(li.contains("  author = {Li, Hongyuan},\n"), "{li}");
    assert!(li.contains("  year = {2008},\n"), "{li}");
    assert!(li.contains("  number = {08},\n"), "{li}");
    assert!(
        li.contains(
            "  title = {On Network Sovereignty and the New Concept of National Security},\n"
        ),
        "{li}"
    );
    assert!(
        li.contains("  journal = {Administration and Law},\n"),
        "{li}"
    );

    let cui = bib_entry(&bib, "cui2013impact");
    assert!(cui.contains("  author = {Cui, Wenbo},\n"), "{cui}");
    assert!(cui.contains("  year = {2013},\n"), "{cui}");
    assert!(cui.contains("  number = {03},\n"), "{cui}");
    assert!(cui.contains("Tallinn Manual"), "{cui}");
    assert!(
        cui.contains("  journal = {Journal of Jiangnan Institute of Sociology},\n"),
        "{cui}"
    );
}

#[test]
fn seed_in_gb_7714_2015_numeric() {
    let text = export(&seed_items(), Format::Text, Some("gb-7714-2015-numeric")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "[1] LI H. On Network Sovereignty and the New Concept of National Security[J]. Administration and Law, 2008(08).",
            "[2] CUI W. The Impact of \"Tallinn Manual\" on my country's Cyber Security Interests[J]. Journal of Jiangnan Institute of Sociology, 2013(03).",
        ]
    );
}

#[test]
fn snapshots_of_every_format() {
    let items = all_items();
    for format in Format::ALL {
        let text = out(&items, format);
        insta::assert_snapshot!(format!("all_{}", format.name()), text);
    }
    for style in ["gb-7714-2015-numeric", "vancouver", "ieee"] {
        let text = export(&items, Format::Text, Some(style)).unwrap();
        insta::assert_snapshot!(format!("all_text_{style}"), text);
    }
}

#[test]
fn keys_are_readable_unique_and_folded() {
    let mut items = all_items();
    assign_keys(&mut items);
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "li2008network",
            "cui2013impact",
            "knuth1997art",
            "okafor2019graph",
            "nakamura2021fast",
            "schmidt2015citation",
            "world2020global",
            "zelle2020csl",
            "patel2022rd",
            "muller1999uber",
            // 李 2008 《论网络主权》: pinyin, not a position
            "li2008lun",
        ]
    );
    let mut again = all_items();
    assign_keys(&mut again);
    assert_eq!(items, again, "keys must be the same on every run");
}

#[test]
fn bibtex_escapes_protects_and_maps_types() {
    let bib = out(&all_items(), Format::Bibtex);

    let patel = bib_entry(&bib, "patel2022rd");
    assert!(
        patel.contains(
            "title = {{R\\&D} Spending, 5\\% Growth and the snake\\_case Naming of {NASA} Datasets},"
        ),
        "{patel}"
    );
    assert!(
        patel.contains("journal = {Journal of {Data\\_Science} \\& Policy},"),
        "{patel}"
    );
    assert!(patel.contains("note = {Costs in \\$ \\& \\#},"), "{patel}");
    assert!(patel.contains("pages = {1--20},"), "{patel}");

    assert!(bib_entry(&bib, "knuth1997art").starts_with("@book{"));
    let chapter = bib_entry(&bib, "okafor2019graph");
    assert!(chapter.starts_with("@incollection{"), "{chapter}");
    assert!(
        chapter.contains("editor = {Rossi, Maria and van der Berg, Jan},"),
        "{chapter}"
    );
    assert!(
        chapter.contains("booktitle = {Handbook of Bibliometrics},"),
        "{chapter}"
    );
    assert!(chapter.contains("pages = {45--67},"), "{chapter}");
    let paper = bib_entry(&bib, "nakamura2021fast");
    assert!(paper.starts_with("@inproceedings{"), "{paper}");
    assert!(
        paper.contains("title = {Fast {CPU} Caches for Sparse Reference Graphs},"),
        "{paper}"
    );
    assert!(paper.contains("month = jun,"), "{paper}");
    let thesis = bib_entry(&bib, "schmidt2015citation");
    assert!(thesis.starts_with("@phdthesis{"), "{thesis}");
    assert!(
        thesis.contains("school = {University of Heidelberg},"),
        "{thesis}"
    );
    assert!(thesis.contains("the case of {Galileo}}"), "{thesis}");
    let report = bib_entry(&bib, "world2020global");
    assert!(report.starts_with("@techreport{"), "{report}");
    assert!(
        report.contains("author = {{World Health Organization}},"),
        "{report}"
    );
    assert!(
        report.contains("institution = {World Health Organization},"),
        "{report}"
    );
    let web = bib_entry(&bib, "zelle2020csl");
    assert!(web.starts_with("@misc{"), "{web}");
    assert!(
        web.contains(
            "howpublished = {\\url{https://docs.citationstyles.org/en/stable/specification.html}},"
        ),
        "{web}"
    );
    assert!(web.contains("url = {https://docs.citationstyles.org/en/stable/specification.html},"));
    assert!(web.contains("urldate = {2024-05-17},"), "{web}");
}

#[test]
fn biblatex_uses_date_journaltitle_online_urldate() {
    let bib = out(&all_items(), Format::Biblatex);
    let muller = bib_entry(&bib, "muller1999uber");
    assert!(muller.contains("date = {1999-08},"), "{muller}");
    assert!(
        muller.contains("journaltitle = {Zeitschrift für Wissenschaftsforschung},"),
        "{muller}"
    );
    assert!(!muller.contains("year ="), "{muller}");
    let web = bib_entry(&bib, "zelle2020csl");
    assert!(web.starts_with("@online{"), "{web}");
    assert!(web.contains("urldate = {2024-05-17},"), "{web}");
    assert!(web.contains("date = {2020-03-03},"), "{web}");
    assert!(bib_entry(&bib, "schmidt2015citation").starts_with("@thesis{"));
    let report = bib_entry(&bib, "world2020global");
    assert!(report.starts_with("@report{"), "{report}");
    assert!(report.contains("location = {Geneva},"), "{report}");
}

#[test]
fn non_latin_text_is_utf8() {
    let items = all_items();
    let bib = out(&items, Format::Bibtex);
    assert!(
        bib.contains("author = {Müller, Jürgen and Łukasiewicz, Zofia},"),
        "{bib}"
    );
    assert!(bib.contains("author = {李, 鸿源},"), "{bib}");
    assert!(bib.contains("title = {论网络主权与新国家安全观},"), "{bib}");
    let json = out(&items, Format::CslJson);
    assert!(json.contains("\"family\": \"李\""), "{json}");
    assert!(!json.contains("\\u"), "no \\u escapes in CSL-JSON");
    let yaml = out(&items, Format::Yaml);
    assert!(yaml.contains("论网络主权与新国家安全观"), "{yaml}");
}

#[test]
fn csl_json_dates_are_date_parts() {
    let json: serde_json::Value =
        serde_json::from_str(&out(&fixture_items(), Format::CslJson)).unwrap();
    let muller = json
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "muller1999uber")
        .unwrap();
    assert_eq!(
        muller["issued"],
        serde_json::json!({"date-parts": [[1999, 8]]})
    );
}

#[test]
fn vancouver_lists_the_authors() {
    let items = all_items();
    for name in [
        "vancouver",
        "nlm-citation-sequence",
        "vancouver-superscript",
    ] {
        let text = export(&items, Format::Text, Some(name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), items.len(), "{name}:\n{text}");
        for (item, line) in items.iter().zip(&lines) {
            let first = &item.author[0];
            let family = first.family_or_literal();
            assert!(
                line.contains(family),
                "{name}: `{family}` missing from `{line}`"
            );
        }
    }
}

#[test]
fn every_bundled_style_renders_every_item() {
    let items = all_items();
    for name in style_names() {
        let text =
            export(&items, Format::Text, Some(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(text.lines().count(), items.len(), "{name}:\n{text}");
        if name == "alphanumeric" {
            // Labels only: the style has no bibliography, so its citations
            // are listed.
            assert!(text.starts_with("[Li08]\n[Cui13]\n"), "{text}");
            continue;
        }
        // Some styles leave out article titles (royal-society-of-chemistry),
        // none the journal.
        assert!(
            squash(&text).contains("administration and law"),
            "{name}:\n{text}"
        );
    }
}

#[test]
fn html_is_one_escaped_entry_per_item() {
    let html = out(&all_items(), Format::Html);
    assert!(html.starts_with("<div class=\"csl-bib-body\">\n"));
    assert_eq!(html.matches("<div class=\"csl-entry\">").count(), 11);
    assert!(html.contains("R&amp;D Spending"), "{html}");
    assert!(!html.contains("R&D"), "{html}");
}

#[test]
fn a_csl_file_can_be_given_as_a_path() {
    let dir = crate::export_common::scratch_dir("style-path");
    let path = dir.join("mine.csl");
    std::fs::write(
        &path,
        r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Mine</title><id>mine</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <names variable="author"><name name-as-sort-order="all" initialize-with="."/></names>
    <text variable="title" prefix=" | "/>
  </layout></bibliography>
</style>"#,
    )
    .unwrap();
    let text = export(&seed_items(), Format::Text, Some(path.to_str().unwrap())).unwrap();
    assert!(text.contains("Li, H. | On Network Sovereignty"), "{text}");

    std::fs::write(&path, "<style>broken").unwrap();
    let err = export(&seed_items(), Format::Text, Some(path.to_str().unwrap())).unwrap_err();
    assert!(err.to_string().starts_with("invalid style `"), "{err}");
}
