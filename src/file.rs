//! Files: a manuscript's bytes read from a path and decoded, with errors
//! that name the file. The CLI and the Python binding both read through
//! here, so a file that cannot be read is described in the same words.
//!
//! ```
//! let err = citelint::file::read("no/such/file.txt").unwrap_err();
//! assert!(err.to_string().starts_with("cannot read `no/such/file.txt`"));
//! let err = citelint::file::decode("e.txt", Vec::new(), false).unwrap_err();
//! assert_eq!(err.to_string(), "`e.txt` is empty: there is nothing to check");
//! ```

use crate::input::{Decoded, InputError};

/// Why a file is not a manuscript citelint can read. `Display` is the
/// message; an I/O error's cause is its [`std::error::Error::source`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read `{path}`")]
    Io {
        /// The path as given.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A device or a socket, which may never end.
    #[error("`{path}` is a device or a socket, not a manuscript file")]
    Special {
        /// The path as given.
        path: String,
    },
    /// The bytes are not text citelint reads.
    #[error("`{path}` {error}")]
    Decode {
        /// The path as given.
        path: String,
        /// Why (completes a sentence whose subject is the file).
        error: InputError,
    },
}

/// The bytes of the file at `path`. A device or a socket is refused (reading
/// `/dev/zero` would never end); a pipe (`<(cmd)`) is read to its end.
pub fn read(path: &str) -> Result<Vec<u8>, FileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let t = meta.file_type();
            if t.is_char_device() || t.is_block_device() || t.is_socket() {
                return Err(FileError::Special { path: path.into() });
            }
        }
    }
    std::fs::read(path).map_err(|source| FileError::Io {
        path: path.into(),
        source,
    })
}

/// [`crate::input::decode`] for the bytes of `path`: the error names it.
pub fn decode(path: &str, bytes: Vec<u8>, lossy: bool) -> Result<Decoded, FileError> {
    crate::input::decode(bytes, lossy).map_err(|error| FileError::Decode {
        path: path.into(),
        error,
    })
}

/// An error and its causes as one line, `outer: inner: …`, as the CLI
/// prints a tool error after `citelint: error: `.
pub fn message(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_names_the_path_and_the_cause() {
        let e = read("/no/such/dir/x.txt").unwrap_err();
        let m = message(&e);
        assert!(m.starts_with("cannot read `/no/such/dir/x.txt`: "), "{m}");
        assert!(m.len() > "cannot read `/no/such/dir/x.txt`: ".len(), "{m}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        let e = read("/dev/null").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`/dev/null` is a device or a socket, not a manuscript file"
        );
    }

    #[test]
    fn a_pdf_is_named() {
        let e = decode("p.pdf", b"%PDF-1.4\n".to_vec(), false).unwrap_err();
        assert_eq!(
            message(&e),
            "`p.pdf` is a PDF, not a plain-text manuscript; extract its text first"
        );
    }
}
