"""Load the committed fixture(s) of the yearbook (``make run`` uses --if-empty)."""
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from yearbook.models import Edition

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Load fixtures/edition-*.json (the editions generated from sources/)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing if an edition is already loaded")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Edition.objects.exists():
            self.stdout.write("editions already loaded: " + ", ".join(str(y) for y in
                                                                      Edition.objects.values_list("year", flat=True)))
            return
        fixtures = sorted(FIXTURE_DIR.glob("edition-*.json*"))
        if not fixtures:
            self.stdout.write(self.style.WARNING("no fixture in fixtures/: nothing loaded"))
            return
        for f in fixtures:
            call_command("loaddata", str(f), verbosity=0)
            self.stdout.write(f"loaded {f.name}")
        # The committed editions are printed books: readers see them (an import makes drafts).
        published = Edition.objects.filter(status=Edition.Status.DRAFT).update(status=Edition.Status.PUBLISHED)
        if published:
            self.stdout.write(f"published {published} edition(s)")
