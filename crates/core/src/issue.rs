//! Problems found while validating a workspace or a ledger: data, not early returns.

use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem, where it is, and how bad it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Errors make the data unusable; warnings are worth a look.
    pub severity: Severity,
    /// Where the problem is, as a path into the file: `customers[3].id`.
    pub path: String,
    /// What the problem is.
    pub kind: IssueKind,
}

/// How bad an [`Issue`] is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The data cannot be used as it is; an import must be refused.
    Error,
    /// Usable, but probably not what the user meant.
    Warning,
}

/// The kinds of things that hold ids.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A customer (distributor or outlet).
    Customer,
    /// A product (SKU).
    Product,
    /// A sales region.
    Region,
    /// A salesperson.
    Salesperson,
    /// A channel or customer type in a ledger.
    Channel,
    /// An order (document number) in a ledger.
    Order,
    /// A dataset (one imported ledger).
    Dataset,
    /// A grading scale.
    Scale,
    /// A target plan (one per plan year).
    Plan,
}

impl Entity {
    /// The entity's name in a sentence: "customer" / "客户".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Entity::Customer => lang.pick("客户", "customer"),
            Entity::Product => lang.pick("产品", "product"),
            Entity::Region => lang.pick("区域", "region"),
            Entity::Salesperson => lang.pick("业务员", "salesperson"),
            Entity::Channel => lang.pick("渠道", "channel"),
            Entity::Order => lang.pick("订单", "order"),
            Entity::Dataset => lang.pick("数据集", "dataset"),
            Entity::Scale => lang.pick("量表", "scale"),
            Entity::Plan => lang.pick("目标计划", "target plan"),
        }
    }
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IssueKind {
    /// Two records (or two dictionary entries) share an id.
    DuplicateId {
        /// What kind of record.
        what: Entity,
        /// The repeated id.
        id: String,
    },
    /// An id refers to a record that does not exist.
    UnknownReference {
        /// What kind of record was looked for.
        what: Entity,
        /// The id that was not found.
        id: String,
    },
    /// A ledger column does not have one entry per row.
    ColumnLength {
        /// The column's name.
        column: String,
        /// Its length.
        len: usize,
        /// The number of rows.
        expected: usize,
    },
    /// Ledger rows use codes beyond the end of their dictionary.
    CodeOutOfRange {
        /// The column's name.
        column: String,
        /// The first bad row (0-based).
        row: usize,
        /// The code found there.
        code: u32,
        /// The dictionary's size: valid codes are below it.
        len: usize,
        /// How many rows of the column are bad.
        count: usize,
    },
    /// An id is empty.
    EmptyId {
        /// What kind of record.
        what: Entity,
    },
    /// Ledger dates outside the years 1900–2199: almost certainly a conversion mistake.
    DateOutOfRange {
        /// The first bad row (0-based).
        row: usize,
        /// The day number found there.
        day: i32,
        /// How many rows are bad.
        count: usize,
    },
}

impl Issue {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, kind: IssueKind) -> Issue {
        Issue {
            severity: Severity::Error,
            path: path.into(),
            kind,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, kind: IssueKind) -> Issue {
        Issue {
            severity: Severity::Warning,
            path: path.into(),
            kind,
        }
    }

    /// Whether this issue must stop an import.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same issue, its path placed under `prefix` (`datasets[0].ledger`).
    pub fn under(mut self, prefix: &str) -> Issue {
        self.path = if self.path.is_empty() {
            prefix.to_string()
        } else if self.path.starts_with('[') {
            format!("{prefix}{}", self.path)
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }

    /// A sentence for the user saying what is wrong and where.
    pub fn message(&self, lang: Lang) -> String {
        let p = &self.path;
        match (&self.kind, lang) {
            (IssueKind::DuplicateId { what, id }, Lang::Zh) => {
                format!("{}编号“{id}”重复出现（位置：{p}）。", what.label(lang))
            }
            (IssueKind::DuplicateId { what, id }, Lang::En) => {
                format!(
                    "The {} id \"{id}\" appears more than once (at {p}).",
                    what.label(lang)
                )
            }
            (IssueKind::UnknownReference { what, id }, Lang::Zh) => {
                format!("引用了不存在的{}“{id}”（位置：{p}）。", what.label(lang))
            }
            (IssueKind::UnknownReference { what, id }, Lang::En) => {
                format!(
                    "There is no {} with the id \"{id}\" (referred to at {p}).",
                    what.label(lang)
                )
            }
            (
                IssueKind::ColumnLength {
                    column,
                    len,
                    expected,
                },
                Lang::Zh,
            ) => {
                format!("台账列“{column}”有 {len} 个值，但台账有 {expected} 行（位置：{p}）。")
            }
            (
                IssueKind::ColumnLength {
                    column,
                    len,
                    expected,
                },
                Lang::En,
            ) => {
                format!(
                    "The ledger column \"{column}\" has {len} values but the ledger has {expected} rows (at {p})."
                )
            }
            (
                IssueKind::CodeOutOfRange {
                    column,
                    row,
                    code,
                    len,
                    count,
                },
                Lang::Zh,
            ) => format!(
                "台账列“{column}”有 {count} 行的编码超出字典范围（第一处：第 {row} 行编码为 {code}，字典只有 {len} 项；位置：{p}）。"
            ),
            (
                IssueKind::CodeOutOfRange {
                    column,
                    row,
                    code,
                    len,
                    count,
                },
                Lang::En,
            ) => format!(
                "{count} row(s) of the ledger column \"{column}\" use codes outside the dictionary (first: row {row} has code {code}, but the dictionary has only {len} entries; at {p})."
            ),
            (IssueKind::EmptyId { what }, Lang::Zh) => {
                format!("{}编号为空（位置：{p}）。", what.label(lang))
            }
            (IssueKind::EmptyId { what }, Lang::En) => {
                format!("A {} has an empty id (at {p}).", what.label(lang))
            }
            (IssueKind::DateOutOfRange { row, day, count }, Lang::Zh) => format!(
                "台账有 {count} 行的日期不在 1900–2199 年之间（第一处：第 {row} 行，日期 {}；位置：{p}）。",
                crate::Date(*day)
            ),
            (IssueKind::DateOutOfRange { row, day, count }, Lang::En) => format!(
                "{count} ledger row(s) have dates outside the years 1900–2199 (first: row {row}, date {}; at {p}).",
                crate::Date(*day)
            ),
        }
    }
}

impl fmt::Display for Issue {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Whether any of the issues is an error.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(Issue::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(issue: Issue, zh: &str, en: &str) {
        assert_eq!(issue.message(Lang::Zh), zh);
        assert_eq!(issue.message(Lang::En), en);
        assert_eq!(issue.to_string(), en);
    }

    #[test]
    fn messages_say_what_and_where_in_both_languages() {
        check(
            Issue::error(
                "customers[3].id",
                IssueKind::DuplicateId {
                    what: Entity::Customer,
                    id: "C0001".into(),
                },
            ),
            "客户编号“C0001”重复出现（位置：customers[3].id）。",
            "The customer id \"C0001\" appears more than once (at customers[3].id).",
        );
        check(
            Issue::warning(
                "customers[0].region",
                IssueKind::UnknownReference {
                    what: Entity::Region,
                    id: "R9".into(),
                },
            ),
            "引用了不存在的区域“R9”（位置：customers[0].region）。",
            "There is no region with the id \"R9\" (referred to at customers[0].region).",
        );
        check(
            Issue::error(
                "amount",
                IssueKind::ColumnLength {
                    column: "amount".into(),
                    len: 2,
                    expected: 3,
                },
            ),
            "台账列“amount”有 2 个值，但台账有 3 行（位置：amount）。",
            "The ledger column \"amount\" has 2 values but the ledger has 3 rows (at amount).",
        );
        check(
            Issue::error(
                "product[7]",
                IssueKind::CodeOutOfRange {
                    column: "product".into(),
                    row: 7,
                    code: 40,
                    len: 40,
                    count: 2,
                },
            ),
            "台账列“product”有 2 行的编码超出字典范围（第一处：第 7 行编码为 40，字典只有 40 项；位置：product[7]）。",
            "2 row(s) of the ledger column \"product\" use codes outside the dictionary (first: row 7 has code 40, but the dictionary has only 40 entries; at product[7]).",
        );
        check(
            Issue::error(
                "regions[0].id",
                IssueKind::EmptyId {
                    what: Entity::Region,
                },
            ),
            "区域编号为空（位置：regions[0].id）。",
            "A region has an empty id (at regions[0].id).",
        );
        check(
            Issue::error(
                "date[0]",
                IssueKind::DateOutOfRange {
                    row: 0,
                    day: 0,
                    count: 1,
                },
            ),
            "台账有 1 行的日期不在 1900–2199 年之间（第一处：第 0 行，日期 1970-01-01；位置：date[0]）。",
            "1 ledger row(s) have dates outside the years 1900–2199 (first: row 0, date 1970-01-01; at date[0]).",
        );
    }

    #[test]
    fn under_prefixes_paths() {
        let issue = Issue::error(
            "customer[2]",
            IssueKind::EmptyId {
                what: Entity::Customer,
            },
        );
        assert_eq!(
            issue.clone().under("datasets[0].ledger").path,
            "datasets[0].ledger.customer[2]"
        );
        let issue = Issue::error(
            "[2]",
            IssueKind::EmptyId {
                what: Entity::Customer,
            },
        );
        assert_eq!(issue.under("customers").path, "customers[2]");
    }
}
