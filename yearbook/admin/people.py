"""Agencies and persons (merge, split), shared by every edition."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from yearbook.actions import EditorialError, persons
from yearbook.admin.base import EditorialAdmin, EditorialTabularInline, VersionedModelForm
from yearbook.models import (Appointment, EditorialBoardMember, Entry, Honour, Organization,
                             OrganizationAlias, Person, Roster, edition_of)


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


def change_reason_field(what: str):
    return forms.CharField(
        label="修改理由", required=False, max_length=90,
        help_text=f"这{what}见于已发布的年鉴卷时，只有主编可以修改读者看到的内容，并须写明理由（记入修改历史）。")


class OrganizationForm(VersionedModelForm):
    change_reason = change_reason_field("个机构")

    class Meta:
        model = Organization
        fields = ("name", "kind", "parent")


@admin.register(Organization)
class OrganizationAdmin(EditorialAdmin):
    form = OrganizationForm
    list_display = ("name", "kind", "parent", "name_pinyin")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__name", "name_pinyin", "name_initials")
    autocomplete_fields = ("parent",)
    fields = ("name", "kind", "parent", "change_reason", "name_pinyin", "name_initials")
    readonly_fields = ("name_pinyin", "name_initials")
    inlines = [AliasInline, OrganizationRosterInline]


class PersonForm(VersionedModelForm):
    change_reason = change_reason_field("位人物")
    different_person = forms.BooleanField(
        label="确认是另一位同名人物", required=False,
        help_text="已有同名人物而这确实是另一个人时勾选，并在“说明”里写明区别（如工作单位、职务）。")

    class Meta:
        model = Person
        fields = ("name", "key", "gender", "note", "different_person", "change_reason")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "key" in self.fields:   # not when it is frozen (a published person, for editors)
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
            cleaned["key"] = persons.unique_person_key(name) if new else self.instance.key
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
    fields = ("name", "key", "gender", "note", "different_person", "change_reason", "name_pinyin", "name_initials",
              "links")
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
        for link in persons.person_links():
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
        chosen = list(queryset)
        if len(chosen) < 2:
            self.message_user(request, "请至少勾选两位人物来合并。", messages.WARNING)
            return None
        if request.POST.get("apply"):
            keep = next((p for p in chosen if str(p.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, "请选择保留哪一位。", messages.ERROR)
            else:
                others = [p for p in chosen if p.pk != keep.pk]
                try:
                    persons.merge_persons(keep, others, user=request.user, reason=request.POST.get("reason", ""))
                except EditorialError as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return None
                self.message_user(request, format_html(
                    "已合并为 <a href=\"{}\">{}</a>：{} 的任职、表彰和提及都已移过来。此次合并已记入修改历史。",
                    reverse("admin:yearbook_person_change", args=[keep.pk]), keep,
                    "、".join(str(o) for o in others)), messages.SUCCESS)
                return None
        links = persons.person_links()
        rows = [(p, describe_person(p), [(link.label, link.records(p).count()) for link in links]) for p in chosen]
        return TemplateResponse(request, "admin/yearbook/person/merge.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": "合并人物",
            "rows": rows, "queryset": queryset, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    def split_view(self, request, pk):
        person = get_object_or_404(Person, pk=pk)
        if not self.has_change_permission(request, person) or not self.has_add_permission(request):
            raise PermissionDenied
        links = persons.person_links()
        groups = [(link, list(link.records(person))) for link in links]
        error = None
        values = {"name": person.name, "key": persons.unique_person_key(person.name), "note": "",
                  "gender": person.gender}
        if request.method == "POST":
            values.update({k: request.POST.get(k, "").strip() for k in ("name", "key", "note", "gender")})
            moves = {link.key: [int(x) for x in request.POST.getlist(link.key)] for link in links}
            try:
                new = persons.split_person(person, moves, name=values["name"], key=values["key"],
                                            note=values["note"], gender=values["gender"], user=request.user)
            except EditorialError as exc:
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
    edition = edition_of(record)
    prefix = f"{edition.year} 卷 · " if edition else ""
    return f"{prefix}{record}"
