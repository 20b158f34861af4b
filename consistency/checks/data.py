"""The plain data the checks read and write: no Django, so every check is testable on its own.

The database layer (consistency/collect.py) turns an edition into these records; the checks return
Problems, which the report stores as findings.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Ref:
    """A record a finding points at: its model (app_label.model), primary key, a Chinese label and
    its first source line; ``url`` is the record's public page when it has one."""

    model: str
    pk: int | None
    label: str
    line: int | None = None
    url: str = ""


class Place:
    """Where a text comes from: the comparisons treat statistical places and prose differently."""

    KEY_FIGURES = "key_figures"   # 数字金川
    BULLETIN = "bulletin"         # 统计公报
    OVERVIEW = "overview"         # 区情概览
    TABLE = "table"               # 统计表
    REPORT = "report"             # 特载 reports
    ENTRY = "entry"               # 条目
    LOCAL = "local"               # 条目 of a town's or a street's section: its figures are the area's own

    STATISTICAL = frozenset({KEY_FIGURES, BULLETIN, OVERVIEW, TABLE})
    LABELS = {KEY_FIGURES: "数字金川", BULLETIN: "统计公报", OVERVIEW: "区情概览", TABLE: "统计表",
              REPORT: "特载", ENTRY: "条目",
              LOCAL: "乡镇街道条目"}


@dataclass
class Text:
    ref: Ref
    text: str
    place: str
    title: str = ""      # an entry's 【title】


@dataclass
class Column:
    label: str
    path: list[str] = field(default_factory=list)
    unit: str = ""


@dataclass
class Row:
    label: str
    values: list[Decimal | None]
    texts: list[str]
    parent: int | None = None     # index of the parent row in Table.rows
    group: str = ""
    unit: str = ""
    line: int | None = None


@dataclass
class Table:
    ref: Ref
    title: str
    unit: str
    label_header: str
    columns: list[Column]
    rows: list[Row]


@dataclass
class Event:
    """A chronicle event: its date(s) at day or month precision."""

    ref: Ref
    date: dt.date
    end: dt.date | None
    precision: str   # day | month
    text: str


@dataclass
class Honour:
    ref: Ref
    recipient: str
    award: str
    date: dt.date | None
    precision: str


@dataclass
class Appointment:
    ref: Ref
    person_key: str
    name: str
    title: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class Person:
    ref: Ref
    key: str
    name: str
    pinyin: str
    mentions: int = 0          # records naming this person (entries, events, appointments, honours)


@dataclass
class Outline:
    """A section, table or other container that should hold something."""

    ref: Ref
    kind: str        # section | table
    size: int        # entries + rosters + tables… for a section; cells with a value for a table
    special: bool = False   # shown by a dedicated page (大事记, 先进模范, 附录): empty on purpose


@dataclass
class Titled:
    """A record with a title: section names, entry and table titles, document titles."""

    ref: Ref
    title: str


@dataclass
class Dated:
    """A record dated inside an edition: events, appointments, honours, documents."""

    ref: Ref
    what: str            # 大事记 / 任职起 / 任职止 / 授奖时间 / 成文日期
    date: dt.date
    precision: str


@dataclass
class Edition:
    year: int
    covers_year: int
    texts: list[Text] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    honours: list[Honour] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    outline: list[Outline] = field(default_factory=list)
    titled: list[Titled] = field(default_factory=list)
    dated: list[Dated] = field(default_factory=list)
    contributors: set[str] = field(default_factory=set)


@dataclass
class Problem:
    """One finding of a check. ``key`` identifies it across runs (never database ids: a re-import
    changes them); ``message`` is what the editor reads."""

    kind: str
    key: str
    message: str
    refs: list[Ref]
    details: dict = field(default_factory=dict)

    @property
    def lines(self) -> list[int]:
        return sorted({r.line for r in self.refs if r.line})
