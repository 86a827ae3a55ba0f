//! citelint's integration tests: one test binary, one module per area.

mod bib;
mod cli;
mod config;
mod corpus;
mod layouts;
mod papers;
mod pdf;
mod pdf_layout;
mod render;
mod rules;

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/datasets/dev/papers`, when present. In CI it must be there.
pub fn dev_papers() -> Option<PathBuf> {
    let p = root().join("../shared/datasets/dev/papers");
    if p.is_dir() {
        Some(p)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the dev data is missing at {}",
            p.display()
        );
        eprintln!("note: {} not found; corpus tests skipped", p.display());
        None
    }
}

/// The papers of one style under the dev data (`numeric`,
/// `author-year`), as paths without the `.gold.json`/`.txt` ending, sorted.
pub fn dev_paper_bases(dir: &Path, style: &str) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir.join(style))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            p.to_str()?.strip_suffix(".gold.json").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// The human rendering of a check, without colour, as the CLI prints it.
pub fn human(path: &str, text: &str) -> String {
    let checked = citelint::check(text);
    let report = citelint::FileReport::new(path, text, &checked);
    let r = citelint::render::Rendered {
        path,
        text,
        report: &report,
    };
    citelint::render::human::render(&r, false)
}
