"""Regenerate fixtures/edition-2021.json from sources/ (``make fixture``).

The import runs into a throw-away SQLite database so that the fixture holds the
edition and nothing else; a test checks that the committed fixture equals a
fresh import, so it can never go stale.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCE = Path(settings.BASE_DIR) / "sources" / "jinchuan-yearbook-2021.txt"
FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "edition-2021.json"
APPS = settings.YEARBOOK_CONTENT_APPS


class Command(BaseCommand):
    help = "Regenerate fixtures/edition-2021.json from the source text."

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/fixture.db"}
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            for args in (["migrate", "--noinput", "-v0"], ["import_yearbook", str(SOURCE), "-v0"],
                         ["dumpdata", *APPS, "--exclude", "yearbook.contentversion", "--natural-foreign", "--indent", "1",
                          "-o", str(FIXTURE)]):
                result = subprocess.run(manage + args, env=env, capture_output=True, text=True)
                if result.returncode:
                    raise CommandError(f"{' '.join(args[:1])} failed:\n{result.stderr}")
        self.stdout.write(f"wrote {FIXTURE.relative_to(settings.BASE_DIR)} ({FIXTURE.stat().st_size // 1024} KiB)")
