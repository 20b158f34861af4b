"""Persons: the directory, name and pinyin matching, and a person's page."""
from __future__ import annotations

import re
from dataclasses import dataclass

import django_filters as filters
from django.core.paginator import Page
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404

from yearbook import registry, rules
from yearbook.models import Appointment, Person
from yearbook.pagecache import per_content
from yearbook.search.engine import among
from yearbook.search.query import Term, as_query, term_query
from yearbook.selectors.agencies import agency_name_matches
from yearbook.selectors.paging import counted_page, counted_slice
from yearbook.selectors.references import only_public, public_among, public_persons
from yearbook.selectors.visibility import visible


def name_q(term: Term, prefix: str = "") -> Q:
    """A person's name holds one of the term's forms (any part: 恒山), or its pinyin reads the term
    (zhanghengshan, initials zhs)."""
    condition = Q()
    for form in term.forms:
        condition |= Q(**{f"{prefix}name__contains": form}) | Q(**{f"{prefix}key__contains": form})
    key = term.pinyin
    if len(key) >= 2:
        condition |= Q(**{f"{prefix}name_pinyin__startswith": key}) | Q(**{f"{prefix}name_initials__startswith": key})
        if len(key) >= 4:
            condition |= Q(**{f"{prefix}name_pinyin__contains": key})
    return condition


def post_titles() -> list[str]:
    """The titles of the posts (title_normalized), each once: a hundred or so over fifty editions' 18,000
    posts. Kept per content version."""
    return per_content("post-titles", lambda: sorted(set(Appointment.objects.values_list("title_normalized",
                                                                                          flat=True))))


def office_q(term: Term) -> Q:
    """An appointment to the office the term names (区长; not 副区长), see rules.holds_office: the titles that
    name it are found among the distinct titles, not by a regular expression on every post."""
    patterns = [re.compile(rules.office_pattern(form)) for form in term.forms]
    return Q(title_normalized__in=[t for t in post_titles() if t and any(p.search(t) for p in patterns)])


def person_matches(query):
    """Public persons whose name matches every word of the query (张 恒山), or the query as one word
    (恒山, zhanghengshan, zhs); or who held an office named by a word (区长), with the other words matching
    the same post's agency or the person's name (统计局 局长, 张恒山 区长)."""
    q = as_query(query)
    if not q.terms:
        return Person.objects.none()
    condition = Q()
    for term in q.terms:
        condition &= name_q(term)
    if len(q.terms) > 1 and q.joined is not None:
        condition |= name_q(q.joined)
    if any(t.title for t in q.terms):
        posts = Appointment.objects.filter(visible())
        for term in q.terms:
            # by the persons' ids, not a join: each of the posts of fifty editions would look its person up
            post = among("person_id", Person.objects.filter(name_q(term)).values("pk"))
            if term.title:
                post |= office_q(term)
            if len(q.terms) > 1:
                post |= among("organization_id", agency_name_matches(term_query(term)).values("pk"))
            posts = posts.filter(post)
        condition |= Q(pk__in=posts.values("person_id"))
    return Person.objects.filter(pk__in=public_among(Person.objects.filter(condition)))


class PersonFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="姓名或拼音")

    class Meta:
        model = Person
        fields = ["q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=person_matches(value).values("pk"))


def latest_posts(n: int = 1) -> Prefetch:
    """Each person's latest ``n`` visible appointments, as person.latest_posts (to tell namesakes apart):
    sliced per person in SQL, not a whole career of fifty editions for every name listed."""
    posts = (Appointment.objects.filter(visible()).select_related("organization")
             .only("person_id", "title", "organization__name")   # what the lists show: 区统计局 局长
             .order_by("-edition__year", "roster__order", "order"))
    return Prefetch("appointments", posts[:n], to_attr="latest_posts")


def person_directory(params) -> PersonFilterSet:
    """The people directory: the FilterSet and its persons with their latest post."""
    queryset = public_persons().order_by("name_pinyin", "key").prefetch_related(latest_posts())
    return PersonFilterSet(params, queryset=queryset)


def person_get(key: str) -> Person:
    """The public person of this key (404 otherwise), with ``namesakes``: the other public persons of the same
    name (fetched in the same query), to tell them apart on the person's page."""
    same_name = Person.objects.filter(name__in=Person.objects.filter(key=key).values("name")).order_by("pk")
    found = only_public(same_name, Person)
    person = next((p for p in found if p.key == key), None)
    if person is None:
        raise Http404("no such person")
    person.namesakes = [p for p in found if p.pk != person.pk]
    return person


MENTIONS_SHOWN = 20      # the latest records of each list that mention a person, on the person's page
APPOINTMENTS_SHOWN = 30  # the latest appointments (a whole career in one edition or a few dozen)
MENTIONS_PER_PAGE = 50   # ?all=appointments|<list>: that list in full, paginated
APPOINTMENTS = "appointments"


@dataclass
class Listing:
    """One list of a person's page: the rows shown and how many there are in all."""
    items: list
    total: int
    shown: int   # how many the page shows unless the whole list is asked for

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


@dataclass
class MentionView:
    mentions: registry.MentionList
    listing: Listing


@dataclass
class PersonPage:
    person: Person
    appointments: Listing
    honours: list
    mentions: list[MentionView]
    namesakes: list
    board_seats: list
    all: str = ""            # "appointments" or a mention list's key: that list in full, paginated
    all_page: Page | None = None
    current_post: Appointment | None = None   # the latest appointment, whichever page of them is shown


def person_appointments(person: Person):
    """The person's appointments in visible editions, latest edition first (a queryset)."""
    return (person.appointments.filter(visible())
            .select_related("organization", "edition", "roster__section__category")
            .defer("edition__editorial_notes")   # a JSON list: decoded per row for nothing
            .order_by("-edition__year", "roster__order", "order"))


def _listing(queryset, shown: int, *, whole: bool, page, wide: bool) -> tuple[Listing, Page | None]:
    if whole:
        page_obj = counted_page(queryset, MENTIONS_PER_PAGE, page, wide=wide)
        return Listing(list(page_obj), page_obj.paginator.count, shown), page_obj
    items, total = counted_slice(queryset, 0, shown, wide=wide)
    return Listing(items, total, shown), None


def person_page(person: Person, *, all: str = "", page=None) -> PersonPage:
    """The person's latest APPOINTMENTS_SHOWN appointments (their career) and, of each list of records that
    mention them (registry.mention_lists: events, entries…), the latest MENTIONS_SHOWN, with the totals; with
    ``all`` one of those lists in full, MENTIONS_PER_PAGE a page. A page of fifty editions stays as short as one."""
    lists = registry.mention_lists()
    all = all if all in [APPOINTMENTS, *(m.key for m in lists)] else ""
    # a career's posts each with their roster, section, category and edition: chosen on their ids too
    appointments, all_page = _listing(person_appointments(person), APPOINTMENTS_SHOWN, whole=all == APPOINTMENTS,
                                      page=page, wide=True)
    mentions = []
    for m in lists:
        listing, whole = _listing(m.of_person(person), MENTIONS_SHOWN, whole=all == m.key, page=page, wide=m.wide)
        all_page = all_page or whole
        mentions.append(MentionView(m, listing))
    if all == APPOINTMENTS:   # a later page of the career: its first row is not the current post
        current_post = person_appointments(person).first() if appointments.total else None
    else:
        current_post = appointments.items[0] if appointments.items else None
    honours = list(person.honours.filter(visible()).select_related("edition", "work_unit_org")
                   .order_by("-edition__year", "order"))
    namesakes = getattr(person, "namesakes", None)
    if namesakes is None:
        namesakes = only_public(Person.objects.filter(name=person.name).exclude(pk=person.pk))
    prefetch_related_objects(namesakes, latest_posts())
    board = list(person.board_seats.filter(visible()).select_related("edition"))
    return PersonPage(person, appointments, honours, mentions, namesakes, board, all=all, all_page=all_page,
                      current_post=current_post)


def entries_of_person(person: Person):
    """The visible entries that name the person, latest edition first (registry.MentionList "entries")."""
    return (person.entries.filter(visible("section__edition"))
            .select_related("section__category", "section__edition")
            .defer("body", "subheadings", "section__edition__editorial_notes")
            .order_by("-section__edition__year", "section__order", "order"))
