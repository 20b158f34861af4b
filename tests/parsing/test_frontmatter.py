"""Front matter (lines 1–479): imprint, boards, 编辑说明, 荣耀金川, 数字金川 on the real text."""
from decimal import Decimal

import pytest

from yearbook.parsing.frontmatter import parse_front_matter

D = Decimal


@pytest.fixture(scope="module")
def edition(source):
    return parse_front_matter(source)


def test_edition_fields(edition):
    assert (edition.year, edition.covers_year) == (2021, 2020)
    assert edition.title == "金川区年鉴 2021"
    assert edition.compiler == "金川区地方志编纂中心"
    assert edition.sponsor == "金川区人民政府"
    assert edition.publisher == "甘肃文化出版社"
    assert edition.isbn == "978-7-5490-2324-0"
    assert edition.cip_number == "(2021)第197119号"
    assert edition.published == "2022年1月第1版"
    assert edition.printing == "2022年1月第1次"
    assert edition.price == "118.00元"
    assert edition.printer == "深圳市国际彩印有限公司"
    assert edition.editors_in_charge == ["刘燕"]
    assert edition.source_line == 32


def test_board_committee(edition):
    committee = [m for m in edition.board if m.body == "金川区地方志编纂委员会"]
    assert len(committee) == 37
    by_title = {}
    for m in committee:
        by_title.setdefault(m.title, []).append(m.name)
    assert list(by_title) == ["名誉主任", "主任", "副主任", "委员"]
    assert by_title["名誉主任"] == ["张恒山"]
    assert by_title["主任"] == ["李生虎"]
    # 副主任 continues over 76–80; 李 燚 is a padded two-character name.
    assert by_title["副主任"] == ["冉生鹏", "党渭平", "潘多德", "闫作新", "梁艇栋", "王维鸿", "许国栋",
                                "张艳萍", "田应花", "张海亮", "银俊英", "李燚"]
    # 委员: title OCR'd as 云 (82); padded names 张 丹, 杨 帆, 赵 杰, 赵 宾, 赵 静.
    assert by_title["委员"] == ["马永忠", "田世川", "闫文仕", "张丹", "杨玉芳", "杨立国", "沈正清", "杨帆",
                              "李华雄", "张克斌", "杨爱华", "杜润庆", "张积松", "张慧凝", "张默俊", "周怀鹏",
                              "赵杰", "赵宾", "赵静", "顾光玉", "崔平寿", "黄积宏", "鲁永剑"]
    assert [m.order for m in committee] == list(range(1, 38))
    assert [(m.name, m.source_line) for m in committee if m.name in ("李燚", "马永忠", "鲁永剑")] == [
        ("李燚", 80), ("马永忠", 84), ("鲁永剑", 92)]


def test_board_editorial_office(edition):
    office = [(m.body, m.title, m.name, m.order, m.source_line) for m in edition.board
              if m.body != "金川区地方志编纂委员会"]
    assert office == [
        ("《金川区年鉴 2021》编辑部", "主编", "周怀鹏", 1, 96),
        ("《金川区年鉴 2021》编辑部", "编辑", "白东方", 2, 98),
        ("《金川区年鉴 2021》编辑部", "编辑", "张淑霞", 3, 98),
    ]


def test_board_without_corrections_reads_the_ocr_title(source):
    from yearbook.parsing.source import SourceText
    raw = SourceText(source.path, source.raw, list(source.raw))
    edition = parse_front_matter(raw)
    assert [m.title for m in edition.board].count("委员") == 23


def test_honorary_titles(edition, source):
    titles = edition.honorary_titles
    expected_lines = [n for n in range(114, 173) if source.printed(n).strip()]
    assert len(titles) == len(expected_lines) == 30
    assert [t.source_line for t in titles] == expected_lines
    assert [t.order for t in titles] == list(range(1, 31))
    assert titles[0].name == "中国最大的镍钴生产基地和铂族贵金属提炼中心"
    assert titles[17].name == '全国"七五"普法中期先进县(市区)'
    assert titles[22].name == "甘肃省高原无公害蔬菜生产基地"      # 158 无公宝 corrected
    assert titles[26].name == "2019年度全省ETC发行服务工作先进县(区)"
    assert titles[29].name == "安置帮教工作成效突出县(市、区)"     # 172 cut parenthesis closed


KEY_FIGURES = [
    # (indicator, value, unit, change_pct, source_line)
    ("行政区划总面积", D("3060.26"), "平方千米", None, 176),
    ("常住人口", D("26.04"), "万人", None, 178),
    ("城镇人口", D("23.79"), "万人", None, 178),
    ("常住人口城镇化率", D("91.38"), "%", None, 178),
    ("地区生产总值", D("271.41"), "亿元", D("9.2"), 180),
    ("第一产业增加值", D("7.12"), "亿元", D("5.1"), 180),
    ("第二产业增加值", D("203.79"), "亿元", D("10.8"), 180),
    ("第三产业增加值", D("60.5"), "亿元", D("3.1"), 180),
    ("三次产业结构比", None, "", None, 180),
    ("固定资产投资", None, "", D("5.26"), 182),
    ("社会消费品零售总额", D("67.68"), "亿元", D("-3.1"), 182),
    ("粮食种植面积", D("20.63"), "万亩", None, 182),
    ("粮食产量", D("10.21"), "万吨", D("5.3"), 182),
    ("批发和零售业增加值", None, "", D("-0.5"), 184),
    ("交通运输、仓储和邮政业增加值", None, "", D("4.1"), 184),
    ("住宿和餐饮业增加值", None, "", D("-13.5"), 184),
    ("金融业增加值", None, "", D("-1.2"), 184),
    ("房地产业增加值", None, "", D("19.4"), 184),
    ("规模以上服务业企业营业收入", None, "", D("38.13"), 184),
    ("一般公共预算收入", D("3.99"), "亿元", D("-7.52"), 186),
    ("一般公共预算收入(剔除体制调整影响)", None, "", D("10.22"), 186),
    ("一般公共预算支出", D("12.48"), "亿元", D("-15"), 186),
    ("城镇居民人均可支配收入", D("47565"), "元", D("4.8"), 188),
    ("城镇居民人均生活消费支出", D("32131"), "元", None, 188),
    ("城镇居民恩格尔系数", D("30.3"), "%", None, 188),
    ("农村居民人均可支配收入", D("20928"), "元", D("5.9"), 188),
    ("农村居民人均生活消费支出", D("16142"), "元", None, 188),
    ("农村居民恩格尔系数", D("25.5"), "%", None, 188),
    ("中小学", D("24"), "所", None, 190),
    ("幼儿园", D("34"), "所", None, 190),
    ("特殊教育学校", D("1"), "所", None, 190),
    ("中等专业学校", D("1"), "所", None, 190),
    ("高等教育机构", D("1"), "个", None, 190),
    ("成人教育机构", D("1"), "个", None, 190),
    ("九年义务教育巩固率", D("99.59"), "%", None, 190),
    ("高中阶段毛入学率", D("99.82"), "%", None, 190),
    ("医疗卫生机构", D("18"), "个", None, 192),
    ("医院", D("7"), "所", None, 192),
    ("社区卫生服务中心", D("5"), "个", None, 192),
    ("乡镇卫生院", D("2"), "个", None, 192),
    ("专业公共卫生机构", D("4"), "个", None, 192),
    ("卫生专业技术人员", D("2169"), "人", None, 192),
    ("个体私人诊所", D("130"), "户", None, 192),
    ("个体私人诊所从业人员", D("130"), "人", None, 192),
    ("广播综合人口覆盖率", D("100"), "%", None, 194),
    ("电视综合人口覆盖率", D("100"), "%", None, 194),
]


def test_key_figures_exact(edition):
    got = [(k.indicator, k.value, k.unit, k.change_pct, k.source_line) for k in edition.key_figures]
    assert got == KEY_FIGURES
    assert [k.order for k in edition.key_figures] == list(range(1, 47))


def test_key_figure_special_forms(edition):
    by = {k.indicator: k for k in edition.key_figures}
    ratio = by["三次产业结构比"]
    assert (ratio.value, ratio.value_text) == (None, "2.62:75.09:22.29")   # printed 2. 62:75. 09:22. 29
    area = by["粮食种植面积"]
    assert (area.change_pct, area.change_value, area.change_unit) == (None, D("2.3"), "万亩")
    assert area.text == "全区粮食种植面积20.63万亩,比上年增加2.3万亩"
    assert by["地区生产总值"].text == "全区实现地区生产总值271.41亿元,同比增长9.2%"
    assert by["住宿和餐饮业增加值"].text == "住宿和餐饮业增加值下降13.5%"  # printed 住 宿
    assert by["一般公共预算收入(剔除体制调整影响)"].text == (
        "全区完成一般公共预算收入3.99亿元,同比下降7.52%(剔除体制调整影响,同比增长10.22%)")
    assert by["城镇人口"].text == "城镇人口23.79万人"   # 其中 connector dropped
    assert all(k.change_value is None for k in edition.key_figures if k.indicator != "粮食种植面积")


def test_editorial_notes(edition):
    notes = edition.editorial_notes
    assert len(notes) == 6
    assert notes[0].startswith("《金川区年鉴2021》是由金川区人民政府主办,金川区地方志编纂中心负责编纂")
    assert notes[1] == "本年鉴卷号以编纂出版年份为准、论述反映上一年度内容。"
    assert "科学发展观、习近平新时代中国特色社会主义思想为指导" in notes[2]   # OCR spaces removed
    assert notes[3].endswith("先进模范和附录22个类目。")
    assert notes[5] == "本年鉴收录的机构与领导人成员以2020年底为准,个别内容延至2021年初。"
    assert not any(n.startswith(("-", "一、", "二、")) for n in notes)
