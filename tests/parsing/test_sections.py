"""Sections (分目) and entries (条目) of 《金川区年鉴 2021》, checked on the real lines."""
import re
from collections import Counter

import pytest

from yearbook.parsing.sections import _parse_body, contributor_name, parse_sections, report_title
from yearbook.parsing.text import compact

ENTRIES_PER_CATEGORY = {
    "特载": 6, "区情概览": 13, "中国共产党金川区委员会": 59, "金川区人民代表大会": 13,
    "金川区人民政府": 18, "政协金川区委员会": 4, "金川区纪委监委": 8, "人民团体": 28, "法治": 21,
    "城乡建设": 39, "农业": 33, "工业商业": 20, "经济管理": 49, "财政税收": 12, "教育科技": 20,
    "卫生医疗": 6, "文化旅游": 8, "社会生活": 29, "乡镇街道": 68,
}


@pytest.fixture(scope="module")
def sections(source, segments):
    return parse_sections(source, segments)


@pytest.fixture(scope="module")
def section(sections):
    def find(name, category=None):
        hits = [s for s in sections if s.name == name and (category is None or s.category == category)]
        assert len(hits) == 1, f"{name}/{category}: {len(hits)}"
        return hits[0]
    return find


@pytest.fixture(scope="module")
def entry(section):
    def find(section_name, title, category=None, nth=0):
        hits = [e for e in section(section_name, category).entries if e.title == title]
        assert hits, f"no entry {title!r} in {section_name}"
        return hits[nth]
    return find


def ordinary_entries(sections):
    return [e for s in sections for e in s.entries if e.kind != "report"]


# -- counts -------------------------------------------------------------------

def test_one_section_per_segment_in_book_order(sections, segments):
    assert len(sections) == 84
    assert [s.order for s in sections] == list(range(1, 85))
    assert [(s.category, s.name, s.source_line) for s in sections] == \
        [(g.category, g.name, g.heading_line) for g in segments]


def test_entries_per_category(sections):
    counts = Counter(s.category for s in sections for e in s.entries if e.kind != "report")
    assert dict(counts) == ENTRIES_PER_CATEGORY
    assert sum(counts.values()) == 454


def test_entries_per_section_spot_checks(section):
    expected = {("重要会议", "中国共产党金川区委员会"): 12, ("重要会议", "金川区人民代表大会"): 1,
                ("重要会议", "金川区纪委监委"): 2, ("常委会会议", None): 8, ("机关党建", None): 1,
                ("区委党校(区行政学校)", None): 2, ("农业农村", None): 17, ("教育", None): 16,
                ("双湾镇", None): 16, ("人力资源和社会保障", None): 12, ("医疗保障", None): 3,
                ("民政", None): 14, ("市场管理服务", None): 1}
    for (name, category), n in expected.items():
        assert len(section(name, category).entries) == n, name


def test_all_522_brackets_are_entries_or_rosters(source, sections, segments):
    rosters = 0
    for seg in segments:
        if seg.outline.kind in ("sections", "overview"):
            rosters += len(_parse_body(source, seg).rosters)
    assert rosters == 68
    assert len(ordinary_entries(sections)) + rosters == 522


def test_sections_without_entries(section):
    for name in ("2020年大事记", "先进集体", "先进个人", "重要统计资料", "重要文件辑存"):
        s = section(name)
        assert s.entries == [] and s.contributor == ""


# -- section records ------------------------------------------------------------

def test_canonical_names_and_printed_headings(section):
    assert section("共青团").heading == "共吉团"
    assert section("自然资源管理").heading == "白然资源管理"
    assert section("工会").heading == "工 会"
    assert section("区委党校(区行政学校)").heading == "区委党校(区行政学校)"
    overview = section("区情概览")
    assert overview.heading == "" and overview.source_line == 1415 and overview.category == "区情概览"


def test_three_important_meeting_sections(sections):
    meetings = [(s.category, s.source_line) for s in sections if s.name == "重要会议"]
    assert meetings == [("中国共产党金川区委员会", 1506), ("金川区人民代表大会", 1867),
                        ("金川区纪委监委", 2195)]


def test_poverty_piece_is_flagged_for_review(section):
    s = section("脱贫攻坚")
    assert s.category == "特载" and s.needs_review and "编者将其归入特载" in s.review_note
    assert [e.title for e in s.entries] == [
        "综述", "精准扶贫体系建设", '"3+1"冲刺清零后续行动', "拓展贫困人口增收渠道",
        "攻坚深度贫困堡垒", "脱贫攻坚兜底保障"]
    assert (s.contributor, s.contributor_line) == ("刘光旺", 1157)


# -- credits --------------------------------------------------------------------

def test_68_credits(sections):
    assert sum(1 for s in sections if s.contributor) == 68


def test_credit_names_lose_their_padding(section):
    assert (section("组织工作").contributor, section("组织工作").contributor_line) == ("李强", 1660)
    assert section("机关事务管理").contributor == "王卿"
    assert section("景区管理").contributor == "李玉珍"
    assert contributor_name("(供稿:张淑霞)") == "张淑霞"
    assert contributor_name("(供稿: 徐 岩)") == "徐岩"
    assert contributor_name("(2020年1月任)") is None


def test_same_contributor_twice(section):
    assert section("政府工作").contributor == section("办公室工作", "金川区人民政府").contributor == "于容莹"


def test_sections_without_a_credit(section):
    for name, category in [("供销合作", None), ("税务", None), ("常委会会议", None),
                           ("重要会议", "中国共产党金川区委员会"), ("区情概览", None)]:
        assert section(name, category).contributor == ""


def test_displaced_party_school_credit(section, entry):
    """docs/source-guide.md §5 case 2: 1797–1801 sit inside 机关党建 but belong to 区委党校."""
    assert (section("机关党建").contributor, section("机关党建").contributor_line) == ("杨永斐", 1795)
    school = section("区委党校(区行政学校)")
    assert (school.contributor, school.contributor_line) == ("马燕琴", 1801)
    work = entry("机关党建", "业务工作")
    assert work.source_line_end == 1783
    assert "李生虎" not in work.text and "王旭辉" not in work.text


# -- entry boundaries -------------------------------------------------------------

def test_entry_starting_mid_line_1483(entry):
    income = entry("区情概览", "居民收入和社会保障")
    science = entry("区情概览", "科学技术和教育")
    assert income.text.endswith("农村互助老人幸福院23所。")
    assert science.source_line == 1483
    assert science.text.startswith("2020年,全区共有科技机构2个,组织实施科技项目5项")
    assert science.text.endswith("高等教育和成人教育机构各1个,在校学生共6780人。全区学前教育毛入园率99.86%,"
                                 "\"三类\"残疾儿童少年入学率100%,九年义务教育巩固率99.59%,高中阶段毛入学率99.82%。")


def test_two_entries_on_line_1522(section):
    titles = [(e.title, e.source_line) for e in section("重要会议", "中国共产党金川区委员会").entries]
    assert ("金川区组织宣传统战政法工作会议", 1522) in titles
    assert ("金川区履职尽责亮标评议大会", 1522) in titles


def test_two_entries_on_line_3351(entry):
    spending = entry("财政", "财政支出")
    special = entry("财政", "专项资金")
    assert spending.text.endswith("确保各项民生政策的全面落实。")
    assert special.text.startswith("与省、市财政部门对接,掌握财政资金投向")
    assert special.text.endswith("为全区重点项目顺利推进提供充足的资金保障。")


def test_headings_split_over_two_lines(entry):
    e = entry("重要会议", "金川区2019年度党委(党组)书记抓基层党建述职评议大会", "中国共产党金川区委员会")
    assert (e.source_line, e.text[:8]) == (1516, "1月20日,金川")
    e = entry("重要会议", "金川区第八届人民代表大会第四次会议", "金川区人民代表大会")
    assert e.text.startswith("金川区第八届人民代表大会第四次会议于2020年1月12日—15日")


def test_heading_with_internal_space(entry):
    e = entry("常委会会议", "金川区第八届人民代表大会常务委员会第二十八次会议")
    assert e.text.startswith("金川区第八届人民代表大会常务委员会第二十八次会议于2020年1月9日召开")
    assert entry("重要会议", '金川区"不忘初心、牢记使命"主题教育总结会议', "中国共产党金川区委员会")


def test_heading_alone_on_its_line(entry):
    e = entry("建筑管理", "住房安全有保障冲刺清零后续行动")
    assert (e.source_line, e.source_line_end) == (2625, 2627)
    assert e.text.startswith("2020年,依托已经建立的住房情况台账,组织镇村工作人员")


def test_heading_followed_by_a_space(entry):
    assert entry("农业农村", "农业生态建设").text.startswith("推进农业废弃物资源化利用,全面提升全区废旧农膜")
    assert entry("农业农村", "农业执法监管").text.startswith("落实24小时值班制度")


def test_displaced_dog_management_body(entry):
    """docs/source-guide.md §5 case 4: 2696 is the body of 【养犬管理】 (2698), printed before its heading."""
    dogs = entry("城市管理与执法", "养犬管理")
    assert dogs.text.startswith('围绕"五个到位"(宣传到位、场地到位、责任到位、措施到位、人员到位)工作要求')
    assert dogs.text.endswith("处理市民投诉案件150余起。")
    assert "\n" not in dogs.text
    assert (dogs.source_line, dogs.source_line_end) == (2696, 2698)
    demolition = entry("城市管理与执法", "违法建设拆除")
    assert demolition.text.endswith("城市建设规划秩序明显改善。")
    assert "到位、场地到位" not in demolition.text and demolition.source_line_end == 2694


# -- paragraphs -------------------------------------------------------------------

def test_paragraph_rejoined_across_page_numbers(entry):
    e = entry("常委会工作", "监督工作")       # 1904 | 69 | ∜68 | 1912
    assert "强化农村环境治理等建议" in e.text and "\n" not in e.text
    e = entry("纪检监察", "廉政建设")          # 2207 | 81 | 2213
    assert "反馈意见和中央纪委调研督导反馈问题" in e.text


def test_short_continuations_are_joined(entry):
    assert entry("组织工作", "基层党建").text.endswith("评选表彰遵纪守法、孝老爱亲等6类党员先锋89名。")
    assert entry("招商", "重点项目").text.endswith("当年到位资金4.05亿元。")
    assert entry("财政", "财政改革").text.endswith("营商环境更趋优化。")


def test_colon_for_semicolon_does_not_split(entry):
    e = entry("重要会议", "金川区2020年脱贫攻坚领导小组第九次会议暨工作调度会议", "中国共产党金川区委员会")
    assert "全国扶贫小额信贷工作会议精神:全省非贫困县和非贫困村" in e.text and "\n" not in e.text


def test_key_projects_keep_their_seven_paragraphs(entry):
    paras = entry("建筑管理", "重点建设项目").text.split("\n")
    assert len(paras) == 8
    assert paras[0].startswith("金川区农村生活污水收集处理PPP项目。该项目估算总投资2.26亿元")
    assert paras[1].startswith("金川区2019年老旧楼房棚户区改造项目。")
    assert paras[7].startswith("城市老旧住宅小区电梯改造项目。")


def test_sub_labels_stay_in_entry_text(entry):
    assert entry("环境保护", "环境状况").text.startswith("大气环境质量。2020年1-12月,优良天数为348天")
    assert "水环境质量。" in entry("环境保护", "环境状况").text
    paras = entry("人力资源和社会保障", "养老保险").text.split("\n")
    assert len(paras) == 3
    assert paras[1].startswith("城镇职工养老保险。") and paras[1].endswith("审批延长社保缴费期至6月底")
    assert paras[2].startswith("机关事业单位养老保险。")
    assert entry("人力资源和社会保障", "事业单位工作人员管理").text.startswith("人才引育。")


# -- exclusions -------------------------------------------------------------------

def test_tables_are_not_entry_text(source, segment_named, entry, sections):
    for e in ordinary_entries(sections):
        assert "\t" not in e.text and "统计表" not in e.text and "单位:元" not in e.text, e.title
    assert "40609" not in entry("人力资源和社会保障", "养老保险").text.split("\n")[0][-20:]
    assert entry("人力资源和社会保障", "城乡就业态势").text.endswith("193.86万元。")
    hr = _parse_body(source, segment_named("人力资源和社会保障"))
    assert {3677, 3684, 3686, 3693, 3695, 3718, 3721, 3723, 3731, 3738, 3741} <= set(hr.table_lines)
    insurance = _parse_body(source, segment_named("医疗保障"))
    assert {3769, 3771, 3776, 3778, 3789, 3791, 3796, 3800, 3806} <= set(insurance.table_lines)
    assert not entry("医疗保障", "职工基本医疗保险").text.endswith("12.")


def test_roster_blocks_are_not_entry_text(source, segments, sections):
    """No entry spans a line of a roster block (heading to credit or section end)."""
    spans = [(e.source_line, e.source_line_end) for e in ordinary_entries(sections)]
    roster_lines = []
    for seg in segments:
        if seg.outline.kind != "sections":
            continue
        inside = False
        for line in source.lines(seg.start, seg.end):
            title = compact(line.text[1:].split("】")[0]) if line.text.startswith("【") else ""
            if re.search(r"领导班子成员$|组成人员$|领导班子成$|各专门委$|各工作委$", title):
                inside = True
            elif contributor_name(line.text):
                inside = False
            if inside:
                roster_lines.append(line.number)
    assert len(roster_lines) > 400
    assert not [n for n in roster_lines if any(a <= n <= b for a, b in spans)]
    texts = "\n".join(e.text for e in ordinary_entries(sections))
    for printed in ("冯海梁艇栋冉生鹏", "李发财张生学赵乾德", "李德玉副书记马燕", "杨德仁党组成员、副局长梁西玉",
                    "(供稿", "【"):
        assert printed not in texts


# -- OCR fixes from the corrections file ----------------------------------------------

def test_title_corrections(section, entry):
    titles = [e.title for e in section("公安").entries]
    assert "交通管理" in titles and "交诵管理" not in titles
    assert entry("城市管理与执法", "违法建设拆除").source_line == 2694


def test_jiang_for_jin_is_corrected_but_genuine_jiang_kept(sections):
    text = "\n".join(e.text for s in sections for e in s.entries)
    for wrong in ("讲一步", "讲行", "讲展", "推讲", "先讲单位"):
        assert wrong not in text
    assert "重要讲话精神" in text and "讲好金昌故事" in text and "讲规矩" in text


def test_audit_ocr_fixes_in_entry_text(entry):
    """Misreadings fixed by the audit; each is certain from the sentence or a sibling line."""
    assert "通过以点带面,推动宪法入脑入心" in entry("常委会工作", "法制建设").text           # 1920 通讨
    assert '"一户一策"帮扶任务落实' in entry("纪检监察", "正风肃纪").text                # 2219 仟条
    assert "完成2019年度金川区土地矿产卫片核查任务,判定违法图斑17个" in entry(
        "自然资源管理", "国土执法").text                                                    # 3283 核杏仟条
    assert "廊架进行粉刷维修" in entry("景区管理", "园林养护").text                        # 2661 粉剧
    dogs = entry("城市管理与执法", "养犬管理").text                                         # 2696 长 for 犬
    assert "对不牵绳犬只、大型犬、禁养犬,以及不规范、不文明养犬行为进行整治" in dogs
    assert "长只" not in dogs


def test_every_prose_line_lands_in_its_entry(source, segments, sections):
    """Nothing dropped: every prose line of an ordinary section (not roster, table or credit)
    is inside the text of the entry whose line span covers it; mid-line 【 splits included."""
    roster_head = re.compile(r"^【[^】]*(领导班子成|组成人员|各专门委|各工作委)")
    displaced_school_roster = {1797, 1799}     # docs/source-guide.md §5 case 2: roster data, not entry text
    norm = lambda t: re.sub(r"\s+", "", t).replace("•", "·")  # noqa: E731
    checked = 0
    for sec, seg in zip(sections, segments):
        if seg.outline.kind not in ("sections", "overview"):
            continue
        tables = set(_parse_body(source, seg).table_lines)
        in_roster = open_heading = False
        for line in source.lines(seg.start, seg.end):
            if contributor_name(line.text) is not None:
                in_roster = False
                continue
            if roster_head.match(compact(line.text)):   # 2757 `…领导班子 成员】`
                in_roster = True
            if in_roster or line.number in tables or line.number in displaced_school_roster:
                continue
            text = line.text
            if open_heading:                   # second half of a split heading (1516/1518)
                text, open_heading = text.partition("】")[2], False
            for part in re.split(r"(?=【)", text):
                if part.startswith("【") and "】" not in part:
                    open_heading = True
                    continue
                body = norm(re.sub(r"^【[^】]*】", "", part))
                if not body:
                    continue
                owners = [e for e in sec.entries if e.source_line <= line.number <= e.source_line_end
                          and body in norm(e.text)]
                assert owners, f"{sec.name} line {line.number}: {body[:30]!r} is in no entry"
                checked += 1
    assert checked > 650          # 666 prose pieces in 1415–4355 (plus 脱贫攻坚)


# -- 特载 reports ---------------------------------------------------------------------

def test_four_reports(sections):
    reports = [e for s in sections for e in s.entries if e.kind == "report"]
    assert [r.title for r in reports] == [
        "立足新阶段 贯彻新理念 融入新格局 奋力开启金川区全面建设社会主义现代化新征程",
        "金昌市金川区人大常委会工作报告",
        "2020年金昌市金川区人民政府工作报告",
        "中国人民政治协商会议金昌市金川区第八届委员会常务委员会工作报告",
    ]
    assert [r.source_line for r in reports] == [482, 629, 749, 1022]
    assert reports[0].byline == ("——2021年1月8日在中国共产党金昌市金川区第七届代表大会第五次会议上的报告 "
                                 "中共金川区委书记 陆世平")
    assert reports[3].byline.endswith("区政协主席 叶先春")
    assert all(r.text.split("\n")[0] in ("各位代表,同志们:", "各位代表:", "各位委员:") for r in reports)


def test_report_title_spacing():
    assert report_title("2020 年金昌市金川区人民政府工作报告") == "2020年金昌市金川区人民政府工作报告"
    assert report_title("立足新阶段 贯彻新理念 融入新格局 奋力开启金川区全面建设社会主义现代化新征程") \
        == "立足新阶段 贯彻新理念 融入新格局 奋力开启金川区全面建设社会主义现代化新征程"


def test_broken_report_headings_are_joined(section):
    subs = section("金昌市金川区人大常委会工作报告").entries[0].subheadings
    assert "四、坚持守正创新,不断加强常委会自身建设" in subs
    assert "三、坚持代表机关定位,在发挥主体作用中体现责任担当" in subs
    subs = section("中国人民政治协商会议金昌市金川区第八届委员会常务委员会工作报告").entries[0].subheadings
    assert "三、始终坚持专门协商机构定位,不断提升议政成效" in subs
    assert "五、加强队伍建设,提振干事信心" in subs            # 1125 万、 corrected to 五、
    text = section("中国人民政治协商会议金昌市金川区第八届委员会常务委员会工作报告").entries[0].text
    assert "\n三、始终坚持专门协商机构定位,不断提升议政成效\n" in text


def test_report_subheadings(section):
    party = section("立足新阶段 贯彻新理念 融入新格局 奋力开启金川区全面建设社会主义现代化新征程").entries[0].subheadings
    assert party == [
        "一、对标一流、奋勇突破,高质量发展取得新成效", "二、抢抓机遇、乘势而上,奋力开启全面建设社会主义现代化新征程",
        "三、紧盯目标、苦干实干,开创区域经济社会发展新局面", "(一)加快产业优化升级,提升经济发展质效",
        "(二)下足绣花功夫,全力建设精致城市", "(三)全面推进乡村振兴,加快城乡融合发展步伐",
        "(四)践行绿色发展理念,促进人与自然和谐共生", "(五)不断保障和改善民生,提升人民生活品质",
        "四、从严治党、改进作风,为奋进新征程提供坚强保障"]
    gov = section("2020年金昌市金川区人民政府工作报告").entries[0].subheadings
    assert gov[:3] == ['2020年及"十三五"工作回顾', "发展动能有效释放", "项目投资稳步增长"]
    assert "生态环境不断优化" in gov and "五年来,基层治理不断创新" in gov
    assert sum(1 for s in gov if s.startswith("五年来")) == 10
    assert "2021年主要工作" in gov and gov[-1] == "八、加强政府自身建设,打造人民满意政府"
    assert len(gov) == 39
    congress = section("金昌市金川区人大常委会工作报告").entries[0].subheadings
    assert congress[0] == "2020年工作回顾" and "2021年主要工作任务" in congress and len(congress) == 10


def test_report_paragraphs(section):
    paras = section("立足新阶段 贯彻新理念 融入新格局 奋力开启金川区全面建设社会主义现代化新征程").entries[0].text.split("\n")
    # 538 → 540: text lost in the book; the two stay separate paragraphs (docs/source-guide.md §3.7)
    i = next(k for k, p in enumerate(paras) if p.endswith("要把向"))
    assert paras[i + 1].startswith('根据区委关于"十四五"规划的建议和以上分析判断')
    gov = section("2020年金昌市金川区人民政府工作报告").entries[0].text.split("\n")
    assert any(p.startswith('各位代表,2020年政府工作为"十三五"圆满收官奠定了坚实基础。') for p in gov)
    assert any(p.startswith('纵深推进开放开发。抢抓"一带一路"建设最大机遇') for p in gov)
    assert any(p.endswith("推动商贸流通产业集群提质") for p in gov)
    assert "资产保值增值。" in section("金昌市金川区人大常委会工作报告").entries[0].text
    assert "\n资产保值增值。" not in section("金昌市金川区人大常委会工作报告").entries[0].text


# -- provenance -----------------------------------------------------------------------

def test_pages_and_lines(source, sections):
    pages = {s.name: s.page for s in sections}
    assert (pages["组织工作"], pages["人力资源和社会保障"], pages["重要文件辑存"]) == (54, 158, 195)
    assert pages["区情概览"] is None  # headingless and not in the legible table of contents
    for s in sections:
        for e in s.entries:
            assert e.page is None  # page numbers in the body are too sparse to place an entry
            assert e.source_line <= e.source_line_end
    assert all(e.text and e.title for e in ordinary_entries(sections))


def test_overview_entries_kind(section):
    titles = [e.title for e in section("区情概览").entries]
    assert titles[0] == "地理环境" and titles[-1] == "环境和应急管理" and len(titles) == 13
    assert {e.kind for e in section("区情概览").entries} == {"overview"}
    assert {e.kind for e in section("统计").entries} == {"entry"}


def test_duplicate_titles_keep_book_order(sections):
    party_work = [(s.name, e.order) for s in sections for e in s.entries if e.title == "党建工作"]
    assert len(party_work) == 8
    assert compact("项目 建设") == "项目建设"
    assert sum(1 for s in sections for e in s.entries if e.title == "项目建设") == 7
