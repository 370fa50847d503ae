//! The manager's ratings of level factors (customer × factor → level) and their CSV file,
//! `customer,factor,grade`.

use super::{FactorKind, Scale};
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Ratings: customer id → factor name → level label ("A"). Factors are matched by name, so
/// two scales sharing a factor name share its ratings.
pub type Ratings = BTreeMap<String, BTreeMap<String, String>>;

/// Ratings files larger than this are refused (16 MiB: 200,000 ratings).
pub const MAX_RATINGS_BYTES: usize = 16 * 1024 * 1024;

/// A problem in a ratings CSV file or with a rating against a scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingsProblem {
    /// The 1-based line of the file (0: the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub kind: RatingsProblemKind,
}

/// What is wrong with a line of a ratings file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RatingsProblemKind {
    /// Larger than [`MAX_RATINGS_BYTES`]; nothing was read.
    TooLarge { bytes: u64 },
    /// The first line is not `customer,factor,grade`; nothing was read.
    BadHeader { found: String },
    /// A line without exactly three fields (skipped).
    FieldCount { found: usize },
    /// An empty customer, factor or grade (skipped).
    EmptyField { field: String },
    /// A quote opened and never closed (the rest of the file was skipped).
    UnclosedQuote,
    /// The same customer and factor again; the later line wins.
    Repeated { customer: String, factor: String },
    /// The factor is not a level factor of the scale.
    UnknownFactor { customer: String, factor: String },
    /// The level is not one of the factor's levels.
    UnknownLevel {
        customer: String,
        factor: String,
        grade: String,
    },
}

impl RatingsProblem {
    /// Whether the whole file was refused.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.kind,
            RatingsProblemKind::TooLarge { .. } | RatingsProblemKind::BadHeader { .. }
        )
    }

    /// A sentence for the user.
    pub fn message(&self, lang: Lang) -> String {
        use RatingsProblemKind as K;
        let zh = lang == Lang::Zh;
        let where_ = if self.line == 0 {
            String::new()
        } else if zh {
            format!("第 {} 行：", self.line)
        } else {
            format!("Line {}: ", self.line)
        };
        let text = match (&self.kind, zh) {
            (K::TooLarge { bytes }, true) => {
                format!("文件过大（{bytes} 字节，上限 {MAX_RATINGS_BYTES} 字节），未读取。")
            }
            (K::TooLarge { bytes }, false) => format!(
                "the file is too large ({bytes} bytes; the limit is {MAX_RATINGS_BYTES}); nothing was read."
            ),
            (K::BadHeader { found }, true) => format!(
                "首行应为“customer,factor,grade”（或“客户,要素,等级”），实际为“{found}”，未读取。"
            ),
            (K::BadHeader { found }, false) => format!(
                "the first line must be \"customer,factor,grade\", not \"{found}\"; nothing was read."
            ),
            (K::FieldCount { found }, true) => format!("应有 3 列，实际 {found} 列，已跳过。"),
            (K::FieldCount { found }, false) => {
                format!("expected 3 fields, found {found}; line skipped.")
            }
            (K::EmptyField { field }, true) => {
                let f = match field.as_str() {
                    "customer" => "客户",
                    "factor" => "要素",
                    _ => "等级",
                };
                format!("{f}为空，已跳过。")
            }
            (K::EmptyField { field }, false) => format!("the {field} is empty; line skipped."),
            (K::UnclosedQuote, true) => "引号未闭合，其后的内容已跳过。".into(),
            (K::UnclosedQuote, false) => {
                "a quote is never closed; the rest of the file was skipped.".into()
            }
            (K::Repeated { customer, factor }, true) => {
                format!("客户“{customer}”的要素“{factor}”重复出现，以本行为准。")
            }
            (K::Repeated { customer, factor }, false) => format!(
                "the customer \"{customer}\" is rated on \"{factor}\" again; this line wins."
            ),
            (K::UnknownFactor { customer, factor }, true) => {
                format!("客户“{customer}”：量表中没有需要评级的要素“{factor}”。")
            }
            (K::UnknownFactor { customer, factor }, false) => {
                format!("customer \"{customer}\": the scale has no level factor \"{factor}\".")
            }
            (
                K::UnknownLevel {
                    customer,
                    factor,
                    grade,
                },
                true,
            ) => format!("客户“{customer}”：要素“{factor}”没有等级“{grade}”。"),
            (
                K::UnknownLevel {
                    customer,
                    factor,
                    grade,
                },
                false,
            ) => format!(
                "customer \"{customer}\": the factor \"{factor}\" has no level \"{grade}\"."
            ),
        };
        if where_.is_empty() && !zh {
            let mut t = text;
            if let Some(first) = t.get(..1) {
                t = first.to_uppercase() + t.get(1..).unwrap_or("");
            }
            t
        } else {
            format!("{where_}{text}")
        }
    }
}

impl fmt::Display for RatingsProblem {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The ratings as CSV: a `customer,factor,grade` header, then one line per rating in
/// customer and factor order; fields quoted when they need it.
pub fn ratings_to_csv(ratings: &Ratings) -> String {
    let mut out = String::from("customer,factor,grade\n");
    for (customer, factors) in ratings {
        for (factor, grade) in factors {
            out.push_str(&quote(customer));
            out.push(',');
            out.push_str(&quote(factor));
            out.push(',');
            out.push_str(&quote(grade));
            out.push('\n');
        }
    }
    out
}

/// [`ratings_to_csv`] with a UTF-8 byte order mark first, so that Excel shows Chinese names
/// correctly when it opens the file (the reader skips the mark).
pub fn ratings_to_csv_with_bom(ratings: &Ratings) -> String {
    format!("\u{feff}{}", ratings_to_csv(ratings))
}

fn quote(field: &str) -> String {
    let needs = field.is_empty() || field.contains([',', '"', '\n', '\r']) || field.trim() != field;
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Reads a ratings CSV (UTF-8, optional BOM; comma, semicolon or tab separated; quotes as in
/// RFC 4180). Bad lines are skipped and reported; a bad header or an oversize file gives no
/// ratings and one fatal problem. Fields are trimmed.
pub fn ratings_from_csv(text: &str) -> (Ratings, Vec<RatingsProblem>) {
    use RatingsProblemKind as K;
    let mut ratings = Ratings::new();
    let mut problems = Vec::new();
    if text.len() > MAX_RATINGS_BYTES {
        problems.push(RatingsProblem {
            line: 0,
            kind: K::TooLarge {
                bytes: text.len() as u64,
            },
        });
        return (ratings, problems);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delim = match text.lines().next() {
        Some(h) if h.contains('\t') => '\t',
        Some(h) if h.contains(';') && !h.contains(',') => ';',
        _ => ',',
    };
    let mut records = Records {
        rest: text,
        line: 1,
        delim,
    };
    let mut header_seen = false;
    while let Some((line, fields, closed)) = records.next_record() {
        if !closed {
            problems.push(RatingsProblem {
                line,
                kind: K::UnclosedQuote,
            });
            break;
        }
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            header_seen = true;
            let names: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
            let ok = names.len() == 3
                && matches!(names[0].as_str(), "customer" | "客户" | "客户编号")
                && matches!(names[1].as_str(), "factor" | "要素")
                && matches!(names[2].as_str(), "grade" | "level" | "等级");
            if !ok {
                problems.push(RatingsProblem {
                    line,
                    kind: K::BadHeader {
                        found: fields.join(&delim.to_string()).chars().take(80).collect(),
                    },
                });
                return (Ratings::new(), problems);
            }
            continue;
        }
        if fields.len() != 3 {
            problems.push(RatingsProblem {
                line,
                kind: K::FieldCount {
                    found: fields.len(),
                },
            });
            continue;
        }
        let (c, f, g) = (fields[0].trim(), fields[1].trim(), fields[2].trim());
        if let Some(field) = [("customer", c), ("factor", f), ("grade", g)]
            .iter()
            .find(|(_, v)| v.is_empty())
            .map(|(n, _)| n)
        {
            problems.push(RatingsProblem {
                line,
                kind: K::EmptyField {
                    field: field.to_string(),
                },
            });
            continue;
        }
        let previous = ratings
            .entry(c.to_string())
            .or_default()
            .insert(f.to_string(), g.to_string());
        if previous.is_some() {
            problems.push(RatingsProblem {
                line,
                kind: K::Repeated {
                    customer: c.to_string(),
                    factor: f.to_string(),
                },
            });
        }
    }
    if !header_seen {
        problems.push(RatingsProblem {
            line: 1,
            kind: K::BadHeader {
                found: String::new(),
            },
        });
    }
    (ratings, problems)
}

/// Ratings that do not fit the scale: factors it does not have as level factors, and levels a
/// factor does not have (line 0: these come from the workspace, not a file line).
pub fn check_ratings(scale: &Scale, ratings: &Ratings) -> Vec<RatingsProblem> {
    let mut out = Vec::new();
    for (customer, factors) in ratings {
        for (factor, grade) in factors {
            let kind = match scale.factor(factor).map(|f| f.kind()) {
                Some(FactorKind::Levels(levels)) => {
                    if levels.iter().any(|l| &l.grade == grade) {
                        continue;
                    }
                    RatingsProblemKind::UnknownLevel {
                        customer: customer.clone(),
                        factor: factor.clone(),
                        grade: grade.clone(),
                    }
                }
                _ => RatingsProblemKind::UnknownFactor {
                    customer: customer.clone(),
                    factor: factor.clone(),
                },
            };
            out.push(RatingsProblem { line: 0, kind });
        }
    }
    out
}

struct Records<'a> {
    rest: &'a str,
    line: usize,
    delim: char,
}

impl<'a> Records<'a> {
    /// The next record: its first line, its fields, and whether every quote closed.
    fn next_record(&mut self) -> Option<(usize, Vec<String>, bool)> {
        if self.rest.is_empty() {
            return None;
        }
        let start_line = self.line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = self.rest.char_indices().peekable();
        let mut in_quotes = false;
        let mut quoted_field = false;
        let mut end = self.rest.len();
        while let Some((i, ch)) = chars.next() {
            if in_quotes {
                match ch {
                    '"' => {
                        if matches!(chars.peek(), Some((_, '"'))) {
                            chars.next();
                            field.push('"');
                        } else {
                            in_quotes = false;
                        }
                    }
                    '\n' => {
                        self.line += 1;
                        field.push(ch);
                    }
                    _ => field.push(ch),
                }
                continue;
            }
            match ch {
                '"' if field.trim().is_empty() && !quoted_field => {
                    field.clear();
                    in_quotes = true;
                    quoted_field = true;
                }
                c if c == self.delim => {
                    fields.push(std::mem::take(&mut field));
                    quoted_field = false;
                }
                '\r' if matches!(chars.peek(), Some((_, '\n'))) => {}
                '\n' | '\r' => {
                    self.line += 1;
                    end = i + 1;
                    break;
                }
                _ => field.push(ch),
            }
        }
        if in_quotes {
            self.rest = "";
            return Some((start_line, fields, false));
        }
        fields.push(field);
        self.rest = self.rest.get(end..).unwrap_or("");
        Some((start_line, fields, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_quotes_bom_crlf_and_chinese_headers() {
        let text = "\u{feff}客户,要素,等级\r\nC1,合作意愿,A\r\n\"C,2\",\"说 \"\"好\"\"\",B\r\n\r\nC1,合作意愿,B\n";
        let (r, problems) = ratings_from_csv(text);
        assert_eq!(r["C1"]["合作意愿"], "B");
        assert_eq!(r["C,2"]["说 \"好\""], "B");
        assert_eq!(
            problems
                .iter()
                .map(|p| p.message(Lang::En))
                .collect::<Vec<_>>(),
            ["Line 5: the customer \"C1\" is rated on \"合作意愿\" again; this line wins."]
        );
    }

    #[test]
    fn bad_lines_are_skipped_with_a_reason() {
        let (r, problems) =
            ratings_from_csv("customer,factor,grade\nC1,F\nC2,,A\nC3,F,\"A\nC4,F,B\n");
        assert!(r.is_empty());
        let text: Vec<String> = problems.iter().map(|p| p.message(Lang::Zh)).collect();
        assert_eq!(
            text,
            [
                "第 2 行：应有 3 列，实际 2 列，已跳过。",
                "第 3 行：要素为空，已跳过。",
                "第 4 行：引号未闭合，其后的内容已跳过。"
            ]
        );
    }

    #[test]
    fn a_wrong_header_reads_nothing() {
        let (r, problems) = ratings_from_csv("C1,F,A\n");
        assert!(r.is_empty());
        assert!(problems[0].is_fatal());
        assert_eq!(
            problems[0].message(Lang::En),
            "Line 1: the first line must be \"customer,factor,grade\", not \"C1,F,A\"; nothing was read."
        );
        let (_, problems) = ratings_from_csv("");
        assert!(problems[0].is_fatal());
    }

    fn ratings_strategy() -> impl Strategy<Value = Ratings> {
        let field = "[^\\s]([\\PC\",;\n]{0,6}[^\\s])?";
        proptest::collection::btree_map(
            field,
            proptest::collection::btree_map(field, field, 1..4),
            0..6,
        )
    }

    proptest! {
        #[test]
        fn csv_round_trips(r in ratings_strategy()) {
            let (back, problems) = ratings_from_csv(&ratings_to_csv(&r));
            prop_assert!(problems.is_empty(), "{:?}", problems);
            prop_assert_eq!(&back, &r);
            let (back, problems) = ratings_from_csv(&ratings_to_csv_with_bom(&r));
            prop_assert!(problems.is_empty(), "{:?}", problems);
            prop_assert_eq!(back, r);
        }

        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}|[\",\n\r;\tA-C客]{0,60}") {
            let _ = ratings_from_csv(&format!("customer,factor,grade\n{text}"));
            let _ = ratings_from_csv(&text);
        }
    }
}
