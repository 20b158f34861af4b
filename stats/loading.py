"""The statistics' step of an import (yearbook.loading): tables with their cells, and the bulletin."""
from __future__ import annotations

from collections import Counter

from stats.models import Bulletin, BulletinChapter, StatTable, TableCell, TableColumn, TableRow
from yearbook.loading import month_date


def load_statistics(loader) -> None:
    keys = Counter()
    for i, t in enumerate(loader.book.tables, 1):
        key = t.number or t.title
        keys[key] += 1
        if keys[key] > 1:
            key = f"{key}-{keys[key]}"
        table = StatTable.objects.create(
            edition=loader.edition, section=loader.section_by_name.get(t.section), key=key, number=t.number,
            title=t.title, unit=t.unit, notes=list(t.notes), order=t.order or i,
            label_header=getattr(t, "label_header", ""), chapter=getattr(t, "chapter", None),
            **loader.provenance(t))
        columns = TableColumn.objects.bulk_create(
            TableColumn(table=table, order=j, label=c.label, path=list(c.path), unit=c.unit,
                        printed=getattr(c, "printed", ""))
            for j, c in enumerate(t.columns, 1))
        rows_by_label: dict[str, TableRow] = {}
        cells = []
        for j, row in enumerate(t.rows, 1):
            tr = TableRow.objects.create(
                table=table, order=j, label=row.label, group=row.parent or "",
                parent=rows_by_label.get(row.parent) if row.parent else None, unit=row.unit,
                label_printed=getattr(row, "label_printed", ""), source_line=row.source_line or None)
            rows_by_label.setdefault(row.label, tr)
            printed = list(row.printed) + [""] * (len(columns) - len(row.printed))
            spans = {span.column: span for span in getattr(row, "spans", None) or []}
            for i, (col, value, text) in enumerate(zip(columns, row.values, printed)):
                if value is None and not text:
                    continue   # an empty cell, or one a merged cell covers
                span = spans.get(i)
                cells.append(TableCell(row=tr, column=col, value=value if not isinstance(value, str) else None,
                                       text=text if text else ("" if value is None else str(value)),
                                       rowspan=span.rowspan if span else 1, colspan=span.colspan if span else 1))
        TableCell.objects.bulk_create(cells)
    loader.summary.counts["tables"] = len(loader.book.tables)
    chapters = loader.book.bulletin
    if chapters:
        head = chapters[0]
        notes_holder = next((c for c in chapters if getattr(c, "notes", None)), head)
        Bulletin.objects.create(
            edition=loader.edition, title=getattr(head, "bulletin_title", ""), author=getattr(head, "author", ""),
            issued=month_date(getattr(head, "issued", None)), intro=getattr(head, "intro", ""),
            notes=list(getattr(notes_holder, "notes", []) or []), source_line=head.source_line)
    BulletinChapter.objects.bulk_create(
        BulletinChapter(edition=loader.edition, number=c.number, title=c.title, text=c.text,
                        tables=list(getattr(c, "tables", []) or []), **loader.provenance(c))
        for c in chapters)
    loader.summary.counts["bulletin chapters"] = len(chapters)
