"""审核队列: the review items of an edition's import, and the page where an editor resolves one."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from yearbook.actions import EditorialError
from yearbook.actions import review as actions
from yearbook.models import ReviewItem
from yearbook.parsing.errors import CODES


class CodeFilter(admin.SimpleListFilter):
    title = "问题类型"
    parameter_name = "code"

    def lookups(self, request, model_admin):
        return sorted(CODES.items(), key=lambda kv: kv[1])

    def queryset(self, request, queryset):
        return queryset.filter(code=self.value()) if self.value() else queryset


class NoteForm(forms.Form):
    note = forms.CharField(label="说明（可不填）", required=False, max_length=500,
                           widget=forms.TextInput(attrs={"size": 60}))


class ProfileCorrectionForm(forms.Form):
    # Printed text is matched as printed: its spaces are part of it.
    printed = forms.CharField(label="原文（要改的字，照原样抄写）", max_length=300, strip=False,
                              error_messages={"required": "请填写要校正的原文。"})
    corrected = forms.CharField(label="改为", max_length=300, required=False, strip=False,
                                help_text="留空表示删去原文")
    reason = forms.CharField(label="理由", max_length=300,
                             help_text="写明原印是什么、应读作什么、依据何在，如：OCR 将「任」误识为「仟」（李文龙 2020年5月任）",
                             error_messages={"required": "请填写校正理由。"})
    context = forms.CharField(label="上下文", max_length=500, required=False, strip=False,
                              widget=forms.TextInput(attrs={"size": 80}),
                              help_text="包含原文、在全书中只出现一次的一段文字（通常就是该行），用来找到要改的那一行；"
                                        "原文本身在全书只出现一次时可不填")


@admin.register(ReviewItem)
class ReviewItemAdmin(SimpleHistoryAdmin):
    list_display = ("where", "code_display", "message", "guess", "status_display", "record_link")
    list_display_links = ("where",)
    list_filter = ("status", CodeFilter, "blocking", "edition")
    list_select_related = ("edition", "content_type")
    search_fields = ("printed", "message", "guess", "resolution_note")
    list_per_page = 50
    actions = ["accept_action", "discard_action"]
    change_list_template = "admin/yearbook/reviewitem/change_list.html"

    def has_add_permission(self, request):
        return False   # items come from the import

    def has_delete_permission(self, request, obj=None):
        return False   # resolved, never deleted: a re-import replaces them

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition", "content_type", "resolved_by")

    # -- columns -----------------------------------------------------------
    @admin.display(description="位置", ordering="line")
    def where(self, obj):
        return f"{obj.edition.year} 卷 第 {obj.line} 行" if obj.line else f"{obj.edition.year} 卷（未定位）"

    @admin.display(description="问题类型", ordering="code")
    def code_display(self, obj):
        return format_html("{}{}", obj.code_label, "" if obj.blocking else "（提醒）")

    @admin.display(description="状态", ordering="status")
    def status_display(self, obj):
        return format_html('<span class="review-status review-status-{}">{}</span>', obj.status,
                           obj.get_status_display())

    @admin.display(description="相关记录")
    def record_link(self, obj):
        url, label = record_url(obj)
        return format_html('<a href="{}">{}</a>', url, label) if url else "—"

    # -- bulk decisions ----------------------------------------------------------
    def _bulk(self, request, queryset, decide, verb):
        if not actions.can_resolve(request.user):
            raise PermissionDenied
        done = 0
        for item in queryset.filter(status=ReviewItem.Status.OPEN):
            decide(item, user=request.user)
            done += 1
        self.message_user(request, f"已{verb} {done} 项（已处理过的项未改动）。", messages.SUCCESS)

    @admin.action(description="采纳所选项的推测读法")
    def accept_action(self, request, queryset):
        self._bulk(request, queryset, actions.accept, "采纳")

    @admin.action(description="忽略所选项")
    def discard_action(self, request, queryset):
        self._bulk(request, queryset, actions.discard, "忽略")

    def get_actions(self, request):
        found = super().get_actions(request)
        if not actions.can_resolve(request.user):
            found.pop("accept_action", None)
            found.pop("discard_action", None)
        return found

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["title"] = "审核队列"
        return super().changelist_view(request, extra_context)

    # -- the page of one item -------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("<int:pk>/resolve/", wrap(self.resolve_view), name="yearbook_reviewitem_resolve"),
                ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:yearbook_reviewitem_resolve", args=[object_id]))

    def resolve_view(self, request, pk):
        item = get_object_or_404(ReviewItem.objects.select_related("edition", "content_type", "resolved_by"), pk=pk)
        if not self.has_view_permission(request, item):
            raise PermissionDenied
        can_resolve = actions.can_resolve(request.user)
        can_correct = actions.can_write_correction(request.user)
        note_form = NoteForm()
        correction_form = ProfileCorrectionForm(initial=actions.correction_initial(item))
        if request.method == "POST":
            decision = request.POST.get("decision")
            if not can_resolve or (decision == "correct" and not can_correct):
                raise PermissionDenied
            try:
                if decision in ("accept", "discard"):
                    note_form = NoteForm(request.POST)
                    if note_form.is_valid():
                        (actions.accept if decision == "accept" else actions.discard)(
                            item, user=request.user, note=note_form.cleaned_data["note"])
                        verb = "采纳了推测读法" if decision == "accept" else "忽略了这一项"
                        return self._done(request, item, f"已{verb}。")
                elif decision == "reopen":
                    actions.reopen(item, user=request.user)
                    return self._done(request, item, "已重新打开，待处理。", next_open=False)
                elif decision == "correct":
                    correction_form = ProfileCorrectionForm(request.POST)
                    if correction_form.is_valid():
                        actions.write_correction(item, user=request.user, **correction_form.cleaned_data)
                        return self._done(request, item, f"校正已写入源文本配置「{item.edition.source_profile}」，"
                                                         f"下次导入 {item.edition.year} 卷时生效。")
            except EditorialError as exc:
                (correction_form if decision == "correct" else note_form).add_error(None, str(exc))
        url, label = record_url(item)
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": f"审核项：{item}",
            "item": item, "record_url": url, "record_label": label, "context_lines": context_lines(item),
            "note_form": note_form, "correction_form": correction_form,
            "can_resolve": can_resolve, "can_correct": can_correct,
            "queue_url": reverse("admin:yearbook_reviewitem_changelist")
                         + f"?edition__id__exact={item.edition_id}&status__exact=open",
            "history_url": reverse("admin:yearbook_reviewitem_history", args=[item.pk]),
            "open_left": ReviewItem.objects.filter(edition=item.edition_id, status=ReviewItem.Status.OPEN).count(),
        }
        return TemplateResponse(request, "admin/yearbook/reviewitem/resolve.html", context)

    def _done(self, request, item, message, next_open=True):
        self.message_user(request, message, messages.SUCCESS)
        if next_open:  # on to the next open item of the edition, in the order found
            following = (ReviewItem.objects.filter(edition=item.edition_id, status=ReviewItem.Status.OPEN)
                         .order_by("order").values_list("pk", flat=True))
            nxt = following.filter(order__gt=item.order).first() or following.first()
            if nxt:
                return HttpResponseRedirect(reverse("admin:yearbook_reviewitem_resolve", args=[nxt]))
            return HttpResponseRedirect(reverse("admin:yearbook_reviewitem_changelist")
                                        + f"?edition__id__exact={item.edition_id}")
        return HttpResponseRedirect(reverse("admin:yearbook_reviewitem_resolve", args=[item.pk]))


def record_url(item: ReviewItem) -> tuple[str | None, str]:
    """The admin page of the record an item concerns, and how to name it, without loading the record."""
    if not item.content_type_id or not item.object_id:
        return None, ""
    ct = item.content_type
    try:
        url = reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[item.object_id])
    except NoReverseMatch:
        return None, ""
    model = ct.model_class()
    return url, str(model._meta.verbose_name) if model else "记录"


def context_lines(item: ReviewItem) -> list[tuple[int | None, str, bool]]:
    """The printed lines around the item, numbered: (line, text, is it the item's line)."""
    lines = item.context.split("\n") if item.context else []
    if len(lines) != 3 or not item.line:
        return []
    return [(None, lines[0], False), (item.line, lines[1], True), (None, lines[2], False)]
