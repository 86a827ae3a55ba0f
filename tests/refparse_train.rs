//! Trains the reference-field model and writes `src/refparse/model.bin`.
//! Ignored by default; run it through `scripts/train-refparse.sh`.
//!
//! Training data: every labelled string of the dev refstrings
//! (`../shared/datasets/dev/refstrings/*.jsonl`) and the reference entries of
//! the dev papers (`../shared/datasets/dev/papers/*/*.gold.json`, field spans).
//!
//! Environment:
//! * `REFPARSE_CV=1`: hold out every 5th refstring of each file and every
//!   second paper (sorted by path), train on the rest, print the micro-F1 of
//!   the held-out refstrings, and write the model (so that the papers script
//!   can score the held-out papers with `--half odd`).
//! * `REFPARSE_PAPERS=0`: leave the papers out.
//! * `REFPARSE_EPOCHS`, `REFPARSE_MIN_COUNT`, `REFPARSE_PRUNE` (weights
//!   below this fraction of the largest are dropped), `REFPARSE_OUT`.
//! * `REFPARSE_CV_DUMP=FILE` (with `REFPARSE_CV=1`): writes every held-out
//!   string with its gold fields, the parsed item and the token labels as
//!   JSON lines, for error analysis (`scripts/refparse_cv_errors.py`).

use std::path::{Path, PathBuf};

use citelint::refparse::{eval, label_tokens_with, model, parse_reference_with, train};

const DEV: &str = "../shared/datasets/dev";

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p, suffix));
        } else if p.to_string_lossy().ends_with(suffix) {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
#[ignore = "trains the model; run scripts/train-refparse.sh"]
fn train_model() {
    let dev = std::env::var("REFPARSE_DEV").unwrap_or_else(|_| DEV.to_string());
    let cv = std::env::var("REFPARSE_CV").is_ok_and(|v| v == "1");
    let use_papers = std::env::var("REFPARSE_PAPERS").map_or(true, |v| v != "0");
    let mut examples = Vec::new();
    let mut held_out: Vec<(String, serde_json::Value, String)> = Vec::new();
    let ref_files = files(&Path::new(&dev).join("refstrings"), ".jsonl");
    assert!(!ref_files.is_empty(), "no refstrings under {dev}");
    for f in &ref_files {
        let data = std::fs::read_to_string(f).expect("readable jsonl");
        let mut k = 0usize;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            k += 1;
            if cv && k % 5 == 0 {
                let text = v["text"]
                    .as_str()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let set = f
                    .file_stem()
                    .and_then(|x| x.to_str())
                    .unwrap_or("")
                    .to_string();
                held_out.push((text, v["fields"].clone(), set));
                continue;
            }
            for l in train::read_jsonl(line) {
                examples.push(train::example(&l));
            }
        }
    }
    let n_refs = examples.len();
    if use_papers {
        for (i, g) in files(&Path::new(&dev).join("papers"), ".gold.json")
            .iter()
            .enumerate()
        {
            if cv && i % 2 == 1 {
                continue;
            }
            let gold = std::fs::read_to_string(g).expect("gold json");
            let txt_path = g.to_string_lossy().replace(".gold.json", ".txt");
            let txt = std::fs::read(&txt_path).expect("paper text");
            for l in train::read_paper(&gold, &txt) {
                examples.push(train::example(&l));
            }
        }
    }
    let epochs = std::env::var("REFPARSE_EPOCHS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let min_count = std::env::var("REFPARSE_MIN_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let prune = std::env::var("REFPARSE_PRUNE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    let m = model::train(&examples, epochs, min_count, prune);
    let bytes = m.to_bytes();
    let out =
        std::env::var("REFPARSE_OUT").unwrap_or_else(|_| "src/refparse/model.bin".to_string());
    std::fs::write(&out, &bytes).expect("model written");
    let m = model::Model::from_bytes(&bytes).expect("model reads back");
    eprintln!(
        "{} examples ({} refstrings, {} paper entries), {epochs} epochs, model {} bytes -> {out}",
        examples.len(),
        n_refs,
        examples.len() - n_refs,
        bytes.len()
    );
    if cv {
        let mut score = eval::Score::default();
        let mut sets: std::collections::BTreeMap<&str, eval::Score> = Default::default();
        let mut dump = std::env::var("REFPARSE_CV_DUMP")
            .ok()
            .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump file")));
        for (text, gold, set) in &held_out {
            let item = parse_reference_with(&m, text);
            if let Some(d) = dump.as_mut() {
                use std::io::Write;
                let labels = label_tokens_with(&m, text);
                let line = serde_json::json!({
                    "set": set, "text": text, "gold": gold, "pred": item, "labels": labels,
                });
                writeln!(d, "{line}").expect("dump written");
            }
            score.add(gold, &item);
            sets.entry(set).or_default().add(gold, &item);
        }
        for (set, s) in &sets {
            eprintln!("  held-out set {set:<28} F1 {:.3}", s.all.f1());
        }
        for (f, c) in &score.fields {
            eprintln!(
                "  held-out {f:<10} F1 {:.3}  (predicted {}, gold {})",
                c.f1(),
                c.predicted,
                c.gold
            );
        }
        eprintln!(
            "  held-out all        F1 {:.4}  ({} strings)",
            score.all.f1(),
            held_out.len()
        );
    }
}
