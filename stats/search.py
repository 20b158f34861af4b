"""The statistical tables, as the search box finds them (registered in stats.apps)."""
from __future__ import annotations

from django.db.models import Prefetch, Q

from stats.models import StatTable, TableRow
from yearbook.registry import SearchKind
from yearbook.search.engine import matching
from yearbook.search.hits import Hit, find, highlight_name
from yearbook.search.query import as_query, term_query
from yearbook.selectors.visibility import visible


def tables(q):
    """Tables by title, number (表1) or a row label; every word of the query in one of them."""
    query = as_query(q)
    if not query.terms:
        return StatTable.objects.none()
    labelled = Q()   # rows naming any word, shown under their table
    queryset = StatTable.objects.filter(visible())
    for term in query.terms:
        word = term_query(term)
        term_rows = matching(TableRow, word, *TableRow.SEARCH_TEXT)
        labelled |= term_rows
        queryset = queryset.filter(matching(StatTable, word, *StatTable.SEARCH_TEXT) | Q(number__in=term.forms)
                                   | Q(pk__in=TableRow.objects.filter(term_rows).values("table_id")))
    rows = TableRow.objects.filter(labelled).order_by("order")
    return (queryset.select_related("edition", "section")
            .prefetch_related(Prefetch("rows", rows)).order_by("-edition__year", "order"))


def table_hit(t, q) -> Hit:
    label = next((r.label for r in t.rows.all() if find(r.label, q) >= 0), "")
    title = f"{t.number} {t.title}".strip()
    return Hit(title=highlight_name(title, q), url=t.get_absolute_url(),
               snippet=highlight_name(label, q) if label and find(title, q) < 0 else "",
               meta=f"{t.edition.year} · 统计表" + (f" · {t.section.name}" if t.section else ""))


TABLES = SearchKind("tables", "统计表", 50, tables, table_hit)
