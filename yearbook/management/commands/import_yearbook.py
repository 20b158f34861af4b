"""python manage.py import_yearbook PATH [--edition YEAR] [--dry-run]"""
import time

from django.core.management.base import BaseCommand, CommandError

from yearbook.loading import after_import, import_source
from yearbook.parsing import ParseError


class Command(BaseCommand):
    help = "Parse a yearbook's OCR text and load it atomically (re-importing an edition replaces it)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the OCR text, e.g. sources/jinchuan-yearbook-2021.txt")
        parser.add_argument("--edition", type=int, dest="year", help="edition year (default: read from the text)")
        parser.add_argument("--dry-run", action="store_true", help="parse and load, then roll everything back")

    def handle(self, path, year=None, dry_run=False, verbosity=1, **options):
        started = time.perf_counter()

        def progress(step):
            if verbosity >= 1:
                self.stdout.write(f"  … {step}")

        try:
            summary = import_source(path, year=year, dry_run=dry_run, progress=progress)
        except ParseError as exc:
            raise CommandError(f"import failed, database unchanged: {exc}") from None
        if not dry_run:
            after_import()
        if verbosity < 1:
            return
        for line in summary.lines():
            self.stdout.write(line)
        verb = "parsed (dry run, nothing written)" if dry_run else "imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {path} in {time.perf_counter() - started:.1f} s"))
