"""The pieces every editing screen shares.

* ``PrecisionDateField``: dates typed as 2020-03-05, 2020-03, 2020年3月 or 2020, checked against the precision.
* ``VersionedModelForm``: optimistic locking (a save based on a stale page is refused with a clear message),
  the "published editions are frozen" rule, and the editorial validation rules.
* ``EditorialAdmin`` / ``EditorialInline``: history (django-simple-history), read-only published editions,
  draft-only choices, automatic order numbers, and corrections (printed text beside the current one).
* ``EditorialImportExportAdmin`` (admin/imports.py): CSV/XLSX import with a preview, all-or-nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, router, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from yearbook import names, permissions, validation
from yearbook.actions import EditorialError, corrections, ordering, restore, shared
from yearbook.models import Edition, Precision, edition_of, edition_path

PROVENANCE_READONLY = ("source_line", "source_line_end", "page", "corrected", "printed_text",
                       "printed_beside")
ORDER_HELP = "留空则自动排在最后"


# ---------------------------------------------------------------------------
# Dates with precision
# ---------------------------------------------------------------------------

class PrecisionDateWidget(AdminDateWidget):
    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"size": "10", **(attrs or {})}, format=format or "%Y-%m-%d")


class PrecisionDateField(forms.DateField):
    """A date typed to the day, the month or the year; remembers which (``typed_precision``)."""

    widget = PrecisionDateWidget
    default_error_messages = {"invalid": "日期格式不对。请写成 2020-03-05（日）、2020-03（月）或 2020（年）。"}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "可写 2020-03-05、2020-03 或 2020")
        super().__init__(*args, **kwargs)
        self.typed_precision = None

    def to_python(self, value):
        if value in self.empty_values:
            self.typed_precision = None
            return None
        try:
            parsed = validation.parse_date(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None
        if parsed is None:
            return None
        date, self.typed_precision = parsed
        return date


PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def typed_precision_error(form, date_field: str, precision_field: str) -> None:
    """``2020-03`` typed with precision "day" is ambiguous: ask the editor to say which."""
    field = form.fields.get(date_field)
    chosen = form.cleaned_data.get(precision_field)
    typed = getattr(field, "typed_precision", None)
    if not typed or not chosen or date_field in form.errors:
        return
    if PRECISION_RANK[typed] > PRECISION_RANK[chosen]:
        label = validation.PRECISION_LABEL
        form.add_error(precision_field, f"{field.label}只写到了{label[typed]}，精度却选了“{label[chosen]}”："
                                        f"请把精度改为“{label[typed]}”，或补全日期。")


# ---------------------------------------------------------------------------
# Forms: optimistic locking, frozen editions, rules
# ---------------------------------------------------------------------------

def current_version(model, pk):
    qs = model._default_manager.filter(pk=pk)
    in_transaction = not transaction.get_autocommit(router.db_for_write(model))
    if connection.features.has_select_for_update and in_transaction:
        qs = qs.select_for_update()  # hold the row until this save is done
    return qs.values_list("version", flat=True).first()


def conflict_message(instance, seen: int):
    model = type(instance)
    history = getattr(model, "history", None)
    who, when, fields = "另一位编辑", "", []
    if history is not None:
        newer = history.filter(id=instance.pk, version__gt=seen).select_related("history_user")
        last = newer.order_by("-history_date", "-history_id").first()
        if last is not None:
            user = last.history_user
            who = (user.get_full_name() or user.get_username()) if user else "导入程序"
            when = f"于 {timezone.localtime(last.history_date):%Y-%m-%d %H:%M}"
            base = (history.filter(id=instance.pk, version=seen)
                    .order_by("-history_date", "-history_id").first())
            if base is not None:
                delta = last.diff_against(base, excluded_fields=["version"])
                fields = [str(model._meta.get_field(name).verbose_name) for name in delta.changed_fields]
    opts = model._meta
    reload = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
    changed = f"（改动了：{'、'.join(fields)}）" if fields else ""
    return format_html(
        "保存未成功，您的修改没有写入：在您打开本页之后，{} {}修改并保存了这条记录{}。为免覆盖对方的修改，"
        "请先记下您要做的改动，再<a href=\"{}\">重新打开本页</a>查看最新内容后修改。"
        "对方改了什么，见<a href=\"{}\">修改历史</a>。",
        who, when, changed, reload, history_url)


def clean_posted_text(form):
    """The posted text fields without control characters (a NUL, Word's soft line break): before any check
    runs, so no query ever sees them (PostgreSQL refuses NUL) and the editor gets the clean value back."""
    data = form.data.copy()
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField) and hasattr(data, "setlist"):
            # a choice that cannot be a record id is refused as an invalid choice, before any query sees it
            key = form.add_prefix(name)
            if key in data:
                data.setlist(key, [v if v in ("", None) or is_record_id(v) else "?" for v in data.getlist(key)])
            continue
        if not isinstance(field, forms.CharField):
            continue
        clean = names.clean_text if isinstance(field.widget, forms.Textarea) else names.clean_chars
        for key in (form.add_prefix(name), form.add_initial_prefix(name)):
            if key not in data:
                continue
            if hasattr(data, "setlist"):
                data.setlist(key, [clean(v) if isinstance(v, str) else v for v in data.getlist(key)])
            elif isinstance(data[key], str):
                data[key] = clean(data[key])
    return data


def strict_json(value) -> None:
    """JSON that every database stores: no NaN or Infinity (Python reads them, PostgreSQL refuses them)."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        raise ValidationError("请填写有效的 JSON（不能含 NaN 或 Infinity）。", code="invalid") from None


def change_reason(form) -> str:
    """The chief editor's reason for changing a published shared record; an inline row (an agency's other
    name) takes the reason written on its parent's form."""
    reason = form.cleaned_data.get("change_reason") or ""
    if not reason and form.prefix and hasattr(form.data, "get"):
        reason = form.data.get("change_reason") or ""
    return names.clean_line(str(reason))[:90]


STALE_PAGE = ("保存未成功，您的修改没有写入：页面缺少版本信息（可能是页面过旧或不完整）。"
              "请重新打开本页，在最新内容上修改后再保存。")


def edited_fields(form) -> list[str]:
    return [name for name in form.changed_data if name != "edit_version"]


class VersionedModelForm(forms.ModelForm):
    """Carries the version the editor saw; refuses to save over a newer one."""

    edit_version = forms.IntegerField(label="版本", widget=forms.HiddenInput, required=False,
                                      error_messages={"invalid": STALE_PAGE})
    # Rules: subclasses define ``rules(self, instance, new, changed) -> {field: message}``.

    def __init__(self, *args, **kwargs):
        reverting = kwargs.get("instance")
        if reverting is not None and hasattr(reverting, "_history"):  # an old version of a live record
            restore.prepare_revert(reverting)
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = clean_posted_text(self)
        instance = self.instance
        if instance.pk is not None and hasattr(instance, "version"):
            self.initial["edit_version"] = instance.version
        else:
            self.initial["edit_version"] = 0
        # Dates are shown as precisely as they are known: 2020-04 for a month, 2020 for a year.
        for date_field, precision_field in self.precision_pairs():
            date, precision = getattr(instance, date_field, None), getattr(instance, precision_field, None)
            if date_field in self.fields and date is not None and instance.pk is not None:
                self.initial[date_field] = validation.date_text(date, precision)
        # Each field also carries the value the editor was shown, so "changed" means changed by this editor:
        # an untouched form (or inline row) is not saved, and cannot overwrite what someone else saved.
        for field in self.fields.values():
            if not isinstance(field, forms.FileField):
                field.show_hidden_initial = True
            if isinstance(field, forms.JSONField):
                field.validators.append(strict_json)

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        for name, field in self.fields.items():   # an emptied JSON box is the field's empty default ([]), not null
            if isinstance(field, forms.JSONField) and name in cleaned and cleaned[name] is None:
                model_field = instance._meta.get_field(name)
                if not model_field.null:
                    cleaned[name] = model_field.get_default()
        seen = cleaned.get("edit_version")
        existing = instance.pk is not None and not instance._state.adding
        if existing and hasattr(instance, "version"):
            # an unchanged form saves nothing (see EditorialAdmin.save_model); a revert always saves
            if edited_fields(self) or self.cleaned_data.get("DELETE") or hasattr(instance, "_history"):
                if seen is None and "edit_version" not in self.errors:
                    raise ValidationError(STALE_PAGE, code="no_version")
                current = current_version(type(instance), instance.pk)
                if current is None:
                    raise ValidationError("这条记录已被另一位编辑删除，您的修改无法保存。", code="deleted")
                if current != seen:
                    raise ValidationError(conflict_message(instance, seen), code="conflict")
        return cleaned

    def untouched_fields(self) -> set[str]:
        """The record's fields on the form that the editor did not change (none for a new record)."""
        if self.instance.pk is None or self.instance._state.adding:
            return set()
        return {name for name in self.fields if name not in self.changed_data}

    def _post_clean(self):
        # What the editor did not change keeps the record's value as it is now (a revert: as it was then),
        # not the value the page showed: a number moved meanwhile (ordering), or a mention another editor
        # added, is not put back by a save that never touched it.
        untouched = self.untouched_fields()
        kept = {f.attname: getattr(self.instance, f.attname) for f in self.instance._meta.concrete_fields
                if f.name in untouched}
        super()._post_clean()
        for attname, value in kept.items():
            setattr(self.instance, attname, value)
        if self.cleaned_data.get("DELETE"):
            return
        edition = edition_of(self.instance)
        if edition is not None and not permissions.edition_editable(edition):
            self.add_error(None, permissions.frozen_message(edition))
            return
        if shared.is_shared(self.instance):
            try:
                shared.check_change(self.instance, set(self.changed_data), user=getattr(self, "editing_user", None),
                                    reason=change_reason(self))
            except EditorialError as exc:
                self.add_error(None, str(exc))
                return
        rules = getattr(self, "rules", None)
        if rules is None:
            return
        new = self.instance._state.adding or self.instance.pk is None
        for name, message in rules(self.instance, new, set(self.changed_data)).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
            elif name not in self.fields:
                self.add_error(None, message)

    def _save_m2m(self):
        untouched = self.untouched_fields()
        saved = {name: self.cleaned_data.pop(name) for name in list(self.cleaned_data) if name in untouched}
        try:
            super()._save_m2m()
        finally:
            self.cleaned_data.update(saved)

    def precision_pairs(self):
        return ()

    def _clean_form(self):
        super()._clean_form()
        for date_field, precision_field in self.precision_pairs():
            if date_field in self.fields and precision_field in self.fields:
                typed_precision_error(self, date_field, precision_field)


class EditorialFormSet(forms.BaseInlineFormSet):
    """Gives each inline form its parent (``form.parent_instance``) and runs ``check_rows`` across rows."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.parent_instance = self.instance
        return form

    def clean(self):
        super().clean()
        rows = [f for f in self.forms if f.is_valid() and not self._should_delete_form(f)
                and (f.instance.pk or f.has_changed())]
        check = getattr(self, "check_rows", None)
        if check:
            check(rows)


# ---------------------------------------------------------------------------
# Admin classes
# ---------------------------------------------------------------------------

def is_record_id(value) -> bool:
    """A value that can be a record's id: digits, within a 64-bit integer (SQLite and PostgreSQL refuse more)."""
    text = str(value)
    return text.isdigit() and len(text) <= 18


class SafeChoicesMixin:
    """An autocomplete box shown again after an error lists the records chosen; a posted value that is not a
    record id (a tampered form) is left out instead of failing the page."""

    def optgroups(self, name, value, attr=None):
        value = [v for v in value if is_record_id(v)]
        return super().optgroups(name, value, attr)


class SafeAutocompleteSelect(SafeChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeChoicesMixin, AutocompleteSelectMultiple):
    pass


def draft_only(queryset):
    lookup = edition_path(queryset.model)
    if lookup is None:
        return queryset
    key = f"{lookup}__status" if lookup else "status"
    return queryset.filter(**{key: Edition.Status.DRAFT})


class EditorialMixin:
    """Shared by model admins and inlines: date fields, draft-only choices, optional order numbers."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField) \
                and db_field.editable:
            label = db_field.verbose_name.capitalize() if db_field.verbose_name else None
            return PrecisionDateField(label=label, required=not db_field.blank)
        if db_field.name == "review_note":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == ordering.order_field(db_field.model):
            field.required = False
            field.help_text = ORDER_HELP
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if edition_path(related) is not None:
            kwargs.setdefault("queryset", draft_only(related._default_manager.all()))
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EditorialAdmin(EditorialMixin, SimpleHistoryAdmin):
    """Base of every content admin."""

    form = VersionedModelForm
    change_form_template = "admin/editorial/change_form.html"
    change_list_template = "admin/editorial/change_list.html"
    object_history_template = "admin/editorial/object_history.html"
    object_history_list_template = "admin/editorial/object_history_list.html"
    object_history_form_template = "admin/editorial/object_history_form.html"
    text_field = None  # the main text, shown beside the printed text of a corrected record
    list_per_page = 50

    main_fields = None  # with provenance: the record's own fields; the provenance fieldsets follow

    # -- layout --------------------------------------------------------
    def has_provenance(self) -> bool:
        return any(f.name == "printed_text" for f in self.model._meta.concrete_fields)

    def get_fields(self, request, obj=None):
        fields = with_version(super().get_fields(request, obj))
        if "change_reason" in fields and not self.asks_change_reason(request, obj):
            fields.remove("change_reason")
        return fields

    def asks_change_reason(self, request, obj) -> bool:
        """The chief editor, changing what readers see of a published person or agency, says why."""
        return obj is not None and permissions.can_publish(request.user) and shared.is_published(obj)

    def get_fieldsets(self, request, obj=None):
        if self.main_fields is None or not self.has_provenance():
            sets = super().get_fieldsets(request, obj)
            if sets and "edit_version" not in admin.utils.flatten_fieldsets(sets):
                name, options = sets[0]
                sets = [(name, {**options, "fields": with_version(options["fields"])}), *sets[1:]]
            return sets
        sets = [(None, {"fields": with_version(self.main_fields)})]
        if obj is not None and (obj.corrected or corrections.corrections_of(obj).exists()):
            sets.insert(0, ("校正：原印文本与现文本", {"fields": ("printed_beside",)}))
        review = {"fields": ("needs_review", "review_note")}
        if obj is None or not obj.needs_review:
            review["classes"] = ("collapse",)
        sets.append(("审核", review))
        sets.append(("出处（源文本）", {"fields": ("source_line", "source_line_end", "page", "corrected",
                                                "printed_text"), "classes": ("collapse",)}))
        return sets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.main_fields is not None and self.has_provenance():
            fields += [f for f in PROVENANCE_READONLY if f not in fields]
        if obj is not None:   # what readers see of a published person or agency: the chief editor's
            fields += [f for f in shared.frozen_fields(obj, request.user) if f not in fields]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editing_user = request.user   # a class made for this request (modelform_factory)
        return form

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete takes along, in the editors' words; a person or agency that an
        edition still references is listed as protected, so the delete is refused with the reason."""
        blockers = [reason for obj in objs for reason in shared.delete_blockers(obj)]
        if blockers:   # the reason, not "your account may not delete …" about the records that name it
            return [], {}, set(), blockers
        return super().get_deleted_objects(objs, request)

    # -- permissions ---------------------------------------------------
    def edition_of(self, obj):
        return edition_of(obj)

    def is_frozen(self, obj) -> bool:
        return obj is not None and not permissions.edition_editable(self.edition_of(obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.is_frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.is_frozen(obj)

    def get_model_perms(self, request):
        if getattr(self, "hidden", False):
            return {}
        return super().get_model_perms(request)

    def get_changeform_initial_data(self, request):
        """A new record's 卷次 is the edition being compiled (the latest draft), unless the link says otherwise."""
        initial = super().get_changeform_initial_data(request)
        try:
            field = self.model._meta.get_field("edition")
        except FieldDoesNotExist:
            return initial
        if field.is_relation and field.related_model is Edition and "edition" not in initial:
            compiling = Edition.objects.filter(status=Edition.Status.DRAFT).order_by("-year").first()
            if compiling is not None:
                initial["edition"] = compiling.pk
        return initial

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryValues(self.model, historical_record)

    # -- views ---------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, admin.utils.unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None:
            edition = self.edition_of(obj)
            if request.method == "GET" and self.is_frozen(obj) and \
                    super().has_change_permission(request, obj):
                messages.warning(request, permissions.frozen_message(edition))
            extra_context.update(self.object_tools_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def object_tools_context(self, request, obj):
        tools = []
        opts = self.model._meta
        if hasattr(obj, "printed_text") and permissions.can_correct(request.user, obj):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_correct", args=[obj.pk])
            tools.append((url, "添加校正"))
        return {"extra_object_tools": tools}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version, restorable: in one transaction, and a restore that would clash with another
        record (a name taken since) is refused with a message instead of failing."""
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except IntegrityError:
            messages.error(request, "无法恢复为这一版本：它与现有的另一条记录冲突（如名称或顺序已被占用）。"
                                    "请先修改那条记录，或直接编辑本记录。")
            return HttpResponseRedirect(request.path)

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        urls = [path("deleted/", self.admin_site.admin_view(self.deleted_view), name="{}_{}_deleted".format(*info))]
        urls += super().get_urls()
        if any(f.name == "printed_text" for f in opts.concrete_fields):
            urls = [path("<path:object_id>/correct/", self.admin_site.admin_view(self.correction_view),
                         name="{}_{}_correct".format(*info))] + urls
        return urls

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.has_change_permission(request):
            opts = self.model._meta
            extra_context["deleted_url"] = reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        return super().changelist_view(request, extra_context)

    # -- deleted records: listed from their history, restorable ---------------------------------
    def deleted_view(self, request):
        """The records of this kind that were deleted (newest first), each restorable with its links."""
        if not (self.has_change_permission(request) and self.has_add_permission(request)):
            raise PermissionDenied
        history = self.model.history
        opts = self.model._meta
        if request.method == "POST":
            restored, failed = [], []
            for history_id in request.POST.getlist("restore"):
                record = get_object_or_404(history, history_id=history_id, history_type="-")
                try:
                    with transaction.atomic():
                        restored.append(restore.restore_deleted(record, user=request.user))
                except EditorialError as exc:
                    failed.append(f"{record.instance}：{exc}")
                except Exception:  # noqa: BLE001 — its parent is gone too
                    failed.append(f"{record.instance}：它所属的上级记录也已删除，请先恢复上级记录。")
            if restored:
                messages.success(request, format_html("已恢复 {} 条记录：{}。恢复已记入修改历史。", len(restored),
                                                      format_html_join("、", '<a href="{}">{}</a>', (
                    (reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[o.pk]), o)
                    for o in restored))))
            for message in failed:
                messages.error(request, message)
            return HttpResponseRedirect(request.path)
        live = self.model._default_manager.values("pk")
        # Deletions by editors; re-importing an edition (no user) replaces records and is not listed.
        records = (history.filter(history_type="-", history_user__isnull=False).exclude(id__in=live)
                   .select_related("history_user").order_by("-history_date")[:200])
        context = {
            **self.admin_site.each_context(request), "opts": opts, "title": f"已删除的{opts.verbose_name}",
            "records": [(r, describe_deleted(r)) for r in records],
        }
        return TemplateResponse(request, "admin/editorial/deleted.html", context)

    # -- saving --------------------------------------------------------
    def save_model(self, request, obj, form, change):
        if change and not edited_fields(form) and not hasattr(obj, "_history"):
            return  # nothing changed here (perhaps only inline rows): no save, no empty history entry
        ordering.fill_order(obj)
        reason = (form.cleaned_data.get("change_reason") or "").strip()
        if reason:
            obj._change_reason = f"主编修改：{reason}"[:100]
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj.delete()
        taken = []
        for obj in instances:
            name, _ = ordering.order_scope(obj)
            if name and getattr(obj, name) in (None, ""):
                ordering.fill_order(obj, taken=taken)
                taken.append(getattr(obj, name))
            obj._history_user = request.user
            reason = names.clean_line(request.POST.get("change_reason", ""))
            if reason:
                obj._change_reason = f"主编修改：{reason}"[:100]
            obj.save()
        formset.save_m2m()
        for f in formset.forms:
            if hasattr(f, "save_related_rows") and f.instance.pk and f not in formset.deleted_forms:
                f.save_related_rows(request.user)

    # -- search: autocomplete offers draft records only -------------------
    def get_search_results(self, request, queryset, search_term):
        search_term = names.clean_line(search_term or "")
        if request.path.endswith("/autocomplete/"):
            queryset = draft_only(queryset)
        return super().get_search_results(request, queryset, search_term)

    # -- corrections ---------------------------------------------------
    def get_text_field(self):
        if self.text_field:
            return self.text_field
        fields = corrections.correctable_fields(self.model)
        first = fields[0].name if fields else None
        return next((f.name for f in fields if isinstance(f, models.TextField)), first)

    @admin.display(description="原印文本与现文本")
    def printed_beside(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        parts = []
        if obj.corrected and obj.printed_text:
            current = getattr(obj, self.get_text_field() or "", "") or ""
            rows = diff_snippets(obj.printed_text, current)
            parts.append(format_html(
                '<table class="printed-beside"><thead><tr><th>原印文本（校正前）</th><th>现文本</th></tr></thead>'
                '<tbody>{}</tbody></table>', format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", rows)))
            if len(obj.printed_text) > SHORT_TEXT:
                parts.append(format_html(
                    '<details class="printed-full"><summary>全文对照</summary>'
                    '<table class="printed-beside"><tbody><tr><td>{}</td><td>{}</td></tr></tbody></table></details>',
                    obj.printed_text, current))
        made = corrections.corrections_for(obj)
        if made:
            parts.append(format_html('<ul class="correction-list">{}</ul>', format_html_join(
                "", "<li>{}“{}” → “{}”：{}（{}）</li>",
                ((f"第 {c.source_line} 行 " if c.source_line else "", c.printed, c.corrected or "（删去）", c.reason,
                  correction_source(c)) for c in made))))
        if not parts:
            return "未校正"
        return mark_safe("".join(parts))

    def correction_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not permissions.can_correct(request.user, obj):
            raise PermissionDenied
        fields = corrections.correctable_fields(self.model)
        default = self.get_text_field()
        form = CorrectionForm(request.POST if request.method == "POST" else None, fields=fields,
                              initial={"field_name": default})
        if request.method == "POST" and form.is_valid():
            try:
                corrections.add_correction(obj, user=request.user, **form.cleaned_data)
            except EditorialError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已校正：“{form.cleaned_data['printed']}” → "
                                          f"“{form.cleaned_data['corrected']}”。此次校正已记入修改历史。")
                opts = self.model._meta
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"添加校正：{obj}",
            "opts": self.model._meta,
            "original": obj,
            "form": form,
            "texts": [(f.verbose_name, getattr(obj, f.name)) for f in fields if getattr(obj, f.name)],
            "printed_beside": self.printed_beside(obj),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/editorial/correction_form.html", context)


class HistoryValues(HistoricalRecordContextHelper):
    """The history page's "what changed" in the editors' words: 草稿 → 已发布 rather than draft → published,
    是/否, local time, （空） for nothing; the edit counter is not a change anyone made."""

    HIDDEN = {"version", "name_pinyin", "name_initials"}

    def context_for_delta_changes(self, delta):
        return [change for change in super().context_for_delta_changes(delta) if change["field"] is not None]

    def format_delta_change(self, change):
        if change.field in self.HIDDEN:
            return dataclasses.replace(change, field=None)
        return super().format_delta_change(change)

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return display_value(self.model._meta.get_field(change.field), value)


def display_value(field, value):
    if isinstance(value, list):
        return [display_value(None, v) for v in value] or "（无）"
    if value is None or value == "":
        return "（空）"
    if isinstance(value, DeletedObject):
        return "（空）" if value.pk is None else f"（已删除的{value.model._meta.verbose_name}，编号 {value.pk}）"
    if hasattr(value, "get_full_name"):   # a user
        return value.get_full_name() or value.get_username()
    if isinstance(value, bool):
        return "是" if value else "否"
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def correction_source(c) -> str:
    if not c.content_type_id:
        return "源文本校正表"
    when = f" {timezone.localtime(c.created_at):%Y-%m-%d}" if c.created_at else ""
    return f"{c.created_by or '编辑'}{when}"


def describe_deleted(record) -> str:
    instance = record.instance
    try:
        text = str(instance)
    except Exception:  # noqa: BLE001 — its parent is gone, so __str__ cannot follow it
        text = f"#{instance.pk}"
    edition = None
    try:
        edition = edition_of(instance)
    except Exception:  # noqa: BLE001
        pass
    return f"{edition.year} 卷 · {text}" if edition else text


class CorrectionForm(forms.Form):
    field_name = forms.ChoiceField(label="字段")
    printed = forms.CharField(label="原文（要改的字，连同前后几个字）", max_length=500,
                              error_messages={"required": "请填写要校正的原文。"})
    corrected = forms.CharField(label="改为", max_length=500, required=False,
                                help_text="留空表示删去原文")
    reason = forms.CharField(label="理由", max_length=300,
                             help_text="如：OCR 把“生”误作“牛”，见第 1554 行名录",
                             error_messages={"required": "请填写校正理由（如“OCR 把‘生’误作‘牛’，见第 1554 行”）。"})

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_name"].choices = [(f.name, f.verbose_name) for f in fields]


def with_version(fields):
    """The field list plus the hidden ``edit_version`` (rendered, so the version seen comes back)."""
    fields = list(fields)
    return fields if "edit_version" in fields else [*fields, "edit_version"]


SHORT_TEXT = 200
CONTEXT = 24


def diff_snippets(old: str, new: str) -> list[tuple[str, str]]:
    """Each changed passage with a little context, printed beside corrected (a short text: whole).

    Spacing is ignored (the OCR's spaces and line breaks were tidied away, not corrected), and so is printed
    text before or after the field's own text (the heading or byline on the same source lines).
    """
    if len(old) <= SHORT_TEXT and len(new) <= SHORT_TEXT:
        return [diff_html(old, new)]
    old, new = "".join(old.split()), "".join(new.split())
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    rows = []
    for group in matcher.get_grouped_opcodes(CONTEXT):  # changes close together share one row
        group = [op for op in group if not (op[0] == "delete" and (op[1] == 0 or op[2] == len(old)))]
        if not any(op[0] != "equal" for op in group):
            continue
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        if group[0][0] == "equal":  # keep only the end of the leading context
            i1, j1 = max(i1, group[0][2] - CONTEXT), max(j1, group[0][4] - CONTEXT)
        a, b = diff_html(old[i1:i2], new[j1:j2])
        rows.append((mark_safe(("…" if i1 else "") + a + ("…" if i2 < len(old) else "")),
                     mark_safe(("…" if j1 else "") + b + ("…" if j2 < len(new) else ""))))
    return rows or [(format_html("{}", old[:SHORT_TEXT]), format_html("{}", new[:SHORT_TEXT]))]


def diff_html(old: str, new: str):
    """Both texts with the differing characters marked (<del> in the old, <ins> in the new)."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    a, b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            a.append(format_html("{}", old[i1:i2]))
            b.append(format_html("{}", new[j1:j2]))
            continue
        if i2 > i1:
            a.append(format_html("<del>{}</del>", old[i1:i2]))
        if j2 > j1:
            b.append(format_html("<ins>{}</ins>", new[j1:j2]))
    return mark_safe("".join(a)), mark_safe("".join(b))


class EditorialInline(EditorialMixin):
    """Mixin for inlines: nothing can be added, changed or deleted inside a published edition, nor in what
    readers see of a published person or agency (an agency's other names) unless by the chief editor."""

    extra = 0
    form = VersionedModelForm
    formset = EditorialFormSet
    show_change_link = True  # each row's own page has its history

    def get_fields(self, request, obj=None):
        return with_version(super().get_fields(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.editing_user = request.user
        return formset

    def _frozen(self, obj):
        return obj is not None and not permissions.edition_editable(edition_of(obj))

    def _shared_frozen(self, request, obj):
        return obj is not None and bool(shared.frozen_fields(obj, request.user))

    def has_add_permission(self, request, obj=None):
        return (super().has_add_permission(request, obj) and not self._frozen(obj)
                and not self._shared_frozen(request, obj))

    def has_change_permission(self, request, obj=None):
        return (super().has_change_permission(request, obj) and not self._frozen(obj)
                and not self._shared_frozen(request, obj))

    def has_delete_permission(self, request, obj=None):
        return (super().has_delete_permission(request, obj) and not self._frozen(obj)
                and not self._shared_frozen(request, obj))


class EditorialTabularInline(EditorialInline, admin.TabularInline):
    pass


class EditorialStackedInline(EditorialInline, admin.StackedInline):
    pass
