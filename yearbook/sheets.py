"""Reading an uploaded spreadsheet (CSV or XLSX) into rows, within limits, in the editors' words.

Plain Python (no Django). A sheet is read as a stream and counted as it goes, so a hostile file stops early:
an XLSX declaring 16,384 × 20,000 cells in 15 KB, a zip that inflates to gigabytes, a CSV of a million rows.
The dimensions a file declares are ignored (they drove openpyxl to build every declared cell); what counts
is what it holds. CSV is read as UTF-8 (with or without a BOM) or, failing that, as GB18030, the superset of
GBK that Excel on Chinese Windows saves.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass


class SheetError(ValueError):
    """A file that cannot be read as a sheet, with the reason in the editor's words."""


@dataclass(frozen=True)
class Limits:
    bytes: int = 5 * 1024 * 1024          # the upload itself
    unzipped: int = 40 * 1024 * 1024      # an XLSX's parts once inflated
    rows: int = 5000                      # data rows (the header row aside)
    columns: int = 60
    cells: int = 150_000                  # non-empty cells
    cell_chars: int = 10_000              # one cell's text

    def describe(self) -> str:
        return (f"每个文件不超过 {self.bytes // (1024 * 1024)} MB、{self.rows} 行（不含表头）、{self.columns} 列，"
                f"每格不超过 {self.cell_chars} 字")


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list]


ENCODINGS = ("utf-8-sig", "gb18030")


def decode_csv(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError("无法识别文件的编码：请另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传。")


class _Counter:
    """Counts what a sheet holds as it is read, and stops at the first limit passed."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.cells = 0
        self.rows: list[list] = []
        self.headers: list[str] | None = None

    def add(self, number: int, values) -> None:
        values = list(values)
        while values and values[-1] in (None, ""):
            values.pop()
        if len(values) > self.limits.columns:
            raise SheetError(f"第 {number} 行有 {len(values)} 列，超过了上限 {self.limits.columns} 列。"
                             f"请只保留要导入的列（{self.limits.describe()}）。")
        if self.headers is None:
            if not values:
                return   # blank lines before the header
            self.headers = [header_text(v) for v in values]
            return
        if not any(v not in (None, "") for v in values):
            return
        if len(self.rows) >= self.limits.rows:
            raise SheetError(f"文件超过 {self.limits.rows} 行数据（第 {number} 行起）。请分成几个文件导入"
                             f"（{self.limits.describe()}）。")
        for v in values:
            if v in (None, ""):
                continue
            self.cells += 1
            if isinstance(v, str) and len(v) > self.limits.cell_chars:
                raise SheetError(f"第 {number} 行有一格长达 {len(v)} 字，超过上限 {self.limits.cell_chars} 字。")
        if self.cells > self.limits.cells:
            raise SheetError(f"文件的内容超过 {self.limits.cells} 格（到第 {number} 行）。请分成几个文件导入。")
        self.rows.append(values)

    def sheet(self) -> Sheet:
        if not self.headers:
            raise SheetError("文件是空的：第一行应是表头（列名），其下每行一条记录。")
        width = len(self.headers)
        rows = [r + [None] * (width - len(r)) if len(r) < width else r for r in self.rows]
        return Sheet(self.headers, rows)


def header_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_csv(data: bytes, limits: Limits = Limits()) -> Sheet:
    if len(data) > limits.bytes:
        raise SheetError(too_big(len(data), limits))
    text = decode_csv(data)
    if "\x00" in text:
        raise SheetError("这不是文本格式的 CSV 文件（含有二进制内容）。若是 Excel 文件，请选择“xlsx”格式。")
    counter = _Counter(limits)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(reader, 1):
            counter.add(number, [v.strip() if isinstance(v, str) else v for v in row])
    except csv.Error as exc:
        raise SheetError(f"CSV 文件格式有误（第 {reader.line_num} 行）：引号可能不成对。（{exc}）") from None
    return counter.sheet()


def read_xlsx(data: bytes, limits: Limits = Limits()) -> Sheet:
    if len(data) > limits.bytes:
        raise SheetError(too_big(len(data), limits))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SheetError("这不是有效的 .xlsx 文件。若是 CSV 文件，请选择“csv”格式；旧版 .xls 请先另存为 .xlsx。") from None
    if inflated > limits.unzipped:
        raise SheetError(f"这个 .xlsx 文件解压后有 {inflated // (1024 * 1024)} MB，超过上限 "
                         f"{limits.unzipped // (1024 * 1024)} MB。请只保留要导入的工作表和数据。")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        raise SheetError("无法读取这个 .xlsx 文件（文件可能已损坏）。请用 Excel 打开后重新保存再上传。") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise SheetError("这个 .xlsx 文件的第一个工作表不是数据表。")
        sheet.reset_dimensions()   # the declared size is not trusted: only the cells present are read
        counter = _Counter(limits)
        try:
            for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
                counter.add(number, [cell_value(v) for v in row])
        except SheetError:
            raise
        except Exception:  # noqa: BLE001
            raise SheetError("无法读取这个 .xlsx 文件的内容（文件可能已损坏）。请用 Excel 打开后重新保存再上传。") from None
        return counter.sheet()
    finally:
        book.close()


def cell_value(value):
    """A cell as the import reads it: text stripped, a whole number without ".0", dates as dates."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def too_big(size: int, limits: Limits) -> str:
    return (f"文件有 {size / (1024 * 1024):.1f} MB，超过上限 {limits.bytes // (1024 * 1024)} MB。"
            f"请分成几个文件导入（{limits.describe()}）。")
