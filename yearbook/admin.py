from django.contrib import admin

from yearbook.models import (Appointment, Category, Correction, Edition, EditorialBoardMember, Entry, Honour,
                             HonoraryTitle, KeyFigure, Organization, OrganizationAlias, Person, Roster, Section)

admin.site.site_header = "金川区年鉴 编辑后台"
admin.site.site_title = "年鉴编辑"
admin.site.index_title = "年鉴内容"

PROVENANCE = ("source_line", "source_line_end", "page", "corrected", "printed_text", "needs_review", "review_note")


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("year", "covers_year", "title", "status", "imported_at")
    list_filter = ("status",)
    search_fields = ("title", "isbn")


@admin.register(EditorialBoardMember)
class EditorialBoardMemberAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "body", "edition", "order")
    list_filter = ("edition", "body")
    search_fields = ("name", "title")


@admin.register(HonoraryTitle)
class HonoraryTitleAdmin(admin.ModelAdmin):
    list_display = ("name", "edition", "order")
    list_filter = ("edition",)
    search_fields = ("name",)


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ("indicator", "value", "unit", "change_pct", "edition", "order")
    list_filter = ("edition", "unit")
    search_fields = ("indicator", "text")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "edition", "order")
    list_filter = ("edition",)
    search_fields = ("name",)


class EntryInline(admin.StackedInline):
    model = Entry
    extra = 0
    fields = ("order", "title", "ordinal", "kind", "body")
    show_change_link = True


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "edition", "order", "contributor", "source_line", "needs_review")
    list_filter = ("edition", "category", "needs_review")
    search_fields = ("name", "contributor")
    inlines = [EntryInline]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("title", "section", "kind", "order", "source_line", "corrected", "needs_review")
    list_filter = ("section__edition", "kind", "corrected", "needs_review", "section__category")
    search_fields = ("title", "body")
    autocomplete_fields = ("persons", "organizations")
    list_select_related = ("section__category",)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("source_line", "printed", "corrected", "reason", "edition")
    list_filter = ("edition",)
    search_fields = ("printed", "corrected", "reason")


class AliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "name_pinyin")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "name_pinyin", "name_initials")
    autocomplete_fields = ("parent",)
    inlines = [AliasInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "gender", "name_pinyin", "name_initials")
    list_filter = ("gender",)
    search_fields = ("name", "key", "name_pinyin", "name_initials")


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    fields = ("order", "person", "title", "start", "start_precision", "end", "end_precision", "note", "seconded")
    autocomplete_fields = ("person",)


@admin.register(Roster)
class RosterAdmin(admin.ModelAdmin):
    list_display = ("heading", "organization", "edition", "order", "source_line")
    list_filter = ("edition",)
    search_fields = ("heading", "organization__name")
    inlines = [AppointmentInline]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("person", "title", "organization", "start", "end", "note", "edition", "needs_review")
    list_filter = ("edition", "organization__kind", "seconded", "carried_over", "needs_review")
    search_fields = ("person__name", "person__name_pinyin", "title", "organization__name")
    autocomplete_fields = ("person", "organization", "roster")
    list_select_related = ("person", "organization", "edition")


@admin.register(Honour)
class HonourAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "award", "date", "work_unit", "edition", "needs_review")
    list_filter = ("edition", "kind", "gender", "needs_review")
    search_fields = ("recipient", "award", "work_unit", "awarded_by_names")
    autocomplete_fields = ("organization", "person", "work_unit_org", "awarded_by")
