"""Editions: start the next one, publish, unpublish."""
from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join

from yearbook import permissions, registry
from yearbook.actions import EditorialError, publishing, start_next
from yearbook.admin.base import EditorialAdmin, VersionedModelForm
from yearbook.models import Edition


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
                       "source_sha256", "source_profile", "reader_notes_shown")
    fieldsets = [
        (None, {"fields": ("year", "covers_year", "title", "status", "published_at", "published_by",
                           "based_on")}),
        ("版权页", {"fields": ("compiler", "sponsor", "publisher", "isbn", "cip_number", "published", "printing",
                             "price", "printer", "editors_in_charge", "editorial_notes")}),
        ("来源", {"fields": ("source_file", "source_profile", "source_sha256", "imported_at", "reader_notes_shown"),
                  "classes": ("collapse",)}),
    ]
    actions = ["start_next_action", "publish_action", "unpublish_action"]
    change_form_template = "admin/yearbook/edition/change_form.html"

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        css = "published" if obj.is_published else "draft"
        return format_html('<span class="edition-status edition-status-{}">{}</span>', css,
                           obj.get_status_display())

    @admin.display(description="读者提示")
    def reader_notes_shown(self, obj):
        """The notes readers see on records under review, each with its record's kind (in Chinese) and line."""
        if not obj.reader_notes:
            return "—"
        kinds = {m._meta.model_name: m._meta.verbose_name for m in apps.get_models()}
        rows = []
        for key, note in obj.reader_notes.items():
            kind, _, line = key.rpartition(":")
            rows.append(format_html("<li>{} 第 {} 行：{}</li>", kinds.get(kind, "记录"), line, note))
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((r,) for r in rows)))

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
            "can_start_next": permissions.can_start_next(request.user) and obj.is_published,
            "can_publish": permissions.can_publish(request.user),
            "next_exists": Edition.objects.filter(year=obj.year + 1).exists(),
            "pending_carried_over": start_next.pending_carried_over(obj).count(),
            "open_review_items": obj.review_items.filter(status="open").count(),
            "preview_url": public_url("edition", year=obj.year),
            "edition_tools": [(t.label, t.url(obj)) for t in registry.edition_tools()
                              if not t.permission or request.user.has_perm(t.permission)],
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
        if not edition.is_published and not Edition.objects.filter(year=edition.year + 1).exists():
            self.message_user(request, f"{edition.year} 卷还是草稿（尚未完成）：请先完成并由主编发布，"
                                       f"再以它为底本开始编纂 {edition.year + 1} 卷。", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:yearbook_edition_change", args=[edition.pk]))
        form = StartNextForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                summary = start_next.start_next_edition(edition, user=request.user, **form.cleaned_data)
            except EditorialError as exc:
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
                    warnings = publishing.publish_edition(edition, user=request.user,
                                                        override=request.POST.get("override", ""))
                    self.message_user(request, f"{edition.year} 卷已发布，读者现在可以看到。", messages.SUCCESS)
                    for w in warnings:
                        self.message_user(request, f"提醒：{w}", messages.WARNING)
                else:
                    publishing.unpublish_edition(edition, user=request.user)
                    self.message_user(request, f"{edition.year} 卷已撤回为草稿，读者看不到了；编辑可以修改。",
                                      messages.SUCCESS)
            except EditorialError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:yearbook_edition_change", args=[edition.pk]))
        return TemplateResponse(request, "admin/yearbook/edition/status_confirm.html", self._context(
            request, edition, f"{'发布' if publish else '撤回发布'} {edition.year} 卷", publish=publish,
            warnings=publishing.publication_warnings(edition) if publish else [],
            blockers=publishing.publication_blockers(edition) if publish else []))
