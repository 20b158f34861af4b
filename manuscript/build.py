"""The book's manuscript read out of the database, in the book's order, as plain data.

The writers (manuscript/docx.py for Word, templates/manuscript/print.html for the PDF) only lay this out.
Entries and roster blocks are numbered through the edition (〔1〕…) so that an index can point at them
where the printed page is not known; a category exported alone keeps the edition's numbers.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from chronicle.models import Event
from documents.models import Article, Document, Part
from stats.layout import Layout, table_layout
from stats.models import Bulletin, BulletinChapter, StatTable, TableRow
from yearbook import rules
from yearbook.models import (Appointment, Category, Edition, EditorialBoardMember, Entry, Honour, Organization,
                             Person, Roster, Section)


@dataclass
class Locator:
    """Where the manuscript names someone: the printed page when known, else the entry number."""

    page: int | None = None
    number: int | None = None
    label: str = ""            # for items with neither (the front matter's 编纂委员会)

    @property
    def text(self) -> str:
        if self.page:
            return f"{self.page}"
        if self.number:
            return f"〔{self.number}〕"
        return self.label

    @property
    def sort_key(self):
        return (0, self.page, 0) if self.page else ((1, self.number, 0) if self.number else (2, 0, self.label))


@dataclass
class EntryItem:
    number: int
    title: str
    paragraphs: list[tuple[str, bool]]   # (text, is it a subheading)
    byline: str = ""
    report: bool = False
    page: int | None = None


@dataclass
class RosterItem:
    number: int
    heading: str
    members: list[str]


@dataclass
class TableItem:
    title: str
    unit: str
    layout: Layout
    notes: list[str] = field(default_factory=list)


@dataclass
class EventItem:
    month: int
    date_label: str
    text: str


@dataclass
class HonourTable:
    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class DocumentItem:
    title: str
    number: str
    date: str
    preamble: str
    blocks: list[tuple[str, str]]   # (style, text): chapter / section / article / part / item / text
    closing: str = ""
    filing_number: str = ""


@dataclass
class BulletinItem:
    title: str
    author: str
    issued: str
    intro: str
    chapters: list[tuple[str, str, list[TableItem]]]   # (title, text, tables after it)
    notes: list[str]


@dataclass
class SectionItem:
    name: str
    page: int | None
    contributor: str
    entries: list[EntryItem] = field(default_factory=list)
    rosters: list[RosterItem] = field(default_factory=list)
    tables: list[TableItem] = field(default_factory=list)
    events: list[EventItem] = field(default_factory=list)
    honours: HonourTable | None = None
    bulletin: BulletinItem | None = None
    documents: list[DocumentItem] = field(default_factory=list)


@dataclass
class CategoryItem:
    name: str
    sections: list[SectionItem]


@dataclass
class IndexEntry:
    name: str
    note: str                   # what tells two namesakes apart (the key, or the agency's kind)
    locators: list[Locator]
    initial: str = ""

    @property
    def locator_text(self) -> str:
        return "，".join(dict.fromkeys(loc.text for loc in sorted(self.locators, key=lambda x: x.sort_key)))


@dataclass
class Manuscript:
    title: str
    year: int
    covers_year: int
    imprint: list[tuple[str, str]]
    board: list[tuple[str, list[tuple[str, str]]]]       # (body, [(title, names)])
    editorial_notes: list[str]
    categories: list[CategoryItem]
    persons: list[IndexEntry]
    organizations: list[IndexEntry]
    only_category: str = ""

    @property
    def entry_count(self) -> int:
        return sum(len(s.entries) for c in self.categories for s in c.sections)

    @property
    def tables(self) -> list[TableItem]:
        out = []
        for c in self.categories:
            for s in c.sections:
                out.extend(s.tables)
                if s.bulletin:
                    out.extend(t for _, _, ts in s.bulletin.chapters for t in ts)
        return out


def _paragraphs(entry) -> list[tuple[str, bool]]:
    subheadings = set(entry.subheadings or [])
    out = []
    for p in (entry.body or "").split("\n"):
        p = p.strip()
        if p:
            out.append((p, p.rstrip("。") in subheadings or p in subheadings))
    return out


def _date_label(d, precision="day") -> str:
    return rules.date_label(d, precision) if d else ""


def _member_line(a) -> str:
    note = rules.tenure_label(a.start, a.end, start_precision=a.start_precision, end_precision=a.end_precision)
    extra = [x for x in (rules.gender_label(a.person.gender) if a.person.gender == "F" else "", a.party,
                         a.ethnicity, note, "挂职" if a.seconded else "") if x]
    return f"{a.title}　{a.person.name}" + (f"（{'，'.join(extra)}）" if extra else "")


def _tables_by_section(edition) -> dict[int | None, list]:
    rows = TableRow.objects.order_by("order").prefetch_related("cells")
    tables = (StatTable.objects.filter(edition=edition).order_by("order")
              .prefetch_related("columns", Prefetch("rows", queryset=rows)))
    out: dict[int | None, list] = defaultdict(list)
    for t in tables:
        out[t.section_id].append(t)
    return out


def _table_item(t) -> TableItem:
    title = f"{t.number} {t.title}".strip() if t.number and not t.title.startswith(t.number) else t.title
    return TableItem(title, t.unit, table_layout(t), list(t.notes or []))


def _document_item(d) -> DocumentItem:
    blocks: list[tuple[str, str]] = []
    if d.articles.all():
        chapter = section = None
        for a in d.articles.all():
            if a.chapter_id and a.chapter_id != chapter:
                chapter = a.chapter_id
                blocks.append(("chapter", f"{rules.chapter_anchor(a.chapter.number)}　{a.chapter.title}"))
            if a.section_id and a.section_id != section:
                section = a.section_id
                blocks.append(("section", f"第{rules.chinese_numeral(a.section.number)}节　{a.section.title}"))
            blocks.append(("article", f"{a.label}　{a.text}"))
    for p in d.parts.all():
        style = "part" if p.parent_id is None else "subpart"
        blocks.append((style, f"{p.label}{p.title}"))
        if p.text:
            blocks.append(("text", p.text))
        for item in p.items or []:
            blocks.append(("item", item if isinstance(item, str) else " ".join(str(x) for x in item)))
    return DocumentItem(d.title, d.number_printed or d.number, _date_label(d.date), d.preamble, blocks, d.closing,
                        d.filing_number)


def build(edition: Edition, category: str | None = None) -> Manuscript:
    """The edition (or one category of it, by name) as a Manuscript, in a fixed number of queries."""
    categories = list(Category.objects.filter(edition=edition).order_by("order"))
    if category is not None and category not in {c.name for c in categories}:
        raise LookupError(category)
    sections = list(Section.objects.filter(edition=edition).select_related("category").order_by("order"))
    entries = list(Entry.objects.filter(section__edition=edition).order_by("section__order", "order"))
    appointments = (Appointment.objects.select_related("person").order_by("order"))
    rosters = list(Roster.objects.filter(edition=edition).order_by("order")
                   .prefetch_related(Prefetch("appointments", queryset=appointments)))

    # Numbers through the whole edition, in book order: each section's entries, then its rosters.
    entries_of: dict[int, list] = defaultdict(list)
    for e in entries:
        entries_of[e.section_id].append(e)
    rosters_of: dict[int | None, list] = defaultdict(list)
    for r in rosters:
        rosters_of[r.section_id].append(r)
    number: dict[tuple[str, int], int] = {}
    n = 0
    for s in sections:
        for e in entries_of[s.pk]:
            n += 1
            number[("entry", e.pk)] = n
        for r in rosters_of[s.pk]:
            n += 1
            number[("roster", r.pk)] = n
    for r in rosters_of[None]:
        n += 1
        number[("roster", r.pk)] = n

    tables_of = _tables_by_section(edition)
    events = list(Event.objects.filter(edition=edition).order_by("order"))
    honours = list(Honour.objects.filter(edition=edition).order_by("kind", "order").prefetch_related("awarded_by"))
    articles = Article.objects.select_related("chapter", "section").order_by("number")
    documents = list(Document.objects.filter(edition=edition).order_by("order").prefetch_related(
        Prefetch("articles", queryset=articles), Prefetch("parts", queryset=Part.objects.order_by("order"))))
    bulletin = Bulletin.objects.filter(edition=edition).first()
    chapters = list(BulletinChapter.objects.filter(edition=edition).order_by("number"))

    section_of = {s.pk: s for s in sections}
    out_categories = []
    for c in categories:
        if category is not None and c.name != category:
            continue
        items = []
        for s in [s for s in sections if s.category_id == c.pk]:
            item = SectionItem(s.name, s.page, s.contributor)
            for e in entries_of[s.pk]:
                item.entries.append(EntryItem(number[("entry", e.pk)], e.title, _paragraphs(e), e.byline,
                                              e.kind == Entry.Kind.REPORT, e.page or s.page))
            for r in rosters_of[s.pk]:
                item.rosters.append(RosterItem(number[("roster", r.pk)], r.heading,
                                               [_member_line(a) for a in r.appointments.all()]))
            page = s.kind
            if page == Section.Kind.CHRONICLE:
                item.events = [EventItem(ev.date.month, rules.date_range_label(ev.date, ev.date_end, ev.precision,
                                                                               with_year=False), ev.text)
                               for ev in events]
            elif page == Section.Kind.HONOURS:
                kind = Honour.kind_named(s.name)
                item.honours = _honour_table(s.name, [h for h in honours if h.kind == kind])
            elif page == Section.Kind.TABLES:
                item.bulletin = _bulletin_item(bulletin, chapters, tables_of)
            elif page == Section.Kind.DOCUMENTS:
                item.documents = [_document_item(d) for d in documents]
            if page != Section.Kind.TABLES:
                item.tables = [_table_item(t) for t in tables_of.get(s.pk, [])]
            items.append(item)
        out_categories.append(CategoryItem(c.name, items))

    persons, organizations = _indexes(edition, section_of, number, rosters, events, honours)
    board: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m in EditorialBoardMember.objects.filter(edition=edition).order_by("order"):
        rows = board[m.body]
        if rows and rows[-1][0] == m.title:
            rows[-1] = (m.title, rows[-1][1] + "　" + m.name)
        else:
            rows.append((m.title, m.name))
    imprint = [(label, value) for label, value in (
        ("编纂", edition.compiler), ("主办", edition.sponsor), ("出版发行", edition.publisher),
        ("责任编辑", edition.editors_in_charge), ("印刷", edition.printer), ("版次", edition.published),
        ("印次", edition.printing), ("书号", edition.isbn), ("CIP 数据核字", edition.cip_number),
        ("定价", edition.price)) if value]
    return Manuscript(edition.title, edition.year, edition.covers_year, imprint, list(board.items()),
                      list(edition.editorial_notes or []), out_categories, persons, organizations,
                      only_category=category or "")


def _honour_table(title, honours) -> HonourTable:
    individual = any(h.kind == Honour.Kind.INDIVIDUAL for h in honours)
    header = (["姓名", "性别", "工作单位", "荣誉称号（奖项）", "授奖时间", "授奖单位"] if individual
              else ["获奖单位", "荣誉称号（奖项）", "授奖时间", "授奖单位"])
    rows = []
    for h in honours:
        when = _date_label(h.date, h.date_precision)
        awarded = "　".join(h.awarded_by_names or [o.name for o in h.awarded_by.all()])
        if individual:
            rows.append([h.recipient.strip(), h.gender, h.work_unit, h.award, when, awarded])
        else:
            rows.append([h.recipient.strip(), h.award, when, awarded])
    return HonourTable(title, header, rows)


def _bulletin_item(bulletin, chapters, tables_of) -> BulletinItem | None:
    if bulletin is None and not chapters:
        return None
    bulletin_tables = [t for tables in tables_of.values() for t in tables if t.chapter]
    by_key = {k: t for t in bulletin_tables for k in (t.key, t.number) if k}
    placed: set[int] = set()
    out = []
    for ch in chapters:
        ts = []
        for key in ch.tables or []:
            t = by_key.get(key)
            if t is not None and t.pk not in placed:
                placed.add(t.pk)
                ts.append(_table_item(t))
        out.append((ch.title, ch.text, ts))
    # A bulletin table no chapter names still belongs to the bulletin: after the last chapter.
    leftovers = [_table_item(t) for t in bulletin_tables if t.pk not in placed]
    if leftovers and out:
        out[-1][2].extend(leftovers)
    return BulletinItem(bulletin.title if bulletin else "", bulletin.author if bulletin else "",
                        _date_label(bulletin.issued, "month") if bulletin and bulletin.issued else "",
                        bulletin.intro if bulletin else "", out, list(bulletin.notes or []) if bulletin else [])


def _initial(pinyin: str, name: str) -> str:
    first = (pinyin or "").strip()[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def _indexes(edition, section_of, number, rosters, events, honours):
    """人名索引 and 机构索引: everyone and every agency the edition names, with where."""
    person_locs: dict[int, list[Locator]] = defaultdict(list)
    org_locs: dict[int, list[Locator]] = defaultdict(list)

    def at_section(section_id, num=None) -> Locator:
        s = section_of.get(section_id)
        return Locator(page=s.page if s else None, number=num)

    for r in rosters:
        loc = at_section(r.section_id, number[("roster", r.pk)])
        org_locs[r.organization_id].append(loc)
        for a in r.appointments.all():
            person_locs[a.person_id].append(Locator(page=a.page, number=loc.number) if a.page else loc)
    entry_ids = {pk for kind, pk in number if kind == "entry"}
    entry_section = dict(Entry.objects.filter(pk__in=entry_ids).values_list("pk", "section_id"))
    entry_page = dict(Entry.objects.filter(pk__in=entry_ids, page__isnull=False).values_list("pk", "page"))
    for entry_id, person_id in Entry.persons.through.objects.filter(entry_id__in=entry_ids).values_list(
            "entry_id", "person_id"):
        loc = at_section(entry_section[entry_id], number[("entry", entry_id)])
        person_locs[person_id].append(Locator(page=entry_page[entry_id], number=loc.number)
                                      if entry_id in entry_page else loc)
    for entry_id, org_id in Entry.organizations.through.objects.filter(entry_id__in=entry_ids).values_list(
            "entry_id", "organization_id"):
        org_locs[org_id].append(at_section(entry_section[entry_id], number[("entry", entry_id)]))
    for s in section_of.values():
        if s.organization_id:
            org_locs[s.organization_id].append(Locator(page=s.page, label=f"{s.category.name}·{s.name}"))

    chronicle = next((s for s in section_of.values() if s.kind == Section.Kind.CHRONICLE), None)
    event_ids = [e.pk for e in events]
    event_by_id = {e.pk: e for e in events}

    def event_loc(event_id) -> Locator:
        ev = event_by_id[event_id]
        page = ev.page or (chronicle.page if chronicle else None)
        return Locator(page=page, label="大事记" + rules.date_label(ev.date, ev.precision).removeprefix(
            f"{ev.date.year}年"))

    for event_id, person_id in Event.persons.through.objects.filter(event_id__in=event_ids).values_list(
            "event_id", "person_id"):
        person_locs[person_id].append(event_loc(event_id))
    for event_id, org_id in Event.organizations.through.objects.filter(event_id__in=event_ids).values_list(
            "event_id", "organization_id"):
        org_locs[org_id].append(event_loc(event_id))

    honour_sections = {Honour.kind_named(s.name): s for s in section_of.values() if s.kind == Section.Kind.HONOURS}
    for h in honours:
        s = honour_sections.get(h.kind)
        loc = Locator(page=h.page or (s.page if s else None), label=f"{h.get_kind_display()}表")
        if h.person_id:
            person_locs[h.person_id].append(loc)
        for org_id in {h.organization_id, h.work_unit_org_id} - {None}:
            org_locs[org_id].append(loc)
        for org in h.awarded_by.all():
            org_locs[org.pk].append(loc)

    documents_section = next((s for s in section_of.values() if s.kind == Section.Kind.DOCUMENTS), None)
    for org_id in Document.objects.filter(edition=edition, issuing_org__isnull=False).values_list(
            "issuing_org_id", flat=True):
        org_locs[org_id].append(Locator(page=documents_section.page if documents_section else None,
                                        label="重要文件辑存"))
    for m in EditorialBoardMember.objects.filter(edition=edition, person__isnull=False):
        person_locs[m.person_id].append(Locator(label="编纂委员会"))

    persons = [IndexEntry(p.name, "" if p.key == p.name else p.key, person_locs[p.pk], _initial(p.name_pinyin, p.name))
               for p in Person.objects.filter(pk__in=list(person_locs)).order_by("name_pinyin", "key")]
    organizations = [IndexEntry(o.name, "", org_locs[o.pk], _initial(o.name_pinyin, o.name))
                     for o in Organization.objects.filter(pk__in=list(org_locs)).order_by("name_pinyin", "name")]
    return persons, organizations


def edition_persons(edition) -> set[int]:
    """Every person an edition names (rosters, entries, events, honours, the editorial board): the index
    must list each of them."""
    ids = set(Appointment.objects.filter(edition=edition).values_list("person_id", flat=True))
    ids |= set(Entry.persons.through.objects.filter(entry__section__edition=edition).values_list("person_id", flat=True))
    ids |= set(Event.persons.through.objects.filter(event__edition=edition).values_list("person_id", flat=True))
    ids |= set(Honour.objects.filter(edition=edition, person__isnull=False).values_list("person_id", flat=True))
    ids |= set(EditorialBoardMember.objects.filter(edition=edition, person__isnull=False)
               .values_list("person_id", flat=True))
    return ids

