//! Workbooks (XLSX, XLS, XLSB, ODS) through calamine: one sheet as rows of cell texts, with
//! date cells written as ISO dates (both the 1900 and 1904 date systems) and numbers in their
//! shortest exact decimal form.

use super::report::ImportError;
#[cfg(feature = "workbooks")]
use calamine::{Data, Reader, Sheets};
#[cfg(feature = "workbooks")]
use std::io::Cursor;

/// (1-based sheet row number, cells) for each row of a sheet.
pub(crate) type SheetRows = Vec<(usize, Vec<String>)>;

/// A sheet read into text cells.
pub(crate) struct Book {
    pub sheets: Vec<String>,
    pub sheet: String,
    /// (1-based sheet row number, cells).
    pub rows: SheetRows,
}

/// The workbook kind by magic bytes or file name; `None` for text.
pub(crate) fn kind(bytes: &[u8], file_name: &str) -> Option<&'static str> {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    match (zip, ole, ext) {
        (true, _, "ods") => Some("ods"),
        (true, _, "xlsb") => Some("xlsb"),
        (true, _, _) => Some("xlsx"),
        (_, true, _) => Some("xls"),
        _ => None,
    }
}

/// Without the `workbooks` feature: workbooks are refused.
#[cfg(not(feature = "workbooks"))]
pub(crate) fn read(
    _bytes: &[u8],
    _kind: &str,
    _sheet: Option<&str>,
    _accept: &dyn Fn(&SheetRows) -> bool,
) -> Result<Book, ImportError> {
    Err(ImportError::Workbook {
        detail: "this build reads CSV and text files only".into(),
    })
}

/// Opens the workbook and reads the chosen sheet; by default the first sheet that `accept`s
/// (one with a header row), else the first with any cells.
#[cfg(feature = "workbooks")]
pub(crate) fn read(
    bytes: &[u8],
    kind: &str,
    sheet: Option<&str>,
    accept: &dyn Fn(&SheetRows) -> bool,
) -> Result<Book, ImportError> {
    let cursor = Cursor::new(bytes);
    let mut book: Sheets<Cursor<&[u8]>> = match kind {
        "ods" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Ods)
            .map_err(err)?,
        "xlsb" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsb)
            .map_err(err)?,
        "xls" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xls)
            .map_err(err)?,
        _ => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsx)
            .map_err(err)?,
    };
    let sheets = book.sheet_names();
    let names: Vec<String> = match sheet {
        Some(name) => {
            if !sheets.iter().any(|s| s == name) {
                return Err(ImportError::NoSuchSheet {
                    name: name.to_string(),
                    sheets,
                });
            }
            vec![name.to_string()]
        }
        None => sheets.clone(),
    };
    let mut first: Option<(String, SheetRows)> = None;
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ImportError::Workbook {
                detail: e.to_string(),
            })?;
        let (row0, _) = range.start().unwrap_or((0, 0));
        let rows: SheetRows = range
            .rows()
            .enumerate()
            .map(|(i, r)| (row0 as usize + i + 1, r.iter().map(cell_text).collect()))
            .collect();
        if sheet.is_some() || accept(&rows) {
            first = Some((name, rows));
            break;
        }
        // Otherwise remember the first sheet with cells, in case no sheet looks like a ledger.
        if first.as_ref().is_none_or(|(_, r)| r.is_empty()) {
            first = Some((name, rows));
        }
    }
    let Some((sheet, rows)) = first else {
        return Err(ImportError::Empty);
    };
    Ok(Book {
        sheets,
        sheet,
        rows,
    })
}

#[cfg(feature = "workbooks")]
fn err(e: impl std::fmt::Display) -> ImportError {
    ImportError::Workbook {
        detail: e.to_string(),
    }
}

/// A cell as the text the importer reads.
#[cfg(feature = "workbooks")]
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => float_text(d.as_f64()),
        // A date cell with a time of day (ODS): its day, as for XLS and XLSX date cells.
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((day, _)) if day.len() == 10 => day.to_string(),
            _ => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(feature = "workbooks")]
/// The shortest decimal that reads back as the same float (what Excel shows), never in
/// exponent form; integers without ".0".
fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return String::from("#NUM");
    }
    if f == f.trunc() && f.abs() < 1e17 {
        return format!("{}", f as i64);
    }
    format!("{f}")
}

#[cfg(all(test, feature = "workbooks"))]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/workbooks/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn sheet(file: &str, kind: &str) -> Book {
        match read(&fixture(file), kind, None, &|_| true) {
            Ok(book) => book,
            Err(e) => panic!("{file}: {e}"),
        }
    }

    /// The date column as read. A serial number ("45299") would import too, through the date
    /// parser's serial rule, so only this shows that date cells are seen as dates.
    fn column(book: &Book, c: usize) -> Vec<(usize, &str)> {
        book.rows
            .iter()
            .map(|(line, cells)| (*line, cells.get(c).map_or("", String::as_str)))
            .collect()
    }

    #[test]
    fn xls_and_ods_date_cells_read_as_iso_dates_and_text_ids_keep_their_zeros() {
        for ext in ["xls", "ods"] {
            let book = sheet(&format!("ledger-q1.{ext}"), ext);
            assert_eq!(book.sheets, ["销售台账"]);
            assert_eq!(
                column(&book, 0),
                [
                    (1, "2024年一季度销售台账"),
                    (2, ""),
                    (3, "日期"),
                    (4, "2024-01-08"),
                    (5, "2024-02-14"),
                    // Written with a time of day (14:30): the day is kept, as in XLSX.
                    (6, "2024-03-29"),
                    (7, "2024-03-31"),
                    (8, "合计"),
                ],
                "{ext}"
            );
            assert_eq!(
                book.rows[3].1,
                [
                    "2024-01-08",
                    "000123",
                    "杭州瑞丰商贸",
                    "冰爽柠檬茶 500ml×15",
                    "10",
                    "1250.5"
                ],
                "{ext}"
            );
            assert_eq!(
                column(&book, 1)[3..7]
                    .iter()
                    .map(|c| c.1)
                    .collect::<Vec<_>>(),
                ["000123", "000456", "000123", "001007"],
                "{ext}"
            );
            assert_eq!(book.rows[6].1[4..], ["2.5", "250.125"], "{ext}");
            let english = sheet(&format!("english.{ext}"), ext);
            assert_eq!(
                column(&english, 0)[1..],
                [(2, "1999-12-31"), (3, "2000-02-29"), (4, "2000-03-01")],
                "{ext}"
            );
        }
    }
}
