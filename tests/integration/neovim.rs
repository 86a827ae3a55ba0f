//! A real editor: Neovim headless, its built-in LSP client attached to
//! `citelint server` on the seed manuscript, and the diagnostics it
//! received. Neovim speaks UTF-16 positions and turns them into byte
//! columns, so the columns it reports check the server's UTF-16 conversion
//! on a line with curly quotes before the marker.
//!
//! `.ci/run` installs Neovim from Debian's packages; without it the test
//! fails in CI (CI=true) and is skipped, with a note, elsewhere.

use std::process::Command;

fn nvim_available() -> bool {
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is not installed: .ci/install-neovim installs it"
        );
        eprintln!("note: nvim not found; the Neovim test is skipped");
    }
    found
}

/// `line:col-line:col` (0-based, byte columns) of `len` bytes at `offset`
/// of `text`, on one line.
fn range(text: &str, offset: usize, len: usize) -> String {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col = offset - before.rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{col}-{line}:{}", col + len)
}

#[test]
fn neovim_receives_the_seed_manuscripts_diagnostics() {
    if !nvim_available() {
        return;
    }
    let root = crate::root();
    let doc = root.join("paper/cyberspace-governance.txt");
    let text = std::fs::read_to_string(&doc).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diagnostics.txt");
    let script = root.join("tests/integration/editors/neovim.lua");
    let o = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n"])
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("CITELINT_BIN", env!("CARGO_BIN_EXE_citelint"))
        .env("CITELINT_DOC", &doc)
        .env("CITELINT_OUT", &out)
        // Neovim's state, cache and LSP log stay in the temporary folder
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .current_dir(root)
        .output()
        .expect("nvim runs");
    let received = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "nvim wrote no diagnostics ({e}); status {:?}, stderr: {}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let unresolved = |n: u32| {
        let marker = format!("^[{n}]");
        format!(
            "{} 1 CL001 citelint citation `{marker}` cites reference {n}, which the reference list does not have",
            range(&text, text.find(&marker).unwrap(), marker.len())
        )
    };
    let bullet = text.find("\n-\n").unwrap() + 1;
    let mut expected = vec![
        unresolved(3),
        unresolved(4),
        format!(
            "{} 2 CL003 citelint stray list bullet `-` in the reference list has no entry",
            range(&text, bullet, 1)
        ),
    ];
    expected.sort();
    let got: Vec<&str> = received.lines().collect();
    assert_eq!(
        got,
        expected,
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
