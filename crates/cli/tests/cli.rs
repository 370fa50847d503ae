//! The `sandtable` binary: exit codes and exact messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/fixtures/workspace-v1.json"
);

fn sandtable(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sandtable"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn check(out: &Output, code: i32, stdout: &str, stderr: &str) {
    assert_eq!(
        (text(&out.stdout), text(&out.stderr)),
        (stdout.to_string(), stderr.to_string())
    );
    assert_eq!(out.status.code(), Some(code));
}

#[track_caller]
fn validate_text(test: &str, contents: &[u8]) -> (Output, String) {
    let file = scratch(test).join("file.json");
    std::fs::write(&file, contents).expect("write");
    let name = file.display().to_string();
    (sandtable(&["validate", &name]), name)
}

#[test]
fn help_lists_the_commands() {
    let out = sandtable(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(help.starts_with("Sandtable (生意沙盘)"), "{help}");
    assert!(help.contains("demo") && help.contains("validate"), "{help}");
}

#[test]
fn no_command_is_a_usage_error() {
    let out = sandtable(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage: sandtable <COMMAND>"));
}

#[test]
fn demo_then_validate_round_trips() {
    let file = scratch("demo").join("demo.json");
    let name = file.display().to_string();
    let out = sandtable(&["demo", "-o", &name, "--as-of", "2026-11-22"]);
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    assert!(size > 1_000_000 && size < 8_000_000, "{size}");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("wrote {name}: demo workspace as of 2026-11-22, ")),
        "{stdout}"
    );
    let out = sandtable(&["validate", &name]);
    check(
        &out,
        0,
        &format!(
            "{name}: valid workspace \"演示战区（华东事业部）\" (format version 2): 150 customers, 40 products, 5 regions, 8 salespeople, 1 dataset(s), 110,116 rows from 2023-01-01 to 2026-11-22, sales ¥345.30M, 0 warning(s)\n"
        ),
        "",
    );
}

#[test]
fn demo_defaults_to_today() {
    let file = scratch("demo-today").join("demo.json");
    let out = sandtable(&["demo", "--output", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(file.exists());
}

#[test]
fn demo_refuses_impossible_dates_and_unwritable_paths() {
    let out = sandtable(&["demo", "-o", "x.json", "--as-of", "2024-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("expected a real date like 2026-11-22"),
        "{}",
        text(&out.stderr)
    );
    let dir = scratch("demo-unwritable");
    let name = dir.display().to_string();
    let out = sandtable(&["demo", "-o", &name, "--as-of", "2026-11-22"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with(&format!("error: cannot write {name}: ")),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_fixture_is_valid() {
    let out = sandtable(&["validate", FIXTURE]);
    check(
        &out,
        0,
        &format!(
            "{FIXTURE}: valid workspace \"样例战区\" (format version 2, upgraded from version 1): 3 customers, 3 products, 2 regions, 2 salespeople, 1 dataset(s), 5 rows from 2024-03-04 to 2024-04-01, sales ¥1,917, 0 warning(s)\n"
        ),
        "",
    );
}

#[test]
fn warnings_go_to_stderr_and_still_pass() {
    let fixture = std::fs::read_to_string(FIXTURE).expect("fixture");
    let (out, name) = validate_text(
        "warnings",
        fixture
            .replacen(
                "\"region\": \"R02\", \"kind\"",
                "\"region\": \"R09\", \"kind\"",
                1,
            )
            .as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr),
        format!(
            "warning: {name}: There is no region with the id \"R09\" (referred to at customers[2].region).\n"
        )
    );
    assert!(text(&out.stdout).ends_with(", 1 warning(s)\n"));
}

#[test]
fn every_error_is_listed_and_fails() {
    let fixture = std::fs::read_to_string(FIXTURE).expect("fixture");
    let bad = fixture
        .replacen("\"id\": \"C0002\"", "\"id\": \"C0001\"", 1)
        .replacen("\"id\": \"P003\"", "\"id\": \"\"", 1);
    let (out, name) = validate_text("errors", bad.as_bytes());
    check(
        &out,
        1,
        "",
        &format!(
            "error: {name}: The customer id \"C0001\" appears more than once (at customers[1].id).\n\
             error: {name}: A product has an empty id (at products[2].id).\n\
             warning: {name}: There is no customer with the id \"C0002\" (referred to at datasets[0].ledger.customers[1]).\n\
             warning: {name}: There is no product with the id \"P003\" (referred to at datasets[0].ledger.products[2]).\n\
             {name}: cannot be imported: 2 error(s), 2 warning(s)\n"
        ),
    );
}

#[test]
fn file_errors_are_explained() {
    let (out, name) = validate_text(
        "newer",
        br#"{"format":"sandtable.workspace","version":3,"workspace":{}}"#,
    );
    check(
        &out,
        1,
        "",
        &format!(
            "error: {name}: This file was made by a newer Sandtable (file version 3; this app reads up to version 2). Update the app, then import it again.\n"
        ),
    );
    let (out, name) = validate_text("empty", b"");
    check(
        &out,
        1,
        "",
        &format!(
            "error: {name}: The file is empty. Choose a workspace file exported from Sandtable (.json).\n"
        ),
    );
    let (out, name) = validate_text("csv", "日期,金额\n2024-03-05,100\n".as_bytes());
    check(
        &out,
        1,
        "",
        &format!(
            "error: {name}: The file is not valid JSON (line 1, column 1: expected value). Choose a workspace file exported from Sandtable.\n"
        ),
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (out, _) = validate_text("deep", deep.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nested too deeply"));
}

#[test]
fn unreadable_inputs_fail_cleanly() {
    let dir = scratch("unreadable");
    let missing = dir.join("missing.json").display().to_string();
    check(
        &sandtable(&["validate", &missing]),
        1,
        "",
        &format!("error: cannot read {missing}: No such file or directory (os error 2)\n"),
    );
    let folder = dir.display().to_string();
    check(
        &sandtable(&["validate", &folder]),
        1,
        "",
        &format!("error: cannot read {folder}: it is a folder, not a workspace file\n"),
    );
    let (out, name) = validate_text(
        "binary",
        &[0xff, 0xfe, 0x00, 0x7b, 0x00, 0x89, 0x50, 0x4e, 0x47],
    );
    check(
        &out,
        1,
        "",
        &format!(
            "error: {name}: the file is not UTF-8 text (it may be binary or in another encoding). Choose a workspace file exported from Sandtable.\n"
        ),
    );
}

#[test]
fn huge_files_are_refused_before_reading() {
    let file = scratch("huge").join("huge.json");
    let f = std::fs::File::create(&file).expect("create");
    // A sparse file: no disk space is used.
    f.set_len(160 * 1024 * 1024 + 1).expect("set_len");
    let name = file.display().to_string();
    check(
        &sandtable(&["validate", &name]),
        1,
        "",
        &format!(
            "error: {name}: The file is too large (over 160 MB; the limit is 160 MB). Split the data into smaller files and import them one at a time.\n"
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// sandtable import

const SUPERSTORE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/superstore_2016_2019.csv"
);

fn write_file(test: &str, name: &str, contents: &[u8]) -> String {
    let file = scratch(test).join(name);
    std::fs::write(&file, contents).expect("write");
    file.display().to_string()
}

#[test]
fn import_json_reports_the_superstore_file_exactly() {
    let out = sandtable(&["import", SUPERSTORE, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["encoding"], "utf-8");
    assert_eq!(v["delimiter"], ",");
    assert_eq!(v["date_order"], "mdy");
    assert_eq!(v["mapping"]["date"], "Order Date");
    assert_eq!(v["mapping"]["amount"], "Sales");
    assert_eq!(v["rows_read"], 9994);
    assert_eq!(v["imported"], 9994);
    assert_eq!(v["rejected"], serde_json::json!([]));
    assert_eq!(v["total_amount"], "2297200.8603");
    assert_eq!(v["first_date"], "2016-01-03");
    assert_eq!(v["last_date"], "2019-12-30");
    assert_eq!(text(&out.stdout).lines().count(), 1);
}

/// A file of more than a megabyte is mapped into memory rather than read: the report is the
/// core's report on the file's bytes all the same.
#[test]
fn a_large_ledger_file_reads_as_its_bytes_do() {
    let mut csv = String::from("日期,单据编号,客户,金额\n");
    for i in 0..40_000 {
        csv.push_str(&format!(
            "2024-03-{:02},XS{i:08},客户{},{}.25\n",
            i % 28 + 1,
            i % 97,
            i % 1000
        ));
    }
    csv.push_str("2024-02-30,XS99999999,客户1,1\n合计,,,3\n");
    assert!(csv.len() > 1 << 20);
    let name = write_file("import-large", "ledger.csv", csv.as_bytes());
    let out = sandtable(&["import", &name, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let opts = sandtable_core::import::ImportOptions::default();
    let want = sandtable_core::import::read_ledger(csv.as_bytes(), "ledger.csv", &opts)
        .expect("imports")
        .report;
    assert_eq!(got, serde_json::to_value(&want).expect("json"));
    assert_eq!(got["imported"], 40_000);
    assert_eq!(got["rejected"].as_array().map(Vec::len), Some(1));
}

#[test]
fn import_prints_a_readable_summary_with_rejected_rows() {
    let name = write_file(
        "import-summary",
        "ledger.csv",
        "日期,客户,金额\n2024-03-05,杭州瑞丰,1\n2024-02-30,上海联华,2\n合计,,3\n".as_bytes(),
    );
    check(
        &sandtable(&["import", &name]),
        0,
        &format!(
            "{name}: utf-8, delimiter \",\", header on row 1, dates read as ymd\n\
             columns: date=日期, customer=客户, amount=金额\n\
             rows read 3: imported 1, rejected 1, totals rows left out 1\n\
             total amount 1 (¥1, net of VAT), dates 2024-03-05 to 2024-03-05\n\
             warning: The total on row 4 is 3, but the imported rows add up to 1.\n\
             rejected: Row 3, column \"日期\" (\"2024-02-30\"): no such day in the calendar.\n"
        ),
        "",
    );
}

#[test]
fn import_json_lists_rejected_rows_with_row_column_value_and_reason() {
    let name = write_file(
        "import-rejected",
        "ledger.csv",
        b"Date,Customer,Amount\n03/04/2024,A,1\n03/05/2024,B,abc\n",
    );
    let out = sandtable(&["import", &name, "--json", "--date-order", "dmy"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["date_order"], "dmy");
    assert_eq!(v["first_date"], "2024-04-03");
    assert_eq!(
        v["rejected"],
        serde_json::json!([{
            "row": 3, "column": "Amount", "value": "abc", "reason": "not_a_number",
            "message": "Row 3, column \"Amount\" (\"abc\"): not a number."
        }])
    );
}

#[test]
fn import_into_a_workspace_twice_adds_nothing_the_second_time() {
    let dir = scratch("import-workspace");
    let ledger = dir.join("ledger.csv");
    std::fs::write(
        &ledger,
        "日期,客户,产品,区域,金额\n2024-03-05,C1,P1,华东,1\n2024-03-06,C2,P1,华南,2\n".as_bytes(),
    )
    .expect("write");
    let ledger = ledger.display().to_string();
    let ws = dir.join("ws.json").display().to_string();
    let first = sandtable(&["import", &ledger, "-o", &ws]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).ends_with(&format!(
            "{ws}: Added 2 rows; skipped 0 rows already in the workspace.\n"
        )),
        "{}",
        text(&first.stdout)
    );
    let second = sandtable(&["import", &ledger, "-o", &ws, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&second.stdout).expect("json");
    assert_eq!(v["workspace"]["added"], 0);
    assert_eq!(v["workspace"]["duplicates"], 2);
    assert_eq!(
        v["workspace"]["message"],
        "Nothing new: all 2 rows of the file are already in the workspace; no rows were added."
    );
    let out = sandtable(&["validate", &ws]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("2 customers, 1 products, 2 regions, 0 salespeople, 1 dataset(s), 2 rows"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn import_of_an_unreadable_file_exits_1_with_the_reason() {
    let name = write_file("import-empty", "empty.csv", b"");
    check(
        &sandtable(&["import", &name]),
        1,
        "",
        &format!(
            "error: {name}: The file is empty: there are no rows to import. Choose an exported sales ledger.\n"
        ),
    );
    let name = write_file(
        "import-missing",
        "m.csv",
        "日期,产品\n2024-03-05,P\n".as_bytes(),
    );
    check(
        &sandtable(&["import", &name, "--json"]),
        1,
        "",
        &format!(
            "error: {name}: Required columns were not found: customer, amount. The file's columns are: 日期, 产品. Map them by hand.\n"
        ),
    );
    let missing = scratch("import-nofile")
        .join("nope.csv")
        .display()
        .to_string();
    check(
        &sandtable(&["import", &missing]),
        1,
        "",
        &format!("error: cannot read {missing}: No such file or directory (os error 2)\n"),
    );
}

#[test]
fn import_options_are_checked_and_applied() {
    let out = sandtable(&["import", "x.csv", "--map", "price=单价"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown field \"price\""),
        "{}",
        text(&out.stderr)
    );
    let out = sandtable(&["import", "x.csv", "--encoding", "ebcdic"]);
    assert_eq!(out.status.code(), Some(2));
    let name = write_file(
        "import-options",
        "gbk.csv",
        &[
            // "日期,客户,金额,价税合计\n2024-03-05,A,1,1.13\n" in GBK.
            0xC8, 0xD5, 0xC6, 0xDA, b',', 0xBF, 0xCD, 0xBB, 0xA7, b',', 0xBD, 0xF0, 0xB6, 0xEE,
            b',', 0xBC, 0xDB, 0xCB, 0xB0, 0xBA, 0xCF, 0xBC, 0xC6, b'\n', b'2', b'0', b'2', b'4',
            b'-', b'0', b'3', b'-', b'0', b'5', b',', b'A', b',', b'1', b',', b'1', b'.', b'1',
            b'3', b'\n',
        ],
    );
    let out = sandtable(&[
        "import",
        &name,
        "--json",
        "--encoding",
        "gb18030",
        "--map",
        "amount=价税合计",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["encoding"], "gb18030");
    assert_eq!(v["total_amount"], "1.13");
    assert_eq!(v["amount_basis"], "gross");
}

#[test]
fn import_takes_the_reading_flags_last() {
    let name = write_file(
        "import-flags-last",
        "sales.csv",
        "日期,买家号,含税额
05/02/2024,K1,11.3
"
        .as_bytes(),
    );
    let out = sandtable(&[
        "import",
        &name,
        "--json",
        "--map",
        "customer=买家号",
        "--map",
        "amount=含税额",
        "--date-order",
        "dmy",
        "--encoding",
        "utf-8",
        "--gross",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["encoding"], "utf-8", "{v}");
    assert_eq!(v["total_amount"], "11.3", "{v}");
    assert_eq!(v["first_date"], "2024-02-05", "{v}");
}

#[test]
fn import_reads_the_chosen_sheet_of_a_workbook() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").expect("name");
    notes.write_string(0, 0, "本文件由系统导出").expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("明细").expect("name");
    let date = Format::new().set_num_format("yyyy/m/d");
    for (c, h) in ["单据日期", "客户名称", "价税合计", "无税金额"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    let day = ExcelDateTime::from_ymd(2024, 12, 4).expect("date");
    sheet
        .write_datetime_with_format(1, 0, &day, &date)
        .expect("write");
    sheet.write_string(1, 1, "杭州瑞丰").expect("write");
    sheet.write_number(1, 2, 113.0).expect("write");
    sheet.write_number(1, 3, 100.0).expect("write");
    sheet.write_string(2, 1, "合计").expect("write");
    sheet.write_number(2, 2, 113.0).expect("write");
    sheet.write_number(2, 3, 100.0).expect("write");
    let bytes = book.save_to_buffer().expect("xlsx");
    let name = write_file("import-xlsx", "台账.xlsx", &bytes);
    let out = sandtable(&["import", &name, "--sheet", "明细", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["encoding"], serde_json::Value::Null);
    assert_eq!(v["sheet"], "明细");
    assert_eq!(v["first_date"], "2024-12-04");
    assert_eq!(v["total_amount"], "100");
    assert_eq!(v["file_total"], "100");
    assert_eq!(v["excluded_totals"], serde_json::json!([3]));
    let out = sandtable(&["import", &name, "--sheet", "三月"]);
    check(
        &out,
        1,
        "",
        &format!(
            "error: {name}: The workbook has no sheet named \"三月\". Its sheets are: 说明, 明细.\n"
        ),
    );
    let out = sandtable(&["import", &name, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["sheet"], "明细",
        "by default the first sheet with a header row is read"
    );
    assert_eq!(v["sheets"], serde_json::json!(["说明", "明细"]));
}

/// A workbook from the core's fixtures (written by tools/make_workbook_fixtures.py).
fn workbook_fixture(name: &str) -> String {
    format!(
        "{}/../core/tests/fixtures/workbooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn import_json_reads_an_xls_ledger_with_its_title_and_totals_rows() {
    let out = sandtable(&["import", &workbook_fixture("ledger-q1.xls"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["format"], "xls");
    assert_eq!(v["sheet"], "销售台账");
    assert_eq!(v["header_row"], 3);
    assert_eq!(v["mapping"]["customer"], "客户编码");
    assert_eq!(v["mapping"]["customer_name"], "客户名称");
    assert_eq!(v["rows_read"], 5);
    assert_eq!(v["imported"], 4);
    assert_eq!(v["rejected"], serde_json::json!([]));
    assert_eq!(v["excluded_totals"], serde_json::json!([8]));
    // 1250.5 + 487.25 + 292.35 + 250.125, as the 合计 row states.
    assert_eq!(v["total_amount"], "2280.225");
    assert_eq!(v["file_total"], "2280.225");
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(v["first_date"], "2024-01-08");
    assert_eq!(v["last_date"], "2024-03-31");
}

#[test]
fn import_reads_the_ledger_sheet_of_an_ods_workbook_or_the_sheet_named() {
    let name = workbook_fixture("two-sheets.ods");
    let out = sandtable(&["import", &name, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["format"], "ods");
    assert_eq!(v["sheets"], serde_json::json!(["说明", "明细"]));
    assert_eq!(v["sheet"], "明细");
    assert_eq!(v["imported"], 3);
    // 1500 + 585.6 + 125.05.
    assert_eq!(v["total_amount"], "2210.65");
    assert_eq!(v["first_date"], "2024-04-01");
    assert_eq!(v["last_date"], "2024-04-30");
    check(
        &sandtable(&["import", &name, "--sheet", "说明"]),
        1,
        "",
        &format!(
            "error: {name}: No header row was found. Make sure the file has a row of column names (such as Date, Customer, Amount), or say which row is the header.\n"
        ),
    );
}
