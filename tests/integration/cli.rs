//! The command line: exit codes, formats, errors.

use std::process::{Command, Output};

fn citelint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(args)
        .current_dir(crate::root())
        .output()
        .expect("citelint runs")
}

/// Every `--format`.
const FORMATS: [&str; 7] = [
    "human",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "junit",
];

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn findings_exit_1_and_clean_files_exit_0() {
    let o = citelint(&["check", "paper/cyberspace-governance.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let o = citelint(&["check", "paper/bracket-list.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("1 file checked: no problems found"));
    let o = citelint(&[
        "check",
        "--fail-on",
        "never",
        "paper/cyberspace-governance.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn concise_format() {
    let o = citelint(&[
        "check",
        "--format",
        "concise",
        "paper/cyberspace-governance.txt",
    ]);
    insta::assert_snapshot!("cli_concise_seed", stdout(&o));
}

#[test]
fn json_format_is_one_object_with_files() {
    let o = citelint(&["check", "--format", "json", "paper/"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 7);
    for f in files {
        for key in ["path", "markers", "references", "diagnostics"] {
            assert!(f.get(key).is_some(), "{key}");
        }
    }
}

#[test]
fn a_missing_file_is_a_tool_error() {
    let o = citelint(&["check", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `no/such/file.txt`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_pdf_is_named() {
    let dir = std::env::temp_dir().join(format!("citelint-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("paper.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n%binary").unwrap();
    let o = citelint(&["check", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a PDF"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invalid_utf8_names_the_offset() {
    let dir = std::env::temp_dir().join(format!("citelint-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.txt");
    std::fs::write(&f, b"abc [1]\xff\xfe more").unwrap();
    let o = citelint(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid byte at offset 7"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rule_docs_are_printed() {
    let o = citelint(&["rule", "uncited-reference"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("## Why it matters"));
    let o = citelint(&["rule", "CL001"]);
    assert!(stdout(&o).contains("unresolved-citation"));
    let o = citelint(&["rule", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(["check", "--format", "concise", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"See [2].\n\nReferences\n\n[1] A. One. 2001.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("-:1:5: CL001"), "{out}");
    assert!(out.contains("CL002"), "{out}");
}

#[test]
fn convert_a_manuscript_and_a_refs_file() {
    let o = citelint(&[
        "convert",
        "paper/cyberspace-governance.txt",
        "--to",
        "bibtex",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches('@').count(), 2);
    let o = citelint(&["convert", "paper/bracket-list.txt", "--to", "csl-json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 8);
    let o = citelint(&[
        "convert",
        "paper/bracket-list.txt",
        "--to",
        "bibtex",
        "--style",
        "apa",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`--style` applies to"),
        "{}",
        stderr(&o)
    );
    let o = citelint(&["convert", "paper/bracket-list.txt", "--to", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn convert_a_bibliography_file_round_trips() {
    let dir = std::env::temp_dir().join(format!("citelint-conv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bib = dir.join("x.bib");
    let o = citelint(&[
        "convert",
        "paper/bracket-list.txt",
        "--to",
        "bibtex",
        "-o",
        bib.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = citelint(&["convert", bib.to_str().unwrap(), "--to", "bibtex"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), std::fs::read_to_string(&bib).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

// ------------------------------------------------------------ snapshots of
// every format on the seed paper, exit code, stdout and stderr together.

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

/// `citelint check --format FORMAT` on the seed paper, colour off.
fn seed(format: &str) -> Command {
    let mut c = Command::new(get_cargo_bin("citelint"));
    c.current_dir(crate::root())
        .env_remove("CI")
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--isolated",
            "--format",
            format,
            "paper/cyberspace-governance.txt",
        ]);
    c
}

#[test]
fn seed_human_cli() {
    assert_cmd_snapshot!(seed("human"));
}

#[test]
fn seed_concise_cli() {
    assert_cmd_snapshot!(seed("concise"));
}

#[test]
fn seed_json_cli() {
    assert_cmd_snapshot!(seed("json"));
}

#[test]
fn seed_json_lines_cli() {
    assert_cmd_snapshot!(seed("json-lines"));
}

#[test]
fn seed_sarif_cli() {
    // Each rule's documentation is in the log twice; it has its own tests
    // (`citelint rule`), so the snapshot keeps only where it stands.
    insta::with_settings!({filters => vec![
        (
            "\"(text|markdown)\": \"## What it finds(?:[^\"\\\\]|\\\\.)*\"",
            "\"$1\": \"[rule documentation]\"",
        ),
    ]}, {
        assert_cmd_snapshot!(seed("sarif"));
    });
}

#[test]
fn seed_github_cli() {
    assert_cmd_snapshot!(seed("github"));
}

#[test]
fn seed_junit_cli() {
    assert_cmd_snapshot!(seed("junit"));
}

#[test]
fn seed_statistics_cli() {
    assert_cmd_snapshot!(seed("human").arg("--statistics"));
}

#[test]
fn exit_zero_and_quiet() {
    let o = citelint(&[
        "check",
        "--isolated",
        "--exit-zero",
        "--quiet",
        "paper/cyberspace-governance.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).contains("checked:"), "{}", stdout(&o));
    assert!(stdout(&o).contains("error[CL001]"));
}

#[test]
fn json_lines_are_one_object_per_finding() {
    let o = citelint(&["check", "--isolated", "--format", "json-lines", "paper/"]);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines
        .iter()
        .all(|l| l["path"] == "paper/cyberspace-governance.txt" && l["code"].is_string()));
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema_path = crate::root().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = std::fs::read_to_string(&schema_path) else {
        assert!(std::env::var_os("CI").is_none(), "SARIF schema missing");
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    // The seed paper (findings with a fix), a clean paper, and the rule
    // fixtures with every rule on (related locations, more fixes).
    for args in [
        &["check", "--isolated", "--format", "sarif", "paper/"][..],
        &[
            "check",
            "--isolated",
            "--select",
            "all",
            "--format",
            "sarif",
            "tests/fixtures/rules",
        ][..],
        // a file that cannot be read: the run's invocations (21.9)
        &[
            "check",
            "--isolated",
            "--format",
            "sarif",
            "no/such/file.txt",
            "paper/cyberspace-governance.txt",
        ][..],
    ] {
        let o = citelint(args);
        let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            citelint::rules::RULES.len()
        );
        assert!(!run["results"].as_array().unwrap().is_empty());
    }
}

#[test]
fn globs_directories_and_gitignore() {
    let dir = std::env::temp_dir().join(format!("citelint-walk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join("build")).unwrap();
    let clean = "See [1].\n\nReferences\n\n1. A. One. J. 2001;1:1.\n";
    for f in ["a.txt", "sub/b.md", "build/c.txt", "sub/notes.rst"] {
        std::fs::write(dir.join(f), clean).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "build/\n").unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_citelint"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        run(&["check", "--isolated", "--format", "json", "."]),
        ["./a.txt", "./sub/b.md"]
    );
    assert_eq!(
        run(&[
            "check",
            "--isolated",
            "--format",
            "json",
            "**/*.md",
            "a.txt"
        ]),
        ["sub/b.md", "a.txt"]
    );
    // A file named explicitly is checked even when ignored.
    assert_eq!(
        run(&["check", "--isolated", "--format", "json", "build/c.txt"]),
        ["build/c.txt"]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rules_table_completions_and_man_page() {
    let o = citelint(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let table = stdout(&o);
    for r in citelint::rules::RULES {
        assert!(
            table.contains(r.code) && table.contains(r.name),
            "{}",
            r.name
        );
    }
    assert!(table.contains("uncompressed-range       info     no"));
    let o = citelint(&["rule", "uncompressed-range"]);
    assert!(stdout(&o).contains("off by default"));
    let o = citelint(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("_citelint()"));
    let o = citelint(&["manpage"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(".TH citelint"));
}

#[test]
fn a_broken_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args([
            "check",
            "--isolated",
            "--select",
            "all",
            "--format",
            "json",
            "tests/fixtures/rules",
            "paper/",
        ])
        .current_dir(crate::root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read a few bytes, then close the pipe, as `| head -c 10` does.
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 10];
    out.read_exact(&mut buf).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert!(
        !stderr(&o).contains("panicked") && !stderr(&o).contains("Broken pipe"),
        "{}",
        stderr(&o)
    );
}

/// The output of a run over several files is the same whatever the number
/// of threads, in every format, and a file that cannot be read among them
/// is reported without losing the others.
#[test]
fn threads_do_not_change_the_output() {
    let files = [
        "paper/cyberspace-governance.txt",
        "paper/bracket-list.txt",
        "tests/hostile/sample.docx",
        "paper",
    ];
    for format in FORMATS {
        let run = |jobs: &str| {
            let mut args = vec![
                "check", "--color", "never", "--format", format, "--jobs", jobs,
            ];
            args.extend(files);
            citelint(&args)
        };
        let one = run("1");
        assert_eq!(one.status.code(), Some(2), "{format}: {}", stderr(&one));
        assert!(stderr(&one).contains("sample.docx"), "{format}");
        for jobs in ["2", "4"] {
            let many = run(jobs);
            assert_eq!(many.status.code(), one.status.code(), "{format} -j {jobs}");
            assert_eq!(stdout(&many), stdout(&one), "{format} -j {jobs}");
        }
        if format == "json" || format == "sarif" {
            let v: serde_json::Value = serde_json::from_str(&stdout(&one)).expect(format);
            if format == "json" {
                // paper/'s manuscripts, the two named first not repeated
                let n = std::fs::read_dir(crate::root().join("paper"))
                    .unwrap()
                    .count();
                assert_eq!(v["files"].as_array().map(Vec::len), Some(n));
            }
        }
    }
}

/// 21.9: a file that cannot be read among good ones: the good ones are
/// reported, the bad one in every format, exit 2.
#[test]
fn a_missing_file_among_good_ones_is_reported_in_every_format() {
    let good = "paper/cyberspace-governance.txt";
    let bad = "no/such/file.txt";
    for format in FORMATS {
        let o = citelint(&["check", "--format", format, bad, good]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        assert!(
            stderr(&o).contains("cannot read `no/such/file.txt`"),
            "{format}: {}",
            stderr(&o)
        );
        let text = stdout(&o);
        assert!(
            text.contains("cyberspace-governance"),
            "{format}: the good file"
        );
        match format {
            "human" => assert!(
                text.ends_with(
                    "1 file checked: 2 errors, 1 warning; 1 file could not be checked\n"
                ),
                "{text}"
            ),
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v["files"].as_array().unwrap().len(), 1);
                assert_eq!(v["errors"][0]["path"], bad);
            }
            "sarif" => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                let inv = &v["runs"][0]["invocations"][0];
                assert_eq!(inv["executionSuccessful"], false);
                let n = &inv["toolExecutionNotifications"][0];
                assert_eq!(n["level"], "error");
                assert_eq!(
                    n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    bad
                );
                assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
            }
            "junit" => {
                assert!(text.contains("errors=\"1\">"), "{text}");
                assert!(text.contains("<error type=\"tool-error\""), "{text}");
            }
            "json-lines" => assert!(
                text.lines()
                    .any(|l| l.contains("\"error\"") && l.contains(bad)),
                "{text}"
            ),
            "github" => assert!(text.contains("::error file=no/such/file.txt,"), "{text}"),
            _ => {}
        }
    }
    // Only bad paths: no "no problems found".
    let o = citelint(&["check", bad]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "0 files checked; 1 file could not be checked\n");
}

/// 21.12: each file's summary says how many markers and entries were read.
#[test]
fn the_human_output_counts_markers_and_entries_per_file() {
    let o = citelint(&[
        "check",
        "paper/bracket-list.txt",
        "paper/cyberspace-governance.txt",
    ]);
    let text = stdout(&o);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("paper/") && l.contains(" markers, "))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[1].starts_with("paper/cyberspace-governance.txt: 8 markers, 2 entries: 2 errors"),
        "{text}"
    );
    let json = citelint(&["check", "--format", "json", "paper/bracket-list.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let (m, r) = (
        v["files"][0]["summary"]["markers"].as_u64().unwrap(),
        v["files"][0]["summary"]["references"].as_u64().unwrap(),
    );
    assert!(
        lines[0].starts_with(&format!("paper/bracket-list.txt: {m} markers, {r} entries")),
        "{text}"
    );
    // --quiet: findings only
    let o = citelint(&["check", "-q", "paper/bracket-list.txt"]);
    assert_eq!(stdout(&o), "");
}

/// 21.13: rule lists with spaces, "did you mean", man pages for every
/// subcommand the main page names, completions that offer values rather
/// than file names, no `--lossy` advice from `fix`.
#[test]
fn small_things_a_new_user_meets() {
    let seed = "paper/cyberspace-governance.txt";
    let o = citelint(&[
        "check",
        "--format",
        "concise",
        "--select",
        "CL001, reversed-range",
        seed,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).lines().all(|l| l.contains(" CL001 ")),
        "{}",
        stdout(&o)
    );
    let o = citelint(&["check", "--ignore", "uncited-refrence", seed]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "unknown rule `uncited-refrence` in `ignore`; did you mean `uncited-reference`?"
        ),
        "{}",
        stderr(&o)
    );
    let o = citelint(&["rule", "reverse-range"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `reversed-range`?"),
        "{}",
        stderr(&o)
    );

    // every page the main page refers to is written by `manpage --dir`
    let dir = tempfile::tempdir().unwrap();
    let o = citelint(&["manpage"]);
    let page = stdout(&o);
    let referred: Vec<String> = page
        .split(|c: char| c.is_whitespace())
        .filter_map(|w| {
            w.strip_prefix("citelint\\-")
                .or_else(|| w.strip_prefix("citelint-"))
        })
        .filter_map(|w| w.strip_suffix("(1)"))
        .map(|sub| format!("citelint-{sub}.1"))
        .collect();
    assert!(referred.len() >= 8, "{referred:?}\n{page}");
    let d = dir.path().to_str().unwrap();
    let o = citelint(&["manpage", "--dir", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("citelint.1").is_file());
    for f in &referred {
        assert!(
            dir.path().join(f).is_file(),
            "{f} is referred to but not written"
        );
    }

    // completions offer rule names, formats and styles, not file names
    let bash = stdout(&citelint(&["completions", "bash"]));
    for want in [
        "\"all unresolved-citation uncited-reference",
        "\"bibtex biblatex csl-json yaml text html\"",
        " apa ",
    ] {
        assert!(bash.contains(want), "{want}");
    }

    // fix does not advise a --lossy it does not have
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"See [1].\xFF\n").unwrap();
    let o = citelint(&["fix", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid byte at offset 8"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("--lossy"), "{}", stderr(&o));
}
