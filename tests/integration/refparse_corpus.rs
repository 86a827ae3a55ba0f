//! Corpus test: parses every dev reference string
//! (`../shared/datasets/dev/refstrings/*.jsonl`) and computes the micro-F1
//! the project scorer computes (`refparse::eval` mirrors its
//! normalisation). Fails when a figure drops below the floor reached so far;
//! raise the floors when the parser improves (a ratchet).
//!
//! The model is trained on this dev data, so these are not hold-out figures;
//! `REFPARSE_CV=1 scripts/train-refparse.sh` gives a held-out estimate.

use std::path::Path;

use citelint::refparse::{eval, parse_reference};

const DIR: &str = "../shared/datasets/dev/refstrings";

/// Floors: (scope, field, minimum F1). Scope `*` is all sets together.
const FLOORS: [(&str, &str, f64); 8] = [
    ("*", "all", 0.967),
    ("*", "author", 0.965),
    ("*", "title", 0.977),
    ("*", "container", 0.906),
    ("*", "year", 0.995),
    ("*", "pages", 0.990),
    ("gbt7714-zotero-chinese", "all", 0.919),
    ("grobid-citation", "all", 0.979),
];

#[test]
fn dev_refstrings_micro_f1_ratchet() {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(DIR))
        .expect("dev refstrings present (../shared/datasets/dev/refstrings)")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 8,
        "expected the 8 dev sets, found {}",
        files.len()
    );
    let mut total = eval::Score::default();
    let mut per_set = Vec::new();
    for f in &files {
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let mut set = eval::Score::default();
        for line in std::fs::read_to_string(f)
            .expect("readable")
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            let text = v["text"]
                .as_str()
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let item = parse_reference(&text);
            set.add(&v["fields"], &item);
            total.add(&v["fields"], &item);
        }
        eprintln!("{name:<28} all F1 {:.4}", set.all.f1());
        per_set.push((name, set));
    }
    for (f, c) in &total.fields {
        eprintln!("all sets {f:<10} F1 {:.4}", c.f1());
    }
    eprintln!("all sets all        F1 {:.4}", total.all.f1());
    let mut below = Vec::new();
    for (scope, field, floor) in FLOORS {
        let score = if scope == "*" {
            &total
        } else {
            &per_set
                .iter()
                .find(|(n, _)| n == scope)
                .expect("set present")
                .1
        };
        let c = if field == "all" {
            score.all
        } else {
            score.fields.get(field).copied().unwrap_or_default()
        };
        if c.f1() < floor {
            below.push(format!("{scope}/{field}: F1 {:.4} < floor {floor}", c.f1()));
        }
    }
    assert!(
        below.is_empty(),
        "below the ratchet floor:\n{}",
        below.join("\n")
    );
}
