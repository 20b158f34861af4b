"""The search box: Chinese from one character, pinyin and initials, grouped results, hostile input."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yearbook import registry, rules
from yearbook.search.query import parse
from yearbook.selectors import search as search
from yearbook.search.hits import highlight

from .test_pages import text_of

pytestmark = pytest.mark.django_db


def group(result, kind):
    return next(g for g in result.groups if g.kind == kind)


def titles(result, kind):
    return [text_of(str(h.title)) for h in group(result, kind).hits]


@pytest.mark.parametrize("query", ["张恒山", "恒山", "张", "zhanghengshan", "zhang heng shan", "Zhang Heng Shan",
                                   "zhs", "ZHS", "ｚｈｓ"])
def test_person_is_found_by_name_part_pinyin_and_initials(site, query):
    result = search.search(query)
    assert "张恒山" in titles(result, "persons"), query


def test_surname_reading_is_used_for_pinyin(site):
    assert "单文华" in titles(search.search("shanwenhua"), "persons")   # 单 as a surname reads shan
    assert "单文华" in titles(search.search("swh"), "persons")


def test_agency_is_found_by_short_name_alias_and_pinyin(site):
    result = search.search("统计局")
    assert {"区统计局", "甘肃省统计局"} <= set(titles(result, "agencies"))
    assert "区统计局" in titles(search.search("金川区统计局"), "agencies")     # an alias finds the agency
    assert "区统计局" in titles(search.search("tongjiju"), "agencies")
    assert "区统计局" in titles(search.search("tjj"), "agencies")


def test_media_centre_finds_the_agency_event_and_entry(site):
    result = search.search("融媒体中心")
    assert "金川区融媒体中心" in titles(result, "agencies")
    events = group(result, "events")
    assert events.count == 1 and "金川区融媒体中心挂牌成立" in text_of(str(events.hits[0].snippet))
    assert events.hits[0].url == "/2021/%E5%A4%A7%E4%BA%8B%E8%AE%B0/?month=6#6月15日"
    assert "媒体融合" in titles(result, "entries")


def test_results_are_grouped_with_counts_and_link_to_records(site):
    result = search.search("统计")
    counts = {g.kind: g.count for g in result.groups}
    assert [g.kind for g in result.groups] == [k for k, _ in search.kinds()]
    assert counts["entries"] == 1 and counts["tables"] == 1
    assert counts["honours"] == 3 and counts["persons"] == 0
    entry = next(h for h in group(result, "entries").hits if "统计法治建设" in text_of(str(h.title)))
    assert entry.url == "/2021/%E7%BB%8F%E6%B5%8E%E7%AE%A1%E7%90%86/%E7%BB%9F%E8%AE%A1/" + \
        "%E7%BB%9F%E8%AE%A1%E6%B3%95%E6%B2%BB%E5%BB%BA%E8%AE%BE/"                     # the entry's page


def test_kinds_are_counted_in_one_query_and_only_those_that_found_something_are_read(site):
    with CaptureQueriesContext(connection) as ctx:
        result = search.search("融媒体中心")
    counts = {g.kind: g.count for g in result.groups}
    q = parse(rules.clean_query("融媒体中心"))
    for kind in registry.search_kinds():   # each figure is what counting that kind alone gives
        assert counts[kind.key] == search.capped_count(kind.queryset(q), search.count_cap(q))[0], kind.key
    counting = [c["sql"] for c in ctx.captured_queries if "COUNT(*)" in c["sql"]]
    assert len(counting) == 1
    empty = {kind.queryset(q).model._meta.db_table for kind in registry.search_kinds() if not counts[kind.key]}
    assert "stats_stattable" in empty and "yearbook_honour" in empty
    sqls = [c["sql"] for c in ctx.captured_queries]
    reads = sqls[sqls.index(counting[0]) + 1:]   # the hits, read once the counts are known
    assert not [sql for sql in reads for table in empty if sql.startswith(f'SELECT "{table}".')]


def test_one_character_query_matches(site):
    result = search.search("镇")
    assert "双湾镇" in titles(result, "agencies")


def test_tables_documents_and_honours_are_searched(site):
    assert titles(search.search("医疗救助"), "tables") == ["2020年金川区医疗救助资金统计表"]
    assert titles(search.search("城区"), "tables") == ["表5 2020年全区国内贸易情况"]     # by a row label
    docs = group(search.search("市容"), "documents")
    assert docs.count == 1
    article = group(search.search("城市管理"), "documents").hits[0]
    assert article.url.endswith("#第二条")
    assert "赵东岩（金川区统计局）" in titles(search.search("三十年"), "honours")


def test_match_is_highlighted_and_escaped(site):
    hit = group(search.search("融媒体"), "events").hits[0]
    assert "<mark>融媒体</mark>" in str(hit.snippet)
    assert str(highlight("a<b>融媒体</b>", "融媒体")) == "a&lt;b&gt;<mark>融媒体</mark>&lt;/b&gt;"


def test_snippet_is_cut_around_the_match():
    text = "前" * 100 + "恒山" + "后" * 100
    snippet = str(highlight(text, "恒山", width=10))
    assert snippet == "…" + "前" * 10 + "<mark>恒山</mark>" + "后" * 10 + "…"


def test_one_kind_is_paginated(site, client):
    from .builders import grow
    grow(site, 25)
    html = client.get("/search/", {"q": "张恒山", "kind": "events"}).content.decode()
    assert "查看全部类别" in html and "第 1 / 2 页" in html
    html2 = client.get("/search/", {"q": "张恒山", "kind": "events", "page": "2"}).content.decode()
    assert "第 2 / 2 页" in html2
    overview = client.get("/search/", {"q": "张恒山"}).content.decode()
    assert "查看全部 27 项大事记" in overview


def test_empty_result_suggests_the_nearest_name_with_its_reading(site, client):
    html = client.get("/search/", {"q": "张恒山水"}).content.decode()
    assert "没有找到与“<strong>张恒山水</strong>”相关的内容" in html
    assert '<a href="/people/%E5%BC%A0%E6%81%92%E5%B1%B1/">张恒山</a>' in html        # the person, not a search
    assert "zhāng héng shān" in html
    assert "拼音首字母" in html


def test_empty_query_explains_the_box(site, client):
    html = client.get("/search/").content.decode()
    assert "zhanghengshan" in html and "共找到" not in html


HOSTILE = [
    "<script>alert(1)</script>", "'", "\"", "' OR 1=1 --", "%", "_", "\\", "%00", "\x00", "张\x00恒山",
    "a" * 5000, "恒" * 3000, "😀🀄︎", "\u202e\u200b\ufeff", "zh' s", "<b>统计</b>", "&amp;", "{{ 7*7 }}",
    "{% debug %}", "../../etc/passwd", " ", "\t\n",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_escaped_and_never_fail(site, client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>统计</b>" not in html
    assert "{{ 7*7 }}" not in html or "49" not in html


@pytest.mark.parametrize("params", [
    {"q": "统计", "kind": "nonsense"}, {"q": "统计", "page": "-1"}, {"q": "统计", "kind": "entries", "page": "x"},
    {"q": "统计", "kind": "entries", "page": "99999999999999999999"}, {"q": ["a", "b"]},
])
def test_bad_search_parameters_are_ignored(site, client, params):
    assert client.get("/search/", params).status_code == 200


def test_script_in_query_is_escaped_in_the_header_box(site, client):
    html = client.get("/search/", {"q": '"><script>x()</script>'}).content.decode()
    assert 'value="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"' in html


@pytest.mark.parametrize("raw", ["q=%FF%FE", "q=%ED%B3%BF", "q=%E5%BC", "q=%00%00", "q=%25%27%22", "q&q&q"])
def test_undecodable_query_strings_never_fail(site, client, raw):
    assert client.get("/search/?" + raw).status_code == 200
