"""citelint: check the citations and reference list of a manuscript.

The functions are the Rust library's, compiled (see ``_citelint.pyi`` for
their signatures); they release the GIL while they work, so threads check
manuscripts in parallel.
"""

from ._citelint import (
    CitelintError,
    ConfigError,
    ConvertError,
    InputError,
    check,
    check_bytes,
    check_file,
    convert,
    parse_references,
)

__all__ = [
    "CitelintError",
    "ConfigError",
    "ConvertError",
    "InputError",
    "check",
    "check_bytes",
    "check_file",
    "convert",
    "parse_references",
]
