"""Statistical tables (人社, 医保, bulletin 表1–表5) and the bulletin chapters, on the real text."""
from decimal import Decimal as D

import pytest

from yearbook.parsing.records import CellSpan, YearMonth
from yearbook.parsing.tables import parse_tables


@pytest.fixture(scope="module")
def parsed(source, segments):
    return parse_tables(source, segments)


@pytest.fixture(scope="module")
def tables(parsed):
    return parsed[0]


@pytest.fixture(scope="module")
def chapters(parsed):
    return parsed[1]


def by_title(tables, fragment):
    hits = [t for t in tables if fragment in t.title]
    assert len(hits) == 1, fragment
    return hits[0]


def by_number(tables, number):
    hits = [t for t in tables if t.number == number]
    assert len(hits) == 1, number
    return hits[0]


def grid(table):
    """{label: values} with the values as printed strings of the Decimals."""
    return {r.label: [None if v is None else (str(v) if isinstance(v, D) else v) for v in r.values]
            for r in table.rows}


# -- counts and shapes --------------------------------------------------------

def test_counts_per_section(tables, chapters):
    assert len(tables) == 17
    assert [t.section for t in tables].count("人力资源和社会保障") == 8
    assert [t.section for t in tables].count("医疗保障") == 4
    assert [t.number for t in tables if t.section == "重要统计资料"] == ["表1", "表2", "表3", "表4", "表5"]
    assert all(t.number == "" for t in tables[:12])
    assert [t.order for t in tables] == list(range(1, 18))
    assert len(chapters) == 11


SHAPES = [  # title line, title, stub header, columns, rows, source lines
    (3677, "2020年全区城乡居民养老保险统计表", "年度", 4, 1, 3680),
    (3684, "2020年全区企业职工养老保险金收支情况统计表", "年度", 4, 1, 3689),
    (3693, "2020年全区机关事业单位养老保险金收支情况统计表", "年度", 5, 1, 3698),
    (3702, "2020年全区失业保险金收支情况统计表", "年度", 4, 1, 3705),
    (3709, "2020年全区工伤保险金收支情况统计表", "年度", 7, 1, 3712),
    (3718, "2020年全区解困与再就业情况统计表", "年度", 4, 1, 3721),
    (3731, "2020年职业技能培训及补贴明细表", "年度", 4, 1, 3734),
    (3738, "2020年全区劳务输转统计表", "年度", 6, 1, 3741),
    (3769, "2020年全区城镇职工基本医疗保险统筹基金起付标准、报销比例表", "医院等级", 6, 3, 3776),
    (3778, "2020年全区城镇职工基本医疗保险金收支情况表", "年度", 3, 1, 3781),
    (3789, "2020年金川区城乡居民基本医疗保险收缴支付统计表", "", 1, 4, 3796),
    (3800, "2020年金川区医疗救助资金统计表", "项目", 2, 4, 3806),
    (4550, "2020年全区生产总值分行业情况", "指标", 2, 11, 4567),
    (4575, "2020年全区居民消费价格指数", "指标", 1, 9, 4588),
    (4604, "2020年全区主要农产品产量及其增长速度", "产品名称", 2, 11, 4617),
    (4629, "主要工业产品产量", "指标", 2, 5, 4636),
    (4656, "2020年全区国内贸易情况", "指标", 2, 8, 4668),
]


def test_every_table_shape_title_and_lines(tables):
    got = [(t.source_line, t.title, t.label_header, len(t.columns), len(t.rows), t.source_line_end) for t in tables]
    assert got == SHAPES
    for t in tables:
        assert all(len(r.values) == len(r.printed) == len(t.columns) for r in t.rows), t.title


def test_table_units(tables):
    assert by_number(tables, "表1").unit == "亿元、%"
    assert by_number(tables, "表2").unit == "%"
    # no 单位: line for the others; the stray 单位:元 (3723) is attached to no table
    assert all(t.unit == "" for t in tables if t.number not in ("表1", "表2"))
    assert [c.unit for c in by_number(tables, "表1").columns] == ["亿元", "%"]
    assert [c.unit for c in by_number(tables, "表2").columns] == ["%"]
    assert [c.unit for c in by_number(tables, "表3").columns] == ["万吨", "%"]


def test_no_table_or_row_comes_from_the_stray_unit_line(tables):
    assert all(not (t.source_line <= 3723 <= t.source_line_end) for t in tables)
    t = by_title(tables, "起付标准")
    assert t.needs_review and "3723" in t.review_note


# -- 人力资源和社会保障 ------------------------------------------------------------

def test_header_cells_lose_line_wrap_spaces(tables):
    t = by_title(tables, "城乡居民养老保险统计表")
    assert [c.label for c in t.columns] == [
        "参保人数", "当年个人缴费金额(万元)", "待遇享受人数(人)", "当年发放养老金金额(万元)"]
    assert [c.unit for c in t.columns] == ["", "万元", "人", "万元"]
    assert t.columns[3].printed == "当年发放 养老金金 额(万元)"
    assert t.columns[3].path == ["当年发放养老金金额(万元)"]
    assert grid(t) == {"2020": ["40609", "1131", "9832", "1687"]}
    assert t.rows[0].source_line == 3680


def test_split_titles_are_joined(tables):
    t = by_title(tables, "企业职工养老保险金收支情况统计表")
    assert (t.source_line, t.title) == (3684, "2020年全区企业职工养老保险金收支情况统计表")
    assert [c.label for c in t.columns] == [
        "参保人数", "当年征收养老金金额(万元)", "领取养老金人数(人)", "发放养老金金额(万元)"]
    assert grid(t) == {"2020": ["25813", "10299", "4580", "9775"]}
    t = by_title(tables, "机关事业单位养老保险金")
    assert t.source_line == 3693 and t.title == "2020年全区机关事业单位养老保险金收支情况统计表"
    assert [c.label for c in t.columns] == [
        "参保人数(人)", "当年征收养老金金额(万元)", "当年征收职业年金金额(万元)", "领取养老金人数(人)",
        "发放养老金金额(万元)"]
    assert grid(t) == {"2020": ["2230", "4109", "802", "1204", "6692"]}


def test_unemployment_and_training_tables(tables):
    t = by_title(tables, "失业保险金")
    assert [c.label for c in t.columns] == [
        "参保人数", "当年征收失业金额(万元)", "领取失业金人数(人)", "发放失业金金额(万元)"]
    assert grid(t) == {"2020": ["13675", "328", "153", "483"]}
    t = by_title(tables, "解困与再就业")
    assert [c.label for c in t.columns] == [
        "城镇新增就业人数(人)", "下岗失业人员再就业(人)", "就业困难人员再就业(人)", "登记失业率(%)"]
    assert t.rows[0].values == [D("8005"), D("7867"), D("536"), D("3.18")]
    assert t.rows[0].printed[3] == "3. 18"
    assert t.columns[3].unit == "%"
    t = by_title(tables, "职业技能培训")
    assert [c.label for c in t.columns] == ["职业培训(人)", "技能培训(人)", "创业培训(人)", "培训补贴(万元)"]
    assert grid(t) == {"2020": ["2259", "2175", "701", "365.76"]}


def test_labour_export_table_keeps_exact_decimals(tables):
    t = by_title(tables, "劳务输转")
    assert [c.label for c in t.columns] == [
        "劳动力总数(万人)", "富余劳动力总数(万人)", "输转人数(万人次)", "劳务总收入(亿元)",
        "组织输转人数(万人次)", "组织输转劳务收入(亿元)"]
    assert [c.unit for c in t.columns] == ["万人", "万人", "万人次", "亿元", "万人次", "亿元"]
    assert t.rows[0].values == [D("10.6691"), D("1.8917"), D("1.8099"), D("4.7232"), D("1.4661"), D("3.8795")]
    assert t.rows[0].printed[3:] == ["4. 7232", "1. 4661", "3. 8795"]


def test_vertical_text_header_of_the_injury_table(tables):
    t = by_title(tables, "工伤保险金")
    assert t.label_header == "年度"
    assert [c.label for c in t.columns] == [
        "参保人数(人)", "当年征收工伤金额(万元)", "领伤残津贴/抚恤金人数", "领医疗费人数",
        "领伤残补助金人数", "领工亡补助金人数", "发放工伤待遇金额(万元)"]
    assert [c.unit for c in t.columns] == ["人", "万元", "人", "人", "人", "人", "万元"]
    assert t.columns[2].printed == "领伤津抚金数人"
    assert t.needs_review and "竖排" in t.review_note
    assert grid(t) == {"2020": ["24681", "234", "135", "363", "212", "8", "2543"]}


def test_only_the_doubtful_tables_are_flagged(tables):
    assert [t.source_line for t in tables if t.needs_review] == [3709, 3769]


# -- 医疗保障 -----------------------------------------------------------------

def test_reimbursement_table_two_level_header_and_merged_cell(tables):
    t = by_title(tables, "起付标准")
    assert [c.path for c in t.columns] == [
        ["第一次住院", "起付线"], ["第一次住院", "报销比例"],
        ["第二次住院", "起付线"], ["第二次住院", "报销比例"],
        ["第三次及以上住院", "起付线"], ["第三次及以上住院", "报销比例"]]
    assert [c.label for c in t.columns] == ["起付线", "报销比例"] * 3
    assert [c.unit for c in t.columns] == ["", "%"] * 3
    merged = "在一个结算年度内取消起付金线"
    # ONE merged cell printed over three rows (3774–3776): its value once, in the first row
    assert grid(t) == {
        "三级医院": ["600", "90", "500", "90", merged, "90"],
        "二级医院": ["500", "92", "400", "92", None, "92"],
        "一级医院": ["300", "94", "200", "94", None, "94"],
    }
    assert [r.printed[4] for r in t.rows] == [merged, "", ""]
    assert t.rows[0].spans == [CellSpan(column=4, rowspan=3, colspan=1, lines=[3774, 3775, 3776])]
    assert t.rows[1].spans == t.rows[2].spans == []
    assert t.rows[2].label_printed == "一级 医院"
    assert t.rows[0].printed[1] == "90%"
    assert t.rows[0].source_line == 3774  # junk row 3771 `1 12.` dropped


def test_medical_insurance_fund_table(tables):
    t = by_title(tables, "城镇职工基本医疗保险金收支情况表")
    assert [c.label for c in t.columns] == [
        "参保人数(人)", "当年征收医疗保险金(万元)", "当年支付医疗保险金(住院、特诊、个人账户)(万元)"]
    assert grid(t) == {"2020": ["16286", "7319", "3202"]}


def test_transposed_table_kept_as_label_value_rows(tables):
    t = by_title(tables, "收缴支付统计表")
    assert [c.label for c in t.columns] == ["2020年度"]  # junk `Ŋ` (3791) dropped
    assert [(r.label, r.parent, r.unit, r.values) for r in t.rows] == [
        ("参保人数", "城乡居民", "", [D("116400")]),
        ("筹资总额(万元)", "城乡居民", "万元", [D("9312")]),
        ("上解大病保险(万元)", "城乡居民", "万元", [D("1048")]),
        ("统筹支付金额(住院、特诊、门诊统筹)(万元)", "城乡居民", "万元", [D("7808")]),
    ]
    last = t.rows[-1]
    assert (last.source_line, last.source_line_end) == (3795, 3796)


def test_medical_aid_rowspans_and_split_header_word(tables):
    t = by_title(tables, "医疗救助资金统计表")
    assert t.label_header == "项目"  # printed `项\t目`
    assert [c.label for c in t.columns] == ["人次", "金额(万元)"]
    assert [c.unit for c in t.columns] == ["人次", "万元"]
    assert [(r.parent, r.label, r.values) for r in t.rows] == [
        ("医疗救助", "一站式结算", [D("1826"), D("176.49")]),
        ("医疗救助", "普通城乡居民", [D("1445"), D("396.98")]),
        ("资助参保", "定额资助", [D("6717"), D("131.65")]),
        ("资助参保", "全额资助", [D("419"), D("11.73")]),
    ]


# -- bulletin tables ----------------------------------------------------------

def test_table1_gdp_by_industry(tables):
    t = by_number(tables, "表1")
    assert t.title == "2020年全区生产总值分行业情况" and t.chapter == 1
    assert [c.path for c in t.columns] == [["2020年", "绝对数"], ["2020年", "比上年增长"]]
    assert grid(t) == {
        "生产总值": ["271.41", "9.2"],
        "农林牧渔业": ["8.20", "8.8"],
        "工业": ["183.97", "11.6"],
        "建筑业": ["20.0", "3.3"],
        "交通运输、仓储和邮政业": ["1.75", "4.1"],
        "批发和零售业": ["8.94", "-0.5"],
        "住宿和餐饮业": ["1.41", "-13.5"],
        "金融业": ["8.11", "-1.2"],
        "房地产业": ["4.62", "19.4"],
        "营利性服务业": ["14.57", "6.4"],
        "非营利性服务业": ["19.85", "0.9"],
    }
    assert [r.label for r in t.rows][:2] == ["生产总值", "农林牧渔业"]  # junk row 4554 dropped
    assert t.rows[0].source_line == 4557
    assert t.rows[1].printed == ["8. 20", "8.8"]


def test_table2_cpi_with_qizhong_children(tables):
    t = by_number(tables, "表2")
    assert t.title == "2020年全区居民消费价格指数" and t.chapter == 1
    assert [c.label for c in t.columns] == ["全区"]
    assert grid(t) == {
        "居民消费价格": ["102.4"], "食品烟酒": ["107.3"], "衣着": ["101.1"], "居住": ["100.2"],
        "生活用品及服务": ["99.9"], "交通和通信": ["98.8"], "教育文化和娱乐": ["99.2"],
        "医疗保健": ["100.2"], "其他用品和服务": ["101.7"],
    }
    assert t.rows[0].parent is None
    assert {r.parent for r in t.rows[1:]} == {"居民消费价格"}
    assert t.rows[1].label_printed == "其中: 食品烟酒"


def test_table3_farm_products_kept_as_printed(tables):
    t = by_number(tables, "表3")
    assert t.title == "2020年全区主要农产品产量及其增长速度" and t.chapter == 2
    assert [c.label for c in t.columns] == ["产量(万吨)", "比上年增长(%)"]
    assert grid(t) == {
        "粮食": ["10.21", "5.3"], "夏粮": ["1.44", "5.9"], "小麦": ["1.44", "6.7"],
        "玉米": ["8.71", "5.4"], "薯类": ["0.06", "100"], "油料": ["0.33", "230"],
        "中药材": ["0.11", "-0.11"], "蔬菜": ["21.37", "4.6"], "肉类": ["0.3", "50"],
        "牛奶": ["4.25", "147"], "禽蛋": ["0.09", "12.5"],
    }
    # docs/source-guide.md §4.1 contradictions stay as printed: 夏粮 5.9 vs 小麦 6.7; 肉类 50 (text: 32.9%)
    assert all(r.parent is None for r in t.rows)


def test_table4_industrial_products_with_row_units(tables):
    t = by_number(tables, "表4")
    assert t.title == "主要工业产品产量" and t.chapter == 3
    assert [c.label for c in t.columns] == ["2020年", "比上年±%"]
    assert [c.unit for c in t.columns] == ["", "%"]
    assert [(r.label, r.unit) for r in t.rows] == [
        ("镍", "万吨"), ("铜", "万吨"), ("硫酸", "万吨"), ("红砖", "万块"), ("麦芽", "万吨")]
    assert grid(t) == {
        "镍": ["15.01", "2.8"], "铜": ["48.00", "4.3"], "硫酸": ["109.53", "-49.36"],
        "红砖": ["5780", "13.78"], "麦芽": ["1.42", "-56.57"],
    }
    assert t.rows[2].values[1] == D("-49.36") and t.rows[2].printed[1] == "-49. 36"


def test_table5_trade_group_rows_and_garbled_header(tables):
    t = by_number(tables, "表5")
    assert t.title == "2020年全区国内贸易情况" and t.chapter == 5
    assert t.label_header == "指标"  # not the garbled copy `1日 小` (4660)
    assert [c.path for c in t.columns] == [["2020年", "绝对数"], ["2020年", "比上年增长(%)"]]
    assert [(r.label, r.parent, r.unit) for r in t.rows] == [
        ("社会消费品零售额", None, "万元"),
        ("按经营地分", None, ""),
        ("城镇", "按经营地分", "万元"),
        ("城区", "城镇", "万元"),
        ("乡村", "按经营地分", "万元"),
        ("按消费形态分", None, ""),
        ("餐饮收入", "按消费形态分", "万元"),
        ("商品零售", "按消费形态分", "万元"),
    ]
    assert grid(t) == {
        "社会消费品零售额": ["676772.5", "-3.1"],
        "按经营地分": [None, None],
        "城镇": ["576874.6", "-2.7"],
        "城区": ["446359.4", "-2.8"],
        "乡村": ["99897.9", "-5.5"],
        "按消费形态分": [None, None],
        "餐饮收入": ["51057.7", "-7.1"],
        "商品零售": ["625714.8", "-2.8"],
    }
    assert t.rows[0].source_line == 4661  # junk row 4658 and the header 4659/4660 skipped


# -- bulletin chapters --------------------------------------------------------

def test_bulletin_chapters_numbers_titles_lines(chapters):
    assert [(c.number, c.title, c.source_line) for c in chapters] == [
        (1, "综合", 4546), (2, "农业", 4592), (3, "工业、建筑业", 4619), (4, "服务业", 4640),
        (5, "国内贸易和对外经济", 4650), (6, "固定资产投资", 4670), (7, "财政金融", 4678),
        (8, "人民生活和社会保障", 4688), (9, "科学技术和教育", 4700), (10, "文化旅游、卫生健康", 4712),
        (11, "资源、环境和安全生产", 4722),
    ]
    assert [c.tables for c in chapters][:5] == [["表1", "表2"], ["表3"], ["表4"], [], ["表5"]]
    assert chapters[-1].source_line_end == 4726


def test_bulletin_chapter_text_excludes_tables_and_rejoins_paragraphs(chapters):
    first = chapters[0]
    paras = first.text.split("\n")
    assert len(paras) == 5
    assert paras[0].startswith("初步核算,2020年全区地区生产总值271.41亿元,同比增长9.2%。")
    assert "表1" not in first.text and "单位" not in first.text and "\t" not in first.text
    assert "果园面积1.01万亩,增加0.04万亩。" in chapters[1].text  # 4594 + 4596
    assert "实现营业收入1446.84亿元,同比增长26.18%" in chapters[2].text  # 4623 + 4627
    assert "本年投产项目35项。" in chapters[5].text  # 4672 + 4674
    assert chapters[8].text.endswith("高中阶段毛入学率99.82%。")  # page debris 4706/4708 left out
    assert chapters[8].source_line_end == 4704
    assert chapters[1].text.count("\n") == 3
    # docs/source-guide.md §4.1: kept as printed
    assert "比上年末增长154%" in chapters[1].text
    assert "乡镇卫生院2个。年末实有病床数2176张" in chapters[9].text


def test_bulletin_head_on_first_chapter(chapters):
    head = chapters[0]
    assert head.bulletin_title == "2020年金昌市金川区国民经济和社会发展统计公报"
    assert head.author == "金昌市金川区统计局"
    assert head.issued == YearMonth(2021, 8)
    assert head.intro.startswith("2020年,全区各级各部门上下联动")
    assert head.intro.endswith("各项事业取得显著成绩。")
    assert all(not c.author and not c.notes for c in chapters[1:-1])


def test_bulletin_notes_on_last_chapter(chapters):
    last = chapters[-1]
    assert last.notes_line == 4728
    assert len(last.notes) == 6
    assert last.notes[0] == "本公报生产总值、各产业增加值按现价计算,增长速度按可比价计算;"
    assert last.notes[1] == "本公报所列其他数据为初步核算数,如有变动以2020年《金川区统计资料》为准。"
    assert last.notes[3] == "本公报所列农业统计数据未包括省属单位农垦八一农场天生炕分场、小井子分场(天牧公司除外);"
    assert last.notes[4] == "2020年环境保护部分统计为初步统计数据,最终统计数据以2020年环境统计公报为准:"
    assert last.notes[5] == "常住人口、城镇人口、乡村人口为省、市确认数据。"
    assert "注" not in last.text and "本公报" not in last.text



# -- audit: every value cell against its printed line -------------------------

def test_every_value_cell_is_its_printed_cell(tables, source):
    """Audit of all 146 filled cells: each value is a tab cell of its row's printed line,
    read as an exact Decimal (spaces and % removed, trailing zeros kept: 8.20, 20.0, 48.00)
    or, for the merged 起付线 cell, the text of its three fragments, held once."""
    filled = 0
    for t in tables:
        for r in t.rows:
            cells = [c.replace(" ", "") for c in source.printed(r.source_line).split("\t")]
            label = r.label_printed.replace(" ", "")
            assert any(c and label.startswith(c) for c in cells[:2]), (t.title, r.label)  # 3795+3796 wrap
            spans = {span.column: span for span in r.spans}
            for j, (value, printed) in enumerate(zip(r.values, r.printed)):
                if value is None:
                    assert printed == "", (t.title, r.label)
                    continue
                filled += 1
                if j in spans:   # the merged cell: its fragments on the lines it spans
                    fragments = [source.printed(n).split("\t")[j + 1].replace(" ", "") for n in spans[j].lines]
                    assert printed == "".join(fragments), (t.title, r.label, printed)
                else:
                    assert printed.replace(" ", "") in cells, (t.title, r.label, printed)
                if isinstance(value, D):
                    assert str(value) == printed.replace(" ", "").rstrip("%"), (t.title, r.label, printed)
                else:
                    assert value == "在一个结算年度内取消起付金线"
    assert filled == 144
    assert sum(len(t.rows) for t in tables) == 20 + 44  # 人社/医保 + 表1–表5
