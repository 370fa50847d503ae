//! [`Texts`]: a list of strings kept in one buffer.
//!
//! A ledger's order numbers are nearly one per row: a million short strings. Held as
//! `Vec<String>` each is an allocation of its own (24 bytes of handle plus a heap block of
//! 16–32 bytes for a 10-byte id); here they are one text and one offset each, about a quarter
//! of the memory, and built without an allocation per id.

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Strings in order, stored end to end. Serialized as a sequence of strings (the same as a
/// `Vec<String>`), so files written before it existed read the same.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Texts {
    text: String,
    /// Where each string ends in `text`; string `i` starts where `i - 1` ends.
    ends: Vec<usize>,
}

impl Texts {
    /// An empty list.
    pub fn new() -> Texts {
        Texts::default()
    }

    /// An empty list with room for `count` strings of `bytes` bytes in all.
    pub fn with_capacity(count: usize, bytes: usize) -> Texts {
        Texts {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(count),
        }
    }

    /// The number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no strings.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Appends a string.
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// Makes room for `count` more strings of `bytes` bytes in all.
    pub fn reserve(&mut self, count: usize, bytes: usize) {
        self.ends.reserve(count);
        self.text.reserve(bytes);
    }

    /// The strings in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            texts: self,
            next: 0,
        }
    }

    /// The strings as owned `String`s.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// The strings of a [`Texts`], in order.
#[derive(Clone)]
pub struct Iter<'a> {
    texts: &'a Texts,
    next: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.texts.get(self.next)?;
        self.next += 1;
        Some(s)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.texts.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Texts {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Texts {
        let mut t = Texts::new();
        for s in iter {
            t.push(s.as_ref());
        }
        t
    }
}

impl<S: AsRef<str>> Extend<S> for Texts {
    fn extend<I: IntoIterator<Item = S>>(&mut self, iter: I) {
        for s in iter {
            self.push(s.as_ref());
        }
    }
}

impl From<Vec<String>> for Texts {
    fn from(v: Vec<String>) -> Texts {
        let bytes = v.iter().map(String::len).sum();
        let mut t = Texts::with_capacity(v.len(), bytes);
        t.extend(&v);
        t
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for Texts {
    fn from(a: [S; N]) -> Texts {
        a.iter().collect()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Texts {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Texts {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Texts {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for s in self {
            seq.serialize_element(s)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        struct Strings;
        impl<'de> Visitor<'de> for Strings {
            type Value = Texts;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of strings")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
                let mut t = Texts::new();
                // A size hint comes from the input: it bounds nothing, so it reserves nothing.
                while let Some(s) = seq.next_element::<std::borrow::Cow<'de, str>>()? {
                    t.push(&s);
                }
                Ok(t)
            }
        }
        deserializer.deserialize_seq(Strings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_pushed() {
        let words = ["", "XS00000001", "", "订单-007", "a"];
        let t: Texts = words.iter().collect();
        assert_eq!(t.len(), 5);
        assert_eq!(t.get(0), Some(""));
        assert_eq!(t.get(3), Some("订单-007"));
        assert_eq!(t.get(5), None);
        assert_eq!(t.iter().collect::<Vec<_>>(), words);
        assert_eq!(t, words);
        assert_eq!(t.to_vec(), words.map(String::from).to_vec());
        assert!(Texts::new().is_empty());
    }

    #[test]
    fn serialized_like_a_list_of_strings() {
        let words = vec!["SO1".to_string(), "单号\"2\"".to_string(), String::new()];
        let t = Texts::from(words.clone());
        let json = serde_json::to_string(&t).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&words).unwrap_or_default());
        let back: Result<Texts, _> = serde_json::from_str(&json);
        assert_eq!(back.ok(), Some(t));
        let bad: Result<Texts, _> = serde_json::from_str("[1]");
        assert!(bad.is_err());
    }
}
