"""Writes the XLS and ODS sales ledgers that the import corpus reads.

The files land in crates/core/tests/fixtures/workbooks/ and are committed; rerun this script only
to change them (then update the expected reports in crates/core/tests/import.rs). Run it from
the repository root with the two pinned writers in a throwaway virtual environment:

    python3 -m venv /tmp/venv-wbfix
    /tmp/venv-wbfix/bin/pip install xlwt==1.3.0 odfpy==1.4.1
    /tmp/venv-wbfix/bin/python tools/make_workbook_fixtures.py

xlwt writes BIFF8 (Excel 97-2003) workbooks; odfpy writes OpenDocument spreadsheets, whose zip
entries are rewritten here with a fixed timestamp. Rerunning with the same versions gives
byte-identical files; other versions may write different bytes that still import identically.

Every date below is a real date cell (an XLS number with a date format, an ODS cell of value
type "date"), never text; customer ids such as "000123" are text cells, so their zeros stay.
"""

import datetime as dt
import io
import pathlib
import sys
import zipfile

import odf.opendocument
import xlwt
from odf import number, style, table, text

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/core/tests/fixtures/workbooks"

D = dt.date
T = dt.datetime

# (sheet name, rows); a row is a list of cells: str (text), int/float (number), date or
# datetime (a date cell), None (empty).
LEDGER_Q1 = (
    "销售台账",
    [
        ["2024年一季度销售台账"],
        [],
        ["日期", "客户编码", "客户名称", "产品", "数量", "金额"],
        [D(2024, 1, 8), "000123", "杭州瑞丰商贸", "冰爽柠檬茶 500ml×15", 10, 1250.5],
        [D(2024, 2, 14), "000456", "上海联华超市", "乌龙茶 500ml×15", 5, 487.25],
        [T(2024, 3, 29, 14, 30), "000123", "杭州瑞丰商贸", "乌龙茶 500ml×15", 3, 292.35],
        [D(2024, 3, 31), "001007", "宁波海曙经销部", "冰爽柠檬茶 500ml×15", 2.5, 250.125],
        ["合计", None, None, None, 20.5, 2280.225],
    ],
)

NOTES = (
    "说明",
    [
        ["本工作簿由进销存系统导出"],
        ["明细见“明细”工作表"],
    ],
)

LEDGER_APRIL = (
    "明细",
    [
        ["日期", "客户名称", "产品", "数量", "金额"],
        [D(2024, 4, 1), "杭州瑞丰商贸", "冰爽柠檬茶 500ml×15", 12, 1500],
        [D(2024, 4, 15), "温州鹿城百货", "乌龙茶 500ml×15", 6, 585.6],
        [D(2024, 4, 30), "上海联华超市", "冰爽柠檬茶 500ml×15", 1, 125.05],
    ],
)

ORDERS_ENGLISH = (
    "Orders",
    [
        ["Order Date", "Customer Name", "Sales"],
        [D(1999, 12, 31), "Claire Gute", 261.96],
        [D(2000, 2, 29), "Darrin Van Huff", 731.94],
        [D(2000, 3, 1), "Sean O'Donnell", 14.62],
    ],
)

BOOKS = {
    "ledger-q1": [LEDGER_Q1],
    "two-sheets": [NOTES, LEDGER_APRIL],
    "english": [ORDERS_ENGLISH],
}


def write_xls(sheets, path):
    book = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    moment = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    for name, rows in sheets:
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                if isinstance(cell, dt.datetime):
                    sheet.write(r, c, cell, moment)
                elif isinstance(cell, dt.date):
                    sheet.write(r, c, cell, day)
                else:
                    sheet.write(r, c, cell)
    book.save(str(path))


def ods_styles(doc):
    """Automatic cell styles showing dates as 2024-01-08 and 2024-03-29 14:30."""
    day = number.DateStyle(name="N-day")
    for part in (number.Year(style="long"), "-", number.Month(style="long"), "-",
                 number.Day(style="long")):
        day.addElement(number.Text(text=part) if isinstance(part, str) else part)
    moment = number.DateStyle(name="N-moment")
    for part in (number.Year(style="long"), "-", number.Month(style="long"), "-",
                 number.Day(style="long"), " ", number.Hours(style="long"), ":",
                 number.Minutes(style="long")):
        moment.addElement(number.Text(text=part) if isinstance(part, str) else part)
    doc.automaticstyles.addElement(day)
    doc.automaticstyles.addElement(moment)
    day_cell = style.Style(name="ce-day", family="table-cell", datastylename="N-day")
    moment_cell = style.Style(name="ce-moment", family="table-cell", datastylename="N-moment")
    doc.automaticstyles.addElement(day_cell)
    doc.automaticstyles.addElement(moment_cell)
    return day_cell, moment_cell


def ods_cell(cell, day_cell, moment_cell):
    if cell is None:
        return table.TableCell()
    if isinstance(cell, dt.datetime):
        shown = cell.strftime("%Y-%m-%d %H:%M")
        tc = table.TableCell(valuetype="date", datevalue=cell.strftime("%Y-%m-%dT%H:%M:%S"),
                             stylename=moment_cell)
    elif isinstance(cell, dt.date):
        shown = cell.isoformat()
        tc = table.TableCell(valuetype="date", datevalue=shown, stylename=day_cell)
    elif isinstance(cell, (int, float)):
        shown = repr(cell)
        tc = table.TableCell(valuetype="float", value=shown)
    else:
        shown = cell
        tc = table.TableCell(valuetype="string")
    tc.addElement(text.P(text=shown))
    return tc


def write_ods(sheets, path):
    doc = odf.opendocument.OpenDocumentSpreadsheet()
    day_cell, moment_cell = ods_styles(doc)
    for name, rows in sheets:
        sheet = table.Table(name=name)
        for row in rows:
            tr = table.TableRow()
            if not row:
                tr.addElement(table.TableCell())
            for cell in row:
                tr.addElement(ods_cell(cell, day_cell, moment_cell))
            sheet.addElement(tr)
        doc.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    doc.write(buffer)
    path.write_bytes(fixed_zip_times(buffer.getvalue()))


def fixed_zip_times(data):
    """The same archive with every entry dated 1980-01-01, "mimetype" first and stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, sheets in BOOKS.items():
        for ext, write in (("xls", write_xls), ("ods", write_ods)):
            path = OUT / f"{stem}.{ext}"
            write(sheets, path)
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
