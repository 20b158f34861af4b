"""Run the consistency report on an edition and store its findings (one transaction).

Re-running updates the findings in place (matched by fingerprint), never duplicates them, and keeps
the editor's decisions; a finding that no longer occurs gets ``resolved_at``, and one that occurs again
is reopened with its decision intact.
"""
from __future__ import annotations

import hashlib
import time

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from yearbook.models import Person

from .checks import run_checks
from .checks.data import Problem
from .collect import collect
from .models import Finding, FindingRecord, ReportRun


def fingerprint(problem: Problem) -> str:
    return hashlib.sha256(f"{problem.kind}|{problem.key}".encode()).hexdigest()


def find_problems(edition) -> list[Problem]:
    known = set(Person.objects.values_list("name", flat=True))
    return run_checks(collect(edition), known)


@transaction.atomic
def run_report(edition, user=None) -> ReportRun:
    started = time.perf_counter()
    problems = find_problems(edition)
    now = timezone.now()
    existing = {f.fingerprint: f for f in Finding.objects.select_for_update().filter(edition=edition)}
    seen: dict[str, Problem] = {}
    for p in problems:
        seen.setdefault(fingerprint(p), p)   # two checks may report one thing: keep the first
    new = 0
    touched: list[Finding] = []
    for order, (fp, p) in enumerate(seen.items()):
        f = existing.get(fp)
        if f is None:
            f = Finding(edition=edition, fingerprint=fp, kind=p.kind)
            new += 1
        f.message, f.details, f.source_lines = p.message, p.details, p.lines
        f.last_seen, f.resolved_at, f.order = now, None, order
        touched.append(f)
    Finding.objects.bulk_create([f for f in touched if f.pk is None])
    Finding.objects.bulk_update([f for f in touched if f.pk is not None],
                                ["message", "details", "source_lines", "last_seen", "resolved_at", "order"])
    # The ids of every finding of this run, new and old, in one query.
    ids = dict(Finding.objects.filter(edition=edition, fingerprint__in=list(seen)).values_list("fingerprint", "pk"))
    FindingRecord.objects.filter(finding_id__in=ids.values()).delete()
    types: dict[str, ContentType] = {}
    records = []
    for fp, p in seen.items():
        for i, ref in enumerate(dict.fromkeys(p.refs)):
            if ref.pk is None:
                continue
            if ref.model not in types:
                types[ref.model] = ContentType.objects.get_by_natural_key(*ref.model.split("."))
            records.append(FindingRecord(finding_id=ids[fp], content_type=types[ref.model], object_id=ref.pk,
                                         label=ref.label[:300], source_line=ref.line, public_url=ref.url[:500],
                                         order=i))
    FindingRecord.objects.bulk_create(records)
    resolved = (Finding.objects.filter(edition=edition, resolved_at__isnull=True)
                .exclude(fingerprint__in=list(seen)).update(resolved_at=now))
    return ReportRun.objects.create(edition=edition, seconds=round(time.perf_counter() - started, 3),
                                    found=len(seen), new=new, resolved=resolved, run_by=user)
