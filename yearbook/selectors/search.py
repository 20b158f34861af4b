"""The search: every registered kind (yearbook.registry.search_kinds) for a query, grouped, or one kind paged.

Counts are capped (COUNT_CAP: "1000+"), so a common word (工作) is not counted through fifty editions; a
kind ordered latest edition first takes its first hits from the latest edition before sorting the rest
(registry.SearchKind.split). A query that finds nothing gets suggestions that do exist (suggestions.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, Subquery, Value, Window

from yearbook import registry, rules
from yearbook.search.hits import Hit
from yearbook.search.query import Query, parse
from yearbook.selectors.editions import edition_latest

PER_GROUP = 5
PER_PAGE = 20
COUNT_CAP = 1000        # what the index answers exactly (words of one or two characters) is counted to this
CHECKED_COUNT_CAP = 100  # longer words, other forms: each match is checked in its text (~60 µs a long body)


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False     # there are more than ``count``

    @property
    def count_label(self) -> str:
        return f"{self.count}+" if self.capped else str(self.count)


@dataclass
class SearchResult:
    query: str
    groups: list[Group]
    kind: str | None = None
    page: object = None      # the Paginator page when one kind is shown
    suggestions: list = field(default_factory=list)   # suggest.Suggestion, when nothing was found
    words: list[str] = field(default_factory=list)    # the ANDed words, when there are several
    latest: object = None    # the latest visible edition (the page links to its contents)

    @property
    def kind_label(self) -> str:
        kind = registry.search_kind(self.kind or "")
        return kind.label if kind else ""

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def total_label(self) -> str:
        return f"{self.total}+" if any(g.capped for g in self.groups) else str(self.total)


def kinds() -> list[tuple[str, str]]:
    """(key, label) of every kind, in the order of the results page."""
    return [(k.key, k.label) for k in registry.search_kinds()]


def count_cap(q: Query) -> int:
    """COUNT_CAP when the gram index alone answers the query (every word one form of one or two characters),
    else CHECKED_COUNT_CAP: counting means reading each match's text, and a phrase of fifty editions may have
    hundreds of candidates."""
    exact = all(len(t.forms) == 1 and len(t.forms[0]) <= 2 for t in q.terms)
    return COUNT_CAP if exact else CHECKED_COUNT_CAP


def capped_count(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows, up to ``cap``, and whether there are more: SELECT COUNT(*) over a LIMIT."""
    n = queryset.order_by().values("pk")[:cap + 1].count()
    return min(n, cap), n > cap


def _count_expression(queryset, cap: int) -> Subquery:
    """capped_count as a scalar subquery, to fetch with the first rows (one query instead of two)."""
    limited = queryset.model._base_manager.filter(pk__in=Subquery(queryset.order_by().values("pk")[:cap + 1]))
    return Subquery(limited.order_by().values(one=Value(1)).annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField())


def _rows(kind: registry.SearchKind, queryset, start: int, stop: int, count=None) -> list:
    if count is not None:
        queryset = queryset.annotate(search_total=count)
    if not kind.wide:
        return list(queryset[start:stop])
    # the slice chosen on narrow rows (ids), then only those rows read whole
    return list(queryset.filter(pk__in=Subquery(queryset.values("pk")[start:stop])))


def first_hits(kind: registry.SearchKind, queryset, n: int, latest, count=None) -> list:
    """The first ``n`` matches in the kind's order, the latest edition's first (see module doc); each row
    carries ``count`` as search_total when given."""
    if kind.split is None or latest is None:
        return _rows(kind, queryset, 0, n, count)
    inside, outside = kind.split(queryset, latest)
    items = list(inside.annotate(search_total=count)[:n] if count is not None else inside[:n])
    if len(items) < n:   # the count came with the latest edition's rows, if it had any
        items += _rows(kind, outside, 0, n - len(items), count if not items else None)
    return items


def _group_preview(kind: registry.SearchKind, q: Query, latest) -> Group:
    queryset = kind.queryset(q)
    # Kinds of few matches (persons, agencies, tables, documents) are counted by a window over them, cheaper
    # to build than the capped subquery that the many matches of entries, events and honours need.
    cap = count_cap(q)
    count = _count_expression(queryset, cap) if kind.split or kind.wide else Window(Count("pk"))
    items = first_hits(kind, queryset, PER_GROUP, latest, count=count)
    n = items[0].search_total if items else 0
    return Group(kind.key, kind.label, min(n, cap), [kind.hit(item, q) for item in items], n > cap)


def _page(kind: registry.SearchKind, q: Query, number, latest) -> tuple[Page, Group]:
    queryset = kind.queryset(q)
    count, capped = capped_count(queryset, count_cap(q))
    paginator = Paginator(range(count), PER_PAGE)
    try:
        number = min(max(1, int(number or 1)), max(1, paginator.num_pages))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * PER_PAGE
    items = (first_hits(kind, queryset, PER_PAGE, latest) if number == 1
             else _rows(kind, queryset, start, start + PER_PAGE))
    page = Page(items, number, paginator)
    return page, Group(kind.key, kind.label, count, [kind.hit(item, q) for item in items], capped)


def search(raw_query: str, *, kind: str | None = None, page: str | int | None = 1) -> SearchResult:
    from yearbook.selectors.suggestions import suggestions

    text = rules.clean_query(raw_query)
    q = parse(text)
    latest = edition_latest()
    if not q.terms:
        return SearchResult(query=text, groups=[], latest=latest)
    one = registry.search_kind(kind or "")
    if one is not None:
        page_obj, group = _page(one, q, page, latest)
        result = SearchResult(query=text, groups=[group], kind=one.key, page=page_obj, latest=latest)
    else:
        result = SearchResult(query=text, groups=[_group_preview(k, q, latest) for k in registry.search_kinds()],
                              latest=latest)
    if len(q.terms) > 1:
        result.words = q.words
    if result.total == 0:
        result.suggestions = suggestions(q)
    return result
