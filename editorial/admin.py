"""The editorial office's screens in the admin: units, assignments with their workflow, the progress board."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

# The core's admin base classes: imported here only (they are moving to yearbook.admin.base).
from yearbook.admin.base import EditorialAdmin, VersionedModelForm
from yearbook.models import Edition, Entry

from . import workflow
from .board import NOT_ASSIGNED, build_board, deadline_text
from .core import EditorialError, permissions
from .intake import MAX_BYTES
from .models import STAGE_ORDER, Assignment, ContributingUnit, Manuscript, Review, Stage
from .workflow import entry_words, stage_label, user_label

TEMPLATES = "admin/editorial_workflow"


# ---------------------------------------------------------------------------
# Contributing units
# ---------------------------------------------------------------------------

@admin.register(ContributingUnit)
class ContributingUnitAdmin(EditorialAdmin):
    list_display = ("name", "organization", "contact", "phone", "email", "assignment_count")
    search_fields = ("name", "contact", "organization__name", "organization__name_pinyin")
    autocomplete_fields = ("organization",)
    fields = ("name", "organization", "contact", "phone", "email", "note")

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("organization").annotate(n=Count("assignments"))
                .order_by("name"))

    @admin.display(description="分派的分目（各卷合计）", ordering="n")
    def assignment_count(self, obj):
        return obj.n


# ---------------------------------------------------------------------------
# Assignments and their workflow
# ---------------------------------------------------------------------------

class ReviewerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


def holders_of(codename: str):
    """Active staff accounts holding a stage's permission (through a group, directly, or as superuser)."""
    perm = Permission.objects.filter(content_type__app_label="editorial", codename=codename)
    return (get_user_model().objects.filter(is_active=True, is_staff=True)
            .filter(Q(groups__permissions__in=perm) | Q(user_permissions__in=perm) | Q(is_superuser=True))
            .distinct().order_by("username"))


class AssignmentForm(VersionedModelForm):
    class Meta:
        model = Assignment
        fields = ("section", "unit", "deadline", "target_words", "reviewer_first", "reviewer_second",
                  "reviewer_final", "note")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for stage in Stage.values:
            name = f"reviewer_{stage}"
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = ReviewerChoice(queryset=holders_of(f"review_{stage}"), required=False,
                                                   label=old.label, help_text=old.help_text, widget=old.widget)
                self.fields[name].show_hidden_initial = True

    def clean(self):
        cleaned = super().clean()
        section = cleaned.get("section") or (self.instance.section if self.instance.section_id else None)
        if section is not None:
            self.instance.edition = section.edition
        named = [(cleaned.get(f"reviewer_{s}"), s) for s in Stage.values if cleaned.get(f"reviewer_{s}")]
        seen = {}
        for user, stage in named:
            if user.pk in seen:
                self.add_error(f"reviewer_{stage}", f"{user_label(user)}已是{stage_label(seen[user.pk])}人："
                                                    "初审、复审、终审须由不同的人来做。")
            seen.setdefault(user.pk, stage)
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="结论", choices=Review.Decision.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "请选择审稿结论：通过或退改。"})
    comment = forms.CharField(label="审稿意见", required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
                              help_text="退改时必填：要供稿单位改什么。")
    entry = forms.ModelChoiceField(label="批注条目", queryset=Entry.objects.none(), required=False,
                                   empty_label="（整个分目）")
    annotation = forms.CharField(label="批注", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
                                 help_text="可选：对整个分目或某一条目的具体意见，解决前一直列在分目上。")

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        if section is not None:
            self.fields["entry"].queryset = section.entries.all()


class AnnotationForm(forms.Form):
    entry = forms.ModelChoiceField(label="条目", queryset=Entry.objects.none(), required=False,
                                   empty_label="（整个分目）")
    text = forms.CharField(label="批注", widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
                           error_messages={"required": "批注不能为空。"})

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        if section is not None:
            self.fields["entry"].queryset = section.entries.all()


class UploadForm(forms.Form):
    file = forms.FileField(label="来稿（Word .docx 文件）",
                           error_messages={"required": "请选择供稿单位的 Word 文件（.docx）。",
                                           "empty": "上传的文件是空的。"})


class StatusFilter(admin.SimpleListFilter):
    title = "状态"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Assignment.Status.choices, ("overdue", "逾期未交")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "overdue":
            return queryset.filter(deadline__lt=timezone.localdate(),
                                   status__in=[Assignment.Status.TO_INVITE, Assignment.Status.INVITED,
                                               Assignment.Status.RETURNED])
        if value:
            return queryset.filter(status=value)
        return queryset


@admin.register(Assignment)
class AssignmentAdmin(EditorialAdmin):
    form = AssignmentForm
    list_display = ("section_name", "category", "unit", "status_badge", "deadline", "days_left", "target_words",
                    "edition")
    list_filter = ("edition", StatusFilter, "unit")
    search_fields = ("section__name", "unit__name", "section__category__name")
    autocomplete_fields = ("section", "unit")
    list_select_related = ("section__category", "unit", "edition")
    change_form_template = f"{TEMPLATES}/assignment/change_form.html"
    change_list_template = f"{TEMPLATES}/assignment/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["section"] if obj is not None else fields

    @admin.display(description="分目", ordering="section__order")
    def section_name(self, obj):
        return obj.section.name

    @admin.display(description="类目", ordering="section__category__order")
    def category(self, obj):
        return obj.section.category.name

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        if obj.pending_stage:
            label = f"{label} · 待{stage_label(obj.pending_stage)}"
        return format_html('<span class="workflow-status workflow-{}">{}</span>', obj.status, label)

    @admin.display(description="期限")
    def days_left(self, obj):
        return deadline_text(obj.deadline, timezone.localdate(), obj.status == Assignment.Status.FINAL)

    def save_model(self, request, obj, form, change):
        if obj.section_id and not obj.edition_id:
            obj.edition = obj.section.edition
        super().save_model(request, obj, form, change)

    # -- the workflow panel on the assignment's page ---------------------------------------------
    def object_tools_context(self, request, obj):
        context = super().object_tools_context(request, obj)
        context["extra_object_tools"].append(
            (reverse("admin:editorial_board", args=[obj.edition.year]), "编纂进度看板"))
        context.update(self.workflow_context(request, obj))
        return context

    def workflow_context(self, request, obj, *, review_form=None, annotation_form=None):
        user = request.user
        editable = self.has_change_permission(request, obj)
        draft = permissions.edition_editable(obj.edition)
        stage = obj.pending_stage
        refusal = workflow.review_refusal(user, obj, stage) if stage else None
        entries = list(obj.section.entries.all())
        words = sum(entry_words(e) for e in entries)
        reviews = list(obj.reviews.select_related("user").prefetch_related("annotations"))
        return {
            "assignment": obj,
            "editable": editable,
            "can_invite": editable and obj.status == Assignment.Status.TO_INVITE,
            "can_upload": editable and user.has_perm("editorial.add_manuscript")
            and obj.status not in (Assignment.Status.SUBMITTED, Assignment.Status.FINAL),
            "stage": stage, "stage_label": stage_label(stage) if stage else "",
            "review_refusal": refusal,
            "review_form": review_form or ReviewForm(section=obj.section),
            "draft": draft,
            "can_reopen": draft and obj.status == Assignment.Status.FINAL
            and user.has_perm(workflow.STAGE_PERMISSIONS[Stage.FINAL]),
            "annotation_form": annotation_form or AnnotationForm(section=obj.section),
            "can_annotate": draft and user.has_perm("editorial.add_annotation"),
            "can_resolve": draft and user.has_perm("editorial.change_annotation"),
            "annotations": list(obj.annotations.select_related("user", "resolved_by", "entry")),
            "reviews": reviews,
            "manuscripts": list(obj.manuscripts.select_related("uploaded_by", "accepted_by").defer("content")),
            "entries": [(e, entry_words(e)) for e in entries],
            "words": words,
            "percent": round(words * 100 / obj.target_words) if obj.target_words else None,
            "stages": [(stage_label(s), i < obj.passed, s == stage) for i, s in enumerate(STAGE_ORDER)],
            "deadline_text": deadline_text(obj.deadline, timezone.localdate(),
                                           obj.status == Assignment.Status.FINAL),
        }

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("board/", wrap(self.board_redirect), name="editorial_board_latest"),
            path("board/<int:year>/", wrap(self.board_view), name="editorial_board"),
            path("<int:pk>/invite/", wrap(self.invite_view), name="editorial_assignment_invite"),
            path("<int:pk>/upload/", wrap(self.upload_view), name="editorial_assignment_upload"),
            path("<int:pk>/review/", wrap(self.review_view), name="editorial_assignment_review"),
            path("<int:pk>/reopen/", wrap(self.reopen_view), name="editorial_assignment_reopen"),
            path("<int:pk>/annotate/", wrap(self.annotate_view), name="editorial_assignment_annotate"),
            path("annotation/<int:pk>/resolve/", wrap(self.resolve_view), name="editorial_annotation_resolve"),
            path("manuscript/<int:pk>/", wrap(self.manuscript_view), name="editorial_manuscript"),
            path("manuscript/<int:pk>/file/", wrap(self.manuscript_file_view), name="editorial_manuscript_file"),
        ] + super().get_urls()

    def _assignment(self, request, pk, *, change=True):
        obj = get_object_or_404(Assignment.objects.select_related("edition", "section__category", "unit"), pk=pk)
        allowed = self.has_change_permission(request, obj) if change else self.has_view_permission(request, obj)
        if not allowed:
            raise PermissionDenied
        return obj

    def _back(self, obj):
        return HttpResponseRedirect(reverse("admin:editorial_assignment_change", args=[obj.pk]))

    def _context(self, request, obj, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, "original": obj, "assignment": obj,
                "title": title, **extra}

    @staticmethod
    def _error(request, exc):
        messages.error(request, str(exc))

    @staticmethod
    def _may_see(request, obj):
        """Reviews and 批注 need no change permission on the assignment (a 复审 reviewer has none): the workflow
        checks the stage's permission itself."""
        if not request.user.has_perm("editorial.view_assignment"):
            raise PermissionDenied

    # -- 约稿 --------------------------------------------------------------------------------------------
    def invite_view(self, request, pk):
        obj = self._assignment(request, pk)
        if request.method != "POST":
            return self._back(obj)
        try:
            workflow.invite(obj, user=request.user)
        except EditorialError as exc:
            self._error(request, exc)
        else:
            messages.success(request, f"已向{obj.unit.name}约稿：“{obj.section.name}”状态改为“已约稿”。")
        return self._back(obj)

    # -- 来稿: upload, preview, accept --------------------------------------------------------------
    def upload_view(self, request, pk):
        obj = self._assignment(request, pk)
        if not request.user.has_perm("editorial.add_manuscript"):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        error = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                error = f"“{upload.name}”超过 {MAX_BYTES // 1024 // 1024} MB，请把图片另行报送，来稿只留文字。"
            else:
                try:
                    manuscript = workflow.submit_manuscript(obj, file_name=upload.name, data=upload.read(),
                                                            user=request.user)
                except EditorialError as exc:
                    error = str(exc)
                else:
                    return HttpResponseRedirect(reverse("admin:editorial_manuscript", args=[manuscript.pk]))
        context = self._context(request, obj, f"上传来稿：{obj.section.name}（{obj.unit.name}）", form=form,
                                error=error, media=self.media)
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, f"{TEMPLATES}/upload.html", context, status=status)

    def manuscript_view(self, request, pk):
        manuscript = get_object_or_404(Manuscript.objects.defer("content").select_related(
            "assignment__edition", "assignment__section__category", "assignment__unit", "uploaded_by",
            "accepted_by"), pk=pk)
        obj = manuscript.assignment
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            try:
                counts = workflow.accept_manuscript(manuscript, user=request.user)
            except EditorialError as exc:
                self._error(request, exc)
                return HttpResponseRedirect(request.path)
            done = "、".join(f"{k} {v} 条" for k, v in counts.items())
            messages.success(request, f"已采用来稿《{manuscript.file_name}》：{done}。"
                                      f"“{obj.section.name}”已交稿，待初审。每一处改动都已记入修改历史。")
            return self._back(obj)
        result = workflow.plan(manuscript)
        can_accept = (manuscript.status == Manuscript.Status.PENDING and self.has_change_permission(request, obj)
                      and obj.status not in (Assignment.Status.SUBMITTED, Assignment.Status.FINAL)
                      and request.user.has_perm("editorial.change_manuscript"))
        return TemplateResponse(request, f"{TEMPLATES}/manuscript.html", self._context(
            request, obj, f"来稿预览：《{manuscript.file_name}》", manuscript=manuscript, plan=result,
            can_accept=can_accept, counts=[(label, result.count(action))
                                           for action, label in (("new", "新增"), ("replace", "替换"),
                                                                 ("same", "不变"))]))

    def manuscript_file_view(self, request, pk):
        manuscript = get_object_or_404(Manuscript.objects.select_related("assignment__edition"), pk=pk)
        if not self.has_view_permission(request, manuscript.assignment):
            raise PermissionDenied
        response = HttpResponse(bytes(manuscript.content), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        from urllib.parse import quote
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(manuscript.file_name)}"
        return response

    # -- 审稿 and 批注 -----------------------------------------------------------------------------------
    def review_view(self, request, pk):
        obj = get_object_or_404(Assignment.objects.select_related("edition", "section", "unit"), pk=pk)
        self._may_see(request, obj)
        if request.method != "POST":
            return self._back(obj)
        form = ReviewForm(request.POST, section=obj.section)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, "；".join(errors))
            return self._back(obj)
        data = form.cleaned_data
        stage = request.POST.get("stage", "")
        try:
            workflow.record_review(obj, stage=stage, decision=data["decision"], comment=data["comment"],
                                   user=request.user, annotations=[(data["entry"], data["annotation"])])
        except EditorialError as exc:
            self._error(request, exc)
            return self._back(obj)
        obj.refresh_from_db()
        label = stage_label(stage)
        if data["decision"] == Review.Decision.RETURN:
            messages.success(request, f"{label}：已退改，“{obj.section.name}”退回{obj.unit.name}修改。")
        elif obj.status == Assignment.Status.FINAL:
            messages.success(request, f"终审通过：“{obj.section.name}”已定稿。")
        else:
            messages.success(request, f"{label}通过：“{obj.section.name}”待{stage_label(obj.pending_stage)}。")
        return self._back(obj)

    def reopen_view(self, request, pk):
        obj = get_object_or_404(Assignment.objects.select_related("edition", "section", "unit"), pk=pk)
        self._may_see(request, obj)
        if request.method == "POST":
            try:
                workflow.return_to_unit(obj, user=request.user, comment=request.POST.get("comment", ""))
            except EditorialError as exc:
                self._error(request, exc)
            else:
                messages.success(request, f"已把定稿的“{obj.section.name}”退回{obj.unit.name}修改。")
        return self._back(obj)

    def annotate_view(self, request, pk):
        obj = get_object_or_404(Assignment.objects.select_related("edition", "section"), pk=pk)
        self._may_see(request, obj)
        if request.method == "POST":
            form = AnnotationForm(request.POST, section=obj.section)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, "；".join(errors))
            else:
                try:
                    workflow.add_annotation(obj, text=form.cleaned_data["text"], entry=form.cleaned_data["entry"],
                                            user=request.user)
                except EditorialError as exc:
                    self._error(request, exc)
                else:
                    messages.success(request, "已添加批注。")
        return self._back(obj)

    def resolve_view(self, request, pk):
        from .models import Annotation

        annotation = get_object_or_404(Annotation.objects.select_related("assignment"), pk=pk)
        self._may_see(request, annotation.assignment)
        if request.method == "POST":
            try:
                workflow.resolve_annotation(annotation, user=request.user)
            except EditorialError as exc:
                self._error(request, exc)
            else:
                messages.success(request, f"批注已解决：{annotation}")
        return self._back(annotation.assignment)

    # -- the board -------------------------------------------------------------------------------------------
    def board_redirect(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = (Edition.objects.filter(status=Edition.Status.DRAFT).order_by("-year").first()
                   or Edition.objects.order_by("-year").first())
        if edition is None:
            raise Http404("还没有任何年鉴卷。")
        return HttpResponseRedirect(reverse("admin:editorial_board", args=[edition.year]))

    def board_view(self, request, year):
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = get_object_or_404(Edition, year=year)
        mine = request.GET.get("mine") == "1"
        status = request.GET.get("status", "")
        if status not in {*Assignment.Status.values, NOT_ASSIGNED}:
            status = ""
        category = request.GET.get("category", "")
        category = int(category) if category.isdigit() else None
        board = build_board(edition, user=request.user, mine=mine, status=status, category=category)
        categories = list(edition.categories.values_list("pk", "name"))
        editions = list(Edition.objects.order_by("-year").values_list("year", flat=True))
        return TemplateResponse(request, f"{TEMPLATES}/board.html", {
            **self.admin_site.each_context(request), "opts": self.opts,
            "title": f"编纂进度：{edition.year} 卷", "edition": edition, "board": board, "mine": mine,
            "status": status, "category": category, "categories": categories, "editions": editions,
            "statuses": [*Assignment.Status.choices, (NOT_ASSIGNED, "未分派")],
        })

