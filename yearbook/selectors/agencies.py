"""Agencies: the directory, name and alias matching, and an agency's page in one edition."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import django_filters as filters
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Value
from django.http import Http404

from yearbook import registry, rules
from yearbook.models import Appointment, Edition, Entry, Honour, Organization, OrganizationAlias, Roster, Section
from yearbook.search.query import Term, as_query
from yearbook.selectors.editions import RosterView, visible_editions
from yearbook.selectors.references import only_public, public_among, public_ids, public_organizations
from yearbook.selectors.visibility import visible


def _named(lookup: str, values) -> Q:
    """The agency's name or one of its aliases ``lookup`` one of ``values`` (name__contains=…)."""
    by_name, by_alias = Q(), Q()
    for v in values:
        by_name |= Q(**{f"name__{lookup}": v})
        by_alias |= Q(**{f"name__{lookup}": v})
    return by_name | Q(pk__in=OrganizationAlias.objects.filter(by_alias).values("organization_id"))


def agency_term_q(term: Term, *, several: bool = False) -> Q:
    """An agency named by one word: its name or an alias holds one of the word's forms (金川区医保局 also as
    区医保局, see search.query), or its pinyin reads it; among several words, a word that is a jurisdiction
    (金川区) matches the agencies whose name starts with one of its forms (金川区 信访局 → 区信访局)."""
    condition = _named("contains", term.forms)
    if several and term.jurisdiction:
        condition |= _named("startswith", term.jurisdiction)
    key = term.pinyin
    if len(key) >= 2:
        condition |= Q(name_initials__contains=key)
        if len(key) >= 3:
            condition |= Q(name_pinyin__contains=key)
    return condition


def agency_name_matches(query):
    """Agencies (public or not) by name, other spellings (区统计局 / 金川区统计局 / 中共金川区委统计局) or
    pinyin; every word of the query, or the query as one word (金川区 信访局)."""
    q = as_query(query)
    if not q.terms:
        return Organization.objects.none()
    condition = Q()
    for term in q.terms:
        condition &= agency_term_q(term, several=len(q.terms) > 1)
    if len(q.terms) > 1 and q.joined is not None:
        condition |= agency_term_q(q.joined)
    return Organization.objects.filter(condition)


def exactly_named(query) -> Q:
    """The agency is named exactly as one form of the whole query (区医保局 for 金川区医疗保障局): such a hit
    comes first."""
    q = as_query(query)
    return _named("exact", q.joined.forms) if q.joined is not None else Q(pk__in=[])


def agency_matches(query: str):
    """Public agencies by name, other spellings or pinyin."""
    return Organization.objects.filter(pk__in=public_among(agency_name_matches(query)))


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
    """(agency, None) by its name, or (None, agency) when ``name`` is one of its aliases (to redirect).

    The agency comes with its parent and, as ``kin``, its public parent and children (for its page), read in
    the same query, and its aliases as ``alias_names`` (a row per alias: a family has a few)."""
    public = public_ids(Organization)
    parent_of_named = Organization.objects.filter(name=name).values("parent_id")
    rows = (Organization.objects.filter(Q(name=name) | Q(parent__name=name) | Q(pk__in=parent_of_named))
            .annotate(alias_name=F("aliases__name")).order_by("name_pinyin", "pk", "aliases__id"))
    family, aliases = {}, {}
    for o in rows:
        family.setdefault(o.pk, o)
        if o.alias_name:
            aliases.setdefault(o.pk, []).append(o.alias_name)
    family = list(family.values())
    org = next((o for o in family if o.name == name), None)
    if org is not None and org.pk in public:
        org.alias_names = aliases.get(org.pk, [])
        org.parent = next((o for o in family if o.pk == org.parent_id), None) if org.parent_id else None
        org.kin = [o for o in family if o.pk != org.pk and o.pk in public
                   and (o.parent_id == org.pk or o.pk == org.parent_id)]
        return org, None
    alias = OrganizationAlias.objects.select_related("organization").filter(name=name).first()
    if alias is not None and alias.organization_id in public:
        return None, alias.organization
    raise Http404("no such agency")


@dataclass
class EditionRoster:
    edition: Edition
    rosters: list[RosterView]


ENTRIES = "entries"   # the core's mention list of entries (registered in yearbook.apps)


@dataclass
class AgencyEdition:
    """One visible edition as the agency page's edition selector sees it: {kind: count} of what it records."""
    edition: Edition
    counts: dict
    mention_counts: list = field(default_factory=list)   # (label, count) of each mention list

    @property
    def year(self) -> int:
        return self.edition.year

    @property
    def any(self) -> bool:
        return any(self.counts.values())


@dataclass
class AgencyMentions:
    mentions: registry.MentionList
    items: list
    total: int      # over every edition


@dataclass
class AgencyPage:
    organization: Organization
    aliases: list
    children: list
    parent: Organization | None   # the parent agency when it has a public page
    rosters: list[EditionRoster]    # the selected edition's rosters (one block, or none)
    sections: list
    honours_received: list
    honours_staff: list
    honours_given: list
    mentions: list[AgencyMentions]
    edition: Edition | None = None          # the edition shown
    editions: list = field(default_factory=list)  # AgencyEdition of every edition that names the agency
    totals: dict = field(default_factory=dict)    # kind → count over all editions
    succession: list = field(default_factory=list)  # Office: who held each principal office, in order


def agency_honours(org: Organization):
    given = Honour.awarded_by.through.objects.filter(organization=org).values("honour_id")
    return Honour.objects.filter(Q(organization=org) | Q(work_unit_org=org) | Q(pk__in=given))


def agency_editions(org: Organization) -> list[AgencyEdition]:
    """Every visible edition, latest first, with what it records of the agency (two queries).

    The counts are one UNION ALL of GROUP BYs over the agency's own rows: counted per edition instead (a
    correlated subquery each), PostgreSQL re-read the agency's entry links once for every edition, 9 ms with
    fifty editions."""
    lists = registry.mention_lists()
    sources = {
        "rosters": (Roster.objects.filter(organization=org), "edition_id"),
        "sections": (Section.objects.filter(organization=org), "edition_id"),
        "honours": (agency_honours(org), "edition_id"),
        **{m.key: (m.per_edition(org), f"{m.edition_path}_id") for m in lists},
    }
    parts = [queryset.order_by().values(per_edition=F(path))
             .annotate(kind=Value(kind, output_field=CharField()), n=Count("pk")).values_list("per_edition", "kind", "n")
             for kind, (queryset, path) in sources.items()]
    counts: dict[int, dict[str, int]] = {}
    for edition_id, kind, n in parts[0].union(*parts[1:], all=True):
        counts.setdefault(edition_id, {})[kind] = n
    out = []
    for e in visible_editions():
        of_edition = {kind: counts.get(e.pk, {}).get(kind, 0) for kind in sources}
        out.append(AgencyEdition(e, of_edition, [(m.label, of_edition[m.key]) for m in lists]))
    return out


def _choose_edition(editions: list[AgencyEdition], year) -> AgencyEdition | None:
    """The edition asked for (404 if it is not visible), else the latest with a roster, else the latest naming
    the agency at all."""
    if year not in (None, ""):
        by_year = {e.year: e for e in editions}
        try:
            return by_year[int(year)]
        except (KeyError, TypeError, ValueError):
            raise Http404("no such edition") from None
    return (next((e for e in editions if e.counts["rosters"]), None) or next((e for e in editions if e.any), None)
            or (editions[0] if editions else None))


def agency_page(org: Organization, year=None) -> AgencyPage:
    """The agency in ONE edition: its roster and timeline, section, honours and mentions there; the latest
    edition with a roster unless ``year`` picks another, with the list of the editions that name the agency
    and the totals over all of them."""
    editions = agency_editions(org)
    chosen = _choose_edition(editions, year)
    edition = chosen.edition if chosen else None
    aliases = getattr(org, "alias_names", None)
    if aliases is None:
        aliases = [a.name for a in org.aliases.all()]
    # Its public children, and its parent if that is public too (a page to link to), in one query.
    kin = getattr(org, "kin", None)
    if kin is None:
        kin = only_public(Organization.objects.filter(Q(parent=org) | Q(pk=org.parent_id or 0))
                          .order_by("name_pinyin"), Organization)
    children = [o for o in kin if o.parent_id == org.pk]
    parent = next((o for o in kin if o.pk == org.parent_id), None)
    posts = (Appointment.objects.filter(edition=edition, organization=org)
             .select_related("roster__section__category", "person", "edition")
             .defer("edition__editorial_notes").order_by("roster__order", "order")) if edition else []
    block = EditionRoster(edition, [])
    for a in posts:
        if not block.rosters or block.rosters[-1].roster.pk != a.roster_id:
            block.rosters.append(RosterView(a.roster))
        block.rosters[-1].appointments.append(a)
    sections = list(org.sections.filter(edition=edition).select_related("category", "edition").order_by("order"))
    # The entries of its sections and the entries that name it, in one query.
    names_it = Entry.organizations.through.objects.filter(entry=OuterRef("pk"), organization=org)
    both = (Entry.objects.filter(section__edition=edition)
            .filter(Q(section__organization=org) | Q(Exists(names_it)))
            .annotate(names_org=Exists(names_it))
            .select_related("section__category", "section__edition").order_by("section__order", "order"))
    entries_naming, of_section = [], {s.pk: [] for s in sections}
    for e in both:
        if e.section_id in of_section:
            of_section[e.section_id].append(e)
        if e.names_org:
            entries_naming.append(e)
    for s in sections:
        s.entry_list = of_section[s.pk]
    honours = list(agency_honours(org).filter(edition=edition).select_related("edition", "person")
                   .order_by("kind", "order"))
    totals = {kind: sum(e.counts[kind] for e in editions) for kind in (editions[0].counts if editions else {})}
    own = {ENTRIES: entries_naming}   # the core's own list, read with its sections' entries above
    mentions = [AgencyMentions(m, own[m.key] if m.key in own else list(m.of_agency(org, edition)) if edition else [],
                               totals.get(m.key, 0))
                for m in registry.mention_lists()]
    return AgencyPage(
        organization=org, aliases=aliases, children=children, parent=parent,
        rosters=[block] if block.rosters else [], sections=sections, mentions=mentions,
        honours_received=[h for h in honours if h.organization_id == org.pk],
        honours_staff=[h for h in honours if h.work_unit_org_id == org.pk and h.organization_id != org.pk],
        honours_given=[h for h in honours if h.organization_id != org.pk and h.work_unit_org_id != org.pk],
        edition=edition, editions=[e for e in editions if e.any], totals=totals, succession=succession(org))


@dataclass(frozen=True)
class HolderPerson:
    """What the succession shows of a person: a name linked to their page."""
    pk: int
    key: str
    name: str


@dataclass
class Holder:
    """One person in an office, over the editions that list them in it (merged while they stay)."""
    person: HolderPerson
    title: str
    start: object = None
    end: object = None
    first_year: int = 0
    last_year: int = 0

    @property
    def tenure(self) -> str:
        return rules.tenure_label(self.start, self.end)

    @property
    def editions(self) -> str:
        return f"{self.first_year}卷" if self.first_year == self.last_year else f"{self.first_year}—{self.last_year}卷"


@dataclass
class Office:
    name: str
    holders: list


@dataclass(frozen=True)
class Post:
    """One appointment as the succession reads it (narrow rows: fifty editions' posts as model instances with
    their roster, person and edition cost 16 ms, as these 1 ms)."""
    title: str
    title_normalized: str
    start: dt.date | None
    end: dt.date | None
    person: HolderPerson
    year: int
    covers_year: int


def _within_edition(a: Post) -> tuple:
    """Holders of one office in one edition in the order they held it: the predecessor (任至…) first, then
    those in office all year, then the successor (…任)."""
    year_start = dt.date(a.covers_year, 1, 1)
    return (a.start or (dt.date.min if a.end else year_start), a.end or dt.date.max)


def agency_posts(org: Organization) -> list[Post]:
    """The agency's appointments in every visible edition, oldest edition first."""
    rows = (Appointment.objects.filter(visible(), organization=org).order_by("edition__year", "roster__order", "order")
            .values_list("title", "title_normalized", "start", "end", "person_id", "person__key", "person__name",
                         "edition__year", "edition__covers_year"))
    return [Post(title, normalized, start, end, HolderPerson(pid, key, name), year, covers)
            for title, normalized, start, end, pid, key, name, year, covers in rows]


def succession(org: Organization) -> list[Office]:
    """Who held each of the agency's principal offices (区长, 局长, 党组书记; rules.is_principal_office), in
    order, over every visible edition."""
    by_office: dict[str, dict[int, list[Post]]] = {}
    for a in agency_posts(org):
        for part in rules.office_parts(a.title_normalized or a.title):
            if rules.is_principal_office(part):
                by_office.setdefault(part, {}).setdefault(a.year, []).append(a)
    offices = []
    for name, by_year in by_office.items():
        holders: list[Holder] = []
        for year in sorted(by_year):
            for a in sorted(by_year[year], key=_within_edition):
                last = holders[-1] if holders else None
                if last is not None and last.person.pk == a.person.pk:
                    last.last_year, last.end = year, a.end
                    last.start = last.start or a.start
                else:
                    holders.append(Holder(a.person, a.title, a.start, a.end, year, year))
        offices.append(Office(name, holders))
    return offices


def entries_of_agency(org: Organization, edition: Edition):
    """The entries of one edition that name the agency (registry.MentionList "entries")."""
    return (org.entries.filter(section__edition=edition).select_related("section__category", "section__edition")
            .order_by("section__order", "order"))


def agency_entry_links(org: Organization):
    return Entry.organizations.through.objects.filter(organization=org)
