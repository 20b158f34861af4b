"""Editorial actions on the statistics."""
from __future__ import annotations

from stats.models import StatTable, TableColumn, TableRow
from yearbook.actions.start_next import next_years


def carry_table_outlines(sender, previous, edition, options, **kwargs) -> dict:
    """signals.edition_started: with ``copy_tables``, the tables' headers and row labels come along into the
    next edition, without their values (the contributing units fill them in)."""
    if not options.get("copy_tables"):
        return {}
    sections, copy = options["sections"], options["copy"]
    tables = list(previous.tables.prefetch_related("columns", "rows"))
    for t in tables:
        table = copy(StatTable, [StatTable(
            edition=edition, section=sections.get(t.section_id), key=t.key, number=t.number,
            title=next_years(t.title, previous), unit=t.unit, label_header=t.label_header, chapter=t.chapter,
            order=t.order)])[0]
        copy(TableColumn, (TableColumn(table=table, order=c.order, label=c.label, path=c.path, unit=c.unit,
                                       printed=c.printed) for c in t.columns.all()))
        rows = {}
        for r in t.rows.all():  # one by one: a row's parent is an earlier row
            rows[r.pk] = copy(TableRow, [TableRow(table=table, order=r.order, label=r.label, group=r.group,
                                                  parent=rows.get(r.parent_id), unit=r.unit)])[0]
    return {"统计表": len(tables)}
