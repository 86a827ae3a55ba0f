//! Field-parsing speed of the shipped model and of other model files, side
//! by side: the models take turns over the same reference strings (the
//! order rotating each round), and the median of each model's rounds and
//! its ratio to the shipped model's are printed (a shared, noisy machine
//! makes a single timing meaningless).
//!
//! `cargo run --release --example field_speed -- MODEL.bin… [ROUNDS] FILE.jsonl…`
//! (reference strings: the `text` of each JSON line).

use std::time::Instant;

use citelint::refparse::{model, parse_reference_with};

fn main() {
    let mut rounds = 11usize;
    let mut texts = Vec::new();
    let mut models: Vec<(String, model::Model)> = Vec::new();
    for a in std::env::args().skip(1) {
        if let Ok(n) = a.parse() {
            rounds = n;
        } else if a.ends_with(".bin") {
            let bytes = std::fs::read(&a).unwrap_or_else(|e| {
                eprintln!("cannot read {a}: {e}");
                std::process::exit(2)
            });
            let Some(m) = model::Model::from_bytes(&bytes) else {
                eprintln!("{a} is not a model file");
                std::process::exit(2);
            };
            models.push((a, m));
        } else {
            let data = std::fs::read_to_string(&a).unwrap_or_else(|e| {
                eprintln!("cannot read {a}: {e}");
                std::process::exit(2)
            });
            for line in data.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(t) = v["text"].as_str() {
                        texts.push(t.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
            }
        }
    }
    if texts.is_empty() {
        eprintln!("usage: field_speed MODEL.bin… [ROUNDS] FILE.jsonl…");
        std::process::exit(2);
    }
    let shipped: &model::Model = &model::MODEL;
    let mut all: Vec<(&str, &model::Model)> = vec![("shipped model", shipped)];
    all.extend(models.iter().map(|(n, m)| (n.as_str(), m)));
    let time = |m: &model::Model| {
        let t = Instant::now();
        for s in &texts {
            std::hint::black_box(parse_reference_with(m, s));
        }
        t.elapsed().as_secs_f64()
    };
    for (_, m) in &all {
        time(m); // warm up
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); all.len()];
    for r in 0..rounds {
        for k in 0..all.len() {
            let i = (r + k) % all.len();
            times[i].push(time(all[i].1));
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|v| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        })
        .collect();
    let n = texts.len() as f64;
    println!("{} strings, {rounds} rounds each, medians:", texts.len());
    for ((name, _), m) in all.iter().zip(&medians) {
        println!(
            "  {name}: {:.1} ms ({:.0} strings/s), time ratio to the shipped model {:.3}",
            m * 1e3,
            n / m,
            m / medians[0]
        );
    }
}
