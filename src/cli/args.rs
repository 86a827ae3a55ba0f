//! The command-line arguments, as clap reads them. Nothing here acts: the
//! arguments are turned into settings in [`super::settings`] and run in
//! [`super::check`] and [`super::commands`].

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

use citelint::rules::{Rule, RULES};

/// Check citations and references in manuscripts.
#[derive(Parser)]
#[command(
    name = "citelint",
    version,
    about = "Check citations and references in manuscripts",
    long_about = "Check citations and references in plain-text manuscripts: every \
                  in-text citation against the reference list, and the list itself.\n\n\
                  Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 a usage, \
                  configuration or I/O error."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats of `check`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum Format {
    /// Findings with the source line underlined, and a summary.
    Human,
    /// `path:line:col: CODE severity [rule] message`, one line a finding.
    Concise,
    /// The full report as one JSON object `{"files": [...]}`.
    Json,
    /// One JSON object per finding, one per line.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
}

impl Format {
    /// Whether each file's output is an element of one array (files'
    /// parts are then separated by commas).
    pub fn is_array(self) -> bool {
        matches!(self, Format::Json | Format::Sarif)
    }
}

/// When to colour the human output.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `--fail-on` levels.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum FailOnArg {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Every finding.
    Info,
    /// Nothing: exit 0 whatever is found.
    Never,
}

/// `--style` values.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
pub enum StyleArg {
    /// Detect it from each manuscript (the default).
    Detect,
    /// Numbered citations.
    Numeric,
    /// Author and year.
    AuthorYear,
}

/// Settings flags shared by `check` and `config`; they override the
/// configuration file.
#[derive(Args, Clone, Default, Debug)]
pub struct SettingsArgs {
    /// Use this configuration file instead of looking for citelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Rules to run instead of the configured set (names, codes or `all`; comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE", value_parser = RuleName, hide_possible_values = true)]
    pub select: Option<Vec<String>>,
    /// Rules to run on top of the configured set.
    #[arg(long, value_delimiter = ',', value_name = "RULE", value_parser = RuleName, hide_possible_values = true)]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_delimiter = ',', value_name = "RULE", value_parser = RuleName, hide_possible_values = true)]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1 [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// The manuscripts' citation style, instead of detecting it.
    #[arg(long, value_enum)]
    pub style: Option<StyleArg>,
    /// An entry that may stay uncited, by label or key (repeatable).
    #[arg(long, value_name = "LABEL|KEY")]
    pub allow_uncited: Vec<String>,
    /// A bibliography file (.bib, CSL-JSON, CSL-YAML) to check key-citing
    /// manuscripts (`[@key]`, `\cite{key}`) against (repeatable).
    #[arg(long, value_name = "FILE")]
    pub bib: Vec<std::path::PathBuf>,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Check manuscripts: markers, reference list, links.
    Check(CheckArgs),
    /// Print the settings in effect (configuration file and flags) as TOML.
    Config {
        /// Settings.
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Convert references to another format (BibTeX, BibLaTeX, CSL-JSON, YAML, text, HTML).
    Convert(super::convert::ConvertArgs),
    /// List the bundled citation styles for `convert --to text|html --style`.
    Styles,
    /// Repair citations: renumber into order of first citation, apply safe fixes.
    Fix(super::fix::FixArgs),
    /// List every rule.
    Rules,
    /// Explain one rule (by name or code).
    Rule {
        /// `unresolved-citation` or `CL001`.
        #[arg(value_parser = RuleName, hide_possible_values = true)]
        name: String,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff); with `--dir`, write it and a page for
    /// every subcommand it refers to (`citelint-check.1` …) there.
    Manpage {
        /// Write `citelint.1` and every `citelint-COMMAND.1` into this directory.
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: Option<std::path::PathBuf>,
    },
    /// Run the language server (LSP over stdin and stdout) for editors.
    Server,
}

/// Arguments of `check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Files, directories (every .txt/.md/.tex under them, .gitignore respected),
    /// glob patterns (`'paper/**/*.txt'`), or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Colour the human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Exit 0 even when there are findings (tool errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the findings only: no summary line, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how many findings each rule made instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Go on with a file that is not valid UTF-8: invalid bytes become
    /// U+FFFD and a warning names the first offset.
    #[arg(long)]
    pub lossy: bool,
    /// Read every file as Markdown (code, HTML comments and blocks, link
    /// definitions and autolinks are not checked), standard input too;
    /// without it only `.md` and `.markdown` files are.
    #[arg(long)]
    pub markdown: bool,
    /// Check this many files at once [default: the number of CPUs].
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Settings.
    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// `value` as text, or clap's error for a value that is not.
fn utf8<'a>(cmd: &clap::Command, value: &'a OsStr) -> Result<&'a str, clap::Error> {
    value
        .to_str()
        .ok_or_else(|| clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd))
}

/// A rule name or code (or `all`), white space around it ignored
/// (`--select "CL001, reversed-range"`); an unknown name is an error that
/// suggests the nearest one. Shell completions offer the rule names.
#[derive(Clone, Copy)]
pub struct RuleName;

impl TypedValueParser for RuleName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let name = utf8(cmd, value)?.trim();
        if name.eq_ignore_ascii_case("all") || Rule::from_name(name).is_some() {
            return Ok(name.to_string());
        }
        let hint =
            Rule::suggest(name).map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
        let place = arg
            .and_then(clap::Arg::get_long)
            .map_or_else(String::new, |l| format!(" in `{l}`"));
        let mut cmd = cmd.clone();
        Err(cmd.error(
            ErrorKind::InvalidValue,
            format!("unknown rule `{name}`{place}{hint} (see `citelint rules`)"),
        ))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let names = std::iter::once("all").chain(RULES.iter().map(|r| r.name));
        Some(Box::new(names.map(PossibleValue::new)))
    }
}

/// Any value, as given; shell completions offer `values()` (the value is
/// checked where it is used, which also takes aliases and file paths).
#[derive(Clone, Copy)]
pub struct Offered(pub fn() -> Vec<String>);

impl TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        utf8(cmd, value).map(str::to_string)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(PossibleValue::new)))
    }
}
