//! The envelope every small interchange file shares (scale files, plan files): one UTF-8 JSON
//! object with `format` and `version` beside its fields. [`open`] checks size, JSON, format and
//! version and hands back the remaining fields; each file kind words the errors for its users.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Why a file could not be opened as the expected kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Larger than the kind's limit.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Empty or only white space.
    Empty,
    /// Not JSON (or nested absurdly deep, or cut off).
    NotJson {
        /// The parser's description (English).
        detail: String,
    },
    /// JSON, but another kind of file.
    WrongFormat {
        /// The `format` it declares, if any.
        found: Option<String>,
    },
    /// Made by a newer version of the app.
    NewerVersion {
        /// The file's version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// `version` missing or not a positive integer.
    BadVersion,
    /// A field is missing or has the wrong type.
    Invalid {
        /// Where, e.g. `categories[0].factors[1].weight` (empty for the top level).
        path: String,
        /// What is wrong (English, from the reader).
        detail: String,
    },
}

/// Checks `text` as a file of `format` up to `version` and at most `limit` bytes (a leading
/// byte-order mark is skipped), and returns its version and its fields without `format` and
/// `version`.
pub fn open(
    text: &str,
    format: &str,
    version: u32,
    limit: usize,
) -> Result<(u64, Map<String, Value>), EnvelopeError> {
    if text.len() > limit {
        return Err(EnvelopeError::TooLarge {
            bytes: text.len() as u64,
            limit: limit as u64,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(EnvelopeError::Empty);
    }
    let doc: Value = serde_json::from_str(text).map_err(|e| EnvelopeError::NotJson {
        detail: if e.to_string().starts_with("recursion limit exceeded") {
            "nested too deeply".into()
        } else if e.is_eof() {
            "the file ends too early".into()
        } else {
            e.to_string()
        },
    })?;
    let Value::Object(mut top) = doc else {
        return Err(EnvelopeError::WrongFormat { found: None });
    };
    match top.get("format") {
        Some(Value::String(f)) if f == format => {}
        Some(Value::String(f)) => {
            return Err(EnvelopeError::WrongFormat {
                found: Some(f.clone()),
            });
        }
        _ => return Err(EnvelopeError::WrongFormat { found: None }),
    }
    let found = match top.get("version").and_then(Value::as_u64) {
        Some(v) if v >= 1 => v,
        _ => return Err(EnvelopeError::BadVersion),
    };
    if found > u64::from(version) {
        return Err(EnvelopeError::NewerVersion {
            found,
            supported: version,
        });
    }
    top.remove("format");
    top.remove("version");
    Ok((found, top))
}

/// Reads fields into `T`, naming the path of the first field that does not fit.
pub fn fields<T: DeserializeOwned>(fields: Map<String, Value>) -> Result<T, EnvelopeError> {
    serde_path_to_error::deserialize(Value::Object(fields)).map_err(|e| {
        let path = e.path().to_string();
        EnvelopeError::Invalid {
            path: if path == "." { String::new() } else { path },
            detail: e.into_inner().to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_is_told_apart() {
        let open = |t: &str| open(t, "x.kind", 2, 100).map(|(v, _)| v);
        assert_eq!(
            open(&" ".repeat(101)),
            Err(EnvelopeError::TooLarge {
                bytes: 101,
                limit: 100
            })
        );
        assert_eq!(open("  \n"), Err(EnvelopeError::Empty));
        assert_eq!(
            open(r#"{"format": "x.kind""#),
            Err(EnvelopeError::NotJson {
                detail: "the file ends too early".into()
            })
        );
        assert_eq!(open("[1]"), Err(EnvelopeError::WrongFormat { found: None }));
        assert_eq!(
            open(r#"{"format": "y", "version": 1}"#),
            Err(EnvelopeError::WrongFormat {
                found: Some("y".into())
            })
        );
        assert_eq!(
            open(r#"{"format": "x.kind", "version": 0}"#),
            Err(EnvelopeError::BadVersion)
        );
        assert_eq!(
            open(r#"{"format": "x.kind", "version": 3}"#),
            Err(EnvelopeError::NewerVersion {
                found: 3,
                supported: 2
            })
        );
        assert_eq!(
            open("\u{feff}{\"format\": \"x.kind\", \"version\": 2}"),
            Ok(2)
        );
    }

    #[test]
    fn a_misfit_field_is_named_by_its_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: Vec<u32>,
        }
        let (_, f) = open(
            r#"{"format": "k", "version": 1, "a": [1, "x"]}"#,
            "k",
            1,
            1000,
        )
        .unwrap();
        match fields::<T>(f) {
            Err(EnvelopeError::Invalid { path, .. }) => assert_eq!(path, "a[1]"),
            other => panic!("{other:?}"),
        }
    }
}
