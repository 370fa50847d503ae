//! From bytes to text: byte order marks, strict UTF-8, then GB18030 or Windows-1252 by
//! plausibility. Bytes that do not decode are never replaced silently: their positions are
//! returned so the rows holding them can be rejected.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A text encoding the importer reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8 (with or without a byte order mark).
    #[serde(rename = "utf-8")]
    Utf8,
    /// GB18030, the superset of GBK and GB2312 that Chinese Windows and ERPs write.
    #[serde(rename = "gb18030")]
    Gb18030,
    /// UTF-16, little-endian (Excel's "Unicode text").
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1252 (Western European Windows).
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    /// All encodings, in the order the CLI lists them.
    pub const ALL: [Encoding; 5] = [
        Encoding::Utf8,
        Encoding::Gb18030,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1252,
    ];

    /// The label: "utf-8", "gb18030", "utf-16le", "utf-16be", "windows-1252".
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding for a label (case-insensitive; "gbk", "gb2312", "cp936", "utf8",
    /// "cp1252" and "latin1" are accepted as aliases).
    pub fn from_code(code: &str) -> Option<Encoding> {
        match code.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            "utf-16le" | "utf16le" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            "windows-1252" | "cp1252" | "latin1" | "iso-8859-1" => Some(Encoding::Windows1252),
            _ => None,
        }
    }

    fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Gb18030 => encoding_rs::GB18030,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// Decoded text.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    pub bom: bool,
    /// Byte offsets in `text` of U+FFFD characters that stand for undecodable bytes.
    pub bad: Vec<usize>,
}

/// Decodes `bytes`, detecting the encoding unless `forced`.
pub(crate) fn decode(bytes: &[u8], forced: Option<Encoding>) -> Decoded<'_> {
    let (bom_encoding, bom_len) = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (Some(Encoding::Utf8), 3),
        [0xFF, 0xFE, ..] => (Some(Encoding::Utf16Le), 2),
        [0xFE, 0xFF, ..] => (Some(Encoding::Utf16Be), 2),
        _ => (None, 0),
    };
    let encoding = forced.or(bom_encoding).unwrap_or_else(|| detect(bytes));
    let bom = bom_encoding == Some(encoding);
    let body = if bom { &bytes[bom_len..] } else { bytes };
    let (text, bad) = decode_as(body, encoding);
    Decoded {
        text,
        encoding,
        bom,
        bad,
    }
}

/// Guesses the encoding of a file without a byte order mark.
fn detect(bytes: &[u8]) -> Encoding {
    let mut end = bytes.len().min(1 << 20);
    // Cut at a line end so that the sample ends on a character boundary.
    if end < bytes.len()
        && let Some(nl) = bytes[..end].iter().rposition(|&b| b == b'\n')
    {
        end = nl + 1;
    }
    let bytes = &bytes[..end];
    if let Some(e) = utf16_by_zeros(bytes) {
        return e;
    }
    let (valid_multibyte, invalid) = utf8_counts(bytes);
    if invalid == 0 || valid_multibyte >= 4 * invalid {
        return Encoding::Utf8;
    }
    // Windows-1252 writes one byte per accented letter, mostly alone beside ASCII letters
    // ("Müller"); GBK and GB18030 write runs of two or four bytes between delimiters.
    let (mut runs, mut lone_latin, mut run) = (0usize, 0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x80 {
            run += 1;
            continue;
        }
        if run > 0 {
            runs += 1;
            let before = i.checked_sub(run + 1).map(|j| bytes[j]);
            if run == 1
                && (b.is_ascii_alphabetic() || before.is_some_and(|p| p.is_ascii_alphabetic()))
            {
                lone_latin += 1;
            }
            run = 0;
        }
    }
    if run > 0 {
        runs += 1;
    }
    let gb_errors = count_errors(bytes, Encoding::Gb18030);
    if gb_errors * 4 <= runs && lone_latin * 4 < runs.max(1) {
        Encoding::Gb18030
    } else {
        Encoding::Windows1252
    }
}

/// UTF-16 without a byte order mark: most ASCII characters leave a zero byte in every pair.
fn utf16_by_zeros(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 4 && even * 10 < pairs {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 4 && odd * 10 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Valid multi-byte sequences and invalid bytes when read as UTF-8.
fn utf8_counts(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.bytes().filter(|b| *b >= 0xC0).count();
                return (valid, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += bytes[..good].iter().filter(|b| **b >= 0xC0).count();
                invalid += 1;
                let skip = e.error_len().unwrap_or(bytes.len() - good);
                bytes = &bytes[(good + skip).min(bytes.len())..];
            }
        }
    }
}

fn count_errors(bytes: &[u8], encoding: Encoding) -> usize {
    decode_as(bytes, encoding).1.len()
}

/// Decodes with one encoding, recording where undecodable bytes were.
fn decode_as(bytes: &[u8], encoding: Encoding) -> (Cow<'_, str>, Vec<usize>) {
    if encoding == Encoding::Utf8 {
        return decode_utf8(bytes);
    }
    let mut decoder = encoding.encoding_rs().new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3))
        .saturating_add(16);
    let mut out = String::with_capacity(capacity);
    let mut bad = Vec::new();
    let mut src = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = &src[read.min(src.len())..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => out.reserve(src.len().saturating_mul(3) + 16),
            encoding_rs::DecoderResult::Malformed(_, _) => {
                bad.push(out.len());
                out.push('\u{fffd}');
            }
        }
    }
    (Cow::Owned(out), bad)
}

fn decode_utf8(bytes: &[u8]) -> (Cow<'_, str>, Vec<usize>) {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(s), Vec::new());
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut bad = Vec::new();
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                bad.push(out.len());
                out.push('\u{fffd}');
                let skip = e.error_len().unwrap_or(rest.len() - good);
                rest = &rest[(good + skip).min(rest.len())..];
            }
        }
    }
    (Cow::Owned(out), bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_windows_1252_are_told_apart() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("日期,客户名称,金额\n2024-03-05,杭州瑞丰商贸,100\n");
        assert_eq!(decode(&gbk, None).encoding, Encoding::Gb18030);
        let (w, _, _) =
            encoding_rs::WINDOWS_1252.encode("Date,Customer,Amount\n2024-03-05,Müller Café,100\n");
        assert_eq!(decode(&w, None).encoding, Encoding::Windows1252);
        let d = decode(&w, None);
        assert!(d.text.contains("Müller Café"));
    }

    #[test]
    fn invalid_utf8_bytes_are_located_not_hidden() {
        let d = decode("日期,金额\n2024-03-05,1\n".as_bytes(), None);
        assert!(d.bad.is_empty());
        let mut bytes = "日期,客户\n2024-03-05,杭州\n2024-03-06,上海"
            .as_bytes()
            .to_vec();
        bytes.push(0xFF);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.bad.len(), 1);
    }
}
