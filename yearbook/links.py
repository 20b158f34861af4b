"""Stable URLs of the records, built from natural keys (never database ids).

The models belong to the data layer and have no get_absolute_url; these functions
are the one place that knows which page shows which record.
"""
from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

from yearbook import rules


@functools.lru_cache(maxsize=50_000)
def _reverse(prefix, urlconf, viewname, args, kwargs, current_app) -> str:
    return django_reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse(viewname: str, args=(), kwargs=None, current_app=None) -> str:
    """django.urls.reverse, memoised. A page links hundreds of records (an honours list, a career
    of fifty editions) and each reverse() walks the resolver: it was a third of a page's render.
    The URL patterns are fixed while the process runs (setting_changed clears the memo in tests)."""
    key = tuple(sorted((kwargs or {}).items()))
    try:
        return _reverse(get_script_prefix(), get_urlconf(), viewname, tuple(args), key, current_app)
    except TypeError:  # an unhashable argument: not memoised
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)


@receiver(setting_changed)
def _forget_urls(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


def edition_url(edition) -> str:
    return reverse("edition", kwargs={"year": edition.year})


def category_url(category, year: int | None = None) -> str:
    return category_url_by_name(year or category.edition.year, category.name)


def category_url_by_name(year: int, name: str) -> str:
    """大事记 is the chronicle and 先进模范 the honours page; other categories list their sections."""
    page = rules.special_page(name)
    if page == "chronicle":
        return reverse("chronicle:index", kwargs={"year": year})
    if page == "honours":
        return reverse("honours", kwargs={"year": year})
    return reverse("category", kwargs={"year": year, "category": name})


def section_url(section, *, year: int | None = None, category: str | None = None) -> str:
    """A section's page; 大事记, 先进模范 and the appendix go to their dedicated pages."""
    year = year or section.edition.year
    category = category or section.category.name
    page = rules.special_page(category, section.name)
    if page == "chronicle":
        return reverse("chronicle:index", kwargs={"year": year})
    if page == "honours":
        kind = rules.HONOUR_SECTION_KIND.get(section.name)
        url = reverse("honours", kwargs={"year": year})
        return f"{url}?{urlencode({'kind': kind})}" if kind else url
    if page == "stats":
        return reverse("stats:index", kwargs={"year": year})
    if page == "documents":
        return reverse("documents:index", kwargs={"year": year})
    return reverse("section", kwargs={"year": year, "category": category, "section": section.name})


def entry_anchor(entry) -> str:
    """Entry.anchor, with any whitespace (a 特载 report's spaced title) as '-': HTML ids have none."""
    return "-".join(entry.anchor.split())


def entry_url(entry) -> str:
    return f"{section_url(entry.section)}#{entry_anchor(entry)}"


def person_url(person) -> str:
    return reverse("person", kwargs={"key": person.key})


def agency_url(org) -> str:
    return reverse("agency", kwargs={"name": org.name})


def event_url(event) -> str:
    from yearbook.selectors import event_anchor

    url = reverse("chronicle:index", kwargs={"year": event.edition.year})
    return f"{url}?{urlencode({'month': event.date.month})}#{event_anchor(event)}"


def table_url(table) -> str:
    return reverse("stats:table", kwargs={"year": table.edition.year, "key": table.key})


def document_url(doc) -> str:
    return reverse("documents:detail", kwargs={"year": doc.edition.year, "key": doc.key})


def honour_anchor(honour) -> str:
    return f"{honour.kind}-{honour.order}"


def honour_url(honour) -> str:
    url = reverse("honours", kwargs={"year": honour.edition.year})
    return f"{url}?{urlencode({'kind': honour.kind})}#{honour_anchor(honour)}"
