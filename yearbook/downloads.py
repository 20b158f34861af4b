"""CSV and XLSX downloads of tables and lists, safe to open in a spreadsheet.

Text cells that a spreadsheet would take for a formula (= + - @, tab, CR) are
prefixed with an apostrophe; numbers stay numbers, at the precision they carry
(Decimal("8.20") is written 8.20, and shown with two decimals in the sheet). A
download may open with a preamble (title, unit, source) above its header, and a
column may be a percentage (XLSX: the number over 100, shown with %).
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def neutralise(value):
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)"; numbers and None pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def storable(value):
    """A text an XLSX cell can hold: the control characters XML 1.0 forbids (Word's soft line break \x0b…)
    become line breaks or go; Excel caps a cell at 32,767 characters."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\x0b", "\n").replace("\x0c", "\n"))
    return value[:32767]


def sheet_title(title: str) -> str:
    """A worksheet's name: at most 31 characters, none of []:*?/\\ nor a control character."""
    from yearbook.names import clean_line

    return "".join(ch for ch in clean_line(title or "") if ch not in "[]:*?/\\'")[:31].strip() or "数据"


def _cell(value):
    if isinstance(value, Decimal):
        return value.normalize() if value == value.to_integral_value() else value
    return storable(neutralise(value))


def _sheet_value(value, percent: bool):
    """A data cell for the sheet: a percentage column's number over 100 (9.2 → 0.092, shown 9.2%)."""
    if isinstance(value, Decimal):
        return value / 100 if percent else value
    return storable(neutralise(value))


def _plain(value) -> str:
    """A cell as text: a Decimal with the decimals it carries (8.20 stays 8.20)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(neutralise(value))


def number_format(value: Decimal, percent: bool = False) -> str:
    """The spreadsheet format showing ``value`` with its own decimals: 8.20 → 0.00; 9.2 (%) → 0.0%."""
    places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
    base = "0" + ("." + "0" * places if places else "")
    return base + "%" if percent else base


def csv_bytes(header: list[str], rows: list[list], *, preamble: list[str] = ()) -> bytes:
    """UTF-8 with a BOM, so that spreadsheet programs read the Chinese right; ``preamble`` lines (a title, the
    unit, the source) above the header, then a blank line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in preamble:
        writer.writerow([_plain(line)])
    if preamble:
        writer.writerow([])
    writer.writerow([_plain(h) for h in header])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(header: list[str], rows: list[list], *, title: str = "数据", note: str = "",
               preamble: list[str] = (), percent: list[bool] = (),
               merges: list[tuple[int, int, int, int]] = ()) -> bytes:
    """A workbook of one sheet: ``preamble`` lines (the first in bold), the header (bold, frozen with the first
    column), the rows; numbers with their printed decimals, ``percent`` columns as percentages; ``merges``:
    merged cells as (data row, column, rows, columns), 0-based below the header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    # Sheet titles: at most 31 characters, none of []:*?/\
    ws.title = sheet_title(title)
    for i, line in enumerate(preamble):
        ws.append([_cell(line)])
        if i == 0:
            ws.cell(row=1, column=1).font = Font(bold=True)
    if preamble:
        ws.append([])
    ws.append([_cell(h) for h in header])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = f"B{header_row + 1}"   # a string: ws.cell() would create the row below
    for row in rows:
        ws.append([_sheet_value(v, i < len(percent) and percent[i]) for i, v in enumerate(row)])
        for i, v in enumerate(row):
            if isinstance(v, Decimal):
                ws.cell(row=ws.max_row, column=i + 1).number_format = number_format(
                    v, i < len(percent) and percent[i])
    for row, column, height, width in merges:
        if height > 1 or width > 1:
            ws.merge_cells(start_row=header_row + row + 1, start_column=column + 1,
                           end_row=header_row + row + height, end_column=column + width)
    if note:
        ws.append([])
        ws.append([_cell(note)])
    for i, h in enumerate(header, 1):
        width = max([len(str(h))] + [len(_plain(r[i - 1])) for r in rows if i - 1 < len(r)] + [4])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(2 + width * 2, 60)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def response(fmt: str, filename: str, header: list[str], rows: list[list], *, title: str = "",
             note: str = "", preamble: list[str] = (), percent: list[bool] = (),
             merges: list[tuple[int, int, int, int]] = ()) -> HttpResponse:
    """A download of ``rows`` as ``fmt`` (csv or xlsx) named ``filename``.{fmt}; ``merges`` are merged in
    XLSX (in CSV a merged cell's value stands in its first cell, the cells it covers are empty)."""
    if fmt == "csv":
        resp = HttpResponse(csv_bytes(header, rows, preamble=preamble), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        body = xlsx_bytes(header, rows, title=title or filename, note=note, preamble=preamble, percent=percent,
                          merges=merges)
        resp = HttpResponse(body, content_type=XLSX_TYPE)
    else:
        raise ValueError(fmt)
    resp["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    return resp
