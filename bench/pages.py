"""Server time and query count per page type, measured in-process with Django's test client.

Run by bench/run.py in a subprocess whose DATABASE_URL points at the benchmark
database; prints one JSON object. ``python bench/pages.py --requests 50``.
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

SEARCHES = {"1 char": "恒", "2 chars": "恒山", "3 chars": "张恒山", "pinyin": "zhanghengshan", "initials": "zhs",
            "commonest word": "工作", "official name": "金川区医疗保障局", "name and title": "张恒山 区长",
            "title": "区长", "agency and title": "统计局 局长", "spaced name": "张 恒山", "traditional": "張恆山",
            "no punctuation": "不忘初心牢记使命", "nothing found": "张恒善"}
EDITS = 100   # admin edits before the searches are measured again (--edits)


def page_urls(year: int) -> dict[str, str]:
    from django.urls import reverse

    from documents.models import Document
    from stats.models import StatTable
    from yearbook import links
    from yearbook.models import Edition, Entry, Organization, Person, Section

    edition = Edition.objects.get(year=year)
    section = Section.objects.get(edition=edition, name="统计")
    entry = Entry.objects.filter(section__edition=edition, section__name="教育").order_by("order")[3]
    return {
        "home": "/",
        "section": links.section_url(section),
        "entry": links.entry_url(entry).split("#")[0],
        "chronicle month": reverse("chronicle:index", kwargs={"year": year}) + "?month=3",
        "person": links.person_url(Person.objects.get(key="张恒山")),
        "agency": links.agency_url(Organization.objects.get(name="区统计局")),
        "table": StatTable.objects.get(edition=edition, number="表1").get_absolute_url(),
        "honours list": reverse("honours", kwargs={"year": year}),
        "document": Document.objects.filter(edition=edition).order_by("order").first().get_absolute_url(),
        "search": "/search/?q=" + "统计局",
    }


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(3):  # warm up (template loading, caches)
        client.get(url)
    executed = []

    def count(execute, sql, params, many, context):  # the request resets connection.queries: count here
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"url": url, "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2), "queries": len(executed),
            "bytes": len(response.content)}


def edit_entries(n: int) -> None:
    """``n`` saves of entries as the admin makes them (each a transaction: the row, its history, the content
    version), without any maintenance afterwards: what a hundred edits by editors leave behind."""
    from django.db import transaction

    from yearbook.models import Entry

    entries = list(Entry.objects.order_by("-section__edition__year", "pk")[:n])
    for e in entries:
        with transaction.atomic():
            e.body = e.body + "（编辑补充：核对原文。）"
            e._change_reason = "核对原文"
            e.save()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--edits", type=int, default=0, help="first make this many admin-like edits, then "
                        "measure the searches only")
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from yearbook.models import Edition

    client = Client()
    out = {"editions": Edition.objects.count(), "pages": {}, "search": {}}
    targets = [("pages", name, url) for name, url in page_urls(args.year).items()]
    if args.edits:
        edit_entries(args.edits)
        targets = []
    targets += [("search", name, "/search/?q=" + q) for name, q in SEARCHES.items()]
    for group, name, url in targets:
        settings.PAGE_CACHE = False  # the render itself: what a first visit or a fresh edit costs
        result = measure(client, url, args.requests)
        settings.PAGE_CACHE = True   # what repeated visits cost: served from the page cache
        cached = measure(client, url, args.requests)
        result.update(cached_p50_ms=cached["p50_ms"], cached_p95_ms=cached["p95_ms"], cached_queries=cached["queries"])
        out[group][name] = result
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
