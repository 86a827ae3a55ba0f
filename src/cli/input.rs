//! Reading manuscripts: paths and directories to files, bytes to text.

use anyhow::{bail, Context, Result};

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
