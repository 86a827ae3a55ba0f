//! `citelint check`: expand the paths, check the files on `--jobs` threads,
//! and write each file's output as soon as it and every file before it are
//! done, in the order the paths were given; then decide the exit code.
//!
//! Memory stays bounded by the files in flight: a worker reads, checks and
//! renders one file and hands over only the rendered text, and no worker
//! runs more than [`WINDOW_PER_JOB`] × jobs files ahead of the output.

use std::collections::BTreeMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use anyhow::Result;

use citelint::config::Settings;
use citelint::keys::report::Part;
use citelint::render::{self, statistics::Counts, Rendered};
use citelint::report::{Summary, ToolError};
use citelint::FileReport;

use super::args::{CheckArgs, ColorChoice, Format};

/// More files than this on a terminal get a progress bar.
const PROGRESS_FROM: usize = 4;

/// How many files per thread may be done and waiting for an earlier file.
const WINDOW_PER_JOB: usize = 2;

/// What a worker hands over for one file.
struct Piece {
    /// The file's part of the output.
    body: String,
    summary: Summary,
    /// A finding at or above the file's `fail-on`.
    failing: bool,
    /// Findings per rule, for `--statistics`.
    counts: Counts,
}

/// How the pieces are put together for one output format.
struct Output<'a> {
    args: &'a CheckArgs,
    /// Files whose piece was written.
    files: usize,
    /// A non-empty piece was written (JSON arrays need commas between).
    any: bool,
    /// SARIF: what follows the results.
    tail: String,
    /// JUnit: the test suites, written once the totals are known.
    held: String,
    summary: Summary,
    tests: usize,
    counts: Counts,
    /// Files that could not be checked.
    errors: Vec<ToolError>,
}

impl<'a> Output<'a> {
    fn new(args: &'a CheckArgs) -> Output<'a> {
        Output {
            args,
            files: 0,
            any: false,
            tail: String::new(),
            held: String::new(),
            summary: Summary::default(),
            tests: 0,
            counts: Counts::default(),
            errors: Vec::new(),
        }
    }

    fn begin(&mut self, out: &mut impl Write) -> Result<()> {
        if self.args.statistics {
            return Ok(());
        }
        match self.args.format {
            Format::Json => out.write_all(render::json::HEAD.as_bytes())?,
            Format::Sarif => {
                let (head, tail) = render::sarif::frame();
                out.write_all(head.as_bytes())?;
                self.tail = tail;
            }
            _ => {}
        }
        Ok(())
    }

    fn piece(&mut self, out: &mut impl Write, piece: Piece) -> Result<()> {
        self.files += 1;
        self.summary.errors += piece.summary.errors;
        self.summary.warnings += piece.summary.warnings;
        self.summary.infos += piece.summary.infos;
        // JUnit: one test case a finding, or one passing case
        self.tests += (piece.summary.errors + piece.summary.warnings + piece.summary.infos).max(1);
        if self.args.statistics {
            self.counts.merge(piece.counts);
            return Ok(());
        }
        match self.args.format {
            Format::Junit => self.held.push_str(&piece.body),
            Format::Json | Format::Sarif if piece.body.is_empty() => {}
            Format::Json | Format::Sarif => {
                if self.any {
                    out.write_all(b",")?;
                }
                out.write_all(piece.body.as_bytes())?;
            }
            _ => out.write_all(piece.body.as_bytes())?,
        }
        self.any |= !piece.body.is_empty();
        Ok(())
    }

    /// A file that could not be checked: said on standard error, and in
    /// the output in every format that has a place for it (JSON and SARIF
    /// at the end, JUnit as a test case in error).
    fn error(&mut self, out: &mut impl Write, e: ToolError) -> Result<()> {
        eprintln!("citelint: error: {}", e.message);
        if self.args.statistics {
            self.errors.push(e);
            return Ok(());
        }
        match self.args.format {
            Format::Junit => {
                self.tests += 1;
                self.held.push_str(&render::junit::error_suite(&e));
            }
            Format::JsonLines => out.write_all(render::json_lines::tool_error(&e).as_bytes())?,
            Format::Github => out.write_all(render::github::tool_error(&e).as_bytes())?,
            // on standard error only, as the findings' lines are for editors
            Format::Human | Format::Concise | Format::Json | Format::Sarif => {}
        }
        self.errors.push(e);
        Ok(())
    }

    fn end(&mut self, out: &mut impl Write) -> Result<()> {
        if self.args.statistics {
            let counts = std::mem::take(&mut self.counts);
            out.write_all(render::statistics::table(counts).as_bytes())?;
            return Ok(());
        }
        let s = &self.summary;
        match self.args.format {
            Format::Json => {
                out.write_all(render::json::tail(self.files, &self.errors).as_bytes())?
            }
            Format::Sarif => {
                out.write_all(render::sarif::close_results(self.any).as_bytes())?;
                out.write_all(render::sarif::invocations(&self.errors).as_bytes())?;
                out.write_all(self.tail.as_bytes())?;
            }
            Format::Junit => {
                let failures = s.errors + s.warnings + s.infos;
                let errors = self.errors.len();
                out.write_all(render::junit::head(self.tests, failures, errors).as_bytes())?;
                out.write_all(self.held.as_bytes())?;
                out.write_all(render::junit::TAIL.as_bytes())?;
            }
            Format::Human if !self.args.quiet => out.write_all(
                render::human::summary(
                    self.files,
                    s.errors,
                    s.warnings,
                    s.infos,
                    self.errors.len(),
                )
                .as_bytes(),
            )?,
            _ => {}
        }
        Ok(())
    }
}

/// Runs `check`.
pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let files = super::files::expand(&args.paths);
    let settings = super::settings::per_file(&args.settings, &files)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let jobs = match args.jobs {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let progress = progress_bar(files.len(), args.quiet);
    let mut output = Output::new(args);
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    output.begin(&mut out)?;
    let mut failing = false;
    let work = |i: usize| -> Result<Piece, ToolError> {
        let path: &str = files[i].as_ref().map_err(Clone::clone)?;
        let settings = &settings[i];
        let parts = check_one(path, settings, args).map_err(|e| ToolError {
            path: path.to_string(),
            message: format!("{e:#}"),
        })?;
        // a key-citing manuscript's findings in its bibliography files
        // come as parts of their own, after the manuscript's
        let threshold = settings.fail_on.threshold();
        let mut piece = Piece {
            body: String::new(),
            summary: Summary::default(),
            failing: false,
            counts: Counts::default(),
        };
        for part in &parts {
            let (path, text, report) = (&part.path, &part.text, &part.report);
            let body = render_file(args, color, path, text, report);
            if !piece.body.is_empty() && !body.is_empty() && args.format.is_array() {
                piece.body.push(',');
            }
            piece.body.push_str(&body);
            if args.statistics {
                piece.counts.add(report);
            }
            let worst = report.diagnostics.iter().map(|d| d.severity).max();
            piece.failing |= matches!((threshold, worst), (Some(t), Some(w)) if w >= t);
            let s = &mut piece.summary;
            s.markers += report.summary.markers;
            s.references += report.summary.references;
            s.errors += report.summary.errors;
            s.warnings += report.summary.warnings;
            s.infos += report.summary.infos;
        }
        Ok(piece)
    };
    in_order(files.len(), jobs, work, |_, r| {
        if let Some(p) = &progress {
            p.inc(1);
        }
        match r {
            Ok(piece) => {
                failing |= piece.failing;
                output.piece(&mut out, piece)
            }
            Err(e) => output.error(&mut out, e),
        }
    })?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    output.end(&mut out)?;
    out.flush()?;
    if !output.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The worker's half of the output: one checked file rendered.
fn render_file(
    args: &CheckArgs,
    color: bool,
    path: &str,
    text: &str,
    report: &FileReport,
) -> String {
    let r = Rendered { path, text, report };
    if args.statistics {
        return String::new();
    }
    match args.format {
        Format::Human if args.quiet => render::human::render(&r, color),
        Format::Human => {
            let mut body = render::human::render(&r, color);
            body.push_str(&render::human::file_summary(path, &report.summary));
            body
        }
        Format::Concise => render::concise::render(&r),
        Format::JsonLines => render::json_lines::render(&r),
        Format::Github => render::github::render(&r),
        Format::Json => render::json::file(report),
        Format::Sarif => render::sarif::file(&r),
        Format::Junit => render::junit::file(&r),
    }
}

/// Reads and checks one file: its text and its report, and for a
/// key-citing manuscript those of its bibliography files with findings.
/// The report carries markers and entries only when the format prints them.
fn check_one(path: &str, settings: &Settings, args: &CheckArgs) -> Result<Vec<Part>> {
    let decoded = super::input::read_with(path, args.lossy)?;
    for w in &decoded.warnings {
        eprintln!("citelint: warning: `{path}`: {w}");
    }
    let text = decoded.text;
    let file = (path != "-").then(|| std::path::Path::new(path));
    let checked = match citelint::keys::prepare(file, &text, settings)? {
        Some(keyed) => citelint::keys::check(&text, keyed, settings),
        None => citelint::check_as(&text, settings, super::input::markup(path, args.markdown)),
    };
    let full = args.format == Format::Json && !args.statistics;
    Ok(citelint::keys::report::parts(path, text, checked, full))
}

/// Runs `work` for `0..n` on `jobs` threads and hands each result to `sink`
/// in index order, as soon as it and all before it are done. Workers stay
/// at most `WINDOW_PER_JOB * jobs` items ahead of the sink, so at most that
/// many results wait in memory. An error from `sink` stops the run.
fn in_order<T: Send>(
    n: usize,
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
    mut sink: impl FnMut(usize, T) -> Result<()>,
) -> Result<()> {
    if jobs <= 1 || n <= 1 {
        for i in 0..n {
            sink(i, work(i))?;
        }
        return Ok(());
    }
    let window = WINDOW_PER_JOB * jobs;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(n) {
            let tx = tx.clone();
            let (next, stop, written, moved, work) = (&next, &stop, &written, &moved, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n || stop.load(Ordering::Relaxed) {
                    break;
                }
                {
                    let mut w = written.lock().unwrap_or_else(|p| p.into_inner());
                    while i >= *w + window && !stop.load(Ordering::Relaxed) {
                        w = moved.wait(w).unwrap_or_else(|p| p.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed) || tx.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut done = 0;
        let mut result = Ok(());
        for (i, r) in rx.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&done) {
                if let Err(e) = sink(done, r) {
                    result = Err(e);
                    break;
                }
                done += 1;
            }
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            *written.lock().unwrap_or_else(|p| p.into_inner()) = done;
            moved.notify_all();
            if result.is_err() {
                break;
            }
        }
        result
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            in_order(
                50,
                jobs,
                |i| {
                    // later items finish first now and then
                    if i % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(3));
                    }
                    i * 10
                },
                |i, v| {
                    assert_eq!(v, i * 10);
                    seen.push(i);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..50).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let worked = AtomicUsize::new(0);
        let r = in_order(
            1000,
            2,
            |i| {
                worked.fetch_add(1, Ordering::Relaxed);
                i
            },
            |i, _| {
                if i == 3 {
                    anyhow::bail!("broken pipe")
                }
                Ok(())
            },
        );
        assert!(r.is_err());
        // the workers were held within the window, not run to the end
        assert!(worked.load(Ordering::Relaxed) < 1000);
    }

    #[test]
    fn nothing_to_do_is_fine() {
        in_order(0, 4, |i| i, |_, _| anyhow::bail!("called")).unwrap();
    }
}
