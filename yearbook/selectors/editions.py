"""Editions, their outline (categories and sections) and the section pages."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404

from yearbook import registry
from yearbook.models import Appointment, Category, Edition, EditorialBoardMember, Entry, Section
from yearbook.pagecache import per_content
from yearbook.selectors.visibility import visible_statuses


def edition_list():
    return Edition.objects.filter(status__in=visible_statuses()).order_by("-year")


def visible_editions() -> list[Edition]:
    """The visible editions, latest first: kept per content version (pagecache.per_content), since nearly
    every page starts from one of them."""
    statuses = visible_statuses()
    return per_content("editions:" + ",".join(statuses), lambda: list(edition_list()))


def edition_latest() -> Edition | None:
    editions = visible_editions()
    return editions[0] if editions else None


def edition_get(year: int) -> Edition:
    """A visible edition, or 404 (drafts are not public)."""
    edition = next((e for e in visible_editions() if e.year == year), None)
    if edition is None:
        raise Http404("no such edition")
    return edition


def edition_toc(edition: Edition) -> list[Category]:
    """The categories with their sections (and the number of entries of each)."""
    sections = Section.objects.order_by("order").annotate(n_entries=Count("entries"))
    return list(edition.categories.order_by("order").prefetch_related(Prefetch("sections", sections)))


@dataclass
class Cover:
    edition: Edition
    honorary_titles: list
    key_figures: list
    board: list
    toc: list


def edition_cover(edition: Edition, *, with_board: bool = False) -> Cover:
    board = EditorialBoardMember.objects.filter(edition=edition).select_related("person").order_by("order")
    board = list(board) if with_board else []
    return Cover(edition=edition, honorary_titles=list(edition.honorary_titles.order_by("order")),
                 key_figures=list(edition.key_figures.order_by("order")), board=board,
                 toc=edition_toc(edition))


def category_get(edition: Edition, name: str) -> Category:
    entries = Entry.objects.order_by("order").only("id", "section_id", "title", "ordinal", "order")
    sections = Section.objects.order_by("order").prefetch_related(Prefetch("entries", entries))
    category = (Category.objects.filter(edition=edition, name=name)
                .prefetch_related(Prefetch("sections", sections)).first())
    if category is None:
        raise Http404("no such category")
    return category


def section_get(year: int, category: str, name: str) -> Section:
    section = (Section.objects.select_related("edition", "category", "organization")
               .filter(edition__year=year, edition__status__in=visible_statuses(), category__name=category, name=name)
               .first())
    if section is None:
        raise Http404("no such section")
    return section


@dataclass
class RosterView:
    roster: object
    appointments: list = field(default_factory=list)


@dataclass
class Block:
    """What an app adds to the section's page (registry.SectionBlock), with its data."""
    template: str
    data: object
    summary: str


@dataclass
class SectionPage:
    section: Section
    entries: list
    rosters: list[RosterView]
    blocks: list[Block]
    previous: Section | None
    next: Section | None


def rosters_of(appointments) -> list[RosterView]:
    """Appointments (ordered by roster) grouped into their rosters."""
    rosters: OrderedDict[int, RosterView] = OrderedDict()
    for a in appointments:
        rosters.setdefault(a.roster_id, RosterView(a.roster)).appointments.append(a)
    return list(rosters.values())


def section_page(section: Section) -> SectionPage:
    entries = list(section.entries.order_by("order").prefetch_related("persons", "organizations"))
    appointments = (Appointment.objects.filter(roster__section=section)
                    .select_related("roster", "person").order_by("roster__order", "order"))
    blocks = []
    for block in registry.section_blocks():
        data = block.context(section)
        if data:
            blocks.append(Block(block.template, data, block.summary(data)))
    around = [section.order - 1, section.order + 1]
    neighbours = {s.order: s for s in Section.objects.filter(edition_id=section.edition_id, order__in=around)
                  .select_related("category")}
    return SectionPage(section=section, entries=entries, rosters=rosters_of(appointments), blocks=blocks,
                       previous=neighbours.get(section.order - 1), next=neighbours.get(section.order + 1))


@dataclass
class EntryPage:
    """An entry (条目) with its place in its section: the section's entries, the one before and after."""
    entry: Entry
    section: Section
    siblings: list
    previous: Entry | None
    next: Entry | None
    persons: list
    organizations: list


def entry_page(year: int, category: str, section: str, anchor: str) -> EntryPage:
    """The entry of a section whose anchor (links.entry_anchor: its title, 党建工作-2 for a second one of the
    same title) is ``anchor``; 404 if none."""
    from yearbook import links

    sec = section_get(year, category, section)
    siblings = list(sec.entries.order_by("order").only("id", "section_id", "title", "ordinal", "order", "kind"))
    at = next((i for i, e in enumerate(siblings) if links.entry_anchor(e) == anchor), None)
    if at is None:
        raise Http404("no such entry")
    entry = Entry.objects.prefetch_related("persons", "organizations").get(pk=siblings[at].pk)
    entry.section = sec
    for e in siblings:
        e.section = sec
    return EntryPage(entry=entry, section=sec, siblings=siblings,
                     previous=siblings[at - 1] if at > 0 else None,
                     next=siblings[at + 1] if at + 1 < len(siblings) else None,
                     persons=list(entry.persons.all()), organizations=list(entry.organizations.all()))
