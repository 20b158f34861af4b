"""Start the next edition from the last, and confirm the appointments it carries over."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from yearbook import signals
from yearbook.actions.base import EditorialError, acting_user, save
from yearbook.models import Appointment, Category, Edition, EditorialBoardMember, HonoraryTitle, Roster, Section


@dataclass
class NextEditionSummary:
    edition: Edition
    counts: dict = field(default_factory=dict)


# A year the next edition's copy moves on: within the twenty years up to the edition's own (2020年 → 2021年,
# 2016—2020年 → 2017—2021年, 2021 卷 → 2022 卷), not a number inside a longer one, nor a year long past
# (1949年以来) or still ahead (2035年远景目标).
YEAR = re.compile(r"(?<![0-9０-９])(?:19|20)[0-9]{2}(?![0-9０-９])")
YEARS_BACK = 20


def next_years(text: str, edition: Edition) -> str:
    """Every recent year in a copied text moved on by one, as the next edition tells of the next year."""
    if not text:
        return text

    def shift(m):
        year = int(m.group())
        return str(year + 1) if edition.covers_year - YEARS_BACK <= year <= edition.year else m.group()
    return YEAR.sub(shift, text)


def next_years_list(values, edition: Edition) -> list:
    return [next_years(v, edition) if isinstance(v, str) else v for v in (values or [])]


@dataclass
class Copier:
    """Copies records into the new edition in bulk, each with its history row (who, why)."""
    user: object
    reason: str

    def __call__(self, model, objs) -> list:
        return bulk_create_with_history(list(objs), model, default_user=acting_user(self.user),
                                        default_change_reason=self.reason)


@transaction.atomic
def start_next_edition(edition: Edition, *, user=None, copy_tables: bool = False) -> NextEditionSummary:
    """Create edition ``year + 1`` as a draft from ``edition``, which is left untouched.

    Copied: the front matter that stays from year to year (compiler, sponsor, publisher, editorial notes,
    the editorial board and the standing honorary titles), the outline (categories and sections), the
    leadership rosters, and every appointment still open (no end date) as the new edition's starting
    roster, marked ``carried_over`` so editors confirm or end each one. The apps carry over what is theirs
    (signals.edition_started): with ``copy_tables`` the statistical tables' headers and row labels, say.
    """
    year = edition.year + 1
    if Edition.objects.filter(year=year).exists():
        raise EditorialError(f"{year} 卷已经存在，不能再次开始。")
    if not edition.is_published:
        raise EditorialError(f"{edition.year} 卷还是草稿（尚未完成）：请先完成并由主编发布 {edition.year} 卷，"
                             f"再以它为底本开始编纂 {year} 卷。")
    reason = f"由 {edition.year} 卷开始编纂"
    title = next_years(edition.title, edition)
    if title == edition.title:
        title = f"{edition.title}（{year}）"
    new = Edition(
        year=year, covers_year=edition.covers_year + 1, title=title, compiler=next_years(edition.compiler, edition),
        sponsor=edition.sponsor, publisher=edition.publisher, editors_in_charge=edition.editors_in_charge,
        editorial_notes=[next_years(note, edition) for note in edition.editorial_notes],
        status=Edition.Status.DRAFT, based_on=edition,
    )
    save(new, user, reason)
    copy = Copier(user, reason)
    copy(EditorialBoardMember, (EditorialBoardMember(edition=new, body=b.body, title=b.title, name=b.name,
                                                     person=b.person, order=b.order)
                                for b in edition.board.all()))
    copy(HonoraryTitle, (HonoraryTitle(edition=new, name=h.name, order=h.order)
                         for h in edition.honorary_titles.all()))
    old_categories = list(edition.categories.all())
    categories = dict(zip((c.pk for c in old_categories), copy(Category, (
        Category(edition=new, name=next_years(c.name, edition), order=c.order) for c in old_categories))))
    old_sections = list(edition.sections.all())
    sections = dict(zip((s.pk for s in old_sections), copy(Section, (
        Section(edition=new, category=categories[s.category_id], name=next_years(s.name, edition),
                heading=next_years(s.heading, edition), kind=s.kind,
                order=s.order, contributor=s.contributor, organization_id=s.organization_id)
        for s in old_sections))))
    old_rosters = list(edition.rosters.all())
    rosters = dict(zip((r.pk for r in old_rosters), copy(Roster, (
        Roster(edition=new, organization_id=r.organization_id, section=sections.get(r.section_id),
               heading=next_years(r.heading, edition), body=r.body, order=r.order)
        for r in old_rosters))))
    open_appointments = edition.appointments.filter(end__isnull=True).order_by("roster__order", "order")
    carried = copy(Appointment, (
        Appointment(roster=rosters[a.roster_id], edition=new, organization_id=a.organization_id,
                    person_id=a.person_id, title=a.title, title_normalized=a.title_normalized, start=a.start,
                    start_precision=a.start_precision, end_precision=a.end_precision, party=a.party,
                    ethnicity=a.ethnicity, seconded=a.seconded, tenure_scope=a.tenure_scope,
                    name_printed=a.name_printed, order=a.order, carried_over=True)
        for a in open_appointments))
    counts = {"类目": len(categories), "分目": len(sections), "领导班子名录": len(rosters),
              "延续任职": len(carried), "编纂人员": edition.board.count(), "荣耀金川": edition.honorary_titles.count()}
    for _, copied in signals.edition_started.send(
            sender=Edition, previous=edition, edition=new, user=acting_user(user), reason=reason,
            options={"copy_tables": copy_tables, "sections": sections, "copy": copy}):
        counts.update(copied or {})
    return NextEditionSummary(new, counts)


def pending_carried_over(edition: Edition):
    """Carried-over appointments nobody has confirmed or ended yet."""
    return edition.appointments.filter(carried_over=True, confirmed=False, end__isnull=True)


def confirm_appointments(appointments, *, user=None) -> int:
    """Confirm carried-over appointments as still held this year."""
    n = 0
    for a in appointments:
        if a.confirmed or a.end is not None:
            continue
        a.confirmed = True
        save(a, user, "确认仍在任")
        n += 1
    return n
