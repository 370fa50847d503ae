//! Importing a sales ledger (销售台账, DOMAIN §0) from whatever an ERP or distributor system
//! exports: CSV/TXT in UTF-8, UTF-16, GB18030/GBK or Windows-1252, and XLSX/XLS/ODS workbooks.
//!
//! The path: bytes → text (`text.rs`: byte order marks, strict UTF-8, then GB18030 or
//! Windows-1252 by plausibility) or workbook cells (`workbook.rs`, calamine) → records
//! (`table.rs`: delimiter, quotes) → header row → mapping of columns to fields (`mapping.rs`) →
//! one pass over the rows (`number.rs`, `dates.rs`) → a [`Ledger`] plus master data and an
//! [`ImportReport`] that says what was detected and lists every row left out. [`sniff`] stops
//! after the mapping for the wizard's preview; [`add_to_workspace`] applies the re-import rules
//! (`merge.rs`).
//!
//! Nothing here panics on any input: every problem is a rejected row, a warning or an
//! [`ImportError`].

mod dates;
mod dict;
mod mapping;
mod merge;
mod number;
mod report;
mod table;
mod text;
mod workbook;

pub use dates::DateOrder;
pub use mapping::{AmountBasis, Field};
pub use merge::{AddReport, add_to_workspace};
pub use report::{ImportError, ImportReport, RejectReason, Rejected, Warning};
pub use text::Encoding;

use crate::workspace::{Customer, CustomerKind, Product, Region, Salesperson};
use crate::{Date, Ledger, Money, Texts};
use dates::{DateCell, DateError, OrderVotes};
use dict::Dict;
use number::{NumError, Number};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Files larger than this are refused (512 MiB).
pub const MAX_IMPORT_BYTES: usize = 512 * 1024 * 1024;

/// Choices that override detection; the default detects everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The text encoding (ignored for workbooks).
    pub encoding: Option<Encoding>,
    /// The day/month order of ambiguous dates.
    pub date_order: Option<DateOrder>,
    /// The workbook sheet to read (default: the first sheet with data).
    pub sheet: Option<String>,
    /// The field delimiter of a text file.
    pub delimiter: Option<u8>,
    /// The 1-based row (line) number of the header row.
    pub header_row: Option<usize>,
    /// Field → column header, replacing the guess for those fields.
    pub mapping: Vec<(Field, String)>,
    /// Use amounts including VAT (价税合计) rather than net ones.
    pub gross_amount: bool,
}

/// A mapped column with a few sample values, for the wizard's mapping step.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MappedColumn {
    /// The field.
    pub field: Field,
    /// The 0-based column index.
    pub column: usize,
    /// The column's header.
    pub header: String,
    /// Up to five values from the first rows.
    pub samples: Vec<String>,
}

/// What [`sniff`] found: enough for a preview and the mapping step.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Sniff {
    /// "csv", "xlsx", "xls", "xlsb" or "ods".
    pub format: String,
    /// The text encoding (`None` for workbooks).
    pub encoding: Option<Encoding>,
    /// Whether the text had a byte order mark.
    pub bom: bool,
    /// The delimiter (`None` for workbooks).
    pub delimiter: Option<u8>,
    /// The 1-based row number of the header.
    pub header_row: usize,
    /// The day/month order, from the preview rows (or the option).
    pub date_order: DateOrder,
    /// The column headers.
    pub headers: Vec<String>,
    /// The first 20 data rows.
    pub rows: Vec<Vec<String>>,
    /// The guessed (or given) mapping.
    pub mapping: Vec<MappedColumn>,
    /// Whether amounts are net or gross.
    pub amount_basis: AmountBasis,
    /// Fields required but not mapped (the wizard asks for them).
    pub missing: Vec<Field>,
    /// The sheets of a workbook.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
}

/// An imported ledger with the master data it mentions and the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The rows imported.
    pub ledger: Ledger,
    /// Customers seen (id, name when the file has one, region and type of their first row).
    pub customers: Vec<Customer>,
    /// Products seen (id, name, category).
    pub products: Vec<Product>,
    /// Regions seen.
    pub regions: Vec<Region>,
    /// Salespeople seen (with the region of their first row).
    pub salespeople: Vec<Salesperson>,
    /// What happened.
    pub report: ImportReport,
}

/// Detects encoding, delimiter, header row, mapping and date order, and returns a preview.
/// Fails only when the file cannot be read at all; a missing required column is listed in
/// [`Sniff::missing`] rather than failing.
pub fn sniff(bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<Sniff, ImportError> {
    let source = Source::open(bytes, file_name, opts)?;
    let shape = Shape::find(&source, opts)?;
    let width = shape.headers.len();
    let rows: Vec<Vec<String>> = shape
        .sample
        .iter()
        .take(20)
        .map(|(_, r)| {
            let mut r = r.clone();
            r.resize(width.max(r.len()), String::new());
            r
        })
        .collect();
    let mut votes = OrderVotes::default();
    if let Some(col) = shape.column(Field::Date) {
        for (_, r) in &shape.sample {
            if let Some(Ok(cell)) = r.get(col).map(|c| dates::parse_date_cell(c)) {
                votes.add(&cell);
            }
        }
    }
    let date_order = opts.date_order.unwrap_or(votes.order().0);
    let mapping = shape
        .mapping
        .iter()
        .map(|&(field, column)| MappedColumn {
            field,
            column,
            header: shape.headers.get(column).cloned().unwrap_or_default(),
            samples: shape
                .sample
                .iter()
                .filter_map(|(_, r)| r.get(column).filter(|c| !c.trim().is_empty()).cloned())
                .take(5)
                .collect(),
        })
        .collect();
    Ok(Sniff {
        format: source.format.clone(),
        encoding: source.encoding,
        bom: source.bom,
        delimiter: source.delimiter,
        header_row: shape.header_line,
        date_order,
        headers: shape.headers.clone(),
        rows,
        mapping,
        amount_basis: shape.basis,
        missing: shape.missing(),
        sheets: source.sheets.clone(),
        sheet: source.sheet.clone(),
    })
}

/// Reads a whole ledger. Fails only when the file cannot be read at all (or required columns
/// are missing); every bad row is listed in the report instead.
pub fn read_ledger(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    read_ledger_with_progress(bytes, file_name, opts, &mut |_| {})
}

/// How many rows pass between two calls of a progress callback.
pub const PROGRESS_EVERY: usize = 50_000;

/// [`read_ledger`], calling `progress` with the estimated fraction read (from 0 to below 1)
/// every [`PROGRESS_EVERY`] rows, and with 1 at the end.
pub fn read_ledger_with_progress(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(f64),
) -> Result<Imported, ImportError> {
    let source = Source::open(bytes, file_name, opts)?;
    let shape = Shape::find(&source, opts)?;
    let missing = shape.missing();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns {
            missing,
            headers: shape.headers.clone(),
        });
    }
    let mut pass = Pass::new(&shape);
    let estimate = source.estimated_rows(&shape);
    pass.reserve(estimate);
    let mut records = source.records(shape.body_start, shape.body_line);
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(shape.headers.len() + 1);
    let mut seen = 0usize;
    while let Some(rec) = records.next(&mut fields) {
        if rec.line <= shape.header_line {
            continue;
        }
        pass.row(&rec, &fields);
        seen += 1;
        if seen.is_multiple_of(PROGRESS_EVERY) {
            progress((seen as f64 / estimate.max(seen + 1) as f64).min(0.99));
        }
    }
    let imported = pass.finish(&source, &shape, file_name, opts);
    progress(1.0);
    Ok(imported)
}

// ---------------------------------------------------------------------------------------------
// Sources: decoded text or workbook cells, read as records.

/// The file, opened: text (decoded) or the cells of one sheet.
struct Source<'a> {
    format: String,
    encoding: Option<Encoding>,
    bom: bool,
    delimiter: Option<u8>,
    sheets: Vec<String>,
    sheet: Option<String>,
    body: Body<'a>,
}

enum Body<'a> {
    Text {
        text: Cow<'a, str>,
        bad: Vec<usize>,
        start: usize,
        first_line: usize,
    },
    Grid(Vec<(usize, Vec<String>)>),
}

/// One record's origin and problems.
struct Rec {
    line: usize,
    bad_bytes: bool,
    unterminated: bool,
    /// The record may hold 计 (false only when its text was searched and has none).
    ji: bool,
    /// A field may start like "Total", "Grand Total" or "Subtotal" (see `RecordInfo::lead`).
    lead: bool,
}

enum Records<'p> {
    Text {
        splitter: table::Splitter<'p>,
        bad: &'p [usize],
        next_bad: usize,
    },
    Grid(std::slice::Iter<'p, (usize, Vec<String>)>),
}

impl<'p> Records<'p> {
    fn next(&mut self, fields: &mut Vec<Cow<'p, str>>) -> Option<Rec> {
        match self {
            Records::Text {
                splitter,
                bad,
                next_bad,
            } => {
                let info = splitter.next_record(fields)?;
                while *next_bad < bad.len() && bad[*next_bad] < info.start {
                    *next_bad += 1;
                }
                let bad_bytes = *next_bad < bad.len() && bad[*next_bad] < info.end;
                // One search of the record's text instead of one per cell: a cell's text is
                // the record's, less quotes, and dropping a quote cannot join the bytes of a
                // character in valid UTF-8. No search at all without a byte A1, 计's last.
                let raw = splitter.text().as_bytes().get(info.start..info.end);
                Some(Rec {
                    line: info.line,
                    bad_bytes,
                    unterminated: info.unterminated,
                    ji: info.a1 && raw.is_none_or(has_ji),
                    lead: info.lead,
                })
            }
            Records::Grid(iter) => {
                let (line, cells) = iter.next()?;
                fields.clear();
                fields.extend(cells.iter().map(|c| Cow::Borrowed(c.as_str())));
                Some(Rec {
                    line: *line,
                    bad_bytes: false,
                    unterminated: false,
                    ji: true,
                    lead: true,
                })
            }
        }
    }
}

impl<'a> Source<'a> {
    fn open(
        bytes: &'a [u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> Result<Source<'a>, ImportError> {
        if bytes.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge {
                bytes: bytes.len() as u64,
                limit: MAX_IMPORT_BYTES as u64,
            });
        }
        if bytes.is_empty() {
            return Err(ImportError::Empty);
        }
        if let Some(kind) = workbook::kind(bytes, file_name) {
            let has_header = |rows: &workbook::SheetRows| -> bool {
                let head: Vec<(usize, Vec<String>)> = rows
                    .iter()
                    .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
                    .take(HEADER_SEARCH)
                    .cloned()
                    .collect();
                find_header(&head).is_some()
            };
            let book = workbook::read(bytes, kind, opts.sheet.as_deref(), &has_header)?;
            return Ok(Source {
                format: kind.to_string(),
                encoding: None,
                bom: false,
                delimiter: None,
                sheets: book.sheets,
                sheet: Some(book.sheet),
                body: Body::Grid(book.rows),
            });
        }
        let decoded = text::decode(bytes, opts.encoding);
        if !looks_like_text(&decoded.text) {
            return Err(ImportError::NotText);
        }
        let text = decoded.text;
        let (sep, start) = match table::sep_line(&text) {
            Some((d, after)) => (Some(d), after),
            None => (None, 0),
        };
        let first_line = if start > 0 { 2 } else { 1 };
        let delimiter = opts
            .delimiter
            .or(sep)
            .unwrap_or_else(|| table::detect_delimiter(&text, start));
        Ok(Source {
            format: "csv".into(),
            encoding: Some(decoded.encoding),
            bom: decoded.bom,
            delimiter: Some(delimiter),
            sheets: Vec::new(),
            sheet: None,
            body: Body::Text {
                text,
                bad: decoded.bad,
                start,
                first_line,
            },
        })
    }

    /// Records from byte offset `start` (text) or from the row `line` (grid) on.
    fn records(&self, start: usize, line: usize) -> Records<'_> {
        match &self.body {
            Body::Text { text, bad, .. } => Records::Text {
                splitter: table::Splitter::new(text, start, line, self.delimiter.unwrap_or(b',')),
                bad,
                next_bad: 0,
            },
            Body::Grid(rows) => {
                let skip = rows.iter().take_while(|(l, _)| *l < line).count();
                Records::Grid(rows[skip.min(rows.len())..].iter())
            }
        }
    }

    /// Roughly how many rows the file has, from the size of the rows sampled.
    fn estimated_rows(&self, shape: &Shape) -> usize {
        match &self.body {
            Body::Text { text, .. } => {
                let sampled: usize = shape
                    .sample
                    .iter()
                    .map(|(_, r)| r.iter().map(|c| c.len() + 1).sum::<usize>())
                    .sum();
                if sampled == 0 {
                    return 0;
                }
                text.len() / sampled.div_ceil(shape.sample.len().max(1)).max(1)
            }
            Body::Grid(rows) => rows.len(),
        }
    }

    fn start(&self) -> (usize, usize) {
        match &self.body {
            Body::Text {
                start, first_line, ..
            } => (*start, *first_line),
            Body::Grid(_) => (0, 0),
        }
    }
}

/// Text with few control characters (other than tab and line ends) in its first part.
fn looks_like_text(text: &str) -> bool {
    let mut chars = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        chars += 1;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    chars > 0 && control * 10 <= chars
}

// ---------------------------------------------------------------------------------------------
// Shape: header row, headers and mapping, from the first rows.

/// How many records are read ahead to find the header and column styles.
const SAMPLE_ROWS: usize = 1000;
/// The header is looked for among this many first non-blank records.
const HEADER_SEARCH: usize = 30;

struct Shape {
    header_line: usize,
    headers: Vec<String>,
    mapping: Vec<(Field, usize)>,
    basis: AmountBasis,
    /// Rows after the header (line, cells), for previews and column styles.
    sample: Vec<(usize, Vec<String>)>,
    /// Where to start reading for the full pass.
    body_start: usize,
    body_line: usize,
    /// Columns whose numbers use a decimal comma.
    decimal_comma: Vec<bool>,
    /// A gross amount column that exists but was not used.
    ignored_gross: Option<String>,
}

impl Shape {
    fn find(source: &Source<'_>, opts: &ImportOptions) -> Result<Shape, ImportError> {
        let (body_start, body_line) = source.start();
        let mut records = source.records(body_start, body_line);
        let mut fields = Vec::new();
        let mut head: Vec<(usize, Vec<String>)> = Vec::new();
        while head.len() < HEADER_SEARCH + SAMPLE_ROWS {
            let Some(rec) = records.next(&mut fields) else {
                break;
            };
            if table::is_blank(&fields) {
                continue;
            }
            head.push((rec.line, fields.iter().map(|f| f.to_string()).collect()));
        }
        if head.is_empty() {
            return Err(ImportError::Empty);
        }
        let header_index = match opts.header_row {
            Some(line) => head
                .iter()
                .position(|(l, _)| *l == line)
                .ok_or(ImportError::NoHeader)?,
            None => find_header(&head).ok_or(ImportError::NoHeader)?,
        };
        let header_line = head[header_index].0;
        let headers: Vec<String> = head[header_index]
            .1
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        let sample: Vec<(usize, Vec<String>)> = head.split_off(header_index + 1);
        let (mut mapping, mut basis) = mapping::guess(&headers, opts.gross_amount);
        for (field, column) in &opts.mapping {
            let col = headers
                .iter()
                .position(|h| h == column)
                .or_else(|| {
                    let want = mapping::normalise_header(column);
                    headers
                        .iter()
                        .position(|h| mapping::normalise_header(h) == want)
                })
                .ok_or_else(|| ImportError::UnknownColumn {
                    field: *field,
                    column: column.clone(),
                    headers: headers.clone(),
                })?;
            mapping.retain(|(f, c)| f != field && *c != col);
            mapping.push((*field, col));
            if *field == Field::Amount {
                basis = if mapping::is_gross_header(&headers[col]) {
                    AmountBasis::Gross
                } else {
                    AmountBasis::Net
                };
            }
        }
        mapping.sort();
        let amount_col = mapping
            .iter()
            .find(|(f, _)| *f == Field::Amount)
            .map(|m| m.1);
        let ignored_gross = match (basis, amount_col) {
            (AmountBasis::Net, Some(col)) => headers
                .iter()
                .enumerate()
                .find(|(c, h)| *c != col && mapping::is_gross_header(h) && !h.contains("单价"))
                .map(|(_, h)| h.clone()),
            _ => None,
        };
        let mut decimal_comma = vec![false; headers.len()];
        for &(field, col) in &mapping {
            if matches!(
                field,
                Field::Quantity
                    | Field::UnitPrice
                    | Field::Amount
                    | Field::Cost
                    | Field::GrossProfit
            ) {
                // A decimal-comma column needs more cells like "12,5" than like "1,234.5".
                let (mut comma, mut point) = (0usize, 0usize);
                for cell in sample.iter().filter_map(|(_, r)| r.get(col)) {
                    if number::looks_like_decimal_comma(cell) {
                        comma += 1;
                    } else if number::looks_like_decimal_point(cell) {
                        point += 1;
                    }
                }
                decimal_comma[col] = comma > point;
            }
        }
        Ok(Shape {
            header_line,
            headers,
            mapping,
            basis,
            sample,
            body_start,
            body_line,
            decimal_comma,
            ignored_gross,
        })
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.mapping.iter().find(|(f, _)| *f == field).map(|m| m.1)
    }

    fn missing(&self) -> Vec<Field> {
        let mut missing = Vec::new();
        for f in [Field::Date, Field::Customer] {
            if self.column(f).is_none() {
                missing.push(f);
            }
        }
        if self.column(Field::Amount).is_none() {
            if self.column(Field::Quantity).is_none() && self.column(Field::UnitPrice).is_none() {
                missing.push(Field::Amount);
            } else {
                for f in [Field::Quantity, Field::UnitPrice] {
                    if self.column(f).is_none() {
                        missing.push(f);
                    }
                }
            }
        }
        missing
    }
}

/// The header row: the first of the leading rows naming the most known fields (at least
/// two); failing that, the first row with two or more non-empty, non-numeric cells.
fn find_header(head: &[(usize, Vec<String>)]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in head.iter().take(HEADER_SEARCH).enumerate() {
        let known = cells.iter().filter(|c| mapping::is_known_header(c)).count();
        if known >= 2 && best.is_none_or(|(_, n)| known > n) {
            best = Some((i, known));
        }
    }
    if let Some((i, _)) = best {
        return Some(i);
    }
    head.iter().take(HEADER_SEARCH).position(|(_, cells)| {
        let texts = cells
            .iter()
            .filter(|c| !c.trim().is_empty() && number::parse_number(c, false).is_err())
            .count();
        texts >= 2
    })
}

// ---------------------------------------------------------------------------------------------
// The pass over the rows.

/// Rounded values listed one by one before they are only counted.
const MAX_ROUNDED_LISTED: usize = 100;

/// Dictionary slots: customer, product, region, salesperson, channel, order.
const CUSTOMER: usize = 0;
const PRODUCT: usize = 1;
const REGION: usize = 2;
const SALESPERSON: usize = 3;
const CHANNEL: usize = 4;
const ORDER: usize = 5;

struct Pass<'s> {
    shape: &'s Shape,
    width: usize,
    cols: [Option<usize>; 15],
    totals_words: [&'static str; 8],
    rows_read: usize,
    rejected: Vec<Rejected>,
    excluded: Vec<usize>,
    rounded: usize,
    warnings: Vec<Warning>,
    grand_total: Option<(usize, Money)>,
    votes: OrderVotes,
    // Staged rows.
    /// Dates known whatever the day/month order; `Date(0)` where the cell waits in `pending`.
    date: Vec<Date>,
    /// Date cells resolved at the end, when the order is known (and cells that fail then).
    /// (index of the row, its line, the cell).
    pending: Vec<(usize, u32, DateCell)>,
    /// Year-first dates already resolved: (packed year, month and day + 1, day number).
    date_memo: Vec<(u32, i32)>,
    codes: [Vec<u32>; 6],
    quantity: Vec<Money>,
    amount: Vec<Money>,
    /// Costs while every row so far had one (the ledger keeps costs only when all rows do).
    cost: Vec<Money>,
    costed: usize,
    dicts: [Dict; 6],
    // Master data by code (first row seen).
    customer_info: Vec<(Option<String>, u32, u32)>,
    product_info: Vec<(Option<String>, Option<String>)>,
    salesperson_region: Vec<u32>,
}

fn col_of(shape: &Shape, f: Field) -> Option<usize> {
    shape.column(f)
}

impl<'s> Pass<'s> {
    fn new(shape: &'s Shape) -> Pass<'s> {
        let mut cols = [None; 15];
        for (i, f) in Field::ALL.iter().enumerate() {
            cols[i] = col_of(shape, *f);
        }
        Pass {
            shape,
            width: shape.headers.len(),
            cols,
            totals_words: [
                "合计",
                "总计",
                "小计",
                "total",
                "grandtotal",
                "subtotal",
                "总合计",
                "本页合计",
            ],
            rows_read: 0,
            rejected: Vec::new(),
            excluded: Vec::new(),
            rounded: 0,
            warnings: Vec::new(),
            grand_total: None,
            votes: OrderVotes::default(),
            date: Vec::new(),
            pending: Vec::new(),
            date_memo: vec![(0, 0); 1024],
            codes: Default::default(),
            quantity: Vec::new(),
            amount: Vec::new(),
            cost: Vec::new(),
            costed: 0,
            dicts: Default::default(),
            customer_info: Vec::new(),
            product_info: Vec::new(),
            salesperson_region: Vec::new(),
        }
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.cols[f as usize]
    }

    fn header(&self, col: usize) -> String {
        self.shape.headers.get(col).cloned().unwrap_or_default()
    }

    fn reject(&mut self, line: usize, col: Option<usize>, value: &str, reason: RejectReason) {
        self.rejected.push(Rejected {
            row: line,
            column: col.map(|c| self.header(c)).unwrap_or_default(),
            value: value.to_string(),
            reason,
        });
    }

    /// A totals row: one of its text cells is 合计, 小计, Total, … (brackets and colons aside).
    /// Returns Some(is_grand_total).
    fn totals_kind(&self, fields: &[Cow<'_, str>], ji: bool) -> Option<bool> {
        for f in fields.iter().take(self.width.max(1)) {
            if !maybe_totals_word(f.as_bytes(), ji) {
                continue;
            }
            let t = f.trim();
            if t.is_empty() || t.len() > 24 {
                continue;
            }
            let norm: String = t
                .chars()
                .filter(|c| {
                    !c.is_whitespace()
                        && !matches!(
                            c,
                            '(' | ')'
                                | '（'
                                | '）'
                                | ':'
                                | '：'
                                | '-'
                                | '*'
                                | '['
                                | ']'
                                | '【'
                                | '】'
                        )
                })
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if let Some(w) = self.totals_words.iter().find(|w| **w == norm) {
                return Some(!matches!(*w, "小计" | "subtotal"));
            }
        }
        None
    }

    fn row(&mut self, rec: &Rec, fields: &[Cow<'_, str>]) {
        if table::is_blank(fields) {
            return;
        }
        let line = rec.line;
        self.rows_read += 1;
        if rec.bad_bytes {
            let col = fields.iter().position(|f| f.contains('\u{fffd}'));
            let value = col.and_then(|c| fields.get(c)).map_or("", |v| v.as_ref());
            let value = value.to_string();
            self.reject(line, col, &value, RejectReason::InvalidBytes);
            return;
        }
        if rec.unterminated {
            self.reject(line, None, "", RejectReason::UnterminatedQuote);
            return;
        }
        if (rec.ji || rec.lead)
            && let Some(grand) = self.totals_kind(fields, rec.ji)
        {
            self.excluded.push(line);
            if grand && self.grand_total.is_none() {
                let amount = self
                    .col(Field::Amount)
                    .and_then(|c| fields.get(c))
                    .and_then(|v| number::parse_number(v, self.dc(Field::Amount)).ok());
                if let Some(n) = amount {
                    self.grand_total = Some((line, n.value));
                }
            }
            return;
        }
        if fields.len() != self.width {
            let extra_blank = fields.len() > self.width
                && fields[self.width..].iter().all(|f| f.trim().is_empty());
            if !extra_blank {
                self.reject(
                    line,
                    None,
                    "",
                    RejectReason::Ragged {
                        found: fields.len(),
                        expected: self.width,
                    },
                );
                return;
            }
        }
        let cols = self.cols;
        let cell = |f: Field| -> Option<(usize, &str)> {
            let c = cols[f as usize]?;
            Some((c, fields.get(c).map_or("", |v| v.as_ref())))
        };
        // Date.
        let Some((dcol, dtext)) = cell(Field::Date) else {
            return;
        };
        let date = match dates::parse_date_cell(dtext) {
            Ok(d) => d,
            Err(e) => {
                self.reject(line, Some(dcol), dtext, date_reason(e));
                return;
            }
        };
        // Customer.
        let Some((ccol, ctext)) = cell(Field::Customer) else {
            return;
        };
        let customer = table::trim(ctext);
        if customer.is_empty() {
            self.reject(line, Some(ccol), "", RejectReason::Missing);
            return;
        }
        let Some((quantity, amount, cost)) = plain_numbers_of(self.shape, &cols, fields)
            .or_else(|| self.general_numbers(line, fields))
        else {
            return;
        };
        self.votes.add(&date);
        // Interning.
        let text_of = |f: Field| -> &str {
            match cell(f) {
                Some((_, t)) => table::trim(t),
                None => "",
            }
        };
        let (cust, new_customer) = self.dicts[CUSTOMER].intern(customer);
        let (prod, new_product) = self.dicts[PRODUCT].intern(text_of(Field::Product));
        let (region, _) = self.dicts[REGION].intern(text_of(Field::Region));
        let (sp, new_sp) = self.dicts[SALESPERSON].intern(text_of(Field::Salesperson));
        let (channel, _) = self.dicts[CHANNEL].intern(text_of(Field::Channel));
        let (order, _) = self.dicts[ORDER].intern(text_of(Field::OrderId));
        if new_customer {
            let name = Some(text_of(Field::CustomerName))
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            self.customer_info.push((name, region, channel));
        }
        if new_product {
            let name = Some(text_of(Field::ProductName))
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            let category = Some(text_of(Field::Category))
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            self.product_info.push((name, category));
        }
        if new_sp {
            self.salesperson_region.push(region);
        }
        // A date written year first needs no order: resolved now, unless it fails (then it is
        // rejected at the end, with the rows whose dates wait for the order).
        let day = match date {
            DateCell::Fixed(y, m, d) if (0..1 << 14).contains(&y) && m < 16 && d < 32 => {
                // Ledgers repeat a few hundred dates: each is computed once.
                let key = ((y as u32) << 9 | m << 5 | d) + 1;
                let slot = (key.wrapping_mul(0x9E37_79B9) >> 22) as usize;
                match self.date_memo.get(slot) {
                    Some(&(k, day)) if k == key => Some(Date(day)),
                    _ => {
                        let day = dates::resolve(date, DateOrder::Ymd).ok();
                        if let (Some(e), Some(day)) = (self.date_memo.get_mut(slot), day) {
                            *e = (key, day.0);
                        }
                        day
                    }
                }
            }
            DateCell::Fixed(..) | DateCell::Day(_) => dates::resolve(date, DateOrder::Ymd).ok(),
            DateCell::Pair(..) | DateCell::Triple(..) => None,
        };
        match day {
            Some(d) => self.date.push(d),
            None => {
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                self.pending.push((self.date.len(), line, date));
                self.date.push(Date(0));
            }
        }
        for (slot, code) in [cust, prod, region, sp, channel, order]
            .into_iter()
            .enumerate()
        {
            self.codes[slot].push(code);
        }
        self.quantity.push(quantity);
        self.amount.push(amount);
        if let Some(c) = cost {
            if self.cost.len() == self.costed {
                self.cost.push(c);
            }
            self.costed += 1;
        }
    }

    /// The row's numbers read the general way ([`numbers_of`]), with rounded cells noted;
    /// `None` when the row is rejected for one.
    #[inline(never)]
    fn general_numbers(
        &mut self,
        line: usize,
        fields: &[Cow<'_, str>],
    ) -> Option<(Money, Money, Option<Money>)> {
        let Nums {
            quantity,
            amount,
            cost,
            rounded,
        } = match numbers_of(self.shape, &self.cols, fields) {
            Ok(n) => n,
            Err((c, value, reason)) => {
                self.reject(line, Some(c), &value, reason);
                return None;
            }
        };
        for c in rounded.into_iter().flatten() {
            self.rounded += 1;
            if self.rounded <= MAX_ROUNDED_LISTED {
                let value = fields.get(c).map_or(String::new(), |v| v.to_string());
                self.warnings.push(Warning::Rounded {
                    row: line,
                    column: self.header(c),
                    value,
                });
            }
        }
        Some((quantity, amount, cost))
    }

    /// Makes room for about `rows` rows (an estimate from a sample, so with 5% to spare, and
    /// never more than 16M): a column that outgrows its room is copied to one twice as large.
    fn reserve(&mut self, rows: usize) {
        let rows = (rows + rows / 20 + 64).min(1 << 24);
        self.date.reserve(rows);
        for c in &mut self.codes {
            c.reserve(rows);
        }
        self.quantity.reserve(rows);
        self.amount.reserve(rows);
        if self.col(Field::Cost).is_some() || self.col(Field::GrossProfit).is_some() {
            self.cost.reserve(rows);
        }
        if let Some(c) = self.col(Field::OrderId) {
            let bytes = self
                .shape
                .sample
                .iter()
                .map(|(_, r)| r.get(c).map_or(0, String::len))
                .sum::<usize>();
            let per_row = bytes.div_ceil(self.shape.sample.len().max(1));
            self.dicts[ORDER].reserve(rows, rows.saturating_mul(per_row));
        }
    }

    fn dc(&self, f: Field) -> bool {
        self.col(f)
            .and_then(|c| self.shape.decimal_comma.get(c).copied())
            .unwrap_or(false)
    }

    fn finish(
        mut self,
        source: &Source<'_>,
        shape: &Shape,
        file_name: &str,
        opts: &ImportOptions,
    ) -> Imported {
        let (inferred, assumed) = self.votes.order();
        let date_order = opts.date_order.unwrap_or(inferred);
        if opts.date_order.is_none() && assumed {
            self.warnings
                .push(Warning::DateOrderAssumed { order: date_order });
        }
        if self.rounded > MAX_ROUNDED_LISTED {
            self.warnings.push(Warning::MoreRounded {
                count: self.rounded - MAX_ROUNDED_LISTED,
            });
        }
        let date_col = self.col(Field::Date);
        // Resolve dates; rows whose date fails now are rejected.
        let n = self.date.len();
        let mut keep = vec![true; n];
        let mut days = std::mem::take(&mut self.date);
        let mut late_rejects = Vec::new();
        for &(i, line, cell) in &self.pending {
            match dates::resolve(cell, date_order) {
                Ok(d) => days[i] = d,
                Err(e) => {
                    keep[i] = false;
                    late_rejects.push((line, date_reason(e)));
                }
            }
        }
        if !late_rejects.is_empty() {
            let lines: Vec<u32> = late_rejects.iter().map(|(line, _)| *line).collect();
            let text = date_texts(source, shape, date_col, &lines);
            for ((line, reason), value) in late_rejects.into_iter().zip(text) {
                self.reject(line as usize, date_col, &value, reason);
            }
        }
        self.rejected.sort_by_key(|r| r.row);
        // Build the ledger from the kept rows, with dictionaries of used ids only.
        let all_kept = keep.iter().all(|k| *k);
        let mut ledger = Ledger::default();
        let mut remaps: [Vec<u32>; 6] = Default::default();
        let mut dict_ids: [Texts; 6] = Default::default();
        for slot in 0..6 {
            let ids = std::mem::take(&mut self.dicts[slot]).into_ids();
            if all_kept {
                // Codes stay as they are: no map (an empty map is the identity below).
                dict_ids[slot] = ids;
                continue;
            }
            let mut used = vec![false; ids.len()];
            for (i, &c) in self.codes[slot].iter().enumerate() {
                if keep[i]
                    && let Some(u) = used.get_mut(c as usize)
                {
                    *u = true;
                }
            }
            let mut map = vec![u32::MAX; ids.len()];
            let mut out = Texts::new();
            for (code, id) in ids.iter().enumerate() {
                if used[code] {
                    map[code] = out.len() as u32;
                    out.push(id);
                }
            }
            remaps[slot] = map;
            dict_ids[slot] = out;
        }
        let mut codes = std::mem::take(&mut self.codes);
        let mut pick_codes = |slot: usize| -> Vec<u32> {
            if all_kept {
                return std::mem::take(&mut codes[slot]);
            }
            codes[slot]
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| remaps[slot].get(*c as usize).copied().unwrap_or(0))
                .collect()
        };
        let pick = |v: &mut Vec<Money>| -> Vec<Money> {
            if all_kept {
                return std::mem::take(v);
            }
            v.iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(m, _)| *m)
                .collect()
        };
        ledger.date = if all_kept {
            days
        } else {
            days.iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(d, _)| *d)
                .collect()
        };
        ledger.customer = pick_codes(CUSTOMER);
        ledger.product = pick_codes(PRODUCT);
        ledger.region = pick_codes(REGION);
        ledger.salesperson = pick_codes(SALESPERSON);
        ledger.channel = pick_codes(CHANNEL);
        ledger.order_id = pick_codes(ORDER);
        ledger.quantity = pick(&mut self.quantity);
        ledger.amount = pick(&mut self.amount);
        if self.costed == n && n > 0 {
            ledger.cost = Some(pick(&mut self.cost));
        }
        // Master data of the ids kept.
        let [
            cust_ids,
            prod_ids,
            region_list,
            sp_ids,
            channel_ids,
            order_ids,
        ] = dict_ids;
        let [cust_ids, prod_ids, region_list, sp_ids, channel_ids] =
            [cust_ids, prod_ids, region_list, sp_ids, channel_ids].map(|t| t.to_vec());
        // New code → old code, for the dictionaries with master data (an empty map is the
        // identity).
        let back: Vec<Vec<usize>> = remaps
            .iter()
            .enumerate()
            .map(|(slot, map)| {
                let mut back = Vec::new();
                if !matches!(slot, CUSTOMER | PRODUCT | SALESPERSON) {
                    return back;
                }
                for (old, &new) in map.iter().enumerate() {
                    if new != u32::MAX {
                        if back.len() <= new as usize {
                            back.resize(new as usize + 1, 0);
                        }
                        back[new as usize] = old;
                    }
                }
                back
            })
            .collect();
        let old_code = |slot: usize, new_code: usize| -> usize {
            back[slot].get(new_code).copied().unwrap_or(new_code)
        };
        // Old code → new code.
        let new_code = |slot: usize, old: u32| -> u32 {
            let map = &remaps[slot];
            if map.is_empty() {
                return old;
            }
            map.get(old as usize).copied().unwrap_or(u32::MAX)
        };
        let region_name = |old: u32| -> String {
            let new = new_code(REGION, old);
            region_list.get(new as usize).cloned().unwrap_or_default()
        };
        let channel_name = |old: u32| -> String {
            let new = new_code(CHANNEL, old);
            channel_ids.get(new as usize).cloned().unwrap_or_default()
        };
        let identity = all_kept;
        let customers: Vec<Customer> = cust_ids
            .iter()
            .enumerate()
            .map(|(new, id)| {
                let old = if identity {
                    new
                } else {
                    old_code(CUSTOMER, new)
                };
                let (name, region, channel) =
                    self.customer_info
                        .get(old)
                        .cloned()
                        .unwrap_or((None, u32::MAX, u32::MAX));
                let channel = channel_name(channel);
                Customer {
                    id: id.clone(),
                    name: name.unwrap_or_else(|| id.clone()),
                    region: region_name(region),
                    kind: customer_kind(&channel),
                    tier: None,
                }
            })
            .collect();
        let products: Vec<Product> = prod_ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !id.is_empty())
            .map(|(new, id)| {
                let old = if identity {
                    new
                } else {
                    old_code(PRODUCT, new)
                };
                let (name, category) = self.product_info.get(old).cloned().unwrap_or((None, None));
                Product {
                    id: id.clone(),
                    name: name.unwrap_or_else(|| id.clone()),
                    category: category.unwrap_or_default(),
                    price: None,
                    launched: None,
                }
            })
            .collect();
        let regions: Vec<Region> = region_list
            .iter()
            .filter(|id| !id.is_empty())
            .map(|id| Region {
                id: id.clone(),
                name: id.clone(),
            })
            .collect();
        let salespeople: Vec<Salesperson> = sp_ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !id.is_empty())
            .map(|(new, id)| {
                let old = if identity {
                    new
                } else {
                    old_code(SALESPERSON, new)
                };
                let region = self
                    .salesperson_region
                    .get(old)
                    .copied()
                    .unwrap_or(u32::MAX);
                Salesperson {
                    id: id.clone(),
                    name: id.clone(),
                    region: region_name(region),
                }
            })
            .collect();
        ledger.customers = cust_ids;
        ledger.products = prod_ids;
        ledger.regions = region_list;
        ledger.salespeople = sp_ids;
        ledger.channels = channel_ids;
        ledger.orders = order_ids;
        // Report.
        let total_amount = ledger.total_amount();
        let (first_date, last_date) = match ledger.date_range() {
            Some((a, b)) => (Some(a), Some(b)),
            None => (None, None),
        };
        let mut warnings = Vec::new();
        let header = |f: Field| shape.column(f).map(|c| shape.headers[c].clone());
        match (shape.basis, header(Field::Amount)) {
            (AmountBasis::Gross, Some(used)) => warnings.push(Warning::GrossAmountUsed { used }),
            (AmountBasis::Net, Some(used)) => {
                if let Some(ignored) = shape.ignored_gross.clone() {
                    warnings.push(Warning::NetAmountUsed { used, ignored });
                }
            }
            (_, None) => {
                if let (Some(quantity), Some(unit_price)) =
                    (header(Field::Quantity), header(Field::UnitPrice))
                {
                    warnings.push(Warning::AmountDerived {
                        quantity,
                        unit_price,
                    });
                }
            }
        }
        if let Some((row, stated)) = self.grand_total
            && stated != total_amount
        {
            warnings.push(Warning::TotalMismatch {
                row,
                stated,
                computed: total_amount,
            });
        }
        warnings.append(&mut self.warnings);
        let mapping: BTreeMap<Field, String> = shape
            .mapping
            .iter()
            .map(|&(f, c)| (f, shape.headers.get(c).cloned().unwrap_or_default()))
            .collect();
        let report = ImportReport {
            file_name: file_name.to_string(),
            format: source.format.clone(),
            encoding: source.encoding,
            bom: source.bom,
            delimiter: source.delimiter.map(|d| (d as char).to_string()),
            sheet: source.sheet.clone(),
            sheets: source.sheets.clone(),
            header_row: shape.header_line,
            date_order,
            mapping,
            amount_basis: shape.basis,
            rows_read: self.rows_read,
            imported: ledger.rows(),
            rejected: self.rejected,
            excluded_totals: self.excluded,
            warnings,
            total_amount,
            file_total: self.grand_total.map(|g| g.1),
            first_date,
            last_date,
        };
        Imported {
            ledger,
            customers,
            products,
            regions,
            salespeople,
            report,
        }
    }
}

/// The numbers of one row.
struct Nums {
    quantity: Money,
    amount: Money,
    cost: Option<Money>,
    /// Columns whose value was rounded.
    rounded: [Option<usize>; 3],
}

type CellError = (usize, String, RejectReason);

/// Reads quantity, amount (or quantity × unit price) and cost (or amount − gross profit).
fn numbers_of(
    shape: &Shape,
    cols: &[Option<usize>; 15],
    fields: &[Cow<'_, str>],
) -> Result<Nums, CellError> {
    let mut rounded = [None; 3];
    let mut slot = 0;
    let mut note = |c: usize| {
        if slot < 3 {
            rounded[slot] = Some(c);
            slot += 1;
        }
    };
    let num = |f: Field, required: bool| -> Result<Option<(Money, bool, usize)>, CellError> {
        let Some(c) = cols[f as usize] else {
            return Ok(None);
        };
        let text = fields.get(c).map_or("", |v| v.as_ref());
        let dc = shape.decimal_comma.get(c).copied().unwrap_or(false);
        match number::parse_number(text, dc) {
            Ok(Number { value, rounded }) => Ok(Some((value, rounded, c))),
            Err(NumError::Empty) if !required => Ok(None),
            Err(NumError::Empty) => Err((c, String::new(), RejectReason::Missing)),
            Err(NumError::NotANumber) => Err((c, text.to_string(), RejectReason::NotANumber)),
            Err(NumError::TooLarge) => Err((c, text.to_string(), RejectReason::TooLarge)),
        }
    };
    let mut value = |n: Option<(Money, bool, usize)>| -> Option<Money> {
        let (v, r, c) = n?;
        if r {
            note(c);
        }
        Some(v)
    };
    let quantity = value(num(Field::Quantity, false)?);
    let amount = match num(Field::Amount, true)? {
        Some(a) => value(Some(a)).unwrap_or(Money::ZERO),
        None => {
            let price = value(num(Field::UnitPrice, true)?).unwrap_or(Money::ZERO);
            let q = quantity.ok_or_else(|| {
                let c = cols[Field::Quantity as usize].unwrap_or(0);
                (c, String::new(), RejectReason::Missing)
            })?;
            let pc = cols[Field::UnitPrice as usize].unwrap_or(0);
            let (v, r) = multiply(q, price).ok_or_else(|| {
                let text = fields.get(pc).map_or(String::new(), |v| v.to_string());
                (pc, text, RejectReason::TooLarge)
            })?;
            if r {
                value(Some((v, true, pc)));
            }
            v
        }
    };
    let cost = match value(num(Field::Cost, false)?) {
        Some(c) => Some(c),
        None => match value(num(Field::GrossProfit, false)?) {
            Some(gp) => {
                let gc = cols[Field::GrossProfit as usize].unwrap_or(0);
                Some(amount.checked_sub(gp).ok_or_else(|| {
                    let text = fields.get(gc).map_or(String::new(), |v| v.to_string());
                    (gc, text, RejectReason::TooLarge)
                })?)
            }
            None => None,
        },
    };
    Ok(Nums {
        quantity: quantity.unwrap_or(Money::ZERO),
        amount,
        cost,
        rounded,
    })
}

/// [`numbers_of`] for the common row: an amount column, and every number cell present
/// written plainly (`-12`, `1234.5`: see [`number::parse_plain`]) in a column without
/// decimal commas, none rounded: (quantity, amount, cost). `None` sends the row the general
/// way, which gives the same result for the rows this takes.
#[inline(always)]
fn plain_numbers_of(
    shape: &Shape,
    cols: &[Option<usize>; 15],
    fields: &[Cow<'_, str>],
) -> Option<(Money, Money, Option<Money>)> {
    // Some(None): no such column; None: not plain (or empty).
    let plain = |f: Field| -> Option<Option<Money>> {
        let Some(c) = cols[f as usize] else {
            return Some(None);
        };
        if shape.decimal_comma.get(c).copied().unwrap_or(true) {
            return None;
        }
        let n = number::parse_plain(fields.get(c)?.as_bytes())?;
        Some(Some(n.value))
    };
    let amount = plain(Field::Amount)??;
    let quantity = plain(Field::Quantity)?;
    let cost = match plain(Field::Cost)? {
        Some(c) => Some(c),
        None => match plain(Field::GrossProfit)? {
            Some(gp) => Some(amount.checked_sub(gp)?),
            None => None,
        },
    };
    Some((quantity.unwrap_or(Money::ZERO), amount, cost))
}

/// A cheap first test for [`Pass::totals_kind`]: the cell holds 计 (合计, 总计, 小计) or starts
/// like "Total", "Grand Total" or "Subtotal". `ji`: the record may hold 计 at all.
fn maybe_totals_word(b: &[u8], ji: bool) -> bool {
    let start = b.iter().position(|c| *c != b' ').unwrap_or(b.len());
    matches!(b.get(start), Some(b'T' | b't' | b'G' | b'g' | b'S' | b's'))
        || (ji && b.len() <= 40 && has_ji(b))
}

/// Whether `b` holds 计 (E8 AE A1 in UTF-8): its last byte is looked for eight bytes at a time.
fn has_ji(b: &[u8]) -> bool {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const A1: u64 = 0xA1A1_A1A1_A1A1_A1A1;
    let mut i = 2;
    while i < b.len() {
        // A whole word, or the last bytes one by one (no copy of a variable length).
        let w = match b.get(i..i + 8) {
            Some(c) => {
                let mut w = [0u8; 8];
                w.copy_from_slice(c);
                u64::from_le_bytes(w)
            }
            None => b[i..]
                .iter()
                .rev()
                .fold(0u64, |w, &x| (w << 8) | u64::from(x)),
        };
        let x = w ^ A1;
        let mut hits = !(((x & LOW7) + LOW7) | x | LOW7);
        while hits != 0 {
            let at = i + (hits.trailing_zeros() / 8) as usize;
            if at < b.len() && b[at - 2] == 0xE8 && b[at - 1] == 0xAE {
                return true;
            }
            hits &= hits - 1;
        }
        i += 8;
    }
    false
}

/// `q × p` at scale 4, rounded half to even; `None` on overflow.
fn multiply(q: Money, p: Money) -> Option<(Money, bool)> {
    let product = i128::from(q.0) * i128::from(p.0);
    let d = 10_000i128;
    let (quot, rem) = (product / d, product % d);
    let twice = rem.abs() * 2;
    let adjust = if twice > d || (twice == d && quot % 2 != 0) {
        product.signum()
    } else {
        0
    };
    let v = i64::try_from(quot + adjust).ok()?;
    Some((Money(v), rem != 0))
}

fn date_reason(e: DateError) -> RejectReason {
    match e {
        DateError::Empty => RejectReason::Missing,
        DateError::NotADate => RejectReason::NotADate,
        DateError::Impossible => RejectReason::ImpossibleDate,
        DateError::OutOfRange => RejectReason::DateOutOfRange,
    }
}

/// The date texts of rows rejected after the pass (read again: only a few rows).
fn date_texts(
    source: &Source<'_>,
    shape: &Shape,
    col: Option<usize>,
    lines: &[u32],
) -> Vec<String> {
    let Some(col) = col else {
        return vec![String::new(); lines.len()];
    };
    let wanted: std::collections::HashSet<usize> = lines.iter().map(|l| *l as usize).collect();
    let mut found: HashMap<usize, String> = HashMap::new();
    let mut records = source.records(shape.body_start, shape.body_line);
    let mut fields = Vec::new();
    while let Some(rec) = records.next(&mut fields) {
        if wanted.contains(&rec.line) {
            found.insert(
                rec.line,
                fields.get(col).map_or(String::new(), |f| f.to_string()),
            );
            if found.len() == wanted.len() {
                break;
            }
        }
    }
    lines
        .iter()
        .map(|l| found.get(&(*l as usize)).cloned().unwrap_or_default())
        .collect()
}

/// The customer type for a channel name.
fn customer_kind(channel: &str) -> CustomerKind {
    let c = channel.trim().to_ascii_lowercase();
    if c.contains("经销") || c.contains("分销") || c.contains("代理") || c == "distributor" {
        CustomerKind::Distributor
    } else if c.starts_with("ka")
        || c.contains("重点")
        || c.contains("商超")
        || c.contains("key account")
    {
        CustomerKind::KeyAccount
    } else if c.contains("批发") || c.contains("wholesale") {
        CustomerKind::Wholesale
    } else if c.contains("零售") || c.contains("retail") || c.contains("门店") {
        CustomerKind::Retail
    } else {
        CustomerKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_times_price_rounds_half_to_even() {
        assert_eq!(
            multiply(Money(3_0000), Money(1_5000)),
            Some((Money(4_5000), false))
        );
        assert_eq!(multiply(Money(1), Money(5000)), Some((Money(0), true)));
        assert_eq!(multiply(Money(3), Money(5000)), Some((Money(2), true)));
        assert_eq!(multiply(Money(-3), Money(5000)), Some((Money(-2), true)));
        assert_eq!(multiply(Money(i64::MAX), Money(i64::MAX)), None);
    }

    #[test]
    fn ji_is_found_wherever_it_sits() {
        for text in [
            "计",
            "合计",
            "本页合计：",
            "总 计",
            "abcdefgh计",
            "abcdefg计x",
            "xx计yyyyyyyyyy",
        ] {
            assert!(has_ji(text.as_bytes()), "{text}");
        }
        for text in [
            "",
            "计".get(..0).unwrap_or(""),
            "订",
            "华东",
            "abcdefghijk",
            "\u{A1}\u{AE}",
        ] {
            assert!(!has_ji(text.as_bytes()), "{text}");
        }
        let mut b = "计".as_bytes().to_vec();
        b.truncate(2);
        assert!(!has_ji(&b));
    }

    #[test]
    fn channel_names_give_customer_types() {
        assert_eq!(customer_kind("经销商"), CustomerKind::Distributor);
        assert_eq!(customer_kind("KA"), CustomerKind::KeyAccount);
        assert_eq!(customer_kind("Consumer"), CustomerKind::Other);
    }
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    #[test]
    fn progress_rises_below_one_and_ends_at_one() {
        let mut csv = String::from("日期,客户,金额\n");
        for i in 0..(PROGRESS_EVERY * 2 + 10) {
            csv.push_str(&format!("2024-03-05,C{},1\n", i % 7));
        }
        let mut seen = Vec::new();
        let imported = read_ledger_with_progress(
            csv.as_bytes(),
            "a.csv",
            &ImportOptions::default(),
            &mut |f| seen.push(f),
        )
        .expect("read");
        assert_eq!(imported.report.imported, PROGRESS_EVERY * 2 + 10);
        assert_eq!(
            seen.len(),
            3,
            "two in-between calls and the final one: {seen:?}"
        );
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]),
            "never goes back: {seen:?}"
        );
        assert!(seen[..2].iter().all(|f| *f > 0.0 && *f < 1.0), "{seen:?}");
        assert_eq!(seen[2], 1.0);
    }
}

#[cfg(test)]
mod plain_path_tests {
    use super::*;

    /// `v` minor units shown with `decimals` decimals: (-12345, 2) → "-123.45".
    fn shown(v: i64, decimals: u32) -> String {
        let unit = 10u64.pow(decimals);
        let (int, frac) = (v.unsigned_abs() / unit, v.unsigned_abs() % unit);
        let sign = if v < 0 { "-" } else { "" };
        match decimals {
            0 => format!("{sign}{int}"),
            d => format!("{sign}{int}.{frac:0width$}", width = d as usize),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Rows whose numbers the plain path reads give the ledger the general path gives when
        /// a space in front of every number sends each row the general way.
        #[test]
        fn plain_rows_read_as_the_general_way_reads_them(
            rows in proptest::collection::vec(
                (
                    (-99_999i64..99_999, 0u32..=4),
                    (-9_999_999i64..9_999_999, 0u32..=4),
                    proptest::option::of((-9_999_999i64..9_999_999, 0u32..=4)),
                ),
                1..40,
            ),
            gross_profit in proptest::prelude::any::<bool>(),
        ) {
            let third = if gross_profit { "毛利" } else { "成本" };
            let file = |pad: &str| {
                let mut csv = format!("日期,客户,数量,金额,{third}\n");
                for (i, ((q, qd), (a, ad), c)) in rows.iter().enumerate() {
                    let c = c.map_or(String::new(), |(c, cd)| format!("{pad}{}", shown(c, cd)));
                    csv.push_str(&format!(
                        "2024-03-05,C{},{pad}{},{pad}{},{c}\n",
                        i % 3,
                        shown(*q, *qd),
                        shown(*a, *ad)
                    ));
                }
                read_ledger(csv.as_bytes(), "a.csv", &ImportOptions::default()).expect("read")
            };
            let (plain, general) = (file(""), file(" "));
            proptest::prop_assert_eq!(&plain.ledger.quantity, &general.ledger.quantity);
            proptest::prop_assert_eq!(&plain.ledger.amount, &general.ledger.amount);
            proptest::prop_assert_eq!(&plain.ledger.cost, &general.ledger.cost);
            proptest::prop_assert_eq!(plain.report.imported, general.report.imported);
            proptest::prop_assert_eq!(plain.report.rejected.len(), general.report.rejected.len());
            proptest::prop_assert_eq!(plain.report.imported, rows.len());
        }
    }

    #[test]
    fn shown_writes_minor_units() {
        assert_eq!(shown(-12345, 2), "-123.45");
        assert_eq!(shown(5, 3), "0.005");
        assert_eq!(shown(42, 0), "42");
    }
}
