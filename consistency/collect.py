"""Read an edition out of the database into the checks' plain data (consistency/checks/data.py).

Only models are imported from the content apps; public pages are found by their URL names, and a
record whose page cannot be named simply gets no public link.
"""
from __future__ import annotations

from urllib.parse import quote

from django.db.models import Count, Prefetch, Q
from django.urls import NoReverseMatch, reverse

from chronicle.models import Event
from documents.models import Document
from stats.models import BulletinChapter, StatTable, TableRow
from yearbook.models import Appointment, Edition, Entry, Honour, KeyFigure, Person, Section

from .checks import data

# Categories and sections shown by a page of their own (chronicle, honours, appendix): a section there
# holds no entries on purpose.
# A town's or a street's own section prints the area's figures, not the district's.
LOCAL_KINDS = {"town", "subdistrict", "village", "community"}


def public_url(name: str, anchor: str = "", **kwargs) -> str:
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""
    return f"{url}#{quote('-'.join(anchor.split()))}" if anchor else url


def section_label(section) -> str:
    return f"{section.category.name} › {section.name}"


def entry_ref(entry) -> data.Ref:
    section = entry.section
    return data.Ref("yearbook.entry", entry.pk, f"{section_label(section)} › 【{entry.title}】", entry.source_line,
                    public_url("section", entry.title if entry.ordinal == 1 else f"{entry.title}-{entry.ordinal}",
                               year=section.edition.year, category=section.category.name, section=section.name))


def table_ref(table, year: int) -> data.Ref:
    return data.Ref("stats.stattable", table.pk, f"{table.number or ''} {table.title}".strip(), table.source_line,
                    public_url("stats:table", year=year, key=table.key))


def event_ref(event, year: int) -> data.Ref:
    day = f"{event.date.day}日" if event.precision == "day" else ""
    return data.Ref("chronicle.event", event.pk, f"大事记 {event.date.month}月{day}：{event.text[:24]}", event.source_line,
                    public_url("chronicle:index", year=year))


def person_ref(person) -> data.Ref:
    return data.Ref("yearbook.person", person.pk, person.name if person.key == person.name else
                    f"{person.name}（{person.key}）", None, public_url("person", key=person.key))


def key_figure_text(k) -> str:
    """A key figure as one clause under its own indicator name (城镇居民恩格尔系数30.3%): its printed
    text often leaves the subject to the sentence before."""
    text = k.indicator
    if k.value is not None:
        text += f"{k.value.normalize():f}{k.unit}"
    if k.change_pct is not None:
        verb = "增长" if k.change_pct >= 0 else "下降"
        text += f",{verb}{abs(k.change_pct).normalize():f}%"
    elif k.change_value is not None:
        verb = "增加" if k.change_value >= 0 else "减少"
        text += f",{verb}{abs(k.change_value).normalize():f}{k.change_unit}"
    return text


def collect(edition: Edition) -> data.Edition:
    """Everything the checks read, in a fixed number of queries."""
    year = edition.year
    out = data.Edition(year=year, covers_year=edition.covers_year)

    sections = list(Section.objects.filter(edition=edition).select_related("category", "edition", "organization")
                    .annotate(n_entries=Count("entries", distinct=True), n_tables=Count("tables", distinct=True),
                              n_rosters=Count("rosters", distinct=True)).order_by("order"))
    for s in sections:
        ref = data.Ref("yearbook.section", s.pk, section_label(s), s.source_line,
                       public_url("section", year=year, category=s.category.name, section=s.name))
        special = s.kind != Section.Kind.ENTRIES   # its records are elsewhere (events, honours, tables…)
        out.outline.append(data.Outline(ref, "section", s.n_entries + s.n_tables + s.n_rosters, special))
        out.titled.append(data.Titled(ref, s.name))
        if s.contributor:
            out.contributors.add(s.contributor)
    by_section = {s.pk: s for s in sections}

    entries = list(Entry.objects.filter(section__edition=edition).order_by("section__order", "order"))
    for e in entries:
        e.section = by_section[e.section_id]
        ref = entry_ref(e)
        place = {Entry.Kind.OVERVIEW: data.Place.OVERVIEW, Entry.Kind.REPORT: data.Place.REPORT}.get(
            e.kind, data.Place.ENTRY)
        if e.section.category.name == "区情概览":
            place = data.Place.OVERVIEW
        elif e.section.organization_id and e.section.organization.kind in LOCAL_KINDS:
            place = data.Place.LOCAL
        out.texts.append(data.Text(ref, e.body, place, e.title))
        if e.kind == Entry.Kind.ENTRY:
            out.titled.append(data.Titled(ref, e.title))

    for k in KeyFigure.objects.filter(edition=edition).order_by("order"):
        ref = data.Ref("yearbook.keyfigure", k.pk, f"数字金川：{k.indicator}", k.source_line,
                       public_url("edition", year=year))
        out.texts.append(data.Text(ref, key_figure_text(k), data.Place.KEY_FIGURES))

    for c in BulletinChapter.objects.filter(edition=edition).order_by("number"):
        ref = data.Ref("stats.bulletinchapter", c.pk, f"统计公报 {c.title}", c.source_line,
                       public_url("stats:index", year=year))
        out.texts.append(data.Text(ref, c.text, data.Place.BULLETIN))

    rows = TableRow.objects.order_by("order").prefetch_related("cells")
    tables = (StatTable.objects.filter(edition=edition).order_by("order")
              .prefetch_related("columns", Prefetch("rows", queryset=rows)))
    for t in tables:
        columns = list(t.columns.all())
        position = {c.pk: i for i, c in enumerate(columns)}
        trows = list(t.rows.all())
        index = {r.pk: i for i, r in enumerate(trows)}
        plain_rows = []
        for r in trows:
            values = [None] * len(columns)
            texts = [""] * len(columns)
            for cell in r.cells.all():
                i = position.get(cell.column_id)
                if i is not None:
                    values[i], texts[i] = cell.value, cell.text
            plain_rows.append(data.Row(r.label, values, texts, index.get(r.parent_id), r.group, r.unit,
                                       r.source_line))
        ref = table_ref(t, year)
        out.tables.append(data.Table(ref, t.title, t.unit, t.label_header,
                                     [data.Column(c.label, list(c.path or []), c.unit) for c in columns], plain_rows))
        n_values = sum(1 for r in plain_rows for v in r.values if v is not None)
        out.outline.append(data.Outline(ref, "table", n_values))
        out.titled.append(data.Titled(ref, t.title))

    for ev in Event.objects.filter(edition=edition).order_by("order"):
        ref = event_ref(ev, year)
        out.events.append(data.Event(ref, ev.date, ev.date_end, ev.precision, ev.text))
        out.dated.append(data.Dated(ref, "大事记日期", ev.date, ev.precision))

    for h in Honour.objects.filter(edition=edition).order_by("kind", "order"):
        ref = data.Ref("yearbook.honour", h.pk, f"{h.get_kind_display()}：{h.recipient} {h.award}", h.source_line,
                       public_url("honours", year=year))
        out.honours.append(data.Honour(ref, h.recipient, h.award, h.date, h.date_precision))
        if h.date:
            out.dated.append(data.Dated(ref, "授奖时间", h.date, h.date_precision))

    appointments = (Appointment.objects.filter(edition=edition).select_related("person", "organization")
                    .order_by("roster__order", "order"))
    for a in appointments:
        ref = data.Ref("yearbook.appointment", a.pk, f"{a.organization.name} {a.title} {a.person.name}",
                       a.source_line, public_url("person", key=a.person.key))
        out.appointments.append(data.Appointment(ref, a.person.key, a.person.name, a.title_normalized or a.title,
                                                 a.start, a.end))
        if a.start:
            out.dated.append(data.Dated(ref, "任职起", a.start, a.start_precision))
        if a.end:
            out.dated.append(data.Dated(ref, "任职止", a.end, a.end_precision))

    for d in Document.objects.filter(edition=edition).order_by("order"):
        ref = data.Ref("documents.document", d.pk, d.title, d.source_line,
                       public_url("documents:detail", year=year, key=d.key))
        out.titled.append(data.Titled(ref, d.title))
        if d.date:
            out.dated.append(data.Dated(ref, "成文日期", d.date, "day"))

    in_edition = (Q(appointments__edition=edition) | Q(entries__section__edition=edition)
                  | Q(events__edition=edition) | Q(honours__edition=edition))
    for p in Person.objects.filter(in_edition).distinct().order_by("key"):
        out.persons.append(data.Person(person_ref(p), p.key, p.name, p.name_pinyin))
    return out
