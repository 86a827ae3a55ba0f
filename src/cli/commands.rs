//! The small subcommands: `config`, `convert`, `rules`, `rule`,
//! `completions`, `manpage`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::args::{Cli, SettingsArgs};

/// `citelint config`: the settings in effect as TOML.
pub fn config(args: &SettingsArgs) -> Result<ExitCode> {
    let (settings, path) = super::settings::load(args)?;
    let mut out = std::io::stdout().lock();
    match path {
        Some(p) => writeln!(out, "# settings from {} and the flags", p.display())?,
        None => writeln!(out, "# no configuration file: defaults and the flags")?,
    }
    out.write_all(settings.to_toml().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `citelint styles`: the bundled CSL style names.
pub fn styles() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for name in citelint::export::style_names() {
        writeln!(out, "{name}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `citelint rules`: a table of every rule.
pub fn rules() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<6} {:<24} {:<8} {:<4} summary",
        "code", "name", "severity", "on"
    )?;
    for r in citelint::rules::RULES {
        writeln!(
            out,
            "{:<6} {:<24} {:<8} {:<4} {}",
            r.code,
            r.name,
            r.severity.as_str(),
            if r.default_enabled { "yes" } else { "no" },
            r.summary
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `citelint rule NAME`: a rule's documentation.
pub fn rule(name: &str) -> Result<ExitCode> {
    let rule = citelint::rules::Rule::from_name(name).with_context(|| {
        let hint = citelint::rules::Rule::suggest(name)
            .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
        format!("no rule named `{name}`{hint} (see `citelint rules`)")
    })?;
    let info = rule.info();
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {} ({})\n", info.name, info.code)?;
    writeln!(
        out,
        "Default severity: {}{}\n",
        info.severity.as_str(),
        if info.default_enabled {
            ""
        } else {
            " (off by default: enable it with `extend-select`)"
        }
    )?;
    write!(out, "{}", info.doc)?;
    Ok(ExitCode::SUCCESS)
}

/// `citelint completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "citelint", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `citelint manpage`: the page of `citelint` on standard output, or with
/// `dir` that page and one per subcommand (the pages its SUBCOMMANDS
/// section refers to) written there.
pub fn manpage(dir: Option<&std::path::Path>) -> Result<ExitCode> {
    // `help` is a clap built-in with no page of its own
    let cmd = Cli::command().disable_help_subcommand(true);
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        clap_mangen::generate_to(cmd, dir)
            .with_context(|| format!("cannot write the man pages into `{}`", dir.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
