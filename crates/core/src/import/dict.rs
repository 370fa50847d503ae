//! Interning the text columns of a ledger: each distinct id gets a `u32` code, in order of
//! first appearance.
//!
//! The table holds codes only (four bytes a slot); the ids themselves are the dictionary's
//! [`Texts`], copied once on first sight into one buffer (no allocation per id). A slot
//! matches only when its id's bytes are equal, so two ids never merge whatever their hashes.
//! In front of the table: the previous id (ledgers repeat an order number on consecutive
//! lines), and an index of the short ids (at most 16 bytes, most ids) by their bytes, so
//! that finding one needs neither hashing its text nor reading its string. Columns whose
//! ids almost never repeat (document numbers) drop that index after a while. Until some id
//! comes in out of order (see [`key_order`]) there is no table at all: a document number
//! above the last new one is new, which comparing two keys tells.

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::texts::Texts;

/// A dictionary of ids with codes.
#[derive(Default)]
pub(crate) struct Dict {
    /// Every id's code by the id's hash, once `unsorted`; empty before.
    table: HashTable<u32>,
    ids: Texts,
    /// Some id came in below the last new one. Until then each new id was above all earlier
    /// ones in [`key_order`] (document numbers are mostly listed in order), so an id above
    /// the last is new without a lookup and the table is not filled; it is built when this
    /// turns true.
    unsorted: bool,
    /// Room asked for by [`Dict::reserve`], given to the table when it is built.
    reserved: usize,
    /// The key of the last new id while `!unsorted`, if it was short.
    top: Option<Key>,
    /// The previous id when it was short (its key, see [`short_key`]) and its code.
    last_key: Key,
    last_code: u32,
    /// The code of the previous id when it was longer.
    last_long: Option<u32>,
    /// Every short id by its key (see [`short_key`]) with its code: open addressing with
    /// linear probing, a power-of-two length at most half full; a zero length field marks an
    /// empty slot.
    short: Vec<(u64, u64, u64, u32)>,
    /// Ids in `short`.
    short_ids: usize,
    /// Lookups in `short` since the last check of its hit rate, and how many found an id.
    lookups: usize,
    hits: usize,
    /// `short` was dropped: almost every id was new (document numbers), or too many.
    no_short: bool,
    /// Forces every hash to one value (tests of colliding ids).
    #[cfg(test)]
    collide: bool,
}

/// The first and the largest length of [`Dict::short`] (powers of two).
const SHORT_MIN: usize = 16;
const SHORT_MAX: usize = 1 << 16;
/// Lookups between two checks of the short index's hit rate.
const SHORT_CHECK: usize = 1 << 16;
/// Lookups after which the short index of a column of rising ids, none found, is dropped.
const SHORT_EARLY: usize = 1 << 12;

/// A fast hash for the short keys of a dictionary (FxHash's multiply-rotate over 8-byte
/// words, finished by a folded multiply so that every input bit reaches the low bits).
fn fx(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w) ^ rest.len() as u64).wrapping_mul(K);
    }
    h
}

fn fold(h: u64) -> u64 {
    let x = u128::from(h) * 0x9E37_79B9_7F4A_7C15;
    (x as u64) ^ ((x >> 64) as u64)
}

/// The value of a run of at most 19 ASCII digits. The last eight are read as one word (each
/// step joins neighbouring groups of digits, all groups at once), which is what document
/// numbers' counters mostly need, instead of a chain of eight multiplications.
fn decimal(digits: &[u8]) -> u64 {
    let naive = |d: &[u8]| d.iter().fold(0u64, |a, d| a * 10 + u64::from(d - b'0'));
    let Some(split) = digits.len().checked_sub(8) else {
        return naive(digits);
    };
    let (head, last) = digits.split_at(split);
    let mut w = [0u8; 8];
    w.copy_from_slice(last);
    // Byte k holds the k-th digit (the first is the most significant).
    let mut v = u64::from_le_bytes(w).wrapping_sub(0x3030_3030_3030_3030);
    v = (v.wrapping_mul(10) + (v >> 8)) & 0x00FF_00FF_00FF_00FF;
    v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_FFFF_0000_FFFF;
    v = (v.wrapping_mul(10_000) + (v >> 32)) & 0xFFFF_FFFF;
    naive(head) * 100_000_000 + v
}

/// Byte equality without a library call, for the short ids dictionaries hold.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[i..i + 8]);
        u64::from_le_bytes(w)
    };
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word(a, i) != word(b, i) {
                return false;
            }
            i += 8;
        }
        return word(a, n - 8) == word(b, n - 8);
    }
    let half = |s: &[u8], i: usize| -> u32 {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[i..i + 4]);
        u32::from_le_bytes(w)
    };
    if n >= 4 {
        return half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// The exact key of an id of at most 16 bytes: its length + 1 and its bytes in two words,
/// read with fixed-size loads (overlapping when the id is shorter than a word pair) so that
/// no bytes are copied one by one: with the length known, the words give back every byte.
/// The words are read most significant byte first, so keys order ids of one length as
/// their bytes do (see [`key_order`]).
#[inline(always)]
fn short_key(b: &[u8]) -> Option<Key> {
    let n = b.len();
    let load8 = |i: usize| -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_be_bytes(w)
    };
    let load4 = |i: usize| -> u64 {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[i..i + 4]);
        u64::from(u32::from_be_bytes(w))
    };
    let (x, y) = match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(b[0]) << 16 | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]),
            0,
        ),
        4..=7 => (load4(0) << 32 | load4(n - 4), 0),
        8..=16 => (load8(0), load8(n - 8)),
        _ => return None,
    };
    Some((n as u64 + 1, x, y))
}

/// A short id's key (see [`short_key`]).
type Key = (u64, u64, u64);

/// The order in which a dictionary expects new ids (document numbers): ids of at most 16
/// bytes first, by their keys (shorter first, then as their bytes), then longer ids, as
/// their bytes. A strict total order, so an id above the last of a rising run of ids is
/// above every one of them, and new. For numbers of one width it is the order of their
/// text, and it takes XS9 to XS10 as rising too.
fn key_order(a: (&str, Option<Key>), b: (&str, Option<Key>)) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.1, b.1) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.0.cmp(b.0),
    }
}

/// The first slot of a short key in an index of `mask + 1` slots.
#[inline(always)]
fn short_slot((len, a, b): Key, mask: usize) -> usize {
    let mix = (a ^ b.rotate_left(29) ^ len.rotate_left(58)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((mix ^ (mix >> 29)) >> 16) as usize & mask
}

impl Dict {
    /// The hash of an id. Document numbers and codes usually end in a counter (XS00000001,
    /// XS00000002, …): for those the low bits, which pick the table slot, are the prefix's
    /// hash plus the counter, so consecutive ids land in neighbouring slots and the table is
    /// filled in memory order instead of at random. The top seven bits, which the table
    /// compares first, still vary from one id to the next.
    pub(crate) fn hash(id: &str) -> u64 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let b = id.as_bytes();
        let digits = b
            .iter()
            .rev()
            .take(18)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 {
            return fold(fx(0, b));
        }
        let (prefix, tail) = b.split_at(b.len() - digits);
        let p = fold(fx(0, prefix).rotate_left(5) ^ digits as u64);
        let counter = decimal(tail);
        let slot = p.wrapping_add(counter) & ((1 << 57) - 1);
        let tag = (counter ^ p).wrapping_mul(K) & !((1 << 57) - 1);
        slot | tag
    }

    /// [`Dict::hash`] as this dictionary hashes (in tests, maybe every id alike), holding no
    /// borrow of it.
    fn hasher(&self) -> impl Fn(&str) -> u64 + Copy + use<> {
        #[cfg(test)]
        let collide = self.collide;
        move |id| {
            #[cfg(test)]
            if collide {
                return 7;
            }
            Dict::hash(id)
        }
    }

    /// The code of `id`, and whether it is new.
    #[inline(always)]
    pub(crate) fn intern(&mut self, id: &str) -> (u32, bool) {
        // The common case inline: a short id found in the first slot it may take.
        if !self.no_short
            && let Some(key) = short_key(id.as_bytes())
        {
            if key == self.last_key {
                return (self.last_code, false);
            }
            let mask = self.short.len().wrapping_sub(1);
            if let Some(&(l, x, y, code)) = self.short.get(short_slot(key, mask))
                && (l, x, y) == key
            {
                self.lookups += 1;
                self.hits += 1;
                self.remember_short(key, code);
                return (code, false);
            }
        }
        // The other common case: the next document number of a rising run.
        if self.no_short
            && !self.unsorted
            && let Some(key) = short_key(id.as_bytes())
            && self.top.is_some_and(|top| key > top)
        {
            let code = self.push(id, Some(key));
            self.remember_short(key, code);
            return (code, true);
        }
        self.intern_any(id)
    }

    /// [`Dict::intern`], every case.
    #[inline(never)]
    fn intern_any(&mut self, id: &str) -> (u32, bool) {
        let Some(key) = short_key(id.as_bytes()) else {
            if let Some(code) = self.last_long
                && let Some(prev) = self.ids.get(code as usize)
                && same_bytes(prev.as_bytes(), id.as_bytes())
            {
                return (code, false);
            }
            let (code, new) = self.intern_hashed(id, None);
            self.last_long = Some(code);
            self.last_key = (0, 0, 0);
            return (code, new);
        };
        // A short key's length field is at least 1, so the initial (0, 0, 0) never matches.
        if key == self.last_key {
            return (self.last_code, false);
        }
        let (code, new) = self.intern_short(id, key);
        self.remember_short(key, code);
        (code, new)
    }

    /// Notes a short id (its key) and its code as the previous id.
    #[inline(always)]
    fn remember_short(&mut self, key: Key, code: u32) {
        self.last_key = key;
        self.last_code = code;
        self.last_long = None;
    }

    fn intern_short(&mut self, id: &str, key: Key) -> (u32, bool) {
        if self.no_short {
            return self.intern_hashed(id, Some(key));
        }
        if self.short.is_empty() {
            self.short = vec![(0, 0, 0, 0); SHORT_MIN];
        }
        let mask = self.short.len() - 1;
        let mut slot = short_slot(key, mask);
        self.lookups += 1;
        loop {
            let Some(&(l, x, y, code)) = self.short.get(slot) else {
                return self.intern_hashed(id, Some(key));
            };
            if l == 0 {
                break;
            }
            if (l, x, y) == key {
                self.hits += 1;
                return (code, false);
            }
            slot = (slot + 1) & mask;
        }
        // Not in the index, so new (the table learns it too, for when the index is dropped).
        let (code, new) = self.intern_hashed(id, Some(key));
        // A column of ids that never repeat (document numbers) only pays for the index; one
        // whose ids have so far only risen, each new, is dropped early.
        let rising = !self.unsorted && self.hits == 0 && self.lookups >= SHORT_EARLY;
        if rising || self.lookups >= SHORT_CHECK {
            if self.hits * 8 < self.lookups {
                self.drop_short();
                return (code, new);
            }
            self.lookups = 0;
            self.hits = 0;
        }
        if (self.short_ids + 1) * 2 > self.short.len() && !self.grow_short() {
            return (code, new);
        }
        let mask = self.short.len() - 1;
        let mut slot = short_slot(key, mask);
        while self.short.get(slot).is_some_and(|e| e.0 != 0) {
            slot = (slot + 1) & mask;
        }
        if let Some(e) = self.short.get_mut(slot) {
            *e = (key.0, key.1, key.2, code);
            self.short_ids += 1;
        }
        (code, new)
    }

    fn drop_short(&mut self) {
        self.no_short = true;
        self.short = Vec::new();
        self.short_ids = 0;
    }

    /// Doubles the short index; `false` (and the index dropped) past [`SHORT_MAX`].
    fn grow_short(&mut self) -> bool {
        let size = self.short.len() * 2;
        if size > SHORT_MAX {
            self.drop_short();
            return false;
        }
        let old = std::mem::replace(&mut self.short, vec![(0, 0, 0, 0); size]);
        let mask = size - 1;
        for e in old.into_iter().filter(|e| e.0 != 0) {
            let mut slot = short_slot((e.0, e.1, e.2), mask);
            while self.short[slot].0 != 0 {
                slot = (slot + 1) & mask;
            }
            self.short[slot] = e;
        }
        true
    }

    /// Looks `id` up (its short key, if it has one, is `key`) without the short index.
    fn intern_hashed(&mut self, id: &str, key: Option<Key>) -> (u32, bool) {
        if !self.unsorted {
            let last = self.ids.len().checked_sub(1);
            let above = last
                .and_then(|l| self.ids.get(l))
                .map(|prev| key_order((id, key), (prev, self.top)));
            match above {
                None | Some(std::cmp::Ordering::Greater) => {
                    return (self.push(id, key), true);
                }
                Some(std::cmp::Ordering::Equal) => {
                    return (last.unwrap_or(0) as u32, false);
                }
                Some(std::cmp::Ordering::Less) => self.build_table(),
            }
        }
        let hash = self.hasher();
        let h = hash(id);
        let ids = &self.ids;
        let rehash = |&c: &u32| hash(ids.get(c as usize).unwrap_or(""));
        let same = |&c: &u32| {
            ids.get(c as usize)
                .is_some_and(|s| same_bytes(s.as_bytes(), id.as_bytes()))
        };
        match self.table.entry(h, same, rehash) {
            Entry::Occupied(e) => (*e.get(), false),
            Entry::Vacant(e) => {
                let code = self.ids.len() as u32;
                e.insert(code);
                self.ids.push(id);
                (code, true)
            }
        }
    }

    /// Appends a new id (its short key, if it has one, is `key`), returning its code.
    #[inline(always)]
    fn push(&mut self, id: &str, key: Option<Key>) -> u32 {
        let code = self.ids.len() as u32;
        self.ids.push(id);
        self.top = key;
        code
    }

    /// Fills the table with every id so far (all distinct: they came in ascending) and leaves
    /// the ascending mode for good.
    fn build_table(&mut self) {
        self.unsorted = true;
        let hash = self.hasher();
        let ids = &self.ids;
        let rehash = |&c: &u32| hash(ids.get(c as usize).unwrap_or(""));
        self.table.reserve(self.reserved.max(ids.len()), rehash);
        for (code, id) in ids.iter().enumerate() {
            self.table.insert_unique(hash(id), code as u32, rehash);
        }
    }

    /// Makes room for about `ids` ids of `bytes` bytes in all.
    pub(crate) fn reserve(&mut self, ids: usize, bytes: usize) {
        self.reserved = ids;
        self.ids.reserve(ids, bytes);
    }

    /// The ids in code order.
    pub(crate) fn into_ids(self) -> Texts {
        self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_hashes_never_merge_two_ids() {
        let long = "a customer name longer than sixteen bytes";
        let ids = [
            "",
            "a",
            "12345678",
            "123456789",
            "1234567890123456",
            long,
            "a",
            "",
            long,
            "B",
            "A",
            "B",
        ];
        let expected = [
            "",
            "a",
            "12345678",
            "123456789",
            "1234567890123456",
            long,
            "B",
            "A",
        ];
        for collide in [false, true] {
            let mut d = Dict {
                collide,
                ..Dict::default()
            };
            let codes: Vec<(u32, bool)> = ids.iter().map(|id| d.intern(id)).collect();
            assert_eq!(codes[6], (1, false));
            assert_eq!(codes[9], (6, true));
            assert_eq!(codes[11], (6, false));
            assert_eq!(d.into_ids(), expected, "collide: {collide}");
        }
    }

    #[test]
    fn short_keys_tell_every_short_id_apart() {
        let mut seen = std::collections::HashMap::new();
        let mut ids: Vec<Vec<u8>> = Vec::new();
        for len in 0..=11usize {
            for bits in 0..(1u32 << len) {
                ids.push((0..len).map(|i| b'a' + ((bits >> i) & 1) as u8).collect());
            }
        }
        for len in 12..=17usize {
            for k in 0..len {
                let mut id = vec![b'x'; len];
                id[k] = b'y';
                ids.push(id);
            }
        }
        for id in ids {
            match short_key(&id) {
                Some(key) => {
                    if let Some(other) = seen.insert(key, id.clone()) {
                        panic!("{id:?} and {other:?} share a key");
                    }
                }
                None => assert!(id.len() > 16),
            }
        }
    }

    /// Rising document numbers (through a change of width), the same numbers again, runs
    /// that mix long ids in, one repeated line after another: codes must match a plain map's,
    /// whether the short index is dropped early, later or never.
    #[test]
    fn rising_ids_keep_their_codes() {
        let rising: Vec<String> = (0..10_000).map(|i| format!("XS{i}")).collect();
        let mixed: Vec<String> = (0..10_000)
            .map(|i| match i % 3 {
                0 => format!("a long document number {i:08}"),
                _ => format!("SO{i:06}"),
            })
            .collect();
        let twice: Vec<String> = (0..6_000).map(|i| format!("XS{:08}", i / 2)).collect();
        let sequences = [
            rising
                .iter()
                .chain(rising.iter().rev())
                .cloned()
                .collect::<Vec<_>>(),
            mixed.iter().chain(&mixed).cloned().collect(),
            twice.iter().chain(&rising).cloned().collect(),
            rising
                .iter()
                .take(5_000)
                .chain(["XS0".to_string()].iter())
                .chain(&rising)
                .cloned()
                .collect(),
        ];
        for ids in sequences {
            let mut d = Dict::default();
            let mut plain: std::collections::HashMap<&str, u32> = Default::default();
            for id in &ids {
                let next = plain.len() as u32;
                let want = *plain.entry(id).or_insert(next);
                assert_eq!(d.intern(id), (want, want == next), "{id}");
            }
            assert_eq!(d.into_ids().len(), plain.len());
        }
    }

    proptest::proptest! {
        #[test]
        fn short_keys_order_ids_of_one_length_as_their_bytes(
            a in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..=16),
            at in proptest::prelude::any::<usize>(),
            byte in proptest::prelude::any::<u8>(),
        ) {
            // `b` is `a` with one byte changed, anywhere.
            let mut b = a.clone();
            if let Some(n) = b.len().checked_sub(1) {
                b[at % (n + 1)] = byte;
            }
            proptest::prop_assert_eq!(short_key(&a).cmp(&short_key(&b)), a.cmp(&b));
        }

        #[test]
        fn decimal_reads_any_run_of_digits(n in 0u64..=u64::MAX / 2, width in 0usize..=19) {
            let text = format!("{n:0width$}");
            if text.len() <= 19 {
                proptest::prop_assert_eq!(decimal(text.as_bytes()), n);
            }
        }
    }

    #[test]
    fn decimal_reads_edge_runs() {
        for text in [
            "",
            "0",
            "9",
            "00000000",
            "99999999",
            "123456789",
            "0000000000000000001",
        ] {
            assert_eq!(
                decimal(text.as_bytes()),
                text.parse::<u64>().unwrap_or(0),
                "{text}"
            );
        }
    }

    #[test]
    fn byte_equality_matches_slices() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_bytes(a.as_bytes(), b.as_bytes()), a == b);
            }
            for i in 0..a.len() {
                let mut c = a.as_bytes().to_vec();
                c[i] ^= 1;
                assert!(!same_bytes(a.as_bytes(), &c));
            }
        }
    }

    /// Columns that repeat, columns that never do (the short index is dropped for its hit
    /// rate) and columns of too many short ids (dropped for its size): codes must match a
    /// plain map's.
    #[test]
    fn caches_never_change_the_codes() {
        for (n, distinct) in [
            (20_000usize, 37usize),
            (150_000, 150_000),
            (150_000, 5_000),
            (300_000, 120_000),
        ] {
            let mut d = Dict::default();
            let mut plain: std::collections::HashMap<String, u32> = Default::default();
            for i in 0..n {
                let k = (i * 7919) % distinct;
                let id = if k % 3 == 0 {
                    format!("XS{k:08}")
                } else {
                    format!("客户{k} with a long name")
                };
                let next = plain.len() as u32;
                let want = *plain.entry(id.clone()).or_insert(next);
                assert_eq!(d.intern(&id).0, want, "{id}");
            }
            assert_eq!(d.into_ids().len(), plain.len());
        }
    }
}
