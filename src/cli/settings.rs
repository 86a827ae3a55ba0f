//! The settings of a run: the configuration file (found, or given with
//! `--config`) with the command-line flags laid over it.
//!
//! Without `--config` or `--isolated`, each checked file has the settings
//! of the nearest `citelint.toml` (or `.citelint.toml`) in its own
//! directory or a parent of it, as ruff and typos resolve theirs: the same
//! file gives the same result from whatever directory it is checked.
//! Standard input is resolved from the current directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

use citelint::config::{FailOn, FileConfig, Settings, StyleName};
use citelint::report::ToolError;

use super::args::{FailOnArg, SettingsArgs, StyleArg};

/// The settings in effect in the current directory and the file they were
/// read from, if any (what `citelint config` prints).
pub fn load(args: &SettingsArgs) -> Result<(Settings, Option<PathBuf>)> {
    let path = if args.isolated {
        None
    } else if let Some(p) = &args.config {
        Some(p.clone())
    } else {
        FileConfig::discover(&std::env::current_dir()?)
    };
    Ok((settings_from(path.as_deref(), args)?, path))
}

/// The settings of each of `files` (paths as given, `-` for standard
/// input; a path that gave no file gets those of the current directory),
/// parallel to them. A configuration file is read once however many files
/// it governs; one that cannot be read or is not valid is an error naming
/// it.
pub fn per_file(
    args: &SettingsArgs,
    files: &[Result<String, ToolError>],
) -> Result<Vec<Arc<Settings>>> {
    if args.isolated || args.config.is_some() {
        let (settings, _) = load(args)?;
        let shared = Arc::new(settings);
        return Ok(files.iter().map(|_| Arc::clone(&shared)).collect());
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    // directory -> the configuration file governing it
    let mut found: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    // configuration file -> its settings
    let mut read: HashMap<Option<PathBuf>, Arc<Settings>> = HashMap::new();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let f = f.as_ref().map_or("-", String::as_str);
        let dir = if f == "-" {
            cwd.clone()
        } else {
            // `../x/a.txt` is looked up from `x`, not lexically from `..`
            let p = cwd.join(f);
            let dir = p.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
            std::fs::canonicalize(&dir).unwrap_or(dir)
        };
        let config = found
            .entry(dir.clone())
            .or_insert_with(|| FileConfig::discover(&dir))
            .clone();
        let settings = match read.get(&config) {
            Some(s) => Arc::clone(s),
            None => {
                let s = Arc::new(settings_from(config.as_deref(), args)?);
                read.insert(config, Arc::clone(&s));
                s
            }
        };
        out.push(settings);
    }
    Ok(out)
}

/// The configuration file at `path` (none: the defaults) with the flags
/// laid over it, validated.
fn settings_from(path: Option<&Path>, args: &SettingsArgs) -> Result<Settings> {
    let file = match path {
        Some(p) => FileConfig::read(p)?,
        None => FileConfig::default(),
    };
    let flags = FileConfig {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(|f| match f {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }),
        style: citelint::config::StyleConfig {
            citation: args.style.map(|s| match s {
                StyleArg::Detect => StyleName::Detect,
                StyleArg::Numeric => StyleName::Numeric,
                StyleArg::AuthorYear => StyleName::AuthorYear,
            }),
            ..Default::default()
        },
        references: citelint::config::ReferencesConfig {
            allow_uncited: args.allow_uncited.clone(),
            bibliography: args.bib.clone(),
            ..Default::default()
        },
        ..FileConfig::default()
    };
    Ok(file.overlay(flags).resolve()?)
}
