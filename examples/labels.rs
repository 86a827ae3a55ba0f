//! Prints the token labels the shipped model gives each reference string
//! read from stdin (one per line): `cargo run --release --example labels`.
//! A debugging aid for the field parser.

use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut runs: Vec<(&'static str, String)> = Vec::new();
        for (tok, lab) in citelint::refparse::label_tokens(line.trim()) {
            match runs.last_mut() {
                Some((l, s)) if *l == lab => {
                    s.push(' ');
                    s.push_str(&tok);
                }
                _ => runs.push((lab, tok)),
            }
        }
        let shown: Vec<String> = runs.iter().map(|(l, s)| format!("{l}: {s}")).collect();
        println!("{}", shown.join(" | "));
    }
}
