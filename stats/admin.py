"""Statistical tables in the admin: a table's rows as an editable grid (one field per column), cells that
must be numbers, and spreadsheet import/export of table rows."""
from django import forms
from django.contrib import admin
from django.db import models

from stats.models import Bulletin, BulletinChapter, StatTable, TableCell, TableColumn, TableRow
from stats.resources import TableRowResource
from yearbook import validation
from yearbook.admin.base import EditorialAdmin, EditorialTabularInline, VersionedModelForm
from yearbook.admin.imports import EditorialImportExportAdmin


def text_columns(table) -> set[int]:
    """Columns that hold words, not numbers (the book has a few): any text cell that is not a "none" mark."""
    return set(TableCell.objects.filter(column__table=table, value__isnull=True).exclude(text="")
               .exclude(text__in=validation.EMPTY_MARKS).values_list("column_id", flat=True))


def save_cells(row, cells: dict, user) -> None:
    """Write the typed cells of a row: create, change or delete each one that differs."""
    existing = {c.column_id: c for c in row.cells.all()}
    for column, (value, printed) in cells.items():
        cell = existing.get(column.pk)
        if not printed:
            if cell is not None:
                cell._history_user = user
                cell.delete()
            continue
        if cell is not None and cell.text == printed and cell.value == value:
            continue
        cell = cell or TableCell(row=row, column=column)
        cell.value, cell.text = value, printed
        cell._history_user = user
        cell.save()


class RowGridForm(VersionedModelForm):
    """A table row with one text field per column; each must be a number (or —, or empty)."""

    columns = ()
    text_column_ids = frozenset()

    class Meta:
        model = TableRow
        fields = ("order", "label", "unit")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            cells = {c.column_id: c for c in self.instance.cells.all()}
            for column in self.columns:
                cell = cells.get(column.pk)
                if cell is not None:
                    value = "" if cell.value is None else str(cell.value)
                    self.initial[f"col_{column.pk}"] = cell.text or value

    def clean(self):
        cleaned = super().clean()
        self.cells = {}
        label = cleaned.get("label") or self.instance.label or "新行"
        for column in self.columns:
            name = f"col_{column.pk}"
            try:
                self.cells[column] = validation.parse_cell(cleaned.get(name), where=f"{label}·{column.label}",
                                                           allow_text=column.pk in self.text_column_ids)
            except ValueError as exc:
                self.add_error(name, str(exc))
        return cleaned

    def save_related_rows(self, user):
        save_cells(self.instance, getattr(self, "cells", {}), user)


def column_label(column) -> str:
    unit = column.unit if column.unit and column.unit not in column.label else ""
    return f"{column.label}（{unit}）" if unit else column.label


class ColumnInline(EditorialTabularInline):
    model = TableColumn
    fields = ("order", "label", "unit", "path", "printed")
    formfield_overrides = {models.JSONField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 30})}}


class RowGridInline(EditorialTabularInline):
    model = TableRow
    form = RowGridForm
    show_change_link = True
    verbose_name_plural = "行（每列一格；数值只填数字，无数据填 —）"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cells")

    def get_formset(self, request, obj=None, **kwargs):
        columns = list(obj.columns.all()) if obj is not None else []
        attrs = {f"col_{c.pk}": forms.CharField(label=column_label(c), required=False,
                                                 widget=forms.TextInput(attrs={"size": 8}))
                 for c in columns}
        attrs.update(columns=columns, text_column_ids=frozenset(text_columns(obj) if obj is not None else ()))
        kwargs["form"] = type("RowGridForm", (RowGridForm,), attrs)
        kwargs["fields"] = ["order", "label", "unit", *[f"col_{c.pk}" for c in columns], "edit_version"]
        return super().get_formset(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        columns = list(obj.columns.all()) if obj is not None else []
        return ["order", "label", "unit", *[f"col_{c.pk}" for c in columns], "edit_version"]


@admin.register(StatTable)
class StatTableAdmin(EditorialAdmin):
    list_display = ("number", "title", "unit", "section", "edition", "order", "needs_review")
    list_filter = ("edition", "section")
    search_fields = ("title", "number", "key")
    autocomplete_fields = ("section",)
    main_fields = ("edition", "section", "key", "number", "title", "unit", "label_header", "notes", "chapter",
                   "order")
    inlines = [ColumnInline, RowGridInline]
    text_field = "title"


class CellForm(VersionedModelForm):
    class Meta:
        model = TableCell
        fields = ("column", "text")

    def clean(self):
        cleaned = super().clean()
        column = cleaned.get("column")
        allow_text = column is not None and column.pk in text_columns(column.table)
        try:
            self.instance.value, cleaned["text"] = validation.parse_cell(
                cleaned.get("text"), allow_text=allow_text, where=column.label if column else "")
        except ValueError as exc:
            self.add_error("text", str(exc))
        return cleaned


class CellInline(EditorialTabularInline):
    model = TableCell
    form = CellForm
    fields = ("column", "text", "value")
    readonly_fields = ("value",)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "column" in formset.form.base_fields:
            formset.form.base_fields["column"].queryset = TableColumn.objects.filter(table=obj.table)
        return formset


@admin.register(TableRow)
class TableRowAdmin(EditorialImportExportAdmin):
    resource_classes = [TableRowResource]
    import_help = (
        "<strong>列：</strong><code>卷次</code>、<code>表</code>（表号或表名，如 表1）、<code>行名</code>、"
        "<code>上级行</code>、<code>单位</code>、<code>顺序</code>，之后<strong>每一列的表头与统计表的列名相同</strong>"
        "（先导出一张表即得样表）。数值只填数字（可带小数点、千分位逗号或 %），无数据填“—”。"
        "<code>id</code> 留空为新增行；同一行名已存在时请用导出表格中的 id 更新。")
    list_display = ("label", "table", "order", "parent", "unit")
    list_filter = ("table__edition", "table")
    search_fields = ("label", "table__title", "table__key")
    list_select_related = ("table", "parent")
    autocomplete_fields = ("table",)
    fields = ("table", "order", "label", "parent", "group", "unit", "label_printed")
    inlines = [CellInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "parent" in form.base_fields:
            form.base_fields["parent"].queryset = TableRow.objects.filter(table=obj.table).exclude(pk=obj.pk)
        return form


class HiddenAdmin(EditorialAdmin):
    hidden = True

    def has_add_permission(self, request):
        return False


@admin.register(TableColumn)
class TableColumnAdmin(HiddenAdmin):
    fields = ("table", "order", "label", "path", "unit", "printed")
    readonly_fields = ("table",)


@admin.register(TableCell)
class TableCellAdmin(HiddenAdmin):
    form = CellForm
    fields = ("row", "column", "text", "value")
    readonly_fields = ("row", "value")


@admin.register(Bulletin)
class BulletinAdmin(EditorialAdmin):
    list_display = ("title", "author", "issued", "edition")
    fields = ("edition", "title", "author", "issued", "intro", "notes")


@admin.register(BulletinChapter)
class BulletinChapterAdmin(EditorialAdmin):
    list_display = ("number", "title", "edition")
    list_filter = ("edition",)
    search_fields = ("title", "text")
    main_fields = ("edition", "number", "title", "text", "tables")
    text_field = "text"
