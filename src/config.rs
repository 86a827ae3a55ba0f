//! Configuration: `citelint.toml` (or `.citelint.toml`) and the settings in
//! effect for a run.
//!
//! A [`FileConfig`] is the file as written; command-line flags are a second
//! [`FileConfig`] laid over it ([`FileConfig::overlay`]); [`Settings`] is
//! the result, validated: rule names resolved, severities known. Unknown
//! keys, unknown rule names and bad values are errors that name what is
//! wrong, never silently ignored.
//!
//! ```
//! let cfg = citelint::config::FileConfig::from_toml(r#"
//! ignore = ["uncited-reference"]
//! fail-on = "warning"
//! [severity]
//! empty-reference = "error"
//! [references]
//! allow-uncited = ["12", "smith2008"]
//! "#)?;
//! let settings = cfg.resolve()?;
//! assert!(!settings.is_enabled(citelint::rules::Rule::UncitedReference));
//! # Ok::<(), citelint::config::ConfigError>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::parse::Style;
use crate::rules::{Rule, RULES};

/// The names of the configuration file, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &["citelint.toml", ".citelint.toml"];

/// What can be wrong with a configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown key or a bad value.
    #[error("{0}")]
    Toml(String),
    /// A rule name that no rule has.
    #[error(
        "unknown rule `{name}` in `{key}`{} (see `citelint rules`)",
        crate::rules::Rule::suggest(name).map_or_else(String::new, |s| format!("; did you mean `{s}`?"))
    )]
    UnknownRule {
        /// The name as written.
        name: String,
        /// The setting it was found in.
        key: String,
    },
}

/// The lowest severity that makes a run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors only (the default).
    #[default]
    Error,
    /// Warnings and errors.
    Warning,
    /// Every finding.
    Info,
    /// Nothing: the exit code is 0 whatever is found.
    Never,
}

impl FailOn {
    /// The severity threshold, or `None` for [`FailOn::Never`].
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }

    /// Parses `error`, `warning`, `info` or `never`.
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }
}

/// A severity as configured: a level, or `off` to disable the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as a note.
    Info,
    /// Do not run the rule.
    Off,
}

/// Citation style hints (`[style]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StyleConfig {
    /// `numeric` or `author-year`: trust this over the detected style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<StyleName>,
    /// The fewest authors for which `et al.` is used in a citation (APA: 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub et_al_threshold: Option<u32>,
    /// The dash a compressed range is written with (`–` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_dash: Option<String>,
}

/// A citation style name in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StyleName {
    /// Detected from the manuscript (the default).
    Detect,
    /// Numbered citations.
    Numeric,
    /// Author and year.
    AuthorYear,
}

impl StyleName {
    /// The style to use instead of the detected one, if any.
    pub fn style(self) -> Option<Style> {
        match self {
            StyleName::Detect => None,
            StyleName::Numeric => Some(Style::Numeric),
            StyleName::AuthorYear => Some(Style::AuthorYear),
        }
    }
}

/// The reference list (`[references]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReferencesConfig {
    /// Extra names of the reference section (`Literatur`), on top of the
    /// built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<String>,
    /// Entries that may stay uncited, by label (`12`) or key (`smith2008a`:
    /// first author's family name and year, case and punctuation aside).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_uncited: Vec<String>,
    /// Bibliography files every key-citing manuscript is checked against,
    /// on top of those it names (relative to the current directory).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bibliography: Vec<PathBuf>,
}

/// `citelint.toml` as written. Every field is optional.
///
/// ```toml
/// select = ["all"]                  # rules to run: names, codes or "all"
/// extend-select = ["uncompressed-range"]   # add to the default set
/// ignore = ["CL010"]                # rules not to run
/// fail-on = "error"                 # error | warning | info | never
///
/// [severity]                        # per-rule severity: error | warning | info | off
/// numbering-gap = "error"
///
/// [style]
/// citation = "numeric"              # detect | numeric | author-year
/// et-al-threshold = 3
/// range-dash = "–"
///
/// [references]
/// headings = ["Literatur"]
/// allow-uncited = ["12", "smith2008a"]
/// bibliography = ["bib/refs.bib"]   # for [@key] / \cite{key} manuscripts
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    /// Rules to run instead of the default set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules to run on top of the selection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// The lowest severity that fails a run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// Per-rule severity, by name or code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Level>,
    /// Citation style hints.
    #[serde(default)]
    pub style: StyleConfig,
    /// The reference list.
    #[serde(default)]
    pub references: ReferencesConfig,
}

impl FileConfig {
    /// Parses the text of a configuration file.
    pub fn from_toml(text: &str) -> Result<FileConfig, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string().trim_end().to_string()))
    }

    /// Reads and parses the configuration file at `path`.
    pub fn read(path: &Path) -> Result<FileConfig, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        FileConfig::from_toml(&text).map_err(|e| match e {
            ConfigError::Toml(m) => ConfigError::Toml(format!("{}: {m}", path.display())),
            e => e,
        })
    }

    /// The first configuration file in `dir` or one of its ancestors.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    }

    /// `self` with every setting of `over` that is set replacing its own
    /// (lists given in `over` replace, `ignore` and `extend-select` add up).
    pub fn overlay(mut self, over: FileConfig) -> FileConfig {
        if over.select.is_some() {
            self.select = over.select;
        }
        self.extend_select.extend(over.extend_select);
        self.ignore.extend(over.ignore);
        if over.fail_on.is_some() {
            self.fail_on = over.fail_on;
        }
        self.severity.extend(over.severity);
        if over.style.citation.is_some() {
            self.style.citation = over.style.citation;
        }
        if over.style.et_al_threshold.is_some() {
            self.style.et_al_threshold = over.style.et_al_threshold;
        }
        if over.style.range_dash.is_some() {
            self.style.range_dash = over.style.range_dash;
        }
        if !over.references.headings.is_empty() {
            self.references.headings = over.references.headings;
        }
        if !over.references.allow_uncited.is_empty() {
            self.references.allow_uncited = over.references.allow_uncited;
        }
        if !over.references.bibliography.is_empty() {
            self.references.bibliography = over.references.bibliography;
        }
        self
    }

    /// Validates the configuration into the settings in effect.
    pub fn resolve(&self) -> Result<Settings, ConfigError> {
        let mut s = Settings::default();
        if let Some(select) = &self.select {
            s.enabled = vec![false; RULES.len()];
            for r in rules_named(select, "select")? {
                s.enabled[index(r)] = true;
            }
        }
        for r in rules_named(&self.extend_select, "extend-select")? {
            s.enabled[index(r)] = true;
        }
        for r in rules_named(&self.ignore, "ignore")? {
            s.enabled[index(r)] = false;
        }
        for (name, level) in &self.severity {
            let rule = Rule::from_name(name).ok_or_else(|| ConfigError::UnknownRule {
                name: name.clone(),
                key: "severity".into(),
            })?;
            let i = index(rule);
            match level {
                Level::Off => s.enabled[i] = false,
                Level::Error => s.severity[i] = Severity::Error,
                Level::Warning => s.severity[i] = Severity::Warning,
                Level::Info => s.severity[i] = Severity::Info,
            }
        }
        s.fail_on = self.fail_on.unwrap_or_default();
        s.style = self.style.citation.and_then(StyleName::style);
        if let Some(n) = self.style.et_al_threshold {
            if n < 2 {
                return Err(ConfigError::Toml(format!(
                    "`style.et-al-threshold` must be 2 or more, not {n}"
                )));
            }
            s.et_al_threshold = n;
        }
        if let Some(d) = &self.style.range_dash {
            if d.is_empty() || d.chars().count() > 3 {
                return Err(ConfigError::Toml(format!(
                    "`style.range-dash` must be a dash such as \"–\" or \"-\", not {d:?}"
                )));
            }
            s.range_dash = Some(d.clone());
        }
        s.headings = self.references.headings.clone();
        s.allow_uncited = self.references.allow_uncited.clone();
        s.bibliography = self.references.bibliography.clone();
        Ok(s)
    }
}

/// The index of `rule` in the registry.
fn index(rule: Rule) -> usize {
    RULES.iter().position(|r| r.rule == rule).unwrap_or(0)
}

/// Resolves rule names, codes and `all` in the setting `key`.
fn rules_named(names: &[String], key: &str) -> Result<Vec<Rule>, ConfigError> {
    let mut out = Vec::new();
    for n in names.iter().map(|n| n.trim()) {
        if n.eq_ignore_ascii_case("all") {
            out.extend(RULES.iter().map(|r| r.rule));
            continue;
        }
        out.push(Rule::from_name(n).ok_or_else(|| ConfigError::UnknownRule {
            name: n.to_string(),
            key: key.into(),
        })?);
    }
    Ok(out)
}

/// A calendar date (for `future-year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Today {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day, 1–31.
    pub day: u32,
}

impl Today {
    /// The current UTC date from the system clock.
    pub fn now() -> Today {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Today::from_unix_days((secs / 86_400) as i64)
    }

    /// The civil date `days` days after 1970-01-01 (proleptic Gregorian).
    pub fn from_unix_days(days: i64) -> Today {
        // Era-based conversion: 400-year eras of 146 097 days, years
        // counted from March so that the leap day comes last.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Today { year, month, day }
    }
}

/// The settings in effect for a run: which rules run, at which severity,
/// and the hints the rules read.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Whether each rule runs (parallel to [`RULES`]).
    pub enabled: Vec<bool>,
    /// Each rule's severity (parallel to [`RULES`]).
    pub severity: Vec<Severity>,
    /// The lowest severity that fails a run.
    pub fail_on: FailOn,
    /// The citation style, when configured rather than detected.
    pub style: Option<Style>,
    /// The fewest authors for which `et al.` is used.
    pub et_al_threshold: u32,
    /// The dash of a compressed range, when configured (see
    /// [`Settings::range_dash`]).
    pub range_dash: Option<String>,
    /// Extra reference-section headings.
    pub headings: Vec<String>,
    /// Entries that may stay uncited, by label or key.
    pub allow_uncited: Vec<String>,
    /// Bibliography files for key-citing manuscripts (`--bib`).
    pub bibliography: Vec<PathBuf>,
    /// The date the run takes as today.
    pub today: Today,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: RULES.iter().map(|r| r.default_enabled).collect(),
            severity: RULES.iter().map(|r| r.severity).collect(),
            fail_on: FailOn::Error,
            style: None,
            et_al_threshold: 3,
            range_dash: None,
            headings: Vec::new(),
            allow_uncited: Vec::new(),
            bibliography: Vec::new(),
            today: Today::now(),
        }
    }
}

impl Settings {
    /// Whether `rule` runs.
    pub fn is_enabled(&self, rule: Rule) -> bool {
        self.enabled[index(rule)]
    }

    /// The severity `rule` reports at.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.severity[index(rule)]
    }

    /// The dash of a compressed range: the configured one, or `–`.
    pub fn range_dash(&self) -> &str {
        self.range_dash.as_deref().unwrap_or("–")
    }

    /// Whether the uncited entry with `label` or `key` is on the allow-list.
    pub fn uncited_allowed(&self, label: Option<&str>, key: Option<&str>) -> bool {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        self.allow_uncited.iter().any(|a| {
            let a = norm(a);
            !a.is_empty()
                && (label.is_some_and(|l| norm(l) == a) || key.is_some_and(|k| norm(k) == a))
        })
    }

    /// The settings as a complete `citelint.toml` (what `citelint config`
    /// prints): every rule that runs, every severity.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Out {
            select: Vec<&'static str>,
            fail_on: FailOn,
            severity: BTreeMap<&'static str, Severity>,
            style: StyleOut,
            references: ReferencesConfig,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct StyleOut {
            citation: &'static str,
            et_al_threshold: u32,
            #[serde(skip_serializing_if = "Option::is_none")]
            range_dash: Option<String>,
        }
        let out = Out {
            select: RULES
                .iter()
                .filter(|r| self.is_enabled(r.rule))
                .map(|r| r.name)
                .collect(),
            fail_on: self.fail_on,
            severity: RULES
                .iter()
                .filter(|r| self.is_enabled(r.rule))
                .map(|r| (r.name, self.severity(r.rule)))
                .collect(),
            style: StyleOut {
                citation: match self.style {
                    None => "detect",
                    Some(Style::Numeric) => "numeric",
                    Some(Style::AuthorYear) => "author-year",
                },
                et_al_threshold: self.et_al_threshold,
                range_dash: self.range_dash.clone(),
            },
            references: ReferencesConfig {
                headings: self.headings.clone(),
                allow_uncited: self.allow_uncited.clone(),
                bibliography: self.bibliography.clone(),
            },
        };
        toml::to_string(&out).unwrap_or_else(|e| format!("# cannot print the settings: {e}\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_named() {
        let e = FileConfig::from_toml("selct = []").unwrap_err().to_string();
        assert!(e.contains("unknown field `selct`"), "{e}");
        let e = FileConfig::from_toml("[style]\ndash = \"-\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field `dash`"), "{e}");
    }

    #[test]
    fn an_unknown_rule_is_named() {
        let e = FileConfig::from_toml("ignore = [\"no-such\"]")
            .unwrap()
            .resolve()
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "unknown rule `no-such` in `ignore` (see `citelint rules`)"
        );
        let e =
            FileConfig::from_toml("select = [\"CL001\", \" reversed-range\", \"missing-yaer\"]")
                .unwrap()
                .resolve()
                .unwrap_err()
                .to_string();
        assert_eq!(
            e,
            "unknown rule `missing-yaer` in `select`; did you mean `missing-year`? (see `citelint rules`)"
        );
    }

    #[test]
    fn select_ignore_and_severity_combine() {
        let cfg = FileConfig::from_toml(
            "select = [\"CL001\", \"uncited-reference\"]\nextend-select = [\"CL004\"]\nignore = [\"CL001\"]\n[severity]\nuncited-reference = \"warning\"\nduplicate-label = \"off\"",
        )
        .unwrap();
        let s = cfg.resolve().unwrap();
        let on: Vec<_> = RULES
            .iter()
            .filter(|r| s.is_enabled(r.rule))
            .map(|r| r.name)
            .collect();
        assert_eq!(on, ["uncited-reference"]);
        assert_eq!(s.severity(Rule::UncitedReference), Severity::Warning);
    }

    #[test]
    fn flags_override_the_file() {
        let file = FileConfig::from_toml("fail-on = \"warning\"\nignore = [\"CL002\"]").unwrap();
        let flags = FileConfig {
            fail_on: Some(FailOn::Never),
            ignore: vec!["CL003".into()],
            ..FileConfig::default()
        };
        let s = file.overlay(flags).resolve().unwrap();
        assert_eq!(s.fail_on, FailOn::Never);
        assert!(!s.is_enabled(Rule::UncitedReference));
        assert!(!s.is_enabled(Rule::EmptyReference));
    }

    #[test]
    fn allow_list_matches_labels_and_keys_loosely() {
        let s = FileConfig::from_toml("[references]\nallow-uncited = [\"12\", \"Smith 2008a\"]")
            .unwrap()
            .resolve()
            .unwrap();
        assert!(s.uncited_allowed(Some("12"), None));
        assert!(s.uncited_allowed(Some("[12]"), None));
        assert!(s.uncited_allowed(None, Some("smith2008a")));
        assert!(!s.uncited_allowed(Some("1"), Some("smith2008")));
    }

    #[test]
    fn unix_days_become_civil_dates() {
        assert_eq!(
            Today::from_unix_days(0),
            Today {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        // 2024-02-29 is day 19 782.
        assert_eq!(
            Today::from_unix_days(19_782),
            Today {
                year: 2024,
                month: 2,
                day: 29
            }
        );
    }

    #[test]
    fn the_settings_print_as_toml_that_reads_back() {
        let s = Settings::default();
        let text = s.to_toml();
        assert!(text.contains("select = ["), "{text}");
        // What is printed is a valid configuration that reads back as the
        // same settings, `citation = "detect"` included.
        assert!(text.contains("citation = \"detect\""), "{text}");
        let back = FileConfig::from_toml(&text).unwrap().resolve().unwrap();
        assert_eq!(back.enabled, s.enabled);
        assert_eq!(back.style, None);
        let numeric = FileConfig::from_toml("[style]\ncitation = \"numeric\"\nrange-dash = \"-\"")
            .unwrap()
            .resolve()
            .unwrap();
        let back = FileConfig::from_toml(&numeric.to_toml())
            .unwrap()
            .resolve()
            .unwrap();
        assert_eq!(back.style, Some(Style::Numeric));
        assert_eq!(back.range_dash.as_deref(), Some("-"));
    }
}
