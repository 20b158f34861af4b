"""python manage.py check_edition 2021 [--kind figure] [--dry-run]

Runs the editorial consistency report on an edition, stores the findings (the admin lists them under
编校一致性) and prints them by kind.
"""
import time

from django.core.management.base import BaseCommand, CommandError

from consistency.checks import KINDS
from consistency.models import Finding
from consistency.report import find_problems, run_report
from yearbook.models import Edition


class Command(BaseCommand):
    help = "Editorial consistency report of an edition (figures, sums, dates, names, outline)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="the edition's year, e.g. 2021")
        parser.add_argument("--kind", action="append", choices=sorted(KINDS), help="only these kinds (repeatable)")
        parser.add_argument("--dry-run", action="store_true", help="print the findings without storing them")

    def handle(self, *args, year, kind=None, dry_run=False, **options):
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            known = "、".join(str(y) for y in Edition.objects.order_by("year").values_list("year", flat=True))
            raise CommandError(f"没有 {year} 卷" + (f"（现有：{known}）" if known else "（数据库中还没有年鉴卷）"))
        started = time.perf_counter()
        decisions = {}
        if dry_run:
            problems = [(p.kind, p.message, None) for p in find_problems(edition)]
        else:
            run = run_report(edition)
            findings = Finding.objects.filter(edition=edition, resolved_at__isnull=True).order_by("order")
            problems = [(f.kind, f.message, f.get_status_display()) for f in findings]
            decisions = {"new": run.new, "resolved": run.resolved}
        seconds = time.perf_counter() - started
        if kind:
            problems = [p for p in problems if p[0] in kind]
        counts = {k: sum(1 for p in problems if p[0] == k) for k in KINDS}
        self.stdout.write(f"{edition.title}（{year} 卷，记述 {edition.covers_year} 年）编校一致性检查")
        for k, label in KINDS.items():
            items = [p for p in problems if p[0] == k]
            if not items:
                continue
            self.stdout.write(f"\n■ {label}（{len(items)}）")
            for _, message, status in items:
                self.stdout.write(f"  - {message}" + (f"〔{status}〕" if status else ""))
        self.stdout.write("\n共 {} 条：{}".format(
            len(problems), "，".join(f"{KINDS[k]} {n}" for k, n in counts.items() if n) or "无"))
        if decisions:
            self.stdout.write(f"本次新增 {decisions['new']} 条，不再出现 {decisions['resolved']} 条；用时 {seconds:.2f} 秒。")
        else:
            self.stdout.write(f"（未保存）用时 {seconds:.2f} 秒。")
