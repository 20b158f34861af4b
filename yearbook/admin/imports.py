"""Spreadsheets in and out of the admin (导入 / 导出), on django-import-export's resources and pages.

Import, in two steps:
1. 提交: the file is read within limits (yearbook.sheets: size, rows, columns, cells, counted as it streams),
   kept under a random token (yearbook.uploads), and every row is checked without writing anything and
   without a transaction (a preview never holds SQLite's write lock). The preview lists each wrong row, the
   persons and agencies that would be new (with the closest existing names), and rows already imported.
2. 确认导入: the token (nothing else from the browser names the file) is claimed once; the rows are
   written all at once, or none.
Export: the same columns, formulas neutralised, CSV with a BOM, sheets and files named in Chinese
(大事记-2022.xlsx).
"""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import SelectableFieldsExportForm

from yearbook import downloads, uploads
from yearbook.admin.base import EditorialAdmin
from yearbook.models import Edition, edition_path
from yearbook.sheets import SheetError, read_csv, read_xlsx

READERS = {"csv": read_csv, "xlsx": read_xlsx}


class ExportForm(SelectableFieldsExportForm):
    """The export page's column boxes, labelled with the sheet's own column names (日期, not "Date (日期)")."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return str(field.column_name) if field is not None and field.column_name else field_name


class ConfirmImportForm(forms.Form):
    """The preview's confirmation: the token of the waiting file, nothing more."""
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


def to_dataset(sheet):
    import tablib

    dataset = tablib.Dataset(headers=sheet.headers)
    for row in sheet.rows:
        dataset.append(row[:len(sheet.headers)])
    return dataset


class EditorialImportExportAdmin(ImportExportMixin, EditorialAdmin):
    """CSV and XLSX import with a preview (row-level errors, nothing written), then all-or-nothing."""

    formats = [CSV, XLSX]
    import_template_name = "admin/editorial/import.html"
    export_template_name = "admin/editorial/export.html"
    export_form_class = ExportForm
    import_help = ""  # the columns, in the editors' words (HTML written here, not by users)

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "import_help": mark_safe(self.import_help),
                "limits": uploads.limits().describe()}

    def has_import_permission(self, request):
        opts = self.opts
        return (request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
                and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"))

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        data = super().get_import_resource_kwargs(request, **kwargs)
        data["user"] = request.user
        return data

    def get_export_resource_kwargs(self, request, **kwargs):
        data = super().get_export_resource_kwargs(request, **kwargs)
        data["user"] = request.user
        return data

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower

    def import_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_import")

    # -- step 1: upload and preview ----------------------------------------------------------------
    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = self.get_import_context_data()
        form = self.create_import_form(request)
        resource = self.get_import_resource_classes(request)[0](**self.get_import_resource_kwargs(request))
        if request.method == "POST":
            if getattr(request, "upload_too_large", False):
                form.errors.clear()
                form.add_error(None, f"文件太大，没有读取。{uploads.limits().describe()}；请分成几个文件导入。")
            elif form.is_valid():
                context.update(self.preview(request, form, resource))
        context.update(self.admin_site.each_context(request))
        context.update({
            "title": f"导入{self.opts.verbose_name}", "form": form, "opts": self.opts,
            "media": self.media + form.media, "import_error_display": self.import_error_display,
            "fields_list": [(resource.get_display_name(),
                             [f.column_name for f in resource.get_user_visible_fields()])],
        })
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def chosen_format(self, form) -> str:
        fmt = self.get_import_formats()[int(form.cleaned_data["format"])]()
        return fmt.get_title()

    def preview(self, request, form, resource) -> dict:
        upload = form.cleaned_data["import_file"]
        fmt = self.chosen_format(form)
        if upload.size > uploads.limits().bytes:
            form.add_error("import_file", f"文件太大，没有读取。{uploads.limits().describe()}。")
            return {}
        try:
            data = b"".join(upload.chunks())
            sheet = READERS[fmt](data, uploads.limits())
        except SheetError as exc:
            form.add_error("import_file", str(exc))
            return {}
        result = resource.import_data(to_dataset(sheet), dry_run=True, raise_errors=False,
                                      file_name=upload.name, user=request.user)
        context = {"result": result, "new_names": resource.new_names_report(),
                   "rows_read": len(sheet.rows)}
        if not result.has_errors() and not result.has_validation_errors():
            pending = uploads.save(request, upload, model=self.model_label, fmt=fmt)
            context["confirm_form"] = ConfirmImportForm(initial={"token": pending.token})
        return context

    # -- step 2: confirm -------------------------------------------------------------------------
    @staticmethod
    def _refused(request, message, url):
        messages.error(request, message)
        return HttpResponseRedirect(url)

    def process_import(self, request, **kwargs):
        return require_POST(self._process_import)(request, **kwargs)

    def _process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        back = self.import_url()
        form = ConfirmImportForm(request.POST)
        if not form.is_valid():
            return self._refused(request, "确认导入的请求不完整。请重新上传文件。", back)
        pending, data = uploads.claim(request, form.cleaned_data["token"], model=self.model_label)
        if pending is None:
            return self._refused(request, "这份预览已经导入过，或已过期（超过一天未确认），或不是在本页面上传的；"
                                          "什么也没有写入。如需导入，请重新上传文件。", back)
        if data is None:
            return self._refused(request, "这份预览的文件已不在服务器上（可能已经导入过，或已被清理）；"
                                          "什么也没有写入。请重新上传文件。", back)
        reader = READERS.get(pending.format)
        if reader is None:
            return self._refused(request, "无法识别这份文件的格式；什么也没有写入。请重新上传。", back)
        try:
            sheet = reader(data, uploads.limits())
        except SheetError as exc:
            return self._refused(request, f"什么也没有写入：{exc}", back)
        resource = self.get_import_resource_classes(request)[0](**self.get_import_resource_kwargs(request))
        with transaction.atomic(using=router.db_for_write(self.model)):
            result = resource.import_data(to_dataset(sheet), dry_run=False, raise_errors=False,
                                          use_transactions=True, rollback_on_validation_errors=True,
                                          file_name=pending.name, user=request.user)
        return self.process_result(result, request)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            n = len(result.invalid_rows) + len(result.row_errors())
            return self._refused(request, f"导入未完成，什么也没有写入：文件有 {n} 行出错（可能在预览之后数据有变）。"
                                          "请重新上传，按预览中的提示改正。", self.import_url())
        self.add_success_message(result, request)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(request, f"导入完成：新增 {totals.get('new', 0)} 行，更新 {totals.get('update', 0)} 行，"
                                  f"未变 {totals.get('skip', 0)} 行。每一行都已记入修改历史。")

    # -- export ----------------------------------------------------------------------------------
    def export_name(self, queryset) -> str:
        """大事记-2022: the kind of record and the edition (or today's date when several editions are in)."""
        name = str(self.opts.verbose_name)
        path = edition_path(self.model)
        years = []
        if path is not None:
            ids = queryset.order_by().values(f"{path}__pk" if path else "pk")
            years = list(Edition.objects.filter(pk__in=ids).values_list("year", flat=True)[:2])
        suffix = str(years[0]) if len(years) == 1 else f"{timezone.localdate():%Y-%m-%d}"
        return f"{name}-{suffix}"

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        data = self.get_data_for_export(request, queryset, export_form=export_form,
                                        force_native_type=isinstance(file_format, XLSX))
        header = [str(h) for h in (data.headers or [])]
        rows = [list(row) for row in data]
        fmt = "xlsx" if isinstance(file_format, XLSX) else "csv"
        return downloads.response(fmt, self.export_name(queryset), header, rows, title=str(self.opts.verbose_name))
