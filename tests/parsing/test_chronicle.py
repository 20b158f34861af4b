"""大事记 (1167–1414) on the real text: counts, dating rules, merged and continued lines."""
import datetime as dt
import re
from collections import Counter

import pytest

from yearbook.parsing.chronicle import parse_chronicle

D = dt.date


@pytest.fixture(scope="module")
def events(source, segments):
    chronicle = [s for s in segments if s.outline.kind == "chronicle"]
    assert len(chronicle) == 1
    return parse_chronicle(source, chronicle[0])


def at(events, line, nth=0):
    hits = [e for e in events if e.source_line == line]
    return hits[nth]


def test_counts(events):
    assert len(events) == 98
    per_month = Counter(e.date.month for e in events)
    assert [per_month[m] for m in range(1, 13)] == [10, 3, 8, 10, 8, 10, 10, 8, 5, 8, 11, 7]
    assert Counter(e.marker for e in events) == {"date": 71, "delta": 21, "month": 6}
    assert [e.order for e in events] == list(range(1, 99))
    assert all(e.date.year == 2020 for e in events)


def test_ranges_exact(events):
    ranges = [(e.source_line, e.date, e.date_end) for e in events if e.date_end]
    assert ranges == [
        (1185, D(2020, 1, 10), D(2020, 1, 11)),   # 10 日一11 日 (CJK 一 as dash)
        (1185, D(2020, 1, 12), D(2020, 1, 14)),   # second event on the same line
        (1187, D(2020, 1, 13), D(2020, 1, 15)),   # 13 日-15 日 (ASCII -)
        (1377, D(2020, 11, 10), D(2020, 11, 11)),
        (1403, D(2020, 12, 23), D(2020, 12, 25)),  # 23日—25日 (em dash)
    ]


def test_month_events_are_first_of_month(events):
    months = [(e.source_line, e.date) for e in events if e.marker == "month"]
    assert months == [(1242, D(2020, 4, 1)), (1260, D(2020, 5, 1)), (1286, D(2020, 6, 1)),
                      (1326, D(2020, 8, 1)), (1337, D(2020, 9, 1)), (1409, D(2020, 12, 1))]
    assert all(e.precision == "month" and e.date_end is None for e in events if e.marker == "month")


@pytest.mark.parametrize("line", [1328, 1339, 1341])
def test_delta_after_month_keeps_month_precision(events, line):
    e = at(events, line)
    assert e.marker == "delta"
    assert e.precision == "month"
    assert e.date == D(2020, 8 if line == 1328 else 9, 1)
    assert e.date_end is None


def test_delta_copies_previous_day(events):
    for prev, e in zip(events, events[1:]):
        if e.marker == "delta":
            assert (e.date, e.date_end, e.precision) == (prev.date, prev.date_end, prev.precision)
    assert [at(events, n).date for n in (1173, 1175, 1177, 1179, 1181)] == [D(2020, 1, 8)] * 5
    assert at(events, 1204).date == D(2020, 3, 5)
    assert at(events, 1238).date == D(2020, 4, 21)
    assert at(events, 1391).date == D(2020, 11, 27)
    assert sum(e.precision == "day" for e in events if e.marker == "delta") == 18


def test_merged_line_1185(events):
    first, second = at(events, 1185, 0), at(events, 1185, 1)
    assert first.text.startswith("中国共产党金昌市金川区第七届代表大会第四次会议召开。")
    assert first.text.endswith("七届区纪委工作报告的决议。")
    assert second.text.startswith("中国人民政治协商会议金昌市金川区第八届委员会第四次会议在区会议中心报告厅召开。")
    assert second.source_line == second.source_line_end == 1185
    assert (first.order, second.order) == (8, 9)


def test_merged_line_1248(events):
    first, second = at(events, 1248, 0), at(events, 1248, 1)
    assert first.marker == "delta" and first.date == D(2020, 5, 1)
    assert first.text == ("市委副书记、市长杨建武深入金川区双湾镇文昌园、大漠营盘、金河民俗园等地,"
                          "实地调研金川区全域旅游系列活动开展情况。")
    assert second.marker == "date" and second.date == D(2020, 5, 3)
    assert second.text.startswith("市委副书记、市长杨建武深入镍都大厦、上海路金龙商厦")


@pytest.mark.parametrize("first, last, joint", [
    (1193, 1195, "全面完成《测评体系》的各项任务"),
    (1230, 1232, "服务高效、人民满意的乡镇和街道服务管理体制。"),
    (1256, 1258, "供电设施和拆除违建等群众反映问题"),
    (1274, 1278, "金川区河湖及水利工程管护范围划界项目无人机航测工作正式启动。"),
    (1312, 1314, "金川区城乡劳务综合服务中心揭牌仪式在宁远堡镇高崖子新村举行。"),
    (1341, 1345, "金川区涉及移交退休人员的国有企业40家"),
    (1359, 1361, "免去张恒山同志中共金川区委一级调研员职级。"),
    (1379, 1381, "对全国100个先进集体和100个先进个人予以通报表扬"),
    (1397, 1399, "(金昌市汽车站斜对面),建筑面积1300平方米"),
])
def test_continuation_lines_joined(events, first, last, joint):
    e = at(events, first)
    assert e.source_line_end == last
    assert joint in e.text
    assert not any(x.source_line == last for x in events)


def test_multi_line_events_are_exactly_the_page_breaks(events):
    assert sorted(e.source_line_end for e in events if e.source_line_end != e.source_line) == [
        1195, 1232, 1258, 1278, 1314, 1345, 1361, 1381, 1399]


@pytest.mark.parametrize("line, date", [
    (1171, D(2020, 1, 8)), (1183, D(2020, 1, 9)),
    (1191, D(2020, 2, 5)), (1197, D(2020, 2, 26)),
    (1208, D(2020, 3, 10)), (1218, D(2020, 3, 30)),   # 10 日 with a space
    (1222, D(2020, 4, 1)), (1234, D(2020, 4, 20)), (1240, D(2020, 4, 22)),
    (1254, D(2020, 5, 22)), (1256, D(2020, 5, 27)),
    (1264, D(2020, 6, 2)), (1282, D(2020, 6, 28)), (1284, D(2020, 6, 30)),
    (1290, D(2020, 7, 2)), (1302, D(2020, 7, 27)), (1306, D(2020, 7, 29)),
    (1316, D(2020, 8, 21)), (1324, D(2020, 8, 30)),
    (1333, D(2020, 9, 3)), (1335, D(2020, 9, 4)),
    (1349, D(2020, 10, 5)), (1359, D(2020, 10, 30)),
    (1369, D(2020, 11, 4)), (1389, D(2020, 11, 27)),
    (1395, D(2020, 12, 14)), (1401, D(2020, 12, 23)), (1407, D(2020, 12, 30)),
])
def test_sample_dates(events, line, date):
    e = at(events, line)
    assert (e.date, e.precision, e.date_end) == (date, "day", None)


def test_no_text_starts_with_a_date_token(events):
    token = re.compile(r"^(\d{1,2}\s?日|Δ|是月)")
    assert not [e.source_line for e in events if token.match(e.text)]
    # Δ followed by a number that is not a date: 1328 "Δ 11 所市属义务教育学校…"
    assert at(events, 1328).text.startswith("11所市属义务教育学校移交金川区管理。")


def test_no_day_number_in_prose_opens_an_event(events):
    # 1371 "一起 16年前命案积案" and 1369 "第 3 次推进会" stay inside their events.
    assert "侦破一起16年前命案积案" in at(events, 1371).text
    assert "第3次推进会" in at(events, 1369).text
    assert all(e.text.endswith("。") for e in events)


def test_text_is_tidy(events):
    assert at(events, 1171).text == (
        "经区委常委会会议讨论决定,张恒山任区政府党组成员、书记;陈海东任区人民法院党组书记、"
        "区委政法委委员。免去周益民区政府党组书记、成员职务;张恒山区委党校校长职务。")
    assert at(events, 1173).text.startswith("接中共金昌市委文件(市委任字(2019)312号)通知")
    assert all("  " not in e.text and not e.text.startswith(" ") for e in events)


def test_certain_ocr_fixes(events, source):
    assert "李生虎同志任区委党校(区行政学校)校长" in at(events, 1302).text
    assert "李牛虎" in source.printed(1302)
    assert "甘肃县域竞争力十强县之一" in at(events, 1181).text
    assert at(events, 1216).text.endswith("使金昌更有序、更宜居。")
    assert "成立中共金川区滨河路街道龙岗里社区委员会" in at(events, 1254).text


def test_duplicated_titles_1183_kept_and_flagged(events):
    e = at(events, 1183)
    title = "《中国共产党金昌市金川区第七届代表大会第三次会议提议提案办理情况的报告(审议稿)》"
    assert e.text.count(title) == 2       # the book's text, not repaired
    assert "《金川区党费收缴、使用和管理情况的报告(审议稿)》" not in e.text
    assert e.needs_review and "连印两遍" in e.review_note
    assert [x.source_line for x in events if x.needs_review] == [1183]
