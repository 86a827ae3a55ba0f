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
