"""Splitting a Word manuscript into entries, and counting its words (plain Python, no database)."""
import io
import zipfile

import pytest

from editorial.intake import ManuscriptError, parse_manuscript
from editorial.wordcount import count_words

from .conftest import docx_bytes


@pytest.mark.parametrize("text, words", [
    ("《金川区农村生活污水 PPP 项目》估算总投资 2.26 亿元", 9 + 1 + 2 + 5 + 1 + 2),
    ("全年共补植各类苗木56万株", 11 + 1),  # 11 Han + one number
    ("区域 GDP 增长 3.2%，共 1,200 人", 2 + 1 + 2 + 1 + 1 + 1 + 1),
    ("Wi-Fi don't", 2),
    ("ＧＤＰ１２３", 2),  # full-width letters and digits
    ("，。、；：“”（）——", 0),
    ("", 0),
])
def test_word_count_rule(text, words):
    assert count_words(text) == words


def test_entries_are_cut_at_their_bracketed_titles():
    parsed = parse_manuscript(docx_bytes(
        "【绿化管理】全年共补植各类苗木56万株。",
        "自育花卉40余个品种46万盆。",
        "",
        "【住房安全有保障冲刺清零后续行动】",
        "排查农村房屋 1.2 万户。",
    ), "住建局.docx")
    assert [(e.title, e.body, e.ordinal, e.paragraph) for e in parsed.entries] == [
        ("绿化管理", "全年共补植各类苗木56万株。\n自育花卉40余个品种46万盆。", 1, 1),
        ("住房安全有保障冲刺清零后续行动", "排查农村房屋 1.2 万户。", 1, 4),
    ]
    assert parsed.warnings == []
    assert parsed.entries[0].words == count_words("绿化管理") + count_words(parsed.entries[0].body)
    assert parsed.words == sum(e.words for e in parsed.entries)


def test_what_is_reported_as_warnings():
    parsed = parse_manuscript(docx_bytes(
        "金川区住建局 2021 年年鉴供稿",
        "联系人：张三",
        "【机构变化】区住建局划入新职责。",
        "【】这一段标题是空的。",
        "【项目建设】",
        "【机构变化】再次出现。",
        "（供稿：张淑霞）",
        tables=1,
    ))
    assert [e.title for e in parsed.entries] == ["机构变化", "项目建设", "机构变化"]
    assert [e.ordinal for e in parsed.entries] == [1, 1, 2]
    assert parsed.entries[0].body == "区住建局划入新职责。\n【】这一段标题是空的。"
    assert parsed.byline == "（供稿：张淑霞）"
    assert parsed.warnings == [
        "第 4 段的标题【】是空的，这一段按正文处理。",
        "第一个【标题】之前有 2 段文字（第 1 段起：“金川区住建局 2021 年年鉴供稿”），不属于任何条目，不会采用："
        "请把它并入某个条目或删去。",
        "【机构变化】在来稿中出现 2 次，将作为同名的 2 个条目。",
        "条目【项目建设】（第 5 段）没有正文。",
        "来稿中有 1 个表格，表格内容不拆分为条目：请按统计表另行录入或导入。",
    ]


def zipped(name, content):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"", "“来稿.docx”是空文件"),
    ("【标题】正文".encode(), "不是 Word 的 .docx 文件：请在 Word 中“另存为”"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "这是旧版 Word（.doc）文件"),
    (zipped("data.csv", "a,b"), "打不开：它不是完好的 Word .docx 文件"),
    (docx_bytes(), "里没有文字"),
    (docx_bytes("正文一段。", "又一段。"), "没有以【标题】开头的段落"),
    (docx_bytes("【" + "长" * 301 + "】正文"), "第 1 段的标题超过 300 字"),
], ids=["empty", "text", "old-word", "other-zip", "no-text", "no-titles", "title-too-long"])
def test_unreadable_manuscripts_say_why(data, message):
    with pytest.raises(ManuscriptError, match=message):
        parse_manuscript(data, "来稿.docx")
