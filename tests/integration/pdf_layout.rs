//! The layout stage on the dev papers: clean text passes through untouched,
//! and each paper typeset as a two-column PDF and read back with
//! `pdftotext` (`../shared/datasets/dev-pdf`) checks like its clean text,
//! but for the markers and entries the layout destroyed, which
//! `pdf_roundtrip.tsv` lists paper by paper.
//!
//! To re-list after a change that moves the figures on purpose:
//! `CITELINT_BLESS=1 cargo test --test integration pdf_round_trip`; the diff
//! of the TSV then shows what changed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A marker's or an entry's text with white space and hyphens folded, so
/// that a line break or a line-end hyphen makes no difference.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}' | '\u{ad}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a check of `text` found, independent of offsets and layout:
/// (marker, the first 30 folded characters of each entry it cites) → count,
/// the entries' keys, and rule name → count.
type Links = BTreeMap<(String, Vec<String>), usize>;

fn outcome(text: &str) -> (Links, Vec<String>, BTreeMap<&'static str, usize>) {
    let checked = citelint::check(text);
    let entry_key = |i: usize| -> String {
        let l = checked.doc.list.as_ref().unwrap();
        fold(l.entries[i].text_span.slice(text))
            .chars()
            .take(30)
            .collect()
    };
    let mut links = Links::new();
    for (m, link) in checked.doc.markers.iter().zip(&checked.links) {
        let mut cited: Vec<String> = link.refs.iter().map(|&i| entry_key(i)).collect();
        cited.sort();
        // a superscript group is `^[1,2]` in the clean text, `1,2` in the PDF's
        let written = m.span.slice(text);
        let written = written
            .strip_prefix("^[")
            .and_then(|w| w.strip_suffix(']'))
            .unwrap_or(written);
        *links.entry((fold(written), cited)).or_default() += 1;
    }
    let n = checked.doc.list.as_ref().map_or(0, |l| l.entries.len());
    let mut entries: Vec<String> = (0..n).map(entry_key).collect();
    entries.sort();
    let mut rules = BTreeMap::new();
    for d in &checked.diagnostics {
        *rules.entry(d.rule.info().name).or_default() += 1;
    }
    (links, entries, rules)
}

/// How many of `a` are not in `b` (multisets).
fn missing<K: Ord + Clone>(a: &BTreeMap<K, usize>, b: &BTreeMap<K, usize>) -> usize {
    a.iter()
        .map(|(k, n)| n.saturating_sub(b.get(k).copied().unwrap_or(0)))
        .sum()
}

#[test]
fn clean_dev_papers_pass_through_unchanged() {
    let Some(dir) = crate::dev_papers() else {
        return;
    };
    let mut n = 0;
    for style in ["numeric", "author-year"] {
        for base in crate::dev_paper_bases(&dir, style) {
            let text = std::fs::read_to_string(format!("{base}.txt")).unwrap();
            assert!(
                citelint::layout::lay_out(&text, &[]).is_none(),
                "{base} was laid out"
            );
            n += 1;
        }
    }
    assert_eq!(n, 65);
}

#[test]
fn pdf_round_trip_keeps_links_and_findings() {
    let Some(clean_dir) = crate::dev_papers() else {
        return;
    };
    let pdf_dir = clean_dir.join("../../dev-pdf");
    let mut table = String::from(
        "# paper\tmarkers lost\tmarkers changed or added\tentries lost\tentries added\tfindings added\tfindings lost\n",
    );
    let mut papers = 0;
    for style in ["numeric", "author-year"] {
        for base in crate::dev_paper_bases(&pdf_dir, style) {
            let name = base.rsplit('/').next().unwrap();
            let clean_path = clean_dir.join(style).join(format!("{name}.txt"));
            let clean = std::fs::read_to_string(clean_path).unwrap();
            let pdf = std::fs::read_to_string(format!("{base}.txt")).unwrap();
            let (cl, ce, cr) = outcome(&clean);
            let (pl, pe, pr) = outcome(&pdf);
            let ce: BTreeMap<String, usize> = ce.into_iter().map(|e| (e, 1)).collect();
            let pe: BTreeMap<String, usize> = pe.into_iter().map(|e| (e, 1)).collect();
            writeln!(
                table,
                "{style}/{name}\t{}\t{}\t{}\t{}\t{}\t{}",
                missing(&cl, &pl),
                missing(&pl, &cl),
                missing(&ce, &pe),
                missing(&pe, &ce),
                missing(&pr, &cr),
                missing(&cr, &pr),
            )
            .unwrap();
            papers += 1;
        }
    }
    assert_eq!(papers, 63);
    let path = crate::root().join("tests/integration/pdf_roundtrip.tsv");
    if std::env::var_os("CITELINT_BLESS").is_some() {
        std::fs::write(&path, &table).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == table,
        "the PDF round trip changed; the new table (bless with CITELINT_BLESS=1):\n{}",
        similar::TextDiff::from_lines(&expected, &table).unified_diff()
    );
}

/// A word processor's "save as plain text": one paragraph a line, no blank
/// lines, a tab after each label, non-breaking spaces, smart quotes, and
/// superscript citations flattened onto their words.
const WORD_EXPORT: &str = "Milk of bears\n\
The milk of bears changes slowly after birth, as was shown for pandas\u{a0}\u{201c}in the wild\u{201d}1 and for other carnivores3,2. The transition takes weeks4 at 20\u{a0}\u{b0}C in 5 cm2 dens with CO2 levels of 12%.\n\
References\n\
1.\tLanger P (2009) Differences in the composition of colostrum. J Mammal 90: 332\u{2013}339.\n\
2.\tSkibiel AL, Downing LM (2013) The evolution of milks. J Anim Ecol 82: 1254\u{2013}1264.\n\
3.\tBrennan AJ (2007) The tammar wallaby. J Dairy Sci 90: 66\u{2013}75.\n\
4.\tOftedal OT (1987) Lactation in the Pinnipedia. Curr Mammal 1: 175\u{2013}245.\n";

#[test]
fn a_word_processor_export_reads_as_written() {
    let checked = citelint::check(WORD_EXPORT);
    assert!(!checked.laid_out, "one paragraph a line is text as written");
    let found: Vec<(&str, Vec<usize>)> = checked
        .doc
        .markers
        .iter()
        .zip(&checked.links)
        .map(|(m, l)| (m.span.slice(WORD_EXPORT), l.refs.clone()))
        .collect();
    assert_eq!(found, [("1", vec![0]), ("3,2", vec![2, 1]), ("4", vec![3])]);
    assert_eq!(checked.doc.list.as_ref().map(|l| l.entries.len()), Some(4));
    let rules: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| d.rule.info().name)
        .collect();
    assert!(
        !rules.contains(&"unresolved-citation") && !rules.contains(&"uncited-reference"),
        "{rules:?}"
    );
    // renumbering would rewrite `3,2`: fix leaves flattened digits alone
    let plan = citelint::fix::plan(
        WORD_EXPORT,
        &checked,
        &citelint::fix::FixOptions {
            renumber: true,
            ..Default::default()
        },
    );
    for e in &plan.edits {
        for m in &checked.doc.markers {
            assert!(
                e.span.end <= m.span.start || e.span.start >= m.span.end,
                "{e:?} rewrites {m:?}"
            );
        }
    }
    assert!(
        plan.skipped
            .iter()
            .any(|s| s.reason.contains("glued to words")),
        "{plan:?}"
    );
}

#[test]
fn fix_refuses_laid_out_text() {
    let text = format!(
        "{}\x0cSee [2] and [1].\n\nReferences\n\n1. A. One. J. 2001;1:1.\n2. B. Two. J. 2002;2:2.\n",
        "x\n".repeat(3)
    );
    let checked = citelint::check(&text);
    assert!(checked.laid_out);
    let plan = citelint::fix::plan(&text, &checked, &citelint::fix::FixOptions::default());
    assert!(plan.edits.is_empty(), "{plan:?}");
    assert!(plan.skipped[0].reason.contains("laid out"), "{plan:?}");
}
