"""The two honours tables of 先进模范 (docs/source-guide.md §5 cases 7–9), on the real text."""

import pytest

from yearbook.parsing.honours import parse_honours, split_bodies
from yearbook.parsing.records import YearMonth

RENSHE = "甘肃省人力资源和社会保障厅"
FENGSHOU_2 = "2017—2019年度甘肃省农牧渔业丰收奖二等奖"


@pytest.fixture(scope="module")
def honours(source, segment_named):
    return parse_honours(source, [segment_named("先进集体"), segment_named("先进个人")])


@pytest.fixture(scope="module")
def collective(honours):
    return [h for h in honours if h.kind == "collective"]


@pytest.fixture(scope="module")
def individual(honours):
    return [h for h in honours if h.kind == "individual"]


def at(records, line):
    hits = [h for h in records if h.source_line <= line <= h.source_line_end]
    assert len(hits) == 1, f"{len(hits)} records on line {line}"
    return hits[0]


def person(records, name):
    hits = [h for h in records if h.recipient == name]
    assert hits, name
    return hits


# -- counts ---------------------------------------------------------------------

def test_collective_counts_per_page(collective):
    assert len(collective) == 65
    assert [sum(h.table_page == p for h in collective) for p in (1, 2, 3)] == [15, 29, 21]
    assert [h.order for h in collective] == list(range(1, 66))


def test_individual_counts_per_page(individual):
    assert len(individual) == 57                                  # award rows
    persons = {p: [] for p in (1, 2, 3)}
    for h in individual:
        if h.recipient not in persons[h.table_page]:
            persons[h.table_page].append(h.recipient)
    assert [len(persons[p]) for p in (1, 2, 3)] == [18, 19, 17]
    assert len({h.recipient for h in individual}) == 54


def test_every_record_has_date_and_awarding_body(honours):
    for h in honours:
        assert h.date is not None and h.date.year in (2019, 2020), h
        assert h.awarded_by, h
        assert h.award or h.needs_review, h
        assert all(" " not in b and b for b in h.awarded_by), h
        assert " " not in h.recipient and " " not in h.work_unit, h
    assert [h.source_line for h in honours if h.date.year == 2019] == [4444]


def test_no_junk_row_or_header_survives(honours):
    lines = {n for h in honours for n in range(h.source_line, h.source_line_end + 1)}
    for skipped in (4358, 4360, 4361, 4378, 4411, 4412, 4437, 4440, 4441, 4466, 4513):
        assert skipped not in lines
    junk = ("一寸大", "_47", "ш", "_{EE}", "A that", "AMEDIN", "口州有公女八", "级人以招別",
            "亚川区", "佳十旦", "P-E-T-T", "水建筑", "単位", "获奖名称", "千度纵舟")
    for h in honours:
        text = " ".join([h.recipient, h.work_unit, h.award, *h.awarded_by])
        assert not any(j in text for j in junk), h
        assert h.gender in (None, "M", "F")
    assert all(h.gender in ("M", "F") for h in honours if h.kind == "individual")



# -- 先进集体: rowspans (docs/source-guide.md §5 case 7) ---------------------------------------------

def test_rowspan_label_on_first_row_jinchuanlu(collective):
    first, second = at(collective, 4368), at(collective, 4369)
    assert first.recipient == second.recipient == "金川区金川路街道"
    assert second.award == "第四届省级未成年人思想道德建设工作先进集体"
    assert second.date == YearMonth(2020, 12)
    assert second.awarded_by == ["甘肃省精神文明建设指导委员会"]
    assert second.recipient_line == 4368


def test_rowspan_district_label_on_second_row(collective):
    rows = [at(collective, n) for n in range(4370, 4376)]
    assert {h.recipient for h in rows} == {"金川区"}
    assert rows[0].award == "2019年禁毒工作先进单位"          # 荣耀金川 164
    assert rows[0].date == YearMonth(2020, 3)
    assert rows[0].awarded_by == ["甘肃省禁毒委员会"]
    assert rows[1].award == "2019年度全省ETC发行服务工作先进县(区)"
    assert rows[4].award == '2020年"四好农村路"示范县'
    assert rows[4].awarded_by == ["甘肃省交通运输厅", "甘肃省农业农村厅", "甘肃省扶贫开发办公室"]
    assert rows[5].award == "安置帮教工作成效突出的县(市、区)"
    assert at(collective, 4376).recipient == "金川区森林病虫害防治检疫站"


def test_rowspan_chenjiagou_label_below(collective):
    forest, courtyard = at(collective, 4379), at(collective, 4380)
    assert forest.recipient == courtyard.recipient == "金川区双湾镇陈家沟村"
    assert (forest.award, forest.date, forest.awarded_by) == ("国家森林乡村", YearMonth(2020, 4), ["国家林业和草原局"])
    assert courtyard.awarded_by == ["甘肃省妇联", "甘肃省住建厅"]


def test_unreadable_hangul_unit_flagged(collective):
    h = at(collective, 4385)
    assert h.recipient == "金川区宁远堡镇新安村"
    assert h.needs_review and "朝鲜文" in h.review_note
    assert "스마" in h.printed_cells
    assert (h.award, h.date, h.awarded_by) == ("2019年度甘肃省卫生村", YearMonth(2020, 4), ["甘肃省爱国卫生运动委员会"])
    assert not at(collective, 4386).needs_review


def test_rowspan_longjing_label_in_the_middle(collective):
    rows = [at(collective, n) for n in (4389, 4390, 4391)]
    assert {h.recipient for h in rows} == {"金川区宁远堡镇龙景村"}
    assert rows[0].award == "2019年度省级优秀乡村旅游示范村"
    assert rows[1].awarded_by == ["甘肃省文化旅游产业发展领导小组办公室"]
    assert rows[2].award == "第二批全国乡村旅游重点村"
    assert rows[2].awarded_by == ["文化和旅游部", "国家发展改革委"]
    assert at(collective, 4388).recipient == "金川区金川路街道金水里社区"
    assert at(collective, 4392).recipient == "金川区中医院"


def test_rowspan_seventh_middle_school(collective):
    smart, radio = at(collective, 4399), at(collective, 4400)
    assert smart.recipient == radio.recipient == "金昌市第七中学"
    assert smart.award == "甘肃省智慧教育标杆校"
    assert radio.awarded_by == ["甘肃省体育局", "甘肃省教育厅", "甘肃省科学技术协会", "共青团甘肃省委"]
    assert radio.date == YearMonth(2020, 10)


def test_rowspan_changfengli_with_garbled_copy(collective):
    rows = [at(collective, n) for n in (4404, 4405, 4406)]
    assert {h.recipient for h in rows} == {"金川区新华路街道昌丰里社区"}
    assert [h.award for h in rows] == ["第六届全国文明单位", "科普示范社区", "甘肃省残疾人体育健身示范点"]
    assert [h.date for h in rows] == [YearMonth(2020, 10), YearMonth(2020, 12), YearMonth(2020, 10)]
    assert "並川区列十町街起目十至年区" in rows[1].printed_cells
    assert at(collective, 4407).recipient == "金川区金川路街道金芝里社区"


def test_collective_wrapped_cells_joined(collective):
    h = at(collective, 4394)
    assert (h.recipient, h.award) == ("金川区动物卫生监督所", FENGSHOU_2)
    assert h.awarded_by == [RENSHE, "甘肃省农业农村厅"]
    assert at(collective, 4365).recipient == "金昌市公安局金川分局金川交通警察大队"
    assert at(collective, 4433).recipient == "金川区桂林路街道关心下一代工作委员会"
    assert at(collective, 4433).awarded_by == ["甘肃省关心下一代工作委员会", RENSHE,
                                              "甘肃省精神文明建设指导委员会办公室"]
    assert at(collective, 4388).awarded_by == ["中共甘肃省委宣传部等14家单位"]
    assert at(collective, 4432).awarded_by == ["中共金昌市委", "金昌市人民政府", "金昌军分区"]
    assert at(collective, 4403).award == "中央电视台《智力快车》校际大比拼最团结校园奖、最美校园奖、优胜奖"


def test_split_header_starts_page_three(collective):
    assert at(collective, 4413).table_page == 3
    assert at(collective, 4413).recipient == "金川区双湾镇中心小学"
    assert at(collective, 4407).table_page == 2


# -- 先进个人 page 1 -----------------------------------------------------------------

def test_fused_name_and_gender(individual):
    li = person(individual, "李吉鹏")
    assert len(li) == 2
    assert (li[0].gender, li[0].work_unit, li[0].award) == ("M", "金川区双湾镇农业中心", "甘肃省技术标兵")
    assert li[0].awarded_by == ["甘肃省总工会"] and not li[0].needs_review
    xu = person(individual, "许秀")
    assert [h.source_line for h in xu] == [4446, 4447, 4448]
    assert all(h.gender == "F" and h.needs_review and "许秀女" in h.review_note for h in xu)
    assert xu[0].work_unit == "金昌市生态环境局金川分局"
    assert xu[0].award == "甘肃省第二次全国污染源普查2019年度表现突出个人"
    assert xu[0].awarded_by == ["甘肃省生态环境厅(甘肃省第二次全国污染源普查领导小组办公室)"]


def test_continuation_rows_without_name(individual):
    shifted = at(individual, 4444)
    assert (shifted.recipient, shifted.work_unit) == ("李吉鹏", "金川区双湾镇农业中心")
    assert shifted.date == YearMonth(2019, 12)
    assert shifted.award == ""
    assert shifted.awarded_by == [RENSHE, "农业农村部"]
    assert shifted.needs_review and "错栏" in shifted.review_note
    for line, award, in ((4447, "第二次全国污染源普查表现突出个人"), (4448, "第二次全国污染源普查优秀技术报告")):
        h = at(individual, line)
        assert (h.recipient, h.award, h.date) == ("许秀", award, YearMonth(2020, 9))
        assert h.awarded_by == ["国务院第二次全国污染源普查领导小组办公室"]


def test_page_one_plain_rows(individual):
    h = at(individual, 4442)
    assert (h.recipient, h.gender, h.work_unit) == ("蔺花", "F", "金川区司法局")
    assert h.award == '"大排查、早调解、护稳定、迎国庆"专项活动表现突出个人'
    assert at(individual, 4461).award == FENGSHOU_2
    assert at(individual, 4461).awarded_by == [RENSHE, "甘肃省农业农村厅"]
    assert at(individual, 4456).awarded_by == ["中国管理科学研究院咨询部工程技术课题管理委员会"]
    assert at(individual, 4451).awarded_by == ["共青团甘肃省委员会"]


# -- 先进个人 page 2 (docs/source-guide.md §5 case 8) --------------------------------------------------

def test_record_over_three_lines(individual):
    h = person(individual, "李爱文")[0]
    assert (h.source_line, h.source_line_end) == (4467, 4469)
    assert (h.gender, h.work_unit, h.award) == ("F", "金川区动物卫生监督所", FENGSHOU_2)
    assert h.date == YearMonth(2020, 8)
    assert h.awarded_by == [RENSHE, "甘肃省农业农村厅"]
    for name in ("李砂", "邱静", "潘启敏", "丁善杰"):
        (h,) = person(individual, name)
        assert (h.work_unit, h.award, h.awarded_by) == ("金川区动物卫生监督所", FENGSHOU_2, [RENSHE, "甘肃省农业农村厅"])


def test_junk_gender_cells(individual):
    assert person(individual, "丁善杰")[0].gender == "M"        # 4479 ш, 4480 男
    assert person(individual, "潘启敏")[0].gender == "F"        # 女 on the line above the name
    cui = person(individual, "崔平直")[0]                         # 4482 _{EE}; 男 on the duplicate 4483
    assert cui.gender == "M"


def test_garbled_duplicate_row_4483_discarded(individual):
    cui = person(individual, "崔平直")
    assert len(cui) == 1
    h = cui[0]
    assert h.work_unit == "金川区农业农村局"
    assert h.award == "2017—2019年度甘肃省农牧渔业丰收奖三等奖"
    assert h.awarded_by == [RENSHE, "甘肃省农业农村厅"]
    xu = person(individual, "许国斌")[0]
    assert xu.work_unit == "金川区宝运里社区卫生服务站"
    assert xu.awarded_by == ["甘肃省卫生健康委员会"]


def test_garbled_duplicate_row_4503_discarded(individual):
    cheng = person(individual, "程光")
    assert len(cheng) == 1
    assert (cheng[0].award, cheng[0].awarded_by) == ("全省优秀法官", [RENSHE, "甘肃省高级人民法院"])
    shi = person(individual, "石晶")[0]
    assert shi.award == "全省法院新冠肺炎疫情防控工作表现突出个人"
    assert shi.awarded_by == ["甘肃省高级人民法院"]
    assert not any(h.source_line <= 4503 <= h.source_line_end and h.recipient != "程光" for h in individual)


def test_unit_migrated_into_award_column(individual):
    h = person(individual, "许学文")[0]
    assert h.work_unit == "金昌市生态环境局金川分局"
    assert h.award == "第二次全国污染源普查表现突出个人"
    assert h.date == YearMonth(2020, 9)
    assert h.awarded_by == ["国务院第二次全国污染源普查领导小组办公室"]


def test_fused_cells_4507_4508(individual):
    zhang = person(individual, "张宏")[0]
    assert (zhang.gender, zhang.work_unit) == ("M", "金川区农业农村局")
    assert zhang.award == "2020年度甘肃省农机安全监理示范岗位标兵称号"
    assert zhang.date == YearMonth(2020, 10)
    assert zhang.awarded_by == ["甘肃省农业农村厅", "甘肃省应急管理厅"]
    tian = person(individual, "田广新")[0]
    assert (tian.work_unit, tian.award) == ("金川区人民法院", "全国法院人民法庭工作先进个人")
    assert (tian.date, tian.awarded_by) == (YearMonth(2020, 11), ["最高人民法院"])   # chronicle 1381
    li = person(individual, "李明春")[0]
    assert (li.gender, li.work_unit) == ("M", "金川区卫生健康局")
    assert li.award == "抗击新冠肺炎疫情斗争中表现突出的城乡社区卫生工作者"


def test_bodies_spilling_across_records(individual):
    wang = person(individual, "王江龙")[0]
    assert wang.awarded_by == [RENSHE, "甘肃省统计局"]
    guo = person(individual, "郭桃桃")[0]
    assert guo.award == '"中铁二十一局杯""学习强国"甘肃学习平台知识大赛优秀奖'
    assert guo.awarded_by == ["中共甘肃省委宣传部", "中共甘肃省委讲师团"]
    di = person(individual, "狄建赟")[0]
    assert di.award == '2020年全省公安机关"大练兵、大比武"三等奖,指纹会战应用岗位能手'
    assert di.awarded_by == ["甘肃省公安厅"]
    zhao = person(individual, "赵泓博")[0]
    assert zhao.award == "第二届甘肃省检察机关案件管理业务竞赛二等奖"
    assert zhao.awarded_by == ["甘肃省人民检察院"]
    lu = person(individual, "鲁建新")[0]
    assert (lu.gender, lu.work_unit, lu.award) == ("M", "金川区双湾镇中心卫生院", "甘肃省优秀医师")


def test_fused_body_line_4501_opens_next_record(individual):
    """4501 中共甘肃省委讲师团甘肃省人力资源和社: the second body is the first line of 程光's
    flowing cell (甘肃省人力资源和社 / 会保障厅 甘肃省高 / 级人民法院, 4501–4503), not 郭桃桃's."""
    guo, = person(individual, "郭桃桃")
    cheng, = person(individual, "程光")
    assert guo.awarded_by == ["中共甘肃省委宣传部", "中共甘肃省委讲师团"]
    assert cheng.awarded_by == ["甘肃省人力资源和社会保障厅", "甘肃省高级人民法院"]
    assert (cheng.source_line, cheng.recipient_line, cheng.source_line_end) == (4501, 4502, 4503)
    assert (cheng.award, cheng.date, cheng.gender) == ("全省优秀法官", YearMonth(2020, 9), "M")


def test_page_two_names_in_order(individual):
    names = [h.recipient for h in individual if h.table_page == 2]
    assert names == ["李爱文", "李砂", "邱静", "潘启敏", "丁善杰", "崔平直", "许国斌", "高培彦", "鲁建新",
                     "许学文", "狄建赟", "赵泓博", "王江龙", "郭桃桃", "程光", "石晶", "张宏", "田广新", "李明春"]


# -- 先进个人 page 3 (docs/source-guide.md §5 case 9) --------------------------------------------------

@pytest.mark.parametrize("line, name, flagged", [
    (4521, "刘明星", True), (4520, "赵权德", True), (4528, "李红星", False), (4516, "杜鹏淑", True),
    (4515, "杨晓萍", True), (4523, "杨美玲", True), (4514, "王雅琴", True),
    (4517, "李兰", False), (4524, "李艳", False), (4526, "李力", False),
])
def test_cut_glyph_names_merged(individual, line, name, flagged):
    h = at(individual, line)
    assert h.recipient == name
    assert h.needs_review == flagged


@pytest.mark.parametrize("line, raw", [
    (4518, "张有|京杰"), (4519, "董尹|干荣"), (4522, "曹湉|军泽"), (4525, "乔伊|R菊"),
    (4527, "张文|大武"), (4529, "鲜易|译文"), (4530, "刘祁|国香"),
])
def test_unrecoverable_names_keep_raw_cells(individual, line, raw):
    h = at(individual, line)
    assert h.recipient == raw
    assert h.needs_review and "无法确定读法" in h.review_note


def test_page_three_rows(individual):
    h = at(individual, 4522)
    assert h.awarded_by == ["甘肃省公安厅", "空军招飞局兰州选拔中心"]
    assert h.award == "2020年度空军招飞政治考核工作先进个人"
    h = at(individual, 4528)
    assert (h.gender, h.work_unit, h.date) == ("F", "金川区桂林路街道", YearMonth(2020, 12))
    assert h.awarded_by == ["中共甘肃省委", "甘肃省人民政府"]
    assert at(individual, 4518).award == "全国百名优秀退役军人服务中心(站)主任(站长)"
    assert at(individual, 4516).awarded_by == ["中国就业培训技术指导中心"]


# -- awarding bodies -------------------------------------------------------------------

def test_split_bodies_keeps_wrapped_names_whole():
    assert split_bodies(["甘肃省人力资源 和社会保障厅 甘肃省农业农村厅"]) == [RENSHE, "甘肃省农业农村厅"]
    assert split_bodies(["甘肃省农业农村厅甘肃省卫生健康", "委员会"]) == ["甘肃省农业农村厅", "甘肃省卫生健康委员会"]
    assert split_bodies(["共青团甘肃省委员会"]) == ["共青团甘肃省委员会"]
    assert split_bodies(["国务院第二次全国污 染源普查领导小组办 公室"]) == ["国务院第二次全国污染源普查领导小组办公室"]


# -- rules check the text they expect: refused when strict, review items otherwise ---------

def _altered(source, line, old, new, strict=True):
    from yearbook.parsing.source import SourceText
    text = list(source.text)
    assert old in text[line - 1]
    text[line - 1] = text[line - 1].replace(old, new)
    return SourceText(source.path, source.raw, text, source.corrections, strict=strict)


@pytest.mark.parametrize("line, old, new, message", [
    (4371, "金川区\t", "\t", "rowspan rule '金川区'"),                       # label gone
    (4387, "金川区双湾镇营盘村", "호이스", "unreadable"),                       # Hangul where no rule expects it
    (4484, "甘肃省农业农村厅甘肃省卫生健康", "甘肃省卫生健康", "straddling body cell"),
    (4490, "金川分局第二次", "第二次", "unit tail in award"),
    (4362, "2020年1月", "2020年", "not a date"),
])
def test_rules_fail_loudly(source, segment_named, line, old, new, message):
    from yearbook.parsing.source import ParseError
    altered = _altered(source, line, old, new)
    with pytest.raises(ParseError, match=message):
        parse_honours(altered, [segment_named("先进集体"), segment_named("先进个人")])


@pytest.mark.parametrize("line, old, new, code", [
    (4371, "金川区\t", "\t", "profile-rule"),             # rowspan label gone
    (4387, "金川区双湾镇营盘村", "호이스", "honours-row"),      # Hangul where no rule expects it
    (4484, "甘肃省农业农村厅甘肃省卫生健康", "甘肃省卫生健康", "profile-rule"),
    (4490, "金川分局第二次", "第二次", "profile-rule"),
    (4362, "2020年1月", "2020年", "honours-row"),
])
def test_rules_that_do_not_fit_keep_the_rows(source, segment_named, line, old, new, code):
    """Tolerant parse: every row is still an honour; what did not fit is a review item."""
    altered = _altered(source, line, old, new, strict=False)
    honours = parse_honours(altered, [segment_named("先进集体"), segment_named("先进个人")])
    assert len([h for h in honours if h.kind == "collective"]) == 65
    items = [i for i in altered.review.items if i.code == code]
    assert items and all(i.message and i.blocking for i in items)
    if code == "honours-row":
        assert items[0].line == line
        assert at(honours, line).needs_review


def test_unreadable_row_is_kept_as_printed(source, segment_named):
    """A collective row with a missing cell: the honour keeps its printed cells and is flagged."""
    altered = _altered(source, 4363, "\t2020年", " 2020年", strict=False)
    honours = parse_honours(altered, [segment_named("先进集体"), segment_named("先进个人")])
    row = at(honours, 4363)
    assert row.needs_review and row.printed_cells == altered.printed(4363).replace("\t", " | ").strip(" |")
    assert row.recipient and [i.line for i in altered.review.items if i.code == "honours-row"] == [4363]


def test_district_rows_confirmed_by_front_matter(source, collective):
    """荣耀金川 (112–172) lists the district's titles that the table gives to 金川区 (4370–4375)."""
    district = {h.award for h in collective if h.recipient == "金川区"}
    assert source.corrected(164).replace(" ", "") in district            # 2019年禁毒工作先进单位
    assert source.corrected(166).replace(" ", "") in district            # …ETC 发行服务工作先进县(区)
    assert any(source.corrected(168) in award for award in district)     # 省级慢性病综合防控示范区
    assert source.corrected(154) in {h.award for h in collective}        # 第三批节水型社会建设达标县(区)
