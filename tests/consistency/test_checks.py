"""The consistency checks on plain data (no database): what each finds and what it must not."""
import datetime as dt
from decimal import Decimal as D

from consistency.checks import data, run_checks
from consistency.checks.events import check_event_dates, check_honour_dates, passages
from consistency.checks.figures import agree, check_figures, text_mentions
from consistency.checks.names import check_similar_names, check_unknown_names, title_agrees
from consistency.checks.structure import check_dates_in_year, check_empty, check_previous_year
from consistency.checks.sums import age_group_problems, check_sums, check_table_sums

REF = data.Ref("yearbook.entry", 1, "某条目", 10)


def ref(n, label=None):
    return data.Ref("yearbook.entry", n, label or f"条目{n}", 100 + n)


def mention(text):
    return text_mentions(text, REF, data.Place.ENTRY)


def test_a_figure_is_read_with_its_indicator_unit_and_change():
    m = mention("2020年,全区实现地区生产总值271.41亿元,同比增长9.2%。")
    assert [(x.indicator, x.quantity, x.number, x.unit) for x in m] == [
        ("生产总值", "value", D("271.41"), "亿元"), ("生产总值", "change", D("9.2"), "%")]
    down = mention("完成一般公共预算支出12.48亿元,同比下降15%。")
    assert down[1].number == D("-15")


def test_a_forecast_is_marked_for_the_whole_sentence():
    m = mention("预计全年实现生产总值265.73亿元,同比增长9.5%;一般公共预算收入3.98亿元。城镇人口23.79万人。")
    assert [x.forecast for x in m] == [True, True, True, False]


def test_two_printings_agree_at_the_coarser_precision():
    a, = [x for x in mention("全区一般公共预算收入3.99亿元。") if x.quantity == "value"]
    b, = [x for x in mention("全年完成一般公共预算收入39871万元。") if x.quantity == "value"]
    c, = [x for x in mention("完成一般公共预算收入3.98亿元。") if x.quantity == "value"]
    assert agree(a, b) and not agree(a, c) and not agree(b, c)
    r1 = mention("一般公共预算收入3.99亿元,同比下降7.52%。")[1]
    r2 = mention("一般公共预算收入3.98亿元,同比下降7.5%。")[1]
    assert agree(r1, r2)
    g1 = mention("年末大牲畜存栏2.69万头(只),比上年末增长15.4%。")[1]
    g2 = mention("年末大牲畜存栏2.69万头(只),比上年末增长154%。")[1]
    assert g1.indicator == g2.indicator == "大牲畜存栏" and not agree(g1, g2)


def edition(*texts, tables=(), **kw):
    e = data.Edition(year=2021, covers_year=2020, **kw)
    e.texts = [data.Text(ref(i), t, place) for i, (t, place) in enumerate(texts)]
    e.tables = list(tables)
    return e


def test_the_same_figure_differing_between_bulletin_and_a_section_is_found():
    e = edition(("年末大牲畜存栏2.69万头(只),比上年末增长15.4%。", data.Place.OVERVIEW),
                ("年末大牲畜存栏2.69万头(只),比上年末增长154%。", data.Place.BULLETIN),
                ("全区粮食产量10.21万吨,增产5.3%。", data.Place.BULLETIN),
                ("全区粮食产量10.21万吨,增产5.3%。", data.Place.ENTRY))
    problems = check_figures(e)
    assert [(p.kind, p.details["indicator"], p.details["quantity"]) for p in problems] == [
        ("figure", "大牲畜存栏", "change")]
    assert "增长15.4%" in problems[0].message and "增长154%" in problems[0].message


def test_prose_figures_are_compared_only_with_what_the_statistics_print():
    e = edition(("拨付资金2122万元。", data.Place.ENTRY), ("拨付资金5447万元。", data.Place.ENTRY),
                ("全区固定资产投资同比增长5.26%。", data.Place.BULLETIN),
                ("2020年完成固定资产投资603万元。", data.Place.ENTRY))
    assert check_figures(e) == []


def test_a_forecast_differing_from_the_final_figure_is_its_own_kind():
    e = edition(("预计全年实现生产总值265.73亿元,同比增长9.5%。", data.Place.REPORT),
                ("全区实现地区生产总值271.41亿元,同比增长9.2%。", data.Place.BULLETIN))
    kinds = sorted((p.kind, p.details["quantity"]) for p in check_figures(e))
    assert kinds == [("forecast", "change"), ("forecast", "value")]


def test_a_town_section_prints_its_own_figures():
    e = edition(("农村居民人均可支配收入20928元,增长5.9%。", data.Place.BULLETIN),
                ("农村居民人均可支配收入为20883元。", data.Place.LOCAL))
    assert check_figures(e) == []


def table(rows, columns=("绝对数", "比上年增长"), units=("亿元", "%"), title="2020年全区生产总值分行业情况"):
    cols = [data.Column(c, [c], u) for c, u in zip(columns, units)]
    out = []
    for label, *cells in rows:
        parent = None
        if isinstance(label, tuple):
            label, parent = label
        out.append(data.Row(label, [D(c) if c else None for c in cells], list(cells), parent=parent))
    return data.Table(data.Ref("stats.stattable", 1, "表1", 4550), title, "亿元、%", "指标", cols, out)


def test_a_table_that_adds_up_within_its_printed_precision_is_not_reported():
    t = table([("生产总值", "271.41", "9.2"), ("农林牧渔业", "8.20", "8.8"), ("工业", "183.97", "11.6"),
               ("建筑业", "20.0", "3.3"), ("交通运输、仓储和邮政业", "1.75", "4.1"), ("批发和零售业", "8.94", "-0.5"),
               ("住宿和餐饮业", "1.41", "-13.5"), ("金融业", "8.11", "-1.2"), ("房地产业", "4.62", "19.4"),
               ("营利性服务业", "14.57", "6.4"), ("非营利性服务业", "19.85", "0.9")])
    assert check_table_sums(t) == []    # the parts make 271.42: rounding, not an error


def test_a_table_that_does_not_add_up_is_reported_once_with_both_figures():
    t = table([("生产总值", "271.41", "9.2"), ("工业", "183.97", "11.6"), ("建筑业", "20.0", "3.3")])
    problems = check_table_sums(t)
    assert len(problems) == 1
    assert "203.97" in problems[0].message and "271.41" in problems[0].message


def test_group_rows_add_up_to_the_tables_total():
    t = table([("社会消费品零售额", "676772.5", "-3.1"), ("按经营地分", "", ""), (("城镇", 1), "576874.6", "-2.7"),
               (("城区", 2), "446359.4", "-2.8"), (("乡村", 1), "99897.9", "-5.5")],
              title="2020年全区国内贸易情况", units=("万元", "%"))
    assert check_table_sums(t) == []
    t.rows[4].values[0], t.rows[4].texts[0] = D("99000.0"), "99000.0"
    assert len(check_table_sums(t)) == 1


def test_age_groups_must_add_up_to_the_population():
    bad = mention("全区常住人口为26.04万人。年末人口中:0—14周岁人口3.02万人,15—64周岁人口17.71万人,65周岁及以上2.64万人。")
    good = mention("全区常住人口为26.04万人。年末人口中:0—14周岁人口3.77万人,15—64周岁人口18.96万人,65周岁及以上3.31万人。")
    assert age_group_problems(good) == []
    problem, = age_group_problems(bad)
    assert "23.37万人" in problem.message and "26.04万人" in problem.message


def test_a_breakdown_complete_in_one_place_and_short_in_another():
    e = edition(("全区共有医疗卫生机构18个,其中:医院7所,社区卫生服务中心5个,乡镇卫生院2个,专业公共卫生机构4个。",
                 data.Place.OVERVIEW),
                ("全区共有医疗卫生机构18个,其中:医院7所,社区卫生服务中心5个,乡镇卫生院2个。", data.Place.BULLETIN),
                ("一般公共预算收入3.99亿元。其中,税收收入2.91亿元,非税收入1.08亿元;完成一般公共预算支出12.48亿元。",
                 data.Place.BULLETIN))
    problem, = check_sums(e)
    assert "专业公共卫生机构 4个" in problem.message


def test_two_rows_with_one_amount_and_two_growths():
    t = table([("粮食", "10.21", "5.3"), ("夏粮", "1.44", "5.9"), ("小麦", "1.44", "6.7")],
              columns=("产量(万吨)", "比上年增长(%)"), units=("万吨", "%"), title="主要农产品产量")
    problem, = check_sums(data.Edition(2021, 2020, tables=[t]))
    assert "夏粮" in problem.message and "小麦" in problem.message


def event(n, date, text, end=None, precision="day"):
    return data.Event(data.Ref("chronicle.event", n, f"大事记{n}", 1000 + n), date, end, precision, text)


def test_an_event_dated_differently_in_the_chronicle_and_a_section():
    e = edition(("9月9日,全区农村人居环境整治现场推进会议召开。会前,参会人员一行到双湾镇龙源村实地查看。", data.Place.ENTRY),
                ("金川区第八届人民代表大会第四次会议于2020年1月12日—15日在金川区会议中心报告厅举行。", data.Place.ENTRY),
                ("1月9日,区委七届十一次全会召开,审议通过有关报告。", data.Place.ENTRY))
    e.events = [event(1, dt.date(2020, 9, 4),
                      "金川区农村人居环境整治现场推进会议召开。会前,参会人员一行到双湾镇龙源村实地查看。"),
                event(2, dt.date(2020, 1, 13), "金昌市金川区第八届人民代表大会第四次会议在区会议中心报告厅召开。",
                      end=dt.date(2020, 1, 15)),
                event(3, dt.date(2020, 1, 9), "区委七届十一次全会召开,审议通过有关报告。")]
    messages = [p.message for p in check_event_dates(e)]
    assert len(messages) == 2
    assert "大事记记为9月4日" in messages[0] and "9月9日" in messages[0]
    assert "1月13日—15日" in messages[1] and "1月12日—15日" in messages[1]


def test_passages_cut_at_every_date():
    ps = passages("2020年7月,完成复核,11月,成功入选第三批节水型社会建设达标县。", REF)
    assert [(p.month, p.day) for p in ps] == [(7, None), (11, None)]


def test_an_honour_dated_differently_from_the_chronicle():
    e = data.Edition(2021, 2020)
    e.events = [event(1, dt.date(2020, 3, 30), '双湾镇陈家沟村荣获"国家森林乡村"称号。')]
    e.honours = [data.Honour(data.Ref("yearbook.honour", 1, "先进集体", 4379), "金川区双湾镇陈家沟村", "国家森林乡村",
                             dt.date(2020, 4, 1), "month")]
    problem, = check_honour_dates(e)
    assert "3月30日" in problem.message and "2020年4月" in problem.message
    e.honours[0].date = dt.date(2020, 3, 1)
    assert check_honour_dates(e) == []


def person(n, name, pinyin):
    return data.Person(data.Ref("yearbook.person", n, name), name, name, pinyin)


def test_near_identical_names():
    e = data.Edition(2021, 2020, persons=[person(1, "李晓燕", "lixiaoyan"), person(2, "李晓艳", "lixiaoyan"),
                                          person(3, "王爱军", "wangaijun"), person(4, "干爱军", "ganaijun"),
                                          person(5, "张恒山", "zhanghengshan")])
    found = sorted(tuple(p.details["names"]) for p in check_similar_names(e))
    assert found == [("干爱军", "王爱军"), ("李晓燕", "李晓艳")]


def test_titles_agree_when_the_text_shortens_them():
    assert title_agrees("代区长", ["区委副书记、区长"])
    assert title_agrees("金川区发展和改革局局长", ["党组书记、局长"])
    assert not title_agrees("区政协主席", ["区委副书记、区长"])


def test_names_after_a_title_without_a_person():
    e = edition(("会议听取区人民法院院长陈海东作的报告,局长包片负责。", data.Place.ENTRY),
                persons=[person(1, "张恒山", "zhanghengshan")])
    assert [p.details["name"] for p in check_unknown_names(e)] == ["陈海东"]
    assert check_unknown_names(e, {"陈海东"}) == []


def test_outline_empty_previous_year_and_dates():
    r = data.Ref("yearbook.section", 1, "农业 › 林业", 1)
    e = data.Edition(2021, 2020, outline=[data.Outline(r, "section", 0), data.Outline(r, "section", 3),
                                          data.Outline(r, "section", 0, special=True)],
                     titled=[data.Titled(r, "2019年工作总结"), data.Titled(r, "2019—2020年度先进集体"),
                             data.Titled(r, "2020年工作")],
                     dated=[data.Dated(r, "大事记日期", dt.date(2021, 1, 3), "day"),
                            data.Dated(r, "任职起", dt.date(2021, 2, 1), "month"),
                            data.Dated(r, "任职起", dt.date(2021, 6, 1), "month"),
                            data.Dated(r, "任职起", dt.date(2018, 6, 1), "month")])
    assert len(check_empty(e)) == 1
    assert [p.details["title"] for p in check_previous_year(e)] == ["2019年工作总结"]
    assert sorted(p.details["date"] for p in check_dates_in_year(e)) == ["2021-01-03", "2021-06-01"]


def test_run_checks_orders_by_kind_and_keys_are_stable():
    e = edition(("年末大牲畜存栏2.69万头(只),比上年末增长15.4%。", data.Place.OVERVIEW),
                ("年末大牲畜存栏2.69万头(只),比上年末增长154%。", data.Place.BULLETIN))
    first = [(p.kind, p.key) for p in run_checks(e)]
    e.texts.reverse()
    assert [(p.kind, p.key) for p in run_checks(e)] == first
