"""python manage.py import_yearbook PATH [--profile NAME] [--strict] [--edition YEAR] [--dry-run]"""
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from yearbook.loading import after_import, import_source
from yearbook.parsing import ParseError
from yearbook.parsing.profile import PROFILES_DIR, available_profiles


class Command(BaseCommand):
    help = ("Parse a yearbook's OCR text with its source profile and load it atomically (re-importing an edition "
            "replaces it). What cannot be read is loaded as well as it can be and queued for review (审核队列).")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the OCR text, e.g. sources/jinchuan-yearbook-2021.txt")
        parser.add_argument("--edition", type=int, dest="year", help="edition year (default: read from the text)")
        parser.add_argument("--dry-run", action="store_true", help="parse and load, then roll everything back")
        parser.add_argument("--profile", help="the source profile to read the text with (a folder of "
                                              "sources/profiles/; default: chosen by the text's title line)")
        parser.add_argument("--strict", action="store_true",
                            help="refuse the text at its first problem instead of queueing it for review")

    def handle(self, path, year=None, dry_run=False, profile=None, strict=False, verbosity=1, **options):
        started = time.perf_counter()
        if profile and profile not in available_profiles() and not (Path(profile) / "profile.toml").exists():
            known = ", ".join(available_profiles()) or "none"
            raise CommandError(f"unknown profile {profile!r}: the profiles are {known} (folders of "
                               f"{PROFILES_DIR.name}/ with a profile.toml)")

        def progress(step):
            if verbosity >= 1:
                self.stdout.write(f"  … {step}")

        try:
            summary = import_source(path, year=year, dry_run=dry_run, progress=progress, profile=profile,
                                    strict=strict)
        except ParseError as exc:
            raise CommandError(f"import failed, database unchanged: {exc}") from None
        if not dry_run:
            after_import()
        if verbosity < 1:
            return
        if summary.profile:
            self.stdout.write(f"profile: {summary.profile}")
        for item in summary.review_items:
            where = f"{item.file}:{item.line}" if item.line else item.file
            guess = f"  → {item.guess}" if item.guess else ""
            kind = "" if item.blocking else " (notice)"
            self.stdout.write(f"  {where}: [{item.code}]{kind} {item.message}{guess}")
        for line in summary.lines():
            self.stdout.write(line)
        verb = "parsed (dry run, nothing written)" if dry_run else "imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {path} in {time.perf_counter() - started:.1f} s"))
        if summary.review_items and not dry_run:
            self.stdout.write(f"review items are listed in the admin: 年鉴卷 {summary.edition} → 审核队列")
