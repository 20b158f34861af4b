"""python manage.py generate_editions N — synthetic editions for benchmarks."""
import time

from django.core.management.base import BaseCommand, CommandError

from yearbook.loading import after_import
from yearbook.models import Edition
from yearbook.synthetic import generate_editions


class Command(BaseCommand):
    help = "Clone the real edition into N synthetic earlier editions (people rotated, dates shifted, figures perturbed)."

    def add_arguments(self, parser):
        parser.add_argument("n", type=int)
        parser.add_argument("--base", type=int, default=2021, help="the real edition to clone (default 2021)")
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, n, base, seed, verbosity=1, **options):
        if n < 1:
            raise CommandError("N must be at least 1")
        if not Edition.objects.filter(year=base).exists():
            raise CommandError(f"edition {base} is not loaded (run import_yearbook or load_edition_fixture first)")
        started = time.perf_counter()

        def progress(k, total, year):
            if verbosity:
                self.stdout.write(f"  [{k:>3}/{total}] edition {year}  ({time.perf_counter() - started:.1f} s)")

        years = generate_editions(n, base_year=base, seed=seed, progress=progress)
        after_import()
        self.stdout.write(self.style.SUCCESS(
            f"generated {len(years)} editions in {time.perf_counter() - started:.1f} s"))
