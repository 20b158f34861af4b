"""The consistency report in the admin: a list of findings filterable by kind and status, with links to
the records (admin and public pages), actions to decide, and a page that runs the report."""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from yearbook.models import Edition

from .models import Finding, FindingRecord, ReportRun
from .report import run_report


# Editors work with content permissions (the 编辑 and 主编 groups); the report is part of that work.
VIEW_PERMISSION = "yearbook.view_edition"
DECIDE_PERMISSION = "yearbook.change_entry"


def can_view(user) -> bool:
    return user.is_active and user.is_staff and (user.has_perm(VIEW_PERMISSION)
                                                  or user.has_perm("consistency.view_finding"))


def can_decide(user) -> bool:
    return user.is_active and user.is_staff and (user.has_perm(DECIDE_PERMISSION)
                                                  or user.has_perm("consistency.change_finding"))


class OpenFilter(admin.SimpleListFilter):
    title = "是否仍存在"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", "仍存在"), ("no", "已不再出现")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


def admin_change_url(record: FindingRecord) -> str | None:
    ct = record.content_type
    try:
        return reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[record.object_id])
    except NoReverseMatch:
        return None


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["kind_label", "message_text", "record_links", "lines", "status", "open_label", "decided"]
    list_display_links = ["message_text"]
    list_filter = ["kind", "status", OpenFilter, "edition"]
    search_fields = ["message", "note"]
    list_per_page = 50
    actions = ["mark_keep", "mark_fixed", "mark_pending"]
    readonly_fields = ["edition", "kind", "message", "record_links", "lines", "first_seen", "last_seen",
                       "resolved_at", "decided_by", "decided_at"]
    fields = ["edition", "kind", "message", "record_links", "lines", "status", "note", "decided_by", "decided_at",
              "first_seen", "last_seen", "resolved_at"]
    change_list_template = "consistency/change_list.html"

    def get_queryset(self, request):
        records = FindingRecord.objects.select_related("content_type").order_by("order")
        return (super().get_queryset(request).select_related("edition", "decided_by")
                .prefetch_related(Prefetch("records", queryset=records)))

    # -- permissions: the editorial roles ------------------------------------------------------
    def has_module_permission(self, request):
        return can_view(request.user)

    def has_view_permission(self, request, obj=None):
        return can_view(request.user)

    def has_change_permission(self, request, obj=None):
        return can_decide(request.user)

    def has_add_permission(self, request):
        return False   # findings come from the report only

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    # -- columns -------------------------------------------------------------------------------
    @admin.display(description="类别", ordering="kind")
    def kind_label(self, obj):
        return obj.get_kind_display()

    @admin.display(description="说明")
    def message_text(self, obj):
        return obj.message

    @admin.display(description="涉及的记录")
    def record_links(self, obj):
        items = []
        for r in obj.records.all():
            change = admin_change_url(r)
            items.append((
                format_html('<a href="{}">{}</a>', change, r.label) if change else r.label,
                format_html(' <a href="{}" class="finding-public" target="_blank" rel="noopener">[网页]</a>',
                            r.public_url) if r.public_url else "",
            ))
        if not items:
            return "—"
        return format_html('<ul class="finding-records">{}</ul>',
                           format_html_join("", "<li>{}{}</li>", items))

    @admin.display(description="源文本行")
    def lines(self, obj):
        return "、".join(str(n) for n in obj.source_lines) or "—"

    @admin.display(description="是否仍存在", boolean=False, ordering="resolved_at")
    def open_label(self, obj):
        return "仍存在" if obj.is_open else f"{timezone.localtime(obj.resolved_at):%Y-%m-%d} 起不再出现"

    @admin.display(description="处理人")
    def decided(self, obj):
        if not obj.decided_by:
            return "—"
        return obj.decided_by.get_full_name() or obj.decided_by.get_username()

    # -- decisions -----------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.decided_by, obj.decided_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def _mark(self, request, queryset, status):
        if not can_decide(request.user):
            raise PermissionDenied
        n = queryset.update(status=status, decided_by=request.user, decided_at=timezone.now())
        label = Finding.Status(status).label
        self.message_user(request, f"已将 {n} 条标记为“{label}”。", messages.SUCCESS)

    @admin.action(description="标记为“按原文保留”")
    def mark_keep(self, request, queryset):
        self._mark(request, queryset, Finding.Status.KEEP)

    @admin.action(description="标记为“已修改”")
    def mark_fixed(self, request, queryset):
        self._mark(request, queryset, Finding.Status.FIXED)

    @admin.action(description="改回“待处理”")
    def mark_pending(self, request, queryset):
        self._mark(request, queryset, Finding.Status.PENDING)

    # -- the report page -----------------------------------------------------------------------
    def get_urls(self):
        run = path("run/", self.admin_site.admin_view(self.run_view), name="consistency_finding_run")
        return [run] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra = {"run_url": reverse("admin:consistency_finding_run")}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def run_view(self, request):
        """Choose an edition and run the report; shows each edition's last run and open findings."""
        if not can_view(request.user):
            raise PermissionDenied
        if request.method == "POST":
            if not can_decide(request.user):
                raise PermissionDenied
            pk = request.POST.get("edition", "")
            edition = get_object_or_404(Edition, pk=int(pk) if pk.isdigit() else 0)
            run = run_report(edition, user=request.user)
            self.message_user(request, f"{edition.year} 卷检查完毕：共 {run.found} 条，新增 {run.new} 条，"
                                       f"不再出现 {run.resolved} 条，用时 {run.seconds:.1f} 秒。", messages.SUCCESS)
            url = reverse("admin:consistency_finding_changelist")
            return HttpResponseRedirect(f"{url}?edition__id__exact={edition.pk}&open=yes")
        editions = Edition.objects.order_by("-year").annotate(
            open_count=Count("findings", filter=Q(findings__resolved_at__isnull=True)),
            pending_count=Count("findings", filter=Q(findings__resolved_at__isnull=True,
                                                     findings__status=Finding.Status.PENDING)))
        last_runs = {}
        for run in ReportRun.objects.select_related("run_by").order_by("edition_id", "-started_at"):
            last_runs.setdefault(run.edition_id, run)
        rows = [(e, last_runs.get(e.pk)) for e in editions]
        context = {**self.admin_site.each_context(request), "opts": self.opts, "title": "运行编校一致性检查",
                   "rows": rows, "can_run": can_decide(request.user),
                   "list_url": reverse("admin:consistency_finding_changelist")}
        return TemplateResponse(request, "consistency/run.html", context)
