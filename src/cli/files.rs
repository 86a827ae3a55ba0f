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
use citelint::report::ToolError;

/// Extensions checked when a directory is given.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "qmd", "rmd", "tex"];

/// Expands `paths` into the files to check, in a stable order. A path that
/// gives no file (missing, unreadable, an empty directory, a glob that
/// matches nothing) is an `Err` with the message, in its place: the files
/// of the other paths are still checked.
pub fn expand(paths: &[String]) -> Vec<Result<String, ToolError>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        let found = if p == "-" {
            Ok(vec![p.clone()])
        } else {
            expand_one(p)
        };
        match found {
            Ok(files) => {
                for f in files {
                    if f == "-" || seen.insert(f.clone()) {
                        out.push(Ok(f));
                    }
                }
            }
            Err(e) => out.push(Err(ToolError {
                path: p.clone(),
                message: format!("{e:#}"),
            })),
        }
    }
    out
}

/// The files one path (not `-`) gives.
fn expand_one(p: &str) -> Result<Vec<String>> {
    let path = Path::new(p);
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let found = walk(path, has_manuscript_extension)
                .with_context(|| format!("cannot list `{p}`"))?;
            if found.is_empty() {
                bail!("`{p}` holds no manuscripts (no .txt, .md or .tex files)");
            }
            Ok(found)
        }
        Ok(_) => Ok(vec![p.to_string()]),
        Err(_) if is_glob(p) => {
            let found = glob(p)?;
            if found.is_empty() {
                bail!("no file matches `{p}`");
            }
            Ok(found)
        }
        Err(e) => Err(e).with_context(|| format!("cannot read `{p}`")),
    }
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
