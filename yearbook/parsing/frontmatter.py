"""Front matter (lines before the TOC): imprint, 编纂委员会 and 编辑部, 编辑说明, 荣耀金川, 数字金川.

Every block is found by its heading text, not by line number, and each step fails
loudly (ParseError with the line) when the text is not what this yearbook prints.

Stored forms (decisions):
* title: "金川区年鉴 2021", as on the title page (32) and in 《金川区年鉴 2021》, one space.
* cip_number: what follows 核字, "(2021)第197119号"; isbn without the "ISBN " prefix.
* editorial_notes: one string per item 一…六, tidy, without the "一、" numeral (the list order is the number).
* BoardMember.order: 1-based within its body (编纂委员会 / 编辑部), in book order.
* KeyFigure: one per figure; a ratio (三次产业结构比) has value None and value_text "2.62:75.09:22.29";
  a change that is not a percentage (比上年增加 2.3 万亩) goes to change_value/change_unit, change_pct None;
  a figure printed with only a change (固定资产投资同比增长 5.26%) has value None and unit "".
"""
from __future__ import annotations

import re
from decimal import Decimal

from .records import BoardMember, EditionInfo, HonoraryTitle, KeyFigure
from .source import ParseError, SourceText
from .text import chinese_number, compact, to_decimal, tidy

# -- locating the blocks -------------------------------------------------------

TITLE_LINE = re.compile(r"^(?P<name>金川区年鉴)\s*(?P<year>\d{4})$")
BOARD_HEADING = "金川区地方志编纂委员会"
EDITORS_HEADING = re.compile(r"^《金川区年鉴\s*\d{4}》编辑部$")
NOTES_HEADING = "编辑说明"
HONOURS_HEADING = "荣耀金川"
FIGURES_HEADING = "数字金川"
PHOTO_GROUP = "★"  # the photo captions after 数字金川 start with ★乡村振兴


def _front_lines(source: SourceText) -> list[tuple[int, str]]:
    """(line, cleaned text) for the non-blank lines before the TOC."""
    out = []
    for n in range(1, min(source.body_start, len(source) + 1)):
        t = source.cleaned(n).strip()
        if t:
            out.append((n, t))
    return out


def _find(source: SourceText, lines: list[tuple[int, str]], test, what: str, after: int = 0) -> int:
    """Index in ``lines`` of the first line after line ``after`` that passes ``test``."""
    for i, (n, t) in enumerate(lines):
        if n > after and test(t):
            return i
    raise ParseError(f"front matter: {what} not found", source.path, after or 1)


def parse_front_matter(source: SourceText) -> EditionInfo:
    lines = _front_lines(source)
    title_i = _find(source, lines, TITLE_LINE.match, "title line 金川区年鉴 YYYY")
    board_i = _find(source, lines, lambda t: compact(t) == BOARD_HEADING, BOARD_HEADING)
    notes_i = _find(source, lines, lambda t: compact(t) == NOTES_HEADING, NOTES_HEADING, lines[board_i][0])
    honours_i = _find(source, lines, lambda t: compact(t) == HONOURS_HEADING, HONOURS_HEADING, lines[notes_i][0])
    figures_i = _find(source, lines, lambda t: compact(t) == FIGURES_HEADING, FIGURES_HEADING,
                      lines[honours_i][0])
    figures_end = _find(source, lines, lambda t: t.startswith(PHOTO_GROUP), "photo captions (★…)",
                        lines[figures_i][0])

    m = TITLE_LINE.match(lines[title_i][1])
    year = int(m.group("year"))
    notes = parse_editorial_notes(source, lines[notes_i + 1:honours_i])
    info = EditionInfo(
        year=year,
        covers_year=_covers_year(source, notes, year, lines[notes_i][0]),
        title=f"{m.group('name')} {year}",
        source_line=lines[title_i][0],
    )
    _read_imprint(source, lines[:board_i], info)
    info.board = parse_board(source, lines[board_i:notes_i])
    info.editorial_notes = [text for _, text in notes]
    info.honorary_titles = parse_honorary_titles(lines[honours_i + 1:figures_i])
    info.key_figures = parse_key_figures(source, lines[figures_i + 1:figures_end])
    return info


# -- imprint -----------------------------------------------------------------

SPONSOR_LINE = re.compile(r"^(?P<sponsor>\S+)\s*主办\s*(?P<compiler>\S+)\s*编$")
CIP_LINE = re.compile(r"CIP数据核字\s*(?P<number>\(\d{4}\)\s*第\s*\d+\s*号)")
CIP_ISBN = re.compile(r"ISBN\s*(?P<isbn>[\d-]{13,17})")
IMPRINT_LABELS = ["责任编辑", "封面设计", "出版发行", "网址", "投稿邮箱", "地址", "营销中心",
                  "开本", "字数", "印张", "插页", "版次", "印次", "书号", "定价"]
# Labels are padded by the OCR (``定 价 |``); a line may hold two pairs (责任编辑 | 刘 燕 封面设计 | 兰州国彩).
IMPRINT_LABEL = re.compile(
    "(?P<label>" + "|".join(r"\s*".join(label) for label in IMPRINT_LABELS) + r")\s*\|\s*")
PRINTER_LINE = re.compile(r"^印刷\s*[:：]\s*(?P<printer>.+)$")


def _imprint_pairs(lines: list[tuple[int, str]]) -> dict[str, tuple[str, int]]:
    pairs: dict[str, tuple[str, int]] = {}
    for n, t in lines:
        matches = list(IMPRINT_LABEL.finditer(t))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(t)
            pairs.setdefault(compact(m.group("label")), (t[m.end():end].strip(), n))
    return pairs


def _read_imprint(source: SourceText, lines: list[tuple[int, str]], info: EditionInfo) -> None:
    for n, t in lines:
        if m := SPONSOR_LINE.match(t):
            info.sponsor, info.compiler = m.group("sponsor"), m.group("compiler")
        elif m := CIP_LINE.search(t):
            info.cip_number = compact(m.group("number"))
        elif m := PRINTER_LINE.match(t):
            info.printer = tidy(m.group("printer"))
    pairs = _imprint_pairs(lines)
    needed = ["责任编辑", "出版发行", "版次", "印次", "书号", "定价"]
    missing = [label for label in needed if label not in pairs]
    if missing or not info.sponsor or not info.cip_number:
        raise ParseError(f"front matter imprint incomplete: missing {missing or 'sponsor/CIP number'}",
                         source.path, lines[0][0] if lines else 1)
    info.editors_in_charge = split_names(pairs["责任编辑"][0], source, pairs["责任编辑"][1])
    info.publisher = compact(pairs["出版发行"][0])
    info.published = compact(pairs["版次"][0])
    info.printing = compact(pairs["印次"][0])
    info.price = compact(pairs["定价"][0])
    info.isbn = _isbn(source, lines, pairs["书号"])


def _isbn(source: SourceText, lines: list[tuple[int, str]], printed: tuple[str, int]) -> str:
    """ISBN from 书号, checked against the CIP block's ISBN."""
    m = CIP_ISBN.search(printed[0])
    if not m:
        raise ParseError(f"书号 {printed[0]!r} holds no ISBN", source.path, printed[1])
    isbn = m.group("isbn")
    for n, t in lines:
        other = CIP_ISBN.search(t)
        if other and other.group("isbn") != isbn:
            raise ParseError(f"ISBN {other.group('isbn')} differs from 书号 {isbn}", source.path, n)
    return isbn


# -- names -------------------------------------------------------------------

NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def split_names(text: str, source: SourceText, line: int) -> list[str]:
    """Names separated by spaces; a two-character name is padded (``李 燚``): rejoin single glyphs in pairs."""
    names, single = [], []
    for token in text.split():
        if len(token) == 1:
            single.append(token)
            if len(single) == 2:
                names.append("".join(single))
                single = []
            continue
        if single:
            raise ParseError(f"lone glyph {single[0]!r} before {token!r}", source.path, line)
        names.append(token)
    if single:
        raise ParseError(f"lone glyph {single[0]!r} at the end of the names", source.path, line)
    for name in names:
        if not NAME.match(name):
            raise ParseError(f"{name!r} is not a personal name", source.path, line)
    return names


# -- 编纂委员会 and 编辑部 --------------------------------------------------------

BOARD_TITLES = ["名誉主任", "副主任", "主任", "委员", "副主编", "主编", "编辑"]
BOARD_TITLE = re.compile(
    "^(?P<title>" + "|".join(r"\s*".join(t) for t in BOARD_TITLES) + r")"
    r"(?:\s*\((?P<note>[^)]*)\))?(?=\s|$)\s*")
# The OCR read the title 委 员 as 云 (line 82); the corrections file fixes it, this keeps
# the parse working on the uncorrected text too. Only with the stroke-order note after it.
OCR_MEMBER_TITLE = re.compile(r"^云\s*\((?P<note>以姓氏笔画为序)\)\s*")


def parse_board(source: SourceText, lines: list[tuple[int, str]]) -> list[BoardMember]:
    """The committee roster and the editorial office: a title opens a list of names,
    and lines with names only continue the last title (副主任 spans 76–80)."""
    members: list[BoardMember] = []
    body, title, order = "", "", 0
    for n, t in lines:
        if compact(t) == BOARD_HEADING or EDITORS_HEADING.match(t):
            body, title, order = " ".join(t.split()), "", 0
            continue
        if m := BOARD_TITLE.match(t):
            title, t = compact(m.group("title")), t[m.end():]
        elif m := OCR_MEMBER_TITLE.match(t):
            title, t = "委员", t[m.end():]
        if not title:
            raise ParseError(f"board names with no title: {t!r}", source.path, n)
        for name in split_names(t, source, n):
            order += 1
            members.append(BoardMember(body=body, title=title, name=name, order=order, source_line=n))
    return members


# -- 编辑说明 --------------------------------------------------------------------

NOTE_ITEM = re.compile(r"^(?P<num>[一二三四五六七八九十]+)、\s*")


def parse_editorial_notes(source: SourceText, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, text) per numbered item; an unnumbered line continues the item before it."""
    items: list[list] = []
    for n, t in lines:
        m = NOTE_ITEM.match(t)
        if m:
            if chinese_number(m.group("num")) != len(items) + 1:
                raise ParseError(f"编辑说明 item {m.group('num')} out of order", source.path, n)
            items.append([n, t[m.end():]])
        elif items:
            items[-1][1] += t
        else:
            raise ParseError("编辑说明 text before item 一", source.path, n)
    return [(n, tidy(t)) for n, t in items]


def _covers_year(source: SourceText, notes: list[tuple[int, str]], year: int, line: int) -> int:
    """Item 二: the volume is named for the year of publication and records the year before."""
    if len(notes) < 2 or "上一年度" not in notes[1][1]:
        raise ParseError("编辑说明 item 二 does not say which year the volume records", source.path, line)
    return year - 1


# -- 荣耀金川 --------------------------------------------------------------------

def parse_honorary_titles(lines: list[tuple[int, str]]) -> list[HonoraryTitle]:
    """One title per line (line 172's lost ``)`` is restored by the corrections file)."""
    return [HonoraryTitle(name=tidy(t), order=i, source_line=n) for i, (n, t) in enumerate(lines, start=1)]


# -- 数字金川 --------------------------------------------------------------------

NUM = r"\d+(?:\.\d+)?"
UNIT = r"平方千米|万人|亿元|万元|万亩|万吨|元|%|所|个|人|户"
CHANGE = (rf"(?P<basis>同比|比上年)?(?P<verb>增长|下降|增产|减产|增加|减少)"
          rf"(?P<change>{NUM})(?P<change_unit>{UNIT})")
UP_VERBS = {"增长", "增产", "增加"}
CHANGE_ONLY = re.compile(rf"^{CHANGE}$")
IND_CHANGE = re.compile(rf"^(?P<ind>.+?){CHANGE}$")
RATIO = re.compile(rf"^(?P<ind>.+?)为(?P<ratio>{NUM}(?::{NUM})+)$")
VALUE = re.compile(rf"^(?P<ind>.+?)(?P<link>为|各)?(?P<value>{NUM})(?P<unit>{UNIT})$")
# A change with a qualifier in parentheses after it: 同比下降7.52%(剔除体制调整影响,同比增长10.22%).
QUALIFIED = re.compile(r"^(?P<main>.+?)\((?P<qualifier>[^(),]+),(?P<change>[^()]+)\)$")
CONNECTOR = re.compile(r"^其中[:,]?")
# Scope words before the indicator (全区实现地区生产总值 → 地区生产总值).
SCOPE_PREFIX = re.compile(r"^(?:全年|年末|全区|实现|完成|共有)+")
ALIAS_IN_PARENS = re.compile(r"^.+\((?P<alias>[^()]+)\)$")
# Indicators that only make sense with the subject of the figure before them.
RELATIVE_INDICATORS = {
    # 城镇居民人均生活消费支出 32131 元,恩格尔系数为 30.3% → 城镇居民恩格尔系数
    "恩格尔系数": lambda prev: prev.split("人均")[0] if "人均" in prev else None,
    # 个体私人诊所 130 户,从业人员 130 人 → 个体私人诊所从业人员
    "从业人员": lambda prev: prev,
}
EACH_HEADS = ("机构",)  # 高等教育和成人教育机构各 1 个 → 高等教育机构, 成人教育机构


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: split at , ; 。 outside parentheses."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in ",;。" and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _signed(verb: str, number: str) -> Decimal:
    value = to_decimal(number)
    return value if verb in UP_VERBS else -value


def _apply_change(figure: KeyFigure, m: re.Match) -> None:
    change = _signed(m.group("verb"), m.group("change"))
    if m.group("change_unit") == "%":
        figure.change_pct = change
    else:
        figure.change_value, figure.change_unit = change, m.group("change_unit")


def _indicator(raw: str) -> str:
    ind = SCOPE_PREFIX.sub("", raw)
    if m := ALIAS_IN_PARENS.match(ind):  # 占常住人口比重(常住人口城镇化率) → 常住人口城镇化率
        ind = m.group("alias")
    return ind


def parse_key_figures(source: SourceText, lines: list[tuple[int, str]]) -> list[KeyFigure]:
    """Every figure of every sentence; a change-only clause (同比增长9.2%) belongs to the figure before it."""
    figures: list[KeyFigure] = []
    for n, raw in lines:
        text = tidy(raw)
        prev: KeyFigure | None = None
        prev_start = 0
        for a, b in _clauses(text):
            if connector := CONNECTOR.match(text[a:b]):  # 其中, / 其中: / 其中城镇人口…
                a += connector.end()
            clause = text[a:b]
            if not clause:
                continue
            qualified = QUALIFIED.match(clause)
            change = CHANGE_ONLY.match(qualified.group("main") if qualified else clause)
            if change:
                if prev is None or prev.change_pct is not None or prev.change_value is not None:
                    raise ParseError(f"数字金川: change {clause!r} has no figure to attach to", source.path, n)
                _apply_change(prev, change)
                prev.text = text[prev_start:b]  # the figure's clause through its change
                if qualified:
                    figures.append(_qualified_figure(source, prev, qualified, n))
                continue
            if qualified:
                raise ParseError(f"数字金川: unexpected parentheses in {clause!r}", source.path, n)
            new = _read_clause(source, clause, n, prev)
            figures.extend(new)
            prev, prev_start = new[0], a
    for i, figure in enumerate(figures, start=1):
        figure.order = i
    return figures


def _read_clause(source: SourceText, clause: str, n: int, prev: KeyFigure | None) -> list[KeyFigure]:
    if m := RATIO.match(clause):
        return [KeyFigure(_indicator(m.group("ind")), None, "", None, clause, 0, n,
                          value_text=m.group("ratio"))]
    # Before VALUE: in 固定资产投资同比增长5.26% the number is a change, not a value in %.
    if m := IND_CHANGE.match(clause):
        figure = KeyFigure(_indicator(m.group("ind")), None, "", None, clause, 0, n)
        _apply_change(figure, m)
        return [figure]
    if m := VALUE.match(clause):
        return _value_figures(source, m, clause, n, prev)
    raise ParseError(f"数字金川: cannot read the clause {clause!r}", source.path, n)


def _qualified_figure(source: SourceText, main: KeyFigure, m: re.Match, n: int) -> KeyFigure:
    """一般公共预算收入 … (剔除体制调整影响,同比增长10.22%): the adjusted growth, a figure of its own."""
    change = CHANGE_ONLY.match(m.group("change"))
    if not change:
        raise ParseError(f"数字金川: cannot read the change in {m.group(0)!r}", source.path, n)
    figure = KeyFigure(f"{main.indicator}({m.group('qualifier')})", None, "", None, main.text, 0, n)
    _apply_change(figure, change)
    return figure


def _value_figures(source: SourceText, m: re.Match, clause: str, n: int,
                   prev: KeyFigure | None) -> list[KeyFigure]:
    indicator = _indicator(m.group("ind"))
    value, unit = to_decimal(m.group("value")), m.group("unit")
    if indicator in RELATIVE_INDICATORS:
        subject = RELATIVE_INDICATORS[indicator](prev.indicator) if prev else None
        if not subject:
            raise ParseError(f"数字金川: {indicator!r} needs the figure before it", source.path, n)
        indicator = subject + indicator
    if m.group("link") == "各":
        return [KeyFigure(name, value, unit, None, clause, 0, n)
                for name in _each_names(source, indicator, n)]
    return [KeyFigure(indicator, value, unit, None, clause, 0, n)]


def _each_names(source: SourceText, indicator: str, n: int) -> list[str]:
    """``A和B机构各1个``: one figure each for A机构 and B机构."""
    left, sep, right = indicator.partition("和")
    head = next((h for h in EACH_HEADS if right.endswith(h)), None)
    if not sep or head is None:
        raise ParseError(f"数字金川: cannot split {indicator!r}各", source.path, n)
    return [left + head, right]
