//! Bytes to text: encoding detection and decoding of manuscripts, and the
//! way back for tools that rewrite a file in its own encoding.
//!
//! [`decode`] accepts UTF-8 (with or without a byte-order mark) and UTF-16
//! (little or big endian, with a byte-order mark, or without one when the
//! pattern of zero bytes leaves no doubt). It refuses, by name, the files
//! people give a text tool by mistake: PDF, Word (DOCX and the older DOC),
//! OpenDocument, RTF, HTML, EPUB, archives, images and other binary data. It
//! never panics and reads every byte at most a few times, so a 1 GB file is
//! decoded in the time it takes to validate it.
//!
//! ```
//! use citelint::input::{decode, encode, Encoding};
//! let bytes = b"\xFF\xFEA\x00[\x001\x00]\x00".to_vec(); // UTF-16LE with BOM
//! let d = decode(bytes.clone(), false).unwrap();
//! assert_eq!(d.text, "A[1]");
//! assert_eq!(d.encoding, Encoding::Utf16Le { bom: true });
//! assert_eq!(encode(&d.text, d.encoding), bytes);
//!
//! let err = decode(b"%PDF-1.7\n...".to_vec(), false).unwrap_err();
//! assert_eq!(err.to_string(), "is a PDF, not a plain-text manuscript; extract its text first");
//! ```

use std::fmt;

/// How a manuscript's bytes were encoded. Offsets in citelint's results are
/// UTF-8 byte offsets into the decoded text, which has no byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8; `bom` when the file starts with `EF BB BF`.
    Utf8 {
        /// Whether the file carries a byte-order mark.
        bom: bool,
    },
    /// UTF-16, little endian (a Windows "Unicode" export).
    Utf16Le {
        /// Whether the file carries a byte-order mark (`FF FE`).
        bom: bool,
    },
    /// UTF-16, big endian.
    Utf16Be {
        /// Whether the file carries a byte-order mark (`FE FF`).
        bom: bool,
    },
}

impl Encoding {
    /// Plain UTF-8 without a byte-order mark.
    pub const UTF8: Encoding = Encoding::Utf8 { bom: false };

    /// The encoding's usual name: `UTF-8`, `UTF-16LE`, `UTF-16BE`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 { .. } => "UTF-8",
            Encoding::Utf16Le { .. } => "UTF-16LE",
            Encoding::Utf16Be { .. } => "UTF-16BE",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bom = match *self {
            Encoding::Utf8 { bom } | Encoding::Utf16Le { bom } | Encoding::Utf16Be { bom } => bom,
        };
        write!(f, "{}", self.name())?;
        if bom {
            write!(f, " with BOM")?;
        }
        Ok(())
    }
}

/// A decoded manuscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding the bytes were in; [`encode`] writes it back.
    pub encoding: Encoding,
    /// What was repaired or guessed on the way (lossy replacements, a
    /// UTF-16 file without a byte-order mark). Empty for clean input.
    pub warnings: Vec<String>,
}

/// Why bytes are not a manuscript. The message (`Display`) completes a
/// sentence whose subject is the file: `` `x.pdf` is a PDF, not a
/// plain-text manuscript; extract its text first ``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The file has no bytes.
    Empty,
    /// The file has only white space.
    Blank,
    /// A known non-text format: `a PDF`, `a Word document (DOCX)` …
    Format(&'static str),
    /// Binary data: a NUL byte at `offset`.
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// Invalid UTF-8 at `offset`.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// That byte.
        byte: u8,
    },
    /// Invalid UTF-16 (an unpaired surrogate or an odd trailing byte) at
    /// `offset`.
    InvalidUtf16 {
        /// The encoding it was read as.
        encoding: Encoding,
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// UTF-32, which citelint does not read.
    Utf32,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => write!(f, "is empty: there is nothing to check"),
            InputError::Blank => write!(f, "holds only white space: there is nothing to check"),
            InputError::Format(kind) => write!(
                f,
                "is {kind}, not a plain-text manuscript; extract its text first"
            ),
            InputError::Binary { offset } => write!(
                f,
                "is binary data, not a plain-text manuscript (a NUL byte at offset {offset})"
            ),
            InputError::InvalidUtf8 { offset, byte } => write!(
                f,
                "is not valid UTF-8: invalid byte at offset {offset} (0x{byte:02X}); \
                 convert it to UTF-8, or read it with --lossy"
            ),
            InputError::InvalidUtf16 { encoding, offset } => write!(
                f,
                "is not valid {}: invalid code unit at offset {offset}; \
                 convert it to UTF-8, or read it with --lossy",
                encoding.name()
            ),
            InputError::Utf32 => write!(
                f,
                "is UTF-32, which citelint does not read; convert it to UTF-8 first"
            ),
        }
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// The message without the advice to read the file with `--lossy`
    /// (for `fix`, which never rewrites a file it cannot read exactly).
    pub fn without_lossy_hint(&self) -> String {
        let m = self.to_string();
        match m.split_once(", or read it with --lossy") {
            Some((head, tail)) => format!("{head}{tail}"),
            None => m,
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes the bytes of a manuscript. With `lossy`, invalid UTF-8 or
/// UTF-16 is replaced with U+FFFD and a warning says where; without it,
/// the first invalid byte is an error that names its offset.
///
/// Takes the bytes by value so that valid UTF-8, the common case, becomes
/// the text without a copy.
pub fn decode(mut bytes: Vec<u8>, lossy: bool) -> Result<Decoded, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(InputError::Utf32);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let le = bytes[0] == 0xFF;
        let d = decode_utf16(&bytes[2..], 2, le, true, lossy)?;
        return finish(d);
    }
    let bom = bytes.starts_with(UTF8_BOM);
    if let Some(kind) = format_of(if bom { &bytes[3..] } else { &bytes }) {
        return Err(InputError::Format(kind));
    }
    if let Some(le) = utf16_without_bom(&bytes) {
        let decoded = decode_utf16(&bytes, 0, le, false, false);
        if let Some(mut d) = decoded.ok().filter(|d| !d.text.contains(is_binary_control)) {
            d.warnings.push(format!(
                "no byte-order mark; read as {} from the pattern of its zero bytes",
                d.encoding.name()
            ));
            return finish(d);
        }
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary { offset });
    }
    if bom {
        bytes.drain(..3);
    }
    let base = if bom { 3 } else { 0 };
    let encoding = Encoding::Utf8 { bom };
    let d = match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding,
            warnings: Vec::new(),
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if !lossy {
                return Err(InputError::InvalidUtf8 {
                    offset: base + at,
                    byte: bytes[at],
                });
            }
            let (text, count) = utf8_lossy(&bytes);
            Decoded {
                text,
                encoding,
                warnings: vec![format!(
                    "not valid UTF-8: {count} invalid byte sequence{} replaced with U+FFFD \
                     (the first at offset {})",
                    if count == 1 { "" } else { "s" },
                    base + at
                )],
            }
        }
    };
    finish(d)
}

/// A C0 control character that plain text does not have.
fn is_binary_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c')
}

/// The checks that apply to decoded text whatever its encoding.
fn finish(d: Decoded) -> Result<Decoded, InputError> {
    if d.text.is_empty() {
        return Err(InputError::Empty);
    }
    if d.text.trim().is_empty() {
        return Err(InputError::Blank);
    }
    Ok(d)
}

/// Replaces every invalid sequence with U+FFFD; returns the text and how
/// many sequences were replaced.
fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            count += 1;
        }
    }
    (out, count)
}

/// Decodes UTF-16 code units from `b` (which starts at byte `base` of the
/// file, after any byte-order mark).
fn decode_utf16(
    b: &[u8],
    base: usize,
    le: bool,
    bom: bool,
    lossy: bool,
) -> Result<Decoded, InputError> {
    let encoding = if le {
        Encoding::Utf16Le { bom }
    } else {
        Encoding::Utf16Be { bom }
    };
    let units = b.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut text = String::with_capacity(b.len() / 2 + b.len() / 8);
    let mut first_bad: Option<usize> = None;
    let mut bad = 0usize;
    // Offsets: count code units as they are consumed.
    let mut unit_at = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                unit_at += c.len_utf16();
                if c == '\0' {
                    return Err(InputError::Binary {
                        offset: base + 2 * (unit_at - 1),
                    });
                }
                text.push(c);
            }
            Err(_) => {
                first_bad.get_or_insert(base + 2 * unit_at);
                unit_at += 1;
                bad += 1;
                if !lossy {
                    break;
                }
                text.push('\u{FFFD}');
            }
        }
    }
    if b.len() % 2 == 1 {
        first_bad.get_or_insert(base + b.len() - 1);
        bad += 1;
        if lossy {
            text.push('\u{FFFD}');
        }
    }
    let mut warnings = Vec::new();
    if let Some(offset) = first_bad {
        if !lossy {
            return Err(InputError::InvalidUtf16 { encoding, offset });
        }
        warnings.push(format!(
            "not valid {}: {bad} invalid code unit{} replaced with U+FFFD (the first at offset {offset})",
            encoding.name(),
            if bad == 1 { "" } else { "s" }
        ));
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// UTF-16 without a byte-order mark: in the first 4 KB, at least half the
/// bytes at odd offsets are zero and (nearly) none at even offsets (little
/// endian), or the other way round (big endian). `Some(true)` for LE. The
/// guess is kept only if the text decodes without control characters.
fn utf16_without_bom(b: &[u8]) -> Option<bool> {
    let head = &b[..b.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&c| c == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&c| c == 0).count();
    if zero_odd * 2 >= pairs && zero_even * 100 <= pairs {
        Some(true)
    } else if zero_even * 2 >= pairs && zero_odd * 100 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// Names the non-text formats people give a text tool by mistake, from
/// their first bytes.
pub fn format_of(b: &[u8]) -> Option<&'static str> {
    let head = &b[..b.len().min(1024)];
    if b.trim_ascii_start().starts_with(b"%PDF") {
        return Some("a PDF");
    }
    if b.starts_with(b"PK\x03\x04") {
        return Some(zip_kind(b));
    }
    if b.starts_with(b"{\\rtf") {
        return Some("an RTF document");
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some("a legacy Microsoft Office document (DOC, XLS or PPT)");
    }
    if is_html(head) {
        return Some("an HTML document");
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x1F\x8B", "a gzip archive"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ\x00", "an xz archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"\x89PNG\r\n\x1A\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "an executable (ELF)"),
        (b"MZ", "a Windows executable"),
        (b"SQLite format 3\x00", "an SQLite database"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| b.starts_with(m))
        .map(|&(_, kind)| kind)
}

/// Tells the usual ZIP-based documents apart by the names of their first
/// members (the `mimetype` member of OpenDocument and EPUB comes first).
fn zip_kind(b: &[u8]) -> &'static str {
    let head = &b[..b.len().min(64 * 1024)];
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    if has(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        "an OpenDocument text (ODT)"
    } else if has(b"mimetypeapplication/epub+zip") {
        "an EPUB book"
    } else if has(b"mimetypeapplication/vnd.oasis.opendocument") {
        "an OpenDocument file"
    } else if has(b"word/") {
        "a Word document (DOCX)"
    } else if has(b"xl/") {
        "an Excel workbook (XLSX)"
    } else if has(b"ppt/") {
        "a PowerPoint presentation (PPTX)"
    } else {
        "a ZIP archive"
    }
}

/// An HTML or XHTML page: after white space (and an XML declaration or
/// comments), a doctype or an `<html>`, `<head>` or `<body>` tag.
fn is_html(head: &[u8]) -> bool {
    let mut s = head.trim_ascii_start();
    loop {
        if s.starts_with(b"<?xml") || s.starts_with(b"<!--") {
            let close: &[u8] = if s.starts_with(b"<!--") {
                b"-->"
            } else {
                b"?>"
            };
            match memchr::memmem::find(s, close) {
                Some(p) => s = s[p + close.len()..].trim_ascii_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let lower: Vec<u8> = s.iter().take(16).map(u8::to_ascii_lowercase).collect();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|t| lower.starts_with(t.as_bytes()))
}

/// Encodes `text` in `encoding`, byte-order mark included when the
/// original had one: what `fix` writes back.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 { bom } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(UTF8_BOM);
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Utf16Le { bom } | Encoding::Utf16Be { bom } => {
            let le = matches!(encoding, Encoding::Utf16Le { .. });
            let mut out = Vec::with_capacity(2 * text.len() + 2);
            let mut put = |u: u16| {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            };
            if bom {
                put(0xFEFF);
            }
            for u in text.encode_utf16() {
                put(u);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lossy_hint_can_be_left_out() {
        let e = decode(b"ab\xFFc".to_vec(), false).unwrap_err();
        assert!(e.to_string().ends_with("or read it with --lossy"), "{e}");
        assert_eq!(
            e.without_lossy_hint(),
            "is not valid UTF-8: invalid byte at offset 2 (0xFF); convert it to UTF-8"
        );
        assert_eq!(
            InputError::Empty.without_lossy_hint(),
            InputError::Empty.to_string()
        );
    }

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let e = if le {
            Encoding::Utf16Le { bom }
        } else {
            Encoding::Utf16Be { bom }
        };
        encode(text, e)
    }

    #[test]
    fn plain_utf8_is_taken_as_is() {
        let d = decode(b"See [1].\n".to_vec(), false).unwrap();
        assert_eq!(d.text, "See [1].\n");
        assert_eq!(d.encoding, Encoding::UTF8);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn a_utf8_bom_is_removed_and_remembered() {
        let d = decode(b"\xEF\xBB\xBFSee [1].".to_vec(), false).unwrap();
        assert_eq!(d.text, "See [1].");
        assert_eq!(d.encoding, Encoding::Utf8 { bom: true });
        assert_eq!(encode(&d.text, d.encoding), b"\xEF\xBB\xBFSee [1].");
    }

    #[test]
    fn utf16_with_and_without_bom_round_trips() {
        let text = "Žižek [1] – 中文 𝄞 (Smith, 2008)\r\n";
        for le in [true, false] {
            for bom in [true, false] {
                let bytes = utf16(text, le, bom);
                let d = decode(bytes.clone(), false).unwrap();
                assert_eq!(d.text, text, "le={le} bom={bom}");
                let want = if le {
                    Encoding::Utf16Le { bom }
                } else {
                    Encoding::Utf16Be { bom }
                };
                assert_eq!(d.encoding, want);
                assert_eq!(d.warnings.is_empty(), bom);
                assert_eq!(encode(&d.text, d.encoding), bytes);
            }
        }
    }

    #[test]
    fn invalid_utf8_names_the_offset_and_lossy_goes_on() {
        let bytes = b"abc [1]\xff\xfe more \xc3".to_vec();
        let e = decode(bytes.clone(), false).unwrap_err();
        assert_eq!(
            e,
            InputError::InvalidUtf8 {
                offset: 7,
                byte: 0xFF
            }
        );
        assert!(e.to_string().contains("invalid byte at offset 7 (0xFF)"));
        let d = decode(bytes, true).unwrap();
        assert_eq!(d.text, "abc [1]\u{FFFD}\u{FFFD} more \u{FFFD}");
        assert_eq!(
            d.warnings,
            ["not valid UTF-8: 3 invalid byte sequences replaced with U+FFFD (the first at offset 7)"]
        );
        // The offset counts the byte-order mark, which is in the file.
        let e = decode(b"\xEF\xBB\xBFab\x80".to_vec(), false).unwrap_err();
        assert_eq!(
            e,
            InputError::InvalidUtf8 {
                offset: 5,
                byte: 0x80
            }
        );
    }

    #[test]
    fn invalid_utf16_names_the_offset_and_lossy_goes_on() {
        // "A", an unpaired high surrogate, "B", then an odd byte.
        let bytes = b"\xFF\xFEA\x00\x00\xD8B\x00x".to_vec();
        let e = decode(bytes.clone(), false).unwrap_err();
        assert_eq!(
            e,
            InputError::InvalidUtf16 {
                encoding: Encoding::Utf16Le { bom: true },
                offset: 4
            }
        );
        let d = decode(bytes, true).unwrap();
        assert_eq!(d.text, "A\u{FFFD}B\u{FFFD}");
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].contains("2 invalid code units"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn formats_are_named() {
        let cases: &[(&[u8], &str)] = &[
            (b"%PDF-1.7\n", "a PDF"),
            (b"\n\n%PDF-1.4", "a PDF"),
            (b"{\\rtf1\\ansi", "an RTF document"),
            (
                b"PK\x03\x04\x14\x00\x00\x00[Content_Types].xml....word/document.xml",
                "a Word document (DOCX)",
            ),
            (
                b"PK\x03\x04\x0a\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.textPK",
                "an OpenDocument text (ODT)",
            ),
            (b"PK\x03\x04rest", "a ZIP archive"),
            (
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
                "a legacy Microsoft Office document (DOC, XLS or PPT)",
            ),
            (b"  <!DOCTYPE html>\n<html>", "an HTML document"),
            (b"<?xml version=\"1.0\"?>\n<html xmlns=", "an HTML document"),
            (b"<HTML><BODY>", "an HTML document"),
            (b"\x1F\x8B\x08\x00", "a gzip archive"),
            (b"\x89PNG\r\n\x1A\n\x00", "a PNG image"),
        ];
        for (bytes, kind) in cases {
            assert_eq!(
                decode(bytes.to_vec(), false),
                Err(InputError::Format(kind)),
                "{kind}"
            );
        }
        // A BOM before the signature does not hide it.
        assert_eq!(
            decode(b"\xEF\xBB\xBF<html>".to_vec(), true),
            Err(InputError::Format("an HTML document"))
        );
        // Markdown with an inline tag is text.
        assert!(decode(b"# Title\n\n<b>bold</b> [1]\n".to_vec(), false).is_ok());
    }

    #[test]
    fn nul_bytes_empty_and_blank_files_are_errors() {
        assert_eq!(
            decode(b"text [1]\x00\x01\x02 more text here".to_vec(), true),
            Err(InputError::Binary { offset: 8 })
        );
        assert_eq!(decode(Vec::new(), false), Err(InputError::Empty));
        assert_eq!(
            decode(b"\xEF\xBB\xBF".to_vec(), false),
            Err(InputError::Empty)
        );
        assert_eq!(decode(b"\xFF\xFE".to_vec(), false), Err(InputError::Empty));
        assert_eq!(
            decode(b" \n\t\r\n ".to_vec(), false),
            Err(InputError::Blank)
        );
        assert_eq!(
            decode(b"\xFF\xFE\x00\x00A\x00\x00\x00".to_vec(), false),
            Err(InputError::Utf32)
        );
    }

    #[test]
    fn messages_complete_a_sentence_about_the_file() {
        assert_eq!(
            InputError::Format("a PDF").to_string(),
            "is a PDF, not a plain-text manuscript; extract its text first"
        );
        assert_eq!(
            InputError::Binary { offset: 3 }.to_string(),
            "is binary data, not a plain-text manuscript (a NUL byte at offset 3)"
        );
        assert_eq!(
            InputError::Empty.to_string(),
            "is empty: there is nothing to check"
        );
    }
}
