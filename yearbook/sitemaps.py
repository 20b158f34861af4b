"""sitemap.xml (django.contrib.sitemaps): every public page, published editions only.

The core lists its pages (home, directories, editions, categories, sections, entries, honours, persons,
agencies); the apps add theirs through yearbook.registry.register_sitemap (the chronicle, the statistics,
the documents). /sitemap.xml is the index of the parts, each paged at Django's 50,000 URLs.
"""
from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views

from yearbook import links, registry
from yearbook.models import Category, Edition, Entry, Section
from yearbook.pagecache import cache_params
from yearbook.selectors.references import public_organizations, public_persons

PUBLISHED = Edition.Status.PUBLISHED


class PagesSitemap(Sitemap):
    """Pages that stand for themselves: the home page and the directories."""

    def items(self):
        return ["home", "people", "agencies"]

    def location(self, item):
        return links.reverse(item)


class EditionSitemap(Sitemap):
    """Each published edition's table of contents and honours list."""

    def items(self):
        return [(e, page) for e in Edition.objects.filter(status=PUBLISHED).order_by("-year")
                for page in ("edition", "honours")]

    def location(self, item):
        edition, page = item
        return links.reverse(page, kwargs={"year": edition.year})


class CategorySitemap(Sitemap):
    def items(self):
        return (Category.objects.filter(edition__status=PUBLISHED).select_related("edition")
                .prefetch_related("sections").order_by("-edition__year", "order"))

    def location(self, item):
        return links.category_url(item, item.edition.year)


class SectionSitemap(Sitemap):
    """Sections of entries (the others are the pages of their records, listed by their apps)."""

    def items(self):
        return (Section.objects.filter(edition__status=PUBLISHED, kind=Section.Kind.ENTRIES)
                .select_related("edition", "category").order_by("-edition__year", "order"))

    def location(self, item):
        return links.section_url(item, year=item.edition.year, category=item.category.name)


class EntrySitemap(Sitemap):
    def items(self):
        return (Entry.objects.filter(section__edition__status=PUBLISHED)
                .select_related("section__edition", "section__category")
                .only("title", "ordinal", "section__name", "section__kind", "section__edition__year",
                      "section__category__name")
                .order_by("-section__edition__year", "section__order", "order"))

    def location(self, item):
        return links.entry_url(item)


class PersonSitemap(Sitemap):
    def items(self):
        return public_persons().order_by("name_pinyin", "key").only("key")

    def location(self, item):
        return links.person_url(item)


class AgencySitemap(Sitemap):
    def items(self):
        return public_organizations().order_by("name_pinyin", "name").only("name")

    def location(self, item):
        return links.agency_url(item)


CORE_SITEMAPS = {"pages": PagesSitemap, "editions": EditionSitemap, "categories": CategorySitemap,
                 "sections": SectionSitemap, "entries": EntrySitemap, "persons": PersonSitemap,
                 "agencies": AgencySitemap}


def sitemaps() -> dict:
    return {**CORE_SITEMAPS, **registry.sitemaps()}


@cache_params()
def index(request):
    """/sitemap.xml: the index of the parts."""
    return sitemap_views.index(request, sitemaps(), sitemap_url_name="sitemap")


@cache_params("p")
def section(request, section: str):
    """/sitemap-<part>.xml, paged by ?p=."""
    return sitemap_views.sitemap(request, sitemaps(), section=section)
