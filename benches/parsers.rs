//! Criterion benchmarks of the parsers on realistic text: the manuscripts
//! in `paper/` and, when present, the dev papers in
//! `../shared/datasets/dev/papers`. Throughput is bytes of manuscript for
//! the scanners and the whole check, and references for the splitter and
//! the field parser.
//!
//! ```sh
//! cargo bench --bench parsers                 # everything
//! cargo bench --bench parsers -- references   # only the reference benchmarks
//! ```

use std::path::Path;
use std::time::Duration;

use citelint::parse::{author_year, numeric, reflist};
use citelint::source::Span;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Every manuscript found, as text.
fn manuscripts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("paper")];
    let dev = root.join("../shared/datasets/dev/papers");
    if dev.is_dir() {
        dirs.extend(
            std::fs::read_dir(&dev)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_dir()),
        );
    }
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            if let Ok(t) = std::fs::read_to_string(&f) {
                out.push(t);
            }
        }
    }
    out
}

/// The dev papers as PDF text (`../shared/datasets/dev-pdf`), when present.
fn pdf_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/dev-pdf");
    let mut out = Vec::new();
    for style in ["numeric", "author-year"] {
        let Ok(dir) = std::fs::read_dir(root.join(style)) else {
            continue;
        };
        let mut files: Vec<_> = dir
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        out.extend(files.iter().filter_map(|f| std::fs::read_to_string(f).ok()));
    }
    out
}

fn parsers(c: &mut Criterion) {
    let texts = manuscripts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let entries: Vec<String> = texts
        .iter()
        .filter_map(|t| reflist::find(t).map(|l| (t, l)))
        .flat_map(|(t, l)| {
            l.entries
                .iter()
                .map(|e| e.text_span.slice(t).to_string())
                .collect::<Vec<_>>()
        })
        .collect();

    let mut g = c.benchmark_group("manuscripts");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("numeric-scan", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| numeric::scan(t, Span::new(0, t.len())).len())
                .sum::<usize>()
        })
    });
    g.bench_function("author-year-scan", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| author_year::scan_brackets(t, Span::new(0, t.len())).len())
                .sum::<usize>()
        })
    });
    g.bench_function("check", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| citelint::check(t).diagnostics.len())
                .sum::<usize>()
        })
    });
    // what reading a manuscript as Markdown adds to a check: finding the
    // non-prose ranges (CommonMark parse) and blanking them
    g.bench_function("markdown-non-prose", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    let spans = citelint::markdown::non_prose(t);
                    citelint::markdown::mask(t, &spans).len()
                })
                .sum::<usize>()
        })
    });
    // the layout stage's share of a check: on clean text (it decides to
    // leave the text alone) and on the same papers as PDF text
    g.bench_function("layout", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| citelint::layout::lay_out(t, &[]).map_or(0, |l| l.text.len()))
                .sum::<usize>()
        })
    });
    g.finish();
    let pdf = pdf_texts();
    if !pdf.is_empty() {
        let mut g = c.benchmark_group("pdf-text");
        g.throughput(Throughput::Bytes(
            pdf.iter().map(String::len).sum::<usize>() as u64,
        ));
        g.bench_function("layout", |b| {
            b.iter(|| {
                pdf.iter()
                    .map(|t| citelint::layout::lay_out(t, &[]).map_or(0, |l| l.text.len()))
                    .sum::<usize>()
            })
        });
        g.bench_function("check", |b| {
            b.iter(|| {
                pdf.iter()
                    .map(|t| citelint::check(t).diagnostics.len())
                    .sum::<usize>()
            })
        });
        g.finish();
    }

    let mut g = c.benchmark_group("references");
    g.throughput(Throughput::Elements(entries.len() as u64));
    g.bench_function(BenchmarkId::new("split", entries.len()), |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| reflist::find(t).map_or(0, |l| l.entries.len()))
                .sum::<usize>()
        })
    });
    g.bench_function(BenchmarkId::new("fields", entries.len()), |b| {
        b.iter(|| {
            for e in &entries {
                std::hint::black_box(citelint::refparse::parse_reference(e));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = parsers
}
criterion_main!(benches);
