"""Published pages come from the cache, and any change to the content invalidates them at once."""
import pytest
from django.db import connection
from django.test import Client

from yearbook.models import Entry, Person
from yearbook.pagecache import content_version, is_content_write

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_request_is_served_from_the_cache_with_one_query(site, django_assert_max_num_queries):
    client = Client()
    first = _get(client, "/")
    assert "X-Page-Cache" not in first
    with django_assert_max_num_queries(1):
        second = _get(client, "/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_an_admin_save_invalidates_the_page(site):
    client = Client()
    person = site.zhang
    url = f"/people/{person.key}/"
    assert "张恒山" in _get(client, url).content.decode()
    person.note = "测试说明"
    person.name = "张恒山（改）"
    person.save()
    body = _get(client, url).content.decode()
    assert "张恒山（改）" in body


def test_queryset_updates_and_bulk_writes_invalidate_too(site):
    client = Client()
    entry = site.stats_entry
    url = "/search/?q=统计法治建设"
    before = _get(client, url).content.decode()
    assert "<mark>统计法治建设</mark>" in before
    v = content_version()
    Entry.objects.filter(pk=entry.pk).update(title="统计普法", body="改写后的正文")  # no signals
    assert content_version() > v
    assert "<mark>统计法治建设</mark>" not in _get(client, url).content.decode()


def test_staff_with_a_session_bypass_the_cache(site, admin_client):
    Client().get("/people/")
    response = admin_client.get("/people/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_only_writes_to_content_tables_count():
    assert is_content_write('INSERT INTO "yearbook_entry" ("title") VALUES (%s)')
    assert is_content_write('UPDATE "chronicle_event" SET "text" = %s')
    assert is_content_write("DELETE FROM stats_tablecell WHERE id = 1")
    assert not is_content_write('UPDATE "yearbook_contentversion" SET version = version + 1')
    assert not is_content_write('INSERT INTO "django_session" ("session_key") VALUES (%s)')
    assert not is_content_write('SELECT * FROM "yearbook_entry"')
    assert connection.vendor in {"sqlite", "postgresql"}


def test_person_count_unchanged_by_reads(site):
    n = Person.objects.count()
    v = content_version()
    Client().get("/people/")
    assert content_version() == v and Person.objects.count() == n


def test_staff_preview_a_draft_edition_that_readers_cannot_see(site, admin_client):
    draft = site.draft.year
    assert Client().get(f"/{draft}/").status_code == 404
    response = admin_client.get(f"/{draft}/")
    assert response.status_code == 200 and str(draft) in response.content.decode()
    assert Client().get(f"/{draft}/").status_code == 404  # the preview leaks into no cache
