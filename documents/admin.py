"""重要文件辑存 in the admin: a document with its chapters, articles and parts inline."""
from django.contrib import admin

from documents.models import Article, Chapter, DocSection, Document, Part
from yearbook.admin.base import EditorialAdmin, EditorialStackedInline, EditorialTabularInline


class ChapterInline(EditorialTabularInline):
    model = Chapter
    fields = ("number", "title")
    show_change_link = True


class DocumentChildInline:
    """Choices of chapter, 节 and parent part limited to this document's own."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        fields = formset.form.base_fields
        if obj is not None:
            if "chapter" in fields:
                fields["chapter"].queryset = Chapter.objects.filter(document=obj)
            if "section" in fields:
                fields["section"].queryset = DocSection.objects.filter(chapter__document=obj)
            if "parent" in fields:
                fields["parent"].queryset = Part.objects.filter(document=obj)
        return formset


class ArticleInline(DocumentChildInline, EditorialStackedInline):
    model = Article
    fields = (("number", "label"), ("chapter", "section"), "text")


class PartInline(DocumentChildInline, EditorialStackedInline):
    model = Part
    fields = (("order", "number", "label"), ("parent", "announced_items"), "title", "text", "items")


@admin.register(Document)
class DocumentAdmin(EditorialAdmin):
    list_display = ("title", "number", "date", "kind", "complete", "edition")
    list_filter = ("edition", "kind", "complete")
    search_fields = ("title", "number", "number_printed")
    autocomplete_fields = ("issuing_org",)
    main_fields = ("edition", "key", "title", "number", "number_printed", "date", "kind", "issuing_body",
                   "issuing_org", "preamble", "complete", "filing_number", "closing", "duplicate_note",
                   "order")
    inlines = [ChapterInline, ArticleInline, PartInline]
    text_field = "title"


class DocSectionInline(EditorialTabularInline):
    model = DocSection
    fields = ("number", "title")


class HiddenAdmin(EditorialAdmin):
    """Records edited inline on their document; registered for their own history pages."""

    hidden = True

    def has_add_permission(self, request):
        return False


@admin.register(Chapter)
class ChapterAdmin(HiddenAdmin):
    list_display = ("__str__", "document")
    fields = ("document", "number", "title")
    readonly_fields = ("document",)
    inlines = [DocSectionInline]


@admin.register(DocSection)
class DocSectionAdmin(HiddenAdmin):
    fields = ("chapter", "number", "title")
    readonly_fields = ("chapter",)


@admin.register(Article)
class ArticleAdmin(HiddenAdmin):
    list_display = ("label", "document")
    fields = ("document", "number", "label", "chapter", "section", "text")
    readonly_fields = ("document",)


@admin.register(Part)
class PartAdmin(HiddenAdmin):
    list_display = ("title", "document")
    fields = ("document", "order", "number", "label", "parent", "title", "announced_items", "text", "items")
    readonly_fields = ("document",)
