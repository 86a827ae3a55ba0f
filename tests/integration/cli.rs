//! The command line: exit codes, formats, errors.

use std::process::{Command, Output};

fn citelint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(args)
        .current_dir(crate::root())
        .output()
        .expect("citelint runs")
}

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
    assert_eq!(files.len(), 5);
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
