"""python manage.py export_manuscript 2021 [--category 名] -o 2021.docx [--pdf 2021.pdf]

The edition's (or one category's) manuscript for proofreading and the printer: a Word document, and
optionally the print-ready PDF (headless Chromium).
"""
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from manuscript.build import build
from manuscript.pdf import PdfUnavailable, render_pdf
from manuscript.word import write_docx
from yearbook.models import Category, Edition


class Command(BaseCommand):
    help = "Export an edition (or one category) as a .docx manuscript, and optionally as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--category", help="only this category (类目), by name")
        parser.add_argument("-o", "--output", help="the .docx file (default: 金川区年鉴2021[-类目].docx)")
        parser.add_argument("--pdf", help="also write the print-ready PDF here")

    def handle(self, *args, year, category=None, output=None, pdf=None, **options):
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"没有 {year} 卷")
        started = time.perf_counter()
        try:
            manuscript = build(edition, category)
        except LookupError:
            names = "、".join(Category.objects.filter(edition=edition).order_by("order").values_list("name", flat=True))
            raise CommandError(f"{year} 卷没有类目“{category}”（现有：{names}）") from None
        data = write_docx(manuscript)
        path = Path(output or f"{edition.title.replace(' ', '')}{'-' + category if category else ''}.docx")
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{path}: 无法写入（{exc.strerror}）") from None
        self.stdout.write(f"{path}: {manuscript.entry_count} 条目，{len(manuscript.tables)} 表，"
                          f"人名索引 {len(manuscript.persons)} 人，机构索引 {len(manuscript.organizations)} 个；"
                          f"用时 {time.perf_counter() - started:.1f} 秒")
        if pdf:
            started = time.perf_counter()
            try:
                Path(pdf).write_bytes(render_pdf(manuscript))
            except PdfUnavailable as exc:
                raise CommandError(str(exc)) from None
            except OSError as exc:
                raise CommandError(f"{pdf}: 无法写入（{exc.strerror}）") from None
            self.stdout.write(f"{pdf}: 用时 {time.perf_counter() - started:.1f} 秒")
