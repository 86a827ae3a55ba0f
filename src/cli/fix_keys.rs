//! `citelint fix` on a key-citing manuscript (`[@key]`, `\cite{key}`):
//! the repairs of [`citelint::keys::fix`] written to the manuscript and
//! its bibliography files, each file atomically (see
//! [`super::fix::write_atomic`]). Every file's new text is worked out
//! before any file is written.

use std::fs::Metadata;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};

use citelint::config::Settings;
use citelint::input::Encoding;
use citelint::keys::fix::{plan, Repair};
use citelint::keys::Keyed;
use citelint::source::LineIndex;

use super::fix::{FixArgs, Outcome};

/// The manuscript as read.
pub(super) struct Read<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub bytes: &'a [u8],
    pub meta: Option<Metadata>,
    pub encoding: Encoding,
}

/// Prints one repair, or one left undone: `path:line:col: fixed [kind] …`.
fn line(r: &Repair, done: bool, m: &Read, keyed: &Keyed, err: &mut impl Write) -> Result<()> {
    let (path, text) = match &r.file {
        None => (m.path, m.text),
        Some(p) => (
            p.as_str(),
            keyed
                .files
                .iter()
                .find(|f| f.path == *p)
                .map_or("", |f| f.text.as_str()),
        ),
    };
    let lc = LineIndex::new(text).line_col(text, r.span.start);
    let what = if done { "fixed" } else { "not fixed" };
    writeln!(
        err,
        "{path}:{}:{}: {what} [{}] {}",
        lc.line, lc.column, r.kind, r.message
    )?;
    Ok(())
}

/// Repairs a key-citing manuscript and its bibliography files.
pub(super) fn fix(
    m: Read,
    keyed: Keyed,
    settings: &Settings,
    args: &FixArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Outcome> {
    let checked = citelint::keys::check(m.text, keyed, settings);
    let plan = plan(&checked, args.unsafe_fixes);
    let Some(keyed) = checked.keys.as_ref() else {
        bail!("`{}`: no citation keys to repair", m.path);
    };
    if !args.quiet {
        for r in &plan.applied {
            line(r, true, &m, keyed, err)?;
        }
        for r in &plan.skipped {
            line(r, false, &m, keyed, err)?;
        }
    }
    // (path, old text, new text), the manuscript's first
    let mut changes: Vec<(&str, &str, String)> = Vec::new();
    for f in &plan.files {
        let (path, text) = match &f.file {
            None => (m.path, m.text),
            Some(p) => match keyed.files.iter().find(|b| b.path == *p) {
                Some(b) => (b.path.as_str(), b.text.as_str()),
                None => bail!("`{p}`: a repair points into a file that was not read"),
            },
        };
        let new = citelint::fix::apply(text, &f.edits)
            .with_context(|| format!("`{path}`: the planned repairs do not apply"))?;
        if new != text {
            changes.push((path, text, new));
        }
    }
    let would_change = !changes.is_empty();
    let n = plan.applied.len();
    if args.diff {
        for (path, old, new) in &changes {
            super::fix::write_diff(out, path, old, new)?;
        }
    }
    if args.diff || args.check {
        return Ok(Outcome { would_change, n });
    }
    if m.path == "-" {
        let new = changes
            .iter()
            .find(|(p, _, _)| *p == "-")
            .map_or(m.text, |(_, _, n)| n.as_str());
        out.write_all(&citelint::input::encode(new, m.encoding))?;
        if changes.iter().any(|(p, _, _)| *p != "-") {
            writeln!(
                err,
                "citelint: bibliography repairs are not written for standard input"
            )?;
        }
        return Ok(Outcome { would_change, n });
    }
    for (path, old, new) in &changes {
        if *path == m.path {
            let Some(meta) = &m.meta else { continue };
            let bytes = citelint::input::encode(new, m.encoding);
            super::fix::write_atomic(Path::new(path), &bytes, m.bytes, meta)
                .with_context(|| format!("cannot write `{path}` (the file is left as it was)"))?;
            continue;
        }
        // A bibliography file: written back in its own encoding, only if it
        // still holds the text that was checked.
        let original =
            std::fs::read(path).with_context(|| format!("cannot read `{path}` again"))?;
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read `{path}`"))?;
        let decoded = citelint::input::decode(original.clone(), false)
            .with_context(|| format!("cannot read `{path}` again"))?;
        if decoded.text != *old {
            bail!("`{path}` changed since it was read; run fix again (it is left as it was)");
        }
        let bytes = citelint::input::encode(new, decoded.encoding);
        super::fix::write_atomic(Path::new(path), &bytes, &original, &meta)
            .with_context(|| format!("cannot write `{path}` (the file is left as it was)"))?;
    }
    Ok(Outcome { would_change, n })
}
