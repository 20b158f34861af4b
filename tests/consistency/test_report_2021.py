"""check_edition on the real 2021 edition: the book's known contradictions (source guide §4) are
reported, the sums that do add up are not, and re-running keeps the editors' decisions."""
import io
import re
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from consistency.models import Finding
from yearbook.models import Entry


def check(year="2021", *args):
    out = io.StringIO()
    call_command("check_edition", year, *args, stdout=out)
    return out.getvalue()


def lines_with(output, *words):
    return [ln for ln in output.splitlines() if all(w in ln for w in words)]


def test_the_known_contradictions_of_2021_are_reported(edition2021):
    out = check()
    # §4.2: the same event dated differently in the chronicle and in a section or the honours table
    assert lines_with(out, "大事记记为1月13日—15日", "1月12日—15日", "第八届人民代表大会第四次会议")
    assert lines_with(out, "大事记记为9月4日", "9月9日", "农村人居环境整治现场推进会")
    assert lines_with(out, "大事记记为12月", "11月", "节水型社会")
    assert lines_with(out, "大事记记为3月30日", "陈家沟村", "2020年4月")
    assert lines_with(out, "大事记记为11月20日", "天生炕村", "2020年9月")
    # §4.1: figures that disagree
    assert lines_with(out, "“大牲畜存栏”的增减前后不一", "增长15.4%", "增长154%")
    assert lines_with(out, "“一般公共预算收入”的数值前后不一", "3.98亿元", "39871万元")
    assert lines_with(out, "“规模以上工业增加值”的增减前后不一", "增长14.5%", "增长14.3%")
    assert lines_with(out, "“肉类产量”的增减前后不一", "增长50%", "增长32.9%")
    assert lines_with(out, "“一般公共预算支出”的数值前后不一", "123258万元", "12.48亿元")
    assert lines_with(out, "“农村居民人均可支配收入”的增减前后不一", "增长5.9%", "增长8.1%")
    assert lines_with(out, "“生产安全事故”的数值前后不一", "13起", "12起")
    assert lines_with(out, "“幼儿园”的数值前后不一", "34所", "35所")
    assert lines_with(out, "“0—14周岁人口”", "3.02万人", "3.77万人")
    assert lines_with(out, "0—14周岁人口 3.02万人", "之和为 23.37万人", "常住人口 26.04万人不符")
    assert lines_with(out, "“医疗卫生机构”18个", "缺少 专业公共卫生机构 4个")
    assert lines_with(out, "“夏粮”与“小麦”数值同为 1.44")
    assert lines_with(out, "“牛存栏”的数值前后不一", "2.45万头", "3.06万头")
    # The government report's GDP is a forecast: reported as such, not as a contradiction.
    assert lines_with(out, "“生产总值”的数值预计数与统计数不同", "265.73亿元（预计）", "271.41亿元")
    assert not lines_with(out, "“生产总值”的数值前后不一")
    # Other findings of the book: a loan total its listed parts exceed (a part printed twice) and an honour
    # dated before the covered year. 陈海东, named with his title in the text, is linked to his person by the
    # import (the mentions of issue 13), so he is no name without a person any more (the check: test_checks).
    assert lines_with(out, "协调落实重点项目贷款 7760万元", "分项重复")
    assert lines_with(out, "李吉鹏", "2019年12月")
    assert not lines_with(out, "陈海东", "没有对应的人物记录")
    assert re.search(r"共 \d+ 条：同一数字前后不一 \d+", out)


def test_sums_that_add_up_are_not_reported(edition2021):
    out = check()
    # 表1: the industries make 271.42 against 271.41 (rounding); 表5: 城镇 + 乡村 and 餐饮 + 商品零售 make the
    # 社会消费品零售额; the bulletin's 税收收入 + 非税收入 make the 一般公共预算收入; 3410's pupils make 27337.
    assert not lines_with(out, "2020年全区生产总值分行业情况", "之和")
    assert not lines_with(out, "2020年全区国内贸易情况", "之和")
    assert not lines_with(out, "税收收入")
    assert not lines_with(out, "在校学生")
    # Rates never add up: the CPI's components and the reimbursement percentages are not summed.
    assert not lines_with(out, "居民消费价格")
    assert not lines_with(out, "报销比例")
    # The sums reported are the four known ones: the age groups, the 医疗卫生机构 breakdown, the loan list
    # with a part printed twice, and 夏粮/小麦.
    sums = Finding.objects.filter(edition=edition2021, kind__in=["table_sum", "text_sum"])
    starts = ("区情概览 › 区情概览 › 【政区人口】", "“医疗卫生机构”18个", "财政税收 › 金融服务 › 【服务项目建设】",
              "表3 2020年全区主要农产品产量")
    assert sorted(next(s for s in starts if f.message.startswith(s)) for f in sums) == sorted(starts)


def test_rerunning_keeps_decisions_and_resolves_what_was_fixed(edition2021):
    check()
    count = Finding.objects.filter(edition=edition2021).count()
    assert count > 30
    meeting = Finding.objects.get(edition=edition2021, kind="event_date", message__contains="农村人居环境整治")
    meeting.status = Finding.Status.KEEP
    meeting.note = "以正文为准"
    meeting.save()
    livestock = Finding.objects.get(edition=edition2021, kind="figure", message__contains="大牲畜存栏")
    livestock.status = Finding.Status.FIXED
    livestock.save()

    check()
    assert Finding.objects.filter(edition=edition2021).count() == count   # updated, not duplicated
    meeting.refresh_from_db()
    assert (meeting.status, meeting.note, meeting.resolved_at) == (Finding.Status.KEEP, "以正文为准", None)

    # An editor corrects the chronicle's 154% in the bulletin: the finding no longer occurs.
    from stats.models import BulletinChapter
    chapter = BulletinChapter.objects.get(edition=edition2021, text__contains="比上年末增长154%")
    chapter.text = chapter.text.replace("比上年末增长154%", "比上年末增长15.4%")
    chapter.save()
    out = check()
    livestock.refresh_from_db()
    assert livestock.resolved_at is not None and livestock.status == Finding.Status.FIXED
    assert "不再出现 1 条" in out and "大牲畜存栏" not in out
    assert Finding.objects.filter(edition=edition2021).count() == count


def test_the_findings_name_their_records_and_lines(edition2021, client):
    check()
    meeting = Finding.objects.get(edition=edition2021, kind="event_date", message__contains="农村人居环境整治")
    labels = [r.label for r in meeting.records.all()]
    assert meeting.source_lines == [1335, 1534]
    assert any(lbl.startswith("大事记 9月4日") for lbl in labels)
    assert "中国共产党金川区委员会 › 重要会议 › 【农村人居环境整治现场推进会】" in labels
    entry = Entry.objects.get(title="农村人居环境整治现场推进会")
    record = meeting.records.get(object_id=entry.pk)
    page, _, anchor = unquote(record.public_url).partition("#")
    response = client.get(page)     # the reader's page of the section, with the entry's anchor
    assert response.status_code == 200 and anchor == "农村人居环境整治现场推进会"
    assert f'id="{anchor}"' in response.content.decode()


def test_an_unknown_edition_is_a_clear_error(edition2021):
    with pytest.raises(CommandError, match="没有 2030 卷（现有：2021）"):
        check("2030")


def test_dry_run_stores_nothing(edition2021):
    out = check("2021", "--dry-run", "--kind", "event_date")
    assert "（未保存）" in out and "大事记与正文日期不一（7）" in out
    assert not Finding.objects.exists()
