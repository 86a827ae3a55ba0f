//! Throughput of `parse_reference` over the dev reference strings (release
//! build; ignored by default): `cargo test --release --test integration
//! refparse_bench:: -- --ignored --nocapture`.

use std::time::Instant;

use citelint::refparse::parse_reference;

#[test]
#[ignore = "benchmark; run in release"]
fn throughput() {
    let dir = "../shared/datasets/dev/refstrings";
    let mut refs = Vec::new();
    for e in std::fs::read_dir(dir).expect("dev refstrings").flatten() {
        let data = std::fs::read_to_string(e.path()).expect("readable");
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                refs.push(
                    v["text"]
                        .as_str()
                        .unwrap_or("")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
    }
    let _ = parse_reference("warm up (2000). The model loads. J 1: 2.");
    let start = Instant::now();
    let mut fields = 0usize;
    let rounds = 3;
    for _ in 0..rounds {
        for r in &refs {
            fields += usize::from(parse_reference(r).title.is_some());
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = refs.len() * rounds;
    eprintln!(
        "{n} references in {secs:.2} s: {:.0} references/s ({fields} titles)",
        n as f64 / secs
    );
    assert!(fields > 0);
}
