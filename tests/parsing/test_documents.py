"""Tests of the 重要文件辑存 parser on the real source (docs/source-guide.md §2.7, §5 cases 5, 10, 14)."""
import dataclasses
import datetime as dt
import difflib

import pytest

from yearbook.parsing.documents import Repairs, paragraphs, parse_documents, parse_printings, repair_lines
from yearbook.parsing.source import Line, ParseError, SourceText
from yearbook.parsing.text import chinese_number

CN_NUMERALS = "一二三四五六七八九十"


@pytest.fixture(scope="module")
def doc_segment(segment_named):
    return segment_named("重要文件辑存", "附录")


@pytest.fixture(scope="module")
def docs(source, doc_segment):
    return parse_documents(source, doc_segment)


@pytest.fixture(scope="module")
def printings(source, doc_segment):
    return parse_printings(source, doc_segment)


def part(doc, label, parent=None):
    hits = [p for p in doc.parts if p.label == label and p.parent == parent]
    assert len(hits) == 1, (label, parent)
    return hits[0]


def article(doc, number):
    return doc.articles[number - 1]


# -- headers ----------------------------------------------------------------

def test_five_documents_in_order(docs):
    assert [d.order for d in docs] == [1, 2, 3, 4, 5]
    assert [d.source_line for d in docs] == [4742, 5415, 5480, 5525, 5556]
    assert [d.source_line_end for d in docs] == [5081, 5478, 5523, 5554, 5770]


def test_titles_numbers_dates(docs):
    got = [(d.title, d.number, d.number_printed, d.date, d.kind, d.issuing_body) for d in docs]
    assert got == [
        ("金川区市容和环境卫生管理办法", "金区政发〔2020〕46号", "金区政发〔2020〕46号",
         dt.date(2020, 5, 27), "办法", "金川区人民政府"),
        ('金川区支持发展"五小"产业实施方案', "金区政办发〔2020〕5号", "金区政办发〔2020〕5号",
         dt.date(2020, 1, 13), "方案", "金川区人民政府办公室"),
        ("金川区农业用水节水奖补资金筹措及管理办法(试行)", "金区政办发〔2020〕34号", "金区政办发〔2020〕34 号",
         dt.date(2020, 4, 11), "办法", "金川区人民政府办公室"),
        ("金川区农业用水精准补贴管理办法(试行)", "金区政办发〔2020〕35号", "金区政办发〔2020〕35 号",
         dt.date(2020, 4, 11), "办法", "金川区人民政府办公室"),
        ("金川区城区街路巷及地名区域命名方案", "金区政发〔2020〕39号", "金区政发〔2020〕39 号",
         dt.date(2020, 4, 13), "方案", "金川区人民政府"),
    ]


def test_date_on_its_own_line_is_the_date_of_document_5(docs, source):
    assert source.cleaned(5558) == "(2020年4月13日)"
    assert docs[4].date == dt.date(2020, 4, 13)
    assert "2020年4月13日" not in docs[4].preamble


# -- counts -----------------------------------------------------------------

def test_counts_per_document(docs):
    assert [len(d.articles) for d in docs] == [68, 0, 11, 10, 0]
    assert [len(d.chapters) for d in docs] == [7, 0, 0, 0, 0]
    assert [sum(len(c.sections) for c in d.chapters) for d in docs] == [6, 0, 0, 0, 0]
    assert [len([p for p in d.parts if p.parent is None]) for d in docs] == [0, 7, 0, 0, 4]
    assert [len([p for p in d.parts if p.parent is not None]) for d in docs] == [0, 0, 0, 0, 6]


def test_article_labels_complete_and_in_order(docs):
    for d in docs:
        assert [a.number for a in d.articles] == list(range(1, len(d.articles) + 1))
        for a in d.articles:
            assert a.label.startswith("第") and a.label.endswith("条")
            assert chinese_number(a.label[1:-1]) == a.number
            assert a.text and not a.text.startswith("第")
            assert a.source_line <= a.source_line_end
    assert article(docs[0], 68).label == "第六十八条"
    assert article(docs[2], 11).label == "第十一条"


# -- document 1: chapters, sections, filing number, closing, two printings ----

def test_document_1_chapters_and_sections(docs):
    d = docs[0]
    assert [(c.number, c.title, c.source_line) for c in d.chapters] == [
        (1, "总则", 4746), (2, "市容和环境卫生责任", 4788), (3, "市容管理", 4824),
        (4, "环境卫生管理", 4915), (5, "监督检查", 5057), (6, "法律责任", 5065), (7, "附则", 5071),
    ]
    assert d.chapters[2].sections == [(1, "建(构)筑物管理"), (2, "公共场所公共设施设备管理"),
                                      (3, "户外广告、招牌、门牌等设施管理")]
    assert d.chapters[3].sections == [(1, "村、居民区环境卫生管理"), (2, "公共场所环境卫生管理"),
                                      (3, "环境卫生设施建设与管理")]


def test_document_1_articles_per_chapter_and_section(docs):
    d = docs[0]
    first_of = {}
    for a in d.articles:
        first_of.setdefault((a.chapter, a.section), a.number)
    assert first_of == {(1, None): 1, (2, None): 10, (3, 1): 14, (3, 2): 22, (3, 3): 31,
                        (4, 1): 35, (4, 2): 42, (4, 3): 56, (5, None): 62, (6, None): 64, (7, None): 66}


def test_filing_number_is_not_article_text(docs):
    d = docs[0]
    assert d.filing_number == "JCQZF(2020)2号"
    assert article(d, 68).text == "本办法自印发之日起施行,有效期五年。"
    assert article(d, 68).source_line == 5079


def test_closing_sentence_is_not_an_article(docs):
    d = docs[0]
    assert d.closing == "《金川区市容和环境卫生管理办法》已经区政府第122次常务会议研究通过,现印发给你们,请认真贯彻落实。"
    assert "印发给你们" not in article(d, 68).text
    assert all(not d.closing for d in docs[1:])


def test_document_1_imported_once(docs):
    d = docs[0]
    assert d.duplicate_printing == (5083, 5409)
    assert len(d.articles) == 68
    assert all(a.source_line < 5083 for a in d.articles)


def test_second_printing_has_the_same_structure(printings):
    first, second = printings[0].document, printings[0].second_printing
    assert second is not None and all(p.second_printing is None for p in printings[1:])
    assert [a.number for a in second.articles] == list(range(1, 69))
    assert second.articles[0].source_line == 5085
    assert second.filing_number == "JCQZF(2020)2号"   # printed `JCQZF (2020) 2 号` (5407)
    assert [len(c.sections) for c in second.chapters] == [len(c.sections) for c in first.chapters]
    assert second.chapters[3].title == "环境卫牛管理"    # the second printing's own OCR error


def test_printings_differ_only_by_second_printing_ocr_errors(printings):
    """After the corrections, each difference left is an OCR error of the second printing."""
    first, second = printings[0].document.articles, printings[0].second_printing.articles
    allowed = {(";", ":"), ("条", "备"), ("生", "牛")}
    differing = []
    for a, b in zip(first, second):
        ops = [op for op in difflib.SequenceMatcher(None, a.text, b.text, autojunk=False).get_opcodes()
               if op[0] != "equal"]
        for tag, i1, i2, j1, j2 in ops:
            assert tag == "replace" and (a.text[i1:i2], b.text[j1:j2]) in allowed, (a.label, a.text[i1:i2])
        if ops:
            differing.append(a.number)
    assert differing == [11, 21, 30, 34, 54, 55, 56]


def test_ocr_errors_fixed_from_the_second_printing(docs, source):
    d = docs[0]
    assert "(五)未经环保部门批准在夜间建筑施工;" in article(d, 21).text.split("\n")
    assert source.printed(4853).endswith("施 T.")
    assert "环境卫牛" not in "".join(a.text for a in d.articles)
    assert "直幅、条幅。" in article(d, 34).text
    assert "(四)机关、团体、部队、企事业单位管理区域,由本单位负责;" in article(d, 11).text.split("\n")


def test_article_items_are_lines_with_labels(docs):
    lines = article(docs[0], 11).text.split("\n")
    assert len(lines) == 15
    assert lines[1] == "市容和环境卫生责任区的责任主体按照下列规定确定:"
    assert [ln[: ln.index(")") + 1] for ln in lines[2:14]] == [f"({n})" for n in (
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")]
    # (三) is broken over 4800/4802 and re-joined
    assert lines[4] == ("(三)摊点、超市、商店、商场、饭店、宾馆、营业网点、集贸市场、展览展销、娱乐等经营服务场所,"
                        "由经营者、管理者或者所有权人依据约定负责,无约定的,一律由所有权人负责;")
    assert lines[14].startswith("因责任区、责任主体不清或者有争议的")
    assert "- " not in "".join(a.text for d in docs for a in d.articles)


def test_paragraph_split_by_page_break_is_rejoined(docs):
    d = docs[0]
    # 4778 … 实际 / 4782 需要。
    assert "切实解决环境卫生作业人员的实际需要。" in article(d, 9).text
    # 5049 … 不需要再建的, / 5051 `200` (page) / 5055 由建设单位…
    assert article(d, 61).text.endswith("不需要再建的,由建设单位给予权属单位补偿。")
    # 5005 以下列 / 5007 方式污染环境:
    assert article(d, 55).text.split("\n")[0] == "禁止任何单位和个人以下列方式污染环境:"
    assert article(d, 22).source_line == 4859 and article(d, 22).source_line_end == 4863


# -- documents 3 and 4 ------------------------------------------------------

def test_document_3_article_9_items_rejoined_across_debris(docs, source):
    assert source.printed(5510) == "€212" and source.printed(5514) == "的"
    lines = article(docs[2], 9).text.split("\n")
    assert lines == [
        "有下列情况之一,暂缓或停止农业节水奖励资金拨付:",
        "(一)擅自改变农业节水项目建设内容的",
        "(二)未按规定实行专款专用的专户存储的:",
        "(三)用水户发生偷水、破坏水利设施行为的:",
        "(四)有重大作弊问题,造成经济损失和社会影响的:",
        "(五)未按规定报送农业节水基本信息,农业节水统计存在严重失实的。",
    ]
    assert article(docs[2], 9).source_line_end == 5519


def test_document_3_reward_rule_correction(docs):
    text = article(docs[2], 5).text
    assert "接节约水量" not in text
    assert text.count("按节约水量") == 3
    assert "地下水奖补0.01元/立方米;年节水量11%—20%(含20%)的部分" in text


def test_document_4_article_8_starts_mid_line(docs):
    d = docs[3]
    seven, eight = article(d, 7), article(d, 8)
    assert seven.source_line == eight.source_line == 5550
    assert seven.text.endswith("由区水务局负责兑付奖补资金。")
    assert eight.label == "第八条"
    assert eight.text.startswith("使用管理。精准补贴资金要在镇政府、农民用水户协会建立相应台账")
    assert article(d, 9).text == "本办法由金川区人民政府办公室负责解释。"
    assert article(d, 10).text == "本办法自发布之日起30日后施行。有效期2年。"


def test_document_4_article_3_items(docs):
    assert article(docs[3], 3).text.split("\n") == [
        "补贴资金来源。",
        "(一)中央财政补助的维修养护资金:",
        "(二)省级财政安排的维修养护资金;",
        "(三)市级财政安排的维修养护和奖补资金:",
        "(四)区级财政筹集安排的补助资金及节水奖励资金:",
        "(五)其他渠道筹集的资金。",
    ]


def test_no_chapters_in_short_regulations(docs):
    for d in docs[2:4]:
        assert d.chapters == [] and all(a.chapter is None and a.section is None for a in d.articles)
        assert d.preamble == "" and d.filing_number == "" and d.closing == ""


# -- document 2 ---------------------------------------------------------------

def test_document_2_parts(docs):
    d = docs[1]
    assert d.preamble.startswith("为深入推进产业扶贫,支持脱贫户发展小庭院")
    assert d.preamble.endswith("结合我区实际,制定本方案。")
    assert [(p.label, p.number, p.title, len(p.items), p.source_line) for p in d.parts] == [
        ("一、", 1, "总体思路", 0, 5419), ("二、", 2, "基本原则", 4, 5423), ("三、", 3, "扶持对象", 0, 5433),
        ("四、", 4, "扶持重点", 5, 5437), ("五、", 5, "主要任务", 4, 5445), ("六、", 6, "扶持方式", 5, 5455),
        ("七、", 7, "保障措施", 4, 5470),
    ]
    assert part(d, "三、").text == "以全区27个行政村为重点,以建档立卡脱贫户为扶持对象。"
    for p in d.parts:
        labels = [i[: i.index(")") + 1] for i in p.items]
        assert labels == [f"({CN_NUMERALS[k]})" for k in range(len(p.items))]


def test_document_2_items_with_and_without_bullets(docs):
    d = docs[1]
    five = part(d, "五、")
    # 5447 has no `- ` and is broken over 5447/5449
    assert five.items[0].startswith('(一)立足实际,科学确定项目。各镇要立足脱贫户实际,把发展"五小"产业纳入"一户一策"')
    six = part(d, "六、")
    assert six.text.startswith('针对脱贫户发展"五小"产业,主要予以"脱贫助力贷"')
    # the paragraph 5466 after (四) continues item (四)
    assert six.items[3].split("\n")[1].startswith("同时,各镇要组织镇村干部和驻村工作队")
    assert six.items[4].startswith("(五)技能培训扶持。")


# -- document 5 ---------------------------------------------------------------

def test_document_5_parts_and_announced_counts(docs):
    d = docs[4]
    got = [(p.label, p.parent, p.title, p.announced_items, len(p.items)) for p in d.parts]
    assert got == [
        ("一、", None, "总体要求", None, 0),
        ("二、", None, "基本原则", None, 4),
        ("三、", None, "城区街路巷命名", None, 0),
        ("(一)", 3, "变更起止点的道路(路27条、巷3条)", 30, 30),
        ("(二)", 3, "正名的道路(2条)", 2, 2),
        ("(三)", 3, "新命名的道路(路21条、街1条、巷41条)", 63, 63),
        ("四、", None, "城区居民区和规划区地名命名", None, 0),
        ("(一)", 4, "地名命名(23处)", 23, 23),
        ("(二)", 4, "地名区域调整(22处)", 22, 22),
        ("(三)", 4, "地名销名(7处)", 7, 7),
    ]
    for p in d.parts:
        if p.announced_items and p.title != "地名销名(7处)":
            assert [i.split(".")[0] for i in p.items] == [str(n) for n in range(1, len(p.items) + 1)]


def test_document_5_two_column_merge_rebuilt(docs, source):
    assert " 16. 温州路" in source.cleaned(5628)
    new_roads = part(docs[4], "(三)", 3)
    assert new_roads.items[3] == ("4.北环路:东起河雅路,经白银路、张掖路、酒泉路、嘉峪关路、敦煌路、长春路、"
                                  "天津路、上海路、南京路至永昌西路;")
    # the other column's fragments are dropped: items 15/16 print them whole
    assert new_roads.items[14] == ("15.苏州路:南起金武高速,经新华大道、延安东路、泰安东路、武汉路、成都路、"
                                   "重庆东路、西宁东路至北环东路:")
    assert new_roads.items[15].startswith("16.温州路:南起新华大道,经延安东路、泰安东路、武汉路、成都路、")
    assert sum("温州路:" in i for i in new_roads.items) == 1


def test_document_5_running_header_removed(docs, source):
    assert source.printed(5732) == "金压车鉴" and source.cleaned(5732) == ""
    naming = part(docs[4], "(一)", 4)
    assert naming.items[20] == "21.东8区:东邻郑州路,南依重庆东路,西连东湖路,北接北环东路。"
    assert not any("金压车鉴" in i for p in docs[4].parts for i in p.items)


def test_document_5_leaked_names_removed_from_item_11(docs, source):
    assert source.cleaned(5752).endswith("天庆里、天乐里。")
    adjust = part(docs[4], "(二)", 4)
    assert adjust.items[10] == "11.天美里(60号区):东邻常州路,南依南环路,西连河雅路,北接新华大道。"


def test_document_5_cancelled_names_list(docs, source):
    # The file's last line has no final newline (wc -l says 5769): 5770 holds the 7 names.
    assert len(source) == 5770
    assert source.printed(5770) == "天府里、天长里、天寿里、天成里、天香里、 天庆里、天乐里。"
    cancelled = part(docs[4], "(三)", 4)
    assert cancelled.items == ["天府里", "天长里", "天寿里", "天成里", "天香里", "天庆里", "天乐里"]
    assert (cancelled.source_line, cancelled.source_line_end) == (5768, 5770)


def test_document_5_flagged_as_last_in_file(docs):
    d = docs[4]
    assert d.complete is False  # the source file is cut off after it
    assert d.needs_review and "源文本以本文件结束" in d.review_note
    assert all(x.complete and not x.needs_review for x in docs[:4])


def test_document_5_sub_part_items_and_text(docs):
    d = docs[4]
    assert part(d, "三、").text.startswith("根据《甘肃省地名管理办法》有关要求")
    assert part(d, "四、").text.endswith("地名区域调整22处;地名销名7处。")
    assert part(d, "(一)", 3).items[2] == ("3.北京路:东南起金永高速,经河雅路、武威路、兰州路、金川西路、"
                                            "公园西路至南京路与上海路交会点相连;")   # across ₹214 (5582)
    assert part(d, "(二)", 3).items == [
        "1.武都路:东南起金川路,西北至公园路,道路原名称为金都巷;",
        "2.延安路:东起河雅路,经桂林路、广州路、长春路、天津路、上海路、南京路至永昌西路,道路原名称为延安路、延安西路。",
    ]
    assert part(d, "(一)", 4).items[13].startswith("14.东1区:")
    assert part(d, "(三)", 3).items[-1] == "63.天瑞南巷:位于天瑞里,东起东湖路,西至福州路。"


# -- generic rules and failures -----------------------------------------------

def _lines(*texts, start=1):
    return [Line(start + 2 * i, t, t) for i, t in enumerate(texts)]


def test_paragraph_join_rules():
    paras = paragraphs(_lines("第一章 总则", "第一条 为进一步加强", "管理,制定本办法。",
                              "有下列情形:", "(一)甲", "的", "(二)乙。", "一、总体思路", "坚持"))
    assert [p.text for p in paras] == ["第一章 总则", "第一条 为进一步加强 管理,制定本办法。", "有下列情形:",
                                       "(一)甲 的", "(二)乙。", "一、总体思路", "坚持"]
    assert (paras[1].line, paras[1].line_end) == (3, 5)


def test_unexpected_merge_fails_loudly(source):
    line = Line(5628, "4. 北环路: 东起河雅路, 经白银路、张 16. 温州路: 南起新华大道", "")
    with pytest.raises(ParseError) as err:
        repair_lines(dataclasses.replace(source, strict=True), [line], Repairs())
    assert err.value.line == 5628


def test_unexpected_merge_is_a_review_item(source):
    tolerant = dataclasses.replace(source)
    line = Line(5628, "4. 北环路: 东起河雅路, 经白银路、张 16. 温州路: 南起新华大道", "")
    assert repair_lines(tolerant, [line], Repairs()) == [line]     # left as printed
    assert [(i.code, i.line) for i in tolerant.review.items] == [("profile-rule", 5628)]


def test_article_out_of_sequence_fails(source, doc_segment):
    raw = list(source.raw)
    raw[5523 - 1] = raw[5523 - 1].replace("第十一条", "第十二条")
    broken = SourceText(source.path, raw, raw, strict=True)
    with pytest.raises(ParseError) as err:
        parse_documents(broken, doc_segment)
    assert err.value.line == 5523 and "out of sequence" in err.value.message


def test_article_out_of_sequence_is_kept_as_printed(source, doc_segment):
    raw = list(source.raw)
    raw[5523 - 1] = raw[5523 - 1].replace("第十一条", "第十二条")
    broken = SourceText(source.path, raw, raw)
    docs = parse_documents(broken, doc_segment)
    assert docs[2].articles[-1].label == "第十二条" and len(docs[2].articles) == 11
    assert [(i.code, i.line) for i in broken.review.items if i.code == "document"] == [("document", 5523)]


def test_wrong_item_count_fails(source, doc_segment):
    text = list(source.text)
    text[5621 - 1] = text[5621 - 1].replace("(2条)", "(3条)")
    broken = dataclasses.replace(source, text=text, strict=True)
    with pytest.raises(ParseError) as err:
        parse_documents(broken, doc_segment)
    assert err.value.line == 5621


def test_wrong_item_count_is_a_review_item(source, doc_segment):
    text = list(source.text)
    text[5621 - 1] = text[5621 - 1].replace("(2条)", "(3条)")
    broken = dataclasses.replace(source, text=text)
    docs = parse_documents(broken, doc_segment)
    assert len(docs) == 5 and not docs[4].complete
    items = [i for i in broken.review.items if i.code == "document"]
    assert [i.line for i in items] == [5621] and "3" in items[0].message


# -- audit: every character of every document is accounted for ----------------

def _book_text(source, first, last):
    from yearbook.parsing.text import compact, tidy
    return "".join(compact(tidy(ln.text)) for ln in source.lines(first, last))


def _parsed_text(doc):
    """Preamble, articles (with labels), parts (label, title, text, items) and closing, in book order."""
    from yearbook.parsing.text import compact
    out = compact(doc.preamble)
    out += "".join(compact(a.label + a.text) for a in doc.articles)
    out += "".join(compact(p.label + p.title + p.text + "".join(p.items)) for p in doc.parts)
    return out + compact(doc.closing)


DOCUMENT_GAPS = {  # book text that is in no article / part, besides the 章 and 节 headings
    1: ["金川区市容和环境卫生管理办法金区政发〔2020〕46号(2020年5月27日)", "备案号:JCQZF(2020)2号。"],
    2: ['金川区支持发展"五小"产业实施方案金区政办发〔2020〕5号(2020年1月13日)'],
    3: ["金川区农业用水节水奖补资金筹措及管理办法(试行)金区政办发〔2020〕34号(2020年4月11日)"],
    4: ["金川区农业用水精准补贴管理办法(试行)金区政办发〔2020〕35号(2020年4月11日)"],
    5: ["金川区城区街路巷及地名区域命名方案金区政发〔2020〕39号(2020年4月13日)",
        # 5628 column B (printed whole in items 14-16), 5752 leak, separators of the 5770 names list
        "庆东路、西宁东路至北环东路;", "16.温州路:南起新华大道", "泰安东路、武汉路、成都路、",
        "天庆里、天乐里。", "、" * 6, "。"],
}


def test_every_document_text_is_kept_whole_and_once(docs, source):
    """Audit: read in order, the articles / parts are the book's text (first printing) with
    nothing invented, dropped or duplicated, and no text moved across a boundary; the only
    characters left out are the header, the 章/节 headings, the filing number and the named
    repairs of document 5."""
    from collections import Counter
    for d in docs:
        last = d.duplicate_printing[0] - 1 if d.duplicate_printing else d.source_line_end
        book, parsed = _book_text(source, d.source_line, last), _parsed_text(d)
        ops = difflib.SequenceMatcher(None, book, parsed, autojunk=False).get_opcodes()
        assert all(op in ("equal", "delete") for op, *_ in ops), d.order  # parsed is a subsequence
        left_out = "".join(book[i1:i2] for op, i1, i2, _, _ in ops if op == "delete")
        headings = [f"第{CN_NUMERALS[c.number - 1]}章{c.title}" for c in d.chapters]
        headings += [f"第{CN_NUMERALS[n - 1]}节{t}" for c in d.chapters for n, t in c.sections]
        assert Counter(left_out) == Counter("".join(headings + DOCUMENT_GAPS[d.order])), d.order
