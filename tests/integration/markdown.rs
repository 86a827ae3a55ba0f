//! Markdown manuscripts (issue 21.2): code, HTML comments and blocks, link
//! reference definitions and autolinks are not prose. `check` reports
//! nothing there and `fix` writes nothing there; `.md` files are read so,
//! and `--markdown` reads any file (standard input too) so.

use std::process::{Command, Output, Stdio};

use citelint::config::Settings;
use citelint::fix::{plan_with, FixOptions};
use citelint::markdown::Markup;
use proptest::prelude::*;

use crate::fix::{fill, insert, insert_and_fix_as, pick, snippet, PAPERS};

fn citelint(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("citelint runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text_of(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Cites 2 then 1 (so `fix` renumbers), with a bracketed number of the
/// list's range, a reversed range and an out-of-range number in every kind
/// of non-prose Markdown.
const PAPER: &str = "\
Birds fly [2] and fish swim [1].

```python
print [2]
x = [5]
```

Use `[2-1]` or ``[7]`` here. <!-- cite [2] later -->

<!--
[6] an old draft entry
-->

<div class=\"note\">See [8].</div>

    indented [2] code

A link to <https://example.org/a[2]> and <a@b.org>, and [the site][2].

[2]: https://example.org/[9]

References

1. Smith J. Birds of the sea. J Orn. 2001;1:1-2.
2. Jones K. Fish of the deep. J Ich. 2002;2:3-4.
";

#[test]
fn check_reads_only_the_prose_of_a_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.md"), PAPER).unwrap();
    std::fs::write(dir.path().join("p.txt"), PAPER).unwrap();
    let o = citelint(dir.path(), &["check", "--format", "concise", "p.md"], None);
    let md = text_of(&o.stdout);
    // only the true markers' own finding: [2] is cited before [1]
    assert_eq!(
        md.lines()
            .map(|l| l.split(' ').nth(3).unwrap_or(""))
            .collect::<Vec<_>>(),
        ["[citation-order]"],
        "{md}"
    );
    // The same text as plain text: the code's numbers are read.
    let o = citelint(dir.path(), &["check", "--format", "concise", "p.txt"], None);
    let txt = text_of(&o.stdout);
    assert!(txt.contains("[reversed-range]"), "{txt}");
    assert!(txt.contains("[unresolved-citation]"), "{txt}");
    // --markdown reads standard input as Markdown.
    let o = citelint(
        dir.path(),
        &["check", "--format", "concise", "--markdown", "-"],
        Some(PAPER),
    );
    assert_eq!(
        text_of(&o.stdout).replace("-:", "p.md:"),
        md,
        "stdin read as Markdown"
    );
    // the JSON report's markers are the two true ones
    let o = citelint(dir.path(), &["check", "--format", "json", "p.md"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let markers: Vec<&str> = v["files"][0]["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(markers, ["[2]", "[1]"]);
    let start = v["files"][0]["markers"][1]["start"].as_u64().unwrap() as usize;
    assert_eq!(
        &PAPER[start..start + 3],
        "[1]",
        "byte offsets are the file's"
    );
}

#[test]
fn fix_renumbers_the_prose_and_leaves_code_and_comments_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.md");
    std::fs::write(&path, PAPER).unwrap();
    let o = citelint(dir.path(), &["fix", "p.md"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text_of(&o.stderr));
    let fixed = std::fs::read_to_string(&path).unwrap();
    let want = PAPER
        .replacen("fly [2] and fish swim [1]", "fly [1] and fish swim [2]", 1)
        .replacen(
            "1. Smith J. Birds of the sea. J Orn. 2001;1:1-2.\n2. Jones K. Fish of the deep. J Ich. 2002;2:3-4.",
            "1. Jones K. Fish of the deep. J Ich. 2002;2:3-4.\n2. Smith J. Birds of the sea. J Orn. 2001;1:1-2.",
            1,
        );
    assert_eq!(fixed, want);
    // As plain text the same file is not renumbered: its code holds
    // bracketed numbers that fix cannot tell from citations.
    let plain = dir.path().join("p.txt");
    std::fs::write(&plain, PAPER).unwrap();
    let o = citelint(dir.path(), &["fix", "--diff", "p.txt"], None);
    assert!(
        !text_of(&o.stdout).contains("+Birds fly [1]"),
        "{}",
        text_of(&o.stdout)
    );
    // `--markdown` on standard input does what the `.md` name does.
    let o = citelint(dir.path(), &["fix", "--markdown", "-"], Some(PAPER));
    assert_eq!(text_of(&o.stdout), want);
}

#[test]
fn an_edit_that_would_touch_code_is_cut_back() {
    // An entry holding inline code would have to move: renumbering is
    // left out, nothing inside the code span is written.
    let text = "See [2] and [1].\n\nReferences\n\n1. Smith J. The `x[1]` trick. J A. 2001;1:1.\n2. Jones K. Fish. J B. 2002;2:2.\n";
    let settings = Settings::default();
    let checked = citelint::check_as(text, &settings, Markup::Markdown);
    assert_eq!(checked.non_prose.len(), 1);
    let p = plan_with(text, &checked, &FixOptions::default(), &settings);
    assert!(p.edits.is_empty(), "{:?}", p.edits);
    assert!(
        p.skipped
            .iter()
            .any(|s| s.reason.contains("would touch Markdown code")),
        "{:?}",
        p.skipped
    );
}

/// Markdown non-prose holding bracketed numbers: `{a}`, `{b}` become
/// numbers of the list's range.
const NOT_PROSE: &[&str] = &[
    "\n\n```\nscore = x[{a}] + y [{b}]\n[{b}-{a}]\n```\n\n",
    "`[{b}-{a}]` ",
    "``see [{a}]`` ",
    "<!-- cite [{a}] here --> ",
    "\n\n<!--\n[{b}] an old entry\n-->\n\n",
    "\n\n<div class=\"note\">\n[{a}] and [{b}]\n</div>\n\n",
    "[the site][{a}]\n\n[{a}]: https://example.org/p[{b}]\n\n",
    "<https://example.org/p[{a}]> ",
];

fn insert_and_fix_markdown(k: usize, snippets: &[(u16, String, bool)]) -> Result<bool, String> {
    insert_and_fix_as(k, snippets, Markup::Markdown)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// CJK citations, fenced code blocks, inline code, HTML comments and
    /// autolinks holding bracketed numbers, inserted at random places of
    /// the dev papers read as Markdown: `fix` writes only inside true
    /// markers and the list, and every non-prose piece stays as it was.
    #[test]
    fn markdown_fix_writes_nothing_but_true_markers_and_the_list(
        paper in 0usize..1000,
        picks in proptest::collection::vec(snippet(), 1..6),
    ) {
        prop_assume!(!PAPERS.is_empty());
        let k = paper % PAPERS.len();
        let snippets = pick(k, &picks, NOT_PROSE);
        if let Err(e) = insert_and_fix_markdown(k, &snippets) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// The property is not vacuous: with a CJK citation of the last entry put
/// first, every kind of non-prose piece inserted holding numbers of the
/// list's range, the papers are still renumbered (read as plain text, the
/// same pieces stop it).
#[test]
fn markdown_papers_with_code_and_comments_still_renumber() {
    let mut renumbered = 0;
    for k in 0..PAPERS.len() {
        let top = PAPERS[k].2;
        let mut snippets = vec![(0, format!("研究[{top}]表明 "), true)];
        for (i, t) in NOT_PROSE.iter().enumerate() {
            snippets.push((100 + 120 * i as u16, fill(t, top, 0, 1), false));
        }
        match insert_and_fix_markdown(k, &snippets) {
            Ok(true) => renumbered += 1,
            Ok(false) => {}
            Err(e) => panic!("{e}"),
        }
        let (mixed, _, _) = insert(&PAPERS[k].1, &snippets);
        let plain = citelint::fix::plan(&mixed, &citelint::check(&mixed), &FixOptions::default());
        assert!(
            !plain.renumbered,
            "{}: renumbered as plain text",
            PAPERS[k].0
        );
    }
    assert!(
        renumbered + 1 >= PAPERS.len() && renumbered >= 3,
        "{renumbered} of {}",
        PAPERS.len()
    );
}
