from django.contrib import admin

from documents.models import Article, Chapter, Document, Part


class ChapterInline(admin.TabularInline):
    model = Chapter
    extra = 0


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0
    fields = ("number", "label", "chapter", "section", "text")


class PartInline(admin.StackedInline):
    model = Part
    extra = 0
    fields = ("order", "number", "parent", "title", "text", "items")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "number", "date", "kind", "complete", "edition")
    list_filter = ("edition", "kind", "complete")
    search_fields = ("title", "number", "number_printed")
    inlines = [ChapterInline, ArticleInline, PartInline]
