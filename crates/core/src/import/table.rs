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
    /// The record holds a byte A1 (the last byte of 计, which every Chinese totals word has):
    /// found on the way, so that records without one need no search for 计 of their own.
    pub a1: bool,
    /// Some field starts with a space or with T, G or S in either case (as "Total", "Grand
    /// Total" and "Subtotal" do): records without one need no search for those words.
    pub lead: bool,
}

/// Whether a field starting with this byte (none: an empty field) counts for
/// [`RecordInfo::lead`].
#[inline(always)]
fn leads(first: Option<u8>) -> bool {
    first.is_some_and(|b| LEAD[usize::from(b)])
}

/// The first bytes that [`RecordInfo::lead`] looks for.
const LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = *b" TtGgSs";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Splits text into records of fields.
pub(crate) struct Splitter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delim: u8,
    /// Whether records on one line without quotes may take [`Splitter::plain_record`].
    plain: bool,
    /// The bytes the fast path looks for, ready for [`block::marks`].
    needles: block::Needles,
}

/// Finding the bytes that matter to a record without quotes, a block of text at a time.
/// `marks` gives one bit per byte of the block (bit `k * STRIDE` for byte `k`), in three
/// masks: the delimiter; a line end or quote; the byte A1. Past the end of the text a block
/// reads zero bytes, which are none of these.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod block {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };

    /// Bytes per block: two SSE2 registers.
    pub(super) const WIDTH: usize = 32;
    pub(super) const STRIDE: u32 = 1;

    pub(super) struct Needles([m128i; 5]);

    pub(super) fn needles(delim: u8) -> Needles {
        let splat = |b: u8| set_splat_i8_m128i(b as i8);
        Needles([delim, b'\n', b'\r', b'"', 0xA1].map(splat))
    }

    #[inline(always)]
    fn load(bytes: &[u8], i: usize) -> m128i {
        match bytes
            .get(i..i + 16)
            .and_then(|b| <&[u8; 16]>::try_from(b).ok())
        {
            Some(b) => load_unaligned_m128i(b),
            None => {
                let mut w = [0u8; 16];
                let rest = bytes.get(i..).unwrap_or(&[]);
                w[..rest.len()].copy_from_slice(rest);
                load_unaligned_m128i(&w)
            }
        }
    }

    #[inline(always)]
    pub(super) fn marks(n: &Needles, bytes: &[u8], i: usize) -> (u64, u64, u64) {
        let [d, nl, cr, q, a1] = &n.0;
        let half = |v: m128i| -> (u64, u64, u64) {
            let eq = |x: &m128i| cmp_eq_mask_i8_m128i(v, *x);
            let special = bitor_m128i(bitor_m128i(eq(nl), eq(cr)), eq(q));
            let bits = |m: m128i| u64::from(move_mask_i8_m128i(m) as u16);
            (bits(eq(d)), bits(special), bits(eq(a1)))
        };
        let (d0, s0, a0) = half(load(bytes, i));
        let (d1, s1, a1) = half(load(bytes, i + 16));
        (d0 | d1 << 16, s0 | s1 << 16, a0 | a1 << 16)
    }
}

/// The same eight bytes at a time in a `u64` (the high bit of each byte marks it).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
mod block {
    pub(super) const WIDTH: usize = 8;
    pub(super) const STRIDE: u32 = 8;

    pub(super) struct Needles([u64; 5]);

    /// `b` repeated in every byte of a word.
    fn splat(b: u8) -> u64 {
        u64::from(b) * 0x0101_0101_0101_0101
    }

    pub(super) fn needles(delim: u8) -> Needles {
        Needles([delim, b'\n', b'\r', b'"', 0xA1].map(splat))
    }

    /// The high bit of every byte of `w` that is zero (exactly: no borrow from a lower byte).
    #[inline(always)]
    fn zero_bytes(w: u64) -> u64 {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        !(((w & LOW7) + LOW7) | w | LOW7)
    }

    #[inline(always)]
    pub(super) fn marks(n: &Needles, bytes: &[u8], i: usize) -> (u64, u64, u64) {
        let mut w = [0u8; 8];
        match bytes.get(i..i + 8) {
            Some(b) => w.copy_from_slice(b),
            None => {
                let rest = bytes.get(i..).unwrap_or(&[]);
                w[..rest.len()].copy_from_slice(rest);
            }
        }
        let w = u64::from_le_bytes(w);
        let [d, nl, cr, q, a1] = n.0;
        let special = zero_bytes(w ^ nl) | zero_bytes(w ^ cr) | zero_bytes(w ^ q);
        (zero_bytes(w ^ d), special, zero_bytes(w ^ a1))
    }
}

impl<'a> Splitter<'a> {
    pub fn new(text: &'a str, start: usize, first_line: usize, delim: u8) -> Splitter<'a> {
        Splitter {
            text,
            pos: start,
            line: first_line,
            delim,
            // Zero bytes pad the last word, and quotes and line ends end the fast path, which
            // also needs `start` on a character boundary (see its SAFETY note).
            plain: delim.is_ascii()
                && !matches!(delim, 0 | b'"' | b'\n' | b'\r')
                && text.is_char_boundary(start),
            needles: block::needles(delim),
        }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Without the fast path (tests compare the two).
    #[cfg(test)]
    pub fn general(mut self) -> Self {
        self.plain = false;
        self
    }

    /// The fast path: a record that ends at the first line end and has no quote at all is
    /// split at every delimiter, a block of bytes at a time (see [`block`]). Returns `None`, with `fields` and the
    /// position untouched but for `fields` being cleared, when the line has a quote.
    fn plain_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<RecordInfo> {
        let text = self.text;
        let bytes = text.as_bytes();
        let len = bytes.len();
        let start = self.pos;
        let needles = &self.needles;
        let mut a1_seen = 0;
        let mut lead = false;
        let mut field_start = start;
        let mut i = start;
        let mut field = |a: usize, b: usize| {
            lead |= a < b && leads(bytes.get(a).copied());
            if bytes.get(a..b).is_none() {
                return Cow::Borrowed("");
            }
            debug_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            // SAFETY: `a..b` is in bounds (checked above), and both ends are character
            // boundaries: `a` is where the record starts (`pos`: the start given to `new`,
            // checked there, or just after a line end) or just after a delimiter, and `b` is
            // the index of a delimiter, line end or quote, or the text's end. Those bytes are
            // ASCII, and in UTF-8 an ASCII byte is never part of a longer character, so the
            // index of one, and the index after it, fall between characters. (`str::get`
            // would check both ends again: a twentieth of the whole import's work.)
            Cow::Borrowed(unsafe { text.get_unchecked(a..b) })
        };
        let offset = |mask: u64| (mask.trailing_zeros() / block::STRIDE) as usize;
        while i < len {
            let (mut delims, special, mut a1s) = block::marks(needles, bytes, i);
            if special != 0 {
                // Only the bytes before the line end (or quote) belong to this record.
                let before = (special & special.wrapping_neg()) - 1;
                delims &= before;
                a1s &= before;
            }
            a1_seen |= a1s;
            while delims != 0 {
                let at = i + offset(delims);
                fields.push(field(field_start, at));
                field_start = at + 1;
                delims &= delims - 1;
            }
            if special != 0 {
                let at = i + offset(special);
                let b = bytes[at];
                if b == b'"' {
                    fields.clear();
                    return None;
                }
                fields.push(field(field_start, at));
                self.line += 1;
                self.pos = if b == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                return Some(RecordInfo {
                    line: self.line - 1,
                    start,
                    end: self.pos,
                    unterminated: false,
                    a1: a1_seen != 0,
                    lead,
                });
            }
            i += block::WIDTH;
        }
        fields.push(field(field_start, len));
        self.pos = len;
        Some(RecordInfo {
            line: self.line,
            start,
            end: len,
            unterminated: false,
            a1: a1_seen != 0,
            lead,
        })
    }

    /// Reads the next record into `fields` (cleared first); `None` at the end of the text.
    pub fn next_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<RecordInfo> {
        fields.clear();
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        if self.pos >= len {
            return None;
        }
        if self.plain
            && let Some(info) = self.plain_record(fields)
        {
            return Some(info);
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
            a1: bytes
                .get(start..self.pos)
                .is_some_and(|r| r.contains(&0xA1)),
            lead: fields.iter().any(|f| leads(f.as_bytes().first().copied())),
        })
    }
}

/// Whether every field is empty or white space.
pub(crate) fn is_blank(fields: &[Cow<'_, str>]) -> bool {
    fields.iter().all(|f| trim(f).is_empty())
}

/// Whether a first byte of UTF-8 may start a white-space character: ASCII tab to carriage
/// return and space, and the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000.
#[inline(always)]
fn may_start_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// `str::trim`, without decoding characters when the first and last are plainly not white
/// space (the common case).
#[inline(always)]
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return s;
    };
    // Most cells start and end with printable ASCII or a common Chinese character (lead byte
    // E4 to E9 for U+4E00 to U+9FFF, the last three bytes): no space at either end.
    let cjk_lead = |c: u8| (0xE4..=0xE9).contains(&c);
    let plain_first = (b'!'..=b'~').contains(&first) || cjk_lead(first);
    let plain_last = if last < 0x80 {
        (b'!'..=b'~').contains(&last)
    } else {
        // Only a lead byte E4 to E9 three bytes back makes the last character such a one.
        b.len().checked_sub(3).is_some_and(|i| cjk_lead(b[i]))
    };
    if plain_first && plain_last {
        return s;
    }
    trim_general(s, first, last)
}

#[inline(never)]
fn trim_general(s: &str, first: u8, last: u8) -> &str {
    let b = s.as_bytes();
    if may_start_space(first) {
        return s.trim();
    }
    if last < 0x80 {
        return if may_start_space(last) { s.trim() } else { s };
    }
    // The last character's first byte: at most three bytes back.
    let lead = b
        .iter()
        .rev()
        .take(4)
        .find(|&&c| c & 0xC0 != 0x80)
        .copied()
        .unwrap_or(0xC2);
    if may_start_space(lead) { s.trim() } else { s }
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
        split_with(Splitter::new(text, 0, 1, delim)).0
    }

    type Records = Vec<(usize, Vec<String>)>;

    fn split_with(mut s: Splitter<'_>) -> (Records, Vec<RecordInfo>) {
        let mut fields = Vec::new();
        let mut out = Vec::new();
        let mut infos = Vec::new();
        while let Some(info) = s.next_record(&mut fields) {
            out.push((info.line, fields.iter().map(|f| f.to_string()).collect()));
            infos.push(info);
        }
        (out, infos)
    }

    #[test]
    fn fast_path_edges_match_the_general_path() {
        let cases = [
            "",
            "a",
            "a,b,c",
            "a,b,c\n",
            "a,b,\n,\n\n",
            "a,b,",
            ",",
            "\r\n\r\n",
            "a\rb\r\nc\n\rd",
            "\u{feff}日期,客户\r\n2024-03-05,杭州,\"x\"\r\n",
            "exactly8,abcdefg\n0123456,89abcdef,\n",
            "a,\"b,c\",d\ne,f\n",
            "a,b\"c,d\ne\n",
            "x,\"multi\nline\",y\nz,w",
            "\"unterminated,a\nb",
            "a,\"q\"tail,b\n",
            "华东,华南,,西北\n经销商\t零售\n",
            "a,b\n合计,\n1234567,计\r\n\"计\",¡\n",
        ];
        for text in cases {
            for delim in [b',', b'\t', b';', b'|', b'"', b'\n', b'\r', 0, 0xE5] {
                let fast = split_with(Splitter::new(text, 0, 1, delim));
                let general = split_with(Splitter::new(text, 0, 1, delim).general());
                assert_eq!(fast, general, "{text:?} split on {delim}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// On any text and delimiter the fast path gives the general path's records, line
        /// numbers, byte ranges and bytes A1 found.
        #[test]
        fn fast_path_is_the_general_path(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'b', '1', ',', ';', '\t', '|', '"', '"', '\n', '\r', ' ', '华', '\u{3000}', '\0',
                '计', '¡',
            ]), 0..300),
            delim in proptest::sample::select(vec![b',', b',', b';', b'\t', b'|', b'"', b'\n', 0]),
            start in 0usize..4,
        ) {
            let text: String = chars.into_iter().collect();
            let start = start.min(text.len());
            if text.is_char_boundary(start) {
                let fast = split_with(Splitter::new(&text, start, 1, delim));
                let general = split_with(Splitter::new(&text, start, 1, delim).general());
                proptest::prop_assert_eq!(fast, general);
            }
        }

        #[test]
        fn trim_is_str_trim_on_any_text(s in "\\PC{0,6}", pad in proptest::sample::select(vec![
            "", " ", "\u{3000}", "\u{a0}", "\t", "\u{2029}", "\u{85}", "华",
        ])) {
            for t in [s.clone(), format!("{pad}{s}"), format!("{s}{pad}")] {
                proptest::prop_assert_eq!(trim(&t), t.trim());
            }
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{3000}华东",
            "华东\u{3000}",
            "华东",
            "\u{a0}x",
            "x\u{a0}",
            "\u{85}",
            "x\u{2028}",
            "x\u{205f}",
            "\u{1680}x",
            "é",
            "aé",
            "\t\r\n",
            "𝄞",
            "a𝄞",
            "\u{feff}a",
            "a\u{feff}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
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
