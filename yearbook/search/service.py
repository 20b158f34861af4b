"""The search: every registered kind (yearbook.registry.search_kinds) for a query, grouped, or one kind paged.

Each group is one query: a window function counts the matches while the first few are fetched.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from yearbook import registry, rules
from yearbook.search.engine import engine
from yearbook.search.hits import Hit
from yearbook.selectors.paging import counted_page, counted_slice

PER_GROUP = 5
PER_PAGE = 20


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    groups: list[Group]
    kind: str | None = None
    page: object = None      # the Paginator page when one kind is shown
    suggestions: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        kind = registry.search_kind(self.kind or "")
        return kind.label if kind else ""

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def kinds() -> list[tuple[str, str]]:
    """(key, label) of every kind, in the order of the results page."""
    return [(k.key, k.label) for k in registry.search_kinds()]


def _wide(kind: registry.SearchKind) -> bool:
    return kind.wide and engine().wide_rows_first


def _group_preview(kind: registry.SearchKind, q: str) -> Group:
    """The first PER_GROUP hits of a kind and, in the same query, how many there are."""
    items, count = counted_slice(kind.queryset(q), 0, PER_GROUP, wide=_wide(kind))
    return Group(kind.key, kind.label, count, [kind.hit(item, q) for item in items])


def search(raw_query: str, *, kind: str | None = None, page: str | int | None = 1) -> SearchResult:
    q = rules.clean_query(raw_query)
    if not q:
        return SearchResult(query="", groups=[])
    one = registry.search_kind(kind or "")
    if one is not None:
        page_obj = counted_page(one.queryset(q), PER_PAGE, page, wide=_wide(one))
        group = Group(one.key, one.label, page_obj.paginator.count, [one.hit(item, q) for item in page_obj])
        result = SearchResult(query=q, groups=[group], kind=one.key, page=page_obj)
    else:
        result = SearchResult(query=q, groups=[_group_preview(k, q) for k in registry.search_kinds()])
    if result.total == 0:
        result.suggestions = suggestions(q)
    return result


def suggestions(q: str) -> list[str]:
    """Shorter queries to try when nothing was found: the first and last two characters of a
    Chinese query, or the query without its spaces."""
    out = []
    if rules.has_han(q) and len(q) > 2:
        out += [q[:2], q[-2:]]
    elif " " in q:
        out.append(q.replace(" ", ""))
    return [s for s in dict.fromkeys(out) if s and s != q]
