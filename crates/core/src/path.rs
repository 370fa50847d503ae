//! [`FieldPath`]: where a field sits in a document, in one syntax for every area — validation
//! issues, field-by-field merges and (for the JBP) who changed a field and when.
//!
//! A path is a list of steps: a field name, a position in a list (`[2]`) or a record of a list
//! chosen by its key (`["华东"]`), so that a path still names the same record after others
//! are added or removed. Written as text:
//!
//! ```text
//! categories[0].factors[1].weight
//! categories["合作意愿"].weight
//! members["C0001"].months[3]
//! ```
//!
//! Field names are ASCII letters, digits and `_`; keys are JSON strings (any text, with `"`
//! and `\` escaped). [`FieldPath::parse`] reads exactly what `Display` writes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A named field of a record: `weight`.
    Field(String),
    /// A position in a list, from 0: `[3]`.
    Index(usize),
    /// The record of a list whose key (id or name) is this: `["C0001"]`.
    Key(String),
}

/// A path to one field of a document; the empty path is the document itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(Vec<Step>);

impl FieldPath {
    /// The document itself.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// This path followed by a field name.
    pub fn field(mut self, name: impl Into<String>) -> FieldPath {
        self.0.push(Step::Field(name.into()));
        self
    }

    /// This path followed by a position in a list.
    pub fn index(mut self, i: usize) -> FieldPath {
        self.0.push(Step::Index(i));
        self
    }

    /// This path followed by the record of a list with this key.
    pub fn key(mut self, key: impl Into<String>) -> FieldPath {
        self.0.push(Step::Key(key.into()));
        self
    }

    /// This path followed by all the steps of `rest`.
    pub fn join(mut self, rest: &FieldPath) -> FieldPath {
        self.0.extend(rest.0.iter().cloned());
        self
    }

    /// The steps, first to last.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Whether this is the document itself.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `self` is `prefix` or lies inside it (`a[0].b` is within `a[0]` and `a`,
    /// not within `a[1]`).
    pub fn is_within(&self, prefix: &FieldPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// Reads a path as `Display` writes it; `None` for anything else. The empty text is the
    /// root.
    pub fn parse(text: &str) -> Option<FieldPath> {
        let bytes = text.as_bytes();
        let mut steps = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'[' => {
                    let close = i + 1 + text.get(i + 1..)?.find(']')?;
                    let inner = text.get(i + 1..close)?;
                    if inner.starts_with('"') {
                        // A key: a JSON string, which may itself hold ']'.
                        let (key, len) = json_string(text.get(i + 1..)?)?;
                        let end = i + 1 + len;
                        if bytes.get(end) != Some(&b']') {
                            return None;
                        }
                        steps.push(Step::Key(key));
                        i = end + 1;
                    } else {
                        if inner.is_empty()
                            || !inner.bytes().all(|b| b.is_ascii_digit())
                            || (inner.len() > 1 && inner.starts_with('0'))
                        {
                            return None;
                        }
                        steps.push(Step::Index(inner.parse().ok()?));
                        i = close + 1;
                    }
                }
                b'.' if !steps.is_empty() => {
                    i += 1;
                    let end = field_end(bytes, i);
                    if end == i {
                        return None;
                    }
                    steps.push(Step::Field(text.get(i..end)?.to_string()));
                    i = end;
                }
                _ if steps.is_empty() => {
                    let end = field_end(bytes, i);
                    if end == i {
                        return None;
                    }
                    steps.push(Step::Field(text.get(i..end)?.to_string()));
                    i = end;
                }
                _ => return None,
            }
        }
        Some(FieldPath(steps))
    }
}

/// Where a field name starting at `from` ends.
fn field_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
        end += 1;
    }
    end
}

/// The JSON string at the start of `text` and how many bytes it takes.
fn json_string(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => {
                let s = serde_json::from_str::<String>(text.get(..=i)?).ok()?;
                return Some((s, i + 1));
            }
            _ => i += 1,
        }
    }
    None
}

impl fmt::Display for FieldPath {
    /// `categories[0].factors["合作"].weight`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, step) in self.0.iter().enumerate() {
            match step {
                Step::Field(name) if n == 0 => f.write_str(name)?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Index(i) => write!(f, "[{i}]")?,
                Step::Key(k) => {
                    let quoted = serde_json::to_string(k).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")?
                }
            }
        }
        Ok(())
    }
}

impl Serialize for FieldPath {
    /// As its text.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldPath, D::Error> {
        let text = String::deserialize(d)?;
        FieldPath::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a field path such as categories[0].weight or members[\"C1\"].target"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(path: FieldPath, text: &str) {
        assert_eq!(path.to_string(), text);
        assert_eq!(FieldPath::parse(text), Some(path));
    }

    #[test]
    fn paths_are_written_and_read_back() {
        check(FieldPath::root(), "");
        check(FieldPath::root().field("name"), "name");
        check(
            FieldPath::root()
                .field("categories")
                .index(0)
                .field("factors")
                .index(12)
                .field("weight"),
            "categories[0].factors[12].weight",
        );
        check(
            FieldPath::root()
                .field("categories")
                .key("合作意愿")
                .field("weight"),
            "categories[\"合作意愿\"].weight",
        );
        check(
            FieldPath::root().field("k").key("a\"]b\\c"),
            r#"k["a\"]b\\c"]"#,
        );
        check(FieldPath::root().index(3).index(4), "[3][4]");
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            ".a",
            "a.",
            "a..b",
            "a[",
            "a[]",
            "a[01]",
            "a[-1]",
            "a[x]",
            "a[\"x]",
            "a[\"x\"",
            "a b",
            "a[0]b",
            "a.[0]",
            "a[\"x\"]]",
        ] {
            assert_eq!(FieldPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_path_lies_within_its_prefixes_only() {
        let p = FieldPath::parse("a[0].b").unwrap_or_default();
        assert!(p.is_within(&FieldPath::parse("a[0]").unwrap_or_default()));
        assert!(p.is_within(&FieldPath::root()));
        assert!(!p.is_within(&FieldPath::parse("a[1]").unwrap_or_default()));
    }

    #[test]
    fn paths_travel_in_json_as_their_text() {
        let p = FieldPath::root().field("members").key("C1").field("target");
        let json = serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(json, r#""members[\"C1\"].target""#);
        assert_eq!(serde_json::from_str::<FieldPath>(&json).ok(), Some(p));
        let err = serde_json::from_str::<FieldPath>(r#""a..b""#).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.starts_with("\"a..b\" is not a field path")));
    }
}
