"""Honours (先进集体 / 先进个人)."""
from __future__ import annotations

from django.contrib import admin

from yearbook import validation
from yearbook.admin.base import VersionedModelForm
from yearbook.admin.imports import EditorialImportExportAdmin
from yearbook.models import Honour
from yearbook.resources import HonourResource


class HonourForm(VersionedModelForm):
    class Meta:
        model = Honour
        fields = "__all__"

    def precision_pairs(self):
        return (("date", "date_precision"),)

    def rules(self, instance, new, changed):
        edition = instance.edition if instance.edition_id else None
        errors = validation.check_honour(edition, instance.date, instance.date_precision, new=new,
                                         changed=changed)
        if instance.kind == Honour.Kind.INDIVIDUAL and instance.organization_id and not instance.person_id:
            errors["person"] = "先进个人请选择获奖人物（机构填在“工作单位”）。"
        return errors


@admin.register(Honour)
class HonourAdmin(EditorialImportExportAdmin):
    form = HonourForm
    resource_classes = [HonourResource]
    import_help = (
        "<strong>列：</strong><code>卷次</code>、<code>类别</code>（先进集体 / 先进个人）、<code>获奖单位或个人</code>、"
        "<code>人物稳定键</code>（有同名人物时填）、<code>性别</code>（男 / 女）、<code>工作单位</code>、"
        "<code>奖项</code>、<code>授奖时间</code>（2021-05 或 2021-05-20）、<code>授奖时间精度</code>（可留空）、"
        "<code>授奖单位</code>（多个用“、”分隔）、<code>顺序</code>（留空排在最后）。<code>id</code> 留空为新增。")
    list_display = ("recipient", "kind", "award", "date_display", "work_unit", "edition", "needs_review")
    list_filter = ("edition", "kind", "gender", "needs_review")
    search_fields = ("recipient", "award", "work_unit", "awarded_by_names")
    autocomplete_fields = ("organization", "person", "work_unit_org", "awarded_by")
    main_fields = ("edition", "kind", "recipient", "person", "organization", "gender", "work_unit",
                   "work_unit_org", "award", ("date", "date_precision"), "awarded_by_names", "awarded_by", "order")
    radio_fields = {"date_precision": admin.HORIZONTAL, "kind": admin.HORIZONTAL}
    text_field = "recipient"

    @admin.display(description="授奖时间", ordering="date")
    def date_display(self, obj):
        return validation.format_date(obj.date, obj.date_precision)
