//! `citelint.toml`: discovery, unknown keys, flags over the file,
//! `citelint config`, the allow-list.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh directory with `files` in it.
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("citelint-cfg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (f, text) in files {
        std::fs::write(dir.join(f), text).unwrap();
    }
    dir
}

fn run(dir: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Cites 1 only; entry 2 is uncited.
const PAPER: &str = "See [1].\n\nReferences\n\n1. A. One. J. 2001;1:1.\n2. B. Two. J. 2002;2:2.\n";

#[test]
fn an_unknown_key_is_a_tool_error_naming_it() {
    let dir = project(
        "unknown",
        &[
            ("citelint.toml", "fail-on = \"error\"\nfial-on = 1\n"),
            ("p.txt", PAPER),
        ],
    );
    let o = run(&dir, &["check", "p.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("unknown field `fial-on`"), "{}", err(&o));
    let o = run(&dir, &["config"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_file_is_found_and_flags_override_it() {
    let dir = project(
        "override",
        &[
            (
                ".citelint.toml",
                "fail-on = \"never\"\n[severity]\nuncited-reference = \"warning\"\n",
            ),
            ("p.txt", PAPER),
        ],
    );
    let o = run(&dir, &["check", "--format", "concise", "p.txt"]);
    assert_eq!(o.status.code(), Some(0), "fail-on = never from the file");
    assert!(out(&o).contains("CL002 warning"), "{}", out(&o));
    let o = run(&dir, &["check", "--fail-on", "warning", "p.txt"]);
    assert_eq!(o.status.code(), Some(1), "the flag wins");
    let o = run(&dir, &["check", "--isolated", "p.txt"]);
    assert_eq!(o.status.code(), Some(1), "--isolated ignores the file");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_allow_list_keeps_entries_uncited() {
    let dir = project(
        "allow",
        &[
            ("citelint.toml", "[references]\nallow-uncited = [\"2\"]\n"),
            ("p.txt", PAPER),
        ],
    );
    let o = run(&dir, &["check", "p.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = run(
        &dir,
        &["check", "--isolated", "--allow-uncited", "1", "p.txt"],
    );
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn config_prints_the_settings_in_effect() {
    let dir = project(
        "print",
        &[(
            "citelint.toml",
            "ignore = [\"CL010\"]\nextend-select = [\"uncompressed-range\"]\n[style]\nrange-dash = \"-\"\n",
        )],
    );
    let o = run(&dir, &["config", "--ignore", "empty-reference"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with("# settings from"), "{text}");
    assert!(text.contains("\"uncompressed-range\""), "{text}");
    assert!(!text.contains("\"mixed-citation-styles\""), "{text}");
    assert!(!text.contains("\"empty-reference\""), "{text}");
    assert!(text.contains("range-dash = \"-\""), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_rule_in_a_flag_is_named() {
    let dir = project("flag", &[("p.txt", PAPER)]);
    let o = run(&dir, &["check", "--ignore", "no-such-rule", "p.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("unknown rule `no-such-rule` in `ignore`"),
        "{}",
        err(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Cites 1 and the run 3, 4, 5 listed; entry 2 is uncited.
const RUN_PAPER: &str = "See [1] and [3, 4, 5].\n\nReferences\n\n1. A. One. J. 2001;1:1.\n2. B. Two. J. 2002;2:2.\n3. C. Three. J. 2003;3:3.\n4. D. Four. J. 2004;4:4.\n5. E. Five. J. 2005;5:5.\n";

/// `RUN_PAPER` written to `p.txt` in `dir` and fixed with `flags` and the
/// unsafe fixes, compressing ranges, without renumbering: the run and the
/// fixed text.
fn fix_afresh(dir: &PathBuf, flags: &[&str]) -> (Output, String) {
    std::fs::write(dir.join("p.txt"), RUN_PAPER).unwrap();
    let mut args = vec![
        "fix",
        "--unsafe-fixes",
        "--compress-ranges",
        "--no-renumber",
    ];
    args.extend(flags);
    args.push("p.txt");
    let o = run(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{flags:?}: {}", err(&o));
    (o, std::fs::read_to_string(dir.join("p.txt")).unwrap())
}

#[test]
fn fix_reads_the_configuration_as_check_does() {
    // 21.3: allow-uncited keeps entry 2, range-dash is the new range's dash
    let dir = project(
        "fixcfg",
        &[
            (
                "citelint.toml",
                "[references]\nallow-uncited = [\"2\"]\n[style]\nrange-dash = \"-\"\n",
            ),
            ("p.txt", RUN_PAPER),
        ],
    );
    let o = run(&dir, &["check", "p.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let (o, fixed) = fix_afresh(&dir, &[]);
    assert!(
        err(&o).contains("`2.` is on the `allow-uncited` list"),
        "{}",
        err(&o)
    );
    assert_eq!(fixed, RUN_PAPER.replace("[3, 4, 5]", "[3-5]"));
    // --isolated: no allow-list, the default dash, entry 2 removed
    let (_, fixed) = fix_afresh(&dir, &["--isolated"]);
    assert_eq!(
        fixed,
        RUN_PAPER
            .replace("[3, 4, 5]", "[3–5]")
            .replace("2. B. Two. J. 2002;2:2.\n", "")
    );
    // the flags: --allow-uncited, --config
    std::fs::write(dir.join("other.toml"), "[style]\nrange-dash = \"—\"\n").unwrap();
    let (_, fixed) = fix_afresh(&dir, &["--config", "other.toml", "--allow-uncited", "2"]);
    assert_eq!(fixed, RUN_PAPER.replace("[3, 4, 5]", "[3—5]"));
    // an unknown key is rejected by fix as by check, and nothing is written
    std::fs::write(dir.join("citelint.toml"), "fial-on = 1\n").unwrap();
    for cmd in ["check", "fix"] {
        let o = run(&dir, &[cmd, "p.txt"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert!(
            err(&o).contains("unknown field `fial-on`"),
            "{cmd}: {}",
            err(&o)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn what_config_prints_is_a_configuration_citelint_reads() {
    // 21.10: `citelint config > citelint.toml` is accepted
    let dir = project("roundtrip", &[("p.txt", PAPER)]);
    let o = run(&dir, &["config", "--ignore", "CL002"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("citation = \"detect\""), "{}", out(&o));
    std::fs::write(dir.join("citelint.toml"), out(&o)).unwrap();
    let o = run(&dir, &["check", "p.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let o = run(&dir, &["config"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn each_file_has_the_configuration_nearest_to_it() {
    // 21.11: the same file gives the same result from any directory
    let dir = project("nearest", &[("p.txt", PAPER)]);
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(
        dir.join("a/citelint.toml"),
        "[references]\nallow-uncited = [\"2\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("a/b/q.txt"), PAPER).unwrap();
    for (from, q) in [
        (dir.clone(), "a/b/q.txt"),
        (dir.join("a"), "b/q.txt"),
        (dir.join("a/b"), "q.txt"),
    ] {
        let o = run(&from, &["check", "--format", "concise", q]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "from {}: {}",
            from.display(),
            out(&o)
        );
    }
    // p.txt, above the file, is not governed by it, in the same run
    let o = run(
        &dir.join("a/b"),
        &["check", "--format", "concise", "q.txt", "../../p.txt"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).starts_with("../../p.txt:"), "{}", out(&o));
    assert!(!out(&o).contains("q.txt"), "{}", out(&o));
    // --config and --isolated still apply to every file
    let o = run(&dir, &["check", "--isolated", "a/b/q.txt"]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}
