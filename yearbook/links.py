"""Stable URLs of the core's records, built from natural keys (never database ids).

Every record with a page has get_absolute_url(); the core's call these functions, the apps' their own.
A section whose kind has a page of its own (大事记, 表彰, 统计资料, 文件) links there: the apps register
those pages in yearbook.registry.
"""
from __future__ import annotations

import functools
import logging
from urllib.parse import urlencode

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

from yearbook import names, registry

logger = logging.getLogger("yearbook.links")


@functools.lru_cache(maxsize=50_000)
def _reverse(prefix, urlconf, viewname, args, kwargs, current_app) -> str:
    return django_reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse(viewname: str, args=(), kwargs=None, current_app=None) -> str:
    """django.urls.reverse, memoised: a page links hundreds of records (an honours list, a career of fifty
    editions) and each reverse() walks the resolver, a third of such a page's render. The URL patterns are
    fixed while the process runs (setting_changed clears the memo in tests)."""
    key = tuple(sorted((kwargs or {}).items()))
    try:
        try:
            return _reverse(get_script_prefix(), get_urlconf(), viewname, tuple(args), key, current_app)
        except TypeError:  # an unhashable argument: not memoised
            return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    except NoReverseMatch:
        if not any(unlinkable(v) for v in [*args, *(kwargs or {}).values()]):
            raise
        # A key no URL can carry (stored before names were cleaned on save): the page still renders, with
        # this one link dead, instead of failing for every reader.
        logger.warning("no URL for %s with %r: the key needs cleaning", viewname, kwargs or args)
        return "#"


def unlinkable(value) -> bool:
    return isinstance(value, str) and (not value.strip() or names.has_control(value) or "/" in value)


@receiver(setting_changed)
def _forget_urls(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


def edition_url(edition) -> str:
    return reverse("edition", kwargs={"year": edition.year})


def dedicated_page(sections) -> registry.SectionPage | None:
    """The page that stands for a category whose sections are all of one kind with a category page."""
    kinds = {s.kind for s in sections}
    page = registry.section_page(kinds.pop()) if len(kinds) == 1 else None
    return page if page is not None and page.category_page else None


def category_url(category, year: int | None = None) -> str:
    """A category's page, or the page of the records it holds (大事记 is the chronicle, 先进模范 the honours)."""
    year = year or category.edition.year
    sections = list(category.sections.all())   # prefetched where categories are listed
    page = dedicated_page(sections)
    if page is not None:
        return page.url(sections[0], year)
    return reverse("category", kwargs={"year": year, "category": category.name})


def section_url(section, *, year: int | None = None, category: str | None = None) -> str:
    """A section's page, or the page of the records its kind holds."""
    year = year or section.edition.year
    page = registry.section_page(section.kind)
    if page is not None:
        return page.url(section, year)
    return reverse("section", kwargs={"year": year, "category": category or section.category.name,
                                      "section": section.name})


def entry_anchor(entry) -> str:
    """Entry.anchor, with any whitespace (a 特载 report's spaced title) as '-': HTML ids have none."""
    return "-".join(entry.anchor.split())


def entry_url(entry) -> str:
    """The entry's own page: /2021/经济管理/统计/统计法治建设/."""
    section = entry.section
    return reverse("entry", kwargs={"year": section.edition.year, "category": section.category.name,
                                    "section": section.name, "entry": entry_anchor(entry)})


def entry_in_section_url(entry) -> str:
    """The entry in its section's page (an anchor)."""
    return f"{section_url(entry.section)}#{entry_anchor(entry)}"


def person_url(person) -> str:
    return reverse("person", kwargs={"key": person.key})


def agency_url(org) -> str:
    return reverse("agency", kwargs={"name": org.name})


def honour_anchor(honour) -> str:
    return f"{honour.kind}-{honour.order}"


def honours_url(year: int, kind: str = "") -> str:
    url = reverse("honours", kwargs={"year": year})
    return f"{url}?{urlencode({'kind': kind})}" if kind else url


def honour_url(honour) -> str:
    return f"{honours_url(honour.edition.year, honour.kind)}#{honour_anchor(honour)}"
