//! The messages between the app and its import worker (`src/bin/worker.rs`).
//!
//! Reading a large ledger takes seconds, so it runs in a Web Worker and the page stays
//! responsive. Requests and replies are JSON, except the file's bytes (an `ArrayBuffer`, moved to
//! the worker) and the imported ledger (the core's binary chunk encoding, moved back). The
//! report travels as a view with every message already in Chinese and English.

use sandtable_core::import::{
    AmountBasis, DateOrder, Encoding, Field, ImportOptions, ImportReport, Imported, RejectReason,
};
use sandtable_core::{Customer, Date, Lang, Money, Product, Region, Salesperson};
use serde::{Deserialize, Serialize};

/// A message in both languages, so a view follows a language switch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn of(f: impl Fn(Lang) -> String) -> Bilingual {
        Bilingual {
            zh: f(Lang::Zh),
            en: f(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// What the app asks the worker to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Detect the file's shape and guess the mapping (fast: reads a sample).
    Sniff,
    /// Read every row.
    Read,
}

/// The user's choices, as they travel to the worker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub encoding: Option<Encoding>,
    pub date_order: Option<DateOrder>,
    pub sheet: Option<String>,
    pub delimiter: Option<u8>,
    pub header_row: Option<usize>,
    pub mapping: Vec<(Field, String)>,
    pub gross_amount: bool,
}

impl Choices {
    pub fn to_options(&self) -> ImportOptions {
        ImportOptions {
            encoding: self.encoding,
            date_order: self.date_order,
            sheet: self.sheet.clone(),
            delimiter: self.delimiter,
            header_row: self.header_row,
            mapping: self.mapping.clone(),
            gross_amount: self.gross_amount,
        }
    }
}

/// A request; the file's bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub command: Command,
    pub file_name: String,
    pub choices: Choices,
}

/// A mapped column as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumnView {
    pub field: Field,
    pub column: usize,
    pub header: String,
    pub samples: Vec<String>,
}

/// What sniffing found (the core's `Sniff`, read back from its JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SniffView {
    pub format: String,
    pub encoding: Option<Encoding>,
    pub bom: bool,
    pub delimiter: Option<u8>,
    pub header_row: usize,
    pub date_order: DateOrder,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub mapping: Vec<MappedColumnView>,
    pub amount_basis: AmountBasis,
    pub missing: Vec<Field>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
}

/// One rejected row as the report table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedView {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: Bilingual,
}

/// The import report with its messages rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub file_name: String,
    pub format: String,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub header_row: usize,
    pub date_order: DateOrder,
    pub mapping: Vec<(Field, String)>,
    pub amount_basis: AmountBasis,
    pub rows_read: usize,
    pub imported: usize,
    pub rejected: Vec<RejectedView>,
    pub excluded_totals: Vec<usize>,
    pub warnings: Vec<Bilingual>,
    pub total_amount: Money,
    pub file_total: Option<Money>,
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
}

impl ReportView {
    pub fn of(r: &ImportReport) -> ReportView {
        let reason = |x: &RejectReason| Bilingual::of(|l| x.message(l));
        ReportView {
            file_name: r.file_name.clone(),
            format: r.format.clone(),
            encoding: r.encoding,
            delimiter: r.delimiter.clone(),
            sheet: r.sheet.clone(),
            header_row: r.header_row,
            date_order: r.date_order,
            mapping: r.mapping.iter().map(|(f, h)| (*f, h.clone())).collect(),
            amount_basis: r.amount_basis,
            rows_read: r.rows_read,
            imported: r.imported,
            rejected: r
                .rejected
                .iter()
                .map(|x| RejectedView {
                    row: x.row,
                    column: x.column.clone(),
                    value: x.value.clone(),
                    reason: reason(&x.reason),
                })
                .collect(),
            excluded_totals: r.excluded_totals.clone(),
            warnings: r
                .warnings
                .iter()
                .map(|w| Bilingual::of(|l| w.message(l)))
                .collect(),
            total_amount: r.total_amount,
            file_total: r.file_total,
            first_date: r.first_date,
            last_date: r.last_date,
        }
    }

    /// The rejected rows as CSV (UTF-8 with a BOM so Excel opens it right), in `lang`.
    pub fn rejected_csv(&self, lang: Lang) -> String {
        let header = match lang {
            Lang::Zh => "行号,列,值,原因",
            Lang::En => "row,column,value,reason",
        };
        let mut out = format!("\u{feff}{header}\r\n");
        for r in &self.rejected {
            out.push_str(&format!(
                "{},{},{},{}\r\n",
                r.row,
                csv_field(&r.column),
                csv_field(&r.value),
                csv_field(r.reason.get(lang))
            ));
        }
        out
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The master data an import mentions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Master {
    pub customers: Vec<Customer>,
    pub products: Vec<Product>,
    pub regions: Vec<Region>,
    pub salespeople: Vec<Salesperson>,
}

/// A reply from the worker; a `Read` reply carries the ledger's chunks beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// Sent while reading: the estimated fraction done.
    Progress {
        id: u32,
        fraction: f64,
    },
    Sniffed {
        id: u32,
        sniff: SniffView,
    },
    Read {
        id: u32,
        report: ReportView,
        master: Master,
    },
    Failed {
        id: u32,
        message: Bilingual,
    },
}

impl Reply {
    pub fn id(&self) -> u32 {
        match self {
            Reply::Progress { id, .. }
            | Reply::Sniffed { id, .. }
            | Reply::Read { id, .. }
            | Reply::Failed { id, .. } => *id,
        }
    }
}

/// Splits an import into what travels as JSON and the ledger (encoded separately).
pub fn split(imported: Imported) -> (ReportView, Master, sandtable_core::Ledger) {
    let report = ReportView::of(&imported.report);
    let master = Master {
        customers: imported.customers,
        products: imported.products,
        regions: imported.regions,
        salespeople: imported.salespeople,
    };
    (report, master, imported.ledger)
}

/// Puts an import back together on the app's side, for `add_to_workspace`.
pub fn join(report: &ReportView, master: Master, ledger: sandtable_core::Ledger) -> Imported {
    Imported {
        ledger,
        customers: master.customers,
        products: master.products,
        regions: master.regions,
        salespeople: master.salespeople,
        report: ImportReport {
            file_name: report.file_name.clone(),
            ..ImportReport::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_rows_download_as_csv_with_quoting() {
        let view = ReportView {
            file_name: "a.csv".into(),
            format: "csv".into(),
            encoding: None,
            delimiter: Some(",".into()),
            sheet: None,
            header_row: 1,
            date_order: DateOrder::default(),
            mapping: vec![],
            amount_basis: AmountBasis::default(),
            rows_read: 3,
            imported: 2,
            rejected: vec![RejectedView {
                row: 7,
                column: "金额".into(),
                value: "1,2\"3".into(),
                reason: Bilingual {
                    zh: "不是数字".into(),
                    en: "not a number".into(),
                },
            }],
            excluded_totals: vec![],
            warnings: vec![],
            total_amount: Money::ZERO,
            file_total: None,
            first_date: None,
            last_date: None,
        };
        assert_eq!(
            view.rejected_csv(Lang::Zh),
            "\u{feff}行号,列,值,原因\r\n7,金额,\"1,2\"\"3\",不是数字\r\n"
        );
        assert_eq!(
            view.rejected_csv(Lang::En),
            "\u{feff}row,column,value,reason\r\n7,金额,\"1,2\"\"3\",not a number\r\n"
        );
    }

    #[test]
    fn a_sniff_reads_back_from_the_cores_json() {
        let csv = "日期,客户,金额\n2024-03-05,A,12.5\n2024-03-06,B,3\n";
        let sniff =
            sandtable_core::import::sniff(csv.as_bytes(), "a.csv", &ImportOptions::default())
                .expect("sniffed");
        let json = serde_json::to_string(&sniff).expect("serialised");
        let view: SniffView = serde_json::from_str(&json).expect("read back");
        assert_eq!(view.headers, vec!["日期", "客户", "金额"]);
        assert_eq!(view.rows.len(), 2);
        assert!(view.missing.is_empty());
    }

    #[test]
    fn an_import_survives_the_trip_through_the_worker() {
        let csv = "日期,客户,产品,金额\n2024-03-05,A,P1,12.5\n2024-03-06,B,P2,-3\n";
        let imported =
            sandtable_core::import::read_ledger(csv.as_bytes(), "a.csv", &ImportOptions::default())
                .expect("read");
        let original = imported.clone();
        let (report, master, ledger) = split(imported);
        let json = serde_json::to_string(&(&report, &master)).expect("serialised");
        let (report, master): (ReportView, Master) =
            serde_json::from_str(&json).expect("read back");
        let (h, chunks) = sandtable_core::encode_ledger_chunks(&ledger, 1000);
        let ledger = sandtable_core::decode_ledger_chunks(&h, &chunks).expect("decoded");
        let back = join(&report, master, ledger);
        assert_eq!(back.ledger, original.ledger);
        assert_eq!(back.customers, original.customers);
        assert_eq!(back.products, original.products);
        assert_eq!(report.total_amount, original.report.total_amount);
        assert_eq!(report.imported, 2);
    }
}
