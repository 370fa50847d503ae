//! From text to records: a byte-level splitter (quotes, doubled quotes, newlines in quotes),
//! delimiter detection and the `sep=` line.

use std::borrow::Cow;

/// Where one record came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct RecordInfo {
    /// The 1-based line number of the record's first line.
    pub line: usize,
    /// Byte range of the record in the text.
    pub start: usize,
    pub end: usize,
    /// A quoted field ran to the end of the file.
    pub unterminated: bool,
}

/// Splits text into records of fields.
pub(crate) struct Splitter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delim: u8,
}

impl<'a> Splitter<'a> {
    pub fn new(text: &'a str, start: usize, first_line: usize, delim: u8) -> Splitter<'a> {
        Splitter {
            text,
            pos: start,
            line: first_line,
            delim,
        }
    }

    /// Reads the next record into `fields` (cleared first); `None` at the end of the text.
    pub fn next_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<RecordInfo> {
        fields.clear();
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        if self.pos >= len {
            return None;
        }
        let start = self.pos;
        let line = self.line;
        let mut unterminated = false;
        let mut i = self.pos;
        loop {
            // One field starting at i.
            if i < len && bytes[i] == b'"' {
                let content_start = i + 1;
                let mut j = content_start;
                let mut escaped = false;
                let mut closed = None;
                while j < len {
                    let b = bytes[j];
                    if b == b'"' {
                        if j + 1 < len && bytes[j + 1] == b'"' {
                            escaped = true;
                            j += 2;
                            continue;
                        }
                        closed = Some(j);
                        break;
                    }
                    if b == b'\n' {
                        self.line += 1;
                    }
                    j += 1;
                }
                let content_end = closed.unwrap_or(len);
                if closed.is_none() {
                    unterminated = true;
                }
                let mut value: Cow<'a, str> = match self.text.get(content_start..content_end) {
                    Some(s) if escaped => Cow::Owned(s.replace("\"\"", "\"")),
                    Some(s) => Cow::Borrowed(s),
                    None => Cow::Borrowed(""),
                };
                // Anything between the closing quote and the delimiter is kept as text.
                let mut k = (content_end + 1).min(len);
                let tail_start = k;
                while k < len && bytes[k] != self.delim && bytes[k] != b'\n' && bytes[k] != b'\r' {
                    k += 1;
                }
                if k > tail_start {
                    let tail = self.text.get(tail_start..k).unwrap_or("");
                    if !tail.trim().is_empty() {
                        value = Cow::Owned(format!("{value}{tail}"));
                    }
                }
                fields.push(value);
                i = k;
            } else {
                let mut j = i;
                while j < len {
                    let b = bytes[j];
                    if b == self.delim || b == b'\n' || b == b'\r' {
                        break;
                    }
                    j += 1;
                }
                fields.push(Cow::Borrowed(self.text.get(i..j).unwrap_or("")));
                i = j;
            }
            if i >= len {
                self.pos = len;
                break;
            }
            match bytes[i] {
                b if b == self.delim => {
                    i += 1;
                    if i >= len {
                        fields.push(Cow::Borrowed(""));
                        self.pos = len;
                        break;
                    }
                }
                b'\r' => {
                    i += 1;
                    if i < len && bytes[i] == b'\n' {
                        i += 1;
                    }
                    self.line += 1;
                    self.pos = i;
                    break;
                }
                _ => {
                    // '\n'
                    self.line += 1;
                    self.pos = i + 1;
                    break;
                }
            }
        }
        Some(RecordInfo {
            line,
            start,
            end: self.pos,
            unterminated,
        })
    }
}

/// Whether every field is empty or white space.
pub(crate) fn is_blank(fields: &[Cow<'_, str>]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// A leading `sep=X` line (Excel's hint): the delimiter and the byte offset after the line.
pub(crate) fn sep_line(text: &str) -> Option<(u8, usize)> {
    let end = text.find('\n').unwrap_or(text.len());
    let line = text.get(..end)?.trim_end_matches('\r');
    let line = line.trim_matches('"');
    let rest = line
        .strip_prefix("sep=")
        .or_else(|| line.strip_prefix("SEP="))?;
    let b = rest.as_bytes();
    if b.len() != 1 || !b[0].is_ascii() {
        return None;
    }
    Some((b[0], (end + 1).min(text.len())))
}

/// The candidates, in order of preference on a tie.
pub(crate) const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// Picks the delimiter that splits the first lines into the most rows of one width (> 1).
pub(crate) fn detect_delimiter(text: &str, start: usize) -> u8 {
    let mut best = (0usize, 0usize, b',');
    for &d in &DELIMITERS {
        let mut widths: Vec<usize> = Vec::new();
        let mut s = Splitter::new(text, start, 1, d);
        let mut fields = Vec::new();
        while widths.len() < 100 {
            let Some(info) = s.next_record(&mut fields) else {
                break;
            };
            if info.start > start + 256 * 1024 {
                break;
            }
            if !is_blank(&fields) {
                widths.push(fields.len());
            }
        }
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for w in widths.iter().copied().filter(|w| *w > 1) {
            match counts.iter_mut().find(|(x, _)| *x == w) {
                Some((_, n)) => *n += 1,
                None => counts.push((w, 1)),
            }
        }
        let Some(&(width, rows)) = counts.iter().max_by_key(|(w, n)| (*n, *w)) else {
            continue;
        };
        if (rows, width) > (best.0, best.1) {
            best = (rows, width, d);
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, delim: u8) -> Vec<(usize, Vec<String>)> {
        let mut s = Splitter::new(text, 0, 1, delim);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(info) = s.next_record(&mut fields) {
            out.push((info.line, fields.iter().map(|f| f.to_string()).collect()));
        }
        out
    }

    #[test]
    fn quotes_protect_delimiters_quotes_and_newlines() {
        let rows = split(
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n last",
            b',',
        );
        assert_eq!(
            rows,
            [
                (1, vec!["a".into(), "b,c".into(), "say \"hi\"".into()]),
                (2, vec!["multi\nline".into(), "x".into(), "".into()]),
                (4, vec![" last".into()]),
            ]
        );
    }

    #[test]
    fn delimiter_is_the_one_giving_consistent_widths() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3\n4;5;6\n", 0), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n1,234\t2\t3\n", 0), b'\t');
        assert_eq!(detect_delimiter("a|b\n1|2\n", 0), b'|');
        assert_eq!(detect_delimiter("a,b,c\n\"1;2\",2,3\n", 0), b',');
        assert_eq!(sep_line("sep=;\na;b\n"), Some((b';', 6)));
        assert_eq!(sep_line("a;b\n"), None);
    }
}
