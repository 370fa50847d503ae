//! The import never panics and its report always adds up, whatever the bytes.
//!
//! The quick tests run with `cargo test`; the full run of 1,000,000 generated inputs is
//! `cargo test --release -p sandtable-core --test import_props -- --ignored` (about two and a
//! half minutes on two cores).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sandtable_core::import::{
    DateOrder, Encoding, Field, ImportOptions, add_to_workspace, read_ledger, sniff,
};
use sandtable_core::{Money, Workspace};

const HEADERS: &[&[&str]] = &[
    &["日期", "客户", "产品", "金额"],
    &[
        "单据日期",
        "单据编号",
        "客户编码",
        "客户名称",
        "存货编码",
        "存货名称",
        "数量",
        "无税金额",
        "价税合计",
        "业 务 员",
    ],
    &[
        "Order Date",
        "Customer ID",
        "Customer Name",
        "Product",
        "Quantity",
        "Sales",
        "Profit",
    ],
    &["date", "customer", "quantity", "unit price", "cost"],
    &["日期", "客户", "数量", "单价", "毛利", "区域", "渠道"],
];

/// Characters that matter to the importer, for cells made of pieces.
const PIECES: &[char] = &[
    'a', 'Z', '0', '1', '5', '9', ' ', ',', '.', ';', '"', '\'', '-', '/', '年', '月', '日', '合',
    '计', '¥', '万', '%', '(', ')', '\t', '\n', '\r', 'e', 'E', '：', '\u{3000}', '\u{feff}',
];

/// Cells that look like what ledgers hold, and cells that do not.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("2024-03-05".to_string()),
        2 => (1u32..40, 1u32..40, 0u32..3000).prop_map(|(a, b, y)| format!("{a}/{b}/{y}")),
        1 => (1u32..40, 1u32..40, 0u32..100).prop_map(|(a, b, y)| format!("{a}.{b}.{y:02}")),
        1 => (1900u32..2300, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        1 => (0u32..3_000_000).prop_map(|n| n.to_string()),
        1 => Just("2024-12-04T00:00:00".to_string()),
        3 => (any::<i64>(), 0u32..9).prop_map(|(n, s)| {
            let t = n.to_string();
            let s = (s as usize).min(t.len());
            format!("{}.{}", &t[..t.len() - s], &t[t.len() - s..])
        }),
        2 => prop::sample::select(vec![
            "1,234.50", "1.234,50", "(1,234.50)", "1,234.50-", "¥12.5万", "3亿", "50%", "１２３",
            "1.5E+03", "1e-9", "9e99", "RMB 4", "€ 1 000,75", "-", "", " ", "合计", "小计", "(小计)",
            "Grand Total", "\"", "\"\"", "a\"b", "x,y", "x;y", "a\tb", "line\nbreak", "\r",
            "\u{fffd}", "０１２", "000123", "123456789012345678", "0.00005", "-0", "+", "e5",
            "1,2,3", "..", "1.2.3", "万", "-(5)", "((5))", "5--", "NaN", "inf",
        ]).prop_map(str::to_string),
        2 => prop::collection::vec(prop::sample::select(PIECES.to_vec()), 0..12)
            .prop_map(|v| v.into_iter().collect()),
        1 => prop::collection::vec(any::<char>(), 0..10).prop_map(|v| v.into_iter().collect()),
    ]
}

#[derive(Clone, Debug)]
struct Input {
    bytes: Vec<u8>,
    name: &'static str,
    opts: ImportOptions,
}

fn encode(text: &str, how: u8) -> Vec<u8> {
    match how {
        0 => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(text.as_bytes());
            b
        }
        1 => encoding_rs::GB18030.encode(text).0.into_owned(),
        2 => {
            let mut b = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }
        3 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
        4 => text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
        _ => text.as_bytes().to_vec(),
    }
}

fn options() -> impl Strategy<Value = ImportOptions> {
    let encoding = prop::option::weighted(0.15, prop::sample::select(Encoding::ALL.to_vec()));
    let order = prop::option::weighted(
        0.15,
        prop::sample::select(vec![DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy]),
    );
    let delimiter = prop::option::weighted(
        0.1,
        prop::sample::select(vec![b',', b';', b'\t', b'|', b'"', b'\n']),
    );
    let header = prop::option::weighted(0.1, 0usize..6);
    let mapping = prop::collection::vec(
        (
            prop::sample::select(Field::ALL.to_vec()),
            prop::sample::select(vec!["金额", "客户", "Sales", "nope", ""]),
        ),
        0..2,
    );
    (encoding, order, delimiter, header, mapping, any::<bool>()).prop_map(
        |(encoding, date_order, delimiter, header_row, mapping, gross_amount)| ImportOptions {
            encoding,
            date_order,
            sheet: None,
            delimiter,
            header_row,
            mapping: mapping
                .into_iter()
                .map(|(f, c)| (f, c.to_string()))
                .collect(),
            gross_amount,
        },
    )
}

/// A ledger-like table, joined, quoted, encoded and sometimes damaged.
fn table_input() -> impl Strategy<Value = Input> {
    let rows = prop::collection::vec(prop::collection::vec(cell(), 1..11), 0..9);
    (
        prop::sample::select(HEADERS.to_vec()),
        rows,
        prop::sample::select(vec![",", ";", "\t", "|"]),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        0u8..8,
        any::<u64>(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
        options(),
        any::<bool>(),
    )
        .prop_map(
            |(header, rows, delim, eol, how, quote_bits, damage, opts, title)| {
                let mut text = String::new();
                if title {
                    text.push_str("销售明细表");
                    text.push_str(eol);
                }
                text.push_str(&header.join(delim));
                text.push_str(eol);
                for (r, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .enumerate()
                        .map(|(c, v)| {
                            if quote_bits >> ((r * 7 + c) % 64) & 1 == 1 {
                                format!("\"{}\"", v.replace('"', "\"\""))
                            } else {
                                v.clone()
                            }
                        })
                        .collect();
                    text.push_str(&cells.join(delim));
                    text.push_str(eol);
                }
                let mut bytes = encode(&text, how);
                for (i, b) in damage {
                    if !bytes.is_empty() {
                        let at = i.index(bytes.len());
                        bytes[at] = b;
                    }
                }
                Input {
                    bytes,
                    name: "ledger.csv",
                    opts,
                }
            },
        )
}

/// Arbitrary bytes, some starting like a workbook.
fn raw_input() -> impl Strategy<Value = Input> {
    (
        prop::collection::vec(any::<u8>(), 0..300),
        prop::sample::select(vec![
            &b""[..],
            b"PK\x03\x04",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            b"\xEF\xBB\xBF",
            b"\xFF\xFE",
            b"sep=",
            b"\"",
            b"\r\n",
        ]),
        prop::sample::select(vec!["a.csv", "a.xlsx", "a.ods", "a.xls", "a.txt"]),
        options(),
    )
        .prop_map(|(body, prefix, name, opts)| {
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice(&body);
            Input { bytes, name, opts }
        })
}

/// The properties every input must keep.
fn check(input: &Input) -> Result<(), TestCaseError> {
    let _ = sniff(&input.bytes, input.name, &input.opts);
    let Ok(imported) = read_ledger(&input.bytes, input.name, &input.opts) else {
        return Ok(());
    };
    let r = &imported.report;
    prop_assert_eq!(
        r.rows_read,
        r.imported + r.rejected.len() + r.excluded_totals.len()
    );
    prop_assert_eq!(r.imported, imported.ledger.rows());
    prop_assert!(
        imported.ledger.check().is_empty(),
        "{:?}",
        imported.ledger.check()
    );
    let sum: Money = imported.ledger.amount.iter().sum();
    prop_assert_eq!(sum, r.total_amount);
    prop_assert!(r.rejected.windows(2).all(|w| w[0].row <= w[1].row));
    let rows = imported.ledger.rows();
    let mut ws = Workspace::default();
    let first = add_to_workspace(&mut ws, imported.clone(), "a");
    prop_assert_eq!(first.added, rows);
    let again = add_to_workspace(&mut ws, imported, "a");
    prop_assert_eq!((again.added, again.duplicates), (0, rows));
    Ok(())
}

fn run<S: Strategy<Value = Input>>(strategy: S, cases: u32) {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, |input| check(&input)) {
        panic!("{e}");
    }
}

#[test]
fn generated_tables_never_panic_and_their_reports_add_up() {
    run(table_input(), 400);
}

#[test]
fn arbitrary_bytes_never_panic() {
    run(raw_input(), 400);
}

/// 1,000,000 inputs (800,000 tables and 200,000 raw byte strings), on two threads.
#[test]
#[ignore = "a million inputs: run with --release -- --ignored"]
fn a_million_generated_inputs_never_panic() {
    let half = || {
        run(table_input(), 400_000);
        run(raw_input(), 100_000);
    };
    let other = std::thread::spawn(half);
    half();
    if other.join().is_err() {
        panic!("the other thread failed");
    }
}
