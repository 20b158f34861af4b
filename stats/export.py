"""The statistics in an edition's open-data export (yearbook.export): tables and the bulletin."""
from __future__ import annotations

from django.db.models import Prefetch

from stats.models import StatTable, TableRow
from yearbook.export import month_text, number, provenance


def export_statistics(edition) -> dict:
    return {"tables": _tables(edition), "bulletin": _bulletin(edition)}


def _tables(edition) -> list[dict]:
    tables = (StatTable.objects.filter(edition=edition).select_related("section")
              .prefetch_related("columns", Prefetch("rows", TableRow.objects.prefetch_related("cells__column")))
              .order_by("order"))
    out = []
    for t in tables:
        columns = list(t.columns.all())
        rows = []
        for row in t.rows.all():
            by_col = {c.column_id: c for c in row.cells.all()}
            values, printed, spans = [], [], []
            for i, col in enumerate(columns):
                cell = by_col.get(col.id)
                if cell is None:
                    values.append(None)
                    printed.append("")
                    continue
                values.append(number(cell.value) if cell.value is not None else (cell.text or None))
                printed.append(cell.text)
                if cell.rowspan > 1 or cell.colspan > 1:
                    spans.append({"column": i, "rowspan": cell.rowspan, "colspan": cell.colspan})
            rows.append({"label": row.label, "parent": row.group or None, "values": values, "printed": printed,
                         **({"spans": spans} if spans else {}), "source_line": row.source_line})
        out.append({"number": t.number or None, "key": t.key, "title": t.title, "unit": t.unit or None,
                    "section": t.section.name if t.section else None, "label_header": t.label_header or None,
                    "columns": [{"label": c.label, "path": c.path, "unit": c.unit or None} for c in columns],
                    "rows": rows, "notes": t.notes, **provenance(t)})
    return out


def _bulletin(edition) -> dict | None:
    b = getattr(edition, "bulletin", None)
    if b is None:
        return None
    return {"title": b.title, "author": b.author, "issued": month_text(b.issued), "intro": b.intro, "notes": b.notes,
            "source_line": b.source_line,
            "chapters": [{"number": c.number, "title": c.title, "text": c.text, "tables": c.tables,
                          **provenance(c)} for c in edition.bulletin_chapters.all()]}
