"""The site on the real 2021 edition, imported from the source text (the issue's "done when")."""

import pytest
from django.core.management import call_command

from tests.conftest import SOURCE
from yearbook.models import Edition
from yearbook.selectors import search as search

from .crawl import crawl
from .test_pages import text_of


pytestmark = pytest.mark.django_db


def hits(query, kind):
    group = next(g for g in search.search(query).groups if g.kind == kind)
    return [text_of(str(h.title)) for h in group.hits], group


def test_home_shows_the_real_cover(edition2021, client):
    text = text_of(client.get("/").content.decode())
    assert "《金川区年鉴 2021》" in text and "甘肃文化出版社" in text
    assert "地区生产总值 271.41亿元" in text and "中国最大的镍钴生产基地和铂族贵金属提炼中心" in text
    for name in ("特载", "区情概览", "金川区纪委监委", "乡镇街道", "附录"):
        assert name in text


@pytest.mark.parametrize("query", ["张恒山", "恒山", "zhanghengshan", "zhang heng shan", "zhs"])
def test_zhang_hengshan_is_found(edition2021, query):
    names, _ = hits(query, "persons")
    assert "张恒山" in names


def test_zhang_hengshan_became_district_head_in_january_2020(edition2021, client):
    text = text_of(client.get("/people/张恒山/").content.decode())
    assert "金川区人民政府 区长 2020年1月任" in text


def test_statistics_bureau_and_media_centre_event_are_found(edition2021):
    names, _ = hits("统计局", "agencies")
    assert "区统计局" in names
    _, events = hits("融媒体中心", "events")
    assert events.count >= 1


def test_every_table_renders_and_downloads(edition2021, client):
    html = client.get("/2021/统计/").content.decode()
    keys = sorted(set(__import__("re").findall(r'href="(/2021/%E7%BB%9F%E8%AE%A1/[^"?#]+/)"', html)))
    assert len(keys) == edition2021.tables.count() == 17
    for url in keys:
        assert client.get(url).status_code == 200
        for fmt in ("csv", "xlsx"):
            assert client.get(url, {"format": fmt}).status_code == 200


def test_real_pages_stay_within_ten_queries(edition2021, client, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE = False  # the render itself; a cached page costs one query (test_page_cache)
    for url in ["/", "/2021/", "/2021/经济管理/统计/", "/2021/社会生活/人力资源和社会保障/", "/2021/大事记/",
                "/people/", "/people/张恒山/", "/agencies/",
                "/agencies/区统计局/", "/2021/统计/", "/2021/统计/表5/", "/2021/先进模范/", "/2021/文件/"]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url
    # The search asks each kind for its first hits in the latest edition, then elsewhere if need be, rather
    # than counting and sorting every match: a few more, smaller queries.
    with django_assert_max_num_queries(18):
        assert client.get("/search/?q=统计局").status_code == 200


def test_no_editors_note_and_no_english_on_the_public_pages(edition2021, client):
    """Records under review show a short Chinese note; the editors' notes (English, GUIDE cases) stay in the
    admin."""
    from django.apps import apps

    flagged = [r for m in apps.get_models() if not m.__name__.startswith("Historical")
               and any(f.name == "needs_review" for f in m._meta.fields) for r in m.objects.filter(needs_review=True)]
    assert len(flagged) >= 30
    pages = ["/2021/特载/脱贫攻坚/", "/2021/先进模范/", "/2021/大事记/", "/2021/金川区人民代表大会/常委会工作/",
             "/agencies/区统计局/", "/2021/统计/", "/2021/文件/金区政发〔2020〕39号/"]
    pages += [t.get_absolute_url() for t in apps.get_model("stats", "StatTable").objects.filter(needs_review=True)]
    for url in pages:
        html = client.get(url).content.decode()
        for r in flagged:
            assert r.review_note[:30] not in html, (url, r.review_note)
        assert "GUIDE" not in html and " case " not in html, url
    honours = text_of(client.get("/2021/先进模范/").content.decode())
    assert "此处姓名中间一字印刷残缺，按“杨晓萍”录入。" in honours


def test_crawl_of_the_real_edition_finds_no_broken_link(edition2021, client):
    report = crawl(client, limit=1500)
    assert report["problems"] == []
    assert report["pages"] >= 1000


def record_urls():
    """The URL of every record of the edition, built from natural keys."""
    from chronicle.models import Event
    from chronicle.selectors import annotate_event_ordinal
    from documents.models import Document
    from stats.models import StatTable
    from yearbook import links
    from yearbook.models import Entry, Honour
    from yearbook.selectors.references import public_organizations, public_persons

    urls = {links.entry_url(e) for e in Entry.objects.select_related("section__category", "section__edition")}
    urls |= {e.get_absolute_url() for e in annotate_event_ordinal(Event.objects.select_related("edition"))}
    urls |= {links.person_url(p) for p in public_persons()}
    urls |= {links.agency_url(o) for o in public_organizations()}
    urls |= {t.get_absolute_url() for t in StatTable.objects.select_related("edition")}
    urls |= {d.get_absolute_url() for d in Document.objects.select_related("edition")}
    urls |= {links.honour_url(h) for h in Honour.objects.select_related("edition")}
    return urls


def test_record_urls_survive_a_reimport(edition2021):
    before = record_urls()
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    assert Edition.objects.get(year=2021).status == Edition.Status.PUBLISHED
    assert record_urls() == before
    assert len(before) > 1000


def test_every_readers_note_lands_on_a_record_under_review(edition2021):
    """The profile's notes are found in the text by their printed words: each one keys a flagged record of its
    kind on that line, and that record shows it rather than the general note."""
    from django.apps import apps

    from yearbook.review import GENERAL_NOTE, reader_note

    models = {m._meta.model_name: m for m in apps.get_models() if not m.__name__.startswith("Historical")}
    assert len(edition2021.reader_notes) == 31
    for key, note in edition2021.reader_notes.items():
        kind, line = key.rsplit(":", 1)
        records = [r for r in models[kind].objects.filter(source_line=int(line), needs_review=True)
                   if getattr(r, "edition_id", edition2021.pk) == edition2021.pk]
        assert records, key
        assert {reader_note(r, edition2021) for r in records} == {note} != {GENERAL_NOTE}
