//! The import corpus: one case per behaviour of the ledger import, each a small file built
//! here (GBK, UTF-16 and Windows-1252 bytes come from encoding_rs, XLSX workbooks from
//! rust_xlsxwriter) or read from `tests/fixtures/workbooks/` (XLS and ODS, written by
//! `tools/make_workbook_fixtures.py`), and the report it must produce, rendered as a few lines
//! of text.

use sandtable_core::import::{
    AddReport, DateOrder, Encoding, Field, ImportError, ImportOptions, ImportReport,
    add_to_workspace, read_ledger, sniff,
};
use sandtable_core::{Lang, Workspace, workspace_from_json, workspace_to_json};

// ---------------------------------------------------------------------------------------------
// Building files.

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable, "test text must be encodable");
    bytes.into_owned()
}

fn w1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "test text must be encodable");
    bytes.into_owned()
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// A workbook from `crates/core/tests/fixtures/workbooks/`, written by
/// `tools/make_workbook_fixtures.py` (XLS by xlwt, ODS by odfpy).
fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/workbooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend_from_slice(text.as_bytes());
    out
}

/// A workbook: sheets of rows; cells starting with "=d" are date cells ("=d2024-03-05"),
/// cells that parse as f64 are numbers, everything else text.
fn xlsx(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Some(iso) = cell.strip_prefix("=d") {
                    let y = iso[0..4].parse().expect("year");
                    let m = iso[5..7].parse().expect("month");
                    let d = iso[8..10].parse().expect("day");
                    let dt = ExcelDateTime::from_ymd(y, m, d).expect("date");
                    sheet
                        .write_datetime_with_format(r, c, &dt, &date_format)
                        .expect("write");
                } else if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(r, c, n).expect("write");
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, *cell).expect("write");
                }
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

// ---------------------------------------------------------------------------------------------
// Rendering a report as text to compare.

fn render(r: &ImportReport) -> String {
    let mut lines = Vec::new();
    let dates = match (r.first_date, r.last_date) {
        (Some(a), Some(b)) => format!("{a}..{b}"),
        _ => "none".into(),
    };
    let source = match (&r.encoding, &r.delimiter, &r.sheet) {
        (Some(e), Some(d), _) => format!(
            "{}{} {}",
            e.code(),
            if r.bom { "+bom" } else { "" },
            if d == "\t" {
                "tab".to_string()
            } else {
                d.clone()
            }
        ),
        (_, _, Some(s)) => format!("{} sheet={s}", r.format),
        _ => r.format.clone(),
    };
    lines.push(format!(
        "{source} {} header={} read={} imported={} total={} dates={dates}",
        r.date_order.code(),
        r.header_row,
        r.rows_read,
        r.imported,
        r.total_amount
    ));
    let map: Vec<String> = r
        .mapping
        .iter()
        .map(|(f, c)| format!("{}={c}", f.code()))
        .collect();
    lines.push(format!("map {}", map.join(" ")));
    for x in &r.rejected {
        lines.push(format!(
            "reject {} {}={:?} {}",
            x.row,
            x.column,
            x.value,
            x.reason.code()
        ));
    }
    if !r.excluded_totals.is_empty() {
        lines.push(format!("totals {:?}", r.excluded_totals));
    }
    for w in &r.warnings {
        lines.push(format!("warn {}", w.code()));
    }
    lines.join("\n")
}

struct Case {
    /// What the case shows (the behaviour).
    name: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    opts: ImportOptions,
    expected: &'static str,
}

fn case(name: &'static str, file: &'static str, bytes: Vec<u8>, expected: &'static str) -> Case {
    Case {
        name,
        file,
        bytes,
        opts: ImportOptions::default(),
        expected,
    }
}

fn with(mut c: Case, f: impl FnOnce(&mut ImportOptions)) -> Case {
    f(&mut c.opts);
    c
}

// ---------------------------------------------------------------------------------------------
// The corpus.

const SIMPLE: &str =
    "日期,客户,产品,金额\n2024-03-05,杭州瑞丰,P1,100.50\n2024-03-06,上海联华,P2,200\n";

/// The U8-style GBK export: a title, 单据日期…价税合计, 业 务 员, a return row, 小计 and 合计.
const U8: &str = "销售发票明细表\n\
期间：2024年3月\n\
单据日期,单据编号,客户编码,客户名称,存货编码,存货名称,数量,无税金额,价税合计,业 务 员\n\
2024-03-01 00:00:00,XS0001,0101,杭州瑞丰商贸有限公司,8.8.4.002,冰爽柠檬茶 500ml×15,10,\"1,000.00\",\"1,130.00\",张伟\n\
2024-03-02 00:00:00,XS0002,0102,上海联华超市,8.8.4.003,乌龙茶 500ml×15,5,450.50,509.07,李娜\n\
,,,,,(小计),15,\"1,450.50\",\"1,639.07\",\n\
2024-03-05 00:00:00,XS0003,0101,杭州瑞丰商贸有限公司,8.8.4.002,冰爽柠檬茶 500ml×15,-2,-200.00,-226.00,张伟\n\
2024-03-06 00:00:00,XS0004,0103,宁波海曙经销部,8.8.4.010,赠品 纸巾,1,0,0,王强\n\
小计,,,,,,-1,-200.00,-226.00,\n\
合计,,,,,,14,\"1,250.50\",\"1,413.07\",\n";

fn corpus() -> Vec<Case> {
    vec![
        // Encodings.
        case(
            "utf8_without_bom_is_read_as_utf8",
            "a.csv",
            SIMPLE.as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=2 imported=2 total=300.5 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 product=产品 amount=金额",
        ),
        case(
            "utf8_bom_is_detected_and_dropped_from_the_first_header",
            "a.csv",
            bom(SIMPLE),
            "utf-8+bom , ymd header=1 read=2 imported=2 total=300.5 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 product=产品 amount=金额",
        ),
        case(
            "utf16le_with_bom_and_tabs_is_excel_unicode_text",
            "a.txt",
            utf16le("日期\t客户\t金额\r\n2024/3/5\t杭州瑞丰\t\"1,234.50\"\r\n2024/3/6\t上海联华\t10\r\n", true),
            "utf-16le+bom tab ymd header=1 read=2 imported=2 total=1244.5 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "utf16le_without_bom_is_recognised_by_its_zero_bytes",
            "a.txt",
            utf16le("Date\tCustomer\tAmount\r\n2024-03-05\tACME\t5\r\n", false),
            "utf-16le tab ymd header=1 read=1 imported=1 total=5 dates=2024-03-05..2024-03-05\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "utf16be_with_bom_is_read",
            "a.txt",
            utf16be("日期\t客户\t金额\n2024-03-05\t杭州\t7\n"),
            "utf-16be+bom tab ymd header=1 read=1 imported=1 total=7 dates=2024-03-05..2024-03-05\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "gbk_with_chinese_headers_is_read_as_gb18030",
            "a.csv",
            gbk(SIMPLE),
            "gb18030 , ymd header=1 read=2 imported=2 total=300.5 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 product=产品 amount=金额",
        ),
        case(
            "gb18030_four_byte_characters_survive",
            "a.csv",
            gbk("日期,客户,金额\n2024-03-05,㐀记商行,1\n2024-03-05,𠮷野家,2\n"),
            "gb18030 , ymd header=1 read=2 imported=2 total=3 dates=2024-03-05..2024-03-05\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "windows_1252_accents_are_not_mistaken_for_gbk",
            "a.csv",
            w1252("Date,Customer,Amount\n2024-03-05,Müller Café,10\n2024-03-06,Señor Ñandú,20\n2024-03-07,Hôtel Zürich,30\n"),
            "windows-1252 , ymd header=1 read=3 imported=3 total=60 dates=2024-03-05..2024-03-07\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "an_invalid_utf8_byte_rejects_only_its_row",
            "a.csv",
            {
                let mut b = "日期,客户,金额\n2024-03-05,杭州瑞丰,1\n2024-03-06,上海".as_bytes().to_vec();
                b.push(0xFF);
                b.extend_from_slice(",2\n2024-03-07,宁波,3\n".as_bytes());
                b
            },
            "utf-8 , ymd header=1 read=3 imported=2 total=4 dates=2024-03-05..2024-03-07\n\
             map date=日期 customer=客户 amount=金额\n\
             reject 3 客户=\"上海\u{fffd}\" invalid_bytes",
        ),
        case(
            "a_broken_gbk_character_rejects_only_its_row",
            "a.csv",
            {
                let mut b = gbk("日期,客户名称,金额\n2024-03-05,杭州瑞丰商贸,1\n2024-03-06,上海联华超市");
                b.push(0x81);
                b.extend_from_slice(&gbk(",2\n2024-03-07,宁波海曙经销部,3\n"));
                b
            },
            "gb18030 , ymd header=1 read=3 imported=2 total=4 dates=2024-03-05..2024-03-07\n\
             map date=日期 customer=客户名称 amount=金额\n\
             reject 3 客户名称=\"上海联华超市\u{fffd}\" invalid_bytes",
        ),
        with(
            case(
                "a_forced_encoding_is_obeyed_and_bad_bytes_reported",
                "a.csv",
                w1252("Date,Customer,Amount\n2024-03-05,ACME,1\n2024-03-06,Café,2\n"),
                "utf-8 , ymd header=1 read=2 imported=1 total=1 dates=2024-03-05..2024-03-05\n\
                 map date=Date customer=Customer amount=Amount\n\
                 reject 3 Customer=\"Caf\u{fffd}\" invalid_bytes",
            ),
            |o| o.encoding = Some(Encoding::Utf8),
        ),
        // Table shape.
        case(
            "semicolons_with_decimal_commas_are_european_csv",
            "a.csv",
            b"Date;Customer;Amount\n05.03.2024;Dupont;1.234,50\n06.03.2024;Martin;12,5\n".to_vec(),
            "utf-8 ; dmy header=1 read=2 imported=2 total=1247 dates=2024-03-05..2024-03-06\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "pipes_delimit_when_they_split_consistently",
            "a.txt",
            "日期|客户|金额\n2024-03-05|A|1,000\n2024-03-06|B|2\n".as_bytes().to_vec(),
            "utf-8 | ymd header=1 read=2 imported=2 total=1002 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "a_sep_line_sets_the_delimiter",
            "a.csv",
            b"sep=;\nDate;Customer;Amount\n2024-03-05;A,B;1\n".to_vec(),
            "utf-8 ; ymd header=2 read=1 imported=1 total=1 dates=2024-03-05..2024-03-05\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "title_rows_above_the_header_are_skipped",
            "a.csv",
            "销售明细表,,\n制表日期：2024-04-01,,\n,,\n日期,客户,金额\n2024-03-05,杭州,1\n".as_bytes().to_vec(),
            "utf-8 , ymd header=4 read=1 imported=1 total=1 dates=2024-03-05..2024-03-05\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "totals_rows_are_excluded_and_checked_against_the_sum",
            "a.csv",
            "日期,客户,金额\n2024-03-05,A,1.5\n2024-03-06,B,2\n合计,,3.5\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=3 imported=2 total=3.5 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 amount=金额\n\
             totals [4]",
        ),
        case(
            "english_total_and_grand_total_rows_are_excluded",
            "a.csv",
            b"Date,Customer,Amount\n2024-03-05,A,1\nTotal,,1\n2024-03-06,B,2\nGrand Total,,3\n".to_vec(),
            "utf-8 , ymd header=1 read=4 imported=2 total=3 dates=2024-03-05..2024-03-06\n\
             map date=Date customer=Customer amount=Amount\n\
             totals [3, 5]\n\
             warn total_mismatch",
        ),
        case(
            "a_total_that_disagrees_with_the_rows_is_a_warning",
            "a.csv",
            "日期,客户,金额\n2024-03-05,A,1\n2024-03-06,B,2\n总计：,,4\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=3 imported=2 total=3 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 amount=金额\n\
             totals [4]\n\
             warn total_mismatch",
        ),
        case(
            "quoted_fields_keep_delimiters_doubled_quotes_and_newlines",
            "a.csv",
            "日期,客户,金额\n2024-03-05,\"瑞丰, \"\"总店\"\"\n二楼\",\"1,000\"\n2024-03-06,B,bad\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=2 imported=1 total=1000 dates=2024-03-05..2024-03-05\n\
             map date=日期 customer=客户 amount=金额\n\
             reject 4 金额=\"bad\" not_a_number",
        ),
        case(
            "ragged_rows_are_rejected_and_columns_never_shift",
            "a.csv",
            "日期,客户,金额\n2024-03-05,A\n2024-03-06,B,2,extra\n2024-03-07,C,3,\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=3 imported=1 total=3 dates=2024-03-07..2024-03-07\n\
             map date=日期 customer=客户 amount=金额\n\
             reject 2 =\"\" ragged\n\
             reject 3 =\"\" ragged",
        ),
        case(
            "blank_lines_and_mixed_line_ends_are_ignored",
            "a.csv",
            b"Date,Customer,Amount\r\n\r\n2024-03-05,A,1\r,,\n2024-03-06,B,2\n\n".to_vec(),
            "utf-8 , ymd header=1 read=2 imported=2 total=3 dates=2024-03-05..2024-03-06\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "an_unterminated_quote_rejects_the_rest_of_the_file_as_one_row",
            "a.csv",
            b"Date,Customer,Amount\n2024-03-05,A,1\n2024-03-06,\"B,2\n2024-03-07,C,3\n".to_vec(),
            "utf-8 , ymd header=1 read=2 imported=1 total=1 dates=2024-03-05..2024-03-05\n\
             map date=Date customer=Customer amount=Amount\n\
             reject 3 =\"\" unterminated_quote",
        ),
        // Column mapping.
        case(
            "u8_gbk_export_uses_ids_as_keys_net_amounts_and_skips_subtotals",
            "销售发票明细.csv",
            gbk(U8),
            "gb18030 , ymd header=3 read=7 imported=4 total=1250.5 dates=2024-03-01..2024-03-06\n\
             map date=单据日期 customer=客户编码 customer_name=客户名称 product=存货编码 product_name=存货名称 salesperson=业 务 员 quantity=数量 amount=无税金额 order_id=单据编号\n\
             totals [6, 9, 10]\n\
             warn net_amount_used",
        ),
        with(
            case(
                "the_gross_option_uses_amounts_including_vat",
                "a.csv",
                gbk(U8),
                "gb18030 , ymd header=3 read=7 imported=4 total=1413.07 dates=2024-03-01..2024-03-06\n\
                 map date=单据日期 customer=客户编码 customer_name=客户名称 product=存货编码 product_name=存货名称 salesperson=业 务 员 quantity=数量 amount=价税合计 order_id=单据编号\n\
                 totals [6, 9, 10]\n\
                 warn gross_amount_used",
            ),
            |o| o.gross_amount = true,
        ),
        with(
            case(
                "a_mapping_override_replaces_the_guess",
                "a.csv",
                "日期,客户,金额,备注金额\n2024-03-05,A,1,7\n".as_bytes().to_vec(),
                "utf-8 , ymd header=1 read=1 imported=1 total=7 dates=2024-03-05..2024-03-05\n\
                 map date=日期 customer=客户 amount=备注金额",
            ),
            |o| o.mapping = vec![(Field::Amount, "备注金额".into())],
        ),
        case(
            "without_an_amount_column_quantity_times_unit_price_is_used",
            "a.csv",
            "日期,客户,数量,单价\n2024-03-05,A,3,1.5\n2024-03-06,B,0.5,0.0003\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=2 imported=2 total=4.5002 dates=2024-03-05..2024-03-06\n\
             map date=日期 customer=客户 quantity=数量 unit_price=单价\n\
             warn amount_derived\n\
             warn rounded",
        ),
        case(
            "english_headers_map_every_field",
            "a.csv",
            b"Order Date,Order ID,Customer Name,Product,Category,Region,Salesperson,Segment,Quantity,Sales,Cost\n2024-03-05,O1,ACME,Widget,Tools,West,Ann,Corporate,2,10,6\n".to_vec(),
            "utf-8 , ymd header=1 read=1 imported=1 total=10 dates=2024-03-05..2024-03-05\n\
             map date=Order Date customer=Customer Name product=Product category=Category region=Region salesperson=Salesperson channel=Segment quantity=Quantity amount=Sales cost=Cost order_id=Order ID",
        ),
        // Numbers.
        case(
            "one_odd_cell_does_not_turn_a_thousands_column_into_decimal_commas",
            "a.csv",
            b"Date,Customer,Amount\n2024-03-05,A,\"1,234\"\n2024-03-05,B,\"2,500\"\n2024-03-05,C,\"1,5\"\n".to_vec(),
            "utf-8 , ymd header=1 read=3 imported=3 total=3735.5 dates=2024-03-05..2024-03-05\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "numbers_in_every_dress_are_exact",
            "a.csv",
            "日期\t客户\t金额\n\
             2024-03-01\tA\t¥1,234.50\n\
             2024-03-01\tB\t$ 1'000.25\n\
             2024-03-01\tC\t€ 1 000,75\n\
             2024-03-01\tD\t£2\n\
             2024-03-01\tE\t3.5元\n\
             2024-03-01\tF\tRMB 4\n\
             2024-03-01\tG\t(1,000.00)\n\
             2024-03-01\tH\t250.00-\n\
             2024-03-01\tI\t1.5万\n\
             2024-03-01\tJ\t0.0001亿\n\
             2024-03-01\tK\t１２３\n\
             2024-03-01\tL\t1.5E+03\n\
             2024-03-01\tM\t50%\n"
                .as_bytes()
                .to_vec(),
            "utf-8 tab ymd header=1 read=13 imported=13 total=28618.5 dates=2024-03-01..2024-03-01\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "more_than_four_decimals_round_half_to_even_with_a_warning",
            "a.csv",
            b"Date,Customer,Amount\n2024-03-05,A,0.00005\n2024-03-05,B,0.00015\n2024-03-05,C,1.23456\n".to_vec(),
            "utf-8 , ymd header=1 read=3 imported=3 total=1.2348 dates=2024-03-05..2024-03-05\n\
             map date=Date customer=Customer amount=Amount\n\
             warn rounded\n\
             warn rounded\n\
             warn rounded",
        ),
        case(
            "bad_and_huge_numbers_reject_their_rows_with_the_cell",
            "a.csv",
            b"Date,Customer,Amount,Quantity\n2024-03-05,A,12abc,1\n2024-03-05,B,99999999999999999999,1\n2024-03-05,C,1,x\n2024-03-05,D,,1\n2024-03-05,E,5,\n".to_vec(),
            "utf-8 , ymd header=1 read=5 imported=1 total=5 dates=2024-03-05..2024-03-05\n\
             map date=Date customer=Customer quantity=Quantity amount=Amount\n\
             reject 2 Amount=\"12abc\" not_a_number\n\
             reject 3 Amount=\"99999999999999999999\" too_large\n\
             reject 4 Quantity=\"x\" not_a_number\n\
             reject 5 Amount=\"\" missing",
        ),
        case(
            "gross_profit_gives_the_cost",
            "a.csv",
            "日期,客户,金额,毛利\n2024-03-05,A,100,30\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=1 imported=1 total=100 dates=2024-03-05..2024-03-05\n\
             map date=日期 customer=客户 amount=金额 gross_profit=毛利",
        ),
        // Dates.
        case(
            "dates_in_every_dress_are_read",
            "a.csv",
            "日期,客户,金额\n\
             2024-03-05,A,1\n\
             2024/3/6,A,1\n\
             2024.3.7,A,1\n\
             2024年3月8日,A,1\n\
             20240309,A,1\n\
             202403,A,1\n\
             2024-03-10 00:00:00,A,1\n\
             2024-03-11T00:00:00,A,1\n\
             45367,A,1\n\
             12-Mar-2024,A,1\n"
                .as_bytes()
                .to_vec(),
            "utf-8 , ymd header=1 read=10 imported=10 total=10 dates=2024-03-01..2024-03-16\n\
             map date=日期 customer=客户 amount=金额",
        ),
        case(
            "a_day_above_twelve_makes_the_column_day_first",
            "a.csv",
            b"Date,Customer,Amount\n03/04/2024,A,1\n25/04/2024,A,1\n".to_vec(),
            "utf-8 , dmy header=1 read=2 imported=2 total=2 dates=2024-04-03..2024-04-25\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "a_second_number_above_twelve_makes_the_column_month_first",
            "a.csv",
            b"Date,Customer,Amount\n03/04/2024,A,1\n04/25/2024,A,1\n".to_vec(),
            "utf-8 , mdy header=1 read=2 imported=2 total=2 dates=2024-03-04..2024-04-25\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "ambiguous_dates_are_read_month_first_with_a_warning",
            "a.csv",
            b"Date,Customer,Amount\n03/04/2024,A,1\n".to_vec(),
            "utf-8 , mdy header=1 read=1 imported=1 total=1 dates=2024-03-04..2024-03-04\n\
             map date=Date customer=Customer amount=Amount\n\
             warn date_order_assumed",
        ),
        with(
            case(
                "the_date_order_option_overrides_inference",
                "a.csv",
                b"Date,Customer,Amount\n03/04/2024,A,1\n".to_vec(),
                "utf-8 , dmy header=1 read=1 imported=1 total=1 dates=2024-04-03..2024-04-03\n\
                 map date=Date customer=Customer amount=Amount",
            ),
            |o| o.date_order = Some(DateOrder::Dmy),
        ),
        case(
            "two_digit_years_are_windowed",
            "a.csv",
            b"Date,Customer,Amount\n3/15/24,A,1\n12/31/99,A,1\n".to_vec(),
            "utf-8 , mdy header=1 read=2 imported=2 total=2 dates=1999-12-31..2024-03-15\n\
             map date=Date customer=Customer amount=Amount",
        ),
        case(
            "impossible_and_unreadable_dates_reject_their_rows",
            "a.csv",
            b"Date,Customer,Amount\n2024-02-30,A,1\nsoon,A,1\n1800-01-01,A,1\n,A,1\n2024-02-29,A,1\n".to_vec(),
            "utf-8 , ymd header=1 read=5 imported=1 total=1 dates=2024-02-29..2024-02-29\n\
             map date=Date customer=Customer amount=Amount\n\
             reject 2 Date=\"2024-02-30\" impossible_date\n\
             reject 3 Date=\"soon\" not_a_date\n\
             reject 4 Date=\"1800-01-01\" date_out_of_range\n\
             reject 5 Date=\"\" missing",
        ),
        case(
            "a_date_impossible_in_the_inferred_order_is_rejected_with_its_text",
            "a.csv",
            b"Date,Customer,Amount\n25/04/2024,A,1\n26/04/2024,A,1\n04/27/2024,A,1\n".to_vec(),
            "utf-8 , dmy header=1 read=3 imported=2 total=2 dates=2024-04-25..2024-04-26\n\
             map date=Date customer=Customer amount=Amount\n\
             reject 4 Date=\"04/27/2024\" impossible_date",
        ),
        case(
            "an_empty_customer_rejects_the_row",
            "a.csv",
            "日期,客户,金额\n2024-03-05,  ,1\n".as_bytes().to_vec(),
            "utf-8 , ymd header=1 read=1 imported=0 total=0 dates=none\n\
             map date=日期 customer=客户 amount=金额\n\
             reject 2 客户=\"\" missing",
        ),
        // Workbooks.
        case(
            "a_workbook_with_a_title_and_a_totals_row_reads_real_date_cells",
            "台账.xlsx",
            xlsx(&[(
                "销售",
                &[
                    &["2024年3月销售明细", "", ""],
                    &["日期", "客户编码", "金额"],
                    &["=d2024-03-05", "000123", "1234.5"],
                    &["=d2024-03-31", "000456", "0.25"],
                    &["合计", "", "1234.75"],
                ],
            )]),
            "xlsx sheet=销售 ymd header=2 read=3 imported=2 total=1234.75 dates=2024-03-05..2024-03-31\n\
             map date=日期 customer=客户编码 amount=金额\n\
             totals [5]",
        ),
        with(
            case(
                "a_workbook_sheet_can_be_chosen_by_name",
                "book.xlsx",
                xlsx(&[
                    ("说明", &[&["本文件由系统导出"]]),
                    ("明细", &[&["Date", "Customer", "Sales"], &["=d2024-01-02", "A", "3"]]),
                ]),
                "xlsx sheet=明细 ymd header=1 read=1 imported=1 total=3 dates=2024-01-02..2024-01-02\n\
                 map date=Date customer=Customer amount=Sales",
            ),
            |o| o.sheet = Some("明细".into()),
        ),
        case(
            "serial_numbers_in_a_workbook_date_column_are_dates",
            "book.xlsx",
            xlsx(&[("S", &[&["日期", "客户", "金额"], &["45356", "A", "1"]])]),
            "xlsx sheet=S ymd header=1 read=1 imported=1 total=1 dates=2024-03-05..2024-03-05\n\
             map date=日期 customer=客户 amount=金额",
        ),
        // XLS (BIFF8) and ODS workbooks from tools/make_workbook_fixtures.py. ledger-q1: a title
        // row and a blank row above the header, date cells (one with a time of day), ids with
        // leading zeros as text, a decimal quantity and a 合计 row stating the sum
        // 1250.5 + 487.25 + 292.35 + 250.125 = 2280.225.
        case(
            "an_xls_ledger_with_a_title_and_a_totals_row_reads_real_date_cells",
            "2024Q1.xls",
            fixture("ledger-q1.xls"),
            "xls sheet=销售台账 ymd header=3 read=5 imported=4 total=2280.225 dates=2024-01-08..2024-03-31\n\
             map date=日期 customer=客户编码 customer_name=客户名称 product=产品 quantity=数量 amount=金额\n\
             totals [8]",
        ),
        case(
            "an_ods_ledger_with_a_title_and_a_totals_row_reads_real_date_cells",
            "2024Q1.ods",
            fixture("ledger-q1.ods"),
            "ods sheet=销售台账 ymd header=3 read=5 imported=4 total=2280.225 dates=2024-01-08..2024-03-31\n\
             map date=日期 customer=客户编码 customer_name=客户名称 product=产品 quantity=数量 amount=金额\n\
             totals [8]",
        ),
        // two-sheets: a 说明 sheet of notes, then the ledger 明细 (1500 + 585.6 + 125.05 = 2210.65).
        case(
            "an_xls_workbook_is_read_from_its_first_sheet_with_a_header",
            "book.xls",
            fixture("two-sheets.xls"),
            "xls sheet=明细 ymd header=1 read=3 imported=3 total=2210.65 dates=2024-04-01..2024-04-30\n\
             map date=日期 customer=客户名称 product=产品 quantity=数量 amount=金额",
        ),
        with(
            case(
                "an_xls_sheet_can_be_chosen_by_name",
                "book.xls",
                fixture("two-sheets.xls"),
                "xls sheet=明细 ymd header=1 read=3 imported=3 total=2210.65 dates=2024-04-01..2024-04-30\n\
                 map date=日期 customer=客户名称 product=产品 quantity=数量 amount=金额",
            ),
            |o| o.sheet = Some("明细".into()),
        ),
        with(
            case(
                "an_xls_sheet_chosen_by_name_is_obeyed_even_without_a_header",
                "book.xls",
                fixture("two-sheets.xls"),
                "error: No header row was found. Make sure the file has a row of column names (such as Date, Customer, Amount), or say which row is the header.",
            ),
            |o| o.sheet = Some("说明".into()),
        ),
        case(
            "an_ods_workbook_is_read_from_its_first_sheet_with_a_header",
            "book.ods",
            fixture("two-sheets.ods"),
            "ods sheet=明细 ymd header=1 read=3 imported=3 total=2210.65 dates=2024-04-01..2024-04-30\n\
             map date=日期 customer=客户名称 product=产品 quantity=数量 amount=金额",
        ),
        with(
            case(
                "an_ods_sheet_can_be_chosen_by_name",
                "book.ods",
                fixture("two-sheets.ods"),
                "ods sheet=明细 ymd header=1 read=3 imported=3 total=2210.65 dates=2024-04-01..2024-04-30\n\
                 map date=日期 customer=客户名称 product=产品 quantity=数量 amount=金额",
            ),
            |o| o.sheet = Some("明细".into()),
        ),
        with(
            case(
                "an_ods_sheet_chosen_by_name_is_obeyed_even_without_a_header",
                "book.ods",
                fixture("two-sheets.ods"),
                "error: No header row was found. Make sure the file has a row of column names (such as Date, Customer, Amount), or say which row is the header.",
            ),
            |o| o.sheet = Some("说明".into()),
        ),
        // english: Order Date cells across the turn of 2000, with its leap day
        // (261.96 + 731.94 + 14.62 = 1008.52).
        case(
            "an_xls_ledger_with_english_headers_reads_date_cells_of_another_century",
            "orders.xls",
            fixture("english.xls"),
            "xls sheet=Orders ymd header=1 read=3 imported=3 total=1008.52 dates=1999-12-31..2000-03-01\n\
             map date=Order Date customer=Customer Name amount=Sales",
        ),
        case(
            "an_ods_ledger_with_english_headers_reads_date_cells_of_another_century",
            "orders.ods",
            fixture("english.ods"),
            "ods sheet=Orders ymd header=1 read=3 imported=3 total=1008.52 dates=1999-12-31..2000-03-01\n\
             map date=Order Date customer=Customer Name amount=Sales",
        ),
    ]
}

#[test]
fn every_corpus_case_produces_its_report() {
    let cases = corpus();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let got = match read_ledger(&c.bytes, c.file, &c.opts) {
            Ok(imported) => {
                let r = &imported.report;
                assert_eq!(
                    r.rows_read,
                    r.imported + r.rejected.len() + r.excluded_totals.len(),
                    "{}: rows read = imported + rejected + excluded",
                    c.name
                );
                assert_eq!(imported.ledger.check(), vec![], "{}", c.name);
                render(r)
            }
            Err(e) => format!("error: {e}"),
        };
        let expected: String = c
            .expected
            .lines()
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("\n");
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- got\n{got}\n",
                c.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Behaviours beyond one report.

const SUPERSTORE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/superstore_2016_2019.csv"
);

#[test]
fn superstore_sales_sum_to_the_last_digit() {
    let bytes = std::fs::read(SUPERSTORE).expect("the shared superstore file beside the repo");
    let imported = read_ledger(
        &bytes,
        "superstore_2016_2019.csv",
        &ImportOptions::default(),
    )
    .expect("readable");
    let r = &imported.report;
    assert_eq!(
        render(r),
        "utf-8+bom , mdy header=1 read=9994 imported=9994 total=2297200.8603 dates=2016-01-03..2019-12-30\n\
         map date=Order Date customer=Customer ID customer_name=Customer Name product=Product ID product_name=Product Name category=Category region=Region channel=Segment quantity=Quantity amount=Sales gross_profit=Profit order_id=Order ID"
    );
    assert_eq!(
        imported.ledger.total_amount().to_decimal_string(),
        "2297200.8603"
    );
    assert_eq!(imported.customers.len(), 793);
    let claire = imported.customers.iter().find(|c| c.id == "CG-12520");
    assert_eq!(claire.map(|c| c.name.as_str()), Some("Claire Gute"));
    assert!(
        imported.ledger.cost.is_some(),
        "profit gives cost on every row"
    );
}

#[test]
fn u8_export_keeps_names_returns_and_free_goods_in_master_data_and_ledger() {
    let imported = read_ledger(&gbk(U8), "u8.csv", &ImportOptions::default()).expect("readable");
    let l = &imported.ledger;
    assert_eq!(l.customers, ["0101", "0102", "0103"]);
    assert_eq!(l.products, ["8.8.4.002", "8.8.4.003", "8.8.4.010"]);
    assert_eq!(l.salespeople, ["张伟", "李娜", "王强"]);
    let amounts: Vec<String> = l.amount.iter().map(|a| a.to_string()).collect();
    assert_eq!(amounts, ["1000", "450.5", "-200", "0"]);
    let qty: Vec<String> = l.quantity.iter().map(|a| a.to_string()).collect();
    assert_eq!(qty, ["10", "5", "-2", "1"]);
    let names: Vec<(&str, &str)> = imported
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("0101", "杭州瑞丰商贸有限公司"),
            ("0102", "上海联华超市"),
            ("0103", "宁波海曙经销部")
        ]
    );
    assert_eq!(imported.products[0].name, "冰爽柠檬茶 500ml×15");
    assert_eq!(
        imported.report.warnings[0].message(Lang::Zh),
        "金额取自不含税的“无税金额”列，未使用含税的“价税合计”列。"
    );
    assert_eq!(
        imported.report.warnings[0].message(Lang::En),
        "Amounts are net of VAT, from \"无税金额\"; \"价税合计\" (including VAT) was not used."
    );
}

#[test]
fn identifiers_keep_leading_zeros_and_eighteen_digits_through_export() {
    let csv = "日期,客户编码,存货编码,单据编号,金额\n2024-03-05,000123,0012,123456789012345678,1\n";
    let imported = read_ledger(csv.as_bytes(), "a.csv", &ImportOptions::default()).expect("ok");
    assert_eq!(imported.ledger.customers, ["000123"]);
    assert_eq!(imported.ledger.products, ["0012"]);
    assert_eq!(imported.ledger.orders, ["123456789012345678"]);
    let mut ws = Workspace {
        id: "w".into(),
        ..Workspace::default()
    };
    add_to_workspace(&mut ws, imported, "台账");
    let (back, issues) = workspace_from_json(&workspace_to_json(&ws)).expect("reads back");
    assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
    let l = &back.datasets[0].ledger;
    assert_eq!(
        (
            l.customers[0].as_str(),
            l.products[0].as_str(),
            l.orders.get(0).unwrap_or_default()
        ),
        ("000123", "0012", "123456789012345678")
    );
    assert_eq!(back.customers[0].id, "000123");
}

#[test]
fn xls_and_ods_ledgers_import_the_same_rows_with_ids_names_and_dates() {
    let mut ledgers = Vec::new();
    for file in ["ledger-q1.xls", "ledger-q1.ods"] {
        let imported =
            read_ledger(&fixture(file), file, &ImportOptions::default()).expect("readable");
        let l = &imported.ledger;
        assert_eq!(l.customers, ["000123", "000456", "001007"], "{file}");
        let names: Vec<(&str, &str)> = imported
            .customers
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("000123", "杭州瑞丰商贸"),
                ("000456", "上海联华超市"),
                ("001007", "宁波海曙经销部")
            ],
            "{file}"
        );
        let dates: Vec<String> = l.date.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            dates,
            ["2024-01-08", "2024-02-14", "2024-03-29", "2024-03-31"],
            "{file}"
        );
        let qty: Vec<String> = l.quantity.iter().map(|q| q.to_string()).collect();
        assert_eq!(qty, ["10", "5", "3", "2.5"], "{file}");
        let amounts: Vec<String> = l.amount.iter().map(|a| a.to_string()).collect();
        assert_eq!(amounts, ["1250.5", "487.25", "292.35", "250.125"], "{file}");
        assert_eq!(
            imported.report.file_total.map(|t| t.to_string()).as_deref(),
            Some("2280.225"),
            "{file}: the 合计 row's amount is kept to check against"
        );
        ledgers.push(imported.ledger);
    }
    assert_eq!(ledgers[0], ledgers[1], "XLS and ODS give the same ledger");
}

#[test]
fn importing_the_same_file_twice_adds_no_rows_and_says_so() {
    let opts = ImportOptions::default();
    let mut ws = Workspace::default();
    let first = add_to_workspace(
        &mut ws,
        read_ledger(&gbk(U8), "u8.csv", &opts).expect("ok"),
        "三月",
    );
    assert_eq!(
        (first.added, first.duplicates, first.new_customers),
        (4, 0, 3)
    );
    assert_eq!(first.dataset_id.as_deref(), Some("import-1"));
    let again = add_to_workspace(
        &mut ws,
        read_ledger(&gbk(U8), "u8.csv", &opts).expect("ok"),
        "三月",
    );
    assert_eq!(
        (again.added, again.duplicates, again.dataset_id.clone()),
        (0, 4, None)
    );
    assert_eq!(ws.datasets.len(), 1);
    assert_eq!(ws.customers.len(), 3);
    says(
        &again,
        "没有新数据：文件中的 4 行都已在工作区中，未添加任何行。",
        "Nothing new: all 4 rows of the file are already in the workspace; no rows were added.",
    );
}

/// What `report` says, in Chinese and in English.
#[track_caller]
fn says(report: &AddReport, zh: &str, en: &str) {
    assert_eq!(report.message(Lang::Zh), zh);
    assert_eq!(report.message(Lang::En), en);
}

#[test]
fn an_overlapping_file_adds_only_rows_beyond_those_already_held() {
    let opts = ImportOptions::default();
    let mut ws = Workspace::default();
    let jan = "日期,客户,金额\n2024-01-05,A,1\n2024-01-05,A,1\n2024-01-06,B,2\n";
    // The second export repeats January (with a third identical line) and adds February.
    let jan_feb = "日期,客户,金额\n2024-01-05,A,1\n2024-01-05,A,1\n2024-01-05,A,1\n2024-01-06,B,2\n2024-02-01,C,5\n";
    let one = add_to_workspace(
        &mut ws,
        read_ledger(jan.as_bytes(), "jan.csv", &opts).expect("ok"),
        "一月",
    );
    assert_eq!((one.added, one.duplicates), (3, 0));
    let two = add_to_workspace(
        &mut ws,
        read_ledger(jan_feb.as_bytes(), "jan-feb.csv", &opts).expect("ok"),
        "一二月",
    );
    assert_eq!((two.added, two.duplicates), (2, 3));
    says(
        &two,
        "已添加 2 行，跳过 3 行已有的数据。",
        "Added 2 rows; skipped 3 rows already in the workspace.",
    );
    assert_eq!(ws.summary().rows, 5);
    assert_eq!(ws.summary().total_amount.to_string(), "10");
}

#[track_caller]
fn check_error(bytes: &[u8], file: &str, opts: &ImportOptions, zh: &str, en: &str) {
    match read_ledger(bytes, file, opts) {
        Ok(i) => panic!("expected an error, got {}", render(&i.report)),
        Err(e) => {
            assert_eq!(e.message(Lang::Zh), zh);
            assert_eq!(e.message(Lang::En), en);
            assert_eq!(e.to_string(), en);
        }
    }
}

#[test]
fn an_empty_file_is_refused_with_a_message() {
    check_error(
        b"",
        "a.csv",
        &ImportOptions::default(),
        "文件是空的，没有可导入的行。请选择导出的销售台账文件。",
        "The file is empty: there are no rows to import. Choose an exported sales ledger.",
    );
    assert_eq!(
        read_ledger(b"\n\n,,\n", "a.csv", &ImportOptions::default()),
        Err(ImportError::Empty)
    );
}

#[test]
fn missing_required_columns_are_named_with_the_headers_found() {
    check_error(
        "日期,产品,数量\n2024-03-05,P1,1\n".as_bytes(),
        "a.csv",
        &ImportOptions::default(),
        "找不到这些必需的列：客户、单价。文件的列为：日期、产品、数量。请在映射中指定对应的列。",
        "Required columns were not found: customer, unit price. The file's columns are: 日期, 产品, 数量. Map them by hand.",
    );
}

#[test]
fn a_mapping_to_a_column_that_does_not_exist_is_refused() {
    let opts = ImportOptions {
        mapping: vec![(Field::Amount, "价税合计".into())],
        ..ImportOptions::default()
    };
    check_error(
        SIMPLE.as_bytes(),
        "a.csv",
        &opts,
        "映射到“金额”的列“价税合计”不存在。文件的列为：日期、客户、产品、金额。",
        "The column \"价税合计\" mapped to amount does not exist. The file's columns are: 日期, 客户, 产品, 金额.",
    );
}

#[test]
fn a_missing_sheet_lists_the_sheets() {
    let book = xlsx(&[("一月", &[&["日期"]]), ("二月", &[&["日期"]])]);
    let opts = ImportOptions {
        sheet: Some("三月".into()),
        ..ImportOptions::default()
    };
    check_error(
        &book,
        "a.xlsx",
        &opts,
        "工作簿中没有名为“三月”的工作表。现有工作表：一月、二月。",
        "The workbook has no sheet named \"三月\". Its sheets are: 一月, 二月.",
    );
}

#[test]
fn binary_files_and_broken_workbooks_are_refused() {
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 1, 2, 0, 0, 0, 0,
    ];
    assert_eq!(
        read_ledger(&png, "a.csv", &ImportOptions::default()),
        Err(ImportError::NotText)
    );
    let fake = b"PK\x03\x04 this is not really a zip archive";
    assert!(matches!(
        read_ledger(fake, "a.xlsx", &ImportOptions::default()),
        Err(ImportError::Workbook { .. })
    ));
    assert_eq!(
        read_ledger(b"1,2\n3,4\n", "a.csv", &ImportOptions::default()),
        Err(ImportError::NoHeader)
    );
}

#[test]
fn sniff_previews_rows_and_samples_for_the_wizard() {
    let s = sniff(&gbk(U8), "u8.csv", &ImportOptions::default()).expect("ok");
    assert_eq!(s.encoding, Some(Encoding::Gb18030));
    assert_eq!(s.delimiter, Some(b','));
    assert_eq!(s.header_row, 3);
    assert_eq!(s.headers.len(), 10);
    assert_eq!(s.rows.len(), 7);
    assert_eq!(s.rows[0][3], "杭州瑞丰商贸有限公司");
    let amount = s
        .mapping
        .iter()
        .find(|m| m.field == Field::Amount)
        .expect("mapped");
    assert_eq!(amount.header, "无税金额");
    assert_eq!(
        amount.samples[..2],
        ["1,000.00".to_string(), "450.50".to_string()]
    );
    assert!(s.missing.is_empty());
    let s = sniff(
        "日期,产品\n2024-03-05,P1\n".as_bytes(),
        "a.csv",
        &ImportOptions::default(),
    )
    .expect("sniff does not fail on missing columns");
    assert_eq!(s.missing, [Field::Customer, Field::Amount]);
    let book = xlsx(&[("A", &[&["x"]]), ("B", &[&["日期", "客户", "金额"]])]);
    let s = sniff(
        &book,
        "b.xlsx",
        &ImportOptions {
            sheet: Some("B".into()),
            ..ImportOptions::default()
        },
    )
    .expect("ok");
    assert_eq!(s.sheets, ["A", "B"]);
    assert_eq!(s.sheet.as_deref(), Some("B"));
}

#[test]
fn the_report_serialises_to_the_cli_json_keys() {
    let imported = read_ledger(&gbk(U8), "u8.csv", &ImportOptions::default()).expect("ok");
    let v = serde_json::to_value(&imported.report).expect("json");
    for key in [
        "encoding",
        "delimiter",
        "date_order",
        "mapping",
        "rows_read",
        "imported",
        "rejected",
        "total_amount",
        "first_date",
        "last_date",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["encoding"], "gb18030");
    assert_eq!(v["total_amount"], "1250.5");
    assert_eq!(v["first_date"], "2024-03-01");
    assert_eq!(v["mapping"]["amount"], "无税金额");
    assert_eq!(v["mapping"]["salesperson"], "业 务 员");
}

/// A file whose rows are all new is added as the import read it; the dataset is exactly the
/// ledger a builder makes from the same rows (ids in order of first use, only used ids, no
/// cost column unless every row has one), rejected rows and repeated ids included.
#[test]
fn a_file_of_new_rows_becomes_the_dataset_a_builder_would_make() {
    let csv = "日期,客户,产品,区域,业务员,单号,数量,金额,成本\n\
               2024-03-05,C2,P1,华东,张伟,SO2,1,10,6\n\
               2024-02-30,C9,P9,华北,王芳,SO9,1,10,6\n\
               2024-03-06,C1,P2,华南,王芳,SO1,2,20,\n\
               2024-03-06,C2,P1,华东,张伟,SO2,3,30,18\n\
               合计,,,,,,6,70,\n";
    let imported = read_ledger(csv.as_bytes(), "a.csv", &ImportOptions::default()).expect("ok");
    assert_eq!(imported.report.rejected.len(), 1);
    let l = &imported.ledger;
    let mut builder = sandtable_core::LedgerBuilder::new();
    for i in 0..l.rows() {
        builder.push_row(&l.row(i).expect("every code has its id"));
    }
    let expected = builder.finish();
    let mut ws = Workspace {
        id: "w".into(),
        ..Workspace::default()
    };
    let report = add_to_workspace(&mut ws, imported, "台账");
    assert_eq!((report.added, report.duplicates), (3, 0));
    let many = AddReport {
        added: 1_000_000,
        duplicates: 12_345,
        ..report.clone()
    };
    says(
        &many,
        "已添加 1,000,000 行，跳过 12,345 行已有的数据。",
        "Added 1,000,000 rows; skipped 12,345 rows already in the workspace.",
    );
    assert_eq!(ws.datasets[0].ledger, expected);
    assert_eq!(expected.customers, ["C2", "C1"]);
    assert_eq!(expected.orders, ["SO2", "SO1"]);
    assert!(expected.cost.is_none(), "one row has no cost");
}
