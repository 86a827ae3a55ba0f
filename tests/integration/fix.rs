//! `citelint fix`: properties of the library's plans on generated
//! manuscripts, the dev papers shuffled and restored, the command's diff,
//! check and write behaviour.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use citelint::config::Settings;
use citelint::fix::{apply, plan, plan_with, FixOptions};
use citelint::markdown::Markup;
use citelint::parse::Cited;
use citelint::Checked;
use proptest::prelude::*;

use crate::{dev_papers, root};

fn fix_text(text: &str, opts: FixOptions) -> String {
    let checked = citelint::check(text);
    let p = plan(text, &checked, &opts);
    apply(text, &p.edits).expect("the plan's edits apply")
}

fn content(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What each marker cites, by entry text (and `#n` for numbers with no entry).
fn works(text: &str, checked: &Checked) -> Vec<BTreeSet<String>> {
    let entries = checked.doc.list.as_ref().map_or(&[][..], |l| &l.entries);
    checked
        .links
        .iter()
        .map(|l| {
            let mut s: BTreeSet<String> = l
                .refs
                .iter()
                .map(|&i| content(entries[i].text_span.slice(text)))
                .collect();
            s.extend(l.unresolved.iter().map(|u| format!("#{u}")));
            s
        })
        .collect()
}

/// The entries' texts, byte for byte (an exact duplicate is merged by fix,
/// so copies count once).
fn entry_texts(text: &str, checked: &Checked) -> BTreeSet<String> {
    let entries = checked.doc.list.as_ref().map_or(&[][..], |l| &l.entries);
    entries
        .iter()
        .map(|e| e.text_span.slice(text).to_string())
        .collect()
}

/// Whether the list reads 1, 2, 3 … in text order and entries are first
/// cited in that order.
fn in_first_citation_order(checked: &Checked) -> Result<(), String> {
    let Some(list) = &checked.doc.list else {
        return Err("no list".into());
    };
    for (k, e) in list.entries.iter().enumerate() {
        if e.label != Some(k as u32 + 1) {
            return Err(format!("entry {} is labelled {:?}", k + 1, e.label));
        }
    }
    let mut first = Vec::new();
    for l in &checked.links {
        for &i in &l.refs {
            if !first.contains(&i) {
                first.push(i);
            }
        }
    }
    match first.iter().enumerate().find(|(k, &i)| *k != i) {
        Some((k, i)) => Err(format!(
            "the {}th entry cited first is entry {}",
            k + 1,
            i + 1
        )),
        None => Ok(()),
    }
}

// ------------------------------------------------------------ properties

/// A generated manuscript: entries listed under shuffled labels, markers
/// citing sets of labels.
#[derive(Debug, Clone)]
struct Gen {
    /// Label of the k-th listed entry's text (`perm[k]` is the text number).
    perm: Vec<usize>,
    /// Each marker: the numbers it cites, and how it is written.
    markers: Vec<(Vec<u32>, u8)>,
    /// 0: `[n]`, 1: `n.`, 2: `n)`.
    label_style: u8,
    blank_between: bool,
    /// 0: brackets and carets, 1: parentheses, 2: superscript digits.
    form: u8,
}

fn write_numbers(nums: &[u32], ranges: bool) -> String {
    let mut sorted = nums.to_vec();
    sorted.sort_unstable();
    let mut parts = Vec::new();
    let mut k = 0;
    while k < sorted.len() {
        let mut j = k;
        while ranges && j + 1 < sorted.len() && sorted[j + 1] == sorted[j] + 1 {
            j += 1;
        }
        if j - k >= 2 {
            parts.push(format!("{}–{}", sorted[k], sorted[j]));
            k = j + 1;
        } else {
            parts.push(sorted[k].to_string());
            k += 1;
        }
    }
    parts.join(", ")
}

impl Gen {
    fn text(&self) -> String {
        let mut s = String::from("A generated paper\n\nIntroduction\n\n");
        for (i, (nums, how)) in self.markers.iter().enumerate() {
            let inner = write_numbers(nums, how & 1 == 1);
            let marker = match (self.form, how & 2 == 2) {
                (1, _) => format!(" ({inner})"),
                (2, _) => inner
                    .split(", ")
                    .map(|p| {
                        p.split('–')
                            .map(|x| superscript(x.parse().unwrap()))
                            .collect::<Vec<_>>()
                            .join("⁻")
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                (_, true) => format!("^[{inner}]"),
                (_, false) => format!(" [{inner}]"),
            };
            s.push_str(&format!("Sentence {i} states a finding{marker}.\n"));
        }
        s.push_str("\nReferences\n\n");
        for (k, &t) in self.perm.iter().enumerate() {
            let n = k + 1;
            let label = match self.label_style {
                0 => format!("[{n}]"),
                1 => format!("{n}."),
                _ => format!("{n})"),
            };
            s.push_str(&format!(
                "{label} Author{t} A, Other B. Title number {t}.\n    Journal {t}: {t}. 20{t:02}.\n"
            ));
            if self.blank_between {
                s.push('\n');
            }
        }
        s
    }
}

fn gen() -> impl Strategy<Value = Gen> {
    (1usize..9).prop_flat_map(|n| {
        let marker = (proptest::collection::btree_set(1..=n as u32, 1..4), 0u8..4)
            .prop_map(|(s, how)| (s.into_iter().collect::<Vec<_>>(), how));
        (
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            proptest::collection::vec(marker, 1..9),
            0u8..3,
            any::<bool>(),
            0u8..3,
        )
            .prop_map(|(perm, markers, label_style, blank_between, form)| Gen {
                perm,
                markers,
                label_style,
                blank_between,
                form,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn fix_keeps_works_and_texts_orders_and_is_idempotent(
        g in gen(),
        compress in any::<bool>(),
        unsafe_fixes in any::<bool>(),
    ) {
        let text = g.text();
        let before = citelint::check(&text);
        prop_assert_eq!(before.doc.markers.len(), g.markers.len(), "generator: {}", text);
        let opts = FixOptions { compress_ranges: compress, unsafe_fixes, renumber: true };
        let fixed = fix_text(&text, opts);
        let after = citelint::check(&fixed);
        prop_assert_eq!(works(&text, &before), works(&fixed, &after), "{}", fixed);
        if unsafe_fixes {
            let cited: BTreeSet<String> = works(&text, &before).into_iter().flatten().collect();
            let kept: BTreeSet<String> = entry_texts(&fixed, &after).iter().map(|t| content(t)).collect();
            prop_assert_eq!(cited, kept);
            prop_assert!(after.diagnostics.is_empty(), "{:?}", after.diagnostics);
        } else {
            prop_assert_eq!(entry_texts(&text, &before), entry_texts(&fixed, &after));
        }
        if let Err(e) = in_first_citation_order(&after) {
            prop_assert!(false, "{}: {}", e, fixed);
        }
        prop_assert_eq!(fix_text(&fixed, opts), fixed.clone(), "not idempotent");
        // Outside the markers and the list nothing changed.
        let head = |t: &str| t[..t.find("\nReferences").unwrap()].replace(|c: char| c.is_ascii_digit() || "[]()^–⁻, ⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c), "");
        prop_assert_eq!(head(&text), head(&fixed));
    }

    #[test]
    fn fix_never_panics_and_settles(
        s in "[\\[\\]0-9,;–—^() a-zé\\n\\r.¹²³⁻【】（）-]{0,160}",
        list in "([\\[(]?[0-9]{1,2}[\\]).]? [A-Z] 20[0-9]{2}\\.\\r?\\n(\\r?\\n)?|- ?\\n){0,6}",
        heading in 0usize..3,
    ) {
        let headings = ["", "\n\nReferences\n\n", "\r\n\r\nReferences:\r\n"];
        let text = format!("{s}{}{list}", headings[heading]);
        for unsafe_fixes in [false, true] {
            let opts = FixOptions { unsafe_fixes, ..FixOptions::default() };
            let once = fix_text(&text, opts);
            let twice = fix_text(&once, opts);
            prop_assert_eq!(&twice, &once, "from {:?}", text);
        }
    }
}

// ------------------------------------------------------------ dev papers

/// A small deterministic generator (no seed file, no extra crate).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn superscript(n: u32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| SUP[c.to_digit(10).unwrap() as usize])
        .collect()
}

/// Shuffles the reference list of `text` into a random order and renumbers
/// its labels and every marker to match, written the way this test writes
/// them (ranges of three or more with `–`). `None` when the paper cannot
/// be shuffled meaningfully (its list is unnumbered, or citations do not
/// resolve).
fn shuffle(text: &str, seed: u64) -> Option<String> {
    let checked = citelint::check(text);
    let list = checked.doc.list.as_ref()?;
    list.style?;
    if checked.links.iter().any(|l| !l.unresolved.is_empty()) {
        return None;
    }
    let n = list.entries.len();
    let mut perm: Vec<usize> = (0..n).collect();
    let mut rng = Lcg(seed);
    for k in (1..n).rev() {
        perm.swap(k, rng.next(k + 1));
    }
    // perm[slot] = entry placed there; the entry's new label is slot + 1.
    let mut new_label = vec![0u32; n];
    for (slot, &e) in perm.iter().enumerate() {
        new_label[e] = slot as u32 + 1;
    }
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (m, l) in checked.doc.markers.iter().zip(&checked.links) {
        if !matches!(m.cited, Cited::Numbers(_)) {
            continue;
        }
        let mut nums: Vec<u32> = l.refs.iter().map(|&i| new_label[i]).collect();
        nums.sort_unstable();
        nums.dedup();
        let s = m.span.slice(text);
        let sup = m.kind == citelint::parse::MarkerKind::Superscript;
        let is_digit = |c: char| {
            if sup {
                "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)
            } else {
                c.is_ascii_digit()
            }
        };
        let a = s.find(is_digit)?;
        let b = s.rfind(is_digit)? + s[s.rfind(is_digit)?..].chars().next()?.len_utf8();
        let inner = if sup {
            write_numbers(&nums, true)
                .split(", ")
                .map(|p| {
                    p.split('–')
                        .map(|x| superscript(x.parse().unwrap()))
                        .collect::<Vec<_>>()
                        .join("⁻")
                })
                .collect::<Vec<_>>()
                .join(",")
        } else {
            write_numbers(&nums, true)
        };
        edits.push((
            m.span.start,
            m.span.end,
            format!("{}{inner}{}", &s[..a], &s[b..]),
        ));
    }
    for (slot, &e) in perm.iter().enumerate() {
        let (s, en) = (&list.entries[slot], &list.entries[e]);
        let label = s.label_span?.slice(text);
        let d0 = label.find(|c: char| c.is_ascii_digit())?;
        let d1 = label[d0..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(label.len(), |o| d0 + o);
        let new = format!(
            "{}{}{}{}",
            &label[..d0],
            slot + 1,
            &label[d1..],
            &text[en.label_span?.end..en.span.end]
        );
        edits.push((s.span.start, s.span.end, new));
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::new();
    let mut at = 0;
    for (a, b, r) in edits {
        out.push_str(&text[at..a]);
        out.push_str(&r);
        at = b;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// Shuffles one dev paper with `seed`, fixes it with `opts` and checks the
/// result. `Ok(false)` when the paper cannot be shuffled, `Err` with the
/// reasons when renumbering is refused; a damaged result panics.
fn shuffle_and_restore(
    name: &str,
    text: &str,
    seed: u64,
    opts: FixOptions,
) -> Result<bool, String> {
    let Some(shuffled) = shuffle(text, seed) else {
        return Ok(false);
    };
    let original = citelint::check(text);
    let mixed = citelint::check(&shuffled);
    // The mutation itself keeps what every marker cites.
    assert_eq!(
        works(text, &original),
        works(&shuffled, &mixed),
        "{name}: the shuffle changed what markers cite"
    );
    let p = plan(&shuffled, &mixed, &opts);
    if !p.renumbered {
        let why: Vec<_> = p.skipped.iter().map(|s| s.reason.clone()).collect();
        return Err(format!("{name}: {}", why.join("; ")));
    }
    let fixed = apply(&shuffled, &p.edits).unwrap();
    let after = citelint::check(&fixed);
    assert_eq!(
        works(text, &original),
        works(&fixed, &after),
        "{name}: a marker cites other works after fix"
    );
    let (before_texts, after_texts) = (entry_texts(text, &original), entry_texts(&fixed, &after));
    if opts.unsafe_fixes {
        assert!(after_texts.is_subset(&before_texts), "{name}");
        let uncited = after
            .diagnostics
            .iter()
            .filter(|d| d.rule.info().name == "uncited-reference")
            .count();
        assert_eq!(uncited, 0, "{name}: uncited entries left");
    } else {
        assert_eq!(before_texts, after_texts, "{name}");
    }
    if let Err(e) = in_first_citation_order(&after) {
        panic!("{name}: {e}");
    }
    assert_eq!(
        fix_text(&fixed, opts),
        fixed,
        "{name}: second fix changed it"
    );
    Ok(true)
}

fn numeric_dev_papers() -> Option<Vec<(String, String)>> {
    let dir = dev_papers()?.join("numeric");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    Some(
        names
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                (name, std::fs::read_to_string(p).unwrap())
            })
            .collect(),
    )
}

#[test]
fn dev_papers_shuffled_are_restored() {
    let Some(papers) = numeric_dev_papers() else {
        return;
    };
    let mut restored = 0;
    let mut not_shufflable = Vec::new();
    let mut refused = Vec::new();
    for (k, (name, text)) in papers.iter().enumerate() {
        match shuffle_and_restore(name, text, 0x5eed + k as u64, FixOptions::default()) {
            Ok(true) => restored += 1,
            Ok(false) => not_shufflable.push(name.clone()),
            Err(why) => refused.push(why),
        }
    }
    let total = papers.len();
    eprintln!(
        "dev papers: {restored}/{total} shuffled and restored; not shufflable: {not_shufflable:?}; renumbering refused: {refused:#?}"
    );
    // Every paper that can be shuffled must be restored.
    assert!(refused.is_empty(), "renumbering refused: {refused:#?}");
    assert!(restored * 10 >= total * 9, "only {restored}/{total}");
}

#[test]
fn dev_papers_shuffled_are_restored_with_unsafe_fixes_and_compressed_ranges() {
    let Some(papers) = numeric_dev_papers() else {
        return;
    };
    let opts = FixOptions {
        unsafe_fixes: true,
        compress_ranges: true,
        renumber: true,
    };
    for (k, (name, text)) in papers.iter().enumerate() {
        if let Err(why) = shuffle_and_restore(name, text, 0xbeef + k as u64, opts) {
            panic!("refused: {why}");
        }
    }
}

// ------------------------------------------------------------ the command

fn citelint(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_citelint"));
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text_of(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// The seed paper with its two entries swapped and its markers renumbered
/// to match (a shuffle by hand: the paper's `^[3]`/`^[4]` do not resolve).
fn shuffled_seed() -> String {
    let text = std::fs::read_to_string(root().join("paper/cyberspace-governance.txt")).unwrap();
    text.replace("^[1]", "^[@]")
        .replace("^[2]", "^[1]")
        .replace("^[@]", "^[2]")
        .replace("- [1] Li Hongyuan", "- [@] Li Hongyuan")
        .replace("[2] Cui Wenbo", "[1] Cui Wenbo")
        .replace("[@] Li Hongyuan", "[2] Li Hongyuan")
}

#[test]
fn diff_of_the_shuffled_seed_paper() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.txt");
    let text = shuffled_seed();
    std::fs::write(&path, &text).unwrap();
    let p = path.to_str().unwrap();
    let out = citelint(&["fix", "--diff", p], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "--diff wrote"
    );
    let report = format!(
        "--- stdout\n{}--- stderr\n{}",
        text_of(&out.stdout),
        text_of(&out.stderr)
    )
    .replace(p, "seed.txt");
    insta::assert_snapshot!("seed_shuffled_diff", report);
}

#[test]
fn diff_of_a_shuffled_dev_paper() {
    let Some(dir) = dev_papers() else { return };
    let name = "plos.pntd.0000149.txt";
    let text = std::fs::read_to_string(dir.join("numeric").join(name)).unwrap();
    let shuffled = shuffle(&text, 7).expect("the paper shuffles");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(name);
    std::fs::write(&path, &shuffled).unwrap();
    let p = path.to_str().unwrap();
    let out = citelint(&["fix", "--diff", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stderr));
    let report = format!(
        "--- stdout\n{}--- stderr\n{}",
        text_of(&out.stdout),
        text_of(&out.stderr)
    )
    .replace(p, name);
    insta::assert_snapshot!("dev_paper_shuffled_diff", report);
}

#[test]
fn check_exits_1_then_fix_writes_then_check_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.txt");
    // CRLF line endings and a BOM, outside and inside the list.
    let text = "\u{feff}Birds [2] and fish [1].\r\n\r\nReferences\r\n\r\n[1] Fish. 2001.\r\n[2] Birds. 2002.\r\n";
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let p = path.to_str().unwrap();
    let out = citelint(&["fix", "--check", p], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let out = citelint(&["fix", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stderr));
    assert!(text_of(&out.stderr).contains("fixed [renumber]"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{feff}Birds [1] and fish [2].\r\n\r\nReferences\r\n\r\n[1] Birds. 2002.\r\n[2] Fish. 2001.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let out = citelint(&["fix", "--check", p], None);
    assert_eq!(out.status.code(), Some(0));
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
    // And `check` no longer reports what fix repaired.
    let out = citelint(&["check", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stdout));
}

#[test]
fn standard_input_goes_to_standard_output() {
    let out = citelint(
        &["fix", "-"],
        Some("See [2, 1].\n\nReferences\n\n1. A 2001.\n2. B 2002.\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text_of(&out.stdout),
        "See [1, 2].\n\nReferences\n\n1. B 2002.\n2. A 2001.\n"
    );
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.txt");
    let text = "See [1].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n";
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    let out = citelint(&["fix", p], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert!(text_of(&out.stderr).contains("needs --unsafe-fixes"));
    let out = citelint(&["fix", "--unsafe-fixes", p], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "See [1].\n\nReferences\n\n[1] A 2001.\n"
    );
}

/// A manuscript in a read-only directory: the write fails, the file keeps
/// its bytes, and the error says why. Root ignores directory permissions,
/// so as root the command runs as `nobody`.
#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_untouched_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tmp.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("m.txt");
    let text = "See [2] and [1].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n";
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();

    let root_user = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_citelint"));
    cmd.args(["fix", path.to_str().unwrap()]);
    if root_user {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = match out {
        Ok(out) => out,
        Err(e) if root_user => {
            // `nobody` cannot run the binary from here: nothing to learn.
            eprintln!("note: skipped: cannot run as nobody: {e}");
            return;
        }
        Err(e) => panic!("cannot run citelint: {e}"),
    };
    if root_user && text_of(&out.stderr).contains("cannot read") {
        // `nobody` cannot reach the file on this machine: nothing to learn.
        eprintln!("note: skipped: {}", text_of(&out.stderr));
        return;
    }
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let err = text_of(&out.stderr);
    assert!(
        err.contains("cannot write") && err.contains("cannot create a temporary file"),
        "{err}"
    );
    assert!(err.contains("Permission denied"), "{err}");
    assert!(err.contains("left as it was"), "{err}");
}

/// The same over many seeds (slow: `cargo test --test integration fix:: -- --ignored`).
#[test]
#[ignore]
fn dev_papers_shuffled_many_times() {
    let Some(papers) = numeric_dev_papers() else {
        return;
    };
    for seed in 0..10u64 {
        for opts in [
            FixOptions::default(),
            FixOptions {
                unsafe_fixes: true,
                compress_ranges: true,
                renumber: true,
            },
        ] {
            for (k, (name, text)) in papers.iter().enumerate() {
                let s = seed * 1000 + k as u64;
                if let Err(why) = shuffle_and_restore(name, text, s, opts) {
                    panic!("seed {s}: refused: {why}");
                }
            }
        }
    }
}

/// The shuffled seed paper with its two missing entries supplied (out of
/// order): now every citation resolves and the paper is renumbered, carets
/// and the bullet before the first label kept.
#[test]
fn diff_of_the_shuffled_seed_paper_with_its_missing_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.txt");
    let text = format!(
        "{}\n[4] Zhang San. 2019. Soft Law in Cyberspace [J]. Law Review.\n[3] Li Si. 2020. The Fifth Space [J]. Journal of Cyber Studies.\n",
        shuffled_seed()
    );
    std::fs::write(&path, &text).unwrap();
    let p = path.to_str().unwrap();
    let out = citelint(&["fix", "--diff", p], None);
    assert_eq!(out.status.code(), Some(0));
    let report = format!(
        "--- stdout\n{}--- stderr\n{}",
        text_of(&out.stdout),
        text_of(&out.stderr)
    )
    .replace(p, "seed.txt");
    insta::assert_snapshot!("seed_shuffled_completed_diff", report);
    // Writing it and fixing again changes nothing.
    let out = citelint(&["fix", p], None);
    assert_eq!(out.status.code(), Some(0));
    let out = citelint(&["fix", "--check", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out.stderr));
}

// ------------------------------------------------------------ insertions

/// Text that holds bracketed numbers but cites nothing: index and array
/// notation, code, catalogue numbers and versions. `{a}`, `{b}` become
/// numbers of the list's range.
const NOT_CITATIONS: &[&str] = &[
    "the t[{a}]/t[{b}] score plot ",
    "p[{a}] loadings ",
    "with x[n-{a}] ",
    "and a[{a}] = 0 ",
    "mapped to[{a}] ",
    "(cat. no. B2150) ",
    "(version R2019a, MathWorks) ",
    "`y = arr[{a}];` ",
    "\n    weights[{a}] = weights[{b}] * 0.5;\n",
    "x1[{b}] ",
    "data[{a}] / data[{b}] ",
];

/// CJK text with a citation glued to it: true markers.
const CJK_CITATIONS: &[&str] = &[
    "研究[{a}]表明",
    "研究［{a}］表明",
    "研究[{a}-{b}]表明",
    "研究[{a}]では",
];

/// The numbered, fully resolving dev papers and sample papers, each with
/// its highest label (at least 2).
fn insertable_papers() -> Vec<(String, String, u32)> {
    let mut out = Vec::new();
    let mut add = |name: String, text: String| {
        let checked = citelint::check(&text);
        let Some(list) = &checked.doc.list else {
            return;
        };
        if list.style.is_none() || checked.links.iter().any(|l| !l.unresolved.is_empty()) {
            return;
        }
        let top = list
            .entries
            .iter()
            .filter_map(|e| e.label)
            .max()
            .unwrap_or(0);
        if top >= 2 && checked.doc.style == citelint::parse::Style::Numeric {
            out.push((name, text, top));
        }
    };
    if let Some(papers) = numeric_dev_papers() {
        for (name, text) in papers {
            add(name, text);
        }
    }
    for name in [
        "bracket-list.txt",
        "caret-superscript.txt",
        "dot-list-wrapped.txt",
    ] {
        let text = std::fs::read_to_string(root().join("paper").join(name)).unwrap();
        add(name.to_string(), text);
    }
    out
}

pub(crate) static PAPERS: std::sync::LazyLock<Vec<(String, String, u32)>> =
    std::sync::LazyLock::new(insertable_papers);

/// `text` with `snippets` inserted, each at the `at`-th fraction (per
/// mille) of the body, moved to just after the next space that is not
/// inside a marker; with the spans where a fix may write (the paper's own
/// markers, the inserted citations, the list) and the spans of the
/// inserted non-citations.
pub(crate) fn insert(
    text: &str,
    snippets: &[(u16, String, bool)],
) -> (String, Vec<Span>, Vec<Span>) {
    let checked = citelint::check(text);
    let list = checked.doc.list.as_ref().unwrap();
    let markers: Vec<Span> = checked.doc.markers.iter().map(|m| span(m.span)).collect();
    let inside = |p: usize| markers.iter().any(|m| m.0 < p && p < m.1);
    let body_end = list.heading.start;
    // insertion points in the original text
    let mut points: Vec<(usize, &str, bool)> = snippets
        .iter()
        .map(|(at, s, cites)| {
            let mut p = body_end * usize::from(*at) / 1000;
            while !text.is_char_boundary(p) {
                p += 1;
            }
            loop {
                match text[p..body_end].find(' ') {
                    Some(o) if !inside(p + o + 1) => break p += o + 1,
                    Some(o) => p += o + 1,
                    None => break p = 0,
                }
            }
            (p, s.as_str(), *cites)
        })
        .collect();
    points.sort_by_key(|p| p.0);
    let mut out = String::new();
    let mut at = 0;
    let mut allowed = Vec::new();
    let mut kept = Vec::new();
    let shift_of = |p: usize, points: &[(usize, &str, bool)]| -> usize {
        points.iter().filter(|q| q.0 <= p).map(|q| q.1.len()).sum()
    };
    for &(p, s, cites) in &points {
        out.push_str(&text[at..p]);
        let start = out.len();
        out.push_str(s);
        if cites {
            allowed.push(Span(start, out.len()));
        } else {
            kept.push(Span(start, out.len()));
        }
        at = p;
    }
    out.push_str(&text[at..]);
    for m in &markers {
        let by = shift_of(m.0, &points);
        allowed.push(Span(m.0 + by, m.1 + by));
    }
    let by = shift_of(list.heading.start, &points);
    allowed.push(Span(list.heading.start + by, text.len() + by));
    (out, allowed, kept)
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Span(pub usize, pub usize);

fn span(s: citelint::source::Span) -> Span {
    Span(s.start, s.end)
}

pub(crate) fn fill(template: &str, top: u32, a: u32, b: u32) -> String {
    let a = 1 + a % top;
    let b = 1 + b % top;
    let (a, b) = if a < b {
        (a, b)
    } else if a > b {
        (b, a)
    } else {
        (a, a.min(top - 1) + 1)
    };
    template
        .replace("{a}", &a.to_string())
        .replace("{b}", &b.to_string())
}

/// Inserts `snippets` into paper `k`, fixes it (unsafe fixes too) and
/// checks that no edit falls outside the true markers and the list, and
/// that every inserted non-citation is still there byte for byte.
/// Returns whether the plan renumbered.
fn insert_and_fix(k: usize, snippets: &[(u16, String, bool)]) -> Result<bool, String> {
    insert_and_fix_as(k, snippets, Markup::Plain)
}

/// [`insert_and_fix`] with the paper read as `markup`.
pub(crate) fn insert_and_fix_as(
    k: usize,
    snippets: &[(u16, String, bool)],
    markup: Markup,
) -> Result<bool, String> {
    let (name, text, _) = &PAPERS[k];
    let (mixed, allowed, kept) = insert(text, snippets);
    let settings = Settings::default();
    let checked = citelint::check_as(&mixed, &settings, markup);
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let p = plan_with(&mixed, &checked, &opts, &settings);
    for e in &p.edits {
        if !allowed
            .iter()
            .any(|a| a.0 <= e.span.start && e.span.end <= a.1)
        {
            return Err(format!(
                "{name}: an edit writes `{}` over `{}` (bytes {}..{}), outside every true marker and the list",
                e.replacement,
                &mixed[e.span.start..e.span.end],
                e.span.start,
                e.span.end
            ));
        }
    }
    let fixed = apply(&mixed, &p.edits).map_err(|e| e.to_string())?;
    for s in &kept {
        let shift: isize = p
            .edits
            .iter()
            .filter(|e| e.span.end <= s.0)
            .map(|e| e.replacement.len() as isize - (e.span.end - e.span.start) as isize)
            .sum();
        let at = (s.0 as isize + shift) as usize;
        let want = &mixed[s.0..s.1];
        if fixed.get(at..at + want.len()) != Some(want) {
            return Err(format!("{name}: `{want}` was changed"));
        }
    }
    Ok(p.renumbered)
}

/// The snippets `picks` choose for paper `k`: a CJK citation or one of
/// `not_citations`, with numbers of the paper's list.
pub(crate) fn pick(
    k: usize,
    picks: &[(u16, usize, u32, u32, bool)],
    not_citations: &[&str],
) -> Vec<(u16, String, bool)> {
    let top = PAPERS[k].2;
    picks
        .iter()
        .map(|&(at, which, a, b, cjk)| {
            if cjk {
                let t = CJK_CITATIONS[which % CJK_CITATIONS.len()];
                (at, fill(t, top, a, b), true)
            } else {
                let t = not_citations[which % not_citations.len()];
                (at, fill(t, top, a, b), false)
            }
        })
        .collect()
}

pub(crate) fn snippet() -> impl Strategy<Value = (u16, usize, u32, u32, bool)> {
    (
        0u16..1000,
        0usize..64,
        0u32..1000,
        0u32..1000,
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Index notation, code, catalogue numbers and CJK citations inserted
    /// at random places of the dev papers: `fix` writes only inside true
    /// markers and the list, and leaves every non-citation as it was.
    #[test]
    fn fix_writes_nothing_but_true_markers_and_the_list(
        paper in 0usize..1000,
        picks in proptest::collection::vec(snippet(), 1..6),
    ) {
        prop_assume!(!PAPERS.is_empty());
        let k = paper % PAPERS.len();
        let snippets = pick(k, &picks, NOT_CITATIONS);
        if let Err(e) = insert_and_fix(k, &snippets) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// The property is not vacuous: a CJK citation of the last entry put first
/// makes the papers renumber (all but one whose own text holds a doubtful
/// parenthesised group), and one non-citation in the list's range stops
/// it, named.
#[test]
fn inserted_citations_renumber_and_inserted_index_notation_blocks() {
    let mut renumbered = 0;
    for k in 0..PAPERS.len() {
        let (name, _, top) = &PAPERS[k];
        let first = vec![(0, format!("研究[{top}]表明 "), true)];
        if insert_and_fix(k, &first) == Ok(true) {
            renumbered += 1;
        } else {
            assert_eq!(name, "dot-list-wrapped.txt", "{name} did not renumber");
        }
        let mut blocked = first.clone();
        blocked.push((500, "the t[1]/t[2] score plot ".to_string(), false));
        assert_eq!(insert_and_fix(k, &blocked), Ok(false), "{name}");
        let (mixed, _, _) = insert(&PAPERS[k].1, &blocked);
        let p = plan(&mixed, &citelint::check(&mixed), &FixOptions::default());
        assert!(
            p.skipped.iter().any(|s| s.reason.contains("`t[1]`")),
            "{name}: {:?}",
            p.skipped
        );
    }
    assert!(
        renumbered + 1 >= PAPERS.len() && renumbered >= 30,
        "{renumbered}"
    );
}
