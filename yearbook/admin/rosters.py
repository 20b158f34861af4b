"""Rosters and appointments: tenure rules, carried-over appointments to confirm."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q

from yearbook import permissions, validation
from yearbook.actions import ordering, start_next
from yearbook.admin.base import EditorialAdmin, EditorialFormSet, EditorialTabularInline, VersionedModelForm
from yearbook.admin.imports import EditorialImportExportAdmin
from yearbook.models import Appointment, Roster
from yearbook.resources import AppointmentResource


class TenureRulesMixin:
    def precision_pairs(self):
        return (("start", "start_precision"), ("end", "end_precision"))

    def rules(self, instance, new, changed):
        edition = instance.edition if instance.edition_id else None
        return validation.check_tenure(edition, instance.start, instance.start_precision, instance.end,
                                       instance.end_precision, new=new, changed=changed)


def duplicate_in_roster(roster_id, person_id, title, exclude_pk=None):
    if not (roster_id and person_id):
        return None
    from yearbook.loading import normalize_title
    return (Appointment.objects.filter(roster_id=roster_id, person_id=person_id,
                                       title_normalized=normalize_title(title or ""))
            .exclude(pk=exclude_pk).first())


class AppointmentInlineForm(TenureRulesMixin, VersionedModelForm):
    class Meta:
        model = Appointment
        fields = "__all__"

    def _post_clean(self):
        roster = getattr(self, "parent_instance", None)
        if roster is not None:
            self.instance.edition_id = roster.edition_id
            if not self.instance.organization_id:
                self.instance.organization_id = roster.organization_id
        super()._post_clean()


class AppointmentFormSet(EditorialFormSet):
    def check_rows(self, rows):
        from yearbook.loading import normalize_title
        seen = {}
        for form in rows:
            person, title = form.cleaned_data.get("person"), form.cleaned_data.get("title", "")
            if person is None:
                continue
            key = (person.pk, normalize_title(title))
            if key in seen:
                form.add_error("person", f"“{person.name}”在本名录中已任“{title}”（第 {seen[key]} 行），"
                                         f"同一人同一职务只列一次。")
            else:
                seen[key] = form.cleaned_data.get("order") or "?"


class AppointmentInline(EditorialTabularInline):
    model = Appointment
    form = AppointmentInlineForm
    formset = AppointmentFormSet
    fields = ("order", "person", "title", "start", "start_precision", "end", "end_precision", "note",
              "seconded", "carried_over", "confirmed")
    readonly_fields = ("carried_over",)
    autocomplete_fields = ("person",)


class RosterForm(VersionedModelForm):
    class Meta:
        model = Roster
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "heading" in self.fields:
            self.fields["heading"].required = False
            self.fields["heading"].help_text = "留空则为“机构名称 + 领导班子成员”"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("heading") and cleaned.get("organization"):
            cleaned["heading"] = f"{cleaned['organization'].name}领导班子成员"
        return cleaned


@admin.register(Roster)
class RosterAdmin(EditorialAdmin):
    form = RosterForm
    list_display = ("heading", "organization", "edition", "order", "appointment_count", "pending_count")
    list_filter = ("edition",)
    search_fields = ("heading", "organization__name", "organization__name_pinyin")
    autocomplete_fields = ("organization", "section")
    main_fields = ("edition", "organization", "heading", "body", "section", "order")
    inlines = [AppointmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n=Count("appointments", distinct=True),
            pending=Count("appointments", distinct=True, filter=Q(
                appointments__carried_over=True, appointments__confirmed=False, appointments__end__isnull=True)))

    @admin.display(description="任职数", ordering="n")
    def appointment_count(self, obj):
        return obj.n

    @admin.display(description="待确认延续", ordering="pending")
    def pending_count(self, obj):
        return obj.pending or ""


class AppointmentForm(TenureRulesMixin, VersionedModelForm):
    class Meta:
        model = Appointment
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "roster" in self.fields:
            self.fields["roster"].required = False
            self.fields["roster"].help_text = "留空则用本卷该机构的名录（没有时自动建立）"

    def clean(self):
        cleaned = super().clean()
        edition, organization, roster = (cleaned.get(k) for k in ("edition", "organization", "roster"))
        if roster is not None:
            if edition is not None and roster.edition_id != edition.pk:
                self.add_error("roster", f"名录“{roster}”属于 {roster.edition.year} 卷，与所选卷次不符。")
            if organization is None:
                cleaned["organization"] = roster.organization
        elif edition is None or organization is None:
            self.add_error("roster", "请选择名录，或选择卷次和机构（本卷还没有该机构的名录时会自动建立）。")
        else:
            self.instance.roster = Roster.objects.filter(edition=edition, organization=organization).first()
        person = cleaned.get("person")
        target = roster or (self.instance.roster if self.instance.roster_id else None)
        if person and target is not None:
            dup = duplicate_in_roster(target.pk, person.pk, cleaned.get("title", ""), self.instance.pk)
            if dup is not None:
                self.add_error("person", f"“{person.name}”已在“{target}”中任“{dup.title}”，同一人同一职务只列一次。")
        return cleaned

    def _post_clean(self):
        roster = self.instance.roster if self.instance.roster_id else None
        super()._post_clean()
        if self.instance.roster_id is None and roster is not None:
            self.instance.roster = roster


class PendingFilter(admin.SimpleListFilter):
    title = "上卷延续"
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("1", "待确认或结束"), ("confirmed", "已确认仍在任"), ("ended", "已结束"), ("new", "本卷新任")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "1":
            return queryset.filter(carried_over=True, confirmed=False, end__isnull=True)
        if value == "confirmed":
            return queryset.filter(carried_over=True, confirmed=True)
        if value == "ended":
            return queryset.filter(carried_over=True, end__isnull=False)
        if value == "new":
            return queryset.filter(carried_over=False)
        return queryset


@admin.register(Appointment)
class AppointmentAdmin(EditorialImportExportAdmin):
    form = AppointmentForm
    resource_classes = [AppointmentResource]
    import_help = (
        "<strong>列：</strong><code>卷次</code>、<code>机构</code>、<code>名录</code>（可留空：用本卷该机构的名录，"
        "没有则新建）、<code>姓名</code>、<code>人物稳定键</code>（有同名人物时必填）、<code>职务</code>、"
        "<code>任职起</code>、<code>任职起精度</code>、<code>任职止</code>、<code>任职止精度</code>"
        "（日期写 2021-03 或 2021-03-05，精度写 日 / 月 / 年）、<code>注</code>、<code>党派</code>、<code>民族</code>、"
        "<code>挂职</code>（是 / 空）、<code>已确认仍在任</code>、<code>顺序</code>（留空排在最后）。"
        "<code>id</code> 留空为新增；导出后修改再导入即为更新（如给上卷延续的任职填上任职止）。")
    list_display = ("person", "title", "organization", "start_display", "end_display", "carried_over",
                    "confirmed", "edition", "needs_review")
    list_filter = ("edition", PendingFilter, "organization__kind", "seconded", "needs_review")
    search_fields = ("person__name", "person__name_pinyin", "person__name_initials", "title",
                     "organization__name")
    autocomplete_fields = ("person", "organization", "roster")
    list_select_related = ("person", "organization", "edition")
    main_fields = ("edition", "organization", "roster", "person", "title", ("start", "start_precision"),
                   ("end", "end_precision"), "note", "party", "ethnicity", "seconded", "tenure_scope",
                   "carried_over", "confirmed", "name_printed", "order")
    radio_fields = {"start_precision": admin.HORIZONTAL, "end_precision": admin.HORIZONTAL}
    actions = ["confirm_action"]
    text_field = "title"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "carried_over"]

    @admin.display(description="任职起", ordering="start")
    def start_display(self, obj):
        return validation.format_date(obj.start, obj.start_precision)

    @admin.display(description="任职止", ordering="end")
    def end_display(self, obj):
        return validation.format_date(obj.end, obj.end_precision)

    @admin.action(description="确认所选的上卷延续任职本卷仍在任", permissions=["change"])
    def confirm_action(self, request, queryset):
        frozen = [a for a in queryset.select_related("edition") if a.edition.is_published]
        if frozen:
            self.message_user(request, permissions.frozen_message(frozen[0].edition), messages.ERROR)
            return
        n = start_next.confirm_appointments(queryset.filter(carried_over=True), user=request.user)
        self.message_user(request, f"已确认 {n} 条任职仍在任。", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        if obj.roster_id is None:
            heading = f"{obj.organization.name}领导班子成员"
            roster = Roster(edition=obj.edition, organization=obj.organization, heading=heading)
            ordering.fill_order(roster)
            roster._history_user = request.user
            roster.save()
            obj.roster = roster
            self.message_user(request, f"本卷原无“{obj.organization.name}”的名录，已新建“{heading}”。", messages.INFO)
        if not obj.title_normalized or "title" in form.changed_data:
            from yearbook.loading import normalize_title
            obj.title_normalized = normalize_title(obj.title)
        super().save_model(request, obj, form, change)
