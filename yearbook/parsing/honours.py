"""Stage: the two honours tables of 先进模范 (GUIDE §5 cases 7, 8 and 9).

Both tables are tab-separated grids printed over three pages each; every page
repeats the header. Cells are read from the corrected text (the corrections file
removes the garbled duplicate cells that still contain Han characters; cells with
no Han character at all are OCR junk and are dropped here).

* 先进集体 (unit | award | date | awarding bodies): one line per award. Rowspans
  leave the unit cell empty, and the label of a merged block can sit on its first,
  second or middle row, so simple carry-down is wrong: every block is a named rule
  (ROWSPANS) that checks the rows it covers.
* 先进个人, page 1: one line per award; two lines have the name and gender fused in
  one cell (the row is one cell short), and rows with no name are further awards of
  the person above.
* 先进个人, page 2: one record is spread over 2–3 lines, with junk lines and cells
  that spill into the neighbouring record. Each column is read on its own and its
  fragments are given to the nearest name line (see ``_read_multiline_page``).
* 先进个人, page 3: the name column is printed as two cells (姓 | 名) and the middle
  glyph of three-character names was cut in two (HALF_GLYPH_NAMES).

Awarding bodies are several per cell, separated by spaces that also occur inside a
wrapped name (``甘肃省人力资源`` + ``和社会保障厅``); ``split_bodies`` decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import Honour, YearMonth
from .segment import Segment
from .source import ParseError, SourceText, has_han
from .text import compact, tidy

TITLE_MARK = "年度获得地(厅)级以上表彰奖励"
HEADER_WORDS = {"单位", "単位", "获奖名称", "获奖时间", "授奖单位", "姓名", "姓", "名", "性别",
                "工作单位", "获奖"}
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月$")          # on compacted text
HANGUL_RE = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
GENDERS = {"男": "M", "女": "F"}
NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")          # on compacted text

# An awarding body starts with one of these when it follows a complete body.
BODY_PREFIXES = ("甘肃省", "中共", "中央", "国家", "国务院", "全国", "金昌", "共青团", "空军", "中国",
                 "最高", "公安部", "司法部", "水利部", "农业农村部", "文化和旅游部", "退役军人事务部")
# A prefix that is not a body by itself although it ends like one (共青团 + 甘肃省委员会).
INCOMPLETE_ALONE = {"共青团"}
BODY_END_RE = re.compile(r"(厅|局|部|委|会|室|团|院|心|组|联|办|队|区|府|站|所|基地|\))$")
_PREFIX_ALT = "|".join(BODY_PREFIXES)
# Two bodies printed with no space between them (甘肃省农业农村厅甘肃省卫生健康).
FUSED_BODIES_RE = re.compile(rf"(?<=[厅局部委会室团院心组联办])(?=(?:{_PREFIX_ALT}))")

# A work unit or collective ends like an organisation; an award fragment does not.
UNIT_END_RE = re.compile(r"(局|所|院|站|中心|社区|街道|村|学校|小学|中学|分局|大队|政府|办事处|委员会|"
                         r"工商联|工会|法院|检察院|卫生院|学)$")
# An award fragment that ends like this is complete; otherwise the next one continues it.
AWARD_END_RE = re.compile(r"(奖|个人|者|法官|医师|称号|荣誉|能手|带头人|青年|集体|单位|第二名)$")
RANK_RE = re.compile(r"^[一二三]等奖")                    # 二等奖 on its own line continues 丰收奖

# -- 先进集体 rowspans (GUIDE §5 case 7) -----------------------------------------


@dataclass(frozen=True)
class Rowspan:
    """A merged unit cell: the label row and how many empty-unit rows above/below it share it."""
    label: str
    above: int
    below: int
    why: str


ROWSPANS = (
    Rowspan("金川区金川路街道", 0, 1,
            "label on the first row; 4143 says the 街道 was named 全省未成年人思想道德建设先进集体"),
    Rowspan("金川区", 1, 4,
            "label on the second row: 荣耀金川 (164–172) lists 2019年禁毒工作先进单位, the ETC, "
            "慢性病, 四好农村路 and 安置帮教 titles as the district's"),
    Rowspan("金川区双湾镇陈家沟村", 1, 0,
            "label on the second row, at the top of page 2; chronicle 1218 陈家沟村 国家森林乡村"),
    Rowspan("金川区宁远堡镇龙景村", 1, 1,
            "label in the middle; both neighbours are 乡村旅游 village awards (2051 龙景村入选全国乡村旅游重点村)"),
    Rowspan("金昌市第七中学", 1, 0, "label on the second row; 智慧教育标杆校 is a school's award"),
    Rowspan("金川区新华路街道昌丰里社区", 0, 2,
            "label on the first row; 4405 held a garbled copy of it (removed by the corrections file)"),
)

# 4385: the unit cell was OCR'd as Hangul. Best reading (GUIDE §5 case 7): the same
# village as the next row's label, 宁远堡镇新安村, which the OCR printed only once.
UNREADABLE_UNIT = {
    "award": "2019年度甘肃省卫生村",
    "next_label": "金川区宁远堡镇新安村",
    "note": "unit cell unreadable (OCR gave Hangul: {printed!r}); best reading 金川区宁远堡镇新安村, "
            "the label of the next row, taken as a rowspan over both rows",
}

# -- 先进个人 page 3: names cut through the middle glyph (GUIDE §5 case 9) -------

HALF_GLYPH_NAMES = {
    ("刘明", "月星"): ("刘明星", "明 cut into 日|月", False),
    ("赵札", "又德"): ("赵权德", "权 cut into 木|又, read 札|又", False),
    ("李丝", "I星"): ("李红星", "红 cut into 纟|工, read 丝|I; roster 4322 李红星(女), 桂林路街道", True),
    ("杜朋", "鳴淑"): ("杜鹏淑", "鹏 cut into 朋|鸟, read 朋|鳴", False),
    ("杨明", "尧萍"): ("杨晓萍", "晓 cut into 日|尧, read 明|尧", False),
    ("王雅", "註琴"): ("王雅琴", "middle glyph read 雅|註; 雅 is the likeliest whole glyph, not certain", False),
}
# Halves that give no sure glyph: the raw cells are kept as the recipient.
UNREADABLE_NAME_HINTS = {
    ("董尹", "干荣"): "perhaps 董群荣 (群 = 君|羊)",
    ("曹湉", "军泽"): "perhaps 曹辉泽 or 曹晖泽 (right half 军)",
}

# -- 先进个人 page 2: fixes that check their content (GUIDE §5 case 8) ----------

# The first body of this cell closes the list of the record above: the OCR fused the
# last line of 崔平直's body cell with the first line of 许国斌's (no space between).
# 崔平直's 丰收奖 is awarded by 人社厅 + 农业农村厅, as on 4394 and 4460–4462.
STRADDLING_BODY_CELLS = {"甘肃省农业农村厅甘肃省卫生健康": "崔平直"}
# The reverse: the body that starts in the second half of this fused cell opens the body
# cell of the record BELOW. 4501 fuses 郭桃桃's last body line (中共甘肃省委讲师团) with the
# first line of 程光's cell, which flows 甘肃省人力资源和社 / 会保障厅 甘肃省高 / 级人民法院
# (4501–4503, centred on his line 4502). The break 甘肃省高|级人民法院 proves one flowing cell:
# 甘肃省高级人民法院 alone fits on one line of that column. 郭桃桃's body cell has two lines
# (宣传部 4499, 讲师团 4501), level with her two award lines.
BODY_OPENS_NEXT_RECORD = {"中共甘肃省委讲师团甘肃省人力资源和社": "程光"}
# 4490–4491: the end of the unit 金昌市生态环境局金川分局 (roster 2757) slid into the award cell.
UNIT_TAIL_IN_AWARD = ("金川分局", "金昌市生态环境局")


# ---------------------------------------------------------------------------
# Reading the grid
# ---------------------------------------------------------------------------

@dataclass
class Row:
    line: int
    cells: list[str]     # stripped cell text after corrections (OCR spaces kept)
    printed: str         # the printed line

    def printed_cells(self) -> str:
        cells = [c.strip() for c in self.printed.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        return " | ".join(cells)


@dataclass
class Page:
    number: int
    header: list[str]
    rows: list[Row] = field(default_factory=list)


def _is_header(cells: list[str]) -> bool:
    """Every filled cell is a header word or words (``姓 名``, ``単 位``, ``获奖名称 获奖``)."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(
        compact(c) in HEADER_WORDS or all(w in HEADER_WORDS for w in c.split()) for c in filled)


def _is_garbled_title(cells: list[str]) -> bool:
    """4360 / 4440: a second, garbled OCR of the table title (``2020 千度纵舟地(7), …``)."""
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and filled[0].startswith("2020") and "(" in filled[0] and \
        not DATE_RE.match(compact(filled[0]))


def _read_pages(source: SourceText, segment: Segment) -> list[Page]:
    """The table's data rows, page by page (a header starts a page; a split header is one)."""
    pages: list[Page] = []
    title_seen = False
    previous_was_header = False
    for line in source.lines(segment.start, segment.end):
        if "\t" not in line.text:
            if TITLE_MARK in compact(line.text) and not title_seen:
                title_seen = True
                continue
            raise ParseError(f"unexpected line in the {segment.name} table: {line.text!r}",
                             source.path, line.number)
        cells = [c.strip() for c in line.text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if _is_garbled_title(cells):
            continue
        if _is_header(cells):
            if not previous_was_header:
                pages.append(Page(len(pages) + 1, cells))
            previous_was_header = True
            continue
        previous_was_header = False
        if not pages:
            raise ParseError("table row before the first header", source.path, line.number)
        pages[-1].rows.append(Row(line.number, cells, line.printed))
    if not title_seen or not pages:
        raise ParseError(f"{segment.name}: no table found", source.path, segment.start)
    return pages


def _date(text: str, source: SourceText, line: int) -> YearMonth:
    m = DATE_RE.match(compact(text))
    if not m:
        raise ParseError(f"honours: {text!r} is not a date (年 月)", source.path, line)
    return YearMonth(int(m.group(1)), int(m.group(2)))


def is_junk(text: str) -> bool:
    """OCR junk cell: no Han character and not a date (``_{EE}``, ``A that``, ``2020 - 371``)."""
    return bool(text.strip()) and not has_han(text)


def split_bodies(fragments: list[str]) -> list[str]:
    """Awarding bodies from the fragments of a cell (or of a column), in order.

    A fragment starts a new body only when the body before it is complete (ends like an
    organisation) and the fragment starts like one (甘肃省…, 中共…); otherwise it is the
    rest of a wrapped name: ``甘肃省人力资源`` + ``和社会保障厅``, ``共青团甘肃`` + ``省委``,
    ``中共甘肃省委宣传部等`` + ``14`` + ``家单位``.
    """
    bodies: list[str] = []
    for piece in (p for fragment in fragments for p in _body_pieces(fragment)):
        if bodies and not _starts_new_body(bodies[-1], piece):
            bodies[-1] += piece
        else:
            bodies.append(piece)
    return bodies


def _body_pieces(cell: str) -> list[str]:
    """The space-separated words of a body cell, with fused bodies cut apart."""
    return [p for word in cell.split() for p in FUSED_BODIES_RE.split(word) if p]


def _starts_new_body(previous: str, piece: str) -> bool:
    return (previous not in INCOMPLETE_ALONE and bool(BODY_END_RE.search(previous))
            and piece.startswith(BODY_PREFIXES)
            and previous.count("(") <= previous.count(")"))   # not inside 厅(…办公室)


# ---------------------------------------------------------------------------
# 先进集体
# ---------------------------------------------------------------------------

def parse_collective(source: SourceText, segment: Segment) -> list[Honour]:
    pages = _read_pages(source, segment)
    rows = [(page.number, row) for page in pages for row in page.rows]
    for _, row in rows:
        if len(row.cells) != 4:
            raise ParseError(f"先进集体 row has {len(row.cells)} cells, expected 4 "
                             "(unit, award, date, awarding bodies)", source.path, row.line)
    units: list[tuple[str, int] | None] = [(compact(r.cells[0]), r.line) if r.cells[0] else None
                                           for _, r in rows]
    notes = [""] * len(rows)
    _read_unreadable_unit(source, rows, units, notes)
    _apply_rowspans(source, rows, units)
    honours = []
    for i, (page, row) in enumerate(rows):
        unit = units[i]
        if unit is None:
            raise ParseError("先进集体 row with an empty unit cell that no rowspan rule covers",
                             source.path, row.line)
        unit_name, unit_line = unit
        honours.append(Honour(
            kind="collective", recipient=unit_name, award=tidy(row.cells[1]),
            date=_date(row.cells[2], source, row.line), awarded_by=split_bodies([row.cells[3]]),
            order=i + 1, source_line=row.line, source_line_end=row.line,
            printed_cells=row.printed_cells(), table_page=page, recipient_line=unit_line,
            needs_review=bool(notes[i]), review_note=notes[i]))
    return honours


def _read_unreadable_unit(source, rows, units, notes) -> None:
    """4385: a Hangul unit cell gets the next row's label (best reading, flagged)."""
    for i, (_, row) in enumerate(rows):
        if not HANGUL_RE.search(row.cells[0]):
            continue
        nxt = rows[i + 1][1] if i + 1 < len(rows) else None
        if compact(row.cells[1]) != UNREADABLE_UNIT["award"] or nxt is None or \
                compact(nxt.cells[0]) != UNREADABLE_UNIT["next_label"]:
            raise ParseError("unreadable (Hangul) unit cell where the rule does not expect one",
                             source.path, row.line)
        units[i] = (UNREADABLE_UNIT["next_label"], nxt.line)
        notes[i] = UNREADABLE_UNIT["note"].format(printed=row.cells[0])


def _apply_rowspans(source, rows, units) -> None:
    for span in ROWSPANS:
        hits = [i for i, u in enumerate(units) if u is not None and u[0] == span.label
                and u[1] == rows[i][1].line]
        # the label row is the one whose empty neighbours the rule names
        hits = [i for i in hits if _span_fits(rows, units, i, span)]
        if len(hits) != 1:
            raise ParseError(f"rowspan rule {span.label!r} (+{span.above} above, +{span.below} below) "
                             f"matches {len(hits)} rows", source.path, rows[0][1].line)
        i = hits[0]
        for j in range(i - span.above, i + span.below + 1):
            units[j] = units[i]


def _span_fits(rows, units, i, span: Rowspan) -> bool:
    lo, hi = i - span.above, i + span.below
    if lo < 0 or hi >= len(rows):
        return False
    if any(rows[j][0] != rows[i][0] for j in range(lo, hi + 1)):
        return False          # a rowspan does not cross a page
    return all(units[j] is None for j in range(lo, hi + 1) if j != i)


# ---------------------------------------------------------------------------
# 先进个人
# ---------------------------------------------------------------------------

@dataclass
class Person:
    name: str
    gender: str | None
    unit: str
    line: int
    note: str = ""


def parse_individual(source: SourceText, segment: Segment) -> list[Honour]:
    honours: list[Honour] = []
    for page in _read_pages(source, segment):
        split_name = page.header[:2] == ["姓", "名"]
        rows = [_normalise_row(source, row, split_name) for row in page.rows]
        if _is_multiline(rows):
            honours.extend(_read_multiline_page(source, page, rows))
        else:
            honours.extend(_read_single_line_page(source, page, rows))
    for i, h in enumerate(honours, start=1):
        h.order = i
    return honours


NAME, GENDER, UNIT, AWARD, DATE, BODY = range(6)


@dataclass
class PersonRow:
    line: int
    cells: list[str]          # NAME, GENDER, UNIT, AWARD, DATE, BODY
    row: Row
    note: str = ""


def _normalise_row(source: SourceText, row: Row, split_name: bool) -> PersonRow:
    """Six cells (name, gender, unit, award, date, bodies), junk dropped, layouts undone."""
    cells = ["" if is_junk(c) else c for c in row.cells]
    note = ""
    if split_name:
        if len(cells) != 7:
            raise ParseError(f"姓|名 row has {len(cells)} cells, expected 7", source.path, row.line)
        name, note = _join_name_halves(cells[0], cells[1])
        cells = [name] + cells[2:]
    elif len(cells) == 5 and _date_index(cells) == 3:
        # Page 1 (4443, 4444, 4446–4448): the name and gender columns were read as one
        # cell, so the row is one cell short. Split "李吉鹏 男" / "许秀女".
        name, gender, note = _split_fused_name_gender(cells[0])
        cells = [name, gender] + cells[1:]
    cells += [""] * (6 - len(cells))
    if len(cells) != 6:
        raise ParseError(f"先进个人 row has {len(cells)} cells, expected 6", source.path, row.line)
    return PersonRow(row.line, cells, row, note)


def _date_index(cells: list[str]) -> int | None:
    for i, c in enumerate(cells):
        if DATE_RE.match(compact(c)):
            return i
    return None


def _split_fused_name_gender(cell: str) -> tuple[str, str, str]:
    if not cell.strip():
        return "", "", ""                                  # a further award of the person above
    m = re.match(r"^(.*?)(\s*)([男女])$", cell.strip())
    if not m:
        raise ParseError(f"fused name+gender cell {cell!r} does not end in 男/女")
    name, space, gender = m.groups()
    note = "" if space else (
        f"name and gender printed as one cell {cell.strip()!r}: read as {compact(name)} + {gender} "
        f"(the row is one cell short, like 4443 李吉鹏 男); it could also be a three-character "
        f"name {compact(cell)} with the gender missing")
    return name, gender, note


def _join_name_halves(first: str, second: str) -> tuple[str, str]:
    """Page 3 prints 姓 | 名 as two cells; the middle glyph of 3-character names is cut."""
    a, b = compact(first), compact(second)
    if len(a) == 1 and len(b) == 1:
        return a + b, ""                                  # 李 | 兰: a clean two-character name
    if (a, b) in HALF_GLYPH_NAMES:
        name, why, confirmed = HALF_GLYPH_NAMES[(a, b)]
        note = "" if confirmed else f"name printed as two cut cells {a}|{b}; read {name} ({why})"
        return name, note
    if len(a) == 2 and len(b) == 2 and a[1] == b[0]:
        name = a + b[1]                                    # 杨美 | 美玲: a symmetric glyph read twice
        return name, f"name printed as two cut cells {a}|{b}; read {name} ({a[1]} read on both halves)"
    hint = UNREADABLE_NAME_HINTS.get((a, b), "")
    return f"{a}|{b}", ("name printed as two cells with the middle glyph cut through; no sure reading, "
                        f"the raw cells {a}|{b} are kept" + (f" ({hint})" if hint else ""))


def _is_multiline(rows: list[PersonRow]) -> bool:
    """Page 2: some name lines carry no date (the record is spread over 2–3 lines)."""
    return any(r.cells[NAME] and not r.cells[DATE] for r in rows)


def _gender(text: str, source: SourceText, line: int) -> str | None:
    text = compact(text)
    if not text:
        return None
    if text not in GENDERS:
        raise ParseError(f"gender cell {text!r} is neither 男 nor 女", source.path, line)
    return GENDERS[text]


# -- pages 1 and 3: one line per award ---------------------------------------

def _read_single_line_page(source: SourceText, page: Page, rows: list[PersonRow]) -> list[Honour]:
    honours: list[Honour] = []
    person: Person | None = None
    for r in rows:
        c = r.cells
        if not DATE_RE.match(compact(c[DATE])):
            raise ParseError(f"先进个人 row without a date: {r.row.printed!r}", source.path, r.line)
        notes = [r.note] if r.note else []
        if c[NAME]:
            person = Person(compact(c[NAME]), _gender(c[GENDER], source, r.line),
                            compact(c[UNIT]), r.line, r.note)
        elif person is None:
            raise ParseError("continuation row with no person above it", source.path, r.line)
        else:
            notes = [person.note] if person.note else []   # a further award of the person above
        award, bodies = tidy(c[AWARD]), split_bodies([c[BODY]])
        if _is_awarding_body(award):
            # 4444: the award cell holds an awarding body (column shift); the award name is lost.
            notes.append(f"award name missing: the award cell holds {award!r}, an awarding body "
                         "(column shift), kept as the first awarding body; it may instead belong "
                         f"to the row above ({person.name}'s previous award)")
            bodies = [compact(award)] + bodies
            award = ""
        honours.append(Honour(
            kind="individual", recipient=person.name, gender=person.gender,
            work_unit=compact(c[UNIT]) or person.unit, award=award,
            date=_date(c[DATE], source, r.line), awarded_by=bodies,
            source_line=r.line, source_line_end=r.line, printed_cells=r.row.printed_cells(),
            table_page=page.number, recipient_line=person.line,
            needs_review=bool(notes), review_note="; ".join(notes)))
    return honours


def _is_awarding_body(text: str) -> bool:
    t = compact(text)
    return t.startswith(BODY_PREFIXES) and t.endswith(("厅", "部")) and not re.search(r"奖|先进|称号", t)


# -- page 2: one record over 2–3 lines ----------------------------------------

@dataclass
class Fragment:
    line: int
    text: str


@dataclass
class Record:
    anchor: int                                   # the name line
    name: str
    fragments: dict[int, list[Fragment]] = field(default_factory=dict)
    bodies: list[str] = field(default_factory=list)   # awarding bodies, in order

    def column(self, col: int) -> list[Fragment]:
        return sorted(self.fragments.get(col, []), key=lambda f: f.line)

    def band(self) -> tuple[int, int]:
        lines = [f.line for col, fs in self.fragments.items() if col != BODY for f in fs] + [self.anchor]
        return min(lines), max(lines)


def _read_multiline_page(source: SourceText, page: Page, rows: list[PersonRow]) -> list[Honour]:
    """Read page 2 column by column.

    A record's cells are centred on its name line, but each column wraps differently,
    so a line can hold fragments of two records. Every column is read on its own:
    gender, unit and date fragments go to the nearest name line (a tie goes to the
    next one: cells sit above a name more often than below); award fragments are first
    joined into awards (a fragment that does not end like an award is continued by the
    next one, as is a bare 二等奖) and each award goes to the name line nearest its
    middle; awarding bodies are split across the whole column and each one goes to the
    record whose band of lines (name…date cells) holds its first line, or its last line,
    or else to the record above.
    """
    _fix_page2_cells(source, rows)
    records = [Record(r.line, compact(r.cells[NAME])) for r in rows if r.cells[NAME]]
    for r in rows:
        if r.cells[NAME] and not NAME_RE.match(compact(r.cells[NAME])):
            raise ParseError(f"name cell {r.cells[NAME]!r} is not a name", source.path, r.line)
    anchors = [rec.anchor for rec in records]
    for col in (GENDER, UNIT, DATE):
        for r in rows:
            for text in _column_fragments(r, col):
                _give(records, col, Fragment(r.line, text), _nearest(anchors, r.line))
    for award in _award_units(rows):
        middle = (award[0].line + award[-1].line) / 2
        owner = _nearest(anchors, middle)
        for f in award:
            _give(records, AWARD, f, owner)
    _assign_bodies(source, rows, records)
    return [_multiline_honour(source, page, rec, rows) for rec in records]


def _fix_page2_cells(source: SourceText, rows: list[PersonRow]) -> None:
    """Named repairs of page 2's cells; each checks the text it expects."""
    fired = {"unit tail in award": False}
    for i, r in enumerate(rows):
        c = r.cells
        # 4507, 4510: the gender was read into the unit cell (男 金川区农业农村局).
        m = re.match(r"^([男女])\s+(.+)$", c[UNIT])
        if m:
            if c[GENDER] and compact(c[GENDER]) != m.group(1):
                raise ParseError("gender fused into the unit cell disagrees with the gender cell",
                                 source.path, r.line)
            c[GENDER], c[UNIT] = m.group(1), m.group(2)
        # 4508: unit and award fused in the unit cell (金川区人民法院 全国法院人民法庭工作先进个人).
        parts = c[UNIT].split()
        if len(parts) == 2 and not c[AWARD] and UNIT_END_RE.search(parts[0]) \
                and AWARD_END_RE.search(parts[1]):
            c[UNIT], c[AWARD] = parts
        # 4509: an award line printed in the unit column of a line with no name.
        if c[UNIT] and not c[NAME] and not c[AWARD] and not UNIT_END_RE.search(compact(c[UNIT])):
            c[UNIT], c[AWARD] = "", c[UNIT]
        # 4490–4491: 金川分局, the end of the unit, slid into the award cell above the name line.
        tail, head = UNIT_TAIL_IN_AWARD
        if c[AWARD].startswith(tail):
            below = next((s for s in rows[i + 1:i + 3] if s.cells[UNIT]), None)
            if below is None or compact(below.cells[UNIT]) != head:
                raise ParseError(f"award cell starts with {tail} but no {head} unit follows",
                                 source.path, r.line)
            c[AWARD] = c[AWARD][len(tail):]
            below.cells[UNIT] = head + tail
            fired["unit tail in award"] = True
    for rule, done in fired.items():
        if not done:
            raise ParseError(f"page-2 rule {rule!r} found nothing to fix", source.path, rows[0].line)


def _column_fragments(r: PersonRow, col: int) -> list[str]:
    text = r.cells[col].strip()
    return [text] if text else []


def _nearest(anchors: list[int], position: float) -> int:
    """Index of the nearest anchor; a tie goes to the later one."""
    best = min(range(len(anchors)), key=lambda i: (abs(anchors[i] - position), -anchors[i]))
    return best


def _give(records: list[Record], col: int, fragment: Fragment, owner: int) -> None:
    records[owner].fragments.setdefault(col, []).append(fragment)


def _award_units(rows: list[PersonRow]) -> list[list[Fragment]]:
    units: list[list[Fragment]] = []
    for r in rows:
        text = r.cells[AWARD].strip()
        if not text:
            continue
        f = Fragment(r.line, text)
        if units and (not AWARD_END_RE.search(compact(units[-1][-1].text)) or RANK_RE.match(compact(text))):
            units[-1].append(f)
        else:
            units.append([f])
    return units


@dataclass
class Body:
    text: str
    lines: list[int]
    cell: str            # the (first) cell it came from, for the straddle rule


def _body_stream(rows: list[PersonRow]) -> list[Body]:
    """Every awarding body of the page's body column, with the lines it was printed on."""
    bodies: list[Body] = []
    for r in rows:
        cell = r.cells[BODY].strip()
        if not cell:
            continue
        for piece in _body_pieces(cell):
            if bodies and not _starts_new_body(bodies[-1].text, piece):
                bodies[-1].text += piece          # the rest of a wrapped name
                if r.line not in bodies[-1].lines:
                    bodies[-1].lines.append(r.line)
            else:
                bodies.append(Body(piece, [r.line], cell))
    return bodies


def _assign_bodies(source: SourceText, rows: list[PersonRow], records: list[Record]) -> None:
    bands = [rec.band() for rec in records]
    for i in range(1, len(bands)):
        if bands[i][0] <= bands[i - 1][1]:
            raise ParseError("page-2 records overlap", source.path, bands[i][0])

    def band_of(line: int) -> int | None:
        return next((k for k, (lo, hi) in enumerate(bands) if lo <= line <= hi), None)

    def above(line: int) -> int:
        k = max((k for k, (lo, hi) in enumerate(bands) if hi < line), default=None)
        if k is None:
            raise ParseError("awarding body above the first record", source.path, line)
        return k

    straddles_used = set()
    stream = _body_stream(rows)
    for body in stream:
        owner = band_of(body.lines[0])
        if owner is None:
            owner = band_of(body.lines[-1])
        if owner is None:
            owner = above(body.lines[0])
        straddle = STRADDLING_BODY_CELLS.get(compact(body.cell))
        if straddle and compact(body.cell).startswith(body.text) and body.lines[0] == body.lines[-1]:
            owner = next(k for k, rec in enumerate(records) if rec.name == straddle)
            if records[owner].anchor >= body.lines[0]:
                raise ParseError(f"straddling body cell: {straddle} is not above it", source.path, body.lines[0])
            straddles_used.add(compact(body.cell))
        opener = BODY_OPENS_NEXT_RECORD.get(compact(body.cell))
        if opener and not compact(body.cell).startswith(body.text):
            owner = next(k for k, rec in enumerate(records) if rec.name == opener)
            if not body.lines[0] < records[owner].anchor <= body.lines[-1]:
                raise ParseError(f"body {body.text!r} does not run into {opener}'s line", source.path,
                                 body.lines[0])
            straddles_used.add(compact(body.cell))
        for line in body.lines:
            _give(records, BODY, Fragment(line, body.text), owner)
        records[owner].bodies.append(body.text)
    missing = (set(STRADDLING_BODY_CELLS) | set(BODY_OPENS_NEXT_RECORD)) - straddles_used
    if missing:
        raise ParseError(f"straddling body cell rule found nothing: {sorted(missing)}", source.path, rows[0].line)


def _multiline_honour(source: SourceText, page: Page, rec: Record, rows: list[PersonRow]) -> Honour:
    def joined(col: int) -> str:
        return "".join(f.text for f in rec.column(col))

    dates = rec.column(DATE)
    if len(dates) != 1:
        raise ParseError(f"{rec.name}: {len(dates)} date cells", source.path, rec.anchor)
    genders = {compact(f.text) for f in rec.column(GENDER)}
    if len(genders) > 1:
        raise ParseError(f"{rec.name}: gender cells disagree {sorted(genders)}", source.path, rec.anchor)
    bodies = rec.bodies
    if not rec.column(UNIT) or not rec.column(AWARD) or not bodies:
        raise ParseError(f"{rec.name}: unit, award or awarding body missing", source.path, rec.anchor)
    lines = sorted({f.line for fs in rec.fragments.values() for f in fs} | {rec.anchor})
    first, last = lines[0], lines[-1]
    printed = " / ".join(r.row.printed_cells() for r in rows if first <= r.line <= last)
    gender = _gender(genders.pop(), source, rec.anchor) if genders else None
    return Honour(
        kind="individual", recipient=rec.name, gender=gender, work_unit=compact(joined(UNIT)),
        award=tidy("".join(f.text for f in rec.column(AWARD))), date=_date(dates[0].text, source, dates[0].line),
        awarded_by=[compact(b) for b in bodies], source_line=first, source_line_end=last,
        printed_cells=printed, table_page=page.number, recipient_line=rec.anchor,
        needs_review=gender is None,
        review_note="" if gender else "no readable gender cell")


# ---------------------------------------------------------------------------

def parse_honours(source: SourceText, segments: list[Segment]) -> list[Honour]:
    """Both tables: the 先进集体 segment, then the 先进个人 segment."""
    names = [s.name for s in segments]
    if names != ["先进集体", "先进个人"]:
        raise ParseError(f"honours expects the 先进集体 and 先进个人 segments, got {names}", source.path,
                         segments[0].start if segments else None)
    return parse_collective(source, segments[0]) + parse_individual(source, segments[1])
