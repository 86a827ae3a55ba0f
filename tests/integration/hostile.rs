//! Hostile input: every file a CI job may hand citelint by mistake gets a
//! result or a clear error that names the file, with the exact exit code.
//!
//! Big inputs are generated at run time. The regular tests stay at sizes a
//! debug build checks in seconds; the full sizes of the issue (a 1 GB file,
//! one 50 MB line) are `#[ignore]`d tests that `bench/run.sh` runs on a
//! release build (`cargo test --release --test integration hostile:: --
//! --ignored`).
//! The fuzzers' interesting inputs run in `fuzz_regressions`, and the
//! linearity tests compare times between sizes (ratios, never absolute
//! times).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use citelint::input::{decode, encode, Encoding, InputError};

#[path = "hostile/invariants.rs"]
mod invariants;

// ------------------------------------------------------------ helpers

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("citelint-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn citelint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("citelint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `check` on `path` and asserts exit code 2 and exactly `message` on
/// standard error (after `citelint: error: `), with nothing on stdout but
/// the summary.
fn assert_tool_error(path: &str, message: &str) {
    let o = citelint(&["check", "--format", "concise", path]);
    assert_eq!(o.status.code(), Some(2), "{path}: {}", stderr(&o));
    assert_eq!(stderr(&o), format!("citelint: error: {message}\n"));
    assert_eq!(stdout(&o), "", "no findings for a file that was not read");
}

/// The concise findings for `path`, with the path taken out, and the exit
/// code.
fn findings(path: &str) -> (Option<i32>, String) {
    let o = citelint(&["check", "--format", "concise", path]);
    assert!(stderr(&o).is_empty(), "{path}: {}", stderr(&o));
    (o.status.code(), stdout(&o).replace(path, "FILE"))
}

const SEED: &str = "paper/cyberspace-governance.txt";

fn seed_text() -> String {
    std::fs::read_to_string(root().join(SEED)).unwrap()
}

// ------------------------------------------------------------ empty and odd text

#[test]
fn an_empty_file_is_an_error() {
    let s = Scratch::new("empty");
    let p = s.file("empty.txt", b"");
    assert_tool_error(&p, &format!("`{p}` is empty: there is nothing to check"));
}

#[test]
fn a_whitespace_only_file_is_an_error() {
    let s = Scratch::new("blank");
    let p = s.file("blank.txt", b" \n\t\r\n   \n");
    assert_tool_error(
        &p,
        &format!("`{p}` holds only white space: there is nothing to check"),
    );
}

#[test]
fn text_without_a_reference_list() {
    let s = Scratch::new("nolist");
    // No markers either: a clean result.
    let p = s.file("plain.txt", "Just prose, with no citations at all.\n");
    assert_eq!(findings(&p), (Some(0), String::new()));
    // Markers but no list: one finding.
    let p = s.file("nolist.txt", "As shown [1] and [2].\n");
    let (code, out) = findings(&p);
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "FILE:1:10: CL005 error [missing-reference-list] the manuscript cites (2 markers, \
         the first is `[1]`) but has no reference list\n"
    );
}

#[test]
fn only_a_reference_list() {
    let s = Scratch::new("onlylist");
    let p = s.file(
        "list.txt",
        "References\n\n[1] A. One. Title. J 1: 1. 2001.\n[2] B. Two. Title. J 2: 2. 2002.\n",
    );
    let (code, out) = findings(&p);
    assert_eq!(code, Some(1));
    let codes: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" error "))
        .map(|l| l.split(' ').nth(1).unwrap())
        .collect();
    assert_eq!(codes, ["CL002", "CL002"], "{out}");
    assert!(
        out.starts_with("FILE:3:1: CL002 error [uncited-reference]"),
        "{out}"
    );
}

// ------------------------------------------------------------ encodings

#[test]
fn invalid_utf8_names_the_offset_and_byte() {
    let s = Scratch::new("utf8");
    let p = s.file("bad.txt", b"abc [1]\xff\xfe more");
    assert_tool_error(
        &p,
        &format!(
            "`{p}` is not valid UTF-8: invalid byte at offset 7 (0xFF); \
             convert it to UTF-8, or read it with --lossy"
        ),
    );
}

#[test]
fn lossy_decoding_goes_on_with_a_warning() {
    // The `--lossy` flag is wired by the command line; the library call is
    // `citelint::input::decode(bytes, true)`.
    let mut bytes = seed_text().into_bytes();
    let at = bytes.iter().position(|&b| b == b'[').unwrap();
    bytes.insert(at, 0xFF);
    assert_eq!(
        decode(bytes.clone(), false),
        Err(InputError::InvalidUtf8 {
            offset: at,
            byte: 0xFF
        })
    );
    let d = decode(bytes, true).unwrap();
    assert_eq!(
        d.warnings,
        [format!(
            "not valid UTF-8: 1 invalid byte sequence replaced with U+FFFD (the first at offset {at})"
        )]
    );
    assert_eq!(d.text.replacen('\u{FFFD}', "", 1), seed_text());
    // The checks go on: the seed's findings are all there.
    assert_eq!(citelint::check(&d.text).diagnostics.len(), 3);
}

#[test]
fn a_utf8_bom_gives_the_same_findings() {
    let s = Scratch::new("bom");
    let plain = s.file("plain.txt", seed_text());
    let bom = s.file(
        "bom.txt",
        [b"\xEF\xBB\xBF".as_slice(), seed_text().as_bytes()].concat(),
    );
    let want = findings(&plain);
    assert_eq!(want.0, Some(1));
    assert_eq!(findings(&bom), want);
}

#[test]
fn utf16_with_a_bom_gives_the_same_findings_and_writes_back() {
    let s = Scratch::new("utf16");
    let plain = s.file("plain.txt", seed_text());
    let want = findings(&plain);
    for (name, enc) in [
        ("le.txt", Encoding::Utf16Le { bom: true }),
        ("be.txt", Encoding::Utf16Be { bom: true }),
    ] {
        let bytes = encode(&seed_text(), enc);
        let p = s.file(name, &bytes);
        assert_eq!(findings(&p), want, "{name}");
        // What `fix` writes back: the same encoding, byte for byte.
        let d = decode(bytes.clone(), false).unwrap();
        assert_eq!(d.encoding, enc);
        assert!(d.warnings.is_empty());
        assert_eq!(encode(&d.text, d.encoding), bytes);
    }
}

#[test]
fn utf16_without_a_bom_is_read_with_a_warning() {
    let s = Scratch::new("utf16nobom");
    let p = s.file(
        "nobom.txt",
        encode(&seed_text(), Encoding::Utf16Le { bom: false }),
    );
    let o = citelint(&["check", "--format", "concise", &p]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "citelint: warning: `{p}`: no byte-order mark; read as UTF-16LE from the pattern \
             of its zero bytes\n"
        )
    );
}

#[test]
fn invalid_utf16_names_the_offset() {
    let s = Scratch::new("badutf16");
    // BOM, "A", then a lone low surrogate at byte 4.
    let p = s.file("bad16.txt", b"\xFF\xFEA\x00\x00\xDCB\x00");
    assert_tool_error(
        &p,
        &format!(
            "`{p}` is not valid UTF-16LE: invalid code unit at offset 4; \
             convert it to UTF-8, or read it with --lossy"
        ),
    );
}

#[test]
fn crlf_and_lone_cr_line_endings_give_the_same_findings() {
    let s = Scratch::new("eol");
    let text = seed_text();
    let want = findings(&s.file("lf.txt", &text));
    assert_eq!(want.0, Some(1));
    let crlf = s.file("crlf.txt", text.replace('\n', "\r\n"));
    assert_eq!(findings(&crlf), want);
    let cr = s.file("cr.txt", text.replace('\n', "\r"));
    assert_eq!(findings(&cr), want);
}

// ------------------------------------------------------------ not text at all

#[test]
fn nul_bytes_are_binary_data() {
    let s = Scratch::new("nul");
    let p = s.file("nul.txt", b"As shown [1].\x00\x00\x01\x02\x03");
    assert_tool_error(
        &p,
        &format!("`{p}` is binary data, not a plain-text manuscript (a NUL byte at offset 13)"),
    );
    // Random binary data.
    let mut x: u32 = 12345;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let p = s.file("noise.bin", &noise);
    let o = citelint(&["check", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("citelint: error: `{p}` is ")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn documents_given_by_mistake_are_named() {
    for (file, kind) in [
        ("sample.docx", "a Word document (DOCX)"),
        ("sample.odt", "an OpenDocument text (ODT)"),
        ("sample.rtf", "an RTF document"),
        ("sample.html", "an HTML document"),
    ] {
        let p = format!("tests/hostile/{file}");
        assert_tool_error(
            &p,
            &format!("`{p}` is {kind}, not a plain-text manuscript; extract its text first"),
        );
    }
    // A PDF saved as .txt is named too.
}

/// A PDF, whatever its name, is read as the text `pdftotext` extracts
/// (when poppler is installed; CI installs it); `fix` never writes one.
#[test]
fn a_pdf_is_read_through_pdftotext_and_never_fixed() {
    let s = Scratch::new("pdftxt");
    let p = s.file(
        "paper.txt",
        std::fs::read(root().join("tests/hostile/sample.pdf")).unwrap(),
    );
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
    {
        let o = citelint(&["check", "--format", "concise", &p]);
        assert!(stderr(&o).contains("pdftotext"), "{}", stderr(&o));
        assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    } else {
        assert!(std::env::var_os("CI").is_none(), "CI installs pdftotext");
    }
    let o = citelint(&["fix", &p]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a PDF"), "{}", stderr(&o));
}

// ------------------------------------------------------------ paths

#[test]
fn a_directory_without_manuscripts() {
    let s = Scratch::new("nodir");
    s.file("notes.pdf", b"%PDF-1.4");
    s.file(".hidden.txt", "As shown [1].");
    let d = s.0.to_str().unwrap().to_string();
    assert_tool_error(
        &d,
        &format!("`{d}` holds no manuscripts (no .txt, .md or .tex files)"),
    );
}

#[test]
fn a_missing_path() {
    assert_tool_error(
        "no/such/file.txt",
        "cannot read `no/such/file.txt`: No such file or directory (os error 2)",
    );
}

#[test]
fn an_unreadable_path() {
    let s = Scratch::new("unreadable");
    // A link to nowhere.
    let link = s.0.join("dangling.txt");
    std::os::unix::fs::symlink(s.0.join("gone.txt"), &link).unwrap();
    let l = link.to_str().unwrap();
    assert_tool_error(
        l,
        &format!("cannot read `{l}`: No such file or directory (os error 2)"),
    );
    // A path through a file.
    let f = s.file("file.txt", "As shown [1].");
    let through = format!("{f}/x.txt");
    assert_tool_error(
        &through,
        &format!("cannot read `{through}`: Not a directory (os error 20)"),
    );
    // A device: reading /dev/zero would never end.
    assert_tool_error(
        "/dev/zero",
        "`/dev/zero` is a device or a socket, not a manuscript file",
    );
    // No read permission (root reads everything, so only as another user).
    let p = s.file("secret.txt", "As shown [1].");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_err() {
        assert_tool_error(
            &p,
            &format!("cannot read `{p}`: Permission denied (os error 13)"),
        );
    }
}

#[test]
fn one_bad_file_among_good_ones_still_reports_the_good_ones() {
    let s = Scratch::new("mixed");
    let good = s.file("good.txt", seed_text());
    let bad = s.file("bad.txt", b"PK\x03\x04 word/document.xml ...");
    let o = citelint(&["check", "--format", "concise", &good, &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("citelint: error: `{bad}` is a Word document (DOCX), not a plain-text manuscript; extract its text first\n")
    );
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
}

// ------------------------------------------------------------ size

/// A numeric manuscript with `refs` entries and `markers` markers.
fn numeric_manuscript(refs: usize, markers: usize) -> String {
    let mut t = String::with_capacity(markers * 12 + refs * 60);
    for i in 0..markers {
        let n = i % refs + 1;
        t.push_str(&format!("Shown [{n}]"));
        t.push_str(if i % 10 == 9 { ".\n" } else { ". " });
    }
    t.push_str("\n\nReferences\n\n");
    for i in 1..=refs {
        t.push_str(&format!(
            "[{i}] Author{i} A, Other B. Title number {i}. Journal {}: {i}-{}. {}.\n",
            i % 50,
            i + 3,
            1950 + i % 70
        ));
    }
    t
}

/// A distinct surname for every `i`: `Baaa`, `Caaa` …
fn surname(i: usize) -> String {
    let mut s = String::new();
    let mut n = i;
    for k in 0..4 {
        let c = (b'a' + (n % 26) as u8) as char;
        s.push(if k == 0 { c.to_ascii_uppercase() } else { c });
        n /= 26;
    }
    s
}

#[test]
fn a_hundred_thousand_references_and_a_million_markers() {
    let text = numeric_manuscript(100_000, 1_000_000);
    let checked = citelint::check(&text);
    assert_eq!(checked.doc.markers.len(), 1_000_000);
    assert_eq!(checked.doc.list.as_ref().unwrap().entries.len(), 100_000);
    // Every marker resolves and every entry is cited; the field rules may
    // warn about these machine-made entries (a page range read as a year).
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == citelint::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
    // 100,000 unnumbered author-year entries.
    let mut text = format!("As {} (1951) showed.\n\nReferences\n\n", surname(1));
    for i in 1..=100_000 {
        text.push_str(&format!(
            "{}, A. ({}). Title {i}. Journal {}, {i}-{}.\n\n",
            surname(i),
            1950 + i % 70,
            i % 50,
            i + 3
        ));
    }
    let doc = citelint::parse(&text);
    assert_eq!(doc.list.as_ref().unwrap().entries.len(), 100_000);
    assert_eq!(doc.markers.len(), 1);
}

#[test]
fn a_long_single_line() {
    // 5 MB on one line here; the 50 MB line is `fifty_megabyte_line`.
    let line = "As shown in cancer[4]. and (Smith et al., 2008) also [1, 2]. ".repeat(85_000);
    let s = Scratch::new("longline");
    let p = s.file("line.txt", &line);
    let o = citelint(&["check", "--format", "concise", &p]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o).replace(&p, "FILE"),
        "FILE:1:19: CL005 error [missing-reference-list] the manuscript cites (170000 markers, \
         the first is `[4]`) but has no reference list\n"
    );
}

#[test]
#[ignore = "50 MB: run by bench/run.sh on a release build"]
fn fifty_megabyte_line() {
    let line = "As shown in cancer[4]. and (Smith et al., 2008) also [1, 2]. ".repeat(820_000);
    assert!(line.len() >= 50_000_000);
    let s = Scratch::new("line50");
    let p = s.file("line.txt", &line);
    drop(line);
    let o = citelint(&["check", "--format", "concise", &p]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains("CL005 error [missing-reference-list] the manuscript cites (1640000 markers"),
        "{}",
        stdout(&o)
    );
}

#[test]
#[ignore = "1 GB: run by bench/run.sh on a release build"]
fn a_one_gigabyte_file() {
    // The seed manuscript's body, repeated to 1 GB, then its list.
    let text = seed_text();
    let at = text.find("\nReferences").unwrap();
    let (body, list) = text.split_at(at);
    let s = Scratch::new("gigabyte");
    let path = s.0.join("huge.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut written = 0;
    while written < 1 << 30 {
        f.write_all(body.as_bytes()).unwrap();
        f.write_all(b"\n\n").unwrap();
        written += body.len() + 2;
    }
    f.write_all(list.as_bytes()).unwrap();
    drop(f);
    let p = path.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .args(["check", "--format", "concise", p])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The seed's two unresolved markers, once per copy of the body.
    let copies = written / (body.len() + 2);
    let unresolved = stdout(&o).lines().filter(|l| l.contains("CL001")).count();
    assert_eq!(unresolved, 2 * copies);
}

// ------------------------------------------------------------ pathological shapes

#[test]
fn deeply_repeated_brackets_and_parentheses() {
    for (name, text) in [
        ("brackets", "[".repeat(2_000_000)),
        ("parens", "(".repeat(2_000_000)),
        ("wide", "［（【".repeat(300_000)),
        (
            "nested",
            format!("{}{}", "(".repeat(100_000), ")".repeat(100_000)),
        ),
        ("caret", "^[".repeat(1_000_000)),
        ("open groups", "[1, 2, 3, ".repeat(200_000)),
    ] {
        let checked = citelint::check(&text);
        assert!(checked.doc.markers.is_empty(), "{name}");
        assert!(checked.diagnostics.is_empty(), "{name}");
    }
    let s = Scratch::new("brackets");
    let p = s.file("brackets.txt", "[[[[".repeat(250_000));
    assert_eq!(findings(&p), (Some(0), String::new()));
}

// ------------------------------------------------------------ linear time

/// The shortest of three runs of `f`.
fn fastest(f: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Asserts that checking `unit` repeated 8n times takes less than 24 times
/// as long as n times (linear: about 8; quadratic: about 64). `n` is grown
/// until the small run takes long enough to be measured.
fn assert_linear(name: &str, unit: &str) {
    assert_linear_with(name, &|n| unit.repeat(n));
}

/// [`assert_linear`] for a generator of inputs of size `n`.
fn assert_linear_with(name: &str, make: &dyn Fn(usize) -> String) {
    assert_linear_by(name, make, &|t| drop(citelint::check(t)));
}

/// [`assert_linear_with`] for what `work` does with the text.
fn assert_linear_by(name: &str, make: &dyn Fn(usize) -> String, work: &dyn Fn(&str)) {
    let mut n = 64;
    let (small, big) = loop {
        let text = make(n);
        let small = fastest(&|| work(&text));
        if small >= Duration::from_millis(40) || n >= 1 << 20 {
            let text = make(8 * n);
            let big = fastest(&|| work(&text));
            break (small, big);
        }
        n *= 2;
    };
    let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-9);
    assert!(
        ratio < 24.0,
        "{name}: 8x the input took {ratio:.1}x the time ({small:?} -> {big:?}, n = {n})"
    );
}

#[test]
fn no_input_shape_is_quadratic() {
    let cases: &[(&str, &str)] = &[
        ("open brackets", "["),
        ("open parens", "("),
        ("open groups", "[1,"),
        ("nested parens", "((((((((((Smith 2000))))))))))"),
        ("unclosed author-year", "(Smith "),
        (
            "markers on one line",
            "As shown in cancer[4]. and [1, 2] also ",
        ),
        ("near-miss names", "A, A, A, A, A, A, A, A 2000 "),
        ("bare years", "Smith et al., 2008; Lee 2010, "),
        ("narrative", "as Smith et al. (2008) showed, "),
        ("headings with labels", "References\n[1]\n"),
        ("headings with text", "References\nnot an entry\n"),
        (
            "headings with blank lines",
            "References\n\nnot an entry\n\n",
        ),
        ("lone carriage returns", "As shown [1].\r"),
        ("paren markers", "ducks died (1). "),
        ("superscripts", "word¹⁻³ and ²,⁴ "),
    ];
    for (name, unit) in cases {
        assert_linear(name, unit);
    }
}

/// Reading a manuscript as Markdown (21.2) stays linear on the shapes
/// that make Markdown parsers slow: open brackets, links, code spans,
/// HTML, block quotes, lists, reference definitions.
#[test]
fn markdown_shapes_are_linear() {
    let units = [
        "[", "[a](", "<", "``x", "*a", "> ", "[x]: ", "<a ", "![", "\\[", "[1][", "1. [",
    ];
    for unit in units {
        // (blanking the ranges found is one pass over the bytes)
        assert_linear_by(&format!("markdown {unit:?}"), &|n| unit.repeat(n), &|t| {
            drop(citelint::markdown::non_prose(t))
        });
    }
}

#[test]
fn long_reference_lists_are_linear() {
    assert_linear_with("numbered list", &|n| numeric_manuscript(n, n));
    assert_linear_with("unnumbered list", &|n| {
        let entry = "Smith, J. (2001). A title of some length. Journal of Things, 1(2), 3–4.\n\n";
        format!("Body (Smith, 2001).\n\nReferences\n\n{}", entry.repeat(n))
    });
}

// ------------------------------------------------------------ fuzz regressions

/// Every input the fuzzers found interesting (`tests/hostile/fuzz/TARGET/`)
/// runs through the whole library path: decode, lossy decode, check.
#[test]
fn fuzz_regressions() {
    let dir = root().join("tests/hostile/fuzz");
    let mut count = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap().path();
        for f in std::fs::read_dir(&target).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            count += 1;
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let checked = citelint::check(text);
                for m in &checked.doc.markers {
                    assert!(text.get(m.span.start..m.span.end).is_some());
                }
                let _ = citelint::refparse::parse_reference(text);
            }
            if let Ok(d) = decode(bytes.clone(), true) {
                let _ = citelint::check(&d.text);
            }
        }
    }
    assert!(count > 0, "no fuzz regressions in {}", dir.display());
}
