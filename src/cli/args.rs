//! The command-line arguments, as clap reads them. Nothing here acts: the
//! arguments are turned into settings in [`super::settings`] and run in
//! [`super::check`] and [`super::commands`].

use clap::{Args, Parser, Subcommand, ValueEnum};

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
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
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
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `--fail-on` levels.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
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
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StyleArg {
    /// Numbered citations.
    Numeric,
    /// Author and year.
    AuthorYear,
}

/// Settings flags shared by `check` and `config`; they override the
/// configuration file.
#[derive(Args, Clone, Default)]
pub struct SettingsArgs {
    /// Use this configuration file instead of looking for citelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Rules to run instead of the configured set (names, codes or `all`; comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Rules to run on top of the configured set.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
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
        name: String,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Manpage,
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
    /// Check this many files at once [default: the number of CPUs].
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Settings.
    #[command(flatten)]
    pub settings: SettingsArgs,
}
