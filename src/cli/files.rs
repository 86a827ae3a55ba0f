//! From the paths on the command line to the files to check.
//!
//! - `-` is standard input;
//! - a file is checked whatever its name;
//! - a directory contributes every manuscript (`.txt`, `.md`, `.markdown`,
//!   `.text`, `.qmd`, `.rmd`, `.tex`) under it, skipping hidden entries and
//!   what `.gitignore`, `.ignore` and the global git excludes leave out;
//! - anything else with `*`, `?`, `[` or `{` in it is a glob pattern,
//!   matched against the files under its literal leading directories (the
//!   ignore files apply there too).
//!
//! The result is sorted within each argument and free of duplicates, so the
//! output order does not depend on the file system.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Extensions checked when a directory is given.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "qmd", "rmd", "tex"];

/// Expands `paths` into the files to check, in a stable order.
pub fn expand(paths: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |p: String, out: &mut Vec<String>| {
        if p == "-" || seen.insert(p.clone()) {
            out.push(p);
        }
    };
    for p in paths {
        if p == "-" {
            push(p.clone(), &mut out);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let found = walk(path, has_manuscript_extension)
                    .with_context(|| format!("cannot list `{p}`"))?;
                if found.is_empty() {
                    bail!("`{p}` holds no manuscripts (no .txt, .md or .tex files)");
                }
                for f in found {
                    push(f, &mut out);
                }
            }
            Ok(_) => push(p.clone(), &mut out),
            Err(_) if is_glob(p) => {
                let found = glob(p)?;
                if found.is_empty() {
                    bail!("no file matches `{p}`");
                }
                for f in found {
                    push(f, &mut out);
                }
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read `{p}`")),
        }
    }
    Ok(out)
}

fn has_manuscript_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether `p` reads as a glob pattern.
fn is_glob(p: &str) -> bool {
    p.contains(['*', '?', '[', '{'])
}

/// Every file under `dir` that the ignore rules keep and `keep` accepts, sorted.
fn walk(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry?;
        if entry.file_type().is_some_and(|t| t.is_file()) && keep(entry.path()) {
            found.push(entry.path().to_string_lossy().into_owned());
        }
    }
    found.sort();
    Ok(found)
}

/// The files matching the glob `pattern`.
fn glob(pattern: &str) -> Result<Vec<String>> {
    let glob = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .with_context(|| format!("bad glob pattern `{pattern}`"))?
        .compile_matcher();
    // Walk from the longest leading part without glob characters.
    let mut base = PathBuf::new();
    for c in Path::new(pattern).components() {
        let s = c.as_os_str().to_string_lossy();
        if is_glob(&s) {
            break;
        }
        base.push(c);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    let dot = pattern.starts_with("./");
    let relative_to_cwd = base == Path::new(".") && !dot;
    walk(&base, |f| {
        let f = if relative_to_cwd {
            f.strip_prefix(".").unwrap_or(f)
        } else {
            f
        };
        glob.is_match(f)
    })
    .map(|v| {
        v.into_iter()
            .map(|f| match f.strip_prefix("./") {
                Some(rest) if relative_to_cwd => rest.to_string(),
                _ => f,
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_told_from_paths() {
        assert!(is_glob("paper/*.txt"));
        assert!(is_glob("**/x.{md,txt}"));
        assert!(!is_glob("paper/x.txt"));
    }
}
