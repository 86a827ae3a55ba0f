//! PDF manuscripts: read as the text poppler's `pdftotext` extracts from
//! them. No PDF is parsed here; the offsets of every finding are into that
//! extracted text (`pdftotext -enc UTF-8 paper.pdf -` prints it).

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// Whether `bytes` are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"%PDF")
}

/// The text `pdftotext` extracts from the PDF `bytes` read from `path`.
pub fn extract(path: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    // pdftotext reads a file; standard input goes through a temporary one
    let tmp;
    let file = if path == "-" || std::fs::metadata(path).is_err() {
        let mut t = tempfile::Builder::new()
            .suffix(".pdf")
            .tempfile()
            .context("cannot write a temporary copy of the PDF")?;
        t.write_all(bytes)
            .context("cannot write a temporary copy of the PDF")?;
        tmp = t;
        tmp.path().to_path_buf()
    } else {
        std::path::PathBuf::from(path)
    };
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .stdin(Stdio::null())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "`{path}` is a PDF; citelint reads PDFs through poppler's `pdftotext`, which is not \
             installed (Debian/Ubuntu: `apt-get install poppler-utils`; macOS: `brew install \
             poppler`; Fedora: `dnf install poppler-utils`), or extract its text yourself: \
             `pdftotext -enc UTF-8 {path} - | citelint check -`"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot run `pdftotext` on `{path}`")),
    };
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        bail!(
            "`{path}` is a PDF that `pdftotext` could not read ({}): {}",
            out.status,
            why.trim()
        );
    }
    if out.stdout.iter().all(u8::is_ascii_whitespace) {
        bail!("`{path}` is a PDF with no text to extract (a scanned image?); run OCR on it first");
    }
    Ok(out.stdout)
}
