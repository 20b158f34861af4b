"""The outline and the front matter: categories, sections, entries, board, honorary titles, key figures, corrections."""
from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from yearbook.admin.base import EditorialAdmin, EditorialStackedInline, EditorialTabularInline, VersionedModelForm
from yearbook.models import Category, Correction, EditorialBoardMember, Entry, HonoraryTitle, KeyFigure, Section


@admin.register(EditorialBoardMember)
class EditorialBoardMemberAdmin(EditorialAdmin):
    list_display = ("name", "title", "body", "edition", "order")
    list_filter = ("edition", "body")
    search_fields = ("name", "title")
    autocomplete_fields = ("person",)
    fields = ("edition", "body", "title", "name", "person", "order")


@admin.register(HonoraryTitle)
class HonoraryTitleAdmin(EditorialAdmin):
    list_display = ("name", "edition", "order")
    list_filter = ("edition",)
    search_fields = ("name",)
    fields = ("edition", "name", "order")


@admin.register(KeyFigure)
class KeyFigureAdmin(EditorialAdmin):
    list_display = ("indicator", "value", "unit", "change_pct", "edition", "order")
    list_filter = ("edition", "unit")
    search_fields = ("indicator", "text")
    fields = ("edition", "indicator", "value", "value_text", "unit", "change_pct", "change_value",
              "change_unit", "text", "order")


class SectionInline(EditorialTabularInline):
    model = Section
    fields = ("order", "name", "heading", "contributor")
    show_change_link = True


@admin.register(Category)
class CategoryAdmin(EditorialAdmin):
    list_display = ("name", "edition", "order")
    list_filter = ("edition",)
    search_fields = ("name",)
    fields = ("edition", "name", "order")
    inlines = [SectionInline]

    def save_formset(self, request, form, formset, change):
        for f in formset.forms:  # a section's edition is its category's
            if f.instance.edition_id is None:
                f.instance.edition = form.instance.edition
        super().save_formset(request, form, formset, change)


class EntryInline(EditorialStackedInline):
    model = Entry
    fields = ("order", "title", "ordinal", "kind", "body")
    show_change_link = True


class SectionForm(VersionedModelForm):
    class Meta:
        model = Section
        fields = "__all__"

    def rules(self, instance, new, changed):
        category = instance.category if instance.category_id else None
        if category is not None and instance.edition_id and category.edition_id != instance.edition_id:
            return {"category": f"类目“{instance.category}”不属于 {instance.edition.year} 卷。"}
        return {}


@admin.register(Section)
class SectionAdmin(EditorialAdmin):
    form = SectionForm
    list_display = ("name", "category", "edition", "order", "contributor", "source_line", "needs_review")
    list_filter = ("edition", "category", "needs_review")
    search_fields = ("name", "contributor")
    autocomplete_fields = ("organization",)
    main_fields = ("edition", "category", "name", "heading", "order", "contributor", "organization")
    inlines = [EntryInline]
    text_field = "heading"


@admin.register(Entry)
class EntryAdmin(EditorialAdmin):
    list_display = ("title", "section", "kind", "order", "source_line", "corrected", "needs_review")
    list_filter = ("section__edition", "kind", "corrected", "needs_review", "section__category")
    search_fields = ("title", "body")
    autocomplete_fields = ("section", "persons", "organizations")
    list_select_related = ("section__category",)
    main_fields = ("section", "title", "ordinal", "kind", "order", "body", "subheadings", "byline", "persons",
                   "organizations")
    text_field = "body"


@admin.register(Correction)
class CorrectionAdmin(EditorialAdmin):
    list_display = ("source_line", "printed", "corrected", "reason", "record_link", "created_by",
                    "created_at", "edition")
    list_filter = ("edition", ("created_by", admin.RelatedOnlyFieldListFilter))
    search_fields = ("printed", "corrected", "reason")
    readonly_fields = ("content_type", "object_id", "field_name", "created_by", "created_at", "record_link")
    fields = ("edition", "source_line", "printed", "corrected", "reason", "record_link", "field_name",
              "created_by", "created_at")

    def has_add_permission(self, request):
        return False  # corrections are added on the record itself ("添加校正"), which changes its text too

    @admin.display(description="所校正的记录")
    def record_link(self, obj):
        if not obj.content_type_id:
            return "源文本校正表"
        model = obj.content_type.model_class()
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.object_id])
        return format_html('<a href="{}">{} #{}</a>', url, opts.verbose_name, obj.object_id)
