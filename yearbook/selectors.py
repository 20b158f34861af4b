"""Read queries of the reader's site, and the django-filter FilterSets behind its filters.

Views call these functions and never touch the ORM themselves. Every function
returns data with what its page needs already joined or prefetched, so the
number of queries per page is fixed and does not grow with the data.
Only published editions are public: everything here is scoped to them.
"""
from __future__ import annotations

import contextvars

import operator
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import reduce

import django_filters as filters
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, ExtractMonth
from django.http import Http404

from chronicle.models import Event
from documents.models import Article, Chapter, Document, Part
from stats.models import BulletinChapter, StatTable, TableRow
from yearbook import rules
from yearbook.models import (Appointment, Category, Edition, EditorialBoardMember, Entry, Honour, KeyFigure,
                             Organization, OrganizationAlias, Person, Roster, Section)

PUBLISHED = Edition.Status.PUBLISHED

# Which editions the current request may see: published ones, and drafts too for staff
# (set per request by yearbook.middleware.DraftPreviewMiddleware; staff are never cached).
_VISIBLE = contextvars.ContextVar("visible_statuses", default=(PUBLISHED,))


def visible_statuses() -> tuple[str, ...]:
    return _VISIBLE.get()


def preview_drafts(enabled: bool):
    """Let this request see draft editions too; returns the token to reset it."""
    return _VISIBLE.set((PUBLISHED, Edition.Status.DRAFT) if enabled else (PUBLISHED,))


def end_preview(token) -> None:
    _VISIBLE.reset(token)


def cleaned(filterset) -> dict:
    """The filter values that were valid (invalid ones are ignored, as the FilterSet itself does)."""
    filterset.is_valid()
    return {k: v for k, v in getattr(filterset.form, "cleaned_data", {}).items() if v not in (None, "")}


# -- editions --------------------------------------------------------------------

def edition_list():
    return Edition.objects.filter(status__in=visible_statuses()).order_by("-year")


def edition_latest() -> Edition | None:
    return edition_list().first()


def edition_get(year: int) -> Edition:
    """A published edition, or 404 (drafts are not public)."""
    edition = edition_list().filter(year=year).first()
    if edition is None:
        raise Http404("no such edition")
    return edition


def edition_toc(edition: Edition) -> list[Category]:
    """The 22 categories with their sections (and the number of entries of each)."""
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


# -- counted slices and pages ----------------------------------------------------------

def counted_slice(queryset, start: int, stop: int, *, wide: bool = False) -> tuple[list, int]:
    """Rows ``start:stop`` of a queryset and how many rows it has, in one query (a window count),
    so a long list is neither fetched whole nor scanned a second time to be counted.

    ``wide``: for rows too wide to sort whole (entries with their bodies and related rows: 14,000
    of them for 工作 took 400 ms), the slice's ids are chosen and counted on narrow rows and only
    those rows are read in full, still in one query (two subqueries)."""
    if wide:
        ids = queryset.values("pk")[start:stop]
        total = queryset.annotate(n=Window(Count("pk"))).values("n")[:1]
        items = list(queryset.filter(pk__in=Subquery(ids)).annotate(counted_total=Subquery(total)))
    else:
        items = list(queryset.annotate(counted_total=Window(Count("pk")))[start:stop])
    return items, (items[0].counted_total if items else 0)


def counted_page(queryset, per_page: int, number, *, wide: bool = False) -> Page:
    """A Paginator page (as Paginator.get_page: a bad number is page 1, past the end the last page)
    counted by the same query that fetches it."""
    try:
        number = min(max(1, int(number or 1)), 10 ** 6)   # past the end anyway: no OFFSET overflow
    except (TypeError, ValueError):
        number = 1
    items, total = counted_slice(queryset, (number - 1) * per_page, number * per_page, wide=wide)
    if not items and number > 1:
        total = queryset.count()
        number = max(1, -(-total // per_page))
        items, total = counted_slice(queryset, (number - 1) * per_page, number * per_page, wide=wide)
    paginator = Paginator(queryset, per_page)
    paginator.__dict__["count"] = total   # fill the cached_property: no second COUNT(*)
    return Page(items, number, paginator)


# -- categories and sections ---------------------------------------------------------

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
class SectionPage:
    section: Section
    entries: list
    rosters: list[RosterView]
    tables: list
    previous: Section | None
    next: Section | None


def tables_prefetched(queryset):
    """Tables with their columns, rows and cells (four queries, however many tables)."""
    rows = TableRow.objects.order_by("order").prefetch_related("cells")
    return queryset.order_by("order").prefetch_related("columns", Prefetch("rows", rows))


def section_page(section: Section) -> SectionPage:
    entries = list(section.entries.order_by("order").prefetch_related("persons", "organizations"))
    appointments = (Appointment.objects.filter(roster__section=section)
                    .select_related("roster", "person").order_by("roster__order", "order"))
    rosters: "OrderedDict[int, RosterView]" = OrderedDict()
    for a in appointments:
        rosters.setdefault(a.roster_id, RosterView(a.roster)).appointments.append(a)
    tables = list(tables_prefetched(StatTable.objects.filter(section=section)))
    around = [section.order - 1, section.order + 1]
    neighbours = {s.order: s for s in Section.objects.filter(edition_id=section.edition_id, order__in=around)
                  .select_related("category")}
    return SectionPage(section=section, entries=entries, rosters=list(rosters.values()), tables=tables,
                       previous=neighbours.get(section.order - 1), next=neighbours.get(section.order + 1))


# -- public persons and organisations --------------------------------------------

def _published(prefix: str = "edition") -> Q:
    return Q(**{f"{prefix}__status__in": visible_statuses()})


def public_persons():
    """Persons named in a published edition (a roster, an honour, the board, a mention)."""
    sources = [
        Appointment.objects.filter(_published()),
        Honour.objects.filter(_published(), person__isnull=False),
        EditorialBoardMember.objects.filter(_published(), person__isnull=False),
        Event.persons.through.objects.filter(event__edition__status__in=visible_statuses()),
        Entry.persons.through.objects.filter(entry__section__edition__status__in=visible_statuses()),
    ]
    return Person.objects.filter(_any_pk_in(source.values("person_id") for source in sources))


def _any_pk_in(subqueries) -> Q:
    """pk IN (first) OR pk IN (second) …"""
    return reduce(operator.or_, (Q(pk__in=subquery) for subquery in subqueries))


def public_organizations():
    """Agencies that a published edition names anywhere.

    The ids are collected once (one UNION over the eight kinds of reference) and the directory's list,
    count and per-kind counts filter by them: each of those as its own OR of eight IN subqueries read
    every reference of fifty editions again (25 ms apiece on PostgreSQL). Agencies number in the
    hundreds, so the id list stays short."""
    sources = [queryset.order_by().values_list(column, flat=True) for queryset, column in [
        (Appointment.objects.filter(_published()), "organization_id"),
        (Section.objects.filter(_published(), organization__isnull=False), "organization_id"),
        (Honour.objects.filter(_published(), organization__isnull=False), "organization_id"),
        (Honour.objects.filter(_published(), work_unit_org__isnull=False), "work_unit_org_id"),
        (Honour.awarded_by.through.objects.filter(honour__edition__status__in=visible_statuses()), "organization_id"),
        (Event.organizations.through.objects.filter(event__edition__status__in=visible_statuses()), "organization_id"),
        (Entry.organizations.through.objects.filter(entry__section__edition__status__in=visible_statuses()),
         "organization_id"),
        (Document.objects.filter(_published(), issuing_org__isnull=False), "issuing_org_id"),
    ]]
    ids = sorted(set(sources[0].union(*sources[1:])))
    return Organization.objects.filter(pk__in=ids)


def _exists_any(querysets) -> Q:
    """EXISTS (first) OR EXISTS (second) …: checked per candidate row through the foreign-key indexes,
    so the cost follows the few rows a name matches, not the size of the whole book."""
    return reduce(operator.or_, (Q(Exists(qs)) for qs in querysets))


def public_person_q() -> Q:
    """The condition of public_persons(), as correlated EXISTS (cheap on a few candidates)."""
    pk = OuterRef("pk")
    return _exists_any([
        Appointment.objects.filter(_published(), person=pk),
        Honour.objects.filter(_published(), person=pk),
        EditorialBoardMember.objects.filter(_published(), person=pk),
        Event.persons.through.objects.filter(event__edition__status__in=visible_statuses(), person=pk),
        Entry.persons.through.objects.filter(entry__section__edition__status__in=visible_statuses(), person=pk),
    ])


def public_organization_q() -> Q:
    """The condition of public_organizations(), as correlated EXISTS (cheap on a few candidates)."""
    pk = OuterRef("pk")
    return _exists_any([
        Appointment.objects.filter(_published(), organization=pk),
        Section.objects.filter(_published(), organization=pk),
        Honour.objects.filter(_published(), organization=pk),
        Honour.objects.filter(_published(), work_unit_org=pk),
        Honour.awarded_by.through.objects.filter(honour__edition__status__in=visible_statuses(), organization=pk),
        Event.organizations.through.objects.filter(event__edition__status__in=visible_statuses(), organization=pk),
        Entry.organizations.through.objects.filter(entry__section__edition__status__in=visible_statuses(), organization=pk),
        Document.objects.filter(_published(), issuing_org=pk),
    ])


def person_matches(query: str):
    """Persons by name (any part of it: 恒山), full pinyin (zhanghengshan) or initials (zhs)."""
    q = rules.clean_query(query)
    if not q:
        return Person.objects.none()
    condition = Q(name__contains=q) | Q(key__contains=q)
    key = rules.pinyin_key(q)
    if len(key) >= 2:
        condition |= Q(name_pinyin__startswith=key) | Q(name_initials__startswith=key)
        if len(key) >= 4:
            condition |= Q(name_pinyin__contains=key)
    return Person.objects.filter(condition).filter(public_person_q())


def agency_matches(query: str):
    """Public agencies by name, by any of their other spellings (区统计局 / 金川区统计局), or by pinyin."""
    return agency_name_matches(query).filter(public_organization_q())


def agency_name_matches(query: str):
    """Agencies (public or not) by name, other spellings or pinyin."""
    q = rules.clean_query(query)
    if not q:
        return Organization.objects.none()
    condition = Q(name__contains=q) | Q(pk__in=OrganizationAlias.objects.filter(
        name__contains=q).values("organization_id"))
    key = rules.pinyin_key(q)
    if len(key) >= 2:
        condition |= Q(name_initials__contains=key)
        if len(key) >= 3:
            condition |= Q(name_pinyin__contains=key)
    return Organization.objects.filter(condition)


class PersonFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="姓名或拼音")

    class Meta:
        model = Person
        fields = ["q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=person_matches(value).values("pk"))


def latest_posts(n: int = 1) -> Prefetch:
    """Each person's latest ``n`` published appointments, as person.latest_posts (to tell namesakes
    apart): sliced per person in SQL, not a whole career of fifty editions for every name listed."""
    posts = (Appointment.objects.filter(_published()).select_related("organization")
             .order_by("-edition__year", "roster__order", "order"))
    return Prefetch("appointments", posts[:n], to_attr="latest_posts")


def person_directory(params):
    """The people directory: the FilterSet and its persons with their latest post."""
    queryset = public_persons().order_by("name_pinyin", "key").prefetch_related(latest_posts())
    return PersonFilterSet(params, queryset=queryset)


def person_get(key: str) -> Person:
    person = Person.objects.filter(key=key).filter(public_person_q()).first()
    if person is None:
        raise Http404("no such person")
    return person


MENTIONS_SHOWN = 20      # the latest events and entries that mention a person, on the person's page
APPOINTMENTS_SHOWN = 30  # the latest appointments (a whole career in one edition or a few dozen)
MENTIONS_PER_PAGE = 50   # ?all=appointments|events|entries: that list in full, paginated
PERSON_LISTS = ("appointments", "events", "entries")


@dataclass
class PersonPage:
    person: Person
    appointments: list
    honours: list
    events: list
    entries: list
    namesakes: list
    board_seats: list
    totals: dict = field(default_factory=dict)   # list name → how many rows it has in all
    all: str = ""            # "appointments", "events" or "entries": that list in full, paginated
    all_page: Page | None = None
    current_post: Appointment | None = None   # the latest appointment, whichever page of them is shown

    @property
    def appointments_total(self) -> int:
        return self.totals.get("appointments", len(self.appointments))

    @property
    def events_total(self) -> int:
        return self.totals.get("events", len(self.events))

    @property
    def entries_total(self) -> int:
        return self.totals.get("entries", len(self.entries))

    @property
    def appointments_more(self) -> bool:
        return self.appointments_total > len(self.appointments)

    @property
    def events_more(self) -> bool:
        return self.events_total > len(self.events)

    @property
    def entries_more(self) -> bool:
        return self.entries_total > len(self.entries)


def person_appointments(person: Person):
    """The person's appointments in published editions, latest edition first (a queryset)."""
    return (person.appointments.filter(_published())
            .select_related("organization", "edition", "roster__section__category")
            .defer("edition__editorial_notes")   # a JSON list: decoded per row for nothing
            .order_by("-edition__year", "roster__order", "order"))


def person_mentions(person: Person):
    """(events, entries) that mention a person, latest edition first (querysets)."""
    events = (annotate_event_ordinal(person.events.filter(_published())).select_related("edition")
              .defer("edition__editorial_notes").order_by("-edition__year", "order"))
    entries = (person.entries.filter(section__edition__status__in=visible_statuses())
               .select_related("section__category", "section__edition")
               .defer("body", "subheadings", "section__edition__editorial_notes")
               .order_by("-section__edition__year", "section__order", "order"))
    return events, entries


def person_page(person: Person, *, all: str = "", page=None) -> PersonPage:
    """The person's latest APPOINTMENTS_SHOWN appointments (their career) and, of the events and
    entries that mention them, the latest MENTIONS_SHOWN each, with the totals; with ``all`` one of
    those lists in full, MENTIONS_PER_PAGE a page. A page of fifty editions stays as short as one."""
    all = all if all in PERSON_LISTS else ""
    lists = dict(zip(PERSON_LISTS, (person_appointments(person), *person_mentions(person))))
    shown_of = {"appointments": APPOINTMENTS_SHOWN, "events": MENTIONS_SHOWN, "entries": MENTIONS_SHOWN}
    shown, totals, all_page = {}, {}, None
    for kind, queryset in lists.items():
        if kind == all:
            all_page = counted_page(queryset, MENTIONS_PER_PAGE, page)
            shown[kind], totals[kind] = list(all_page), all_page.paginator.count
        else:
            shown[kind], totals[kind] = counted_slice(queryset, 0, shown_of[kind])
    if all == "appointments":   # a later page of the career: its first row is not the current post
        current_post = lists["appointments"].first() if totals["appointments"] else None
    else:
        current_post = shown["appointments"][0] if shown["appointments"] else None
    honours = list(person.honours.filter(_published()).select_related("edition", "work_unit_org")
                   .order_by("-edition__year", "order"))
    namesakes = list(Person.objects.filter(name=person.name).exclude(pk=person.pk).filter(public_person_q())
                     .prefetch_related(latest_posts()))
    board = list(person.board_seats.filter(_published()).select_related("edition"))
    return PersonPage(person, shown["appointments"], honours, shown["events"], shown["entries"], namesakes, board,
                      totals=totals, all=all, all_page=all_page, current_post=current_post)


class OrganizationFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Organization.Kind.choices, label="类型")
    q = filters.CharFilter(method="filter_q", label="名称或拼音")

    class Meta:
        model = Organization
        fields = ["kind", "q"]

    def filter_q(self, queryset, name, value):   # the directory's queryset holds public agencies only
        return queryset.filter(pk__in=agency_name_matches(value).values("pk"))


@dataclass
class AgencyDirectory:
    filterset: OrganizationFilterSet
    kinds: list  # (value, label, count)


def agency_directory(params) -> AgencyDirectory:
    public = public_organizations()
    filterset = OrganizationFilterSet(params, queryset=public.order_by("name_pinyin", "name"))
    counts = dict(public.values_list("kind").annotate(n=Count("pk")).order_by())
    kinds = [(value, label, counts[value]) for value, label in Organization.Kind.choices if counts.get(value)]
    return AgencyDirectory(filterset, kinds)


def agency_get(name: str) -> tuple[Organization | None, Organization | None]:
    """(agency, None) by its name, or (None, agency) when ``name`` is one of its aliases (to redirect)."""
    org = Organization.objects.select_related("parent").filter(name=name).filter(public_organization_q()).first()
    if org is not None:
        return org, None
    alias = OrganizationAlias.objects.select_related("organization").filter(name=name).first()
    if alias is not None and Organization.objects.filter(pk=alias.organization_id).filter(
            public_organization_q()).exists():
        return None, alias.organization
    raise Http404("no such agency")


@dataclass
class EditionRoster:
    edition: Edition
    rosters: list[RosterView]


@dataclass
class AgencyEdition:
    """One published edition as the agency page's edition selector sees it."""
    edition: Edition
    rosters: int
    sections: int
    honours: int
    events: int
    entries: int

    @property
    def year(self) -> int:
        return self.edition.year

    @property
    def any(self) -> bool:
        return bool(self.rosters or self.sections or self.honours or self.events or self.entries)


@dataclass
class AgencyPage:
    organization: Organization
    aliases: list
    children: list
    rosters: list[EditionRoster]    # the selected edition's rosters (one block, or none)
    sections: list
    entries: list
    honours_received: list
    honours_staff: list
    honours_given: list
    events: list
    edition: Edition | None = None          # the edition shown
    editions: list = field(default_factory=list)  # AgencyEdition of every edition that names the agency
    totals: dict = field(default_factory=dict)    # honours/events/entries/rosters over all editions


def _agency_honours(org: Organization):
    given = Honour.awarded_by.through.objects.filter(organization=org).values("honour_id")
    return Honour.objects.filter(Q(organization=org) | Q(work_unit_org=org) | Q(pk__in=given))


def agency_editions(org: Organization) -> list[AgencyEdition]:
    """Every published edition, latest first, with what it records of the agency (two queries).

    The counts are one UNION ALL of five GROUP BYs over the agency's own rows: counted per edition
    instead (a correlated subquery each), PostgreSQL re-read the agency's entry links once for every
    edition, 9 ms with fifty editions."""
    sources = {
        "rosters": (Roster.objects.filter(organization=org), "edition_id"),
        "sections": (Section.objects.filter(organization=org), "edition_id"),
        "honours": (_agency_honours(org), "edition_id"),
        "events": (Event.organizations.through.objects.filter(organization=org), "event__edition_id"),
        "entries": (Entry.organizations.through.objects.filter(organization=org), "entry__section__edition_id"),
    }
    parts = [queryset.order_by().values(per_edition=F(path))
             .annotate(kind=Value(kind, output_field=CharField()), n=Count("pk")).values_list("per_edition", "kind", "n")
             for kind, (queryset, path) in sources.items()]
    counts: dict[int, dict[str, int]] = {}
    for edition_id, kind, n in parts[0].union(*parts[1:], all=True):
        counts.setdefault(edition_id, {})[kind] = n
    return [AgencyEdition(e, *(counts.get(e.pk, {}).get(kind, 0) for kind in sources)) for e in edition_list()]


def agency_page(org: Organization, year=None) -> AgencyPage:
    """The agency in ONE edition: its roster and timeline, section, honours and mentions there;
    the latest edition with a roster unless ``year`` picks another (404 if it is not published),
    with the list of the editions that name the agency and the totals over all of them."""
    editions = agency_editions(org)
    by_year = {e.year: e for e in editions}
    if year not in (None, ""):
        try:
            chosen = by_year[int(year)]
        except (KeyError, TypeError, ValueError):
            raise Http404("no such edition") from None
    else:
        chosen = (next((e for e in editions if e.rosters), None) or next((e for e in editions if e.any), None)
                  or (editions[0] if editions else None))
    edition = chosen.edition if chosen else None
    aliases = [a.name for a in org.aliases.all()]
    children = list(Organization.objects.filter(parent=org).filter(public_organization_q())
                    .order_by("name_pinyin"))
    appointments = (Appointment.objects.filter(edition=edition, organization=org)
                    .select_related("roster__section__category", "person", "edition")
                    .order_by("roster__order", "order"))
    block = EditionRoster(edition, [])
    for a in appointments:
        if not block.rosters or block.rosters[-1].roster.pk != a.roster_id:
            block.rosters.append(RosterView(a.roster))
        block.rosters[-1].appointments.append(a)
    sections = list(org.sections.filter(edition=edition).select_related("category", "edition")
                    .order_by("order"))
    # The entries of its sections and the entries that mention it, in one query.
    mentions = Entry.organizations.through.objects.filter(entry=OuterRef("pk"), organization=org)
    both = (Entry.objects.filter(section__edition=edition)
            .filter(Q(section__organization=org) | Q(Exists(mentions)))
            .annotate(mentions_org=Exists(mentions))
            .select_related("section__category", "section__edition").order_by("section__order", "order"))
    entries, of_section = [], {s.pk: [] for s in sections}
    for e in both:
        if e.section_id in of_section:
            of_section[e.section_id].append(e)
        if e.mentions_org:
            entries.append(e)
    for s in sections:
        s.entry_list = of_section[s.pk]
    honours = list(_agency_honours(org).filter(edition=edition).select_related("edition", "person")
                   .order_by("kind", "order"))
    events = list(annotate_event_ordinal(org.events.filter(edition=edition)).select_related("edition")
                  .order_by("order"))
    shown = [e for e in editions if e.any]
    totals = {k: sum(getattr(e, k) for e in editions)
              for k in ("rosters", "sections", "honours", "events", "entries")}
    return AgencyPage(
        organization=org, aliases=aliases, children=children,
        rosters=[block] if block.rosters else [], sections=sections, entries=entries,
        honours_received=[h for h in honours if h.organization_id == org.pk],
        honours_staff=[h for h in honours if h.work_unit_org_id == org.pk and h.organization_id != org.pk],
        honours_given=[h for h in honours if h.organization_id != org.pk and h.work_unit_org_id != org.pk],
        events=events, edition=edition, editions=shown, totals=totals)


# -- chronicle ---------------------------------------------------------------------

def annotate_event_ordinal(queryset):
    """Number each event among the events of its date (for its anchor 1月8日-2), whatever the filter."""
    before = (Event.objects.filter(edition=OuterRef("edition"), date=OuterRef("date"),
                                   precision=OuterRef("precision"), order__lt=OuterRef("order"))
              .order_by().values("edition").annotate(n=Count("pk")).values("n"))
    return queryset.annotate(same_date_before=Coalesce(Subquery(before), 0))


def event_anchor(event) -> str:
    """1月8日, 1月8日-2 (the second event of that day), 4月是月 (an event of the whole month)."""
    base = f"{event.date.month}月{event.date.day}日" if event.precision == "day" else f"{event.date.month}月是月"
    n = getattr(event, "same_date_before", 0) + 1
    return base if n == 1 else f"{base}-{n}"


MONTH_CHOICES = [(m, f"{m}月") for m in range(1, 13)]


class EventFilterSet(filters.FilterSet):
    month = filters.TypedChoiceFilter(choices=MONTH_CHOICES, coerce=int, method="filter_month", label="月份")
    q = filters.CharFilter(field_name="text", lookup_expr="contains", label="内容")
    person = filters.CharFilter(method="filter_person", label="人物")
    agency = filters.CharFilter(method="filter_agency", label="机构")

    class Meta:
        model = Event
        fields = ["month", "q", "person", "agency"]

    def filter_month(self, queryset, name, value):
        return queryset.filter(date__month=value)

    def filter_person(self, queryset, name, value):
        return queryset.filter(persons__key=value)

    def filter_agency(self, queryset, name, value):
        named = Q(organizations__name=value) | Q(organizations__aliases__name=value)
        return queryset.filter(named).distinct()


@dataclass
class MonthGroup:
    month: int
    events: list


@dataclass
class Chronicle:
    filterset: EventFilterSet
    months: list[MonthGroup]
    counts: list  # (month, count) for all 12 months, over the whole edition
    total: int      # events shown (after the filters)
    total_all: int  # events of the edition
    person: Person | None
    agency: Organization | None


def chronicle(edition: Edition, params) -> Chronicle:
    base = annotate_event_ordinal(edition.events.all()).order_by("order")
    filterset = EventFilterSet(params, queryset=base)
    events = list(filterset.qs.prefetch_related("persons", "organizations"))
    groups: "OrderedDict[int, MonthGroup]" = OrderedDict()
    for e in events:
        groups.setdefault(e.date.month, MonthGroup(e.date.month, [])).events.append(e)
    per_month = dict(edition.events.annotate(m=ExtractMonth("date")).values_list("m").annotate(n=Count("pk"))
                     .order_by())
    data = cleaned(filterset)
    person = public_persons().filter(key=data["person"]).first() if data.get("person") else None
    agency = (Organization.objects.filter(Q(name=data["agency"]) | Q(aliases__name=data["agency"])).first()
              if data.get("agency") else None)
    return Chronicle(filterset=filterset, months=list(groups.values()),
                     counts=[(m, per_month.get(m, 0)) for m in range(1, 13)], total=len(events),
                     total_all=sum(per_month.values()),
                     person=person, agency=agency)


# -- honours -------------------------------------------------------------------------

GENDER_CHOICES = [("F", "女"), ("M", "男")]
LEVEL_CHOICES = [(level, rules.LEVEL_LABELS[level]) for level in rules.LEVEL_RANK]


def honour_facets(kind: str, gender: str, date, awarded_by_names) -> dict:
    """The facet values of one honour (the same values the FilterSet filters on)."""
    return {"kind": kind, "month": date.month if date else None,
            "level": rules.highest_level(awarded_by_names), "gender": gender or None}


class HonourFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Honour.Kind.choices, label="类别")
    month = filters.TypedChoiceFilter(choices=MONTH_CHOICES, coerce=int, method="filter_month", label="授奖月份")
    level = filters.ChoiceFilter(choices=LEVEL_CHOICES, method="filter_level", label="授奖单位级别")
    gender = filters.ChoiceFilter(choices=GENDER_CHOICES, label="性别")

    class Meta:
        model = Honour
        fields = ["kind", "month", "level", "gender"]

    def filter_month(self, queryset, name, value):
        return queryset.filter(date__month=value)

    def filter_level(self, queryset, name, value):
        # The level is derived from the bodies' names by a rule, not stored: select by id.
        ids = [pk for pk, names in queryset.values_list("pk", "awarded_by_names")
               if rules.highest_level(names) == value]
        return queryset.filter(pk__in=ids)


FACETS = ["kind", "level", "month", "gender"]


@dataclass
class HonourList:
    filterset: HonourFilterSet
    honours: list
    facets: dict  # facet -> list of (value, label, count, selected)
    active: dict


def honour_list(edition: Edition, params) -> HonourList:
    base = edition.honours.order_by("kind", "order")
    filterset = HonourFilterSet(params, queryset=base)
    honours = list(filterset.qs.select_related("organization", "person", "work_unit_org")
                   # a plain list per honour: .all() in the template built a QuerySet for each row
                   .prefetch_related(Prefetch("awarded_by", to_attr="awarders")))
    active = cleaned(filterset)
    rows = [honour_facets(*values)
            for values in base.values_list("kind", "gender", "date", "awarded_by_names")]
    labels = {"kind": dict(Honour.Kind.choices), "level": dict(LEVEL_CHOICES), "month": dict(MONTH_CHOICES),
              "gender": dict(GENDER_CHOICES)}
    facets = {}
    for facet in FACETS:
        others = {k: v for k, v in active.items() if k != facet}
        counts = Counter(r[facet] for r in rows if all(r[k] == v for k, v in others.items()))
        facets[facet] = [(value, label, counts.get(value, 0), active.get(facet) == value)
                         for value, label in labels[facet].items() if counts.get(value)]
    return HonourList(filterset=filterset, honours=honours, facets=facets, active=active)


# -- statistics ------------------------------------------------------------------------

def table_list(edition: Edition):
    return list(edition.tables.select_related("section__category").order_by("order"))


def table_get(edition: Edition, key: str) -> StatTable:
    table = tables_prefetched(StatTable.objects.filter(edition=edition, key=key)
                              .select_related("section__category")).first()
    if table is None:
        raise Http404("no such table")
    return table


SERIES_EDITIONS = 10   # the key figures' series: the edition shown and the nine published before it


@dataclass
class SeriesPoint:
    value: object
    value_text: str
    unit: str


@dataclass
class StatsIndex:
    bulletin: object
    chapters: list   # (BulletinChapter, [its StatTables])
    tables: list
    key_figures: list
    series: dict  # indicator -> [SeriesPoint or None per year of series_years], if in several editions
    series_years: list


def key_figure_series(edition: Edition, key_figures: list) -> tuple[dict, list]:
    """The edition's key figures over it and the SERIES_EDITIONS - 1 published editions before it,
    one cell per year (None where an edition lacks the indicator); indicators found in one edition only
    are left out. Bounded: fifty editions of 46 figures were 2,300 rows and a 50-column table."""
    years = list(edition_list().filter(year__lte=edition.year).values_list("year", flat=True)[:SERIES_EDITIONS])
    points: dict[str, dict[int, SeriesPoint]] = {}
    rows = (KeyFigure.objects.filter(edition__status__in=visible_statuses(), edition__year__in=years,
                                     indicator__in=[k.indicator for k in key_figures])
            .values_list("indicator", "edition__year", "value", "value_text", "unit"))
    for indicator, year, value, value_text, unit in rows:
        if value is not None or value_text:   # a figure given only as a change (比上年增长5.26%) has no level
            points.setdefault(indicator, {})[year] = SeriesPoint(value, value_text, unit)
    order = {k.indicator: i for i, k in enumerate(key_figures)}
    shown = sorted((i for i, by_year in points.items() if len(by_year) > 1), key=order.get)
    series_years = sorted({year for i in shown for year in points[i]})
    return {i: [points[i].get(year) for year in series_years] for i in shown}, series_years


def stats_index(edition: Edition) -> StatsIndex:
    from stats.models import Bulletin

    bulletin = Bulletin.objects.filter(edition=edition).first()
    chapters = list(BulletinChapter.objects.filter(edition=edition).order_by("number"))
    key_figures = list(edition.key_figures.order_by("order"))
    series, series_years = key_figure_series(edition, key_figures)
    tables = table_list(edition)
    by_number = {t.number: t for t in tables if t.number}
    return StatsIndex(bulletin=bulletin, tables=tables, key_figures=key_figures, series=series,
                      chapters=[(c, [by_number[n] for n in c.tables if n in by_number]) for c in chapters],
                      series_years=series_years)


# -- documents ---------------------------------------------------------------------------

def document_list(edition: Edition):
    return list(edition.documents.order_by("order").annotate(n_articles=Count("articles")))


def document_get(edition: Edition, key: str) -> Document:
    articles = Article.objects.order_by("number")
    parts = Part.objects.order_by("order")
    chapters = Chapter.objects.order_by("number").prefetch_related("sections")
    doc = (Document.objects.filter(edition=edition, key=key).select_related("issuing_org")
           .prefetch_related(Prefetch("chapters", chapters), Prefetch("articles", articles),
                             Prefetch("parts", parts)).first())
    if doc is None:
        raise Http404("no such document")
    return doc
