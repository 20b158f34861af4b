"""python manage.py export_yearbook --edition YEAR [--output FILE]"""
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from yearbook.export import export_edition
from yearbook.models import Edition


class Command(BaseCommand):
    help = "Write an edition as open-data JSON (stdout by default)."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, dest="year", required=True)
        parser.add_argument("--output", help="file to write (default: stdout)")

    def handle(self, year, output=None, **options):
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            known = ", ".join(str(y) for y in Edition.objects.values_list("year", flat=True)) or "none"
            raise CommandError(f"no edition {year} in the database (editions: {known})")
        text = json.dumps(export_edition(edition), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            self.stderr.write(f"wrote {output}")
        else:
            sys.stdout.write(text + "\n")
