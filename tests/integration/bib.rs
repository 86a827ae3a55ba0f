//! `bib/` holds the bibliography of every manuscript in `paper/`, as
//! citelint generates it: `bib/<name>.bib` (BibTeX) and `bib/<name>.json`
//! (CSL-JSON). This test regenerates them and fails when a committed file is
//! stale or missing. `CITELINT_BLESS=1 cargo test --test integration bib`
//! rewrites them.
//!
//! A key-citing manuscript (`paper/keys-*`: `[@key]`, `\cite{key}`) has
//! its bibliography written by hand under `bib/keys/`, as a source: it is
//! left out here.

use citelint::export::{export, Format};

#[test]
fn bib_files_are_in_sync_with_paper() {
    let root = crate::root();
    let bless = std::env::var_os("CITELINT_BLESS").is_some();
    let mut papers: Vec<_> = std::fs::read_dir(root.join("paper"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    papers.sort();
    assert!(!papers.is_empty());
    let mut stale = Vec::new();
    for paper in &papers {
        let stem = paper.file_stem().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(paper).unwrap();
        let settings = citelint::config::Settings::default();
        if citelint::keys::prepare(Some(paper), &text, &settings)
            .unwrap()
            .is_some()
        {
            continue;
        }
        let items = citelint::references(&text);
        assert!(!items.is_empty(), "{stem} has no references");
        for (ext, format) in [("bib", Format::Bibtex), ("json", Format::CslJson)] {
            let mut want = export(&items, format, None).unwrap();
            if !want.ends_with('\n') {
                want.push('\n');
            }
            let path = root.join("bib").join(format!("{stem}.{ext}"));
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            if have != want {
                if bless {
                    std::fs::write(&path, &want).unwrap();
                } else {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing (regenerate with CITELINT_BLESS=1 cargo test --test integration bib): {stale:?}"
    );
}
