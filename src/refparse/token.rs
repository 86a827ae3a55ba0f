//! Tokeniser for reference strings.
//!
//! A reference is cut into tokens of four kinds:
//!
//! * `Link`: a whitespace-delimited chunk that starts like a URL, a DOI or an
//!   arXiv identifier (`https://…`, `www.…`, `doi:…`, `10.1234/…`,
//!   `arXiv:…`), minus trailing sentence punctuation;
//! * `Word`: a maximal run of letters, digits and combining marks;
//! * `Punct`: a maximal run of other non-space characters (`).`, `,`, `–`).
//!
//! Offsets are byte offsets into the input and always fall on char
//! boundaries, so slicing with them never panics.

use super::lex;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits.
    Word,
    /// Punctuation and symbols.
    Punct,
    /// A URL.
    Url,
    /// A DOI (with or without a `doi:` / resolver prefix).
    Doi,
    /// An arXiv identifier.
    Arxiv,
}

/// One token: a byte range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace directly precedes the token.
    pub space_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// Letters, digits and combining marks form words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Characters trimmed off the end of a URL or DOI chunk.
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ')' | ']' | '>' | '"' | '\'' | '’' | '”' | '．' | '，' | '；'
    )
}

/// Cuts `src` into tokens, appending them to `out` (cleared first).
pub fn tokenize_into(src: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut pos = 0;
    let mut space = false;
    let mut chunk_start = true;
    while pos < src.len() {
        let rest = &src[pos..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            pos += c.len_utf8();
            space = true;
            chunk_start = true;
            continue;
        }
        if chunk_start {
            if let Some(kind) = lex::link_kind(rest) {
                let chunk_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let chunk = &rest[..chunk_len];
                let trimmed = chunk.trim_end_matches(is_trailing_punct);
                // keep a closing bracket that has its opening one inside
                let keep = balance_brackets(chunk, trimmed.len());
                if keep > 0 {
                    out.push(Token {
                        start: pos,
                        end: pos + keep,
                        kind,
                        space_before: space,
                    });
                    space = false;
                    chunk_start = false;
                    pos += keep;
                    continue;
                }
            }
        }
        if chunk_start && matches!(c, '(' | '[' | '<' | '（' | '［') {
            // an opening bracket before a link: "(doi:10.1/x)"
            out.push(Token {
                start: pos,
                end: pos + c.len_utf8(),
                kind: Kind::Punct,
                space_before: space,
            });
            space = false;
            pos += c.len_utf8();
            continue;
        }
        chunk_start = false;
        let word = is_word_char(c);
        let mut len = rest
            .char_indices()
            .find(|&(_, ch)| ch.is_whitespace() || is_word_char(ch) != word)
            .map_or(rest.len(), |(i, _)| i);
        if word {
            len = series_letter_split(&rest[..len]).unwrap_or(len);
        }
        out.push(Token {
            start: pos,
            end: pos + len,
            kind: if word { Kind::Word } else { Kind::Punct },
            space_before: space,
        });
        space = false;
        pos += len;
    }
}

/// A journal series letter glued to a volume number (`D86`, `B364`,
/// `A32`): the length of the letter part, so that the letters and digits
/// become two tokens.
fn series_letter_split(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    ((1..=2).contains(&letters) && b.len() > letters && b[letters..].iter().all(u8::is_ascii_digit))
        .then_some(letters)
}

/// Extends `len` over trailing `)`/`]` of `chunk` that close brackets opened
/// inside `chunk[..len]` (DOIs such as `10.1016/0010-0277(85)90022-8`).
fn balance_brackets(chunk: &str, len: usize) -> usize {
    let head = &chunk[..len];
    let open = head.matches('(').count() as isize - head.matches(')').count() as isize;
    let open_sq = head.matches('[').count() as isize - head.matches(']').count() as isize;
    let mut len = len;
    let (mut open, mut open_sq) = (open, open_sq);
    for c in chunk[len..].chars() {
        match c {
            ')' if open > 0 => open -= 1,
            ']' if open_sq > 0 => open_sq -= 1,
            _ => break,
        }
        len += 1;
    }
    len
}

/// Convenience wrapper around [`tokenize_into`].
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut v = Vec::new();
    tokenize_into(src, &mut v);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, Kind)> {
        tokenize(s).iter().map(|t| (t.text(s), t.kind)).collect()
    }

    #[test]
    fn words_and_punct() {
        assert_eq!(
            texts("Kats LB (1998). Eco 5: 361–394."),
            vec![
                ("Kats", Kind::Word),
                ("LB", Kind::Word),
                ("(", Kind::Punct),
                ("1998", Kind::Word),
                (").", Kind::Punct),
                ("Eco", Kind::Word),
                ("5", Kind::Word),
                (":", Kind::Punct),
                ("361", Kind::Word),
                ("–", Kind::Punct),
                ("394", Kind::Word),
                (".", Kind::Punct),
            ]
        );
    }

    #[test]
    fn links_keep_inner_brackets_and_drop_final_dot() {
        let s = "doi:10.1016/0010-0277(85)90022-8. https://x.org/a_(b).";
        assert_eq!(
            texts(s),
            vec![
                ("doi:10.1016/0010-0277(85)90022-8", Kind::Doi),
                (".", Kind::Punct),
                ("https://x.org/a_(b)", Kind::Url),
                (".", Kind::Punct),
            ]
        );
    }

    #[test]
    fn series_letters_split_from_volumes() {
        let s = "Phys. Rev. D86, 054009 e1234 CN1318281A";
        let t: Vec<&str> = tokenize(s).iter().map(|t| t.text(s)).collect();
        assert_eq!(
            t,
            [
                "Phys",
                ".",
                "Rev",
                ".",
                "D",
                "86",
                ",",
                "054009",
                "e1234",
                "CN1318281A"
            ]
        );
    }

    #[test]
    fn bracketed_links() {
        let s = "(doi:10.1016/s0145-305x(00)00012-4) [https://x.org/a]";
        assert_eq!(
            texts(s),
            vec![
                ("(", Kind::Punct),
                ("doi:10.1016/s0145-305x(00)00012-4", Kind::Doi),
                (")", Kind::Punct),
                ("[", Kind::Punct),
                ("https://x.org/a", Kind::Url),
                ("]", Kind::Punct),
            ]
        );
    }

    #[test]
    fn cjk_and_space_flags() {
        let s = "李 红元．2008（08）";
        let t = tokenize(s);
        assert_eq!(t[0].text(s), "李");
        assert!(!t[0].space_before);
        assert!(t[1].space_before);
        assert_eq!(t[2].text(s), "．");
        assert_eq!(t[4].text(s), "（");
    }

    #[test]
    fn offsets_on_char_boundaries() {
        for s in ["é", "a\u{301}b", "（）", "x\u{a0}y", ""] {
            for t in tokenize(s) {
                assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            }
        }
    }
}
