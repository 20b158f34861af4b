from django.contrib import admin

from stats.models import BulletinChapter, StatTable, TableCell, TableColumn, TableRow


class ColumnInline(admin.TabularInline):
    model = TableColumn
    extra = 0


class RowInline(admin.TabularInline):
    model = TableRow
    extra = 0
    fields = ("order", "label", "parent", "unit")
    show_change_link = True


@admin.register(StatTable)
class StatTableAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "unit", "section", "edition", "order", "needs_review")
    list_filter = ("edition", "section")
    search_fields = ("title", "number")
    inlines = [ColumnInline, RowInline]


class CellInline(admin.TabularInline):
    model = TableCell
    extra = 0


@admin.register(TableRow)
class TableRowAdmin(admin.ModelAdmin):
    list_display = ("label", "table", "order", "parent")
    list_filter = ("table__edition",)
    search_fields = ("label", "table__title")
    inlines = [CellInline]


@admin.register(BulletinChapter)
class BulletinChapterAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "edition")
    list_filter = ("edition",)
    search_fields = ("title", "text")
