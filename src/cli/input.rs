//! Reading manuscripts: paths and directories to files, bytes to text.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use citelint::input::Decoded;

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
        refuse_special(p)?;
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
        refuse_special(path)?;
        std::fs::read(path).with_context(|| format!("cannot read `{path}`"))?
    };
    decode(path, bytes, lossy)
}

/// Turns the bytes of `path` into text, or says what the file is instead.
pub fn decode(path: &str, bytes: Vec<u8>, lossy: bool) -> Result<Decoded> {
    citelint::input::decode(bytes, lossy).map_err(|e| anyhow!("`{path}` {e}"))
}

/// A device or a socket is never a manuscript, and reading one may never
/// end (`/dev/zero`); a pipe (`<(cmd)`) is read to its end.
fn refuse_special(path: &str) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let t = meta.file_type();
            if t.is_char_device() || t.is_block_device() || t.is_socket() {
                bail!("`{path}` is a device or a socket, not a manuscript file");
            }
        }
    }
    Ok(())
}
