"""The page cache cannot be stuffed: only the query parameters a page reads key it (and reach it), the cache
is bounded in bytes, and staff previews of drafts are marked private."""
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.admin.conftest import client_for
from yearbook.models import Edition, Organization
from yearbook.pagecache import BoundedLocMemCache

pytestmark = pytest.mark.django_db


def publish(edition):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.PUBLISHED)


def page_entries() -> int:
    return sum(1 for key in cache._cache if ":page:" in key)


def test_unknown_parameters_make_no_new_entries(book):
    publish(book.edition)
    client = Client()
    for i in range(40):
        assert client.get(f"/people/?junk={i}&utm_source=x{i}").status_code == 200
        assert client.get(f"/2021/?page={i}").status_code == 200
    assert page_entries() == 2
    assert client.get("/people/?zzz=1")["X-Page-Cache"] == "hit"


def test_the_parameters_a_page_reads_still_key_it(book):
    publish(book.edition)
    client = Client()
    a = client.get("/people/?q=李")
    b = client.get("/people/?q=张")
    assert "李晓燕" in a.content.decode() and "李晓燕" not in b.content.decode()
    assert client.get("/people/?junk=1&q=李")["X-Page-Cache"] == "hit"   # same page as ?q=李


def test_a_cached_page_never_shows_another_visitors_parameters(book):
    """The citation on the page carries the page's address: the first visitor's junk must not be in it."""
    publish(book.edition)
    Client().get("/2021/?utm_campaign=evil-link")
    body = Client().get("/2021/").content.decode()
    assert "evil-link" not in body


def test_every_public_page_declares_its_parameters():
    undeclared = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if "admin" not in str(p.pattern):
                    walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and getattr(p.callback, "page_cache_params", None) is None:
                undeclared.append(prefix + str(p.pattern))
    walk(get_resolver().url_patterns)
    assert undeclared == []


def test_the_cache_is_bounded_in_bytes():
    bounded = BoundedLocMemCache("bounded-test", {"OPTIONS": {"MAX_BYTES": 50_000, "MAX_ENTRIES": 10_000}})
    bounded.clear()
    for i in range(200):
        bounded.set(f"page-{i}", "页" * 3000)
        assert bounded.total_bytes <= 50_000
    kept = sorted(int(k.rsplit("-", 1)[1]) for k in bounded._sizes["by_key"])
    assert kept[-1] == 199 and 0 not in kept and len(kept) < 10
    oldest, next_oldest = kept[0], kept[1]
    assert bounded.get(f"page-{oldest}") is not None   # read: now the most recently used
    bounded.set("page-200", "页" * 3000)
    assert bounded.get(f"page-{oldest}") is not None and bounded.get(f"page-{next_oldest}") is None
    bounded.set("huge", "页" * 100_000)   # larger than the whole budget: not kept
    assert bounded.get("huge") is None and bounded.total_bytes <= 50_000
    bounded.delete("page-204")
    assert bounded.total_bytes == sum(bounded._sizes["by_key"].values())


def test_staff_previews_are_private(editor, book):
    response = client_for(editor).get("/2021/")
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    publish(book.edition)
    assert "private" not in Client().get("/2021/").get("Cache-Control", "")


def test_the_chronicle_filter_does_not_name_a_draft_only_agency(book):
    """An agency only a draft names stays unknown to readers: its alias does not reveal its name."""
    publish(book.edition)
    draft = Edition.objects.create(year=2022, covers_year=2021, title="金川区年鉴 2022")
    secret = Organization.objects.create(name="筹备中的新机构")
    secret.aliases.create(name="新机构筹备组")
    from yearbook.models import Section
    section = Section.objects.create(edition=draft, category=draft.categories.create(name="政府", order=1),
                                     name="新机构", order=1, organization=secret)
    assert section.pk
    body = Client().get("/2021/大事记/", {"agency": "新机构筹备组"}).content.decode()
    assert "筹备中的新机构" not in body   # the alias typed is not resolved to the unpublished name
