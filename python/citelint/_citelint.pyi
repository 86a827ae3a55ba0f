"""Type stubs of the compiled module (python/src/lib.rs)."""

import os
from typing import Any, Literal, Optional, Union

StrPath = Union[str, "os.PathLike[str]"]

class CitelintError(Exception):
    """A tool error: what the CLI reports with exit code 2. The message is
    the one the CLI prints after ``citelint: error: ``."""

class ConfigError(CitelintError):
    """A configuration file that cannot be read or is not valid."""

class InputError(CitelintError):
    """A file that cannot be read, or whose bytes are not a plain-text
    manuscript (empty, binary, a PDF or a Word file, invalid UTF-8)."""

class ConvertError(CitelintError):
    """An unknown format or style, a style for a format without one, or a
    malformed bibliography file."""

def check(
    text: str,
    *,
    path: Optional[StrPath] = None,
    config: Optional[StrPath] = None,
) -> dict[str, Any]:
    """Checks a manuscript: the report ``citelint check --format json`` gives
    for a file (one element of its ``files``), as Python values: ``path``,
    ``markers``, ``references``, ``diagnostics``, ``summary``.

    ``path`` names the text in the report (``"-"`` when ``None``), makes a
    ``.md`` file be read as Markdown, and, without ``config``, selects the
    nearest ``citelint.toml`` above it, as the CLI does; ``config`` is a
    configuration file to use instead. Without either, the default rules.

    Raises ConfigError for a configuration file that cannot be used."""

def check_file(path: StrPath, *, config: Optional[StrPath] = None) -> dict[str, Any]:
    """Reads and checks the manuscript at ``path`` (UTF-8 or UTF-16), as
    ``citelint check --format json path`` does. What was guessed while
    decoding is issued as a UserWarning. PDFs are not read here (extract
    their text first).

    Raises InputError for a file that cannot be read or is not a plain-text
    manuscript, ConfigError for a bad configuration file."""

def check_bytes(
    data: bytes,
    *,
    path: Optional[StrPath] = None,
    config: Optional[StrPath] = None,
) -> dict[str, Any]:
    """Checks a manuscript's bytes, decoded as the CLI decodes a file
    (UTF-8 or UTF-16): ``check_file`` for bytes read elsewhere (an object
    store, a Parquet column). ``path`` and ``config`` as for ``check``.

    Raises InputError for bytes that are not a plain-text manuscript."""

def convert(
    source: Union[str, "os.PathLike[str]"],
    to: Literal["bibtex", "biblatex", "csl-json", "yaml", "text", "html"] | str = "csl-json",
    style: Optional[str] = None,
) -> str:
    """The references of ``source`` in the format ``to``, byte for byte what
    ``citelint convert --to TO [--style STYLE]`` writes. A ``str`` is a
    manuscript's text; a path-like object (``pathlib.Path``) names a file:
    a manuscript, or a bibliography by its extension (``.bib``, ``.json``
    CSL-JSON, ``.yaml``). ``style`` (a bundled name or a ``.csl`` file)
    applies to ``text`` and ``html``.

    Raises ConvertError for an unknown format or style or a malformed
    bibliography, InputError for a file that cannot be read."""

def parse_references(references: list[str]) -> list[dict[str, Any]]:
    """Each reference string parsed into a CSL-JSON item, with an ``id``:
    what ``citelint convert --refs FILE --to csl-json`` writes for the
    strings, one a line."""
