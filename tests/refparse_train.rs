//! Trains the reference-field model on the dev reference strings and writes
//! `src/refparse/model.bin`. Ignored by default; run it through
//! `scripts/train-refparse.sh`.

use citelint::refparse::{model, train};

const DATA: &str = "../shared/datasets/dev/refstrings";

#[test]
#[ignore = "trains the model (minutes); run scripts/train-refparse.sh"]
fn train_model() {
    let dir = std::env::var("REFPARSE_DATA").unwrap_or_else(|_| DATA.to_string());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dev refstrings directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut examples = Vec::new();
    for f in &files {
        let data = std::fs::read_to_string(f).expect("readable jsonl");
        for l in train::read_jsonl(&data) {
            examples.push(train::example(&l));
        }
    }
    let epochs = std::env::var("REFPARSE_EPOCHS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let m = model::train(&examples, epochs, 2);
    let bytes = m.to_bytes();
    let out =
        std::env::var("REFPARSE_OUT").unwrap_or_else(|_| "src/refparse/model.bin".to_string());
    std::fs::write(&out, &bytes).expect("model written");
    assert!(model::Model::from_bytes(&bytes).is_some());
    eprintln!(
        "{} examples, model {} bytes -> {out}",
        examples.len(),
        bytes.len()
    );
}
