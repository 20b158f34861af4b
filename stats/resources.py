"""A statistical table's rows as a spreadsheet (django-import-export): one column per table column."""
from __future__ import annotations

from import_export import fields

from stats.models import StatTable, TableCell, TableColumn, TableRow
from yearbook import validation
from yearbook.resources import EditorialResource, text

ROW_COLUMNS = ("id", "卷次", "表", "行名", "上级行", "单位", "顺序")
ROW_COLUMNS_FIELDS = ("id", "edition_year", "table", "label", "parent", "unit", "order")


class TableRowResource(EditorialResource):
    """A table's rows as a grid: the fixed columns, then one column per table column (its label)."""

    value_headers = ()

    id = fields.Field(attribute="id", column_name="id")
    edition_year = fields.Field(attribute="table__edition__year", column_name="卷次", readonly=True)
    table = fields.Field(attribute="table__key", column_name="表", readonly=True)
    label = fields.Field(attribute="label", column_name="行名", readonly=True)
    parent = fields.Field(attribute="parent__label", column_name="上级行", readonly=True)
    unit = fields.Field(attribute="unit", column_name="单位", readonly=True)
    order = fields.Field(attribute="order", column_name="顺序", readonly=True)

    class Meta:
        model = TableRow
        fields = ("id", "edition_year", "table", "label", "parent", "unit", "order")

    # -- export: the value columns are the tables' column labels ----------------------------
    def before_export(self, queryset, **kwargs):
        self.add_value_columns(TableColumn.objects.filter(table__in=queryset.values("table")).order_by(
            "table__order", "order").values_list("label", flat=True))

    def add_value_columns(self, labels):
        for label in dict.fromkeys(labels):
            if label in ROW_COLUMNS:
                label = f"{label}（列）"
            name = f"value::{label}"
            if name not in self.fields:
                self.fields[name] = fields.Field(column_name=label, readonly=True)

    def export_field(self, field, instance, **kwargs):
        if field.column_name in ROW_COLUMNS:
            return super().export_field(field, instance, **kwargs)
        if instance.pk is None:
            return ""
        if not hasattr(instance, "_cells"):
            instance._cells = {c.column.label: c.text for c in instance.cells.select_related("column")}
        return instance._cells.get(field.column_name, "")

    def get_export_fields(self, selected_fields=None):
        if selected_fields:  # the export form lists the fixed columns; the value columns always come along
            selected_fields = [*selected_fields, *[n for n in self.fields if n.startswith("value::")]]
        return super().get_export_fields(selected_fields)

    def get_export_order(self):
        return (*ROW_COLUMNS_FIELDS, *[n for n in self.fields if n.startswith("value::")])

    def get_user_visible_fields(self):
        return [self.fields[n] for n in ROW_COLUMNS_FIELDS] + [
            fields.Field(column_name="（各数值列，表头与统计表的列名相同）")]

    # -- import ----------------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        headers = [h for h in (dataset.headers or []) if h]
        self.value_headers = [h for h in headers if h not in ROW_COLUMNS]
        self.add_value_columns(self.value_headers)

    def get_import_fields(self):
        values = [f for n, f in self.fields.items()
                  if n.startswith("value::") and f.column_name in self.value_headers]
        return [self.fields[n] for n in ROW_COLUMNS_FIELDS] + values

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.diff_headers = self.get_diff_headers()  # with the value columns found in the file

    def fill(self, r, row, errors, new):
        edition = self.edition(row, errors)
        key = text(row, "表")
        table = None
        if not key:
            errors.add("表", "请填写表号或表名（统计表的“稳定键”，如 表1）。")
        elif edition is not None:
            table = StatTable.objects.filter(edition=edition, key=key).first() or \
                StatTable.objects.filter(edition=edition, number=key).first()
            if table is None:
                errors.add("表", f"{edition.year} 卷没有“{key}”这张表。")
        if not new and table is not None and r.table_id != table.pk:
            errors.add("表", "已有的行不能移到另一张表；请删除 id 作为新行导入。")
        label = text(row, "行名")
        if not label:
            errors.add("行名", "请填写行名。")
        order = text(row, "顺序")
        if order and not order.isdigit():
            errors.add("顺序", f"顺序“{order}”应为正整数，或留空（排在最后）。")
        if table is None:
            return
        columns = {c.label: c for c in table.columns.all()}
        unknown = [h for h in self.value_headers if h not in columns and text(row, h)]
        for h in unknown:
            errors.add(h, f"“{table}”没有名为“{h}”的列（它的列是：{'、'.join(columns)}）。")
        text_columns = set(TableCell.objects.filter(column__table=table, value__isnull=True).exclude(text="")
                           .exclude(text__in=validation.EMPTY_MARKS).values_list("column__label", flat=True))
        self._values = {}
        for h in self.value_headers:
            if h not in columns:
                continue
            try:
                self._values[columns[h]] = validation.parse_cell(row.get(h), allow_text=h in text_columns)
            except ValueError as exc:
                errors.add(h, str(exc))
        parent_label = text(row, "上级行")
        parent = None
        if parent_label:
            parent = table.rows.filter(label=parent_label).exclude(pk=r.pk).first()
            if parent is None:
                errors.add("上级行", f"“{table}”中没有名为“{parent_label}”的行（上级行须在本行之前已有）。")
        if not errors and new:
            same = TableRow.objects.filter(table=table, label=label, parent=parent).first()
            self.repeated((table.pk, label, parent.pk if parent else None), errors, "行名", same, "行")
        if errors:
            return
        r.table, r.label, r.unit, r.parent = table, label, text(row, "单位"), parent
        r.group = parent_label or r.group
        r._given_order = int(order) if order else None

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk is None or instance._given_order:
            instance.order = self.next_order(instance, instance._given_order)

    def after_save_instance(self, instance, row, **kwargs):
        if self.dry_run:
            return
        for column, (value, printed) in self._values.items():
            cell = TableCell.objects.filter(row=instance, column=column).first()
            if not printed:
                if cell is not None:
                    self.stamp(cell).delete()
                continue
            if cell is None:
                cell = TableCell(row=instance, column=column)
            if cell.pk and cell.value == value and cell.text == printed:
                continue
            cell.value, cell.text = value, printed
            self.stamp(cell).save()
