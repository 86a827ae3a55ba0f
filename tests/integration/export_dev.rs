//! Every reference of every dev paper, converted to each format and read
//! back by real consumers: pandoc `--citeproc` for CSL-JSON, BibTeX and
//! BibLaTeX (no warning allowed, one rendered entry per item), hayagriva for
//! the YAML, and a rendered bibliography in two CSL styles.

use std::process::Command;

use crate::export_common::{in_ci, scratch_dir, shared_path};
use citelint::csl::Item;
use citelint::export::{export, Format};

/// All references of the dev papers, in paper order.
fn dev_items() -> Option<Vec<Item>> {
    let root = shared_path("datasets/dev/papers");
    if !root.is_dir() {
        assert!(!in_ci(), "dev papers missing at {}", root.display());
        eprintln!("note: dev papers not found; skipped");
        return None;
    }
    let mut paths = Vec::new();
    for style in ["numeric", "author-year"] {
        for e in std::fs::read_dir(root.join(style)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    assert_eq!(paths.len(), 65);
    let mut items = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let refs = citelint::references(&text);
        assert!(!refs.is_empty(), "{}", p.display());
        items.extend(refs);
    }
    Some(items)
}

fn pandoc(file: &std::path::Path) -> Option<(String, String)> {
    let doc = file.with_extension("md");
    std::fs::write(&doc, "---\nnocite: '@*'\n---\n").unwrap();
    let out = match Command::new("pandoc")
        .args(["--citeproc", "--wrap=none", "-t", "plain", "--bibliography"])
        .arg(file)
        .arg(&doc)
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(!in_ci(), "pandoc is not installed");
            eprintln!("note: pandoc not found; skipped");
            return None;
        }
        Err(e) => panic!("running pandoc: {e}"),
    };
    assert!(
        out.status.success(),
        "pandoc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn every_dev_reference_converts_and_pandoc_reads_it_without_warning() {
    let Some(items) = dev_items() else { return };
    assert!(items.len() > 3900, "{} references", items.len());
    let dir = scratch_dir("export-dev");
    for (format, ext) in [
        (Format::CslJson, "json"),
        (Format::Bibtex, "bib"),
        (Format::Biblatex, "bib"),
    ] {
        let file = dir.join(format!("dev-{}.{ext}", format.name()));
        std::fs::write(&file, export(&items, format, None).unwrap()).unwrap();
        let Some((stdout, stderr)) = pandoc(&file) else {
            return;
        };
        assert!(
            stderr.trim().is_empty(),
            "pandoc warned on {format}:\n{stderr}"
        );
        let rendered = stdout
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .count();
        assert_eq!(rendered, items.len(), "{format}: entries rendered");
    }
    let yaml = export(&items, Format::Yaml, None).unwrap();
    let lib = hayagriva::io::from_yaml_str(&yaml).expect("hayagriva reads the YAML");
    assert_eq!(lib.len(), items.len());
    for style in ["apa", "ieee"] {
        let text = export(&items, Format::Text, Some(style)).unwrap();
        assert!(text.lines().filter(|l| !l.trim().is_empty()).count() >= items.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Snapshots of every format for one dev paper of each citation style.
#[test]
fn one_dev_paper_of_each_style_in_every_format() {
    let root = shared_path("datasets/dev/papers");
    if !root.is_dir() {
        assert!(!in_ci(), "dev papers missing");
        return;
    }
    for (style, name) in [
        ("numeric", "10.3201_eid1710.101890"),
        ("author-year", "elife.06726"),
    ] {
        let text = std::fs::read_to_string(root.join(style).join(format!("{name}.txt"))).unwrap();
        let items = citelint::references(&text);
        for format in Format::ALL {
            let style = format.uses_style().then_some("apa");
            let out = export(&items, format, style).unwrap();
            insta::assert_snapshot!(format!("dev_{name}_{}", format.name()), out);
        }
    }
}

/// What a field looks like for comparison: letters and digits only, and no
/// markup (capitals the BibTeX writer braced come back as case-protected
/// spans, `<span class="nocase">Drosophila</span>`).
fn norm(s: Option<&str>) -> String {
    citelint::export::rich::plain(s.unwrap_or(""))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A family name with its particle (`van der Berg` may come back from
/// BibTeX with `van der` as the particle).
fn full_family(n: &citelint::csl::Name) -> String {
    let particle = n.non_dropping_particle.as_deref().unwrap_or("");
    norm(Some(&format!("{particle}{}", n.family_or_literal())))
}

/// The fields of every dev reference survive paper -> BibTeX -> CSL-JSON.
#[test]
fn dev_reference_fields_survive_bibtex_and_back() {
    let Some(items) = dev_items() else { return };
    let bib = export(&items, Format::Bibtex, None).unwrap();
    let back = citelint::export::import(&bib, citelint::export::InputKind::Bibtex).unwrap();
    assert_eq!(back.len(), items.len());
    let mut lost = Vec::new();
    for (a, b) in items.iter().zip(&back) {
        let fields: [(&str, String, String); 8] = [
            ("title", norm(a.title.as_deref()), norm(b.title.as_deref())),
            (
                "container",
                norm(a.container_title.as_deref()),
                norm(b.container_title.as_deref()),
            ),
            (
                "volume",
                norm(a.volume.as_deref()),
                norm(b.volume.as_deref()),
            ),
            ("issue", norm(a.issue.as_deref()), norm(b.issue.as_deref())),
            ("page", norm(a.page.as_deref()), norm(b.page.as_deref())),
            ("doi", norm(a.doi.as_deref()), norm(b.doi.as_deref())),
            ("year", format!("{:?}", a.year()), format!("{:?}", b.year())),
            (
                "authors",
                a.author.iter().map(full_family).collect(),
                b.author.iter().map(full_family).collect(),
            ),
        ];
        for (name, x, y) in fields {
            if x != y {
                lost.push(format!("{} {name}: {x:?} -> {y:?}", a.id));
            }
        }
    }
    eprintln!("{} references, {} fields changed", items.len(), lost.len());
    assert!(
        lost.is_empty(),
        "{} fields changed:\n{}",
        lost.len(),
        lost.join("\n")
    );
}
