//! `citelint fix`: repairs manuscripts in place, or shows (`--diff`) or
//! tests (`--check`) what it would repair.
//!
//! The planning is the library's ([`citelint::fix::plan`]); this module
//! reads files, prints what was and was not repaired, prints diffs and
//! writes atomically: a temporary file in the manuscript's own directory,
//! given the original's permissions, renamed over the original only if the
//! original still holds the bytes that were read.

use std::fs::Metadata;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use citelint::config::Settings;
use citelint::fix::{self, FixOptions, FixPlan};
use citelint::source::LineIndex;

/// Arguments of `citelint fix`.
#[derive(clap::Args, Debug, Clone)]
pub struct FixArgs {
    /// Files or directories (every .txt/.md under them); `-` reads standard
    /// input and writes the repaired text to standard output.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Print a unified diff of the repairs instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Write nothing; exit 1 if any file would change (for CI).
    #[arg(long)]
    pub check: bool,
    /// Also apply unsafe fixes: remove uncited entries, rewrite a
    /// mismatched year to the listed one; correct a citation key to its one
    /// nearest key, remove unused entries from a .bib file.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Write runs of three or more consecutive numbers as ranges (`[3, 4, 5]` → `[3–5]`).
    #[arg(long)]
    pub compress_ranges: bool,
    /// Do not renumber; apply only the other repairs.
    #[arg(long)]
    pub no_renumber: bool,
    /// Print only errors (and the diff with `--diff`).
    #[arg(long, short)]
    pub quiet: bool,
    /// Read every file as Markdown (code, HTML comments and blocks, link
    /// definitions and autolinks are never rewritten), standard input too;
    /// without it only `.md` and `.markdown` files are.
    #[arg(long)]
    pub markdown: bool,
    /// Settings: the same configuration and flags as `check`.
    #[command(flatten)]
    pub settings: super::args::SettingsArgs,
}

impl FixArgs {
    fn options(&self) -> FixOptions {
        FixOptions {
            unsafe_fixes: self.unsafe_fixes,
            compress_ranges: self.compress_ranges,
            renumber: !self.no_renumber,
        }
    }
}

/// Runs `citelint fix`: 0 when done (or nothing to do), 1 with `--check`
/// when a file would change, 2 when a file could not be read or written.
pub fn run(args: &FixArgs) -> Result<ExitCode> {
    let files = super::files::expand(&args.paths);
    let settings = super::settings::per_file(&args.settings, &files)?;
    let opts = args.options();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let mut failed = 0;
    let mut changed = 0;
    let mut repairs = 0;
    for (path, settings) in files.iter().zip(&settings) {
        let path = match path {
            Ok(p) => p,
            Err(e) => {
                failed += 1;
                writeln!(err, "citelint: error: {}", e.message)?;
                continue;
            }
        };
        match fix_one(path, args, &opts, settings, &mut out, &mut err) {
            Ok(Outcome { would_change, n }) => {
                changed += usize::from(would_change);
                repairs += n;
            }
            Err(e) => {
                failed += 1;
                writeln!(err, "citelint: error: {e:#}")?;
            }
        }
    }
    out.flush()?;
    if !args.quiet {
        let verb = if args.diff || args.check {
            "would change"
        } else {
            "changed"
        };
        writeln!(
            err,
            "{changed} of {} file(s) {verb} ({repairs} repair(s)){}",
            files.len(),
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        )?;
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if args.check && changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) struct Outcome {
    pub would_change: bool,
    pub n: usize,
}

fn fix_one(
    path: &str,
    args: &FixArgs,
    opts: &FixOptions,
    settings: &Settings,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Outcome> {
    let (bytes, meta) = if path == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("cannot read standard input")?;
        (b, None)
    } else {
        let b = std::fs::read(path).with_context(|| format!("cannot read `{path}`"))?;
        let m = std::fs::metadata(path).with_context(|| format!("cannot read `{path}`"))?;
        (b, Some(m))
    };
    let decoded = super::input::decode_exact(path, bytes.clone())?;
    let encoding = decoded.encoding;
    let text = decoded.text;
    let file = (path != "-").then(|| Path::new(path));
    if let Some(keyed) = citelint::keys::prepare(file, &text, settings)? {
        let read = super::fix_keys::Read {
            path,
            text: &text,
            bytes: &bytes,
            meta,
            encoding,
        };
        return super::fix_keys::fix(read, keyed, settings, args, out, err);
    }
    let checked = citelint::check_as(&text, settings, super::input::markup(path, args.markdown));
    let plan = fix::plan_with(&text, &checked, opts, settings);
    let new = fix::apply(&text, &plan.edits)
        .with_context(|| format!("`{path}`: the planned repairs do not apply"))?;
    if !args.quiet {
        report(path, &text, &plan, err)?;
    }
    let would_change = new != text;
    if args.diff && would_change {
        write_diff(out, path, &text, &new)?;
    }
    let n = plan.applied.len();
    if args.diff || args.check {
        return Ok(Outcome { would_change, n });
    }
    // Written back in the file's own encoding (UTF-8 with or without a
    // byte-order mark, UTF-16 LE/BE).
    let new_bytes = citelint::input::encode(&new, encoding);
    match meta {
        None => out.write_all(&new_bytes)?,
        Some(meta) if would_change => write_atomic(Path::new(path), &new_bytes, &bytes, &meta)
            .with_context(|| format!("cannot write `{path}` (the file is left as it was)"))?,
        Some(_) => {}
    }
    Ok(Outcome { would_change, n })
}

/// Writes the unified diff of `path` from `old` to `new`.
pub(super) fn write_diff(out: &mut impl Write, path: &str, old: &str, new: &str) -> Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{path}"), &format!("b/{path}"))
    )?;
    Ok(())
}

/// Prints what `plan` repairs and leaves, one line each:
/// `path:line:col: fixed [kind] message`.
fn report(path: &str, text: &str, plan: &FixPlan, err: &mut impl Write) -> Result<()> {
    let index = LineIndex::new(text);
    let at = |start: usize| {
        let lc = index.line_col(text, start);
        format!("{path}:{}:{}", lc.line, lc.column)
    };
    for a in &plan.applied {
        writeln!(
            err,
            "{}: fixed [{}] {}",
            at(a.span.start),
            a.kind.name(),
            a.message
        )?;
    }
    // The same refusal for many entries is shown three times, then counted.
    let mut shown: Vec<(&str, usize)> = Vec::new();
    for s in &plan.skipped {
        let seen = match shown.iter_mut().find(|(r, _)| *r == s.reason) {
            Some(e) => {
                e.1 += 1;
                e.1
            }
            None => {
                shown.push((&s.reason, 1));
                1
            }
        };
        if seen <= 3 {
            let place = s.span.map_or_else(|| path.to_string(), |sp| at(sp.start));
            writeln!(err, "{place}: not fixed [{}] {}", s.kind.name(), s.reason)?;
        }
    }
    for (reason, n) in shown.into_iter().filter(|(_, n)| *n > 3) {
        writeln!(err, "{path}: … and {} more not fixed: {reason}", n - 3)?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, flushed, given `original_metadata`'s permissions (and owner,
/// where allowed), then renamed over `path`. Refuses when `path` no longer
/// holds `original` (it changed since it was read). A symbolic link is
/// followed: its target is replaced.
///
/// The caller encodes `bytes` back to the file's own encoding
/// ([`citelint::input::encode`]); the library works on UTF-8 text.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    original: &[u8],
    original_metadata: &Metadata,
) -> Result<()> {
    let target: PathBuf = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let unchanged = |when: &str| -> Result<()> {
        let now = std::fs::read(&target)
            .with_context(|| format!("cannot read `{}` again {when}", path.display()))?;
        if now != original {
            bail!("it changed since it was read; run fix again");
        }
        Ok(())
    };
    unchanged("before writing")?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".citelint-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write a temporary file in `{}`", dir.display()))?;
    std::fs::set_permissions(tmp.path(), original_metadata.permissions())
        .context("cannot give the temporary file the original's permissions")?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keeping the owner needs privileges; without them the file is ours.
        let _ = std::os::unix::fs::chown(
            tmp.path(),
            Some(original_metadata.uid()),
            Some(original_metadata.gid()),
        );
    }
    unchanged("before replacing it")?;
    tmp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot rename the temporary file over `{}`", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.txt");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let meta = std::fs::metadata(&path).unwrap();
        write_atomic(&path, b"new", b"old", &meta).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_atomic_refuses_a_file_that_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.txt");
        std::fs::write(&path, "edited meanwhile").unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let err = write_atomic(&path, b"new", b"as read", &meta).unwrap_err();
        assert!(format!("{err:#}").contains("changed since it was read"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_follows_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let meta = std::fs::metadata(&link).unwrap();
        write_atomic(&link, b"new", b"old", &meta).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
