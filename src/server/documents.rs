//! Open documents: their text and version, edits applied, and where on
//! disk they live (for finding `citelint.toml`).

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::positions::{Encoding, Lines};
use crate::source::LineIndex;

/// The file extensions checked when the client configures none.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text as the editor holds it.
    pub text: Arc<str>,
    /// The editor's version number (rises with every change).
    pub version: i32,
}

impl Document {
    /// Applies the changes of one `didChange`, in order: a change without a
    /// range replaces the whole text, one with a range replaces that range
    /// (positions in `encoding`, clamped to the text).
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            let Some(range) = change.range else {
                self.text = Arc::from(change.text);
                continue;
            };
            let index = LineIndex::new(&self.text);
            let span = Lines::new(&self.text, &index, encoding).span(range);
            let mut text = String::with_capacity(self.text.len() + change.text.len());
            text.push_str(&self.text[..span.start]);
            text.push_str(&change.text);
            text.push_str(&self.text[span.end..]);
            self.text = Arc::from(text);
        }
    }
}

/// The local path of a `file:` URI (percent escapes decoded), or `None`
/// for another scheme or a path that is not UTF-8.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("FILE://"))?;
    // `file:///x` has an empty host; `file://localhost/x` names this one.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    // `/C:/dir` is a Windows drive path.
    let b = decoded.as_bytes();
    if cfg!(windows) && b.len() >= 3 && b[0] == b'/' && b[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether citelint checks the document at `uri`: its name ends in one of
/// `extensions` (compared without case; `untitled:` buffers and other
/// schemes are judged by their name too).
pub fn is_checked(uri: &Uri, extensions: &[String]) -> bool {
    let s = uri.as_str();
    let path = s.split(['?', '#']).next().unwrap_or(s);
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path(&uri("file:///home/a%20b/%E7%A0%94.txt")),
            Some(PathBuf::from("/home/a b/研.txt"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/x/y.md")),
            Some(PathBuf::from("/x/y.md"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
        // a broken escape or bytes that are not UTF-8 are no path, not a panic
        assert_eq!(percent_decode("/x%2"), None);
        assert_eq!(percent_decode("/x%zz"), None);
        assert_eq!(percent_decode("/x%FF"), None);
    }

    #[test]
    fn the_checked_set_goes_by_extension() {
        let exts: Vec<String> = DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect();
        assert!(is_checked(&uri("file:///p/paper.md"), &exts));
        assert!(is_checked(&uri("file:///p/PAPER.TXT"), &exts));
        assert!(!is_checked(&uri("file:///p/main.rs"), &exts));
        assert!(!is_checked(&uri("file:///p/Makefile"), &exts));
        assert!(!is_checked(&uri("file:///p.md/Makefile"), &exts));
    }

    #[test]
    fn edits_apply_in_order_in_the_agreed_encoding() {
        let mut doc = Document {
            text: Arc::from("𝒜 see [1]\nend"),
            version: 1,
        };
        let at = |line, character| Position::new(line, character);
        doc.apply(
            vec![
                // UTF-16: 𝒜 is two units, so `[1]` starts at 7
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(0, 7), at(0, 10))),
                    range_length: None,
                    text: "[2, 3]".into(),
                },
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(1, 3), at(1, 3))),
                    range_length: None,
                    text: "ing 研".into(),
                },
            ],
            Encoding::Utf16,
        );
        assert_eq!(&*doc.text, "𝒜 see [2, 3]\nending 研");
        doc.apply(
            vec![TextDocumentContentChangeEvent {
                range: Some(Range::new(at(1, 7), at(1, 10))),
                range_length: None,
                text: "究".into(),
            }],
            Encoding::Utf8,
        );
        assert_eq!(&*doc.text, "𝒜 see [2, 3]\nending 究");
        doc.apply(
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            }],
            Encoding::Utf8,
        );
        assert_eq!(&*doc.text, "new");
    }
}
