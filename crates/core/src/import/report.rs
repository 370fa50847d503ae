//! What an import did, and why it could not: the report, rejected rows, warnings and errors,
//! each with a message in Chinese and English.

use super::dates::DateOrder;
use super::mapping::{AmountBasis, Field};
use super::text::Encoding;
use crate::{Date, Lang, Money};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Everything an import found out and did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The file's name as given.
    pub file_name: String,
    /// "csv" for text files, "xlsx", "xls", "xlsb" or "ods" for workbooks.
    pub format: String,
    /// The text encoding (`None` for workbooks).
    pub encoding: Option<Encoding>,
    /// Whether the text started with a byte order mark.
    pub bom: bool,
    /// The field delimiter, as text ("," "\t" ";" "|"); `None` for workbooks.
    pub delimiter: Option<String>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The sheets of a workbook.
    pub sheets: Vec<String>,
    /// The 1-based row (line) number of the header row.
    pub header_row: usize,
    /// The day/month order used for ambiguous dates.
    pub date_order: DateOrder,
    /// Field → column header.
    pub mapping: BTreeMap<Field, String>,
    /// Whether amounts are net of VAT or include it.
    pub amount_basis: AmountBasis,
    /// Data rows after the header (blank rows not counted): imported + rejected + excluded.
    pub rows_read: usize,
    /// Rows that went into the ledger.
    pub imported: usize,
    /// Rows that did not, each with the first problem found.
    pub rejected: Vec<Rejected>,
    /// Row numbers of totals and subtotal rows (合计, 小计, Total), left out on purpose.
    pub excluded_totals: Vec<usize>,
    /// Things worth a look that did not stop a row.
    pub warnings: Vec<Warning>,
    /// The sum of imported amounts, exact.
    #[serde(serialize_with = "decimal")]
    pub total_amount: Money,
    /// The amount on the file's own grand-total row (合计/总计/Total), when it has one.
    #[serde(serialize_with = "opt_decimal")]
    pub file_total: Option<Money>,
    /// The earliest imported date.
    #[serde(serialize_with = "opt_iso")]
    pub first_date: Option<Date>,
    /// The latest imported date.
    #[serde(serialize_with = "opt_iso")]
    pub last_date: Option<Date>,
}

fn decimal<S: Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.to_decimal_string())
}

fn opt_decimal<S: Serializer>(m: &Option<Money>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_str(&m.to_decimal_string()),
        None => s.serialize_none(),
    }
}

fn opt_iso<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// One row left out, with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The 1-based row (line) number in the file.
    pub row: usize,
    /// The header of the offending column ("" when the whole row is at fault).
    pub column: String,
    /// The offending cell as read ("" when the whole row is at fault).
    pub value: String,
    /// Why.
    pub reason: RejectReason,
}

impl Serialize for Rejected {
    /// `{row, column, value, reason (a code), message (English)}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("row", &self.row)?;
        m.serialize_entry("column", &self.column)?;
        m.serialize_entry("value", &self.value)?;
        m.serialize_entry("reason", self.reason.code())?;
        m.serialize_entry("message", &self.message(Lang::En))?;
        m.end()
    }
}

impl Rejected {
    /// "Row 7, column 金额 (\"abc\"): not a number." in the chosen language.
    pub fn message(&self, lang: Lang) -> String {
        let reason = self.reason.message(lang);
        match (self.column.is_empty(), lang) {
            (true, Lang::Zh) => format!("第 {} 行：{reason}", self.row),
            (true, Lang::En) => format!("Row {}: {reason}", self.row),
            (false, Lang::Zh) => format!(
                "第 {} 行，“{}”列（“{}”）：{reason}",
                self.row, self.column, self.value
            ),
            (false, Lang::En) => format!(
                "Row {}, column \"{}\" (\"{}\"): {reason}",
                self.row, self.column, self.value
            ),
        }
    }
}

/// Why a row was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    /// A required cell (date, customer, amount) is empty.
    Missing,
    /// Not a number.
    NotANumber,
    /// A number too large to hold.
    TooLarge,
    /// Not a date in any form the importer knows.
    NotADate,
    /// A date that does not exist (2024-02-30).
    ImpossibleDate,
    /// A date outside 1900–2199.
    DateOutOfRange,
    /// The row has a different number of cells than the header.
    Ragged {
        /// Cells in the row.
        found: usize,
        /// Cells in the header.
        expected: usize,
    },
    /// Bytes that are not valid in the file's encoding.
    InvalidBytes,
    /// A quoted cell never closes.
    UnterminatedQuote,
}

impl RejectReason {
    /// A stable code: "missing", "not_a_number", "too_large", "not_a_date",
    /// "impossible_date", "date_out_of_range", "ragged", "invalid_bytes", "unterminated_quote".
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::Missing => "missing",
            RejectReason::NotANumber => "not_a_number",
            RejectReason::TooLarge => "too_large",
            RejectReason::NotADate => "not_a_date",
            RejectReason::ImpossibleDate => "impossible_date",
            RejectReason::DateOutOfRange => "date_out_of_range",
            RejectReason::Ragged { .. } => "ragged",
            RejectReason::InvalidBytes => "invalid_bytes",
            RejectReason::UnterminatedQuote => "unterminated_quote",
        }
    }

    /// What is wrong, in a sentence.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RejectReason::Missing, Lang::Zh) => "必填项为空。".into(),
            (RejectReason::Missing, Lang::En) => "the cell is empty but required.".into(),
            (RejectReason::NotANumber, Lang::Zh) => "不是数字。".into(),
            (RejectReason::NotANumber, Lang::En) => "not a number.".into(),
            (RejectReason::TooLarge, Lang::Zh) => "数值过大。".into(),
            (RejectReason::TooLarge, Lang::En) => "the number is too large.".into(),
            (RejectReason::NotADate, Lang::Zh) => "不是可识别的日期。".into(),
            (RejectReason::NotADate, Lang::En) => "not a date.".into(),
            (RejectReason::ImpossibleDate, Lang::Zh) => "日期不存在。".into(),
            (RejectReason::ImpossibleDate, Lang::En) => "no such day in the calendar.".into(),
            (RejectReason::DateOutOfRange, Lang::Zh) => "日期不在 1900–2199 年之间。".into(),
            (RejectReason::DateOutOfRange, Lang::En) => {
                "the date is outside the years 1900–2199.".into()
            }
            (RejectReason::Ragged { found, expected }, Lang::Zh) => {
                format!("该行有 {found} 个单元格，表头有 {expected} 个，无法确定各列对应关系。")
            }
            (RejectReason::Ragged { found, expected }, Lang::En) => format!(
                "the row has {found} cells but the header has {expected}, so its columns cannot be matched."
            ),
            (RejectReason::InvalidBytes, Lang::Zh) => "包含该编码下无效的字节。".into(),
            (RejectReason::InvalidBytes, Lang::En) => {
                "it holds bytes that are invalid in the file's encoding.".into()
            }
            (RejectReason::UnterminatedQuote, Lang::Zh) => "引号没有闭合，直到文件结尾。".into(),
            (RejectReason::UnterminatedQuote, Lang::En) => {
                "a quoted cell is never closed before the end of the file.".into()
            }
        }
    }
}

/// Something worth a look that did not stop a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A value had more than four decimals and was rounded half to even.
    Rounded {
        /// The row.
        row: usize,
        /// The column header.
        column: String,
        /// The value as written.
        value: String,
    },
    /// More rounded values than are listed one by one.
    MoreRounded {
        /// How many more.
        count: usize,
    },
    /// Day and month could not be told apart from the data; this order was assumed.
    DateOrderAssumed {
        /// The order assumed.
        order: DateOrder,
    },
    /// The net amount column was used and the one including VAT ignored.
    NetAmountUsed {
        /// The column used.
        used: String,
        /// The gross column ignored.
        ignored: String,
    },
    /// The gross amount column (including VAT) was used.
    GrossAmountUsed {
        /// The column used.
        used: String,
    },
    /// Amounts were computed as quantity × unit price.
    AmountDerived {
        /// The quantity column.
        quantity: String,
        /// The unit price column.
        unit_price: String,
    },
    /// The file's own total differs from the sum of the imported rows.
    TotalMismatch {
        /// The totals row.
        row: usize,
        /// The total it states.
        stated: Money,
        /// The sum of imported amounts.
        computed: Money,
    },
}

impl Warning {
    /// A stable code: "rounded", "more_rounded", "date_order_assumed", "net_amount_used",
    /// "gross_amount_used", "amount_derived", "total_mismatch".
    pub fn code(&self) -> &'static str {
        match self {
            Warning::Rounded { .. } => "rounded",
            Warning::MoreRounded { .. } => "more_rounded",
            Warning::DateOrderAssumed { .. } => "date_order_assumed",
            Warning::NetAmountUsed { .. } => "net_amount_used",
            Warning::GrossAmountUsed { .. } => "gross_amount_used",
            Warning::AmountDerived { .. } => "amount_derived",
            Warning::TotalMismatch { .. } => "total_mismatch",
        }
    }

    /// The warning in a sentence.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Warning::Rounded { row, column, value }, Lang::Zh) => format!(
                "第 {row} 行，“{column}”列的“{value}”超过 4 位小数，已按银行家舍入法保留 4 位。"
            ),
            (Warning::Rounded { row, column, value }, Lang::En) => format!(
                "Row {row}, column \"{column}\": \"{value}\" has more than 4 decimals and was rounded half to even."
            ),
            (Warning::MoreRounded { count }, Lang::Zh) => {
                format!("另有 {count} 个数值被舍入到 4 位小数。")
            }
            (Warning::MoreRounded { count }, Lang::En) => {
                format!("{count} more values were rounded to 4 decimals.")
            }
            (Warning::DateOrderAssumed { order }, Lang::Zh) => format!(
                "无法从数据判断日期中日和月的顺序，已按 {} 读取；如有误请指定日期顺序。",
                order.code()
            ),
            (Warning::DateOrderAssumed { order }, Lang::En) => format!(
                "The data does not show whether dates are day or month first; they were read as {}. Set the date order if that is wrong.",
                order.code()
            ),
            (Warning::NetAmountUsed { used, ignored }, Lang::Zh) => {
                format!("金额取自不含税的“{used}”列，未使用含税的“{ignored}”列。")
            }
            (Warning::NetAmountUsed { used, ignored }, Lang::En) => format!(
                "Amounts are net of VAT, from \"{used}\"; \"{ignored}\" (including VAT) was not used."
            ),
            (Warning::GrossAmountUsed { used }, Lang::Zh) => {
                format!("金额取自含税的“{used}”列（价税合计）。")
            }
            (Warning::GrossAmountUsed { used }, Lang::En) => {
                format!("Amounts include VAT, from \"{used}\".")
            }
            (
                Warning::AmountDerived {
                    quantity,
                    unit_price,
                },
                Lang::Zh,
            ) => format!("文件没有金额列，金额按“{quantity}”×“{unit_price}”计算。"),
            (
                Warning::AmountDerived {
                    quantity,
                    unit_price,
                },
                Lang::En,
            ) => format!(
                "The file has no amount column; amounts are \"{quantity}\" × \"{unit_price}\"."
            ),
            (
                Warning::TotalMismatch {
                    row,
                    stated,
                    computed,
                },
                Lang::Zh,
            ) => format!("第 {row} 行的合计为 {stated}，而导入各行金额之和为 {computed}。"),
            (
                Warning::TotalMismatch {
                    row,
                    stated,
                    computed,
                },
                Lang::En,
            ) => format!(
                "The total on row {row} is {stated}, but the imported rows add up to {computed}."
            ),
        }
    }
}

impl Serialize for Warning {
    /// `{kind, message (English)}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("kind", self.code())?;
        m.serialize_entry("message", &self.message(Lang::En))?;
        m.end()
    }
}

/// Why a file could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file has no bytes or no rows.
    Empty,
    /// The file is larger than the importer reads.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The bytes are not text in any encoding the importer knows (a picture, a PDF, …).
    NotText,
    /// A workbook that could not be opened.
    Workbook {
        /// The reader's description (English).
        detail: String,
    },
    /// The workbook has no sheet by that name.
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// No row looks like a header.
    NoHeader,
    /// Required fields have no column.
    MissingColumns {
        /// The fields missing.
        missing: Vec<Field>,
        /// The headers found.
        headers: Vec<String>,
    },
    /// A mapping names a column the file does not have.
    UnknownColumn {
        /// The field mapped.
        field: Field,
        /// The column asked for.
        column: String,
        /// The headers found.
        headers: Vec<String>,
    },
}

impl ImportError {
    /// A message for the user, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::Empty, Lang::Zh) => "文件是空的，没有可导入的行。请选择导出的销售台账文件。".into(),
            (ImportError::Empty, Lang::En) => {
                "The file is empty: there are no rows to import. Choose an exported sales ledger.".into()
            }
            (ImportError::TooLarge { bytes, limit }, Lang::Zh) => format!(
                "文件过大（{} MB，上限为 {} MB）。请按时间拆分成较小的文件后分别导入。",
                bytes / 1_048_576,
                limit / 1_048_576
            ),
            (ImportError::TooLarge { bytes, limit }, Lang::En) => format!(
                "The file is too large ({} MB; the limit is {} MB). Split it by period and import the parts one at a time.",
                bytes / 1_048_576,
                limit / 1_048_576
            ),
            (ImportError::NotText, Lang::Zh) => {
                "无法读取：文件既不是文本表格（CSV/TXT）也不是 Excel/ODS 工作簿。请从系统中导出为 CSV 或 XLSX 后再导入。".into()
            }
            (ImportError::NotText, Lang::En) => "The file cannot be read: it is neither a text table (CSV/TXT) nor an Excel/ODS workbook. Export the ledger as CSV or XLSX, then import it.".into(),
            (ImportError::Workbook { detail }, Lang::Zh) => format!(
                "无法打开工作簿（{detail}）。文件可能已损坏或受密码保护；请在 Excel 中打开并另存为 XLSX 或 CSV 后再导入。"
            ),
            (ImportError::Workbook { detail }, Lang::En) => format!(
                "The workbook cannot be opened ({detail}). It may be damaged or password-protected: open it in Excel, save it as XLSX or CSV, then import it."
            ),
            (ImportError::NoSuchSheet { name, sheets }, Lang::Zh) => format!(
                "工作簿中没有名为“{name}”的工作表。现有工作表：{}。",
                sheets.join("、")
            ),
            (ImportError::NoSuchSheet { name, sheets }, Lang::En) => format!(
                "The workbook has no sheet named \"{name}\". Its sheets are: {}.",
                sheets.join(", ")
            ),
            (ImportError::NoHeader, Lang::Zh) => {
                "找不到表头行。请确认文件第一部分有一行列名（如 日期、客户、金额），或指定表头所在行。".into()
            }
            (ImportError::NoHeader, Lang::En) => "No header row was found. Make sure the file has a row of column names (such as Date, Customer, Amount), or say which row is the header.".into(),
            (ImportError::MissingColumns { missing, headers }, Lang::Zh) => format!(
                "找不到这些必需的列：{}。文件的列为：{}。请在映射中指定对应的列。",
                missing.iter().map(|f| f.label(Lang::Zh)).collect::<Vec<_>>().join("、"),
                headers.join("、")
            ),
            (ImportError::MissingColumns { missing, headers }, Lang::En) => format!(
                "Required columns were not found: {}. The file's columns are: {}. Map them by hand.",
                missing.iter().map(|f| f.label(Lang::En)).collect::<Vec<_>>().join(", "),
                headers.join(", ")
            ),
            (ImportError::UnknownColumn { field, column, headers }, Lang::Zh) => format!(
                "映射到“{}”的列“{column}”不存在。文件的列为：{}。",
                field.label(Lang::Zh),
                headers.join("、")
            ),
            (ImportError::UnknownColumn { field, column, headers }, Lang::En) => format!(
                "The column \"{column}\" mapped to {} does not exist. The file's columns are: {}.",
                field.label(Lang::En),
                headers.join(", ")
            ),
        }
    }
}

impl fmt::Display for ImportError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}
