//! The Python binding of citelint: `citelint.check`, `check_file`, `check_bytes`,
//! `convert` and `parse_references` (see `citelint/_citelint.pyi`).
//!
//! Nothing is re-implemented here: each function calls the library entry
//! point the CLI calls, with the GIL released, and hands the result over as
//! the JSON the library's serde code writes, read by Python's `json` module,
//! so a report is the CLI's `--format json` report value for value. Tool
//! errors become exceptions whose message is what the CLI prints after
//! `citelint: error: `.

use std::path::{Path, PathBuf};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyUserWarning};
use pyo3::prelude::*;
use pyo3::types::PyString;

use citelint::config::{ConfigError, FileConfig, Settings};
use citelint::export::convert::{self as conv, ConvertError};
use citelint::file::{self, FileError};
use citelint::markdown::Markup;
use citelint::FileReport;

create_exception!(
    citelint,
    CitelintError,
    PyException,
    "A tool error: what the CLI reports with exit code 2."
);
create_exception!(
    citelint,
    ConfigError_,
    CitelintError,
    "A configuration file that cannot be read or is not valid."
);
create_exception!(
    citelint,
    InputError,
    CitelintError,
    "A file that cannot be read, or whose bytes are not a manuscript."
);
create_exception!(
    citelint,
    ConvertError_,
    CitelintError,
    "An unknown format or style, or a malformed bibliography."
);

/// A tool error, turned into its Python exception when the GIL is back.
enum Failure {
    Config(ConfigError),
    File(FileError),
    Convert(ConvertError),
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Failure::Config(e)
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Failure::File(e)
    }
}

impl From<ConvertError> for Failure {
    fn from(e: ConvertError) -> Self {
        Failure::Convert(e)
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        match f {
            Failure::Config(e) => ConfigError_::new_err(file::message(&e)),
            Failure::File(e) => InputError::new_err(file::message(&e)),
            Failure::Convert(e) => ConvertError_::new_err(file::message(&e)),
        }
    }
}

/// The settings for a manuscript at `path`: those of `config` when given,
/// else of the nearest `citelint.toml` above the file, as the CLI resolves
/// them, when the file's directory exists (a URI names none); the defaults
/// when there is neither.
fn settings(config: Option<&Path>, path: Option<&str>) -> Result<Settings, Failure> {
    let found = match (config, path) {
        (Some(c), _) => Some(c.to_path_buf()),
        (None, Some(p)) if p != "-" => std::path::absolute(p)
            .ok()
            .and_then(|p| p.parent().and_then(|d| std::fs::canonicalize(d).ok()))
            .and_then(|d| FileConfig::discover(&d)),
        _ => None,
    };
    let file = match found {
        Some(c) => FileConfig::read(&c)?,
        None => FileConfig::default(),
    };
    Ok(file.resolve()?)
}

/// Checks `text` as the CLI checks a file at `path`: the report as JSON.
fn report_json(text: &str, path: &str, settings: &Settings) -> String {
    let checked = citelint::check_as(text, settings, Markup::from_path(Path::new(path)));
    let report = FileReport::new(path, text, &checked);
    // Serialising plain data cannot fail.
    serde_json::to_string(&report).unwrap_or_default()
}

/// A JSON text as Python values.
fn loads(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    let loads = py.import("json")?.getattr("loads")?;
    Ok(loads.call1((json,))?.unbind())
}

/// Says what was guessed while decoding a file (a UTF-16 file without a
/// byte-order mark …), as the CLI does on standard error.
fn warn(py: Python<'_>, path: &str, warnings: &[String]) -> PyResult<()> {
    for w in warnings {
        let message = std::ffi::CString::new(format!("`{path}`: {w}").replace('\0', " "))?;
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
    }
    Ok(())
}

/// Reads and decodes the manuscript at `path`.
fn read(path: &str) -> Result<citelint::input::Decoded, Failure> {
    Ok(file::decode(path, file::read(path)?, false)?)
}

/// The path a Python path-like object names, as text.
fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[pyfunction]
#[pyo3(signature = (text, *, path=None, config=None))]
fn check(
    py: Python<'_>,
    text: String,
    path: Option<PathBuf>,
    config: Option<PathBuf>,
) -> PyResult<Py<PyAny>> {
    let path = path.as_deref().map(path_text);
    let json = py.detach(|| -> Result<String, Failure> {
        let settings = settings(config.as_deref(), path.as_deref())?;
        Ok(report_json(
            &text,
            path.as_deref().unwrap_or("-"),
            &settings,
        ))
    })?;
    loads(py, &json)
}

/// Checks the bytes `data` yields (read with the GIL released) as the
/// manuscript at `path`, as the CLI checks a file.
fn check_read(
    py: Python<'_>,
    path: String,
    config: Option<PathBuf>,
    data: impl FnOnce(&str) -> Result<Vec<u8>, Failure> + Send,
) -> PyResult<Py<PyAny>> {
    let (json, warnings) = py.detach(|| -> Result<_, Failure> {
        let settings = settings(config.as_deref(), Some(&path))?;
        let decoded = file::decode(&path, data(&path)?, false)?;
        Ok((
            report_json(&decoded.text, &path, &settings),
            decoded.warnings,
        ))
    })?;
    warn(py, &path, &warnings)?;
    loads(py, &json)
}

#[pyfunction]
#[pyo3(signature = (path, *, config=None))]
fn check_file(py: Python<'_>, path: PathBuf, config: Option<PathBuf>) -> PyResult<Py<PyAny>> {
    check_read(py, path_text(&path), config, |p| Ok(file::read(p)?))
}

#[pyfunction]
#[pyo3(signature = (data, *, path=None, config=None))]
fn check_bytes(
    py: Python<'_>,
    data: Vec<u8>,
    path: Option<PathBuf>,
    config: Option<PathBuf>,
) -> PyResult<Py<PyAny>> {
    let path = path.as_deref().map_or_else(|| "-".to_owned(), path_text);
    check_read(py, path, config, |_| Ok(data))
}

#[pyfunction]
#[pyo3(signature = (source, to="csl-json", style=None))]
fn convert(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    to: &str,
    style: Option<&str>,
) -> PyResult<String> {
    // a str is a manuscript's text; a path-like object names a file
    let (text, path) = if let Ok(s) = source.cast::<PyString>() {
        (Some(s.extract::<String>()?), "-".to_owned())
    } else {
        (None, path_text(&source.extract::<PathBuf>()?))
    };
    let (to, style) = (to.to_owned(), style.map(str::to_owned));
    let (out, warnings) = py.detach(|| -> Result<_, Failure> {
        conv::format_of(&to, style.as_deref())?;
        let (text, warnings) = match text {
            Some(t) => (t, Vec::new()),
            None => {
                let d = read(&path)?;
                (d.text, d.warnings)
            }
        };
        let items = conv::items_of(&text, &path)?;
        Ok((conv::convert(&items, &to, style.as_deref())?, warnings))
    })?;
    warn(py, &path, &warnings)?;
    Ok(out)
}

#[pyfunction]
fn parse_references(py: Python<'_>, references: Vec<String>) -> PyResult<Py<PyAny>> {
    let json = py.detach(|| -> Result<String, Failure> {
        let items: Vec<_> = references
            .iter()
            .map(|r| citelint::refparse::parse_reference(r))
            .collect();
        Ok(conv::convert(&items, "csl-json", None)?)
    })?;
    loads(py, &json)
}

#[pymodule]
fn _citelint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CitelintError", py.get_type::<CitelintError>())?;
    m.add("ConfigError", py.get_type::<ConfigError_>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("ConvertError", py.get_type::<ConvertError_>())?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_file, m)?)?;
    m.add_function(wrap_pyfunction!(check_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(parse_references, m)?)?;
    Ok(())
}
