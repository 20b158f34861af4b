"""The same figure printed in several places with different values.

Figures are read from text with a tolerant pattern (indicator, value, unit, change), and from tables and
key figures as they are stored. Two printings agree when they are equal at the coarser of their printed
precisions (3.99亿元 and 39871万元 agree; 3.98亿元 and 3.99亿元 do not; 7.5% and 7.52% agree).

Prose is full of one-off quantities (拨付资金…万元), so a figure of an entry or a report is compared only
when its indicator is also printed in a statistical place (数字金川, 统计公报, 区情概览, 统计表). A figure
said in a sentence that begins with 预计 is a forecast: it is compared with the final figures apart, as
its own kind of finding.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .data import Edition, Place, Problem, Ref, Table

# unit → (dimension, factor to the dimension's base unit). Longest spellings first in the pattern.
UNITS: dict[str, tuple[str, Decimal]] = {
    "亿元": ("money", Decimal("100000000")), "万元": ("money", Decimal("10000")), "元": ("money", Decimal(1)),
    "万人次": ("visits", Decimal("10000")), "人次": ("visits", Decimal(1)),
    "万人": ("people", Decimal("10000")), "人": ("people", Decimal(1)), "名": ("people", Decimal(1)),
    "万吨": ("tonnes", Decimal("10000")), "吨": ("tonnes", Decimal(1)),
    "万亩": ("mu", Decimal("10000")), "亩": ("mu", Decimal(1)),
    "平方千米": ("km2", Decimal(1)), "平方公里": ("km2", Decimal(1)), "公顷": ("ha", Decimal(1)),
    "万头(只)": ("head", Decimal("10000")), "万头": ("head", Decimal("10000")), "头": ("head", Decimal(1)),
    "万只": ("head", Decimal("10000")), "只": ("head", Decimal(1)),
    "千米": ("km", Decimal(1)), "公里": ("km", Decimal(1)),
    "万户": ("households", Decimal("10000")), "户": ("households", Decimal(1)),
    "个百分点": ("points", Decimal(1)), "%": ("pct", Decimal(1)),
    "个": ("count", Decimal(1)), "所": ("count", Decimal(1)), "家": ("count", Decimal(1)),
    "起": ("cases", Decimal(1)), "处": ("places", Decimal(1)), "张": ("beds", Decimal(1)),
    "项": ("items", Decimal(1)), "件": ("pieces", Decimal(1)), "辆": ("vehicles", Decimal(1)),
}
_UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUMBER = r"-?\d+(?:\.\s?\d+)?"
_UP = ("增长", "增加", "上涨", "增产", "提高", "上升")
_DOWN = ("下降", "减少", "减产", "下跌", "降低", "回落")
_VERB = "|".join(_UP + _DOWN)
_CHANGE = re.compile(
    rf"^\s*[,，]?\s*(?:同比|比上年末|比上年|较上年|与上年相比|比去年)?\s*(?:(?P<verb>{_VERB})\s*(?P<num>{_NUMBER})\s*"
    rf"(?P<unit>{_UNIT_PATTERN})?|(?P<flat>持平))")
_VALUE = re.compile(rf"(?<![\d.])(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT_PATTERN})")
_CHANGE_ONLY = re.compile(rf"(?:同比|比上年末|比上年|较上年)\s*"
                          rf"(?:(?P<verb>{_VERB})\s*(?P<num>{_NUMBER})\s*(?P<unit>%)|(?P<flat>持平))")
# What ends the phrase that names a figure, looking back from its number.
_DELIMITERS = set(",，;；。:：!！?？、()（）\"“”《》\n【】")
_LEADING = re.compile(r"^(?:\d{4}年|全年|全区|全市|金川区|年末|年底|年内|当年|实现|完成|累计|共发生|发生|共有|共|现有|"
                      r"拥有|有|达到|其中|初步核算|据测算|预计|各类|一般(?!公共)|辖区|通过|据|另|分别)+")
_TRAILING = re.compile(r"(?:为|达到|达|是|约|共计|合计|总计|实现|完成|突破|超过|同比|比上年末|比上年|较上年)+$")
# Two spellings of one indicator (general statistical vocabulary, not one book's wording).
SYNONYMS = {
    "地区生产总值": "生产总值",
    "社会消费品零售额": "社会消费品零售总额",
    "规上工业增加值": "规模以上工业增加值",
    "规模以上工业企业增加值": "规模以上工业增加值",
}
# Suffix a table row takes from its table's subject: 表3 主要农产品产量 row 肉类 is 肉类产量.
TABLE_SUBJECT_SUFFIX = (("产量", "产量"), ("生产总值", "增加值"))
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR_LABEL = re.compile(r"^\d{4}年?(度)?$")


@dataclass(frozen=True)
class Mention:
    """One printed figure: the value in its unit, or a change (in %, points or a unit)."""

    indicator: str
    quantity: str           # value | change
    number: Decimal         # as printed (sign applied for changes)
    unit: str
    ref: Ref
    place: str
    context: str = ""
    forecast: bool = False
    pos: int = field(default=-1, compare=False)   # where the number starts in its text

    @property
    def dimension(self) -> str:
        return UNITS.get(self.unit, (self.unit, Decimal(1)))[0]

    @property
    def base(self) -> Decimal:
        return self.number * UNITS.get(self.unit, ("", Decimal(1)))[1]

    @property
    def step(self) -> Decimal:
        """Half of the last printed digit, in the base unit: 3.99亿元 → 0.005亿元."""
        exponent = self.number.normalize().as_tuple().exponent if self.number else 0
        exponent = min(exponent, 0) if isinstance(exponent, int) else 0
        return Decimal(5).scaleb(exponent - 1) * UNITS.get(self.unit, ("", Decimal(1)))[1]

    @property
    def printed(self) -> str:
        n = f"{self.number.normalize():f}" if self.number else "0"
        if self.quantity == "change":
            if self.number == 0:
                return "持平"
            return ("增长" if self.number > 0 else "下降") + n.lstrip("-") + self.unit
        return n + self.unit


def normalize_indicator(text: str) -> str:
    name = "".join(text.split()).replace("(只)", "")
    if "全区" in name:      # 全区 opens the subject: 通过多茬种植全区蔬菜种植面积 → 蔬菜种植面积
        name = name.rsplit("全区", 1)[1]
    name = re.sub(r"累计|实现|完成", "", name).replace("总产量", "产量")
    for _ in range(3):
        name = _LEADING.sub("", name)
        name = _TRAILING.sub("", name)
    return SYNONYMS.get(name, name)


def _indicator_before(text: str, start: int) -> str:
    """The phrase between the previous delimiter and position ``start``."""
    i = start
    while i > 0 and text[i - 1] not in _DELIMITERS:
        i -= 1
    phrase = text[i:start]
    if "其中" in phrase:
        phrase = phrase.rsplit("其中", 1)[1]
    return normalize_indicator(phrase)


def _plausible(indicator: str) -> bool:
    return 2 <= len(indicator) <= 24 and len(_HAN.findall(indicator)) >= 2 and not indicator.endswith(("的", "和"))


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"[。\n]", text)]


def _is_forecast(text: str, pos: int) -> bool:
    start = max(s for s in _sentence_starts(text) if s <= pos)
    return "预计" in text[start:pos]


def _signed(verb: str | None, num: str) -> Decimal:
    value = Decimal(num.replace(" ", ""))
    return -value if verb in _DOWN else value


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 12):end + 12].replace("\n", " ")


def _sentence_start(text: str, pos: int) -> int:
    return max(s for s in _sentence_starts(text) if s <= pos)


class _Sentences:
    """The figures already read in each sentence: its subject (the first) and whether a breakdown
    (其中…) has a total."""

    def __init__(self, text: str):
        self.text = text
        self.read: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def qualify(self, indicator: str, pos: int) -> str | None:
        """The indicator as compared: a bare word (死亡, 受伤) takes its sentence's subject
        (生产安全事故·死亡), so traffic deaths are not compared with work-accident deaths; an item of a
        breakdown whose total is not a figure of the sentence (11所中小学移交…其中小学6所) has no known
        scope and is not compared (None)."""
        start = _sentence_start(self.text, pos)
        before = self.read[start]
        breakdown = self.text.find("其中", start, pos)
        if breakdown >= 0 and not any(p < breakdown for p, _ in before):
            return None
        subject = before[0][1] if before else indicator
        self.read[start].append((pos, indicator))
        if len(indicator) <= 2 and subject != indicator:
            return f"{subject}·{indicator}"
        return indicator


# A number followed at once by a noun counts things named after it (11所中小学, 14辆垃圾车) or is
# approximate (90%以上, 50余次): not a figure of the phrase before it.
_NOUN_AFTER = re.compile(rf"^(?!同比|比上年|比去年|较上年|{_VERB})[\u4e00-\u9fff]")


def text_mentions(text: str, ref: Ref, place: str) -> list[Mention]:
    """Every (indicator, value, unit, change) the text prints."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    sentences = _Sentences(text)
    for m in _VALUE.finditer(text):
        indicator = _indicator_before(text, m.start())
        if not _plausible(indicator):
            continue
        if _NOUN_AFTER.match(text[m.end():m.end() + 4]):
            continue
        indicator = sentences.qualify(indicator, m.start())
        if indicator is None:
            continue
        forecast = _is_forecast(text, m.start())
        unit = m.group("unit")
        number = Decimal(m.group("num").replace(" ", ""))
        tail = text[m.end():m.end() + 40]
        change = _CHANGE.match(tail.replace("(只)", "", 1))
        end = m.end() + (change.end() if change else 0)
        ctx = _context(text, m.start() - len(indicator), end)
        if unit == "%" and text[max(0, m.start() - 2):m.start()] in ("增长", "下降"):
            continue
        out.append(Mention(indicator, "value", number, unit, ref, place, ctx, forecast, m.start()))
        if change:
            if change.group("flat"):
                out.append(Mention(indicator, "change", Decimal(0), "%", ref, place, ctx, forecast, m.start()))
            else:
                out.append(Mention(indicator, "change", _signed(change.group("verb"), change.group("num")),
                                   change.group("unit") or "%", ref, place, ctx, forecast, m.start()))
        taken.append((m.start(), end))
    for m in _CHANGE_ONLY.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        indicator = _indicator_before(text, m.start())
        if not _plausible(indicator):
            continue
        indicator = sentences.qualify(indicator, m.start())
        if indicator is None:
            continue
        number = Decimal(0) if m.group("flat") else _signed(m.group("verb"), m.group("num"))
        out.append(Mention(indicator, "change", number, "%", ref, place,
                           _context(text, m.start() - len(indicator), m.end()), _is_forecast(text, m.start()),
                           m.start()))
    return out


def _is_change_column(label: str) -> bool:
    return any(w in label for w in ("增长", "增减", "±", "比上年"))


def _row_indicator(table: Table, label: str) -> str:
    name = normalize_indicator(label)
    for subject, suffix in TABLE_SUBJECT_SUFFIX:
        if subject in table.title and not name.endswith(suffix) and name != normalize_indicator(subject):
            name += suffix
    return SYNONYMS.get(name, name)


def table_mentions(table: Table) -> list[Mention]:
    """The cells of a table whose rows are indicators (not years): one mention per number."""
    out: list[Mention] = []
    if any(_YEAR_LABEL.match(r.label) for r in table.rows):
        return out
    table_unit = re.split(r"[、,，]", table.unit)[0] if table.unit else ""
    for row in table.rows:
        indicator = _row_indicator(table, row.label)
        if not indicator:
            continue
        ref = Ref(table.ref.model, table.ref.pk, f"{table.ref.label} · {row.label}", row.line or table.ref.line,
                  table.ref.url)
        for col, value, text in zip(table.columns, row.values, row.texts):
            if value is None:
                continue
            label = " ".join(col.path) or col.label
            if _is_change_column(label):
                out.append(Mention(indicator, "change", value, col.unit or "%", ref, Place.TABLE, f"{row.label} {label} {text}"))
            else:
                unit = col.unit or row.unit or table_unit
                if unit == "%" or unit not in UNITS:
                    continue
                out.append(Mention(indicator, "value", value, unit, ref, Place.TABLE, f"{row.label} {label} {text}"))
    return out


def agree(a: Mention, b: Mention) -> bool:
    """Equal at the coarser printed precision (units converted)."""
    return abs(a.base - b.base) <= max(a.step, b.step) + Decimal("1e-9")


def collect_mentions(edition: Edition) -> list[Mention]:
    mentions: list[Mention] = []
    for t in edition.texts:
        mentions.extend(text_mentions(t.text, t.ref, t.place))
    for table in edition.tables:
        mentions.extend(table_mentions(table))
    return mentions


def _ambiguous(mentions: list[Mention]) -> set[tuple]:
    """(record, indicator, quantity, dimension) printed with different values inside one record: the
    indicator means several things there (参保人数 of several schemes), so it is not compared."""
    seen: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        seen[(m.ref.model, m.ref.pk, m.ref.label, m.indicator, m.quantity, m.dimension)].append(m)
    return {k for k, ms in seen.items() if any(not agree(ms[0], x) for x in ms[1:])}


def _clusters(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped by agreement with the cluster's first member."""
    clusters: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda x: (-len(str(x.number)), x.ref.line or 0)):
        for c in clusters:
            if agree(c[0], m):
                c.append(m)
                break
        else:
            clusters.append([m])
    return clusters


def _where(m: Mention) -> str:
    line = f"第{m.ref.line}行" if m.ref.line else ""
    return f"{Place.LABELS.get(m.place, m.place)}〈{m.ref.label}〉{line}"


def _describe(indicator: str, quantity: str, clusters: list[list[Mention]], forecast: bool) -> str:
    what = "增减" if quantity == "change" else "数值"
    parts = []
    for c in clusters:
        places = "、".join(dict.fromkeys(_where(m) for m in c))
        tag = "（预计）" if forecast and c[0].forecast else ""
        parts.append(f"{c[0].printed}{tag}：{places}")
    head = f"“{indicator}”的{what}" + ("预计数与统计数不同" if forecast else "前后不一")
    return head + "：" + "；".join(parts) + "。"


def _problem(kind: str, indicator: str, quantity: str, clusters: list[list[Mention]], forecast: bool) -> Problem:
    refs = list(dict.fromkeys(m.ref for c in clusters for m in c))
    printed = sorted({m.printed for c in clusters for m in c})
    return Problem(
        kind=kind, key=f"{indicator}|{quantity}|{clusters[0][0].dimension}|{'/'.join(printed)}",
        message=_describe(indicator, quantity, clusters, forecast), refs=refs,
        details={"indicator": indicator, "quantity": quantity, "values": [
            {"printed": m.printed, "place": Place.LABELS.get(m.place, m.place), "record": m.ref.label,
             "line": m.ref.line, "context": m.context, "forecast": m.forecast} for c in clusters for m in c]})


def check_figures(edition: Edition) -> list[Problem]:
    """Kinds ``figure`` (final figures that disagree) and ``forecast`` (a forecast that differs from the
    final figure)."""
    mentions = collect_mentions(edition)
    # Only what a statistical place prints (same indicator, same quantity, same kind of unit) is compared.
    canonical = {(m.indicator, m.quantity, m.dimension) for m in mentions if m.place in Place.STATISTICAL}
    ambiguous = _ambiguous(mentions)
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if (m.indicator, m.quantity, m.dimension) not in canonical or m.place == Place.LOCAL:
            continue
        if (m.ref.model, m.ref.pk, m.ref.label, m.indicator, m.quantity, m.dimension) in ambiguous:
            continue
        groups[(m.indicator, m.quantity, m.dimension)].append(m)
    problems: list[Problem] = []
    for (indicator, quantity, _dim), ms in sorted(groups.items()):
        final = [m for m in ms if not m.forecast]
        clusters = _clusters(final)
        if len(clusters) > 1:
            problems.append(_problem("figure", indicator, quantity, clusters, forecast=False))
        forecasts = [m for m in ms if m.forecast]
        if forecasts and final:
            best = max(_clusters(final), key=len)
            off = [f for f in forecasts if not agree(best[0], f)]
            if off:
                problems.append(_problem("forecast", indicator, quantity, _clusters(off) + [best], forecast=True))
    return problems
