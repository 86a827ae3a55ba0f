//! `citelint check`: expand the paths, check the files in parallel, render
//! in the order the paths were given, and decide the exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use rayon::prelude::*;

use citelint::config::Settings;
use citelint::render::{self, Rendered};
use citelint::FileReport;

use super::args::{CheckArgs, ColorChoice, Format};

/// More files than this on a terminal get a progress bar.
const PROGRESS_FROM: usize = 4;

/// One checked file.
struct Done {
    text: String,
    report: FileReport,
}

/// Runs `check`.
pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let (settings, _) = super::settings::load(&args.settings)?;
    let files = super::files::expand(&args.paths)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let progress = progress_bar(files.len(), args.quiet);
    let results: Vec<Result<Done>> = files
        .par_iter()
        .map(|path| {
            let done = check_one(path, &settings, args.lossy);
            if let Some(p) = &progress {
                p.inc(1);
            }
            done
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut done = Vec::new();
    let mut io_errors = 0;
    for r in results {
        match r {
            Ok(d) => done.push(d),
            Err(e) => {
                io_errors += 1;
                eprintln!("citelint: error: {e:#}");
            }
        }
    }
    let reports: Vec<FileReport> = done.iter().map(|d| d.report.clone()).collect();
    let rendered: Vec<Rendered> = done
        .iter()
        .map(|d| Rendered {
            path: &d.report.path,
            text: &d.text,
            report: &d.report,
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if args.statistics {
        out.write_all(render::statistics::render(&reports).as_bytes())?;
    } else {
        write_report(&mut out, args, &reports, &rendered, color)?;
    }
    out.flush()?;
    if io_errors > 0 {
        return Ok(ExitCode::from(2));
    }
    let failing = settings.fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= t)
    });
    Ok(if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_one(path: &str, settings: &Settings, lossy: bool) -> Result<Done> {
    let decoded = super::input::read_with(path, lossy)?;
    for w in &decoded.warnings {
        eprintln!("citelint: warning: `{path}`: {w}");
    }
    let text = decoded.text;
    let checked = citelint::check_with(&text, settings);
    let report = FileReport::new(path, &text, &checked);
    Ok(Done { text, report })
}

/// A progress bar on stderr, only for more than a few files on a terminal
/// outside CI.
fn progress_bar(files: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    let show = files >= PROGRESS_FROM
        && !quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none();
    if !show {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files checked ({eta})")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn write_report(
    out: &mut impl Write,
    args: &CheckArgs,
    reports: &[FileReport],
    rendered: &[Rendered],
    color: bool,
) -> Result<()> {
    match args.format {
        Format::Json => out.write_all(render::json::render(reports).as_bytes())?,
        Format::Sarif => out.write_all(render::sarif::render(rendered).as_bytes())?,
        Format::Junit => out.write_all(render::junit::render(rendered).as_bytes())?,
        Format::Human | Format::Concise | Format::JsonLines | Format::Github => {
            for r in rendered {
                let s = match args.format {
                    Format::Human => render::human::render(r, color),
                    Format::Concise => render::concise::render(r),
                    Format::JsonLines => render::json_lines::render(r),
                    _ => render::github::render(r),
                };
                out.write_all(s.as_bytes())?;
            }
            if args.format == Format::Human && !args.quiet {
                let sum = |f: fn(&FileReport) -> usize| reports.iter().map(f).sum::<usize>();
                out.write_all(
                    render::human::summary(
                        reports.len(),
                        sum(|r| r.summary.errors),
                        sum(|r| r.summary.warnings),
                        sum(|r| r.summary.infos),
                    )
                    .as_bytes(),
                )?;
            }
        }
    }
    Ok(())
}
