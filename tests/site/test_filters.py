"""Each filter narrows what it should; bad parameters are ignored or refused (400), never a 500."""
import re

import pytest

from .test_pages import text_of

pytestmark = pytest.mark.django_db


def event_ids(html):
    return re.findall(r'<li class="event" id="([^"]+)"', html)


def test_chronicle_filters_by_month(site, page):
    assert len(event_ids(page("/2021/大事记/"))) == 7
    html = page("/2021/大事记/", month="1")
    assert event_ids(html) == ["1月8日", "1月8日-2", "1月10日"]
    assert "筛选结果：3 件" in text_of(html)


def test_chronicle_filters_by_text(site, page):
    assert event_ids(page("/2021/大事记/", q="融媒体中心")) == ["6月15日"]


def test_chronicle_filters_by_person(site, page):
    html = page("/2021/大事记/", person="张恒山")
    assert event_ids(html) == ["1月8日", "1月8日-2"]
    assert "人物 张恒山" in text_of(html)


def test_chronicle_filters_by_agency_name_or_alias(site, page):
    assert event_ids(page("/2021/大事记/", agency="金川区融媒体中心")) == ["6月15日"]
    assert event_ids(page("/2021/大事记/", agency="融媒体中心")) == ["6月15日"]       # an alias


def test_chronicle_filters_combine(site, page):
    assert event_ids(page("/2021/大事记/", month="1", person="张恒山", q="候选人")) == ["1月8日-2"]
    assert "没有符合条件的事件" in page("/2021/大事记/", month="2")


def test_chronicle_month_bars_link_to_the_month_keeping_other_filters(site, page):
    html = page("/2021/大事记/", person="张恒山")
    assert 'href="/2021/%E5%A4%A7%E4%BA%8B%E8%AE%B0/?person=%E5%BC%A0%E6%81%92%E5%B1%B1&amp;month=1"' in html


@pytest.mark.parametrize("params", [
    {"month": "13"}, {"month": "abc"}, {"month": "99999999999999999999"}, {"month": "-1"}, {"person": "\x00"},
    {"agency": "<script>"}, {"q": "x" * 10000}, {"q": "%"}, {"person": "不存在的人"},
])
def test_chronicle_bad_filters_never_fail(site, client, params):
    response = client.get("/2021/大事记/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_chronicle_invalid_month_is_ignored(site, page):
    assert len(event_ids(page("/2021/大事记/", month="13"))) == 7


def test_people_directory_search_narrows(site, page):
    html = page("/people/", q="恒山")
    assert ">张恒山</a>" in html and ">李晓燕</a>" not in html and "共 1 人" in text_of(html)
    assert ">张恒山</a>" in page("/people/", q="zhs")
    assert ">李晓燕</a>" in page("/people/", q="lxy") and "李晓燕-2" in page("/people/", q="lxy")


def test_agency_directory_search_and_kind(site, page):
    html = page("/agencies/", q="统计局")
    assert ">区统计局</a>" in html and ">甘肃省统计局</a>" in html and ">双湾镇</a>" not in html
    html = page("/agencies/", q="统计局", kind="bureau")
    assert ">区统计局</a>" in html and ">甘肃省统计局</a>" not in html
    assert ">区统计局</a>" in page("/agencies/", q="金川区统计局")                # by alias
    assert ">双湾镇</a>" in page("/agencies/", kind="nonsense")                  # invalid kind ignored


def honour_rows(html):
    return re.findall(r'<tr id="((?:collective|individual)-\d+)"', html)


def test_honours_filter_by_kind(site, page):
    assert honour_rows(page("/2021/先进模范/", kind="individual")) == ["individual-1", "individual-2"]


def test_honours_filter_by_level_derived_from_the_awarding_body(site, page):
    assert honour_rows(page("/2021/先进模范/", level="national")) == ["collective-1", "individual-2"]
    assert honour_rows(page("/2021/先进模范/", level="provincial")) == ["collective-2", "individual-1"]
    assert honour_rows(page("/2021/先进模范/", level="municipal")) == ["collective-3"]
    assert honour_rows(page("/2021/先进模范/", level="district")) == []


def test_honours_filter_by_month_and_gender(site, page):
    assert honour_rows(page("/2021/先进模范/", month="12")) == ["collective-3", "individual-2"]
    assert honour_rows(page("/2021/先进模范/", gender="F")) == ["individual-2"]


def test_honours_facet_counts_follow_the_other_filters(site, page):
    text = text_of(page("/2021/先进模范/", kind="individual"))
    assert "国家级 1" in text and "省级 1" in text and "市级" not in text.split("授奖月份")[0].split("授奖单位级别")[1]
    html = page("/2021/先进模范/", kind="individual")
    assert 'aria-current="true"' in html


@pytest.mark.parametrize("params", [{"level": "galactic"}, {"month": "0"}, {"gender": "X"}, {"kind": "<x>"}])
def test_honours_bad_filters_are_ignored(site, page, params):
    assert len(honour_rows(page("/2021/先进模范/", **params))) == 5


@pytest.mark.parametrize("url", ["/2021/先进模范/", "/2021/统计/表1/"])
def test_unknown_download_format_is_a_bad_request(site, client, url):
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 400 and "csv 或 xlsx" in response.content.decode()


@pytest.mark.parametrize("url", [
    "/2021/大事记/?page=abc", "/people/?page=0", "/people/?page=999999", "/agencies/?page=-5",
    "/people/%00/", "/agencies/%00/", "/2021/%E7%BB%9F%E8%AE%A1/%00/", "/99999999999999999999/",
    "/2021/%FF/", "/people/%ED%B3%BF/", "/2021/文件/../../etc/passwd/", "/agencies/a%2Fb/",
])
def test_odd_urls_are_found_or_not_found_never_a_server_error(site, client, url):
    assert client.get(url).status_code in (200, 301, 302, 400, 404)
