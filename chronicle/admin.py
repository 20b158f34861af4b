from django.contrib import admin

from chronicle.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("date", "date_end", "precision", "marker", "short_text", "edition", "needs_review")
    list_filter = ("edition", "precision", "marker", "needs_review")
    search_fields = ("text",)
    date_hierarchy = "date"
    autocomplete_fields = ("persons", "organizations")

    @admin.display(description="内容")
    def short_text(self, obj):
        return obj.text[:60]
