//! citelint's integration tests: one test binary, one module per area.
//!
//! One binary rather than a file per area under `tests/`: each test binary
//! links the whole dependency tree, and the tests of one binary run in
//! parallel where separate binaries run one after another. A new area is a
//! new module here (its insta snapshots are named `integration__MODULE__…`
//! in `tests/integration/snapshots/`); run one area with
//! `cargo test --test integration MODULE::`.

mod bib;
mod cli;
mod config;
mod corpus;
mod export_common;
mod export_consumers;
mod export_dev;
mod export_fidelity;
mod export_formats;
mod export_roundtrip;
mod fix;
mod gbt_roundtrip;
mod hostile;
mod keys;
mod keys_pandoc;
mod layouts;
mod markdown;
mod neovim;
mod papers;
mod pdf;
mod pdf_layout;
mod refparse_bench;
mod refparse_corpus;
mod refparse_snapshot;
mod refparse_styles;
mod refparse_train;
mod render;
mod rules;
mod server;

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
