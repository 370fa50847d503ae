//! A compact binary encoding of a [`Ledger`] for browser storage: one header blob (the
//! dictionaries and counts) and one blob per chunk of rows, so a store never holds one object
//! per row.
//!
//! The header's dictionaries are front-coded (each string stores only what differs from the
//! previous one), which shrinks sequential order numbers to a few bytes each.
//!
//! Every blob is `magic (4 bytes) · format version (u16 LE) · payload length (u32 LE) ·
//! payload · FNV-1a 64 checksum of everything before it (u64 LE)`. Inside payloads integers are
//! LEB128 varints, signed ones zigzag-encoded. A chunk stores its columns one after another:
//! dates, customers, regions, salespeople, channels and orders as runs of (zigzag delta from
//! the previous run's value, run length) — regions, salespeople and channels after subtracting
//! the value the same customer had last in the chunk; products as plain varints; quantities divided by
//! their greatest common divisor; amounts as the difference from quantity × the last unit
//! price seen for the same product and channel; costs likewise per product. Each chunk decodes
//! on its own (the predictions restart per chunk).

use crate::{Date, Ledger, Money};
use std::collections::BTreeMap;
use std::fmt;

const HEADER_MAGIC: [u8; 4] = *b"STLH";
const CHUNK_MAGIC: [u8; 4] = *b"STLC";
/// The version of the blob layout written by [`encode_ledger_chunks`].
pub const CHUNK_FORMAT_VERSION: u16 = 1;
const SCALE: i128 = 10_000;

/// Encodes a ledger as a header blob and one blob per `rows_per_chunk` rows (at least one row
/// per chunk; an empty ledger has no chunks). The ledger should pass [`Ledger::check`]:
/// missing cells of short columns are stored as zero.
pub fn encode_ledger_chunks(ledger: &Ledger, rows_per_chunk: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let rows = ledger.rows();
    let per = rows_per_chunk.max(1);
    let starts: Vec<usize> = (0..rows).step_by(per).collect();

    let mut header = Vec::new();
    header.push(u8::from(ledger.cost.is_some()));
    put_uvar(&mut header, rows as u64);
    put_uvar(&mut header, starts.len() as u64);
    for (_, _, dictionary) in ledger.dictionaries() {
        put_uvar(&mut header, dictionary.len() as u64);
        let mut prev: &[u8] = &[];
        for s in dictionary.iter() {
            let s = s.as_bytes();
            let shared = prev.iter().zip(s).take_while(|(a, b)| a == b).count();
            put_uvar(&mut header, shared as u64);
            put_uvar(&mut header, (s.len() - shared) as u64);
            header.extend_from_slice(&s[shared..]);
            prev = s;
        }
    }
    let chunks = starts
        .iter()
        .enumerate()
        .map(|(index, &start)| {
            seal(
                CHUNK_MAGIC,
                &encode_chunk(ledger, index, start, (start + per).min(rows)),
            )
        })
        .collect();
    (seal(HEADER_MAGIC, &header), chunks)
}

/// Decodes what [`encode_ledger_chunks`] wrote, exactly. Damaged, truncated, reordered or
/// missing blobs are refused with a [`ChunkError`]; nothing here panics.
pub fn decode_ledger_chunks(header: &[u8], chunks: &[Vec<u8>]) -> Result<Ledger, ChunkError> {
    let at = |blob| move |kind| ChunkError { blob, kind };
    let payload = unseal(HEADER_MAGIC, header).map_err(at(None))?;
    let mut r = Reader {
        bytes: payload,
        pos: 0,
    };
    let mut ledger = Ledger::default();
    let (has_cost, rows, chunk_count) = (|| {
        let flags = r.byte()?;
        if flags > 1 {
            return Err(ChunkErrorKind::Malformed("unknown flags"));
        }
        Ok((flags == 1, r.uvar()?, r.uvar()?))
    })()
    .map_err(at(None))?;
    for dictionary in [
        &mut ledger.customers,
        &mut ledger.products,
        &mut ledger.regions,
        &mut ledger.salespeople,
        &mut ledger.channels,
    ] {
        *dictionary = r.strings().map_err(at(None))?;
    }
    ledger.orders = r.strings().map_err(at(None))?;
    if r.pos != payload.len() {
        return Err(ChunkError {
            blob: None,
            kind: ChunkErrorKind::Malformed("trailing bytes"),
        });
    }
    if chunk_count != chunks.len() as u64 {
        let kind = ChunkErrorKind::ChunkCount {
            expected: chunk_count,
            found: chunks.len() as u64,
        };
        return Err(ChunkError { blob: None, kind });
    }
    if has_cost {
        ledger.cost = Some(Vec::new());
    }
    for (index, blob) in chunks.iter().enumerate() {
        let payload = unseal(CHUNK_MAGIC, blob).map_err(at(Some(index)))?;
        decode_chunk(&mut ledger, payload, index).map_err(at(Some(index)))?;
    }
    if ledger.rows() as u64 != rows {
        let kind = ChunkErrorKind::RowCount {
            expected: rows,
            found: ledger.rows() as u64,
        };
        return Err(ChunkError { blob: None, kind });
    }
    Ok(ledger)
}

/// Why stored ledger blobs could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChunkError {
    /// Which blob: `None` for the header, `Some(i)` for chunk `i`.
    pub blob: Option<usize>,
    /// What is wrong with it.
    pub kind: ChunkErrorKind,
}

/// What is wrong with a stored blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChunkErrorKind {
    /// The blob does not start with the expected magic bytes.
    BadMagic,
    /// The blob was written by a newer layout version.
    UnsupportedVersion(u16),
    /// The blob is shorter than it says.
    Truncated,
    /// The blob's content does not match its checksum.
    BadChecksum,
    /// The content is inconsistent.
    Malformed(&'static str),
    /// The header announces a different number of chunks.
    ChunkCount {
        /// Announced by the header.
        expected: u64,
        /// Given.
        found: u64,
    },
    /// The chunks hold a different number of rows than the header announces.
    RowCount {
        /// Announced by the header.
        expected: u64,
        /// Found in the chunks.
        found: u64,
    },
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.blob {
            None => f.write_str("The stored ledger header is damaged: ")?,
            Some(i) => write!(f, "The stored ledger chunk {i} is damaged: ")?,
        }
        match &self.kind {
            ChunkErrorKind::BadMagic => f.write_str("it is not a Sandtable ledger blob"),
            ChunkErrorKind::UnsupportedVersion(v) => {
                write!(
                    f,
                    "it has layout version {v}, newer than this app reads ({CHUNK_FORMAT_VERSION})"
                )
            }
            ChunkErrorKind::Truncated => f.write_str("it is cut short"),
            ChunkErrorKind::BadChecksum => f.write_str("its checksum does not match its content"),
            ChunkErrorKind::Malformed(what) => write!(f, "{what}"),
            ChunkErrorKind::ChunkCount { expected, found } => {
                write!(f, "it lists {expected} chunks but {found} were found")
            }
            ChunkErrorKind::RowCount { expected, found } => {
                write!(
                    f,
                    "it announces {expected} rows but the chunks hold {found}"
                )
            }
        }?;
        f.write_str(". Import the data again.")
    }
}

impl std::error::Error for ChunkError {}

/// 64-bit FNV-1a.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn seal(magic: [u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut blob = Vec::with_capacity(payload.len() + 18);
    blob.extend_from_slice(&magic);
    blob.extend_from_slice(&CHUNK_FORMAT_VERSION.to_le_bytes());
    blob.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    blob.extend_from_slice(payload);
    let sum = fnv1a64(&blob);
    blob.extend_from_slice(&sum.to_le_bytes());
    blob
}

fn unseal(magic: [u8; 4], blob: &[u8]) -> Result<&[u8], ChunkErrorKind> {
    let head = blob.get(..10).ok_or(ChunkErrorKind::Truncated)?;
    if head[..4] != magic {
        return Err(ChunkErrorKind::BadMagic);
    }
    let version = u16::from_le_bytes([head[4], head[5]]);
    if version != CHUNK_FORMAT_VERSION {
        return Err(ChunkErrorKind::UnsupportedVersion(version));
    }
    let len = u32::from_le_bytes([head[6], head[7], head[8], head[9]]) as usize;
    let end = 10usize.checked_add(len).ok_or(ChunkErrorKind::Truncated)?;
    let sum_bytes = blob.get(end..).ok_or(ChunkErrorKind::Truncated)?;
    let sum: [u8; 8] = match sum_bytes.len() {
        8 => sum_bytes
            .try_into()
            .map_err(|_| ChunkErrorKind::Truncated)?,
        n if n < 8 => return Err(ChunkErrorKind::Truncated),
        _ => return Err(ChunkErrorKind::Malformed("bytes after the checksum")),
    };
    if fnv1a64(&blob[..end]) != u64::from_le_bytes(sum) {
        return Err(ChunkErrorKind::BadChecksum);
    }
    Ok(&blob[10..end])
}

fn encode_chunk(l: &Ledger, index: usize, start: usize, end: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity((end - start) * 8);
    put_uvar(&mut out, index as u64);
    put_uvar(&mut out, (end - start) as u64);
    let range = start..end;
    let get = |col: &[u32], i: usize| i64::from(col.get(i).copied().unwrap_or(0));
    put_runs(
        &mut out,
        range
            .clone()
            .map(|i| i64::from(l.date.get(i).map_or(0, |d| d.0))),
    );
    put_runs(&mut out, range.clone().map(|i| get(&l.customer, i)));
    for i in range.clone() {
        put_uvar(&mut out, get(&l.product, i) as u64);
    }
    let customers: Vec<i64> = range.clone().map(|i| get(&l.customer, i)).collect();
    for column in [&l.region, &l.salesperson, &l.channel] {
        let values: Vec<i64> = range.clone().map(|i| get(column, i)).collect();
        put_runs(
            &mut out,
            by_customer_residuals(&customers, &values).into_iter(),
        );
    }
    put_runs(&mut out, range.clone().map(|i| get(&l.order_id, i)));

    let money = |col: &[Money], i: usize| col.get(i).map_or(0, |m| m.0);
    let gcd = match range
        .clone()
        .fold(0u64, |g, i| gcd(g, money(&l.quantity, i).unsigned_abs()))
    {
        g if g == 0 || g > i64::MAX as u64 => 1,
        g => g,
    };
    put_uvar(&mut out, gcd);
    for i in range.clone() {
        // Exact: every quantity is a multiple of gcd (and gcd > 1 only if |q| < 2^63).
        put_ivar(
            &mut out,
            (i128::from(money(&l.quantity, i)) / i128::from(gcd)) as i64,
        );
    }
    let mut prices = Predictor::default();
    for i in range.clone() {
        let key = (get(&l.product, i) as u32, get(&l.channel, i) as u32);
        let (q, a) = (money(&l.quantity, i), money(&l.amount, i));
        put_ivar(&mut out, a.wrapping_sub(prices.predict(key, q)));
        prices.learn(key, q, a);
    }
    if let Some(cost) = &l.cost {
        let mut costs = Predictor::default();
        for i in range {
            let key = (get(&l.product, i) as u32, 0);
            let (q, c) = (money(&l.quantity, i), money(cost, i));
            put_ivar(&mut out, c.wrapping_sub(costs.predict(key, q)));
            costs.learn(key, q, c);
        }
    }
    out
}

fn decode_chunk(l: &mut Ledger, payload: &[u8], index: usize) -> Result<(), ChunkErrorKind> {
    let mut r = Reader {
        bytes: payload,
        pos: 0,
    };
    if r.uvar()? != index as u64 {
        return Err(ChunkErrorKind::Malformed("chunks are out of order"));
    }
    let n = r.uvar()?;
    // Every row takes at least one byte of product codes: a larger count is a lie.
    if n > payload.len() as u64 {
        return Err(ChunkErrorKind::Malformed(
            "row count exceeds the chunk size",
        ));
    }
    let n = n as usize;
    for d in r.runs(n)? {
        l.date.push(Date(
            i32::try_from(d).map_err(|_| ChunkErrorKind::Malformed("date out of range"))?,
        ));
    }
    let customers = r.runs(n)?;
    l.customer.extend(codes(customers.clone())?);
    for _ in 0..n {
        let code = r.uvar()?;
        l.product
            .push(u32::try_from(code).map_err(|_| ChunkErrorKind::Malformed("code out of range"))?);
    }
    l.region
        .extend(codes(from_customer_residuals(&customers, r.runs(n)?))?);
    l.salesperson
        .extend(codes(from_customer_residuals(&customers, r.runs(n)?))?);
    l.channel
        .extend(codes(from_customer_residuals(&customers, r.runs(n)?))?);
    l.order_id.extend(codes(r.runs(n)?)?);
    let start = l.quantity.len();
    let gcd =
        i64::try_from(r.uvar()?).map_err(|_| ChunkErrorKind::Malformed("bad quantity scale"))?;
    for _ in 0..n {
        let q = r
            .ivar()?
            .checked_mul(gcd)
            .ok_or(ChunkErrorKind::Malformed("quantity out of range"))?;
        l.quantity.push(Money(q));
    }
    let keys: Vec<(u32, u32)> = (start..start + n)
        .map(|i| {
            (
                l.product.get(i).copied().unwrap_or(0),
                l.channel.get(i).copied().unwrap_or(0),
            )
        })
        .collect();
    let mut prices = Predictor::default();
    for (k, &key) in keys.iter().enumerate() {
        let q = l.quantity.get(start + k).map_or(0, |m| m.0);
        let a = r.ivar()?.wrapping_add(prices.predict(key, q));
        prices.learn(key, q, a);
        l.amount.push(Money(a));
    }
    if let Some(cost) = &mut l.cost {
        let mut costs = Predictor::default();
        for (k, &(product, _)) in keys.iter().enumerate() {
            let q = l.quantity.get(start + k).map_or(0, |m| m.0);
            let c = r.ivar()?.wrapping_add(costs.predict((product, 0), q));
            costs.learn((product, 0), q, c);
            cost.push(Money(c));
        }
    }
    if r.pos != payload.len() {
        return Err(ChunkErrorKind::Malformed("trailing bytes"));
    }
    Ok(())
}

fn codes(values: Vec<i64>) -> Result<Vec<u32>, ChunkErrorKind> {
    values
        .into_iter()
        .map(|v| u32::try_from(v).map_err(|_| ChunkErrorKind::Malformed("code out of range")))
        .collect()
}

/// Region, salesperson and channel usually follow the customer: each value is stored as its
/// difference from the value the same customer had last time in this chunk (mostly zero).
fn by_customer_residuals(customers: &[i64], values: &[i64]) -> Vec<i64> {
    let mut last: BTreeMap<i64, i64> = BTreeMap::new();
    customers
        .iter()
        .zip(values)
        .map(|(c, v)| v.wrapping_sub(last.insert(*c, *v).unwrap_or(0)))
        .collect()
}

/// The inverse of [`by_customer_residuals`].
fn from_customer_residuals(customers: &[i64], residuals: Vec<i64>) -> Vec<i64> {
    let mut last: BTreeMap<i64, i64> = BTreeMap::new();
    customers
        .iter()
        .zip(residuals)
        .map(|(c, r)| {
            let v = r.wrapping_add(last.get(c).copied().unwrap_or(0));
            last.insert(*c, v);
            v
        })
        .collect()
}

/// Remembers the last unit value per key and predicts `quantity × unit value`.
#[derive(Default)]
struct Predictor(BTreeMap<(u32, u32), i64>);

impl Predictor {
    fn predict(&self, key: (u32, u32), quantity: i64) -> i64 {
        let unit = self.0.get(&key).copied().unwrap_or(0);
        (i128::from(quantity) * i128::from(unit) / SCALE) as i64
    }

    fn learn(&mut self, key: (u32, u32), quantity: i64, value: i64) {
        if quantity != 0 {
            self.0.insert(
                key,
                (i128::from(value) * SCALE / i128::from(quantity)) as i64,
            );
        }
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn put_uvar(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_ivar(out: &mut Vec<u8>, v: i64) {
    put_uvar(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Writes values as runs: (zigzag delta from the previous run's value, length).
fn put_runs(out: &mut Vec<u8>, values: impl Iterator<Item = i64>) {
    let mut prev = 0i64;
    let mut run: Option<(i64, u64)> = None;
    for v in values {
        match &mut run {
            Some((value, len)) if *value == v => *len += 1,
            _ => {
                if let Some((value, len)) = run {
                    put_ivar(out, value.wrapping_sub(prev));
                    put_uvar(out, len);
                    prev = value;
                }
                run = Some((v, 1));
            }
        }
    }
    if let Some((value, len)) = run {
        put_ivar(out, value.wrapping_sub(prev));
        put_uvar(out, len);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ChunkErrorKind> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or(ChunkErrorKind::Malformed("unexpected end of data"))?;
        self.pos += 1;
        Ok(b)
    }

    fn uvar(&mut self) -> Result<u64, ChunkErrorKind> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                return Err(ChunkErrorKind::Malformed("integer too large"));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ChunkErrorKind::Malformed("integer too long"))
    }

    fn ivar(&mut self) -> Result<i64, ChunkErrorKind> {
        let u = self.uvar()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    /// Reads a front-coded dictionary: per string, the length of the prefix it shares with
    /// the previous one, then the length and bytes of the rest. The decoded text may not
    /// exceed 64 times the blob (plus 64 KiB), so a forged blob cannot exhaust memory.
    fn strings<T: Default + Extend<String>>(&mut self) -> Result<T, ChunkErrorKind> {
        let count = self.uvar()?;
        if count > (self.bytes.len() - self.pos) as u64 {
            return Err(ChunkErrorKind::Malformed(
                "dictionary size exceeds the blob",
            ));
        }
        let budget = self.bytes.len().saturating_mul(64).saturating_add(65_536);
        let mut used = 0usize;
        let mut out = T::default();
        let mut prev: Vec<u8> = Vec::new();
        for _ in 0..count {
            let shared = self.uvar()?;
            let len = self.uvar()?;
            let rest = &self.bytes[self.pos..];
            if shared > prev.len() as u64 || len > rest.len() as u64 {
                return Err(ChunkErrorKind::Malformed("string exceeds the blob"));
            }
            let mut bytes = prev[..shared as usize].to_vec();
            bytes.extend_from_slice(&rest[..len as usize]);
            self.pos += len as usize;
            used = used.saturating_add(bytes.len());
            if used > budget {
                return Err(ChunkErrorKind::Malformed("dictionary too large"));
            }
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| ChunkErrorKind::Malformed("text is not UTF-8"))?;
            out.extend([text.to_string()]);
            prev = bytes;
        }
        Ok(out)
    }

    /// Reads runs until `n` values are produced.
    fn runs(&mut self, n: usize) -> Result<Vec<i64>, ChunkErrorKind> {
        let mut out = Vec::with_capacity(n);
        let mut prev = 0i64;
        while out.len() < n {
            let value = prev.wrapping_add(self.ivar()?);
            let len = self.uvar()?;
            if len == 0 || len > (n - out.len()) as u64 {
                return Err(ChunkErrorKind::Malformed("bad run length"));
            }
            out.extend(std::iter::repeat_n(value, len as usize));
            prev = value;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{LedgerBuilder, Row};

    fn sample(with_cost: bool) -> Ledger {
        let mut b = LedgerBuilder::new();
        let rows = [
            ("2024-01-01", "C1", "P1", 10, 100),
            ("2024-01-01", "C1", "P2", 3, 45),
            ("2024-01-01", "C2", "P1", -2, -20),
            ("2023-12-31", "C3", "P3", 0, 0),
            ("2024-02-10", "C1", "P1", 7, 71),
        ];
        for (date, customer, product, q, a) in rows {
            b.push_row(&Row {
                date: Date::parse_iso(date).unwrap_or_default(),
                customer,
                product,
                region: "R1",
                salesperson: "S1",
                channel: "经销商",
                quantity: Money(q * 10_000),
                amount: Money(a * 10_000 + 1234),
                cost: with_cost.then_some(Money(a * 7_000)),
                order_id: customer,
            });
        }
        b.finish()
    }

    #[test]
    fn round_trip_is_exact_for_every_chunk_size() {
        for with_cost in [true, false] {
            let ledger = sample(with_cost);
            for per in [0, 1, 2, 3, 5, 100] {
                let (header, chunks) = encode_ledger_chunks(&ledger, per);
                assert_eq!(chunks.len(), 5usize.div_ceil(per.max(1)));
                assert_eq!(decode_ledger_chunks(&header, &chunks), Ok(ledger.clone()));
            }
        }
    }

    #[test]
    fn an_empty_ledger_has_no_chunks() {
        let (header, chunks) = encode_ledger_chunks(&Ledger::default(), 1000);
        assert!(chunks.is_empty());
        assert_eq!(
            decode_ledger_chunks(&header, &chunks),
            Ok(Ledger::default())
        );
    }

    #[test]
    fn extreme_values_round_trip() {
        let mut l = sample(true);
        l.quantity[0] = Money(i64::MIN);
        l.amount[1] = Money(i64::MAX);
        l.amount[2] = Money(i64::MIN);
        l.date[3] = Date(i32::MIN);
        l.date[4] = Date(i32::MAX);
        l.customer[0] = u32::MAX;
        let (header, chunks) = encode_ledger_chunks(&l, 2);
        assert_eq!(decode_ledger_chunks(&header, &chunks), Ok(l));
    }

    #[test]
    fn damaged_blobs_are_refused_with_a_clear_message() {
        let (header, chunks) = encode_ledger_chunks(&sample(true), 2);
        let mut bad = chunks.clone();
        bad[1][12] ^= 0x40;
        let err = decode_ledger_chunks(&header, &bad).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some(
                "The stored ledger chunk 1 is damaged: its checksum does not match its content. Import the data again."
            )
        );
        let err = decode_ledger_chunks(&header[..header.len() - 1], &chunks).err();
        assert_eq!(err.map(|e| e.kind), Some(ChunkErrorKind::Truncated));
        let err = decode_ledger_chunks(&header, &chunks[..2]).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some(
                "The stored ledger header is damaged: it lists 3 chunks but 2 were found. Import the data again."
            )
        );
        let swapped = vec![chunks[1].clone(), chunks[0].clone(), chunks[2].clone()];
        let err = decode_ledger_chunks(&header, &swapped).err();
        assert_eq!(
            err.map(|e| e.kind),
            Some(ChunkErrorKind::Malformed("chunks are out of order"))
        );
        let err = decode_ledger_chunks(&chunks[0], &chunks).err();
        assert_eq!(err.map(|e| e.kind), Some(ChunkErrorKind::BadMagic));
        let err = decode_ledger_chunks(&[], &chunks).err();
        assert_eq!(err.map(|e| e.kind), Some(ChunkErrorKind::Truncated));
    }

    #[test]
    fn a_forged_checksum_cannot_make_decoding_allocate_wildly() {
        // A valid seal around a payload claiming 2^40 rows in one chunk.
        let (header, _) = encode_ledger_chunks(&sample(false), 10);
        let mut payload = Vec::new();
        put_uvar(&mut payload, 0);
        put_uvar(&mut payload, 1 << 40);
        let err = decode_ledger_chunks(&header, &[seal(CHUNK_MAGIC, &payload)]).err();
        assert_eq!(
            err.map(|e| e.kind),
            Some(ChunkErrorKind::Malformed(
                "row count exceeds the chunk size"
            ))
        );
    }

    #[test]
    fn fnv1a_matches_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
