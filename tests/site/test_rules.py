"""The small named rules: dates with precision, tenure wording, awarding levels, queries, layout."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from stats.charts import is_total
from stats.layout import cell_display, header_rows
from yearbook import charts, rules

D = dt.date


@pytest.mark.parametrize("start, end, expected", [
    (D(2020, 1, 1), None, "2020年1月任"),
    (None, D(2020, 12, 1), "任至2020年12月"),
    (D(2020, 5, 1), D(2020, 8, 1), "2020年5月—2020年8月"),
    (None, None, ""),
])
def test_tenure_label(start, end, expected):
    assert rules.tenure_label(start, end) == expected


@pytest.mark.parametrize("start, end, precision, expected", [
    (D(2020, 1, 8), None, "day", "2020年1月8日"),
    (D(2020, 1, 10), D(2020, 1, 11), "day", "2020年1月10日—11日"),
    (D(2020, 1, 30), D(2020, 2, 2), "day", "2020年1月30日—2月2日"),
    (D(2020, 4, 1), None, "month", "2020年4月"),
    (D(2020, 12, 30), D(2021, 1, 2), "day", "2020年12月30日—2021年1月2日"),
])
def test_date_range_label_shows_what_the_book_says(start, end, precision, expected):
    assert rules.date_range_label(start, end, precision) == expected


def test_date_range_without_year():
    assert rules.date_range_label(D(2020, 1, 10), D(2020, 1, 11), with_year=False) == "1月10日—11日"


@pytest.mark.parametrize("name, level", [
    ("中央文明委", "national"), ("全国工商联办公厅", "national"), ("国家统计局", "national"),
    ("国务院第二次全国污染源普查领导小组办公室", "national"), ("司法部", "national"), ("退役军人事务部", "national"),
    ("公安部南昌警犬基地", "national"), ("空军招飞局兰州选拔中心", "national"), ("中共中央组织部", "national"),
    ("甘肃省人力资源和社会保障厅", "provincial"), ("中共甘肃省委", "provincial"), ("共青团甘肃省委", "provincial"),
    ("省委宣传部", "provincial"), ("金昌市人民政府", "municipal"), ("中共金昌市委", "municipal"),
    ("金昌军分区", "municipal"), ("市总工会", "municipal"), ("金川区人民政府", "district"), ("区委组织部", "district"),
    ("中共金川区委", "district"), ("某某协会", "other"), ("", "other"),
])
def test_awarding_level_from_the_name(name, level):
    assert rules.awarding_level(name) == level


def test_joint_award_counts_at_the_highest_level():
    assert rules.highest_level(["甘肃省教育厅", "教育部"]) == "national"
    assert rules.highest_level(["金昌市人民政府", "金川区人民政府"]) == "municipal"
    assert rules.highest_level([]) == "other"


@pytest.mark.parametrize("raw, cleaned", [
    ("  张恒山  ", "张恒山"), ("zhang  heng\tshan", "zhang heng shan"), ("ＺＨＳ", "ZHS"), ("张\x00恒山", "张 恒山"),
    ("\u202e恒山\u200b", "恒山"), ("a" * 500, "a" * rules.MAX_QUERY_LENGTH), (None, ""),
])
def test_clean_query(raw, cleaned):
    assert rules.clean_query(raw) == cleaned


@pytest.mark.parametrize("query, key", [
    ("zhanghengshan", "zhanghengshan"), ("Zhang Heng Shan", "zhanghengshan"), ("zhang'heng", "zhangheng"),
    ("张恒山", ""), ("zhs1", ""), ("", ""),
])
def test_pinyin_key(query, key):
    assert rules.pinyin_key(query) == key


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (105, "一百零五"),
                                      (110, "一百一十")])
def test_chinese_numeral(n, text):
    assert rules.chinese_numeral(n) == text


@pytest.mark.parametrize("note, rest", [
    ("女,2020年12月任", ""), ("任至2020年1月", ""), ("2020年2月任,挂职", ""), ("2020年5月-2020年8月", ""),
    ("女, 政法委员 2020 年 5 月仟", "政法委员 2020 年 5 月仟"), ("民建", ""), ("女,满", ""),
])
def test_note_remainder(note, rest):
    assert rules.note_remainder(note, party="民建" if "民建" in note else "",
                                ethnicity="满" if "满" in note else "") == rest


def test_a_section_links_to_the_page_of_what_it_holds():
    """Sections are told apart by their stored kind, not by their names."""
    from yearbook import links

    def url(kind, name="统计", category="经济管理"):
        return links.section_url(SimpleNamespace(kind=kind, name=name), year=2021, category=category)

    assert url("chronicle") == "/2021/%E5%A4%A7%E4%BA%8B%E8%AE%B0/"                       # /2021/大事记/
    assert url("honours", "先进个人") == "/2021/%E5%85%88%E8%BF%9B%E6%A8%A1%E8%8C%83/?kind=individual"
    assert url("tables") == "/2021/%E7%BB%9F%E8%AE%A1/"                                  # /2021/统计/
    assert url("documents") == "/2021/%E6%96%87%E4%BB%B6/"                               # /2021/文件/
    assert url("entries") == "/2021/%E7%BB%8F%E6%B5%8E%E7%AE%A1%E7%90%86/%E7%BB%9F%E8%AE%A1/"


def test_header_rows_merge_shared_levels_and_span_short_paths():
    rows = header_rows([["2020年", "绝对数"], ["2020年", "比上年增长"], ["备注"]])
    assert [(c.text, c.colspan, c.rowspan) for c in rows[0]] == [("2020年", 2, 1), ("备注", 1, 2)]
    assert [(c.text, c.colspan, c.rowspan) for c in rows[1]] == [("绝对数", 1, 1), ("比上年增长", 1, 1)]


def test_header_rows_do_not_merge_equal_leaves():
    rows = header_rows([["第一次住院", "起付线"], ["第一次住院", "报销比例"], ["第二次住院", "起付线"]])
    assert [(c.text, c.colspan) for c in rows[0]] == [("第一次住院", 2), ("第二次住院", 1)]
    assert len(rows[1]) == 3


@pytest.mark.parametrize("text, value, shown", [
    ("8. 20", Decimal("8.20000000"), "8.20"), ("-3. 1", Decimal("-3.1"), "-3.1"),
    ("90%", Decimal("90"), "90%"),
    ("在一个结算年", None, "在一个结算年"), ("", Decimal("5"), "5"),
])
def test_cell_display_drops_ocr_spaces_only(text, value, shown):
    assert cell_display(text, value) == shown


def test_total_row_is_recognised():
    assert is_total(Decimal("271.41"), [Decimal("183.97"), Decimal("87.44")])
    assert not is_total(Decimal("10.21"), [Decimal("1.44"), Decimal("1.44"), Decimal("8.71")])


def test_timeline_axis_covers_the_year_and_widens_for_later_dates():
    t = charts.Tenure("甲", "主任", D(2021, 2, 1), None, "甲 主任：2021年2月任")
    assert charts.timeline_axis([t], 2020) == (D(2020, 1, 1), D(2021, 2, 1))
    svg = str(charts.tenure_timeline([t], 2020, label="测试<名录>"))
    assert "2021年1月" in svg and "测试&lt;名录&gt;" in svg and "<title>甲 主任：2021年2月任</title>" in svg


def test_charts_escape_their_text():
    svg = str(charts.horizontal_bars([charts.Bar("<b>x</b>", Decimal("-1"), "-1")], label="<t>"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    month = str(charts.month_bars([(1, 2), (2, 0)], href=lambda m: f"?month={m}&q=<x>"))
    assert "q=&lt;x&gt;" in month and ">1月</text>" in month and ">2件</text>" in month
    assert 'role="group"' in month and "aria-label=\"1月" not in month    # links: a group, named by their text


def test_event_anchor():
    from chronicle.models import Event

    day = Event(date=D(2020, 1, 8), precision="day")
    day.same_date_before = 1
    month = Event(date=D(2020, 4, 1), precision="month")
    month.same_date_before = 0
    assert day.anchor == "1月8日-2" and month.anchor == "4月是月"
