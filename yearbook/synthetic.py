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
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from yearbook import registry
from yearbook.models import (Appointment, Category, Edition, EditorialBoardMember, Entry, HonoraryTitle,
                             Honour, KeyFigure, Person, Roster, Section, content_models)
from yearbook.search.engine import engine

TURNOVER = 0.2  # share of appointments given to a new person in each synthetic edition


def shift_date(d: dt.date | None, years: int) -> dt.date | None:
    if d is None:
        return None
    return d.replace(year=d.year - years, day=min(d.day, 28))


def perturb(value: Decimal | None, rng: random.Random) -> Decimal | None:
    if value is None:
        return None
    # The printed precision (271.41), not the column's six places: stored 271.410000 would come back
    # perturbed as 250.240020, a figure no yearbook prints.
    exponent = min(value.normalize().as_tuple().exponent, 0) if value.is_finite() else None
    factor = Decimal(str(round(rng.uniform(0.85, 1.15), 4)))
    return (value * factor).quantize(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else value


def shuffle_text(text: str, rng: random.Random) -> str:
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


def retext_years(text: str, years: int) -> str:
    """2020年 → 2019年 etc., so that each synthetic edition talks about its own year."""
    return re.sub(r"20(\d\d)(?=\s*年)", lambda m: str(int("20" + m.group(1)) - years), text)


def copy_record(obj, **changes):
    """An unsaved copy of a model instance with some fields changed."""
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    fields.update(changes)
    return type(obj)(**fields)


def copy_links(model, copies: dict, base_records) -> None:
    """The persons and agencies named by ``base_records`` (their ``persons`` and ``organizations`` fields), named
    by their copies too: ``copies`` maps a base record's id to its saved copy."""
    for rel in ("persons", "organizations"):
        field = model._meta.get_field(rel)
        through = field.remote_field.through
        own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(
            through(**{own: copies[getattr(t, own)].pk, other: getattr(t, other)})
            for t in through.objects.filter(**{f"{field.m2m_field_name()}__in": base_records}))


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
            engine().after_bulk_load([m._meta.db_table for m in content_models()])
        if progress:
            progress(k, n, year)
    return years


@dataclass
class Cloner:
    """One synthetic edition being made from ``base``: what the steps (registry "synthetic") share."""
    base: Edition
    edition: Edition
    shift: int             # years between them
    rng: random.Random
    names: _Names
    sections: dict         # base section id → its copy


def clone_edition(base: Edition, year: int, rng: random.Random, names: _Names) -> Edition:
    shift = base.year - year
    edition = copy_record(base, year=year, covers_year=base.covers_year - shift,
                          title=base.title.replace(str(base.year), str(year)), status=Edition.Status.PUBLISHED)
    edition.save()
    cloner = Cloner(base, edition, shift, rng, names, {})
    for step in registry.steps("synthetic"):
        step.run(cloner)
    return edition


def _clone_outline(cloner: Cloner) -> None:
    """Front matter, categories, sections and entries (their text shuffled, their years moved)."""
    base, eid, rng = cloner.base, cloner.edition.pk, cloner.rng
    EditorialBoardMember.objects.bulk_create(copy_record(b, edition_id=eid) for b in base.board.all())
    HonoraryTitle.objects.bulk_create(copy_record(h, edition_id=eid) for h in base.honorary_titles.all())
    KeyFigure.objects.bulk_create(copy_record(k, edition_id=eid, value=perturb(k.value, rng),
                                              change_pct=perturb(k.change_pct, rng))
                                  for k in base.key_figures.all())
    categories = {c.pk: copy_record(c, edition_id=eid) for c in base.categories.all()}
    Category.objects.bulk_create(categories.values())
    cloner.sections.update({s.pk: copy_record(s, edition_id=eid, category_id=categories[s.category_id].pk)
                            for s in base.sections.all()})
    Section.objects.bulk_create(cloner.sections.values())
    base_entries = Entry.objects.filter(section__edition=base)
    entries = {e.pk: copy_record(e, section_id=cloner.sections[e.section_id].pk,
                                 body=retext_years(shuffle_text(e.body, rng), cloner.shift))
               for e in base_entries}
    Entry.objects.bulk_create(entries.values())
    copy_links(Entry, entries, base_entries)


def _clone_rosters(cloner: Cloner) -> None:
    base, edition, shift, rng, names, sections = (cloner.base, cloner.edition, cloner.shift, cloner.rng,
                                                  cloner.names, cloner.sections)
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
    rosters = {r.pk: copy_record(r, edition_id=edition.pk, section_id=sections[r.section_id].pk if r.section_id else None)
               for r in base.rosters.all()}
    Roster.objects.bulk_create(rosters.values())
    Appointment.objects.bulk_create(
        copy_record(a, edition_id=edition.pk, roster_id=rosters[a.roster_id].pk, person_id=persons[i].pk,
              start=shift_date(a.start, shift), end=shift_date(a.end, shift), name_printed=persons[i].name)
        for i, a in enumerate(appointments))


def _clone_honours(cloner: Cloner) -> None:
    base, edition, shift = cloner.base, cloner.edition, cloner.shift
    honours = list(base.honours.all())
    copies = {h.pk: copy_record(h, edition_id=edition.pk, date=shift_date(h.date, shift)) for h in honours}
    Honour.objects.bulk_create(copies.values())
    through = Honour.awarded_by.through
    through.objects.bulk_create(through(honour_id=copies[t.honour_id].pk, organization_id=t.organization_id)
                                for t in through.objects.filter(honour__edition=base))


# The apps' steps (chronicle 30, stats 60, documents 70) come between these, in the same order as ever:
# the generator's random numbers are drawn in this order, so a seed gives the same editions.
CORE_STEPS = [
    registry.Step("outline", 20, _clone_outline),
    registry.Step("rosters", 40, _clone_rosters),
    registry.Step("honours", 50, _clone_honours),
]
