"""How people type names: full official names, jurisdiction prefixes and short forms, several words, spaces
and punctuation, traditional characters, titles; and what is offered when nothing is found."""
import pytest

from yearbook.models import Entry, Organization, OrganizationAlias
from yearbook.selectors import search as search
from yearbook.search.query import NameForms, parse

from .test_pages import text_of

pytestmark = pytest.mark.django_db


def titles(result, kind):
    group = next(g for g in result.groups if g.kind == kind)
    return [text_of(str(h.title)) for h in group.hits]


@pytest.fixture
def agencies(site):
    """Agencies stored as the book names them, some with no alias for their official full name."""
    gov = site.gov
    petitions = Organization.objects.create(name="区信访局", kind="bureau", parent=gov)
    medical = Organization.objects.create(name="区医保局", kind="bureau", parent=gov)
    OrganizationAlias.objects.create(organization=medical, name="区医疗保障局")
    reform = Organization.objects.create(name="区发展改革局", kind="bureau", parent=gov)
    province = Organization.objects.create(name="甘肃省信访局", kind="higher")
    for o in (petitions, medical, reform, province):
        site.gov_entry.organizations.add(o)          # named in a published edition: public
    return site


@pytest.mark.parametrize("query, agency", [
    ("金川区信访局", "区信访局"), ("区信访局", "区信访局"), ("金昌市金川区信访局", "区信访局"),
    ("金川区医保局", "区医保局"), ("金川区医疗保障局", "区医保局"), ("医疗保障局", "区医保局"),
    ("金川区发展改革局", "区发展改革局"), ("金川区发展和改革局", "区发展改革局"), ("发改局", "区发展改革局"),
    ("金川区 信访局", "区信访局"), ("中共金川区委", "中共金川区委"), ("金川区委", "中共金川区委"),
])
def test_official_and_short_names_find_the_agency_first(agencies, query, agency):
    assert titles(search.search(query), "agencies")[0] == agency, query


def test_a_jurisdiction_is_not_another(agencies):
    assert titles(search.search("甘肃省信访局"), "agencies") == ["甘肃省信访局"]
    assert "甘肃省信访局" not in titles(search.search("金川区信访局"), "agencies")


@pytest.mark.parametrize("query", ["张恒山 区长", "区长 张恒山", "张 恒山", "張恆山", "张恒山　"])
def test_a_name_typed_with_a_title_spaces_or_traditional_characters(site, query):
    assert titles(search.search(query), "persons") == ["张恒山"], query


def test_a_title_finds_who_held_it_and_not_the_deputies(site):
    assert set(titles(search.search("区长"), "persons")) == {"张恒山", "周益民"}     # 单文华 was 副区长
    assert set(titles(search.search("副区长"), "persons")) == {"单文华"}
    assert titles(search.search("统计局 局长"), "persons") == ["冯得辉"]            # not the 副局长
    assert titles(search.search("局长 统计局"), "persons") == ["冯得辉"]


def test_several_words_are_all_required_in_an_entry(site):
    result = search.search("政务服务 12万件")
    assert titles(result, "entries") == ["政务服务"]
    assert result.words == ["政务服务", "12万件"]
    assert titles(search.search("政务服务 不存在"), "entries") == []


def test_punctuation_and_spaces_are_ignored_in_matching(site):
    Entry.objects.create(section=site.audit, title="主题教育", order=9, source_line=3150,
                         body="开展\"不忘初心、牢记使命\"主题教育,党员 干部受教育。")
    for query in ["不忘初心牢记使命", "不忘初心、牢记使命", "不忘初心 牢记使命", "党员干部"]:
        hits = next(g for g in search.search(query).groups if g.kind == "entries").hits
        assert [text_of(str(h.title)) for h in hits] == ["主题教育"], query
    snippet = str(next(g for g in search.search("不忘初心牢记使命").groups if g.kind == "entries").hits[0].snippet)
    assert "<mark>不忘初心、牢记使命</mark>" in snippet


def test_a_query_that_finds_nothing_offers_names_that_exist(site, client):
    html = client.get("/search/", {"q": "张恒善"}).content.decode()     # a homophone: zhang heng shan
    assert "您要找的是不是" in html and ">张恒山</a>" in html and "zhāng héng shān" in html
    html = client.get("/search/", {"q": "zhanghengsan"}).content.decode()
    assert ">张恒山</a>" in html
    html = client.get("/search/", {"q": "统计局 张恒山 区长 不存在"}).content.decode()
    assert "只搜“统计局”" in html and "只搜“不存在”" not in html


def test_counts_are_capped_and_said_so(site, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    result = search.search("统计")
    honours = next(g for g in result.groups if g.kind == "honours")
    assert honours.count == 2 and honours.capped and honours.count_label == "2+"


def test_the_name_forms_come_from_the_data_file():
    forms = NameForms(jurisdictions=(("金川区", "区"),), parts=(("医疗保障局", "医保局"),))
    assert parse("金川区医保局", forms).terms[0].forms == ("金川区医保局", "区医保局", "金川区医疗保障局", "区医疗保障局")
    assert parse("区长", forms).terms[0].forms == ("区长",)             # 区 before one character: no swap
