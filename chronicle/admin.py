"""大事记 in the admin: events in date order, with precision, mentions and spreadsheet import/export."""
from django.contrib import admin

from chronicle.actions import place_event
from chronicle.models import Event
from chronicle.resources import EventResource
from yearbook import validation
from yearbook.admin.base import VersionedModelForm
from yearbook.admin.imports import EditorialImportExportAdmin


class EventForm(VersionedModelForm):
    class Meta:
        model = Event
        exclude = ("order",)

    def precision_pairs(self):
        return (("date", "precision"),)

    def rules(self, instance, new, changed):
        edition = instance.edition if instance.edition_id else None
        return validation.check_event(edition, instance.date, instance.date_end, instance.precision,
                                      instance.text, new=new, changed=changed)


@admin.register(Event)
class EventAdmin(EditorialImportExportAdmin):
    form = EventForm
    resource_classes = [EventResource]
    import_help = (
        "<strong>列：</strong><code>卷次</code>（如 2022）、<code>日期</code>（2021-03-05、2021-03 或 2021）、"
        "<code>精度</code>（日 / 月 / 年；留空按日期的写法）、<code>结束日期</code>、<code>内容</code>、"
        "<code>相关人物</code>（姓名或稳定键，用“、”分隔）、<code>相关机构</code>。"
        "<code>id</code> 留空为新增，新事件按日期排入；先“导出”再改、再导入，就是更新原有事件。")
    list_display = ("date_display", "short_text", "precision", "marker", "edition", "needs_review")
    list_display_links = ("date_display", "short_text")
    list_filter = ("edition", "precision", "marker", "needs_review")
    search_fields = ("text",)
    date_hierarchy = "date"
    autocomplete_fields = ("persons", "organizations")
    main_fields = ("edition", ("date", "precision"), "date_end", "marker", "text", "persons", "organizations")
    radio_fields = {"precision": admin.HORIZONTAL, "marker": admin.HORIZONTAL}
    text_field = "text"

    @admin.display(description="日期", ordering="date")
    def date_display(self, obj):
        return validation.format_date(obj.date, obj.precision)

    @admin.display(description="内容")
    def short_text(self, obj):
        return obj.text[:60]

    def save_model(self, request, obj, form, change):
        if not change or "date" in form.changed_data or "edition" in form.changed_data or redated(obj):
            place_event(obj)  # new or re-dated events take their place in date order
        super().save_model(request, obj, form, change)


def redated(event) -> bool:
    """A revert that brings back another date than the event has now."""
    if not hasattr(event, "_history"):
        return False
    return Event.objects.filter(pk=event.pk).exclude(date=event.date).exists()
