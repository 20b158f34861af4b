"""Small named rules of the reader's site: how dates, tenures and levels are shown.

Plain functions with no database access, so they are easy to test and reuse in
views, selectors, templates and downloads.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

# -- dates with their precision ------------------------------------------------

CHINESE_DIGITS = "零一二三四五六七八九"


MONTH_CHOICES = [(m, f"{m}月") for m in range(1, 13)]


def month_label(d: dt.date | None) -> str:
    """2020-01-01 → 2020年1月."""
    return f"{d.year}年{d.month}月" if d else ""


def date_label(d: dt.date | None, precision: str = "day") -> str:
    """Show what the book says, no more: 2020年1月 for a month, 2020年1月8日 for a day."""
    if d is None:
        return ""
    if precision == "year":
        return f"{d.year}年"
    if precision == "month":
        return month_label(d)
    return f"{d.year}年{d.month}月{d.day}日"


def date_range_label(start: dt.date | None, end: dt.date | None, precision: str = "day", *,
                     with_year: bool = True) -> str:
    """2020年1月10日—11日, 2020年1月30日—2月2日; a single date when there is no end.

    Without the year (1月10日—11日) inside a page that is about one year already.
    """
    if start is None:
        return ""
    if not with_year and precision != "year" and (end is None or end.year == start.year):
        return date_range_label(start, end, precision).removeprefix(f"{start.year}年")
    first = date_label(start, precision)
    if end is None or end == start:
        return first
    if precision != "day":
        return f"{first}—{date_label(end, precision)}"
    if end.year != start.year:
        return f"{first}—{date_label(end)}"
    if end.month != start.month:
        return f"{first}—{end.month}月{end.day}日"
    return f"{first}—{end.day}日"


def tenure_label(start: dt.date | None, end: dt.date | None, *, start_precision: str = "month",
                 end_precision: str = "month") -> str:
    """The book's own wording: (2020年1月任), (任至2020年12月), (2020年5月—2020年8月)."""
    if start and end:
        return f"{date_label(start, start_precision)}—{date_label(end, end_precision)}"
    if start:
        return f"{date_label(start, start_precision)}任"
    if end:
        return f"任至{date_label(end, end_precision)}"
    return ""


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (article and chapter labels)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE_DIGITS[n // 10] + "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + CHINESE_DIGITS[rest] if rest < 10 else
                                     (CHINESE_DIGITS[1] if rest < 20 else "") + chinese_numeral(rest))
        return CHINESE_DIGITS[n // 100] + "百" + tail
    return str(n)


def chapter_anchor(number: int) -> str:
    """The anchor of a document chapter: 第一章."""
    return f"第{chinese_numeral(number)}章"


def gender_label(code: str | None) -> str:
    """F → 女, M → 男; the book marks only women, so most persons have none."""
    return {"F": "女", "M": "男"}.get(code or "", "")


# -- numbers -------------------------------------------------------------------

def number_text(value) -> str:
    """Exact decimals without padding: 271.410000 → 271.41, 100 → 100."""
    if value is None:
        return ""
    try:
        normalized = value.normalize()
    except AttributeError:
        return str(value)
    text = f"{normalized:f}"
    return text


# -- level of an awarding body -----------------------------------------------

class Level:
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    DISTRICT = "district"
    OTHER = "other"


LEVEL_LABELS = {
    Level.NATIONAL: "国家级", Level.PROVINCIAL: "省级", Level.MUNICIPAL: "市级", Level.DISTRICT: "区级",
    Level.OTHER: "其他",
}
LEVEL_RANK = [Level.NATIONAL, Level.PROVINCIAL, Level.MUNICIPAL, Level.DISTRICT, Level.OTHER]

# Party/league prefixes say nothing about the level: 中共甘肃省委 is provincial.
_NEUTRAL_PREFIXES = ("中国共产党", "中共", "共青团", "中国人民政治协商会议")
_LEVEL_PREFIXES = [
    (Level.NATIONAL, ("中央", "全国", "国家", "国务院", "中华人民共和国", "中国", "最高人民")),
    (Level.PROVINCIAL, ("甘肃省", "甘肃", "省")),
    (Level.MUNICIPAL, ("金昌市", "金昌", "市")),
    (Level.DISTRICT, ("金川区", "金川", "区")),
]
# A ministry or its body, named without a place: 司法部, 退役军人事务部, 公安部南昌警犬基地;
# and the armed services: 空军招飞局….
_MINISTRY = re.compile(r"^[^省市区县州镇]{1,8}(部|总局|总署)")
_ARMED_SERVICES = ("解放军", "陆军", "海军", "空军", "火箭军", "武警", "中央军委")


def awarding_level(name: str) -> str:
    """The level of an awarding body, from its name.

    中央/全国/国家/国务院… → national; 甘肃省/省… → provincial; 金昌市/市… → municipal;
    金川区/区… → district; a ministry without a place (司法部, 公安部南昌警犬基地) or the armed
    services (空军…) → national; anything else → other.
    """
    name = "".join((name or "").split())
    stripped = name
    for prefix in _NEUTRAL_PREFIXES:
        if stripped.startswith(prefix) and len(stripped) > len(prefix):
            stripped = stripped[len(prefix):]
            break
    if name.startswith(("中共中央", "共青团中央")):
        return Level.NATIONAL
    for level, prefixes in _LEVEL_PREFIXES:
        if stripped.startswith(prefixes):
            return level
    if _MINISTRY.match(stripped) or stripped.startswith(_ARMED_SERVICES):
        return Level.NATIONAL
    return Level.OTHER


def highest_level(names) -> str:
    """An award given jointly by several bodies counts at the highest of their levels."""
    levels = {awarding_level(n) for n in names or []}
    for level in LEVEL_RANK:
        if level in levels:
            return level
    return Level.OTHER


# -- queries -------------------------------------------------------------------

MAX_QUERY_LENGTH = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_PINYIN = re.compile(r"^[a-z][a-z' ]*$")


def clean_query(raw: str | None) -> str:
    """What we search for: NFKC-folded (full-width letters → ASCII), no control characters,
    whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", str(raw))
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH].strip()


def pinyin_key(query: str) -> str:
    """'Zhang Heng Shan' / "zhang'hengshan" → zhanghengshan; '' when the query is not pinyin."""
    q = query.lower().strip()
    if not _PINYIN.match(q):
        return ""
    return q.replace(" ", "").replace("'", "")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def all_han(text: str) -> bool:
    return bool(text) and all(is_han(ch) for ch in text)


# -- roster notes -----------------------------------------------------------------------------

_NOTE_TOKENS = re.compile(
    r"^(女|男|挂职|\d{4}\s*年\s*\d{1,2}\s*月\s*[任仟]|[任仟]至\s*\d{4}\s*年\s*\d{1,2}\s*月"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*[-—一]\s*\d{4}\s*年\s*\d{1,2}\s*月)$")


def note_remainder(note: str, *, party: str = "", ethnicity: str = "") -> str:
    """What a roster note says beyond what the page already shows as data.

    (女,2020年12月任) says nothing more than the gender and the tenure columns: ''.
    (女, 政法委员 2020 年 5 月任) keeps 政法委员 2020 年 5 月任 (the tenure is of one post only).
    """
    parts = [p.strip() for p in re.split(r"[,，、]", note or "") if p.strip()]
    known = {party, ethnicity, f"{ethnicity}族"} - {"", "族"}
    rest = [p for p in parts if not _NOTE_TOKENS.match(p) and p not in known]
    return "，".join(rest)


# -- offices ------------------------------------------------------------------------------------

OFFICE_SEPARATORS = "、，,；;"
_PARENTHETICAL = re.compile(r"[(（][^()（）]*[)）]")


def office_parts(title: str) -> list[str]:
    """The offices of a printed title: 党组书记、局长 → 党组书记, 局长; 副主席(兼) → 副主席."""
    parts = re.split(f"[{OFFICE_SEPARATORS}]", title or "")
    return [p for p in ("".join(_PARENTHETICAL.sub("", part).split()) for part in parts) if p]


def holds_office(part: str, office: str) -> bool:
    """Whether the office ``part`` is ``office`` or one of its kind: 区长 in 区长, 党组书记 a 书记, 纪工委书记 a
    书记; not its deputy (副区长, 常务副区长, 区委副书记) unless ``office`` is a deputy's, nor a candidacy
    (区长候选人)."""
    if not part.endswith(office):
        return False
    head = part[: len(part) - len(office)]
    return office.startswith("副") or not head.endswith("副")


def office_pattern(office: str) -> str:
    """A regular expression (Python's and PostgreSQL's) finding a title with a part holding ``office``, as
    holds_office says: the SQL side of the search for 区长, 局长, 书记."""
    sep = f"[{OFFICE_SEPARATORS}]"
    other = f"[^{OFFICE_SEPARATORS}]"
    head = f"{other}*" if office.startswith("副") else f"({other}*[^{OFFICE_SEPARATORS}副])?"
    word = "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in office)
    return f"(^|{sep}){head}{word}(\\([^)]*\\))?($|{sep})"


def is_principal_office(part: str) -> bool:
    """An office held by one person at a time (区长, 局长, 党组书记, 主任委员), whose holders succeed one another;
    not a deputy's, a member's or a candidacy (副局长, 党组成员, 委员, 区长候选人)."""
    if not part or "副" in part or part.endswith(("成员", "候选人", "常委")):
        return False
    return not part.endswith("委员") or part.endswith("主任委员")
