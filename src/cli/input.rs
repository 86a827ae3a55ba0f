//! Reading manuscripts: bytes to text (the paths are expanded in `files`).

use anyhow::{anyhow, Context, Result};
use citelint::input::Decoded;
use citelint::markdown::Markup;

/// Reads the manuscript at `path` (`-` for standard input) as text; what
/// was guessed on the way (a UTF-16 file without a byte-order mark) is said
/// on standard error.
pub fn read(path: &str) -> Result<String> {
    let decoded = read_with(path, false)?;
    for w in &decoded.warnings {
        eprintln!("citelint: warning: `{path}`: {w}");
    }
    Ok(decoded.text)
}

/// Reads and decodes the manuscript at `path` (`-` for standard input);
/// with `lossy`, invalid bytes are replaced and reported in the warnings
/// instead of failing. The encoding is kept for writing the file back.
pub fn read_with(path: &str, lossy: bool) -> Result<Decoded> {
    let bytes = if path == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("cannot read standard input")?;
        b
    } else {
        citelint::file::read(path)?
    };
    if super::pdf::is_pdf(&bytes) {
        let text = super::pdf::extract(path, &bytes)?;
        let mut d = decode(path, text, lossy)?;
        d.warnings.push(
            "a PDF, read as the text `pdftotext -enc UTF-8` extracts from it: lines, columns \
             and offsets are into that text"
                .into(),
        );
        return Ok(d);
    }
    decode(path, bytes, lossy)
}

/// How the file at `path` is marked up: Markdown when `markdown` says so
/// (`--markdown`) or its name ends in `.md`, `.markdown` …; plain text
/// otherwise.
pub fn markup(path: &str, markdown: bool) -> Markup {
    if markdown {
        Markup::Markdown
    } else {
        Markup::from_path(std::path::Path::new(path))
    }
}

/// Turns the bytes of `path` into text, or says what the file is instead.
pub fn decode(path: &str, bytes: Vec<u8>, lossy: bool) -> Result<Decoded> {
    Ok(citelint::file::decode(path, bytes, lossy)?)
}

/// [`decode`] for `fix`, which rewrites a file only if it reads it exactly:
/// the error does not suggest `--lossy`.
pub fn decode_exact(path: &str, bytes: Vec<u8>) -> Result<Decoded> {
    citelint::input::decode(bytes, false).map_err(|e| {
        anyhow!(
            "`{path}` {}; fix rewrites only files it reads exactly",
            e.without_lossy_hint()
        )
    })
}
