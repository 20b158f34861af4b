"""Parts that do not add up to their printed total, in tables and in text.

The tolerance is that of the printed precision: each printed term may be off by half its last digit,
so a sum of ten terms printed to 0.01 may differ from its total by up to 0.055 (表1: the industries add
up to 271.42 against a printed 271.41, which is rounding, not an error).
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from .data import Edition, Place, Problem, Ref, Table
from .figures import UNITS, Mention, _is_change_column, _sentence_start, text_mentions

STATISTICAL = Place.STATISTICAL | {Place.KEY_FIGURES}

# A first row that is the table's total (生产总值, 合计, 总计…): the flat rows below it are its parts.
_TOTAL_LABEL = re.compile(r"(合计|总计|小计|总值|总额|总数|总量|全区)$")
_GROUP_HEADING = re.compile(r"^按.+分$")       # 按经营地分: a breakdown of the table's total
_AGE = re.compile(r"(?P<lo>\d+)\s*[—\-~至]\s*(?P<hi>\d+)\s*(?:周岁|岁)|(?P<open>\d+)\s*(?:周岁|岁)及以上")
_POPULATION = re.compile(r"(常住人口|总人口|户籍人口|年末人口)$")


def half_step(value: Decimal, text: str = "") -> Decimal:
    """Half of the last printed digit: 8.20 → 0.005, 271.41 → 0.005, 20.0 → 0.05, 40609 → 0.5."""
    printed = "".join((text or "").split()).rstrip("%")
    try:
        exponent = Decimal(printed).as_tuple().exponent
    except ArithmeticError:
        exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        exponent = 0
    return Decimal(5).scaleb(min(exponent, 0) - 1)


def _fmt(d: Decimal) -> str:
    text = f"{d.normalize():f}"
    return text


def _row_ref(table: Table, label: str, line) -> Ref:
    return Ref(table.ref.model, table.ref.pk, f"{table.ref.label} · {label}", line or table.ref.line, table.ref.url)


def _sum_problem(table: Table, column: str, total_row, parts: list, col: int) -> Problem | None:
    total = total_row.values[col]
    terms = [p.values[col] for p in parts]
    if total is None or any(t is None for t in terms) or len(terms) < 2:
        return None
    tolerance = half_step(total, total_row.texts[col]) + sum(half_step(p.values[col], p.texts[col]) for p in parts)
    parts_sum = sum(terms, Decimal(0))
    if abs(parts_sum - total) <= tolerance:
        return None
    names = "、".join(p.label for p in parts)
    message = (f"{table.ref.label}：“{column}”列中 {names} 之和为 {_fmt(parts_sum)}，"
               f"而“{total_row.label}”印为 {_fmt(total)}（差 {_fmt(parts_sum - total)}，"
               f"按印刷精度允许误差 {_fmt(tolerance)}）。")
    refs = [_row_ref(table, total_row.label, total_row.line)] + [_row_ref(table, p.label, p.line) for p in parts]
    return Problem("table_sum", f"{table.title}|{column}|{total_row.label}|{_fmt(total)}|{_fmt(parts_sum)}",
                   message, list(dict.fromkeys(refs)),
                   {"table": table.title, "column": column, "total": _fmt(total), "sum": _fmt(parts_sum),
                    "tolerance": _fmt(tolerance), "parts": [p.label for p in parts]})


def table_breakdowns(table: Table) -> list[tuple]:
    """(total row, part rows) pairs a table prints: a parent row and its children; a group heading
    (按经营地分) and its children under the table's first row; a total first row (生产总值) and the flat rows
    below it."""
    rows = table.rows
    out = []
    children: dict[int, list] = defaultdict(list)
    for r in rows:
        if r.parent is not None:
            children[r.parent].append(r)
    for parent, kids in children.items():
        total = rows[parent]
        if all(v is None for v in total.values) and _GROUP_HEADING.match(total.label) and rows:
            out.append((rows[0], kids))
        elif len(kids) >= 2:
            out.append((total, kids))
    if rows and not children and not any(r.group for r in rows) and _TOTAL_LABEL.search(rows[0].label):
        out.append((rows[0], rows[1:]))
    return out


def check_table_sums(table: Table) -> list[Problem]:
    problems = []
    for col, column in enumerate(table.columns):
        label = " ".join(column.path) or column.label
        if _is_change_column(label) or column.unit == "%" or table.unit.strip() == "%":
            continue   # rates and indices do not add up
        for total, parts in table_breakdowns(table):
            p = _sum_problem(table, label, total, parts, col)
            if p:
                problems.append(p)
    return problems


def check_equal_rows(table: Table) -> list[Problem]:
    """Two rows with the same amount but different growth (夏粮 1.44 +5.9% / 小麦 1.44 +6.7%): if the two
    amounts are one quantity, the growth must be one too."""
    value_cols = [i for i, c in enumerate(table.columns)
                  if not _is_change_column(" ".join(c.path) or c.label) and c.unit != "%"]
    change_cols = [i for i, c in enumerate(table.columns) if _is_change_column(" ".join(c.path) or c.label)]
    if not value_cols or not change_cols:
        return []
    problems = []
    v, c = value_cols[0], change_cols[0]
    rows = [r for r in table.rows if r.values[v] not in (None, Decimal(0)) and r.values[c] is not None]
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if a.values[v] == b.values[v] and a.values[c] != b.values[c]:
                message = (f"{table.ref.label}：“{a.label}”与“{b.label}”数值同为 {a.texts[v] or _fmt(a.values[v])}，"
                           f"增幅却分别为 {_fmt(a.values[c])} 和 {_fmt(b.values[c])}。")
                problems.append(Problem("table_sum", f"{table.title}|equal|{a.label}|{b.label}|{_fmt(a.values[c])}|"
                                        f"{_fmt(b.values[c])}", message,
                                        [_row_ref(table, a.label, a.line), _row_ref(table, b.label, b.line)],
                                        {"table": table.title, "rows": [a.label, b.label]}))
    return problems


# -- text -------------------------------------------------------------------------------------

def _age_range(indicator: str):
    m = _AGE.search(indicator)
    if not m:
        return None
    if m.group("open"):
        return int(m.group("open")), None
    return int(m.group("lo")), int(m.group("hi"))


def _mention_half_step(m: Mention) -> Decimal:
    return half_step(m.number) * UNITS.get(m.unit, ("", Decimal(1)))[1]


def age_group_problems(mentions: list[Mention]) -> list[Problem]:
    """Age groups that cover everyone (0—14, 15—64, 65 及以上) must add up to the population before them."""
    values = [m for m in mentions if m.quantity == "value" and m.dimension == "people"]
    problems = []
    i = 0
    while i < len(values):
        rng = _age_range(values[i].indicator)
        if rng is None or rng[0] != 0:
            i += 1
            continue
        groups = [values[i]]
        j = i + 1
        while j < len(values) and (r := _age_range(values[j].indicator)) and groups and \
                _age_range(groups[-1].indicator)[1] is not None and r[0] == _age_range(groups[-1].indicator)[1] + 1:
            groups.append(values[j])
            j += 1
        complete = _age_range(groups[-1].indicator)[1] is None
        totals = [m for m in values[:i] if _POPULATION.search(m.indicator)]
        if complete and totals:
            total = totals[-1]
            parts_sum = sum((g.base for g in groups), Decimal(0))
            tolerance = _mention_half_step(total) + sum(_mention_half_step(g) for g in groups)
            if abs(parts_sum - total.base) > tolerance:
                factor = UNITS[total.unit][1]
                shown = f"{_fmt(parts_sum / factor)}{total.unit}"
                names = "、".join(f"{g.indicator} {g.printed}" for g in groups)
                message = (f"{total.ref.label}：{names} 之和为 {shown}，与{total.indicator} {total.printed}不符"
                           f"（第{total.ref.line}行）。" if total.ref.line else
                           f"{total.ref.label}：{names} 之和为 {shown}，与{total.indicator} {total.printed}不符。")
                problems.append(Problem("text_sum", f"age|{total.ref.label}|{total.printed}|{shown}", message,
                                        [total.ref], {"total": total.printed, "sum": shown,
                                                      "parts": [g.printed for g in groups]}))
        i = j
    return problems


def text_breakdowns(text: str, ref: Ref, place: str) -> list[tuple[Mention, list[Mention]]]:
    """(total, parts) of 'X N个,其中 A a个,B b个': the total is the sentence's first figure (the previous
    sentence's when 其中 opens one), the parts run to the next ';' or '。'."""
    mentions = [m for m in text_mentions(text, ref, place) if m.quantity == "value" and not m.forecast]
    out = []
    for found in re.finditer("其中", text):
        pos = found.start()
        end = min([k for k in (text.find(c, pos) for c in ";；。\n") if k >= 0] or [len(text)])
        start = _sentence_start(text, pos)
        if not text[start:pos].strip(",，:： "):
            start = _sentence_start(text, max(0, start - 1))
        candidates = [m for m in mentions if start <= m.pos < pos]
        if not candidates:
            continue
        total = candidates[0]
        parts = [m for m in mentions if pos < m.pos < end and m.dimension == total.dimension]
        if len(parts) >= 2:
            out.append((total, parts))
    return out


def breakdown_problems(edition: Edition) -> list[Problem]:
    """Parts that exceed their total, and the same total broken down completely in one place and
    with parts missing in another (医疗卫生机构 18 = 7+5+2+4 here, 7+5+2 there)."""
    problems = []
    by_total: dict[tuple, list] = defaultdict(list)
    for t in edition.texts:
        for total, parts in text_breakdowns(t.text, t.ref, t.place):
            parts_sum = sum((p.base for p in parts), Decimal(0))
            tolerance = _mention_half_step(total) + sum(_mention_half_step(p) for p in parts)
            complete = abs(parts_sum - total.base) <= tolerance
            # In prose, overlapping categories (查处…违法 of several kinds) often exceed their total; only a
            # part printed twice there is sure to be an error. Rates never add up.
            repeated = len({(p.indicator, p.number) for p in parts}) < len(parts)
            additive = total.dimension not in ("pct", "points")
            if additive and parts_sum - total.base > tolerance and (t.place in STATISTICAL or repeated):
                names = "、".join(f"{p.indicator} {p.printed}" for p in parts)
                problems.append(Problem(
                    "text_sum", f"exceeds|{t.ref.label}|{total.indicator}|{total.printed}",
                    f"{t.ref.label}：{total.indicator} {total.printed}，其中 {names}，分项之和超过合计"
                    + ("（有分项重复印刷）。" if repeated else "。"),
                    [t.ref], {"total": total.printed, "parts": [p.printed for p in parts]}))
            by_total[(total.indicator, total.printed)].append((t, total, parts, complete))
    for (indicator, printed), found in sorted(by_total.items()):
        full = [f for f in found if f[3]]
        if not full:
            continue
        names = {p.indicator for p in full[0][2]}
        for t, _total, parts, complete in found:
            have = {p.indicator for p in parts}
            if complete or not have < names:
                continue
            missing = [f"{p.indicator} {p.printed}" for p in full[0][2] if p.indicator not in have]
            message = (f"“{indicator}”{printed}：{full[0][0].ref.label}列出的分项相加正好为合计，"
                       f"{t.ref.label}却缺少 {'、'.join(missing)}，其余分项之和与合计不符。")
            problems.append(Problem("text_sum", f"missing|{indicator}|{printed}|{t.ref.label}", message,
                                    [full[0][0].ref, t.ref], {"missing": missing}))
    return problems


def check_sums(edition: Edition) -> list[Problem]:
    problems: list[Problem] = []
    for table in edition.tables:
        problems.extend(check_table_sums(table))
        problems.extend(check_equal_rows(table))
    for t in edition.texts:
        problems.extend(age_group_problems(text_mentions(t.text, t.ref, t.place)))
    problems.extend(breakdown_problems(edition))
    return problems
