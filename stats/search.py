"""The statistical tables, as the search box finds them (registered in stats.apps)."""
from __future__ import annotations

from django.db.models import Prefetch, Q

from stats.models import StatTable, TableRow
from yearbook.registry import SearchKind
from yearbook.search.hits import Hit, find, highlight_name
from yearbook.selectors.visibility import visible


def tables(q: str):
    rows = TableRow.objects.filter(label__contains=q)
    return (StatTable.objects.filter(visible())
            .filter(Q(title__contains=q) | Q(number=q) | Q(pk__in=rows.values("table_id")))
            .select_related("edition", "section").prefetch_related(Prefetch("rows", rows.order_by("order")))
            .order_by("-edition__year", "order"))


def table_hit(t, q: str) -> Hit:
    label = next((r.label for r in t.rows.all() if find(r.label, q) >= 0), "")
    title = f"{t.number} {t.title}".strip()
    return Hit(title=highlight_name(title, q), url=t.get_absolute_url(),
               snippet=highlight_name(label, q) if label and find(title, q) < 0 else "",
               meta=f"{t.edition.year} · 统计表" + (f" · {t.section.name}" if t.section else ""))


TABLES = SearchKind("tables", "统计表", 50, tables, table_hit)
