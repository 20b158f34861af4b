"""The statistics of a synthetic edition (yearbook.synthetic): the base's tables, figures perturbed."""
from __future__ import annotations

from stats.models import Bulletin, BulletinChapter, TableCell, TableColumn
from yearbook.synthetic import copy_record, perturb


def clone_statistics(cloner) -> None:
    base, edition, rng, sections = cloner.base, cloner.edition, cloner.rng, cloner.sections
    for t in base.tables.prefetch_related("columns", "rows__cells"):
        table = copy_record(t, edition_id=edition.pk, section_id=sections[t.section_id].pk if t.section_id else None)
        table.save()
        columns = {c.pk: copy_record(c, table_id=table.pk) for c in t.columns.all()}
        TableColumn.objects.bulk_create(columns.values())
        rows = {}
        for r in t.rows.all():  # one by one: a row's parent is an earlier row
            row = copy_record(r, table_id=table.pk, parent_id=rows[r.parent_id].pk if r.parent_id else None)
            row.save()
            rows[r.pk] = row
        cells = []
        for r in t.rows.all():
            for c in r.cells.all():
                value = perturb(c.value, rng)
                cells.append(copy_record(c, row_id=rows[r.pk].pk, column_id=columns[c.column_id].pk, value=value,
                                   text=str(value) if value is not None else c.text))
        TableCell.objects.bulk_create(cells)
    bulletin = Bulletin.objects.filter(edition=base).first()
    if bulletin:
        copy_record(bulletin, edition_id=edition.pk).save()
    BulletinChapter.objects.bulk_create(copy_record(c, edition_id=edition.pk) for c in base.bulletin_chapters.all())
