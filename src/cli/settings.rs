//! The settings of a run: the configuration file (found, or given with
//! `--config`) with the command-line flags laid over it.

use std::path::PathBuf;

use anyhow::Result;

use citelint::config::{FailOn, FileConfig, Settings, StyleName};

use super::args::{FailOnArg, SettingsArgs, StyleArg};

/// The settings in effect and the file they were read from, if any.
pub fn load(args: &SettingsArgs) -> Result<(Settings, Option<PathBuf>)> {
    let path = if args.isolated {
        None
    } else if let Some(p) = &args.config {
        Some(p.clone())
    } else {
        FileConfig::discover(&std::env::current_dir()?)
    };
    let file = match &path {
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
    let settings = file.overlay(flags).resolve()?;
    Ok((settings, path))
}
