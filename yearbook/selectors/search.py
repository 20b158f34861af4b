"""The search: every registered kind (yearbook.registry.search_kinds) for a query, grouped, or one kind paged.

Counts are capped (COUNT_CAP: "1000+"), so a common word (工作) is not counted through fifty editions; a
kind ordered latest edition first takes its first hits from the latest edition before sorting the rest
(registry.SearchKind.split). A query that finds nothing gets suggestions that do exist (suggestions.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.core.exceptions import EmptyResultSet
from django.db import connections

from yearbook import registry, rules
from yearbook.search.hits import Hit
from yearbook.search.query import Query, parse
from yearbook.selectors.editions import edition_latest
from yearbook.selectors.paging import chosen_rows

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


def capped_counts(querysets: dict, cap: int) -> dict:
    """capped_count's figure (up to ``cap + 1``) of each queryset, all in one query (``SELECT (SELECT COUNT(*)
    FROM (… LIMIT)), …``): a kind that finds nothing then costs no query of its own, and the kinds that do
    find are read without a count beside their rows."""
    if not querysets:
        return {}
    db = next(iter(querysets.values())).db
    parts, params = [], []
    for queryset in querysets.values():
        limited = queryset.order_by().values("pk")[:cap + 1]
        try:
            sql, more = limited.query.get_compiler(db).as_sql()
        except EmptyResultSet:   # a condition that cannot hold (no public person matched): nothing to count
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS found)")
        params += more
    with connections[db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone()))


def _rows(kind: registry.SearchKind, queryset, start: int, stop: int) -> list:
    if not kind.wide:
        return list(queryset[start:stop])
    # the slice chosen on narrow rows (ids), then only those rows read whole
    return list(chosen_rows(queryset, queryset.values("pk")[start:stop]))


def first_hits(kind: registry.SearchKind, queryset, n: int, latest) -> list:
    """The first ``n`` matches in the kind's order, the latest edition's first (see module doc)."""
    if kind.split is None or latest is None:
        return _rows(kind, queryset, 0, n)
    inside, outside = kind.split(queryset, latest)
    items = list(inside[:n])
    if len(items) < n:
        items += _rows(kind, outside, 0, n - len(items))
    return items


def _previews(kinds: list[registry.SearchKind], q: Query, latest) -> list[Group]:
    """Each kind's count and first hits: the counts in one query, then the hits of the kinds that found some."""
    querysets = {kind.key: kind.queryset(q) for kind in kinds}
    cap = count_cap(q)
    counts = capped_counts(querysets, cap)
    groups = []
    for kind in kinds:
        n = counts[kind.key]
        items = first_hits(kind, querysets[kind.key], PER_GROUP, latest) if n else []
        groups.append(Group(kind.key, kind.label, min(n, cap), [kind.hit(item, q) for item in items], n > cap))
    return groups


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
        result = SearchResult(query=text, groups=_previews(registry.search_kinds(), q, latest), latest=latest)
    if len(q.terms) > 1:
        result.words = q.words
    if result.total == 0:
        result.suggestions = suggestions(q)
    return result
