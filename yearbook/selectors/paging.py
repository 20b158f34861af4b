"""Long lists fetched and counted by one query.

Django's Paginator counts with a second query (COUNT(*)), which on the directories and the search
evaluated the public-records condition over every edition a second time: here the page's own query
counts its rows with a window function.
"""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, ForeignObjectRel, Subquery, Window

MAX_PAGE = 10 ** 6   # past the end anyway: no OFFSET overflow


def chosen_rows(queryset, ids):
    """The rows of ``queryset`` whose ids ``ids`` (a subquery of its own narrow rows) chose, in its order and
    with its joins and annotations, without its conditions: the ids passed them already, and evaluating them
    again cost a search's gram check (0.3 ms) per row read. A queryset joined along a to-many relation (a
    person's entries, through the mentions table) keeps its conditions: without them the join would repeat
    each row once per related record."""
    whole = queryset.all()
    if not _joins_to_many(whole.query):
        whole.query.clear_where()
    return whole.filter(pk__in=Subquery(ids))


def _joins_to_many(query) -> bool:
    """Whether the query joins a reverse foreign key or a many-to-many table (joins that multiply rows)."""
    return any(isinstance(rel := getattr(join, "join_field", None), ForeignObjectRel) and not rel.field.unique
               for join in query.alias_map.values())


def counted_slice(queryset, start: int, stop: int, *, wide: bool = False) -> tuple[list, int]:
    """Rows ``start:stop`` of a queryset and how many rows it has, in one query (a window count).

    ``wide``: for rows too wide to sort whole (entries with their bodies: 14,000 of them for 工作 took
    400 ms), the slice's ids are chosen and counted on narrow rows and only those rows are read in full,
    still in one query (two subqueries)."""
    if wide:
        ids = queryset.values("pk")[start:stop]
        total = queryset.annotate(n=Window(Count("pk"))).values("n")[:1]
        items = list(chosen_rows(queryset, ids).annotate(counted_total=Subquery(total)))
    else:
        items = list(queryset.annotate(counted_total=Window(Count("pk")))[start:stop])
    return items, (items[0].counted_total if items else 0)


class CountedPaginator(Paginator):
    """A Paginator whose pages count the whole list in the query that fetches them (see counted_slice)."""

    def __init__(self, object_list, per_page, *, wide: bool = False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.wide = wide

    def get_page(self, number):
        """As Paginator.get_page: a bad number is page 1, a number past the end the last page."""
        try:
            number = min(max(1, int(number or 1)), MAX_PAGE)
        except (TypeError, ValueError):
            number = 1
        items = self._fetch(number)
        if not items and number > 1:
            self.count = self.object_list.count()
            number = max(1, self.num_pages)
            items = self._fetch(number)
        return self._get_page(items, number, self)

    def _fetch(self, number: int) -> list:
        items, self.count = counted_slice(self.object_list, (number - 1) * self.per_page, number * self.per_page,
                                          wide=self.wide)
        self.__dict__.pop("num_pages", None)   # computed from the count just read
        return items


def counted_page(queryset, per_page: int, number, *, wide: bool = False):
    """A page of ``queryset`` (Paginator.get_page's rules) counted by the query that fetches it."""
    return CountedPaginator(queryset, per_page, wide=wide).get_page(number)
