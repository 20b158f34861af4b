"""Typed records produced by the parser (plain dataclasses, no Django).

Every record carries its provenance: ``source_line`` (first physical line, 1-based)
and ``source_line_end`` (last line). Whether a record's text was corrected, and
the printed text, are derived from the corrections that fall in that span.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class YearMonth:
    year: int
    month: int

    def __str__(self) -> str:  # export format: "YYYY-MM"
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class Provenance:
    source_line: int
    source_line_end: int | None = None
    page: int | None = None
    needs_review: bool = False
    review_note: str = ""


# -- front matter -----------------------------------------------------------

@dataclass
class BoardMember:
    """A member of the 编纂委员会 or 编辑部 listed in the front matter."""
    body: str            # the compiling committee (…地方志编纂委员会) or the editorial office (…编辑部)
    title: str           # 主任, 委员, 主编 …
    name: str
    order: int
    source_line: int


@dataclass
class HonoraryTitle:     # the book's list of the district's honorary titles
    name: str
    order: int
    source_line: int


@dataclass
class KeyFigure:         # the book's key figures
    indicator: str       # 地区生产总值
    value: Decimal | None
    unit: str            # 亿元
    change_pct: Decimal | None  # +9.2 for 增长 9.2%, -3.1 for 下降 3.1%
    text: str            # the sentence it was read from
    order: int
    source_line: int
    # A figure that is not one number (三次产业结构比 2.62:75.09:22.29): value None, printed form here.
    value_text: str = ""
    # A change that is not a percentage (粮食种植面积 比上年增加 2.3 万亩): +2.3 / 万亩; change_pct stays None.
    change_value: Decimal | None = None
    change_unit: str = ""


@dataclass
class EditionInfo:
    year: int
    covers_year: int
    title: str
    compiler: str = ""
    sponsor: str = ""
    publisher: str = ""
    isbn: str = ""
    cip_number: str = ""
    published: str = ""          # YYYY年M月第1版
    price: str = ""
    printing: str = ""           # 印次: YYYY年M月第1次
    printer: str = ""            # 印刷: 深圳市国际彩印有限公司
    editors_in_charge: list[str] = field(default_factory=list)
    board: list[BoardMember] = field(default_factory=list)
    honorary_titles: list[HonoraryTitle] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    editorial_notes: list[str] = field(default_factory=list)   # 编辑说明 items
    # readers' notes on records under review: {"<record kind>:<line>": note} (reader_notes.py)
    reader_notes: dict[str, str] = field(default_factory=dict)
    source_line: int = 1


# -- sections and entries ---------------------------------------------------

@dataclass
class Entry(Provenance):
    title: str = ""
    text: str = ""       # paragraphs joined with "\n"
    order: int = 0
    kind: str = "entry"  # "entry" (【】) or "report" (特载) or "overview"
    subheadings: list[str] = field(default_factory=list)  # internal headings of reports
    byline: str = ""     # 特载: date, occasion and speaker


@dataclass
class Section(Provenance):
    category: str = ""
    name: str = ""               # canonical name (共青团, 自然资源管理)
    heading: str = ""            # as printed (an OCR-damaged heading)
    order: int = 0               # order in the book, 1-based
    contributor: str = ""        # 供稿
    contributor_line: int | None = None
    entries: list[Entry] = field(default_factory=list)
    # What the section holds, as the outline says: sections / report / overview (entries),
    # chronicle, honours, tables, documents.
    kind: str = "sections"


# -- chronicle --------------------------------------------------------------

@dataclass
class ChronicleEvent(Provenance):
    date: dt.date | None = None      # first day (day precision) or first of month
    date_end: dt.date | None = None  # last day of a range, else None
    precision: str = "day"           # "day" or "month"
    text: str = ""
    order: int = 0
    marker: str = "date"             # "date", "delta" (Δ), "month" (是月)


# -- rosters ----------------------------------------------------------------

@dataclass
class RosterMember(Provenance):
    name: str = ""
    name_printed: str = ""   # as printed, with OCR padding (刘 燕)
    title: str = ""          # as printed, without padding (党组书记、局长)
    gender: str | None = None    # "F" when marked (女); the book does not mark men
    start: YearMonth | None = None
    end: YearMonth | None = None
    note: str = ""           # the parenthesised note, verbatim
    party: str = ""          # 民建 …
    ethnicity: str = ""      # 满 …
    seconded: bool = False   # 挂职 in the note, or a 挂职 / (挂) title
    order: int = 0
    gender_marked: bool = False  # 女 printed at this mention (False + "F": marked at another mention)
    tenure_scope: str = ""   # the title part start/end refer to (潘发辉: 党组成员); "" = whole title


@dataclass
class Roster(Provenance):
    organization: str = ""   # canonical agency name (区委办公室)
    heading: str = ""        # 区委办公室领导班子成员
    section: str = ""        # the section it closes
    body: str = ""           # sub-body for committee lists (法制委员会), else ""
    members: list[RosterMember] = field(default_factory=list)
    category: str = ""       # category of the section (tells the three 重要会议 apart)
    order: int = 0           # 1-based, book order


# -- honours ----------------------------------------------------------------

@dataclass
class Honour(Provenance):
    kind: str = "collective"     # "collective" or "individual"
    recipient: str = ""          # unit or person name
    gender: str | None = None    # individuals: "F" / "M" / None
    work_unit: str = ""          # individuals
    award: str = ""
    date: YearMonth | None = None
    awarded_by: list[str] = field(default_factory=list)
    order: int = 0
    printed_cells: str = ""      # raw cells, for the review of garbled rows
    table_page: int = 0          # printed page of its table (1–3), header to header
    recipient_line: int | None = None  # line holding the recipient label (rowspans: another row)
    # The agencies these printed names stand for (canonical names of Yearbook.organizations,
    # "" where none): a printed form may name an agency without being one of its names
    # (中共Z省委宣传部等14家单位 → 中共Z省委宣传部), so it is linked, not made an alias.
    awarded_by_orgs: list[str] = field(default_factory=list)   # one per awarded_by entry
    recipient_org: str = ""      # collective honours: the unit's agency
    work_unit_org: str = ""      # individual honours: the work unit's agency


# -- statistical tables -----------------------------------------------------

@dataclass
class TableColumn:
    """A value column; ``row.values[i]`` is the cell under ``columns[i]``.

    The stub (row-label) column is not a TableColumn: its header is
    ``StatTable.label_header``, a 单位 column goes to ``TableRow.unit``.
    """
    label: str               # leaf label without OCR spaces (当年发放养老金金额(万元), YYYY年)
    path: list[str] = field(default_factory=list)  # header levels, top first
    unit: str = ""
    printed: str = ""        # the leaf header cell as printed


@dataclass
class CellSpan:
    """A merged cell of a value column, printed over several rows (or columns).

    It starts in the row that holds it, at value column ``column`` (index into
    ``TableRow.values``), and covers ``rowspan`` rows from that one down and ``colspan``
    columns from that one right. Its value and its printed text are in that first cell
    only; every cell it covers holds ``None`` and an empty printed text. ``lines`` are the
    physical lines its text was printed on.
    """
    column: int
    rowspan: int = 1
    colspan: int = 1
    lines: list[int] = field(default_factory=list)


@dataclass
class TableRow:
    label: str
    parent: str | None = None    # label of the containing row or rowspan group (居民消费价格, 按经营地分, 医疗救助 …)
    values: list[Decimal | str | None] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)  # cell text as printed
    unit: str = ""
    order: int = 0
    source_line: int = 0
    label_printed: str = ""      # the label cell(s) as printed (其中: 食品烟酒)
    source_line_end: int = 0     # last line of the row (a label split over 2 lines)
    spans: list[CellSpan] = field(default_factory=list)  # merged cells that start in this row


@dataclass
class StatTable(Provenance):
    number: str = ""         # 表1 … or "" for the 人社/医保 tables
    title: str = ""
    unit: str = ""           # table-level unit as printed on a 单位: line (亿元、%), else ""
    section: str = ""
    columns: list[TableColumn] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    order: int = 0
    label_header: str = ""   # header of the stub column (年度, 指标, 项目 …)
    chapter: int | None = None  # bulletin tables: the chapter (一、综合 = 1) they sit in


@dataclass
class BulletinChapter(Provenance):
    """A chapter of the statistical bulletin (一、综合 …) with its prose.

    The bulletin's head (title, author, issued, intro) is carried by chapter 1,
    its closing notes (注: 1.–6.) by the last chapter; the other chapters leave
    these fields empty.
    """
    number: int = 0
    title: str = ""
    text: str = ""               # paragraphs joined with "\n", tables excluded
    tables: list[str] = field(default_factory=list)  # numbers of its tables (表1 …)
    bulletin_title: str = ""     # YYYY年…国民经济和社会发展统计公报
    author: str = ""             # Y市X区统计局
    issued: YearMonth | None = None  # the month printed after the author
    intro: str = ""              # the paragraph before 一、综合
    notes: list[str] = field(default_factory=list)  # 注 1.–6., without their numbers
    notes_line: int | None = None    # first line of the notes


# -- documents --------------------------------------------------------------

@dataclass
class DocChapter:
    number: int
    title: str               # 总则
    sections: list[tuple[int, str]] = field(default_factory=list)  # (节 number, title)
    source_line: int = 0


@dataclass
class Article:
    number: int              # 10 for 第十条
    label: str               # 第十条
    text: str
    chapter: int | None = None
    section: int | None = None   # 节
    source_line: int = 0
    source_line_end: int = 0


@dataclass
class DocPart:
    """A numbered part (一、…) of a document not organised in articles."""
    number: int
    title: str
    text: str
    items: list[str] = field(default_factory=list)
    parent: int | None = None    # for (一) sub-parts: the number of the 一、 part
    source_line: int = 0
    source_line_end: int = 0
    label: str = ""              # as numbered in the book: 三、 or (一)
    announced_items: int | None = None  # count printed in the heading: (路27条、巷3条) → 30


@dataclass
class Document(Provenance):
    title: str = ""
    number: str = ""         # 文号, normalised: no spaces (…发〔YYYY〕N号)
    number_printed: str = ""
    date: dt.date | None = None
    kind: str = ""           # 办法 / 方案 …
    issuing_body: str = ""
    preamble: str = ""
    chapters: list[DocChapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    parts: list[DocPart] = field(default_factory=list)
    complete: bool = True
    filing_number: str = ""  # 备案号
    closing: str = ""        # transmittal sentence
    duplicate_printing: tuple[int, int] | None = None  # lines of a second printing
    order: int = 0


# -- review -----------------------------------------------------------------

@dataclass
class ReviewItem:
    """Something the parser could not read with certainty, for an editor to resolve.

    ``code`` names the kind of problem (``correction-unmatched``, ``section-missing``,
    ``roster-note``, ``board-token`` …); ``message`` says it in Chinese for editors;
    ``printed`` is the text as printed and ``guess`` the parser's best reading (what it
    loaded, or what it suggests). ``blocking`` items are the ones a strict parse
    refuses; the others are notices (a possible OCR variant of a name, say).
    """
    code: str
    message: str
    file: str
    line: int | None = None
    printed: str = ""
    guess: str = ""
    blocking: bool = True


# -- the whole book ---------------------------------------------------------

@dataclass
class Mention:
    """A person or organisation named in an event or an entry."""
    kind: str        # "person" or "organization"
    name: str        # canonical name
    record: str      # "event" or "entry"
    record_line: int # source_line of the event or entry
    text: str = ""   # the text as matched
    # Entries can share a first line (a 【 in mid-line), so the loader keys the
    # record by (section_order, record_order): Section.order and Entry.order, or
    # 0 and ChronicleEvent.order for events.
    section_order: int = 0
    record_order: int = 0


@dataclass
class OrganizationInfo:
    name: str
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    parent: str = ""
    # the sections whose agency it is ("重要会议" is qualified: "X区人民代表大会/重要会议")
    sections: list[str] = field(default_factory=list)
    origin: str = "registry"     # "registry" (sources/organizations.csv) or "book" (inferred)
    source_line: int | None = None   # first roster/honour naming it (None: only the registry does)
    needs_review: bool = False
    review_note: str = ""


@dataclass
class Yearbook:
    source_path: str
    edition: EditionInfo
    sections: list[Section] = field(default_factory=list)
    chronicle: list[ChronicleEvent] = field(default_factory=list)
    rosters: list[Roster] = field(default_factory=list)
    honours: list[Honour] = field(default_factory=list)
    tables: list[StatTable] = field(default_factory=list)
    bulletin: list[BulletinChapter] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    organizations: list[OrganizationInfo] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # What the parse could not read or wants an editor to check (see ReviewItem).
    review_items: list[ReviewItem] = field(default_factory=list)
    profile: str = ""                # name of the source profile the text was read with
