"""Editorial actions on the statistics."""
from __future__ import annotations

from django.db.models import Count, Q

from stats.models import StatTable, TableColumn, TableRow
from yearbook.actions.start_next import next_years, next_years_list


def carry_table_outlines(sender, previous, edition, options, **kwargs) -> dict:
    """signals.edition_started: with ``copy_tables``, the tables' headers and row labels come along into the
    next edition, without their values (the contributing units fill them in)."""
    if not options.get("copy_tables"):
        return {}
    sections, copy = options["sections"], options["copy"]
    tables = list(previous.tables.prefetch_related("columns", "rows"))
    for t in tables:
        table = copy(StatTable, [StatTable(
            edition=edition, section=sections.get(t.section_id), key=next_years(t.key, previous),
            number=next_years(t.number, previous), title=next_years(t.title, previous), unit=t.unit,
            label_header=next_years(t.label_header, previous), chapter=t.chapter, order=t.order)])[0]
        # every year in the headers moves on: 2019年 | 2020年 becomes 2020年 | 2021年
        copy(TableColumn, (TableColumn(table=table, order=c.order, label=next_years(c.label, previous),
                                       path=next_years_list(c.path, previous), unit=c.unit,
                                       printed=next_years(c.printed, previous)) for c in t.columns.all()))
        rows = {}
        for r in t.rows.all():  # one by one: a row's parent is an earlier row
            rows[r.pk] = copy(TableRow, [TableRow(
                table=table, order=r.order, label=next_years(r.label, previous), group=next_years(r.group, previous),
                parent=rows.get(r.parent_id), unit=r.unit)])[0]
    return {"统计表": len(tables)}


def publication_warnings(sender, edition, **kwargs) -> list[str]:
    """signals.publication_warnings: tables with no figures yet, and table titles still naming last year."""
    from yearbook.actions.publishing import listed, names_previous_year

    tables = list(edition.tables.annotate(n_values=Count("rows__cells", filter=~Q(rows__cells__text=""))))
    warnings = []
    empty = [str(t) for t in tables if not t.n_values]
    if empty:
        warnings.append(f"{len(empty)} 张统计表还没有数据：{listed(empty)}。")
    stale = [str(t) for t in tables if names_previous_year(t.title, edition)]
    if stale:
        warnings.append(f"下列统计表的标题仍写着上一年（{edition.covers_year - 1}年），请核对：{listed(stale)}。")
    return warnings
