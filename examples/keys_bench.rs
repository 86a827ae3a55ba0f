//! Times citelint on a generated key-citing manuscript: a 20,000-entry
//! `.bib` file and a 10 MB pandoc manuscript (and the same as LaTeX) that
//! cites every entry, with a few mistyped keys (each looked up against all
//! 20,000 keys for a "did you mean"):
//!
//! ```sh
//! cargo run --release --example keys_bench            # files in a temporary directory
//! cargo run --release --example keys_bench -- DIR     # files kept in DIR (to time the CLI)
//! ```
//!
//! Prints the best and median of five runs of reading (scan + bibliography)
//! and checking, for each manuscript.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const ENTRIES: usize = 20_000;
const MANUSCRIPT_BYTES: usize = 10 << 20;
const TYPOS: usize = 20;
const RUNS: usize = 5;

const FAMILIES: &[&str] = &[
    "Smith", "Lee", "García", "Müller", "Nakamura", "Okafor", "Rossi", "Novak", "Dubois",
    "Kowalski",
];
const WORDS: &[&str] = &[
    "the",
    "results",
    "of",
    "a",
    "survey",
    "show",
    "that",
    "citation",
    "errors",
    "persist",
    "in",
    "manuscripts",
    "across",
    "fields",
    "and",
    "years",
    "while",
    "tools",
    "catch",
    "few",
];

fn key(i: usize) -> String {
    format!(
        "{}{}:{}",
        FAMILIES[i % FAMILIES.len()].to_lowercase(),
        1950 + i % 70,
        i
    )
}

fn bib() -> String {
    let mut out = String::with_capacity(ENTRIES * 260);
    for i in 0..ENTRIES {
        let family = FAMILIES[i % FAMILIES.len()];
        let _ = write!(
            out,
            "@article{{{},\n  author = {{{family}, A. and Other, B.}},\n  title = {{Study number {i} of citation practice}},\n  journal = {{Journal of Tests}},\n  volume = {{{}}},\n  pages = {{{}--{}}},\n  year = {{{}}},\n  doi = {{10.5555/bench.{i}}}\n}}\n\n",
            key(i),
            i % 90 + 1,
            i % 400 + 1,
            i % 400 + 9,
            1950 + i % 70,
        );
    }
    out
}

/// Prose with citations until `bytes` long; every entry cited, `TYPOS`
/// keys mistyped (one letter dropped). `latex` writes `\citep{…}`.
fn manuscript(bytes: usize, latex: bool) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    if latex {
        out.push_str("\\documentclass{article}\n\\addbibresource{refs.bib}\n\\begin{document}\n");
    } else {
        out.push_str("---\ntitle: Benchmark\nbibliography: refs.bib\n---\n\n");
    }
    let mut n = 0usize;
    while out.len() < bytes {
        for w in 0..60 {
            out.push_str(WORDS[(n + w) % WORDS.len()]);
            out.push(' ');
        }
        let a = key(n % ENTRIES);
        let b = key((n * 7 + 3) % ENTRIES);
        let mut c = key((n + 1) % ENTRIES);
        if n % (bytes / 600 / TYPOS).max(1) == 0 && n / (bytes / 600 / TYPOS).max(1) < TYPOS {
            c.remove(1);
        }
        if latex {
            let _ = write!(
                out,
                "\\citep[p.~{}]{{{a}, {b}}} and \\textcite{{{c}}} agree.\n\n",
                n % 300
            );
        } else {
            let _ = write!(
                out,
                "[see @{a}, p. {}; -@{b}] and @{c} [chap. 2] agree.\n\n",
                n % 300
            );
        }
        n += 1;
    }
    if latex {
        out.push_str("\\end{document}\n");
    }
    out
}

fn time(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let t = Instant::now();
        found = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[0], times[times.len() / 2], found)
}

fn main() {
    let keep = std::env::args().nth(1);
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = keep.as_deref().map_or(tmp.path(), Path::new);
    std::fs::create_dir_all(dir).expect("the output directory");
    std::fs::write(dir.join("refs.bib"), bib()).expect("refs.bib written");
    let settings = citelint::config::Settings::default();
    for (name, latex) in [("paper.md", false), ("paper.tex", true)] {
        let text = manuscript(MANUSCRIPT_BYTES, latex);
        let path = dir.join(name);
        std::fs::write(&path, &text).expect("manuscript written");
        let mut cites = 0;
        let (read_best, _, _) = time(RUNS, || {
            let keyed = citelint::keys::prepare(Some(&path), &text, &settings)
                .expect("the bibliography reads")
                .expect("a key-citing manuscript");
            cites = keyed.cites.len();
            cites
        });
        let (best, median, findings) = time(RUNS, || {
            let keyed = citelint::keys::prepare(Some(&path), &text, &settings)
                .expect("the bibliography reads")
                .expect("a key-citing manuscript");
            citelint::keys::check(&text, keyed, &settings)
                .diagnostics
                .len()
        });
        println!(
            "{name}: {:.1} MB, {cites} cited keys, {ENTRIES} entries, {findings} findings: \
             read + check best {:.3} s, median {:.3} s; read alone best {:.3} s ({RUNS} runs)",
            text.len() as f64 / (1 << 20) as f64,
            best.as_secs_f64(),
            median.as_secs_f64(),
            read_best.as_secs_f64(),
        );
    }
    if keep.is_some() {
        println!("files kept in {}", dir.display());
    }
}
