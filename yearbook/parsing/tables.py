"""Stage: the statistical tables and the statistical bulletin (docs/source-guide.md §2.4, §2.6, §5 case 13).

Tables are tab-separated grids: those inside the ordinary sections (titled
``{covered year}年…统计表``) and the
bulletin's 表1… in the outline's ``tables`` section. A grid is read in four steps:

1. find the title (one line, or ``YYYY 年全区`` + the rest on the next line) and the
   tab lines that follow it (page debris is already skipped by ``SourceText.lines``);
2. drop the OCR junk rows printed above the header (no Han character at all);
3. split header rows from data rows, repair the header with named rules (a span
   header cut in two, a garbled copy of a rowspan, a junk glyph, a word split over
   two cells, the vertical-text header of the 工伤 table);
4. read the data rows: stub columns (group / label / 单位) then value columns, with
   rowspans, group rows, ``其中:`` children, a label wrapped over two lines and a text
   cell merged over several rows.

Figures are kept exactly as printed (docs/source-guide.md §4.1: the book's contradictions stay).
``page`` is left None: page-number debris is too sparse (a number every few pages) to
give these records a sure page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .records import BulletinChapter, CellSpan, StatTable, TableColumn, TableRow, YearMonth
from .segment import Segment
from .source import Line, ParseError, SourceText, has_han
from .text import chinese_number, compact, tidy, to_decimal

TITLE_ENDS = r"(统计表|明细表|比例表|情况表)"


def section_title_re(covers_year: int) -> re.Pattern:
    return re.compile(rf"^{covers_year}年.*{TITLE_ENDS}$")


def split_title_head_re(covers_year: int) -> re.Pattern:
    """``YYYY 年全区`` on its own line: the rest of the title is on the next line."""
    return re.compile(rf"^{covers_year}年\S{{0,6}}$")

BULLETIN_TITLE_RE = re.compile(r"^表(\d+):(.+)$")      # on compacted text: 表1:YYYY年全区…
UNIT_LINE_RE = re.compile(r"^单位:(.+)$")              # on compacted text
CHAPTER_RE = re.compile(r"^([一二三四五六七八九十]+)、(.{2,20})$")
AUTHOR_RE = re.compile(r"^(.+?)\((\d{4})年(\d{1,2})月\)$")
NOTE_RE = re.compile(r"^(?:注\s*:\s*)?(\d)\.\s*(.+)$")
TRAILING_UNIT_RE = re.compile(r"\(([^()]*)\)$")
SENTENCE_END = tuple("。;:!?\"》)】")

# Units that may close a header cell or a label: 金额(万元), 登记失业率(%).
UNITS = {"元", "万元", "亿元", "人", "人次", "万人", "万人次", "万吨", "万块", "%"}



@dataclass
class Cell:
    text: str      # compacted (no OCR spaces), after corrections
    printed: str   # as printed


@dataclass
class GridRow:
    line: int
    cells: list[Cell]

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class RawTable:
    number: str
    title: str
    section: str
    title_line: int
    unit_line: str = ""
    rows: list[GridRow] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Finding the tables
# ---------------------------------------------------------------------------

def _grid_row(line: Line) -> GridRow:
    texts = line.text.split("\t")
    printed = line.printed.split("\t")
    if len(printed) != len(texts):  # a correction touched the tabs: keep the corrected cells
        printed = texts
    cells = [Cell(compact(t), p.strip()) for t, p in zip(texts, printed)]
    while cells and not cells[-1].text:  # every row ends with a trailing tab
        cells.pop()
    return GridRow(line.number, cells)


def _take_grid(lines: list[Line], i: int) -> tuple[list[GridRow], int]:
    """The consecutive tab lines from lines[i]; returns them and the index after."""
    rows = []
    while i < len(lines) and "\t" in lines[i].text:
        rows.append(_grid_row(lines[i]))
        i += 1
    return rows, i


def _stray_tab_row(source: SourceText, line: Line) -> None:
    """Every tab row belongs to a titled table; one that does not means a title was not
    recognised: a review item (the row is not read)."""
    if "\t" in line.text:
        source.review.problem("table", "表格行不属于任何有标题的表格（表题未识别？），未读入", line.number,
                              printed=line.printed, error="tab row outside any table (unrecognised table title?)")


def find_section_tables(source: SourceText, seg: Segment) -> list[RawTable]:
    title_re, head_re = section_title_re(source.covers_year), split_title_head_re(source.covers_year)
    lines = list(source.lines(seg.start, seg.end))
    found = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = compact(line.text)
        title = None
        if "\t" not in line.text and title_re.match(text):
            title, nxt = text, i + 1
        elif ("\t" not in line.text and head_re.match(text) and i + 1 < len(lines)
              and title_re.match(text + compact(lines[i + 1].text))):
            # Title split over two lines: YYYY 年全区 / 企业职工…统计表
            title, nxt = text + compact(lines[i + 1].text), i + 2
        if title is None:
            _stray_tab_row(source, line)
            i += 1
            continue
        rows, i = _take_grid(lines, nxt)
        if not rows:
            source.review.problem("table", f"表题「{title}」下没有表格行", line.number, printed=title,
                                  error=f"table title {title!r} is not followed by tab rows")
            continue
        found.append(RawTable("", title, seg.name, line.number, rows=rows))
    return found


def find_bulletin_tables(source: SourceText, seg: Segment) -> list[RawTable]:
    lines = list(source.lines(seg.start, seg.end))
    found = []
    i = 0
    while i < len(lines):
        m = BULLETIN_TITLE_RE.match(compact(lines[i].text))
        if not m or "\t" in lines[i].text:
            _stray_tab_row(source, lines[i])
            i += 1
            continue
        raw = RawTable(f"表{m.group(1)}", m.group(2), seg.name, lines[i].number)
        i += 1
        if i < len(lines) and (u := UNIT_LINE_RE.match(compact(lines[i].text))):
            raw.unit_line = u.group(1)
            i += 1
        raw.rows, i = _take_grid(lines, i)
        if not raw.rows:
            source.review.problem("table", f"「{raw.number}」下没有表格行", raw.title_line, printed=raw.title,
                                  error=f"{raw.number} has no tab rows")
            continue
        found.append(raw)
    return found


# ---------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------

def is_number(text: str) -> bool:
    return to_decimal(text) is not None


def cell_value(text: str) -> Decimal | str | None:
    """Exact Decimal for a number (``3. 18`` → 3.18, ``90%`` → 90), text otherwise, None if empty."""
    if not text:
        return None
    number = to_decimal(text)
    return number if number is not None else text


def unit_of_label(label: str) -> str:
    """The unit closing a header cell or a label: 金额(万元) → 万元, 比上年±% → %."""
    if label.endswith("%"):
        return "%"
    if label in UNITS:  # 人次: the header is the unit itself
        return label
    m = TRAILING_UNIT_RE.search(label)
    return m.group(1) if m and m.group(1) in UNITS else ""


# ---------------------------------------------------------------------------
# Header repair rules (each checks the content it expects)
# ---------------------------------------------------------------------------

def drop_leading_junk_rows(rows: list[GridRow]) -> list[GridRow]:
    """Junk rows above the header have no Han character (``1 12.``, ``E. 10/01 N``,
    ``711 -1-1 1 1 1``). Data rows without Han (``YYYY⇥40609``)
    only come after a header, so only the leading ones are dropped."""
    while rows and not any(has_han(c.text) for c in rows[0].cells):
        rows = rows[1:]
    return rows


def is_data_row(row: GridRow) -> bool:
    filled = [c.text for c in row.cells if c.text]
    numeric = sum(1 for t in filled if is_number(t))
    return bool(filled) and numeric * 2 >= len(filled)


def split_header(raw: RawTable, rows: list[GridRow], path: str) -> tuple[list[GridRow], list[GridRow]]:
    for k, row in enumerate(rows):
        if is_data_row(row):
            if k == 0:
                raise ParseError(f"table {raw.title!r} has no header row", path, row.line)
            return rows[:k], rows[k:]
    raise ParseError(f"table {raw.title!r} has no data row", path, rows[-1].line)


def clear_junk_header_cells(header: list[GridRow]) -> None:
    """A header cell with neither Han nor digit is a stray glyph (``Ŋ``)."""
    for row in header:
        for c in row.cells:
            if c.text and not has_han(c.text) and not re.search(r"\d", c.text):
                c.text = ""


def repair_span_header_fragment(top: GridRow) -> None:
    """A header spanning two columns printed as a fragment + the full text
    (``20⇥2020年``): keep the full text in the first column so it spans both."""
    cells = top.cells
    for j in range(len(cells) - 1):
        a, b = cells[j].text, cells[j + 1].text
        if a and b and a != b and b.startswith(a) and is_number(a):
            cells[j].text, cells[j + 1].text = b, ""


def clear_garbled_rowspan_copy(top: GridRow, bottom: GridRow) -> None:
    """A two-line header: the rowspan headers 指标 / 单位 were read a second time as
    garbage on the second header line (``1日 小⇥中 仏``). Only these two stub words
    are known to span both lines; their copies are cleared."""
    for j, word in enumerate(("指标", "单位")):
        if j < len(top.cells) and top.cells[j].text == word and j < len(bottom.cells):
            if bottom.cells[j].text and bottom.cells[j].text != word:
                bottom.cells[j].text = ""


def right_align_short_header(header: list[GridRow], width: int) -> None:
    """``Ŋ⇥YYYY 年度``: a transposed table's header lacks the cell over the
    rowspan column, so its value header sits one column too far left."""
    if len(header) == 1 and 0 < len(header[0].cells) < width and header[0].cells[-1].text:
        row = header[0]
        row.cells = [Cell("", "") for _ in range(width - len(row.cells))] + row.cells


def pad(row: GridRow, width: int) -> None:
    row.cells += [Cell("", "") for _ in range(width - len(row.cells))]


# ---------------------------------------------------------------------------
# Building a table
# ---------------------------------------------------------------------------

def stub_width(data: list[GridRow], path: str) -> int:
    """Leading non-numeric cells of the rows that hold numbers (at least 1: 年度 YYYY)."""
    widths = set()
    for row in data:
        if not any(is_number(c.text) for c in row.cells):
            continue
        k = 0
        while k < len(row.cells) and not is_number(row.cells[k].text):
            k += 1
        widths.add(max(k, 1))
    if len(widths) != 1:
        raise ParseError(f"rows disagree on the number of label columns: {sorted(widths)}", path, data[0].line)
    return widths.pop()


def build_columns(header: list[GridRow], stub: int, width: int) -> tuple[list[TableColumn], list[str]]:
    """Value columns (top level spanning to the right over empty cells) and the stub headers."""
    for row in header:
        pad(row, width)
    top = header[0]
    if len(header) == 2:
        span = ""
        for j in range(stub, width):  # a top cell spans the empty cells on its right
            if top.cells[j].text:
                span = top.cells[j].text
            else:
                top.cells[j].text = span
    elif len(header) > 2:
        raise ValueError("more than two header rows")
    stub_headers = ["".join(r.cells[j].text for r in header) for j in range(stub)]
    columns = []
    for j in range(stub, width):
        levels = [r.cells[j].text for r in header if r.cells[j].text]
        levels = [lv for k, lv in enumerate(levels) if lv not in levels[:k]]
        leaf = header[-1].cells[j] if header[-1].cells[j].text else top.cells[j]
        columns.append(TableColumn(label=levels[-1] if levels else "", path=levels,
                                   unit=unit_of_label(levels[-1]) if levels else "", printed=leaf.printed))
    return columns, stub_headers


def apply_header_readings(table: StatTable, rules: list, used: set[str]) -> None:
    """Header cells the OCR damaged (vertical text that kept only some glyphs): the
    profile's ``table_headers.csv`` gives each printed cell its probable label and unit,
    and a note that flags the table. The cells of one note belong to one table: all of
    them must be found together."""
    groups: dict[str, list] = {}
    for rule in rules:
        groups.setdefault(rule["note"], []).append(rule)
    for note, group in groups.items():
        readings = {r["printed"]: r for r in group}
        hits = [c for c in table.columns if c.label in readings]
        if not hits:
            continue
        if len(hits) != len(readings):
            raise ValueError(f"the damaged header cells {sorted(readings)} are not all in this table")
        for c in hits:
            rule = readings[c.label]
            used.add(rule.origin)
            c.label = rule["label"]
            c.path = [c.label]
            c.unit = rule["unit"]
        table.needs_review = True
        table.review_note = note


def apply_table_notes(table: StatTable, rules: list, used: set[str]) -> None:
    """Tables the profile flags for review (``table_notes.csv``): a column label and the
    condition (``no_unit``: the column prints no unit) under which the note applies."""
    for rule in rules:
        if any(c.label == rule["column"] and (rule["when"] != "no_unit" or not c.unit) for c in table.columns):
            used.add(rule.origin)
            table.needs_review = True
            table.review_note = rule["note"]


def assign_units_from_unit_line(table: StatTable) -> None:
    """``单位: 亿元、%`` lists one unit per value column (表1); ``单位: %`` covers all (表2)."""
    if not table.unit:
        return
    units = table.unit.split("、")
    if len(units) == len(table.columns):
        for c, u in zip(table.columns, units):
            c.unit = c.unit or u
    elif len(units) == 1:
        for c in table.columns:
            c.unit = c.unit or units[0]


def assign_percent_units(table: StatTable) -> None:
    """A column whose numbers are all printed with % (报销比例 90%) is in %."""
    for j, col in enumerate(table.columns):
        printed = [r.printed[j] for r in table.rows if is_number(compact(r.printed[j]))]
        if not col.unit and printed and all(p.endswith("%") for p in printed):
            col.unit = "%"


def join_merged_text_column(table: StatTable) -> None:
    """One merged cell printed over several rows of a numeric table (在一个结算年 / 度内取 /
    消起付金线): a value column whose every row holds text is such a cell. It becomes ONE
    cell in the first row (the joined text, printed as joined) with a CellSpan over the
    rows; the covered cells hold None and an empty printed text."""
    rows = table.rows
    for j in range(len(table.columns)):
        cells = [r.values[j] for r in rows]
        if len(cells) >= 2 and all(isinstance(v, str) for v in cells):
            first = rows[0]
            first.values[j] = "".join(cells)
            first.printed[j] = "".join(compact(r.printed[j]) for r in rows)
            first.spans.append(CellSpan(column=j, rowspan=len(rows), lines=[r.source_line for r in rows]))
            for r in rows[1:]:
                r.values[j], r.printed[j] = None, ""


def build_rows(table: StatTable, data: list[GridRow], stub: int, stub_headers: list[str],
               width: int, path: str) -> None:
    unit_col = stub_headers.index("单位") if "单位" in stub_headers else None
    label_cols = [j for j in range(stub) if j != unit_col]
    if len(label_cols) > 2:
        raise ParseError(f"{len(label_cols)} label columns", path, data[0].line)
    group_col = label_cols[0] if len(label_cols) == 2 else None
    label_col = label_cols[-1]
    table.label_header = "".join(stub_headers[j] for j in label_cols)  # 项⇥目 → 项目

    rows: list[TableRow] = []
    groups: list[str | None] = []
    for g in data:
        pad(g, width)
        if len(g.cells) > width:
            raise ParseError("row wider than the header", path, g.line)
        label_cell = g.cells[label_col]
        value_cells = g.cells[stub:]
        no_values = not any(c.text for c in value_cells)
        if no_values and rows and rows[-1].label.count("(") > rows[-1].label.count(")"):
            # 统筹支付金额(住院、 / 特诊、门诊统筹)(万元): the label wraps, the value is on its first line
            prev = rows[-1]
            prev.label += label_cell.text
            prev.label_printed += label_cell.printed
            prev.unit = prev.unit or unit_of_label(prev.label)
            prev.source_line_end = g.line
            continue
        row = TableRow(
            label=label_cell.text, label_printed=label_cell.printed,
            values=[cell_value(c.text) for c in value_cells],
            printed=[c.printed for c in value_cells],
            unit=g.cells[unit_col].text if unit_col is not None else unit_of_label(label_cell.text),
            order=len(rows) + 1, source_line=g.line, source_line_end=g.line,
        )
        rows.append(row)
        groups.append(g.cells[group_col].text or None if group_col is not None else None)
    table.rows = rows
    if group_col is not None:
        assign_rowspan_groups(rows, groups, path)
    else:
        assign_printed_groups(rows)


def assign_rowspan_groups(rows: list[TableRow], groups: list[str | None], path: str) -> None:
    """Rowspan column: 医疗救助 / 资助参保 are on the first row of their block; the
    transposed table's only group (城乡居民) sits on its middle row and spans all."""
    labels = [g for g in groups if g]
    if len(labels) == 1:
        for r in rows:
            r.parent = labels[0]
        return
    if not groups[0]:
        raise ParseError("rowspan group without a label on its first row", path, rows[0].source_line)
    current = None
    for r, g in zip(rows, groups):
        current = g or current
        r.parent = current


def assign_printed_groups(rows: list[TableRow]) -> None:
    """Row hierarchy shown by the print: a row without values is a group heading
    (按经营地分) over the rows below it; ``其中:`` makes the row and the rows after it
    parts of the row above (表2 食品烟酒 … under 居民消费价格)."""
    group = None
    for k, r in enumerate(rows):
        if r.label.startswith("其中:"):
            r.label = r.label[len("其中:"):]
            group = rows[k - 1].label if k else None
            r.parent = group
        elif all(v is None for v in r.values):
            group = r.label
        else:
            r.parent = group


def apply_row_parents(rows: list[TableRow], rules: list, used: set[str]) -> None:
    """A row printed outside the row it is part of (profile ``row_parents.csv``): the rule
    names the row, its parent, and the check that proves it (``sum_of`` = ``total`` on the
    first value column: 城镇 + 乡村 = 社会消费品零售额, so 城区 belongs to 城镇)."""
    by = {r.label: r for r in rows}
    for rule in rules:
        parts = rule["sum_of"].split("|") if rule["sum_of"] else []
        if not {rule["row"], rule["parent"], *parts, *([rule["total"]] if rule["total"] else [])} <= by.keys():
            continue
        used.add(rule.origin)
        if parts:
            values = [by[k].values[0] for k in parts]
            total, row, parent = by[rule["total"]].values[0], by[rule["row"]].values[0], by[rule["parent"]].values[0]
            if any(not isinstance(v, Decimal) for v in (*values, total, row, parent)) \
                    or sum(values) != total or not row < parent:
                raise ValueError(f"{' + '.join(parts)} no longer adds up to {rule['total']}")
        by[rule["row"]].parent = rule["parent"]


def build_table(raw: RawTable, source: SourceText, order: int, used: set[str] | None = None) -> StatTable:
    """A table from its grid; ParseError when it cannot be read (the caller makes that a
    review item)."""
    path = source.path
    used = set() if used is None else used
    profile = source.profile
    rows = drop_leading_junk_rows(raw.rows)
    header, data = split_header(raw, rows, path)
    if len(header) > 2:
        raise ParseError(f"table {raw.title!r}: {len(header)} header rows", path, header[0].line)
    clear_junk_header_cells(header)
    if len(header) == 2:
        repair_span_header_fragment(header[0])
        clear_garbled_rowspan_copy(header[0], header[1])
    width = max(len(r.cells) for r in header + data)
    right_align_short_header(header, width)
    stub = stub_width(data, path)
    columns, stub_headers = build_columns(header, stub, width)
    table = StatTable(
        source_line=raw.title_line, source_line_end=raw.rows[-1].line,
        number=raw.number, title=raw.title, unit=raw.unit_line, section=raw.section,
        columns=columns, order=order,
    )
    try:
        apply_header_readings(table, profile.rows("table_headers.csv", ("printed", "label", "unit", "note")), used)
        build_rows(table, data, stub, stub_headers, width, path)
        apply_row_parents(table.rows, profile.rows("row_parents.csv", ("row", "parent", "sum_of", "total")), used)
        join_merged_text_column(table)
    except ValueError as exc:
        raise ParseError(f"table {raw.title!r}: {exc}", path, raw.title_line) from exc
    assign_units_from_unit_line(table)
    assign_percent_units(table)
    apply_table_notes(table, profile.rows("table_notes.csv", ("column", "when", "note")), used)
    if any(not c.label for c in table.columns):
        raise ParseError(f"table {raw.title!r} has a column without header", path, raw.title_line)
    return table


# ---------------------------------------------------------------------------
# The bulletin's chapters
# ---------------------------------------------------------------------------

def _is_prose(line: Line) -> bool:
    text = compact(line.text)
    return "\t" not in line.text and not BULLETIN_TITLE_RE.match(text) and not UNIT_LINE_RE.match(text)


def paragraphs(lines: list[Line]) -> list[tuple[int, str]]:
    """Prose paragraphs (first line, text); a line that does not end a sentence
    continues on the next prose line (``增加 0.04`` + ``万亩。``)."""
    out: list[tuple[int, str]] = []
    open_par = False
    for line in lines:
        if not _is_prose(line):
            continue
        text = line.text.strip()
        if open_par:
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line.number, text))
        open_par = not text.endswith(SENTENCE_END)
    return [(n, tidy(t)) for n, t in out]


def parse_bulletin(source: SourceText, seg: Segment, tables: list[StatTable]) -> list[BulletinChapter]:
    lines = list(source.lines(seg.start, seg.end))
    path = source.path
    if not lines or not compact(lines[0].text).endswith("统计公报"):
        raise ParseError("the bulletin title is missing", path, seg.start)
    bulletin_title = compact(lines[0].text)
    m = AUTHOR_RE.match(compact(lines[1].text))
    if not m:
        raise ParseError("the bulletin's author/date line is missing", path, lines[1].number)
    author, issued = m.group(1), YearMonth(int(m.group(2)), int(m.group(3)))

    heads = [(k, CHAPTER_RE.match(compact(ln.text))) for k, ln in enumerate(lines) if "\t" not in ln.text]
    heads = [(k, mm) for k, mm in heads if mm]
    notes_at = next((k for k, ln in enumerate(lines) if compact(ln.text).startswith("注:")), None)
    if notes_at is None:
        raise ParseError("the bulletin's notes (注:) are missing", path, seg.end)
    numbers = [chinese_number(mm.group(1)) for _, mm in heads]
    expected = source.profile.get("bulletin.chapters")
    if not numbers or numbers != list(range(1, len(numbers) + 1)) or (expected and len(numbers) != expected):
        raise ParseError(f"bulletin chapters are not 1…{expected or 'n'} in order: {numbers}", path,
                         lines[heads[0][0]].number if heads else seg.start)

    chapters = []
    for i, (k, mm) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else notes_at
        body = lines[k + 1:end]
        chapter = BulletinChapter(
            source_line=lines[k].number, source_line_end=body[-1].number if body else lines[k].number,
            number=numbers[i], title=mm.group(2),
            text="\n".join(t for _, t in paragraphs(body)),
        )
        for t in tables:
            if chapter.source_line < t.source_line <= chapter.source_line_end:
                t.chapter = chapter.number
                chapter.tables.append(t.number)
        chapters.append(chapter)

    head = chapters[0]
    head.bulletin_title, head.author, head.issued = bulletin_title, author, issued
    head.intro = "\n".join(t for _, t in paragraphs(lines[2:heads[0][0]]))
    last = chapters[-1]
    last.notes, last.notes_line = parse_notes(lines[notes_at:], path), lines[notes_at].number
    return chapters


def parse_notes(lines: list[Line], path: str) -> list[str]:
    """注: 1. … n.; a note may be printed ``5.2020 年…``: number 5, text ``2020年…``."""
    notes = []
    for n, text in paragraphs(lines):
        m = NOTE_RE.match(text)
        if not m or int(m.group(1)) != len(notes) + 1:
            raise ParseError(f"note {len(notes) + 1} expected, got {text[:20]!r}", path, n)
        notes.append(m.group(2))
    return notes


# ---------------------------------------------------------------------------

def parse_tables(source: SourceText, segments: list[Segment]) -> tuple[list[StatTable], list[BulletinChapter]]:
    """The tables inside ordinary sections (those with tab rows), then the bulletin's, and the
    bulletin's chapters. A table or a bulletin that cannot be read is a review item."""
    raws: list[RawTable] = []
    bulletin_segs = [s for s in segments if s.outline.kind == "tables"]
    for seg in segments:
        if seg.outline.kind == "sections" and any("\t" in line.text for line in source.lines(seg.start, seg.end)):
            raws += find_section_tables(source, seg)
        elif seg.outline.kind == "tables":
            raws += find_bulletin_tables(source, seg)
    tables, used = [], set()
    for raw in raws:
        try:
            tables.append(build_table(raw, source, len(tables) + 1, used))
        except ParseError as exc:
            source.review.problem("table", f"表格「{raw.number or raw.title}」无法读出，未读入：{exc.message}",
                                  exc.line or raw.title_line, printed=raw.title, error=exc.message)
    _report_unused_rules(source, used)
    chapters: list[BulletinChapter] = []
    if len(bulletin_segs) == 1:
        names = {s.name for s in bulletin_segs}
        try:
            chapters = parse_bulletin(source, bulletin_segs[0], [t for t in tables if t.section in names])
        except ParseError as exc:
            source.review.problem("bulletin", f"统计公报无法读出，未读入：{exc.message}", exc.line,
                                  error=exc.message)
    return tables, chapters


def _report_unused_rules(source: SourceText, used: set[str]) -> None:
    for name in ("table_headers.csv", "table_notes.csv", "row_parents.csv"):
        for rule in source.profile.rows(name):
            if rule.origin not in used:
                what = rule["printed"] or rule["column"] or rule["row"]
                source.review.problem("profile-rule", f"配置规则（{rule.origin}）：表格中未找到「{what}」，未应用", None,
                                      printed=what, error=f"table rule {rule.origin} found nothing: {what}")
