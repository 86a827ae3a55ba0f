//! Export of parsed references to bibliography formats.
