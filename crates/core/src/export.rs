//! Report tables as plain data, and their exports: CSV (UTF-8 with a byte-order mark, RFC 4180
//! quoting) and XLSX (a minimal Office Open XML workbook written by hand: one sheet, inline
//! strings, numbers as numeric cells with a number format).
//!
//! A [`Table`] is what a page shows in a table and what a chart's "show numbers" view lists, so
//! the same model feeds the screen, the CSV and the workbook.

use crate::{Lang, Money, format_count, format_money};

/// How a column's values are read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Names and labels, left-aligned.
    Text,
    /// Amounts of money (cells are [`Cell::Money`]).
    Money,
    /// A share or rate: a fraction shown as a percentage ("12.3%").
    Percent,
    /// A signed growth rate: a fraction shown with its sign and an arrow ("▲ +12.3%").
    Growth,
    /// A signed change in percentage points ("+1.2 pp", "+1.2个百分点").
    Points,
    /// A plain number with up to two decimals (an index, a ratio).
    Number,
    /// A whole count with thousands separators.
    Count,
}

impl ColumnKind {
    /// Whether values line up on the right (every kind but text).
    pub fn is_numeric(self) -> bool {
        self != ColumnKind::Text
    }

    /// Whether values carry a direction that is coloured by the up/down preference.
    pub fn is_signed(self) -> bool {
        matches!(self, ColumnKind::Growth | ColumnKind::Points)
    }
}

/// A column: its title (with its unit, if any) and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn new(title: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            title: title.into(),
            kind,
        }
    }
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Money),
    /// A number: a fraction for percent, growth and points columns, the value itself otherwise.
    Number(f64),
    /// No value, with the reason shown in its place ("新增" for growth from nothing, "—").
    Missing(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The number to sort by: money in yuan, numbers as they are; `None` for text and missing.
    pub fn sort_number(&self) -> Option<f64> {
        match self {
            Cell::Money(m) => Some(m.to_f64()),
            Cell::Number(x) if x.is_finite() => Some(*x),
            _ => None,
        }
    }
}

/// A titled table: columns and rows of cells (each row as long as `columns`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// The direction of a signed value, for arrows and colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    Up,
    Down,
    Flat,
}

/// The direction of a cell in a signed column (`None` elsewhere).
pub fn direction(cell: &Cell, kind: ColumnKind) -> Option<Arrow> {
    if !kind.is_signed() {
        return None;
    }
    match cell {
        Cell::Number(x) if x.is_finite() => Some(if rounds_to_zero(*x) {
            Arrow::Flat
        } else if *x > 0.0 {
            Arrow::Up
        } else {
            Arrow::Down
        }),
        _ => None,
    }
}

fn rounds_to_zero(x: f64) -> bool {
    // Growth and points are shown with one decimal of a percent: 0.0005 rounds to "0.1".
    (x * 1000.0).round() == 0.0
}

/// A cell as people read it in `lang`: money with 万/亿 (K/M), percentages with one decimal,
/// growth with its sign and an arrow, counts with separators.
pub fn format_cell(cell: &Cell, kind: ColumnKind, lang: Lang) -> String {
    match cell {
        Cell::Text(s) | Cell::Missing(s) => s.clone(),
        Cell::Money(m) => format_money(*m, lang),
        Cell::Number(x) if !x.is_finite() => "—".to_string(),
        Cell::Number(x) => match kind {
            ColumnKind::Percent => format!("{:.1}%", x * 100.0),
            ColumnKind::Growth => {
                let arrow = match direction(cell, kind) {
                    Some(Arrow::Up) => "▲ +",
                    Some(Arrow::Down) => "▼ −",
                    _ => "",
                };
                format!("{arrow}{:.1}%", (x * 100.0).abs())
            }
            ColumnKind::Points => {
                let sign = match direction(cell, kind) {
                    Some(Arrow::Up) => "+",
                    Some(Arrow::Down) => "−",
                    _ => "",
                };
                let unit = lang.pick("个百分点", " pp");
                format!("{sign}{:.1}{unit}", (x * 100.0).abs())
            }
            ColumnKind::Count => {
                let n = x.round();
                let text = format_count(n.abs() as u64, lang);
                if n < 0.0 { format!("-{text}") } else { text }
            }
            ColumnKind::Text | ColumnKind::Money | ColumnKind::Number => format_number(*x),
        },
    }
}

/// Up to two decimals, trailing zeros dropped, thousands separated: "1,234.5", "98.76".
fn format_number(x: f64) -> String {
    let text = format!("{:.2}", x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let int = int
        .parse::<u64>()
        .map_or(int.to_string(), |n| format_count(n, Lang::Zh));
    let frac = frac.trim_end_matches('0');
    let sign = if x < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// The value written to a file: money as its exact decimal in yuan, percentages as "12.34%",
/// other numbers as they are; missing values as their text.
fn plain_value(cell: &Cell, kind: ColumnKind) -> String {
    match cell {
        Cell::Text(s) | Cell::Missing(s) => s.clone(),
        Cell::Money(m) => m.to_decimal_string(),
        Cell::Number(x) if !x.is_finite() => String::new(),
        Cell::Number(x) => match kind {
            ColumnKind::Percent | ColumnKind::Growth | ColumnKind::Points => {
                format!("{}%", trim_float(x * 100.0, 4))
            }
            _ => trim_float(*x, 6),
        },
    }
}

/// `x` with at most `decimals` decimals and no trailing zeros.
fn trim_float(x: f64, decimals: usize) -> String {
    let text = format!("{x:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" { "0".to_string() } else { text }
}

/// The table as CSV: a UTF-8 byte-order mark (so spreadsheet programs read Chinese correctly),
/// a header row, then one line per row, CRLF line ends, fields quoted when they hold a comma,
/// quote, or line break (RFC 4180).
pub fn to_csv(table: &Table) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = table.columns.iter().map(|c| csv_field(&c.title)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &table.rows {
        let fields: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                row.get(i)
                    .map_or(String::new(), |cell| csv_field(&plain_value(cell, c.kind)))
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The table as an XLSX workbook: one sheet named after the table, a bold header row, money as
/// numbers in yuan (format `#,##0.00`), percentages as fractions (format `0.0%`), counts as
/// whole numbers, text as inline strings.
pub fn to_xlsx(table: &Table) -> Vec<u8> {
    to_xlsx_book(std::slice::from_ref(table))
}

/// Several tables as one XLSX workbook, one sheet per table in order, each written as
/// [`to_xlsx`] writes its one sheet; sheet names are the titles made acceptable to Excel and
/// unique ("… (2)").
pub fn to_xlsx_book(tables: &[Table]) -> Vec<u8> {
    let mut names: Vec<String> = Vec::with_capacity(tables.len());
    for t in tables {
        let base = sheet_name(&t.title);
        let mut name = base.clone();
        let mut n = 2;
        while names.iter().any(|x| x.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" ({n})");
            let keep: String = base.chars().take(31 - suffix.chars().count()).collect();
            name = format!("{keep}{suffix}");
            n += 1;
        }
        names.push(name);
    }
    let count = tables.len().max(1);
    let overrides: String = (1..=count)
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    let content_types = CONTENT_TYPES.replace("{sheets}", &overrides);
    let sheet_rels: String = (1..=count)
        .map(|i| format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#, i + 1))
        .collect();
    let workbook_rels = WORKBOOK_RELS.replace("{sheets}", &sheet_rels);
    let mut zip = ZipWriter::default();
    zip.add("[Content_Types].xml", content_types.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("xl/workbook.xml", workbook_xml(&names).as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    if tables.is_empty() {
        zip.add(
            "xl/worksheets/sheet1.xml",
            sheet_xml(&Table {
                title: String::new(),
                columns: Vec::new(),
                rows: Vec::new(),
            })
            .as_bytes(),
        );
    }
    for (i, t) in tables.iter().enumerate() {
        zip.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(t).as_bytes(),
        );
    }
    zip.finish()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{sheets}</Relationships>"#;

/// Cell styles: 0 default, 1 bold header, 2 money, 3 percent, 4 whole number, 5 two decimals.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not empty.
fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c) && !c.is_control())
        .take(31)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').to_string();
    if cleaned.is_empty() {
        "Sheet1".to_string()
    } else {
        cleaned
    }
}

fn workbook_xml(sheets: &[String]) -> String {
    let list: String = if sheets.is_empty() {
        r#"<sheet name="Sheet1" sheetId="1" r:id="rId2"/>"#.to_string()
    } else {
        sheets
            .iter()
            .enumerate()
            .map(|(i, name)| {
                format!(
                    r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
                    xml_escape(name),
                    i + 1,
                    i + 2
                )
            })
            .collect()
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
    )
}

fn sheet_xml(table: &Table) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    out.push_str(r#"<row r="1">"#);
    for (c, col) in table.columns.iter().enumerate() {
        push_text_cell(&mut out, &cell_ref(c, 1), &col.title, 1);
    }
    out.push_str("</row>");
    for (r, row) in table.rows.iter().enumerate() {
        let line = r + 2;
        out.push_str(&format!(r#"<row r="{line}">"#));
        for (c, col) in table.columns.iter().enumerate() {
            let at = cell_ref(c, line);
            match row.get(c) {
                Some(Cell::Text(s) | Cell::Missing(s)) => push_text_cell(&mut out, &at, s, 0),
                Some(Cell::Money(m)) => {
                    out.push_str(&format!(
                        r#"<c r="{at}" s="2"><v>{}</v></c>"#,
                        m.to_decimal_string()
                    ));
                }
                Some(Cell::Number(x)) if x.is_finite() => {
                    let style = match col.kind {
                        ColumnKind::Percent | ColumnKind::Growth | ColumnKind::Points => 3,
                        ColumnKind::Count => 4,
                        ColumnKind::Number => 5,
                        ColumnKind::Text | ColumnKind::Money => 0,
                    };
                    let value = if style == 4 {
                        trim_float(x.round(), 0)
                    } else {
                        trim_float(*x, 10)
                    };
                    out.push_str(&format!(r#"<c r="{at}" s="{style}"><v>{value}</v></c>"#));
                }
                Some(Cell::Number(_)) | None => {}
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

fn push_text_cell(out: &mut String, at: &str, text: &str, style: u32) {
    out.push_str(&format!(
        r#"<c r="{at}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{}</t></is></c>"#,
        xml_escape(text)
    ));
}

/// "A1", "B7", "AA3": the reference of column `col` (from 0) on line `line` (from 1).
fn cell_ref(col: usize, line: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{line}", String::from_utf8_lossy(&letters))
}

/// Escapes text for XML and drops the control characters XML 1.0 cannot hold.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A zip archive with stored (uncompressed) entries: enough for a workbook of a report table,
/// and no compression code in the app.
#[derive(Default)]
struct ZipWriter {
    data: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl ZipWriter {
    fn add(&mut self, name: &str, content: &[u8]) {
        let offset = self.data.len() as u32;
        let crc = crc32(content);
        let size = content.len() as u32;
        let name_bytes = name.as_bytes();
        // Local file header. Time and date: 1980-01-01 00:00, the zip epoch (no clock here).
        self.data.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.data.extend_from_slice(&20u16.to_le_bytes()); // version needed
        self.data.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8 names
        self.data.extend_from_slice(&0u16.to_le_bytes()); // method: stored
        self.data.extend_from_slice(&0u16.to_le_bytes()); // time
        self.data.extend_from_slice(&0x0021u16.to_le_bytes()); // date
        self.data.extend_from_slice(&crc.to_le_bytes());
        self.data.extend_from_slice(&size.to_le_bytes());
        self.data.extend_from_slice(&size.to_le_bytes());
        self.data
            .extend_from_slice(&(name_bytes.len() as u16).to_le_bytes());
        self.data.extend_from_slice(&0u16.to_le_bytes()); // extra length
        self.data.extend_from_slice(name_bytes);
        self.data.extend_from_slice(content);
        // Central directory entry.
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by
        c.extend_from_slice(&20u16.to_le_bytes()); // version needed
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0x0021u16.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&(name_bytes.len() as u16).to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes()); // extra
        c.extend_from_slice(&0u16.to_le_bytes()); // comment
        c.extend_from_slice(&0u16.to_le_bytes()); // disk
        c.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        c.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name_bytes);
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let start = self.data.len() as u32;
        let size = self.central.len() as u32;
        self.data.extend_from_slice(&self.central);
        self.data.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.data.extend_from_slice(&0u16.to_le_bytes());
        self.data.extend_from_slice(&0u16.to_le_bytes());
        self.data.extend_from_slice(&self.entries.to_le_bytes());
        self.data.extend_from_slice(&self.entries.to_le_bytes());
        self.data.extend_from_slice(&size.to_le_bytes());
        self.data.extend_from_slice(&start.to_le_bytes());
        self.data.extend_from_slice(&0u16.to_le_bytes());
        self.data
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: the files are small.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table {
            title: "区域对比: 2025".to_string(),
            columns: vec![
                Column::new("区域", ColumnKind::Text),
                Column::new("销售额（元）", ColumnKind::Money),
                Column::new("增长率", ColumnKind::Growth),
                Column::new("客户数", ColumnKind::Count),
                Column::new("指数", ColumnKind::Number),
            ],
            rows: vec![
                vec![
                    Cell::text("华东, \"一区\""),
                    Cell::Money(Money::from_minor(12_345_678_900)),
                    Cell::Number(0.1234),
                    Cell::Number(1234.0),
                    Cell::Number(105.25),
                ],
                vec![
                    Cell::text("华南"),
                    Cell::Money(Money::from_minor(-5_000)),
                    Cell::Missing("新增".to_string()),
                    Cell::Number(0.0),
                    Cell::Number(f64::NAN),
                ],
            ],
        }
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn cell_references_count_in_base_26_letters() {
        assert_eq!(cell_ref(0, 1), "A1");
        assert_eq!(cell_ref(25, 2), "Z2");
        assert_eq!(cell_ref(26, 3), "AA3");
        assert_eq!(cell_ref(701, 4), "ZZ4");
        assert_eq!(cell_ref(702, 5), "AAA5");
    }

    #[test]
    fn csv_has_a_bom_crlf_lines_and_rfc_4180_quotes() {
        let csv = to_csv(&sample());
        assert_eq!(
            csv,
            "\u{feff}区域,销售额（元）,增长率,客户数,指数\r\n\
             \"华东, \"\"一区\"\"\",1234567.89,12.34%,1234,105.25\r\n\
             华南,-0.5,新增,0,\r\n"
        );
    }

    #[track_caller]
    fn check(cell: Cell, kind: ColumnKind, lang: Lang, expected: &str) {
        assert_eq!(format_cell(&cell, kind, lang), expected);
    }

    #[test]
    fn cells_format_for_people() {
        check(
            Cell::Money(Money::from_minor(123_456_000_000)),
            ColumnKind::Money,
            Lang::Zh,
            "¥1,234.56万",
        );
        check(Cell::Number(0.1234), ColumnKind::Percent, Lang::Zh, "12.3%");
        check(
            Cell::Number(0.1234),
            ColumnKind::Growth,
            Lang::Zh,
            "▲ +12.3%",
        );
        check(Cell::Number(-0.05), ColumnKind::Growth, Lang::En, "▼ −5.0%");
        check(Cell::Number(0.0001), ColumnKind::Growth, Lang::En, "0.0%");
        check(
            Cell::Number(0.012),
            ColumnKind::Points,
            Lang::Zh,
            "+1.2个百分点",
        );
        check(
            Cell::Number(-0.012),
            ColumnKind::Points,
            Lang::En,
            "−1.2 pp",
        );
        check(
            Cell::Number(1234567.0),
            ColumnKind::Count,
            Lang::Zh,
            "1,234,567",
        );
        check(
            Cell::Number(105.256),
            ColumnKind::Number,
            Lang::Zh,
            "105.26",
        );
        check(Cell::Number(-0.001), ColumnKind::Number, Lang::Zh, "0");
        check(
            Cell::Number(f64::INFINITY),
            ColumnKind::Growth,
            Lang::Zh,
            "—",
        );
        check(
            Cell::Missing("新增".into()),
            ColumnKind::Growth,
            Lang::Zh,
            "新增",
        );
    }

    #[test]
    fn directions_follow_the_rounded_value() {
        assert_eq!(
            direction(&Cell::Number(0.2), ColumnKind::Growth),
            Some(Arrow::Up)
        );
        assert_eq!(
            direction(&Cell::Number(-0.2), ColumnKind::Points),
            Some(Arrow::Down)
        );
        assert_eq!(
            direction(&Cell::Number(0.0002), ColumnKind::Growth),
            Some(Arrow::Flat)
        );
        assert_eq!(direction(&Cell::Number(0.2), ColumnKind::Percent), None);
    }

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("区域对比: 2025/12"), "区域对比 202512");
        assert_eq!(sheet_name(""), "Sheet1");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }

    #[cfg(feature = "workbooks")]
    #[test]
    fn xlsx_reads_back_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = to_xlsx(&sample());
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("valid xlsx");
        assert_eq!(book.sheet_names(), vec!["区域对比 2025".to_string()]);
        let range = book.worksheet_range("区域对比 2025").expect("sheet");
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][0], Data::String("区域".into()));
        assert_eq!(rows[0][4], Data::String("指数".into()));
        assert_eq!(rows[1][0], Data::String("华东, \"一区\"".into()));
        assert_eq!(rows[1][1], Data::Float(1_234_567.89));
        assert_eq!(rows[1][2], Data::Float(0.1234));
        assert_eq!(rows[1][3], Data::Float(1234.0));
        assert_eq!(rows[1][4], Data::Float(105.25));
        assert_eq!(rows[2][1], Data::Float(-0.5));
        assert_eq!(rows[2][2], Data::String("新增".into()));
        assert_eq!(rows[2][4], Data::Empty);
    }

    #[cfg(feature = "workbooks")]
    #[test]
    fn a_book_has_one_sheet_per_table_with_unique_names() {
        use calamine::{Data, Reader, Xlsx};
        let mut second = sample();
        second.rows.truncate(1);
        let bytes = to_xlsx_book(&[
            sample(),
            second,
            Table {
                title: "月份".into(),
                ..sample()
            },
        ]);
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("valid xlsx");
        assert_eq!(
            book.sheet_names(),
            vec![
                "区域对比 2025".to_string(),
                "区域对比 2025 (2)".into(),
                "月份".into()
            ]
        );
        let two = book.worksheet_range("区域对比 2025 (2)").expect("sheet");
        assert_eq!(two.rows().count(), 2);
        let three = book.worksheet_range("月份").expect("sheet");
        let rows: Vec<Vec<Data>> = three.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(rows[1][1], Data::Float(1_234_567.89));
    }

    #[test]
    fn xlsx_is_a_zip_whose_directory_names_every_part() {
        let bytes = to_xlsx(&Table::default());
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let end = bytes.len() - 22;
        assert_eq!(&bytes[end..end + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([bytes[end + 10], bytes[end + 11]]), 6);
        let text = String::from_utf8_lossy(&bytes);
        for part in [
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/styles.xml",
        ] {
            assert!(text.contains(part), "{part}");
        }
    }
}
