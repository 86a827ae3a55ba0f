//! Reading manuscripts: paths and directories to files, bytes to text.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Extensions checked when a directory is given.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// Expands `paths` into the files to check, in a stable order. A directory
/// contributes every manuscript file under it (hidden entries skipped).
pub fn expand(paths: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(p.clone());
            continue;
        }
        let path = Path::new(p);
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read `{p}`"))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).with_context(|| format!("cannot list `{p}`"))?;
            if found.is_empty() {
                bail!("`{p}` holds no manuscripts (no .txt or .md files)");
            }
            found.sort();
            out.extend(found.into_iter().map(|f| f.to_string_lossy().into_owned()));
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the manuscript at `path` (`-` for standard input) as UTF-8 text.
pub fn read(path: &str) -> Result<String> {
    let bytes = if path == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("cannot read standard input")?;
        b
    } else {
        std::fs::read(path).with_context(|| format!("cannot read `{path}`"))?
    };
    decode(path, bytes)
}

/// Turns the bytes of `path` into text, or says what the file is instead.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String> {
    if let Some(kind) = binary_kind(&bytes) {
        bail!("`{path}` is {kind}, not a plain-text manuscript; extract its text first");
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            bail!("`{path}` is not valid UTF-8: invalid byte at offset {at}")
        }
    }
}

/// Names well-known binary formats by their first bytes.
fn binary_kind(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"%PDF") {
        Some("a PDF")
    } else if b.starts_with(b"PK\x03\x04") {
        Some("a ZIP archive (a DOCX or ODT document?)")
    } else if b.starts_with(b"{\\rtf") {
        Some("an RTF document")
    } else if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("a legacy Word document")
    } else if b.iter().take(8192).any(|&c| c == 0) {
        Some("binary data (it contains NUL bytes)")
    } else {
        None
    }
}
