"""The editors' admin for editions, their outline, persons, agencies, rosters and honours."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join

from yearbook import permissions, services, validation
from yearbook.admin_base import (EditorialAdmin, EditorialFormSet, EditorialImportExportAdmin,
                                 EditorialStackedInline, EditorialTabularInline, VersionedModelForm)
from yearbook.models import (Appointment, Category, Correction, Edition, EditorialBoardMember, Entry,
                             HonoraryTitle, Honour, KeyFigure, Organization, OrganizationAlias, Person,
                             Roster, Section)
from yearbook.resources import AppointmentResource, HonourResource

admin.site.site_header = "金川区年鉴 编辑后台"
admin.site.site_title = "年鉴编辑"
admin.site.index_title = "年鉴内容"


# ---------------------------------------------------------------------------
# Autocomplete: persons and agencies are told apart by their posts
# ---------------------------------------------------------------------------

class EditorialAutocompleteView(AutocompleteJsonView):
    """Persons come with their latest posts (two 李晓燕 are two different lines); agencies with their kind."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Person):
            posts = [f"{a.organization.name}{a.title}" for a in
                     obj.appointments.select_related("organization").order_by("-edition__year", "order")[:2]]
            extra = "；".join(posts) or obj.note[:30]
            if extra:
                result["text"] = f"{obj}　{extra}"
        elif isinstance(obj, Organization) and obj.kind != Organization.Kind.OTHER:
            result["text"] = f"{obj}（{obj.get_kind_display()}）"
        return result


def _autocomplete_view(request):
    return EditorialAutocompleteView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = _autocomplete_view


# ---------------------------------------------------------------------------
# Editions: start the next one, publish, unpublish
# ---------------------------------------------------------------------------

class EditionForm(VersionedModelForm):
    class Meta:
        model = Edition
        fields = "__all__"

    def rules(self, instance, new, changed):
        if instance.year and instance.covers_year and instance.covers_year >= instance.year:
            return {"covers_year": f"记述年份应早于卷次年份：{instance.year} 卷记述 {instance.year - 1} 年。"}
        return {}


def public_url(name, **kwargs):
    """A page of the reader's site, if the site has it (staff see drafts there as a preview)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


class StartNextForm(forms.Form):
    copy_tables = forms.BooleanField(
        label="同时复制统计表的表头和行名（不含数值）", required=False,
        help_text="各单位报来的新数据可再用“统计表行”的导入功能填入。")


@admin.register(Edition)
class EditionAdmin(EditorialAdmin):
    form = EditionForm
    list_display = ("year", "covers_year", "title", "status_badge", "published_at", "published_by",
                    "based_on")
    list_filter = ("status",)
    search_fields = ("title", "isbn")
    readonly_fields = ("status", "published_at", "published_by", "based_on", "imported_at", "source_file",
                       "source_sha256")
    fieldsets = [
        (None, {"fields": ("year", "covers_year", "title", "status", "published_at", "published_by",
                           "based_on")}),
        ("版权页", {"fields": ("compiler", "sponsor", "publisher", "isbn", "cip_number", "published", "printing",
                             "price", "printer", "editors_in_charge", "editorial_notes")}),
        ("来源", {"fields": ("source_file", "source_sha256", "imported_at"), "classes": ("collapse",)}),
    ]
    actions = ["start_next_action", "publish_action", "unpublish_action"]
    change_form_template = "admin/yearbook/edition/change_form.html"

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        css = "published" if obj.is_published else "draft"
        return format_html('<span class="edition-status edition-status-{}">{}</span>', css,
                           obj.get_status_display())

    def has_add_permission(self, request):
        # Editions come from "start the next edition" or import_yearbook; superusers may add one by hand.
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["year", "covers_year"] if obj is not None else fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.can_publish(request.user):
            actions.pop("publish_action", None)
            actions.pop("unpublish_action", None)
        if not permissions.can_start_next(request.user):
            actions.pop("start_next_action", None)
        return actions

    def object_tools_context(self, request, obj):
        context = super().object_tools_context(request, obj)
        context.update({
            "can_start_next": permissions.can_start_next(request.user),
            "can_publish": permissions.can_publish(request.user),
            "next_exists": Edition.objects.filter(year=obj.year + 1).exists(),
            "pending_carried_over": services.pending_carried_over(obj).count(),
            "preview_url": public_url("edition", year=obj.year),
        })
        return context

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/start-next/", wrap(self.start_next_view), name="yearbook_edition_start_next"),
            path("<int:pk>/publish/", wrap(self.publish_view), name="yearbook_edition_publish"),
            path("<int:pk>/unpublish/", wrap(self.unpublish_view), name="yearbook_edition_unpublish"),
        ] + super().get_urls()

    # -- actions (from the list) lead to the same confirmation pages as the buttons ---------------------
    def _single(self, request, queryset, name):
        if queryset.count() != 1:
            self.message_user(request, "请只勾选一卷。", messages.WARNING)
            return None
        return HttpResponseRedirect(reverse(f"admin:yearbook_edition_{name}", args=[queryset.get().pk]))

    @admin.action(description="开始编纂下一卷（以所选卷为底本）")
    def start_next_action(self, request, queryset):
        return self._single(request, queryset, "start_next")

    @admin.action(description="发布所选卷（主编）")
    def publish_action(self, request, queryset):
        return self._single(request, queryset, "publish")

    @admin.action(description="撤回发布，改回草稿（主编）")
    def unpublish_action(self, request, queryset):
        return self._single(request, queryset, "unpublish")

    def _context(self, request, edition, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, "original": edition,
                "edition": edition, "title": title, **extra}

    def start_next_view(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        if not permissions.can_start_next(request.user):
            raise PermissionDenied
        form = StartNextForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                summary = services.start_next_edition(edition, user=request.user, **form.cleaned_data)
            except services.EditorialError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:yearbook_edition_change", args=[edition.pk]))
            new = summary.edition
            counts = "、".join(f"{k} {v}" for k, v in summary.counts.items())
            pending = (reverse("admin:yearbook_appointment_changelist")
                       + f"?edition__id__exact={new.pk}&pending=1")
            self.message_user(request, format_html(
                "已开始编纂 {} 卷（草稿，读者看不到）。已复制：{}。{} 卷没有任何改动。"
                "下一步：<a href=\"{}\">逐条确认或结束上卷延续的任职</a>。",
                new.year, counts, edition.year, pending), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:yearbook_edition_change", args=[new.pk]))
        open_count = edition.appointments.filter(end__isnull=True).count()
        return TemplateResponse(request, "admin/yearbook/edition/start_next.html", self._context(
            request, edition, f"开始编纂 {edition.year + 1} 卷", form=form, next_year=edition.year + 1,
            next_covers=edition.covers_year + 1,
            next_exists=Edition.objects.filter(year=edition.year + 1).exists(),
            counts=[("类目", edition.categories.count()), ("分目", edition.sections.count()),
                    ("领导班子名录", edition.rosters.count()), ("仍在任（无任职止）的任职", open_count),
                    ("编纂人员", edition.board.count()), ("荣耀金川称号", edition.honorary_titles.count())]))

    def publish_view(self, request, pk):
        return self._status_view(request, pk, publish=True)

    def unpublish_view(self, request, pk):
        return self._status_view(request, pk, publish=False)

    def _status_view(self, request, pk, *, publish):
        edition = get_object_or_404(Edition, pk=pk)
        if not permissions.can_publish(request.user):
            raise PermissionDenied("只有主编可以发布或撤回发布。")
        if request.method == "POST":
            try:
                if publish:
                    warnings = services.publish_edition(edition, user=request.user,
                                                        override=request.POST.get("override", ""))
                    self.message_user(request, f"{edition.year} 卷已发布，读者现在可以看到。", messages.SUCCESS)
                    for w in warnings:
                        self.message_user(request, f"提醒：{w}", messages.WARNING)
                else:
                    services.unpublish_edition(edition, user=request.user)
                    self.message_user(request, f"{edition.year} 卷已撤回为草稿，读者看不到了；编辑可以修改。",
                                      messages.SUCCESS)
            except services.EditorialError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:yearbook_edition_change", args=[edition.pk]))
        return TemplateResponse(request, "admin/yearbook/edition/status_confirm.html", self._context(
            request, edition, f"{'发布' if publish else '撤回发布'} {edition.year} 卷", publish=publish,
            warnings=services.publication_warnings(edition) if publish else [],
            blockers=services.publication_blockers(edition) if publish else []))


# ---------------------------------------------------------------------------
# Outline and front matter
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Agencies and persons
# ---------------------------------------------------------------------------

class AliasInline(EditorialTabularInline):
    model = OrganizationAlias


class OrganizationRosterInline(admin.TabularInline):
    """An agency's rosters in every edition (read-only; open one to edit its appointments)."""

    model = Roster
    extra = 0
    fields = ("edition", "heading", "appointment_count")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = "各卷领导班子名录"
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition").annotate(n=Count("appointments"))

    @admin.display(description="任职数")
    def appointment_count(self, obj):
        return obj.n


@admin.register(Organization)
class OrganizationAdmin(EditorialAdmin):
    list_display = ("name", "kind", "parent", "name_pinyin")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "name_pinyin", "name_initials")
    autocomplete_fields = ("parent",)
    fields = ("name", "kind", "parent", "name_pinyin", "name_initials")
    readonly_fields = ("name_pinyin", "name_initials")
    inlines = [AliasInline, OrganizationRosterInline]


class PersonForm(VersionedModelForm):
    different_person = forms.BooleanField(
        label="确认是另一位同名人物", required=False,
        help_text="已有同名人物而这确实是另一个人时勾选，并在“说明”里写明区别（如工作单位、职务）。")

    class Meta:
        model = Person
        fields = ("name", "key", "gender", "note", "different_person")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False
        self.fields["key"].help_text = "留空则自动生成：通常即姓名；同名的另一人自动加序号（如 李晓燕-2）。"

    def clean(self):
        cleaned = super().clean()
        name = "".join((cleaned.get("name") or "").split())
        if not name:
            return cleaned
        cleaned["name"] = name
        new = self.instance.pk is None
        if new or "name" in self.changed_data:
            namesakes = Person.objects.filter(name=name).exclude(pk=self.instance.pk)
            if namesakes and not cleaned.get("different_person"):
                described = "；".join(describe_person(p) for p in namesakes[:5])
                self.add_error("name", f"已有同名人物：{described}。如果是同一个人，请不要新建，直接选用已有的人物；"
                                       f"如果确实是另一个人，请勾选“确认是另一位同名人物”，并在“说明”里写明区别。")
            elif namesakes and not (cleaned.get("note") or "").strip():
                self.add_error("note", "同名的另一人：请写明与已有同名人物的区别（如工作单位、职务）。")
        if not cleaned.get("key"):
            cleaned["key"] = services.unique_person_key(name) if new else self.instance.key
        return cleaned


def describe_person(person) -> str:
    posts = [f"{a.organization.name}{a.title}" for a in
             person.appointments.select_related("organization").order_by("-edition__year")[:2]]
    return f"{person.name}（稳定键 {person.key}{'，' + '、'.join(posts) if posts else ''}）"


@admin.register(Person)
class PersonAdmin(EditorialAdmin):
    form = PersonForm
    list_display = ("name", "key", "gender", "posts", "name_pinyin", "name_initials")
    list_filter = ("gender",)
    search_fields = ("name", "key", "name_pinyin", "name_initials")
    readonly_fields = ("name_pinyin", "name_initials", "links")
    fields = ("name", "key", "gender", "note", "different_person", "name_pinyin", "name_initials", "links")
    actions = ["merge_action"]
    change_form_template = "admin/yearbook/person/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("appointments__organization")

    @admin.display(description="任职")
    def posts(self, obj):
        return "；".join(f"{a.organization.name}{a.title}" for a in list(obj.appointments.all())[:3])

    @admin.display(description="任职、表彰与提及")
    def links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        groups = []
        for link in services.person_links():
            records = list(link.records(obj)[:50])
            if not records:
                continue
            opts = link.model._meta
            items = format_html_join("", '<li><a href="{}">{}</a></li>', (
                (reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[r.pk]), describe_link(r))
                for r in records))
            groups.append(format_html("<h4>{}（{}）</h4><ul>{}</ul>", link.label, link.records(obj).count(),
                                      items))
        if not groups:
            return "（无）"
        return format_html('<div class="person-links">{}</div>',
                           format_html_join("", "{}", ((g,) for g in groups)))

    def object_tools_context(self, request, obj):
        context = super().object_tools_context(request, obj)
        if self.has_change_permission(request, obj):
            context["extra_object_tools"].append(
                (reverse("admin:yearbook_person_split", args=[obj.pk]), "拆分为两人"))
        return context

    def get_urls(self):
        split = path("<int:pk>/split/", self.admin_site.admin_view(self.split_view), name="yearbook_person_split")
        return [split, *super().get_urls()]

    @admin.action(description="合并所选人物（同一人的不同写法）", permissions=["change", "delete"])
    def merge_action(self, request, queryset):
        persons = list(queryset)
        if len(persons) < 2:
            self.message_user(request, "请至少勾选两位人物来合并。", messages.WARNING)
            return None
        if request.POST.get("apply"):
            keep = next((p for p in persons if str(p.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, "请选择保留哪一位。", messages.ERROR)
            else:
                others = [p for p in persons if p.pk != keep.pk]
                services.merge_persons(keep, others, user=request.user, reason=request.POST.get("reason", ""))
                self.message_user(request, format_html(
                    "已合并为 <a href=\"{}\">{}</a>：{} 的任职、表彰和提及都已移过来。此次合并已记入修改历史。",
                    reverse("admin:yearbook_person_change", args=[keep.pk]), keep,
                    "、".join(str(o) for o in others)), messages.SUCCESS)
                return None
        links = services.person_links()
        rows = [(p, describe_person(p), [(link.label, link.records(p).count()) for link in links]) for p in persons]
        return TemplateResponse(request, "admin/yearbook/person/merge.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": "合并人物",
            "rows": rows, "queryset": queryset, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    def split_view(self, request, pk):
        person = get_object_or_404(Person, pk=pk)
        if not self.has_change_permission(request, person) or not self.has_add_permission(request):
            raise PermissionDenied
        links = services.person_links()
        groups = [(link, list(link.records(person))) for link in links]
        error = None
        values = {"name": person.name, "key": services.unique_person_key(person.name), "note": "",
                  "gender": person.gender}
        if request.method == "POST":
            values.update({k: request.POST.get(k, "").strip() for k in ("name", "key", "note", "gender")})
            moves = {link.key: [int(x) for x in request.POST.getlist(link.key)] for link in links}
            try:
                new = services.split_person(person, moves, name=values["name"], key=values["key"],
                                            note=values["note"], gender=values["gender"], user=request.user)
            except services.EditorialError as exc:
                error = str(exc)
            else:
                self.message_user(request, format_html(
                    "已拆分：所勾选的记录已移给新人物 <a href=\"{}\">{}</a>，其余仍属 {}。此次拆分已记入修改历史。",
                    reverse("admin:yearbook_person_change", args=[new.pk]), new, person), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:yearbook_person_change", args=[new.pk]))
        checked = {(k, int(x)) for k in request.POST for x in request.POST.getlist(k) if x.isdigit()} \
            if request.method == "POST" else set()
        return TemplateResponse(request, "admin/yearbook/person/split.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "original": person,
            "title": f"拆分同名人物：{person}", "person": person, "error": error, "values": values,
            "groups": [(link, [(r, describe_link(r), (link.key, r.pk) in checked) for r in records])
                       for link, records in groups if records],
            "genders": Person.Gender.choices,
        })


def describe_link(record) -> str:
    if isinstance(record, Appointment):
        return f"{record.edition.year} 卷 · {record.organization.name} {record.title}"
    if isinstance(record, Honour):
        return f"{record.edition.year} 卷 · {record.award}"
    if isinstance(record, EditorialBoardMember):
        return f"{record.edition.year} 卷 · 编纂人员 {record.body}{record.title}"
    if isinstance(record, Entry):
        return f"{record.section.edition.year} 卷 · 条目【{record.title}】"
    edition = permissions.edition_of(record)
    prefix = f"{edition.year} 卷 · " if edition else ""
    return f"{prefix}{record}"


# ---------------------------------------------------------------------------
# Rosters and appointments
# ---------------------------------------------------------------------------

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
        n = services.confirm_appointments(queryset.filter(carried_over=True), user=request.user)
        self.message_user(request, f"已确认 {n} 条任职仍在任。", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        if obj.roster_id is None:
            heading = f"{obj.organization.name}领导班子成员"
            roster = Roster(edition=obj.edition, organization=obj.organization, heading=heading)
            services.fill_order(roster)
            roster._history_user = request.user
            roster.save()
            obj.roster = roster
            self.message_user(request, f"本卷原无“{obj.organization.name}”的名录，已新建“{heading}”。", messages.INFO)
        if not obj.title_normalized or "title" in form.changed_data:
            from yearbook.loading import normalize_title
            obj.title_normalized = normalize_title(obj.title)
        super().save_model(request, obj, form, change)


# ---------------------------------------------------------------------------
# Honours
# ---------------------------------------------------------------------------

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
