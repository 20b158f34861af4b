"""CSV and XLSX downloads of tables and lists, safe to open in a spreadsheet.

Text cells that a spreadsheet would take for a formula (= + - @, tab, CR) are
prefixed with an apostrophe; numbers stay numbers.
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


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(neutralise(value))


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a BOM, so that spreadsheet programs read the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_plain(h) for h in header])
    for row in rows:
        writer.writerow([_plain(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(header: list[str], rows: list[list], *, title: str = "数据", note: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    # Sheet titles: at most 31 characters, none of []:*?/\
    ws.title = sheet_title(title)
    ws.append([_cell(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
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
             note: str = "") -> HttpResponse:
    """A download of ``rows`` as ``fmt`` (csv or xlsx) named ``filename``.{fmt}."""
    if fmt == "csv":
        resp = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        body = xlsx_bytes(header, rows, title=title or filename, note=note)
        resp = HttpResponse(body, content_type=XLSX_TYPE)
    else:
        raise ValueError(fmt)
    resp["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    return resp
