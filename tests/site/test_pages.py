"""Every page type renders its data (content, not only status codes)."""
import re
from html import unescape
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db


def breadcrumbs(html: str) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, flags=re.S).group(0)
    return [text_of(li) for li in re.findall(r"<li.*?</li>", nav, flags=re.S)]


def text_of(html: str) -> str:
    """The visible text, tags dropped, entities decoded (for content assertions)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r"</?(a|strong|span|mark|em|small|kbd|abbr|code)\b[^>]*>", "", html)  # inline: no gap
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_home_shows_the_latest_cover_key_figures_honorary_titles_and_contents(site, page):
    html = page("/")
    text = text_of(html)
    assert '<html lang="zh-CN">' in html
    assert "《金川区年鉴 2021》" in text and "金川区地方志编纂中心" in text and "甘肃文化出版社" in text
    assert "全国文明城市" in text                           # 荣耀金川
    assert "地区生产总值 271.41亿元" in text and "比上年增长 9.2%" in text    # 数字金川
    assert "比上年下降 3.1%" in text and "2.62:75.09:22.29" in text and "比上年增加 2.3万亩" in text
    assert text.count("特载") >= 1 and "附录" in text and "乡镇街道" in text
    for name in ("特载", "大事记", "区情概览", "经济管理", "先进模范", "附录"):
        assert f">{name}</a>" in html
    assert 'href="/2021/%E7%BB%8F%E6%B5%8E%E7%AE%A1%E7%90%86/%E7%BB%9F%E8%AE%A1/"' in html   # 经济管理/统计
    assert "金川区年鉴 2022" not in text                    # the draft edition is not listed


def test_home_without_a_published_edition_says_so(db, page):
    assert "尚无已发布的年鉴" in page("/")


def test_edition_page_has_the_contents_imprint_and_notes(site, page):
    text = text_of(page("/2021/"))
    assert "目录" in text and "编辑说明" in text and "甘肃文化出版社" in text
    assert "政府工作3条" in text


def test_draft_and_unknown_editions_are_not_found(site, page):
    page("/2022/", status=404)
    page("/2022/经济管理/统计/", status=404)
    page("/1999/", status=404)
    page("/2022/大事记/", status=404)
    page("/2022/统计/", status=404)


def test_category_page_lists_its_sections_and_entries(site, page):
    text = text_of(page("/2021/经济管理/"))
    assert "统计" in text and "审计" in text and "统计法治建设" in text and "审计监督" in text


def test_section_page_shows_entries_in_book_order_with_anchors_roster_contributor_and_neighbours(site, page):
    html = page("/2021/金川区人民政府/政府工作/")
    text = text_of(html)
    assert text.index("【政务服务】") < text.index("【党建工作】")
    assert 'id="政务服务"' in html and 'id="党建工作"' in html and 'id="党建工作-2"' in html
    assert breadcrumbs(html) == ["年鉴 2021", "金川区人民政府", "政府工作"]
    assert "金川区人民政府领导班子成员" in text and "区长 张恒山 2020年1月任" in text
    assert "周益民 任至2020年1月" in text and "2020年5月—2020年8月" in text
    assert "供稿：于容莹" in text
    assert "上一分目：重要会议" in text and "下一分目：统计" in text
    assert "引用：《金川区年鉴 2021》，金川区人民政府 › 政府工作，第70页。" in text
    assert 'href="/people/%E5%BC%A0%E6%81%92%E5%B1%B1/"' in html          # entry mentions link the person


def test_section_page_shows_provenance_and_the_printed_text_where_corrected(site, page):
    html = page("/2021/经济管理/统计/")
    text = text_of(html)
    assert "出处：《金川区年鉴 2021》第128页，源文本第3108行" in text
    assert "<details><summary>经校正，查看原印文本</summary>" in html and "配合市统汁局" in text
    assert "区统计局领导班子成员" in text and "潘冰" in text and "2020年12月任" in text


def test_section_page_renders_its_tables(site, page):
    html = page("/2021/社会生活/医疗保障/")
    assert "2020年金川区医疗救助资金统计表" in html
    assert '<th scope="rowgroup" colspan="3">医疗救助</th>' in html and ">176.49<" in html


def test_report_entries_keep_byline_and_subheadings(site, page):
    html = page("/2021/特载/金川区人民政府工作报告/")
    assert "——2021年1月27日" in html and "<h3>2020年工作回顾</h3>" in html


@pytest.mark.parametrize("url, target", [
    ("/2021/大事记/2020年大事记/", "/2021/%E5%A4%A7%E4%BA%8B%E8%AE%B0/"),
    ("/2021/先进模范/先进集体/", "/2021/%E5%85%88%E8%BF%9B%E6%A8%A1%E8%8C%83/?kind=collective"),
    ("/2021/附录/重要统计资料/", "/2021/%E7%BB%9F%E8%AE%A1/"),
    ("/2021/附录/重要文件辑存/", "/2021/%E6%96%87%E4%BB%B6/"),
])
def test_sections_with_a_dedicated_page_redirect_to_it(site, client, url, target):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == target


def test_unknown_category_and_section_are_not_found(site, page):
    page("/2021/不存在/", status=404)
    page("/2021/经济管理/不存在/", status=404)
    page("/2021/附录/统计/", status=404)


def test_chronicle_lists_events_by_month_with_counts_chart_and_links(site, page):
    html = page("/2021/大事记/")
    text = text_of(html)
    assert "2020年大事记" in text and "共 7 件" in text
    assert '<svg class="chart chart-months"' in html and "<title>1月：3件</title>" in html
    assert text.index("1月 3件") < text.index("4月 1件") < text.index("6月 1件")
    assert 'id="1月8日"' in html and 'id="1月8日-2"' in html and 'id="4月是月"' in html
    assert "1月10日—11日" in text and "是月" in text
    assert 'href="/people/%E5%BC%A0%E6%81%92%E5%B1%B1/"' in html
    assert f'href="{quote("/agencies/金川区融媒体中心/")}"' in html
    assert "李牛虎" in text                                   # the printed text of a corrected event


def test_person_page_shows_appointments_with_precision_events_and_entries(site, page):
    html = page("/people/张恒山/")
    text = text_of(html)
    assert "zhanghengshan" in text
    assert "金川区人民政府 区长 2020年1月任" in text and "中共金川区委 区委副书记、区长 2020年1月任" in text
    assert "提名张恒山为区人民政府区长候选人" in text                      # chronicle events
    assert "政务服务" in text                                             # entries that mention him
    assert "引用：《金川区年鉴 2021》" in text


def test_person_page_tenure_end_and_honours(site, page):
    text = text_of(page("/people/李晓燕/"))
    assert "区统计局 党组成员、副局长 任至2020年12月" in text
    assert "全国统计系统先进工作者" in text and "2020年12月" in text
    assert "同名人物：李晓燕（李晓燕-2） 双湾镇 副镇长" in text              # same names told apart


def test_namesake_has_its_own_page(site, page):
    text = text_of(page("/people/李晓燕-2/"))
    assert "双湾镇 副镇长 2020年4月任" in text and "政法委员 2020年4月任" in text


def test_people_directory_lists_public_persons_with_their_post(site, page):
    text = text_of(page("/people/"))
    assert "张恒山" in text and "中共金川区委 区委副书记、区长" in text
    assert "李晓燕 （李晓燕-2） 双湾镇 副镇长" in text
    assert "王草稿" not in text                                            # only in the draft edition


def test_person_only_in_a_draft_edition_is_not_public(site, page):
    page("/people/王草稿/", status=404)
    page("/people/没有这个人/", status=404)


def test_agency_directory_filters_by_kind(site, page):
    text = text_of(page("/agencies/"))
    assert "区统计局" in text and "双湾镇" in text and "草稿局" not in text
    towns = page("/agencies/", kind="town")
    assert ">双湾镇</a>" in towns and ">区统计局</a>" not in towns and "共 1 个机构" in text_of(towns)


def test_agency_page_shows_roster_timeline_section_entries_honours_and_mentions(site, page):
    html = page("/agencies/区统计局/")
    text = text_of(html)
    assert "又称 金川区统计局" in text and "上级 金川区人民政府" in text
    assert '<svg class="chart chart-timeline"' in html
    assert "<title>潘冰 党组成员、副局长：2020年12月任</title>" in html
    assert "<title>冯得辉 党组书记、局长：全年在任</title>" in html
    assert "2020年1月" in html and ">12月<" in html                           # the axis covers the year
    assert "统计法治建设" in text and "第七次全国人口普查" in text              # its section's entries
    assert "全省统计工作先进集体" in text and "从事统计工作三十年以上荣誉" in text
    assert "区统计局组织普查员入户" in text                                     # chronicle mention


def test_agency_alias_redirects_to_the_canonical_page(site, client):
    response = client.get("/agencies/金川区统计局/")
    assert response.status_code == 301
    assert response["Location"] == "/agencies/%E5%8C%BA%E7%BB%9F%E8%AE%A1%E5%B1%80/"


def test_awarding_body_page_lists_the_honours_it_gave(site, page):
    text = text_of(page("/agencies/司法部/"))
    assert "授予的表彰" in text and "金川区广州路司法所" in text


def test_stats_index_lists_tables_key_figures_and_bulletin(site, page):
    text = text_of(page("/2021/统计/"))
    assert "2020年全区生产总值分行业情况" in text and "2020年金川区医疗救助资金统计表" in text
    assert "2020年金昌市金川区国民经济和社会发展统计公报" in text and "一、综合" in text
    assert "本章表格：表1 2020年全区生产总值分行业情况" in text
    assert "地区生产总值 271.41亿元" in text


def test_table_page_renders_multi_level_headers_row_hierarchy_and_units(site, page):
    html = page("/2021/统计/表5/")
    assert '<th scope="col" rowspan="2">指标</th>' in html and '<th scope="col" rowspan="2">单位</th>' in html
    assert '<th scope="col" colspan="2">2020年</th>' in html
    assert '<th scope="col">绝对数</th>' in html and '<th scope="col">比上年增长(%)</th>' in html
    assert '<tr class="depth-0 group"><th scope="row" class="label">按经营地分</th>' in html
    assert '<tr class="depth-1"><th scope="row" class="label">城镇</th><td>万元</td>' in html
    assert '<tr class="depth-2"><th scope="row" class="label">城区</th>' in html
    assert ">-3.1<" in html and ">99897.9<" in html                          # OCR spaces gone
    assert "?format=csv" in html and "?format=xlsx" in html


def test_flat_table_gets_a_chart_without_its_total_row(site, page):
    html = page("/2021/统计/表1/")
    assert '<svg class="chart chart-bars"' in html and "不含合计行“生产总值”" in html
    assert "<title>工业：183.97</title>" in html and ">8.20<" in html
    assert "chart-bars" not in page("/2021/统计/表5/")                          # hierarchy: no chart


def test_unknown_table_is_not_found(site, page):
    page("/2021/统计/表99/", status=404)


def test_honours_page_lists_both_kinds_with_levels_and_facets(site, page):
    html = page("/2021/先进模范/")
    text = text_of(html)
    assert "先进集体 3项" in text and "先进个人 2项" in text
    assert "金川区广州路司法所" in text and "司法部" in text
    assert "国家级 2" in text and "省级 2" in text and "市级 1" in text
    assert "女 1" in text and "男 1" in text
    assert 'id="collective-1"' in html and 'id="individual-2"' in html
    assert "待核实 此处原文模糊，按最可能的读法录入，尚待核实。" in text and "姓名印刷不清" not in html


def test_documents_list_and_detail_with_outline_and_article_anchors(site, page):
    text = text_of(page("/2021/文件/"))
    assert "金川区市容和环境卫生管理办法" in text and "不完整" in text
    html = page("/2021/文件/金区政发〔2020〕46号/")
    assert 'id="第十条"' in html and 'href="#第十条"' in html and 'id="第一章"' in html
    assert "第二章 市容管理" in text_of(html) and "第一节 建(构)筑物管理" in text_of(html)
    assert "不完整：" not in html


def test_incomplete_document_is_marked_and_shows_its_parts(site, page):
    html = page("/2021/文件/金区政发〔2020〕39号/")
    text = text_of(html)
    assert "不完整：" in text and "一、总体要求" in text and "(一)主干道命名" in text
    assert "(二)科学性原则。" in text


def test_unknown_document_is_not_found(site, page):
    page("/2021/文件/金区政发〔2099〕1号/", status=404)


def test_every_record_page_has_a_cite_line(site, page):
    for url in ["/2021/", "/2021/经济管理/统计/", "/2021/大事记/", "/people/张恒山/", "/agencies/区统计局/",
                "/2021/统计/表1/", "/2021/先进模范/", "/2021/文件/金区政发〔2020〕46号/"]:
        text = text_of(page(url))
        assert "引用：《金川区年鉴 2021》" in text and "http://testserver/" in text, url


def test_pages_have_the_search_box_skip_link_and_stylesheet(site, page):
    html = page("/2021/经济管理/统计/")
    assert 'role="search"' in html and 'name="q"' in html
    assert 'href="#main"' in html and "/static/css/site.css" in html


def test_not_found_page_is_in_chinese_and_offers_a_way_on(site, client):
    response = client.get("/2021/没有这个类目/")
    html = response.content.decode()
    assert response.status_code == 404 and "找不到这个页面" in html
    assert 'href="/people/"' in html and 'role="search"' in html


def test_key_figure_series_across_editions(site, page):
    from decimal import Decimal

    from yearbook.models import Edition, KeyFigure

    older = Edition.objects.create(year=2020, covers_year=2019, title="金川区年鉴 2020",
                                   status=Edition.Status.PUBLISHED)
    KeyFigure.objects.create(edition=older, indicator="地区生产总值", value=Decimal("255.30"), unit="亿元", order=1)
    KeyFigure.objects.create(edition=older, indicator="只在旧卷的指标", value=Decimal("1"), unit="个", order=2)
    text = text_of(page("/2021/统计/"))
    assert "历年数据 指标 2020卷 2021卷 地区生产总值 255.3亿元 271.41亿元" in text
    assert "只在旧卷的指标" not in text             # the 2021 figures, over the years
    KeyFigure.objects.create(edition=older, indicator="固定资产投资", value=None, unit="", order=3)
    KeyFigure.objects.filter(edition=site.edition, indicator="三次产业结构比").update(value_text="")
    KeyFigure.objects.create(edition=older, indicator="三次产业结构比", value_text="", order=4)
    text = text_of(page("/2021/统计/", x="2"))
    assert "历年数据 指标 2020卷 2021卷 地区生产总值 255.3亿元 271.41亿元" in text
    assert "三次产业结构比 — —" not in text and "三次产业结构比" not in text.split("历年数据")[1]   # no level in any year


def test_key_figure_series_is_aligned_by_year_and_bounded(site, page, monkeypatch):
    from decimal import Decimal

    from django.core.cache import cache

    from stats import selectors
    from yearbook.models import Edition, KeyFigure

    for year in (2018, 2019, 2020):
        e = Edition.objects.create(year=year, covers_year=year - 1, title=f"金川区年鉴 {year}",
                                   status=Edition.Status.PUBLISHED)
        if year != 2019:   # 2019 lacks the indicator: its cell is a dash, the others do not shift
            KeyFigure.objects.create(edition=e, indicator="地区生产总值", value=Decimal(year - 1800), unit="亿元",
                                     order=1)
        else:
            KeyFigure.objects.create(edition=e, indicator="粮食种植面积", value=Decimal("19.5"), unit="万亩", order=1)
    text = text_of(page("/2021/统计/"))
    assert ("指标 2018卷 2019卷 2020卷 2021卷 地区生产总值 218亿元 — 220亿元 271.41亿元 "
            "粮食种植面积 — 19.5万亩 — 20.63万亩") in text
    monkeypatch.setattr(selectors, "SERIES_EDITIONS", 2)       # the edition shown and the one before
    cache.clear()                                               # the page cache: nothing was edited
    text = text_of(page("/2021/统计/"))
    assert "指标 2020卷 2021卷 地区生产总值 220亿元 271.41亿元" in text and "2018卷" not in text
    home = text_of(page("/"))
    assert "《金川区年鉴 2021》" in home and "金川区年鉴 2020 记述2019年" in home     # latest first, both listed


def test_an_entry_title_with_spaces_gets_a_valid_anchor(site, page):
    from yearbook.models import Entry

    Entry.objects.create(section=site.report, title="立足新阶段 贯彻新理念", order=2, kind="report", body="正文。")
    html = page("/2021/特载/金川区人民政府工作报告/")
    assert 'id="立足新阶段-贯彻新理念"' in html and 'href="#立足新阶段-贯彻新理念"' in html
    assert "<p>正文。</p>" in page("/2021/特载/金川区人民政府工作报告/立足新阶段-贯彻新理念/")
