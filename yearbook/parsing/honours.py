"""Stage: the two honours tables of 先进模范 (docs/source-guide.md §5 cases 7, 8 and 9).

Both tables are tab-separated grids printed over several pages; every page repeats
the header. Cells are read from the corrected text (the corrections remove the
garbled duplicate cells that still contain Han characters; cells with no Han
character at all are OCR junk and are dropped here). The outline says which
section holds which table (``variant`` collective / individual).

* collective (unit | award | date | awarding bodies): one line per award. Rowspans
  leave the unit cell empty, and the label of a merged block can sit on its first,
  second or middle row, so simple carry-down is wrong: every block is a rule of the
  profile (``rowspans.csv``) that checks the rows it covers; an unreadable unit cell
  is read by ``unreadable_units.csv``.
* individual, one line per award: rows with no name are further awards of the
  person above; a row one cell short has the name and gender fused in one cell.
* individual, one record over 2–3 lines (a page whose name lines carry no date):
  each column is read on its own and its fragments are given to the nearest name
  line (see ``_read_multiline_page``); cells fused across two records are the
  profile's ``honours_cells.csv``.
* individual, the name column printed as two cells (姓 | 名) with the middle glyph of
  three-character names cut in two: the profile's ``glyph_readings.csv``.

Awarding bodies are several per cell, separated by spaces that also occur inside a
wrapped name (``Z省人力资源`` + ``和社会保障厅``); ``split_bodies`` decides. A row
that cannot be read is kept with its printed cells and flagged, with a review item;
a strict parse refuses it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .profile import Profile, default_profile
from .records import Honour, YearMonth
from .segment import Segment
from .source import SourceText, has_han
from .text import compact, tidy

HEADER_WORDS = {"单位", "単位", "获奖名称", "获奖时间", "授奖单位", "姓名", "姓", "名", "性别",
                "工作单位", "获奖"}
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月$")          # on compacted text
HANGUL_RE = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
GENDERS = {"男": "M", "女": "F"}
NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")          # on compacted text

# An awarding body starts with one of these when it follows a complete body (the national
# ones; the profile adds its province and city: ``[honours] body_prefixes``).
NATIONAL_BODY_PREFIXES = ("中共", "中央", "国家", "国务院", "全国", "共青团", "空军", "中国",
                          "最高", "公安部", "司法部", "水利部", "农业农村部", "文化和旅游部", "退役军人事务部")
# A prefix that is not a body by itself although it ends like one (共青团 + Z省委员会).
INCOMPLETE_ALONE = {"共青团"}
BODY_END_RE = re.compile(r"(厅|局|部|委|会|室|团|院|心|组|联|办|队|区|府|站|所|基地|\))$")

# A work unit or collective ends like an organisation; an award fragment does not.
UNIT_END_RE = re.compile(r"(局|所|院|站|中心|社区|街道|村|学校|小学|中学|分局|大队|政府|办事处|委员会|"
                         r"工商联|工会|法院|检察院|卫生院|学)$")
# An award fragment that ends like this is complete; otherwise the next one continues it.
AWARD_END_RE = re.compile(r"(奖|个人|者|法官|医师|称号|荣誉|能手|带头人|青年|集体|单位|第二名)$")
RANK_RE = re.compile(r"^[一二三]等奖")                    # 二等奖 on its own line continues 丰收奖


@dataclass(frozen=True)
class Bodies:
    """How awarding bodies start, for one profile."""
    prefixes: tuple[str, ...]
    fused: re.Pattern     # two bodies printed with no space between them (…厅Z省…)


_BODIES: dict[int, Bodies] = {}


def _bodies(profile: Profile | None) -> Bodies:
    profile = profile or default_profile()
    if id(profile) not in _BODIES:
        prefixes = tuple(profile.get("honours.body_prefixes", []) or []) + NATIONAL_BODY_PREFIXES
        alt = "|".join(map(re.escape, prefixes))
        _BODIES[id(profile)] = Bodies(prefixes, re.compile(rf"(?<=[厅局部委会室团院心组联办])(?=(?:{alt}))"))
    return _BODIES[id(profile)]


@dataclass(frozen=True)
class Rowspan:
    """A merged unit cell: the label row and how many empty-unit rows above/below it share it."""
    label: str
    above: int
    below: int
    why: str
    origin: str = ""


def _rowspans(source: SourceText) -> list[Rowspan]:
    return [Rowspan(r["label"], int(r["above"] or 0), int(r["below"] or 0), r["why"], r.origin)
            for r in source.profile.rows("rowspans.csv", ("label", "above", "below"))]


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


def _is_garbled_title(cells: list[str], covers_year: int) -> bool:
    """A second, garbled OCR of the table title: one cell starting with the covered year, not a date."""
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and filled[0].startswith(str(covers_year)) and "(" in filled[0] and \
        not DATE_RE.match(compact(filled[0]))


def _read_pages(source: SourceText, segment: Segment) -> list[Page]:
    """The table's data rows, page by page (a header starts a page; a split header is one)."""
    pages: list[Page] = []
    title_mark = compact(source.profile.get("honours.title_mark", "") or "")
    title_seen = False
    previous_was_header = False
    for line in source.lines(segment.start, segment.end):
        if "\t" not in line.text:
            if title_mark and title_mark in compact(line.text) and not title_seen:
                title_seen = True
                continue
            source.review.problem("honours-line", f"「{segment.name}」表中有不是表格行的文字，未读入",
                                  line.number, printed=line.printed,
                                  error=f"unexpected line in the {segment.name} table: {line.text!r}")
            continue
        cells = [c.strip() for c in line.text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if _is_garbled_title(cells, source.covers_year):
            continue
        if _is_header(cells):
            if not previous_was_header:
                pages.append(Page(len(pages) + 1, cells))
            previous_was_header = True
            continue
        previous_was_header = False
        if not pages:
            source.review.problem("honours-line", f"「{segment.name}」表头之前的表格行未读入", line.number,
                                  printed=line.printed, error="table row before the first header")
            continue
        pages[-1].rows.append(Row(line.number, cells, line.printed))
    if not title_seen or not pages:
        source.review.problem("honours-line", f"「{segment.name}」中没有找到表格（表题与表头）", segment.start,
                              error=f"{segment.name}: no table found")
    return pages


def _date(text: str, source: SourceText, line: int) -> YearMonth | None:
    m = DATE_RE.match(compact(text))
    if not m:
        source.review.problem("honours-row", f"获奖时间「{text}」不是“某年某月”，未读入", line, printed=text,
                              error=f"honours: {text!r} is not a date (年 月)")
        return None
    return YearMonth(int(m.group(1)), int(m.group(2)))


def is_junk(text: str) -> bool:
    """OCR junk cell: no Han character (``_{EE}``, ``A that``, ``2020 - 371``)."""
    return bool(text.strip()) and not has_han(text)


def split_bodies(fragments: list[str], profile: Profile | None = None) -> list[str]:
    """Awarding bodies from the fragments of a cell (or of a column), in order.

    A fragment starts a new body only when the body before it is complete (ends like an
    organisation) and the fragment starts like one (Z省…, 中共…); otherwise it is the
    rest of a wrapped name: ``Z省人力资源`` + ``和社会保障厅``, ``共青团Z省`` + ``省委``,
    ``中共Z省委宣传部等`` + ``14`` + ``家单位``.
    """
    b = _bodies(profile)
    bodies: list[str] = []
    for piece in (p for fragment in fragments for p in _body_pieces(fragment, b)):
        if bodies and not _starts_new_body(bodies[-1], piece, b):
            bodies[-1] += piece
        else:
            bodies.append(piece)
    return bodies


def _body_pieces(cell: str, b: Bodies) -> list[str]:
    """The space-separated words of a body cell, with fused bodies cut apart."""
    return [p for word in cell.split() for p in b.fused.split(word) if p]


def _starts_new_body(previous: str, piece: str, b: Bodies) -> bool:
    return (previous not in INCOMPLETE_ALONE and bool(BODY_END_RE.search(previous))
            and piece.startswith(b.prefixes)
            and previous.count("(") <= previous.count(")"))   # not inside 厅(…办公室)


def _unreadable_row(source: SourceText, kind: str, page: int, row: Row, message: str, error: str,
                    recipient: str = "") -> Honour:
    """A row that cannot be read: kept with its printed cells, flagged, and a review item."""
    source.review.problem("honours-row", message, row.line, printed=row.printed_cells(), guess=recipient,
                          error=error)
    return Honour(kind=kind, recipient=recipient, source_line=row.line, source_line_end=row.line,
                  printed_cells=row.printed_cells(), table_page=page, recipient_line=row.line,
                  needs_review=True, review_note=f"无法读出的表格行，按原文保留：{row.printed_cells()}")


# ---------------------------------------------------------------------------
# Collective honours
# ---------------------------------------------------------------------------

def parse_collective(source: SourceText, segment: Segment) -> list[Honour]:
    pages = _read_pages(source, segment)
    rows = [(page.number, row) for page in pages for row in page.rows]
    bad = set()
    for k, (_, row) in enumerate(rows):
        if len(row.cells) != 4:
            bad.add(k)
    units: list[tuple[str, int] | None] = [(compact(r.cells[0]), r.line) if r.cells and r.cells[0] else None
                                           for _, r in rows]
    notes = [""] * len(rows)
    _read_unreadable_units(source, rows, units, notes, bad)
    _apply_rowspans(source, rows, units)
    honours = []
    for i, (page, row) in enumerate(rows):
        if i in bad:
            honours.append(_unreadable_row(
                source, "collective", page, row,
                f"先进集体表的这一行有 {len(row.cells)} 格（应为单位、获奖名称、获奖时间、授奖单位 4 格），按原文保留",
                f"先进集体 row has {len(row.cells)} cells, expected 4 (unit, award, date, awarding bodies)",
                recipient=units[i][0] if units[i] else ""))
            honours[-1].order = i + 1
            continue
        unit = units[i]
        note = notes[i]
        if unit is None:
            guess = next((units[j] for j in range(i - 1, -1, -1) if units[j] is not None
                          and rows[j][0] == page), None)
            source.review.problem(
                "honours-row", "先进集体表的单位格为空，且没有合并单元格规则覆盖这一行；暂按上一行的单位读入",
                row.line, printed=row.printed_cells(), guess=guess[0] if guess else "",
                error="先进集体 row with an empty unit cell that no rowspan rule covers")
            unit = guess or ("", row.line)
            note = "单位格为空，暂按上一行的单位读入"
        unit_name, unit_line = unit
        date = _date(row.cells[2], source, row.line)
        if date is None:
            note = "；".join(x for x in (note, f"获奖时间无法读出：{row.cells[2]}") if x)
        honours.append(Honour(
            kind="collective", recipient=unit_name, award=tidy(row.cells[1]),
            date=date, awarded_by=split_bodies([row.cells[3]], source.profile),
            order=i + 1, source_line=row.line, source_line_end=row.line,
            printed_cells=row.printed_cells(), table_page=page, recipient_line=unit_line,
            needs_review=bool(note), review_note=note))
    return honours


def _read_unreadable_units(source, rows, units, notes, bad) -> None:
    """A Hangul unit cell gets the reading of the profile's rule (``unreadable_units.csv``:
    the award of that row and the label of the next row, taken as a rowspan)."""
    rules = source.profile.rows("unreadable_units.csv", ("award", "next_label", "note"))
    for i, (_, row) in enumerate(rows):
        if i in bad or not HANGUL_RE.search(row.cells[0]):
            continue
        nxt = rows[i + 1][1] if i + 1 < len(rows) else None
        rule = next((r for r in rules if compact(row.cells[1]) == r["award"] and nxt is not None
                     and nxt.cells and compact(nxt.cells[0]) == r["next_label"]), None)
        if rule is None:
            source.review.problem(
                "honours-row", f"先进集体表的单位格无法识读（「{row.cells[0]}」），按原文保留", row.line,
                printed=row.printed_cells(), error="unreadable (Hangul) unit cell where the rule does not expect one")
            notes[i] = f"单位格无法识读：{row.cells[0]}"
            continue
        units[i] = (rule["next_label"], nxt.line)
        notes[i] = rule["note"].format(printed=row.cells[0])


def _apply_rowspans(source, rows, units) -> None:
    for span in _rowspans(source):
        hits = [i for i, u in enumerate(units) if u is not None and u[0] == span.label
                and u[1] == rows[i][1].line]
        # the label row is the one whose empty neighbours the rule names
        hits = [i for i in hits if _span_fits(rows, units, i, span)]
        if len(hits) != 1:
            source.review.problem(
                "profile-rule", f"配置规则（{span.origin}）：合并单元格「{span.label}」"
                f"（上 {span.above} 行、下 {span.below} 行）在表中对应 {len(hits)} 处，未应用",
                rows[0][1].line if rows else None, printed=span.label,
                error=f"rowspan rule {span.label!r} (+{span.above} above, +{span.below} below) matches {len(hits)} rows")
            continue
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
# Individual honours
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
    used: set[str] = set()
    for page in _read_pages(source, segment):
        split_name = page.header[:2] == ["姓", "名"]
        rows, unreadable = [], []
        for row in page.rows:
            r = _normalise_row(source, page, row, split_name)
            (rows if isinstance(r, PersonRow) else unreadable).append(r)
        if _is_multiline(rows):
            read = _read_multiline_page(source, page, rows, used)
        else:
            read = _read_single_line_page(source, page, rows)
        if unreadable:
            read = sorted(read + unreadable, key=lambda h: h.source_line)
        honours.extend(read)
    for i, h in enumerate(honours, start=1):
        h.order = i
    _report_unused_rules(source, used)
    return honours


def _report_unused_rules(source: SourceText, used: set[str]) -> None:
    expected = [(origin, cell, f"straddling body cell rule found nothing: {cell} ({origin})")
                for cell, (_, _, origin) in _cell_rules(source).items()]
    if source.profile.get("honours.unit_tail_in_award"):
        tail = "".join(source.profile.get("honours.unit_tail_in_award"))
        expected.append(("unit_tail_in_award", tail, "page-2 rule 'unit tail in award' found nothing to fix"))
    for origin, what, error in expected:
        if origin not in used:
            source.review.problem("profile-rule", f"配置规则（{origin}）：先进个人表中未找到「{what}」，未应用", None,
                                  printed=what, error=error)


NAME, GENDER, UNIT, AWARD, DATE, BODY = range(6)


@dataclass
class PersonRow:
    line: int
    cells: list[str]          # NAME, GENDER, UNIT, AWARD, DATE, BODY
    row: Row
    note: str = ""


def _normalise_row(source: SourceText, page: Page, row: Row, split_name: bool) -> PersonRow | Honour:
    """Six cells (name, gender, unit, award, date, bodies), junk dropped, layouts undone;
    an Honour kept as printed when the row cannot be read."""
    cells = ["" if is_junk(c) else c for c in row.cells]
    note = ""
    if split_name:
        if len(cells) != 7:
            return _unreadable_row(source, "individual", page.number, row,
                                   f"先进个人表（姓、名分两格）的这一行有 {len(cells)} 格（应为 7 格），按原文保留",
                                   f"姓|名 row has {len(cells)} cells, expected 7")
        name, note = _join_name_halves(source, cells[0], cells[1])
        cells = [name] + cells[2:]
    elif len(cells) == 5 and _date_index(cells) == 3:
        # The name and gender columns were read as one cell, so the row is one cell
        # short: split "李吉鹏 男" / "许秀女".
        fused = _split_fused_name_gender(cells[0])
        if fused is None:
            return _unreadable_row(source, "individual", page.number, row,
                                   f"「{cells[0]}」应是姓名和性别，但不以男、女结尾，按原文保留",
                                   f"fused name+gender cell {cells[0]!r} does not end in 男/女")
        name, gender, note = fused
        cells = [name, gender] + cells[1:]
    cells += [""] * (6 - len(cells))
    if len(cells) != 6:
        return _unreadable_row(source, "individual", page.number, row,
                               f"先进个人表的这一行有 {len(cells)} 格（应为 6 格），按原文保留",
                               f"先进个人 row has {len(cells)} cells, expected 6")
    return PersonRow(row.line, cells, row, note)


def _date_index(cells: list[str]) -> int | None:
    for i, c in enumerate(cells):
        if DATE_RE.match(compact(c)):
            return i
    return None


def _split_fused_name_gender(cell: str) -> tuple[str, str, str] | None:
    if not cell.strip():
        return "", "", ""                                  # a further award of the person above
    m = re.match(r"^(.*?)(\s*)([男女])$", cell.strip())
    if not m:
        return None
    name, space, gender = m.groups()
    note = "" if space else (
        f"姓名和性别印在同一格「{cell.strip()}」：读作{compact(name)}＋{gender}（这一行少一格，"
        f"与姓名、性别同格的情形相符）；也可能是三字姓名「{compact(cell)}」而性别空缺")
    return name, gender, note


def _join_name_halves(source: SourceText, first: str, second: str) -> tuple[str, str]:
    """The name printed as two cells (姓 | 名) with the middle glyph of 3-character names cut:
    the profile's ``glyph_readings.csv`` reads the cut pairs (an empty reading: no sure one)."""
    a, b = compact(first), compact(second)
    if len(a) == 1 and len(b) == 1:
        return a + b, ""                                  # 李 | 兰: a clean two-character name
    readings = {(r["first"], r["second"]): r
                for r in source.profile.rows("glyph_readings.csv", ("first", "second", "reading", "why"))}
    rule = readings.get((a, b))
    if rule is not None and rule["reading"]:
        name = rule["reading"]
        note = "" if rule["confirmed"] else f"姓名被切成两格「{a}|{b}」，读作{name}（{rule['why']}）"
        return name, note
    if len(a) == 2 and len(b) == 2 and a[1] == b[0]:
        name = a + b[1]                                    # 杨美 | 美玲: a symmetric glyph read twice
        return name, f"姓名被切成两格「{a}|{b}」，读作{name}（「{a[1]}」在两半各识一次）"
    hint = rule["why"] if rule is not None else ""
    return f"{a}|{b}", (f"姓名印成两格，中间的字被切开，无法确定读法，保留原印两格「{a}|{b}」"
                        + (f"（{hint}）" if hint else ""))


def _is_multiline(rows: list[PersonRow]) -> bool:
    """A page whose name lines carry no date: each record is spread over 2–3 lines."""
    return any(r.cells[NAME] and not r.cells[DATE] for r in rows)


def _gender(text: str, source: SourceText, line: int) -> str | None:
    text = compact(text)
    if not text:
        return None
    if text not in GENDERS:
        source.review.problem("honours-row", f"性别格「{text}」不是男或女，未读入", line, printed=text,
                              error=f"gender cell {text!r} is neither 男 nor 女")
        return None
    return GENDERS[text]


# -- one line per award ---------------------------------------------------------

def _read_single_line_page(source: SourceText, page: Page, rows: list[PersonRow]) -> list[Honour]:
    honours: list[Honour] = []
    person: Person | None = None
    for r in rows:
        c = r.cells
        if not DATE_RE.match(compact(c[DATE])):
            honours.append(_unreadable_row(source, "individual", page.number, r.row,
                                           "先进个人表的这一行没有获奖时间，按原文保留",
                                           f"先进个人 row without a date: {r.row.printed!r}",
                                           recipient=compact(c[NAME])))
            continue
        notes = [r.note] if r.note else []
        if c[NAME]:
            person = Person(compact(c[NAME]), _gender(c[GENDER], source, r.line),
                            compact(c[UNIT]), r.line, r.note)
        elif person is None:
            honours.append(_unreadable_row(source, "individual", page.number, r.row,
                                           "先进个人表的续行（无姓名）之前没有获奖人，按原文保留",
                                           "continuation row with no person above it"))
            continue
        else:
            notes = [person.note] if person.note else []   # a further award of the person above
        award, bodies = tidy(c[AWARD]), split_bodies([c[BODY]], source.profile)
        if _is_awarding_body(award, source.profile):
            # The award cell holds an awarding body (column shift); the award name is lost.
            notes.append(f"获奖名称缺失：获奖名称格中是授奖单位「{award}」（错栏），已作为第一个授奖单位；"
                         f"它也可能属于上一行（{person.name}的前一个奖项）")
            bodies = [compact(award)] + bodies
            award = ""
        honours.append(Honour(
            kind="individual", recipient=person.name, gender=person.gender,
            work_unit=compact(c[UNIT]) or person.unit, award=award,
            date=_date(c[DATE], source, r.line), awarded_by=bodies,
            source_line=r.line, source_line_end=r.line, printed_cells=r.row.printed_cells(),
            table_page=page.number, recipient_line=person.line,
            needs_review=bool(notes), review_note="；".join(notes)))
    return honours


def _is_awarding_body(text: str, profile: Profile) -> bool:
    t = compact(text)
    return t.startswith(_bodies(profile).prefixes) and t.endswith(("厅", "部")) and not re.search(r"奖|先进|称号", t)


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


def _read_multiline_page(source: SourceText, page: Page, rows: list[PersonRow], used: set[str]) -> list[Honour]:
    """Read a page whose records spread over 2–3 lines, column by column.

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
    _fix_multiline_cells(source, rows, used)
    records = []
    for r in rows:
        if not r.cells[NAME]:
            continue
        if not NAME_RE.match(compact(r.cells[NAME])):
            source.review.problem("honours-row", f"姓名格「{r.cells[NAME]}」不像人名，按原文读入", r.line,
                                  printed=r.row.printed_cells(), error=f"name cell {r.cells[NAME]!r} is not a name")
        records.append(Record(r.line, compact(r.cells[NAME])))
    if not records:
        return [_unreadable_row(source, "individual", page.number, r.row, "先进个人表的这一页没有姓名，按原文保留",
                                "page without a name line") for r in rows]
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
    _assign_bodies(source, rows, records, used)
    return [_multiline_honour(source, page, rec, rows) for rec in records]


def _fix_multiline_cells(source: SourceText, rows: list[PersonRow], used: set[str]) -> None:
    """Repairs of cells fused or shifted on a multi-line page; each checks the text it expects."""
    tail_rule = source.profile.get("honours.unit_tail_in_award")
    for i, r in enumerate(rows):
        c = r.cells
        # The gender was read into the unit cell (男 X区农业农村局).
        m = re.match(r"^([男女])\s+(.+)$", c[UNIT])
        if m:
            if c[GENDER] and compact(c[GENDER]) != m.group(1):
                source.review.problem("honours-row", f"单位格中的性别「{m.group(1)}」与性别格「{c[GENDER]}」不一致",
                                      r.line, printed=r.row.printed_cells(),
                                      error="gender fused into the unit cell disagrees with the gender cell")
            else:
                c[GENDER] = m.group(1)
            c[UNIT] = m.group(2)
        # Unit and award fused in the unit cell (X区人民法院 全国法院人民法庭工作先进个人).
        parts = c[UNIT].split()
        if len(parts) == 2 and not c[AWARD] and UNIT_END_RE.search(parts[0]) \
                and AWARD_END_RE.search(parts[1]):
            c[UNIT], c[AWARD] = parts
        # An award line printed in the unit column of a line with no name.
        if c[UNIT] and not c[NAME] and not c[AWARD] and not UNIT_END_RE.search(compact(c[UNIT])):
            c[UNIT], c[AWARD] = "", c[UNIT]
        # The end of a unit slid into the award cell above the name line (profile
        # ``unit_tail_in_award``: the tail, and the unit cell below it).
        if tail_rule:
            tail, head = tail_rule
            if c[AWARD].startswith(tail):
                below = next((s for s in rows[i + 1:i + 3] if s.cells[UNIT]), None)
                if below is None or compact(below.cells[UNIT]) != head:
                    source.review.problem(
                        "profile-rule",
                        f"配置规则（unit_tail_in_award）：获奖名称以「{tail}」开头，但下方单位不是「{head}」，未移动",
                        r.line, printed=r.row.printed_cells(),
                        error=f"award cell starts with {tail} but no {head} unit follows")
                    continue
                c[AWARD] = c[AWARD][len(tail):]
                below.cells[UNIT] = head + tail
                used.add("unit_tail_in_award")


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


def _body_stream(rows: list[PersonRow], b: Bodies) -> list[Body]:
    """Every awarding body of the page's body column, with the lines it was printed on."""
    bodies: list[Body] = []
    for r in rows:
        cell = r.cells[BODY].strip()
        if not cell:
            continue
        for piece in _body_pieces(cell, b):
            if bodies and not _starts_new_body(bodies[-1].text, piece, b):
                bodies[-1].text += piece          # the rest of a wrapped name
                if r.line not in bodies[-1].lines:
                    bodies[-1].lines.append(r.line)
            else:
                bodies.append(Body(piece, [r.line], cell))
    return bodies


def _cell_rules(source: SourceText) -> dict[str, tuple[str, str, str]]:
    """Body cells fused across two records (profile ``honours_cells.csv``): cell → (kind, person, origin).
    ``closes_above``: the cell's first body ends the body list of the person above;
    ``opens_below``: the body starting in its second half opens the list of the person below."""
    return {compact(r["cell"]): (r["kind"], r["person"], r.origin)
            for r in source.profile.rows("honours_cells.csv", ("kind", "cell", "person"))}


def _assign_bodies(source: SourceText, rows: list[PersonRow], records: list[Record], used: set[str]) -> None:
    bands = [rec.band() for rec in records]
    for i in range(1, len(bands)):
        if bands[i][0] <= bands[i - 1][1]:
            source.review.problem("honours-row", "先进个人表相邻两条记录的行相互交错，授奖单位的归属可能有误",
                                  bands[i][0], printed=records[i].name, error="page-2 records overlap")

    def band_of(line: int) -> int | None:
        return next((k for k, (lo, hi) in enumerate(bands) if lo <= line <= hi), None)

    def above(line: int) -> int:
        k = max((k for k, (lo, hi) in enumerate(bands) if hi < line), default=None)
        if k is None:
            source.review.problem("honours-row", "授奖单位在第一条记录之上，归入第一条记录", line,
                                  error="awarding body above the first record")
            return 0
        return k

    rules = _cell_rules(source)
    for body in _body_stream(rows, _bodies(source.profile)):
        owner = band_of(body.lines[0])
        if owner is None:
            owner = band_of(body.lines[-1])
        if owner is None:
            owner = above(body.lines[0])
        kind, person, origin = rules.get(compact(body.cell), ("", "", ""))
        first_part = compact(body.cell).startswith(body.text)
        if kind == "closes_above" and first_part and body.lines[0] == body.lines[-1]:
            k = next((k for k, rec in enumerate(records) if rec.name == person), None)
            if k is None or records[k].anchor >= body.lines[0]:
                source.review.problem("profile-rule", f"配置规则（{origin}）：「{person}」不在该单元格上方，未应用",
                                      body.lines[0], printed=body.cell,
                                      error=f"straddling body cell: {person} is not above it")
            else:
                owner = k
                used.add(origin)
        if kind == "opens_below" and not first_part:
            k = next((k for k, rec in enumerate(records) if rec.name == person), None)
            if k is None or not body.lines[0] < records[k].anchor <= body.lines[-1]:
                source.review.problem("profile-rule",
                                      f"配置规则（{origin}）：「{body.text}」没有延伸到「{person}」所在行，未应用",
                                      body.lines[0], printed=body.cell,
                                      error=f"body {body.text!r} does not run into {person}'s line")
            else:
                owner = k
                used.add(origin)
        for line in body.lines:
            _give(records, BODY, Fragment(line, body.text), owner)
        records[owner].bodies.append(body.text)


def _multiline_honour(source: SourceText, page: Page, rec: Record, rows: list[PersonRow]) -> Honour:
    def joined(col: int) -> str:
        return "".join(f.text for f in rec.column(col))

    notes = []
    dates = rec.column(DATE)
    if len(dates) != 1:
        source.review.problem("honours-row", f"「{rec.name}」有 {len(dates)} 个获奖时间格，"
                              + ("取第一个" if dates else "获奖时间空缺"), rec.anchor,
                              printed=" / ".join(f.text for f in dates), error=f"{rec.name}: {len(dates)} date cells")
        notes.append(f"获奖时间格 {len(dates)} 个")
    genders = {compact(f.text) for f in rec.column(GENDER)}
    if len(genders) > 1:
        source.review.problem("honours-row", f"「{rec.name}」的性别格互相矛盾（{'、'.join(sorted(genders))}），性别空缺",
                              rec.anchor, error=f"{rec.name}: gender cells disagree {sorted(genders)}")
        genders = set()
    bodies = rec.bodies
    if not rec.column(UNIT) or not rec.column(AWARD) or not bodies:
        source.review.problem("honours-row", f"「{rec.name}」缺少工作单位、获奖名称或授奖单位，按读出的部分保留",
                              rec.anchor, error=f"{rec.name}: unit, award or awarding body missing")
        notes.append("工作单位、获奖名称或授奖单位缺失")
    lines = sorted({f.line for fs in rec.fragments.values() for f in fs} | {rec.anchor})
    first, last = lines[0], lines[-1]
    printed = " / ".join(r.row.printed_cells() for r in rows if first <= r.line <= last)
    gender = _gender(genders.pop(), source, rec.anchor) if genders else None
    if gender is None:
        notes.insert(0, "没有可读的性别格")
    return Honour(
        kind="individual", recipient=rec.name, gender=gender, work_unit=compact(joined(UNIT)),
        award=tidy("".join(f.text for f in rec.column(AWARD))),
        date=_date(dates[0].text, source, dates[0].line) if dates else None,
        awarded_by=[compact(b) for b in bodies], source_line=first, source_line_end=last,
        printed_cells=printed, table_page=page.number, recipient_line=rec.anchor,
        needs_review=bool(notes), review_note="；".join(notes))


# ---------------------------------------------------------------------------

def parse_honours(source: SourceText, segments: list[Segment]) -> list[Honour]:
    """Both tables, in book order: the outline's ``variant`` says which section holds which."""
    honours: list[Honour] = []
    for seg in segments:
        if seg.outline.variant == "collective":
            honours += parse_collective(source, seg)
        elif seg.outline.variant == "individual":
            honours += parse_individual(source, seg)
        else:
            source.review.problem("profile-rule", f"分目「{seg.name}」是表彰表，但配置没有说明是集体还是个人（variant）",
                                  seg.heading_line, error=f"honours section {seg.name} has no variant")
    return honours
