"""Front matter (lines before the table of contents): imprint, the compiling committee and
the editorial office, 编辑说明, and the book's lists of honorary titles and key figures.

Every block is found by its heading, which the source profile gives
(``[front_matter]``: ``board_heading``, ``editors_heading``, ``notes_heading``,
``honours_heading``, ``figures_heading``, ``photo_group_mark``), never by line
number. What cannot be read (a block heading not found, a stray page number among
the board's names, a clause of a key figure) becomes a review item and the rest is
read; a strict parse refuses it.

Stored forms (decisions):
* title: series and year with one space, as on the title page ("<series> 2021").
* cip_number: what follows 核字, "(YYYY)第NNNNNN号"; isbn without the "ISBN " prefix.
* editorial_notes: one string per item 一…六, tidy, without the "一、" numeral (the list order is the number).
* BoardMember.order: 1-based within its body (committee / editorial office), in book order.
* KeyFigure: one per figure; a ratio (三次产业结构比) has value None and value_text "2.62:75.09:22.29";
  a change that is not a percentage (比上年增加 2.3 万亩) goes to change_value/change_unit, change_pct None;
  a figure printed with only a change (固定资产投资同比增长 5.26%) has value None and unit "".
"""
from __future__ import annotations

import re
from decimal import Decimal

from .records import BoardMember, EditionInfo, HonoraryTitle, KeyFigure
from .source import SourceText
from .text import chinese_number, compact, to_decimal, tidy


def _front_lines(source: SourceText) -> list[tuple[int, str]]:
    """(line, cleaned text) for the non-blank lines before the body."""
    out = []
    for n in range(1, min(source.body_start, len(source) + 1)):
        t = source.cleaned(n).strip()
        if t:
            out.append((n, t))
    return out


def _find(lines: list[tuple[int, str]], test, after: int = 0) -> int | None:
    """Index in ``lines`` of the first line after line ``after`` that passes ``test``."""
    return next((i for i, (n, t) in enumerate(lines) if n > after and test(t)), None)


# The blocks of the front matter in book order: (key, setting of its heading).
BLOCKS = (("board", "board_heading"), ("notes", "notes_heading"), ("honours", "honours_heading"),
          ("figures", "figures_heading"))
BLOCK_NAMES = {"board": "编纂委员会名单", "notes": "编辑说明", "honours": "荣誉称号列表", "figures": "主要数据"}


def _block_spans(source: SourceText, lines: list[tuple[int, str]]) -> dict[str, tuple[int, int]]:
    """(first index, end index) of each block found; a missing heading is a review item."""
    settings = source.profile.get("front_matter", {}) or {}
    starts: list[tuple[str, int]] = []
    after = 0
    for key, setting in BLOCKS:
        heading = settings.get(setting)
        if not heading:
            continue  # the book has no such block
        wanted = compact(heading)
        i = _find(lines, lambda t, h=wanted: compact(t) == h, after)
        if i is None:
            source.review.problem(
                "front-matter-block", f"正文前未找到「{heading}」，{BLOCK_NAMES[key]}未读入", after or 1,
                printed=heading, error=f"front matter: {heading} not found")
            continue
        starts.append((key, i))
        after = lines[i][0]
    spans = {}
    for k, (key, i) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        if key == "figures":
            mark = settings.get("photo_group_mark")
            photos = _find(lines, lambda t, m=mark: t.startswith(m), lines[i][0]) if mark else None
            if mark and photos is None:
                source.review.problem("front-matter-block", f"主要数据之后未找到以「{mark}」开头的图片说明",
                                      lines[i][0], printed=mark, error=f"front matter: photo captions ({mark}…) not found")
            end = photos if photos is not None else end
        spans[key] = (i, end)
    return spans


def parse_front_matter(source: SourceText) -> EditionInfo:
    lines = _front_lines(source)
    title_re = source.profile.title_re
    title_i = _find(lines, title_re.match)
    if title_i is None:
        source.review.problem("front-matter-block", "正文前未找到书名行", 1,
                              error=f"front matter: title line {title_re.pattern} not found")
        series, year, title_line = source.profile.series, source.year, source.title_line or 1
    else:
        m = title_re.match(lines[title_i][1])
        series, year, title_line = m.group("series"), int(m.group("year")), lines[title_i][0]
    spans = _block_spans(source, lines)
    notes = parse_editorial_notes(source, _block(lines, spans, "notes"))
    info = EditionInfo(
        year=year,
        covers_year=_covers_year(source, notes, year, lines[spans["notes"][0]][0] if "notes" in spans else 1),
        title=f"{series} {year}",
        source_line=title_line,
    )
    first_block = min((i for i, _ in spans.values()), default=len(lines))
    _read_imprint(source, lines[:first_block], info)
    info.board = parse_board(source, lines[spans["board"][0]:spans["board"][1]] if "board" in spans else [])
    info.editorial_notes = [text for _, text in notes]
    info.honorary_titles = parse_honorary_titles(_block(lines, spans, "honours"))
    info.key_figures = parse_key_figures(source, _block(lines, spans, "figures"))
    return info


def _block(lines: list[tuple[int, str]], spans: dict[str, tuple[int, int]], key: str) -> list[tuple[int, str]]:
    """The lines of a block after its heading ([] when the block was not found)."""
    if key not in spans:
        return []
    i, end = spans[key]
    return lines[i + 1:end]


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
    for _, t in lines:
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
        what = "、".join(missing) or "主办单位/CIP 核字号"
        source.review.problem("imprint", f"版权页信息不全：缺少{what}", lines[0][0] if lines else 1,
                              error=f"front matter imprint incomplete: missing {missing or 'sponsor/CIP number'}")
    empty = ("", 0)
    info.editors_in_charge = split_names(*pairs.get("责任编辑", empty), source)
    info.publisher = compact(pairs.get("出版发行", empty)[0])
    info.published = compact(pairs.get("版次", empty)[0])
    info.printing = compact(pairs.get("印次", empty)[0])
    info.price = compact(pairs.get("定价", empty)[0])
    info.isbn = _isbn(source, lines, pairs["书号"]) if "书号" in pairs else ""


def _isbn(source: SourceText, lines: list[tuple[int, str]], printed: tuple[str, int]) -> str:
    """ISBN from 书号, checked against the CIP block's ISBN."""
    m = CIP_ISBN.search(printed[0])
    if not m:
        source.review.problem("imprint", f"书号「{printed[0]}」中没有 ISBN", printed[1], printed=printed[0],
                              error=f"书号 {printed[0]!r} holds no ISBN")
        return ""
    isbn = m.group("isbn")
    for n, t in lines:
        other = CIP_ISBN.search(t)
        if other and other.group("isbn") != isbn:
            source.review.problem("imprint", f"CIP 数据中的 ISBN {other.group('isbn')} 与书号 {isbn} 不一致", n,
                                  printed=t, guess=isbn, error=f"ISBN {other.group('isbn')} differs from 书号 {isbn}")
    return isbn


# -- names -------------------------------------------------------------------

NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
NAME_GLYPH = re.compile(r"^[\u4e00-\u9fff]$")


def split_names(text: str, line: int, source: SourceText) -> list[str]:
    """Names separated by spaces; a two-character name is padded (``李 燚``): rejoin single glyphs in pairs.

    A token that is not a name (a stray page number ``87``, a lone glyph) is left out
    with a review item.
    """
    names, single = [], []
    for token in text.split():
        if len(token) == 1 and NAME_GLYPH.match(token):
            single.append(token)
            if len(single) == 2:
                names.append("".join(single))
                single = []
            continue
        if single:
            _stray(source, line, single[0], f"lone glyph {single[0]!r} before {token!r}")
            single = []
        names.append(token)
    if single:
        _stray(source, line, single[0], f"lone glyph {single[0]!r} at the end of the names")
    good = []
    for name in names:
        if NAME.match(name):
            good.append(name)
        else:
            _stray(source, line, name, f"{name!r} is not a personal name")
    return good


def _stray(source: SourceText, line: int, token: str, error: str) -> None:
    guess = "页码，略去" if re.fullmatch(r"\S*\d+\S*", token) else "略去"
    source.review.problem("board-token", f"名单中的「{token}」不是人名（{guess}），未读入", line,
                          printed=source.printed(line).strip(), guess=guess, error=error)


# -- 编纂委员会 and 编辑部 --------------------------------------------------------

BOARD_TITLES = ["名誉主任", "副主任", "主任", "委员", "副主编", "主编", "编辑"]
BOARD_TITLE = re.compile(
    "^(?P<title>" + "|".join(r"\s*".join(t) for t in BOARD_TITLES) + r")"
    r"(?:\s*\((?P<note>[^)]*)\))?(?=\s|$)\s*")


def _misread_titles(source: SourceText) -> list[tuple[re.Pattern, str]]:
    """Board titles the OCR misread (profile ``front_matter.title_misreadings``): a misread
    title is recognised only with the note printed after it (云 (以姓氏笔画为序) = 委员)."""
    out = []
    for r in source.profile.get("front_matter.title_misreadings", []) or []:
        out.append((re.compile(rf"^{re.escape(r['printed'])}\s*\((?P<note>{re.escape(r['note'])})\)\s*"),
                    r["title"]))
    return out


def parse_board(source: SourceText, lines: list[tuple[int, str]]) -> list[BoardMember]:
    """The committee roster and the editorial office: a title opens a list of names,
    and lines with names only continue the last title (a long 副主任 list spans lines)."""
    settings = source.profile.get("front_matter", {}) or {}
    board_heading = compact(settings.get("board_heading", ""))
    editors = re.compile(settings["editors_heading"]) if settings.get("editors_heading") else None
    misread = _misread_titles(source)
    members: list[BoardMember] = []
    body, title, order = "", "", 0
    for n, t in lines:
        if compact(t) == board_heading or (editors and editors.match(t)):
            body, title, order = " ".join(t.split()), "", 0
            continue
        if m := BOARD_TITLE.match(t):
            title, t = compact(m.group("title")), t[m.end():]
        else:
            for pattern, misread_title in misread:
                if m := pattern.match(t):
                    title, t = misread_title, t[m.end():]
                    break
        if not title:
            source.review.problem("board-token", f"名单中「{t}」前没有职务，未读入", n, printed=t,
                                  error=f"board names with no title: {t!r}")
            continue
        for name in split_names(t, n, source):
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
                source.review.problem("editorial-notes", f"编辑说明第「{m.group('num')}」条序号不连续，按原文顺序读入",
                                      n, printed=t, error=f"编辑说明 item {m.group('num')} out of order")
            items.append([n, t[m.end():]])
        elif items:
            items[-1][1] += t
        else:
            source.review.problem("editorial-notes", "编辑说明第一条之前的文字未读入", n, printed=t,
                                  error="编辑说明 text before item 一")
    return [(n, tidy(t)) for n, t in items]


def _covers_year(source: SourceText, notes: list[tuple[int, str]], year: int, line: int) -> int:
    """The volume is named for the year of publication and records another year (the profile's
    ``covers_offset``); 编辑说明 must say so in the profile's words (``covers_phrase``)."""
    covers = source.profile.covers(year)
    phrase = source.profile.get("front_matter.covers_phrase")
    if phrase and not any(phrase in text for _, text in notes[:3]):
        source.review.problem(
            "editorial-notes", f"编辑说明未写明本卷记述的年份（「{phrase}」），按配置读作 {covers} 年", line,
            guess=str(covers), error="编辑说明 item 二 does not say which year the volume records")
    return covers


# -- honorary titles ------------------------------------------------------------

def parse_honorary_titles(lines: list[tuple[int, str]]) -> list[HonoraryTitle]:
    """One title per line (line 172's lost ``)`` is restored by the corrections file)."""
    return [HonoraryTitle(name=tidy(t), order=i, source_line=n) for i, (n, t) in enumerate(lines, start=1)]


# -- key figures ------------------------------------------------------------------

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


def _scope_prefix(source: SourceText) -> re.Pattern:
    """Scope words before an indicator, from the profile (全区实现地区生产总值 → 地区生产总值)."""
    words = source.profile.get("figures.scope_prefixes", []) or []
    return re.compile("^(?:" + "|".join(map(re.escape, words)) + ")+") if words else re.compile("(?!)")


def _indicator(raw: str, scope: re.Pattern) -> str:
    ind = scope.sub("", raw)
    if m := ALIAS_IN_PARENS.match(ind):  # 占常住人口比重(常住人口城镇化率) → 常住人口城镇化率
        ind = m.group("alias")
    return ind


def parse_key_figures(source: SourceText, lines: list[tuple[int, str]]) -> list[KeyFigure]:
    """Every figure of every sentence; a change-only clause (同比增长9.2%) belongs to the figure before it."""
    figures: list[KeyFigure] = []
    scope = _scope_prefix(source)
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
                    _unread_clause(source, clause, n, f"change {clause!r} has no figure to attach to")
                    continue
                _apply_change(prev, change)
                prev.text = text[prev_start:b]  # the figure's clause through its change
                if qualified:
                    figures += _qualified_figure(source, prev, qualified, n)
                continue
            if qualified:
                _unread_clause(source, clause, n, f"unexpected parentheses in {clause!r}")
                continue
            new = _read_clause(source, clause, n, prev, scope)
            figures.extend(new)
            if new:
                prev, prev_start = new[0], a
    for i, figure in enumerate(figures, start=1):
        figure.order = i
    return figures


def _unread_clause(source: SourceText, clause: str, n: int, error: str) -> None:
    source.review.problem("key-figure", f"主要数据中的「{clause}」无法读作指标和数值，未读入", n,
                          printed=clause, error=f"key figures: {error}")


def _read_clause(source: SourceText, clause: str, n: int, prev: KeyFigure | None,
                 scope: re.Pattern) -> list[KeyFigure]:
    if m := RATIO.match(clause):
        return [KeyFigure(_indicator(m.group("ind"), scope), None, "", None, clause, 0, n,
                          value_text=m.group("ratio"))]
    # Before VALUE: in 固定资产投资同比增长5.26% the number is a change, not a value in %.
    if m := IND_CHANGE.match(clause):
        figure = KeyFigure(_indicator(m.group("ind"), scope), None, "", None, clause, 0, n)
        _apply_change(figure, m)
        return [figure]
    if m := VALUE.match(clause):
        return _value_figures(source, m, clause, n, prev, scope)
    _unread_clause(source, clause, n, f"cannot read the clause {clause!r}")
    return []


def _qualified_figure(source: SourceText, main: KeyFigure, m: re.Match, n: int) -> list[KeyFigure]:
    """一般公共预算收入 … (剔除体制调整影响,同比增长10.22%): the adjusted growth, a figure of its own."""
    change = CHANGE_ONLY.match(m.group("change"))
    if not change:
        _unread_clause(source, m.group(0), n, f"cannot read the change in {m.group(0)!r}")
        return []
    figure = KeyFigure(f"{main.indicator}({m.group('qualifier')})", None, "", None, main.text, 0, n)
    _apply_change(figure, change)
    return [figure]


def _value_figures(source: SourceText, m: re.Match, clause: str, n: int,
                   prev: KeyFigure | None, scope: re.Pattern) -> list[KeyFigure]:
    indicator = _indicator(m.group("ind"), scope)
    value, unit = to_decimal(m.group("value")), m.group("unit")
    if indicator in RELATIVE_INDICATORS:
        subject = RELATIVE_INDICATORS[indicator](prev.indicator) if prev else None
        if not subject:
            source.review.problem("key-figure", f"主要数据「{clause}」缺少所属的前一项指标，按原文读入", n,
                                  printed=clause, guess=indicator,
                                  error=f"key figures: {indicator!r} needs the figure before it")
        else:
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
        source.review.problem("key-figure", f"主要数据「{indicator}各…」无法拆成两项，按一项读入", n,
                              printed=indicator, guess=indicator, error=f"key figures: cannot split {indicator!r}各")
        return [indicator]
    return [left + head, right]
