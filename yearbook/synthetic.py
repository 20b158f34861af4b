"""Synthetic editions for benchmarks: N further editions cloned from a real one.

Each clone covers an earlier year, with people rotated between agencies (and some
turnover: new persons with plausible names), tenures and dates shifted to its
year, figures perturbed and entry text shuffled, so that fifty editions have
about fifty times the records with the real edition's shape.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

from django.db import transaction

from chronicle.models import Event
from documents.models import Article, Chapter, DocSection, Document, Part
from stats.models import Bulletin, BulletinChapter, StatTable, TableCell, TableColumn, TableRow
from yearbook.loading import analyze_tables
from yearbook.models import (Appointment, Category, Edition, EditorialBoardMember, Entry, Honour, HonoraryTitle,
                             KeyFigure, Person, Roster, Section)

TURNOVER = 0.2  # share of appointments given to a new person in each synthetic edition


def _shift(d: dt.date | None, years: int) -> dt.date | None:
    if d is None:
        return None
    return d.replace(year=d.year - years, day=min(d.day, 28))


def _perturb(value: Decimal | None, rng: random.Random) -> Decimal | None:
    if value is None:
        return None
    # The printed precision (271.41), not the column's six places: stored 271.410000 would come back
    # perturbed as 250.240020, a figure no yearbook prints.
    exponent = min(value.normalize().as_tuple().exponent, 0) if value.is_finite() else None
    factor = Decimal(str(round(rng.uniform(0.85, 1.15), 4)))
    return (value * factor).quantize(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else value


def _shuffle_text(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n")
    out = []
    for p in paragraphs:
        sentences = [s for s in re.split(r"(?<=。)", p) if s]
        if len(sentences) > 2:
            head, rest = sentences[0], sentences[1:]
            rng.shuffle(rest)
            sentences = [head, *rest]
        out.append("".join(sentences))
    return "\n".join(out)


def _retext_years(text: str, years: int) -> str:
    """2020年 → 2019年 etc., so that each synthetic edition talks about its own year."""
    return re.sub(r"20(\d\d)(?=\s*年)", lambda m: str(int("20" + m.group(1)) - years), text)


def _copy(obj, **changes):
    """An unsaved copy of a model instance with some fields changed."""
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    fields.update(changes)
    return type(obj)(**fields)


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        names = list(Person.objects.values_list("name", flat=True))
        self.surnames = sorted({n[0] for n in names if len(n) >= 2})
        self.given = sorted({n[1:] for n in names if len(n) >= 2})
        self.taken = set(Person.objects.values_list("key", flat=True))

    def new_person(self, gender: str) -> Person:
        for _ in range(100):
            name = self.rng.choice(self.surnames) + self.rng.choice(self.given)
            if name not in self.taken:
                break
        else:
            name = f"{name}{len(self.taken)}"
        self.taken.add(name)
        return Person(name=name, key=name, gender=gender)


def generate_editions(n: int, *, base_year: int = 2021, seed: int = 2021, progress=None) -> list[int]:
    base = Edition.objects.get(year=base_year)
    rng = random.Random(seed)
    names = _Names(rng)
    years = []
    for k in range(1, n + 1):
        year = base_year - k
        if Edition.objects.filter(year=year).exists():
            continue
        with transaction.atomic():
            clone_edition(base, year, rng, names)
        years.append(year)
        if k & (k - 1) == 0 or k == n:
            # Statistics as the tables double (1, 2, 4 … editions) and at the end: after every edition,
            # ANALYZE recomputing the search index's expression statistics was most of the run.
            analyze_tables()
        if progress:
            progress(k, n, year)
    return years


def clone_edition(base: Edition, year: int, rng: random.Random, names: _Names) -> Edition:
    shift = base.year - year
    edition = _copy(base, year=year, covers_year=base.covers_year - shift,
                    title=base.title.replace(str(base.year), str(year)), status=Edition.Status.PUBLISHED)
    edition.save()
    eid = edition.pk
    EditorialBoardMember.objects.bulk_create(_copy(b, edition_id=eid) for b in base.board.all())
    HonoraryTitle.objects.bulk_create(_copy(h, edition_id=eid) for h in base.honorary_titles.all())
    KeyFigure.objects.bulk_create(_copy(k, edition_id=eid, value=_perturb(k.value, rng),
                                        change_pct=_perturb(k.change_pct, rng)) for k in base.key_figures.all())

    categories = {c.pk: _copy(c, edition_id=eid) for c in base.categories.all()}
    Category.objects.bulk_create(categories.values())
    sections = {s.pk: _copy(s, edition_id=eid, category_id=categories[s.category_id].pk)
                for s in base.sections.all()}
    Section.objects.bulk_create(sections.values())
    base_entries = list(Entry.objects.filter(section__edition=base))
    entries = {e.pk: _copy(e, section_id=sections[e.section_id].pk,
                           body=_retext_years(_shuffle_text(e.body, rng), shift)) for e in base_entries}
    Entry.objects.bulk_create(entries.values())
    for rel in ("persons", "organizations"):
        through = getattr(Entry, rel).through
        field = "person_id" if rel == "persons" else "organization_id"
        through.objects.bulk_create(
            through(entry_id=entries[t.entry_id].pk, **{field: getattr(t, field)})
            for t in through.objects.filter(entry__section__edition=base))

    events = {e.pk: _copy(e, edition_id=eid, date=_shift(e.date, shift), date_end=_shift(e.date_end, shift),
                          text=_retext_years(e.text, shift)) for e in base.events.all()}
    Event.objects.bulk_create(events.values())
    for rel in ("persons", "organizations"):
        through = getattr(Event, rel).through
        field = "person_id" if rel == "persons" else "organization_id"
        through.objects.bulk_create(
            through(event_id=events[t.event_id].pk, **{field: getattr(t, field)})
            for t in through.objects.filter(event__edition=base))

    _clone_rosters(base, edition, shift, rng, names, sections)
    _clone_honours(base, edition, shift, rng)
    _clone_tables(base, edition, rng, sections)
    _clone_documents(base, edition, shift)
    return edition


def _clone_rosters(base, edition, shift, rng, names, sections):
    appointments = list(Appointment.objects.filter(edition=base).select_related("person"))
    # Rotate people between agencies: a random permutation of the persons over the posts,
    # plus some turnover to new persons.
    persons = [a.person for a in appointments]
    rng.shuffle(persons)
    new = []
    for i, a in enumerate(appointments):
        if rng.random() < TURNOVER:
            p = names.new_person(a.person.gender)
            new.append(p)
            persons[i] = p
    Person.objects.bulk_create(new)  # pinyin is filled below (bulk_create skips save())
    for p in new:
        p.save()
    rosters = {r.pk: _copy(r, edition_id=edition.pk, section_id=sections[r.section_id].pk if r.section_id else None)
               for r in base.rosters.all()}
    Roster.objects.bulk_create(rosters.values())
    Appointment.objects.bulk_create(
        _copy(a, edition_id=edition.pk, roster_id=rosters[a.roster_id].pk, person_id=persons[i].pk,
              start=_shift(a.start, shift), end=_shift(a.end, shift), name_printed=persons[i].name)
        for i, a in enumerate(appointments))


def _clone_honours(base, edition, shift, rng):
    honours = list(base.honours.all())
    copies = {h.pk: _copy(h, edition_id=edition.pk, date=_shift(h.date, shift)) for h in honours}
    Honour.objects.bulk_create(copies.values())
    through = Honour.awarded_by.through
    through.objects.bulk_create(through(honour_id=copies[t.honour_id].pk, organization_id=t.organization_id)
                                for t in through.objects.filter(honour__edition=base))


def _clone_tables(base, edition, rng, sections):
    for t in base.tables.prefetch_related("columns", "rows__cells"):
        table = _copy(t, edition_id=edition.pk, section_id=sections[t.section_id].pk if t.section_id else None)
        table.save()
        columns = {c.pk: _copy(c, table_id=table.pk) for c in t.columns.all()}
        TableColumn.objects.bulk_create(columns.values())
        rows = {}
        for r in t.rows.all():  # one by one: a row's parent is an earlier row
            row = _copy(r, table_id=table.pk, parent_id=rows[r.parent_id].pk if r.parent_id else None)
            row.save()
            rows[r.pk] = row
        cells = []
        for r in t.rows.all():
            for c in r.cells.all():
                value = _perturb(c.value, rng)
                cells.append(_copy(c, row_id=rows[r.pk].pk, column_id=columns[c.column_id].pk, value=value,
                                   text=str(value) if value is not None else c.text))
        TableCell.objects.bulk_create(cells)
    bulletin = Bulletin.objects.filter(edition=base).first()
    if bulletin:
        _copy(bulletin, edition_id=edition.pk).save()
    BulletinChapter.objects.bulk_create(_copy(c, edition_id=edition.pk) for c in base.bulletin_chapters.all())


def _clone_documents(base, edition, shift):
    for d in base.documents.prefetch_related("chapters__sections", "articles", "parts"):
        number = _retext_years(d.number.replace("〔20", "〔XX"), 0)
        number = re.sub(r"〔XX(\d\d)〕", lambda m: f"〔{2000 + int(m.group(1)) - shift}〕", number)
        doc = _copy(d, edition_id=edition.pk, number=number, key=number or d.key, date=_shift(d.date, shift))
        doc.save()
        chapters, secs = {}, {}
        for c in d.chapters.all():
            chapters[c.pk] = _copy(c, document_id=doc.pk)
            chapters[c.pk].save()
            for s in c.sections.all():
                secs[s.pk] = _copy(s, chapter_id=chapters[c.pk].pk)
                secs[s.pk].save()
        Article.objects.bulk_create(
            _copy(a, document_id=doc.pk, chapter_id=chapters[a.chapter_id].pk if a.chapter_id else None,
                  section_id=secs[a.section_id].pk if a.section_id else None) for a in d.articles.all())
        parts = {}
        for p in d.parts.all():
            parts[p.pk] = _copy(p, document_id=doc.pk, parent_id=parts[p.parent_id].pk if p.parent_id else None)
            parts[p.pk].save()
