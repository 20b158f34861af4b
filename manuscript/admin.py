"""书稿导出 in the admin: every edition with its downloads (Word manuscript of the edition or of one
category, the print-ready PDF) and a print preview."""
from __future__ import annotations


from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header

from yearbook.models import Category

from .build import build
from .models import ManuscriptEdition
from .pdf import PdfUnavailable, print_html, render_pdf
from .word import write_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def can_export(user) -> bool:
    """Editors and chief editors (they may read editions) export manuscripts."""
    return user.is_active and user.is_staff and (user.has_perm("yearbook.view_edition")
                                                  or user.has_perm("manuscript.view_manuscriptedition"))


def file_name(edition, category: str | None, suffix: str) -> str:
    return f"{edition.title.replace(' ', '')}{'-' + category if category else ''}-校样.{suffix}"


@admin.register(ManuscriptEdition)
class ManuscriptAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "covers_year", "status", "downloads", "category_export"]
    list_display_links = None
    ordering = ["-year"]
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    def has_module_permission(self, request):
        return can_export(request.user)

    def has_view_permission(self, request, obj=None):
        return can_export(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="下载")
    def downloads(self, obj):
        links = [(reverse("admin:manuscript_docx", args=[obj.pk]), "Word 稿（.docx）"),
                 (reverse("admin:manuscript_pdf", args=[obj.pk]), "印刷 PDF"),
                 (reverse("admin:manuscript_print", args=[obj.pk]), "打印预览")]
        return format_html_join("　", '<a href="{}">{}</a>', links)

    @admin.display(description="按类目导出 Word 稿")
    def category_export(self, obj):
        options = format_html_join("", "<option>{}</option>", ((c.name,) for c in obj.categories.all()))
        return format_html('<form method="get" action="{}" class="manuscript-category">'
                           '<select name="category" aria-label="类目">{}</select> '
                           '<input type="submit" value="导出"></form>',
                           reverse("admin:manuscript_docx", args=[obj.pk]), options)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/docx/", wrap(self.docx_view), name="manuscript_docx"),
            path("<int:pk>/pdf/", wrap(self.pdf_view), name="manuscript_pdf"),
            path("<int:pk>/print/", wrap(self.print_view), name="manuscript_print"),
        ] + super().get_urls()

    def _manuscript(self, request, pk):
        if not can_export(request.user):
            raise PermissionDenied
        edition = get_object_or_404(ManuscriptEdition, pk=pk)
        category = request.GET.get("category") or None
        if category and not Category.objects.filter(edition=edition, name=category).exists():
            return edition, category, None
        return edition, category, build(edition, category)

    def _missing_category(self, edition, category):
        return HttpResponse(f"{edition.year} 卷没有类目“{category}”。", status=404,
                            content_type="text/plain; charset=utf-8")

    def docx_view(self, request, pk):
        edition, category, manuscript = self._manuscript(request, pk)
        if manuscript is None:
            return self._missing_category(edition, category)
        response = HttpResponse(write_docx(manuscript), content_type=DOCX)
        response["Content-Disposition"] = content_disposition_header(True, file_name(edition, category, "docx"))
        return response

    def pdf_view(self, request, pk):
        edition, category, manuscript = self._manuscript(request, pk)
        if manuscript is None:
            return self._missing_category(edition, category)
        try:
            data = render_pdf(manuscript)
        except PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, file_name(edition, category, "pdf"))
        return response

    def print_view(self, request, pk):
        """The page the PDF is printed from; the browser's own 打印 gives the same result."""
        edition, category, manuscript = self._manuscript(request, pk)
        if manuscript is None:
            return self._missing_category(edition, category)
        return HttpResponse(print_html(manuscript))
