"""Editorial rules with messages an editor understands, shared by the admin forms and the spreadsheet import.

Each check returns ``{field: message}`` (empty when all is well) so a form can attach the message to the
right field and an import can report it on the right row. Dates already in the book are left alone: the
year-window rules apply to what an editor types (a new record, or a date that changed).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from yearbook.models import Precision
from yearbook.parsing.text import to_decimal

PRECISION_LABEL = dict(Precision.choices)
# What a cell may hold besides a number: the book's marks for "none" or "not applicable".
EMPTY_MARKS = {"—", "--", "-", "－", "…", "/", "／", "×", "x", "X"}

_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$"), Precision.DAY),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), Precision.DAY),
    (re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$"), Precision.MONTH),
    (re.compile(r"^(\d{4})\s*年?$"), Precision.YEAR),
]


def parse_date(text) -> tuple[dt.date, str] | None:
    """``2020-03-05`` / ``2020年3月5日`` → (date, day); ``2020-03`` / ``2020年3月`` → (1st, month);
    ``2020`` / ``2020年`` → (1 Jan, year). Dates and datetimes pass through with day precision.

    Returns None for empty input; raises ValueError with a readable message for anything else.
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return text.date(), Precision.DAY
    if isinstance(text, dt.date):
        return text, Precision.DAY
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = str(int(text))
    text = str(text).strip()
    if not text:
        return None
    text = re.sub(r"\s+00:00(:00)?$", "", text)  # a spreadsheet date cell read as text
    for pattern, precision in _DATE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        parts = [int(g) for g in m.groups()] + [1] * (3 - len(m.groups()))
        try:
            return dt.date(*parts), precision
        except ValueError:
            raise ValueError(f"“{text}”不是有效日期（{parts[0]}年没有{parts[1]}月{parts[2]}日）。") from None
    raise ValueError(f"“{text}”不是日期。请写成 2020-03-05（日）、2020-03（月）或 2020（年）。")


def format_date(date: dt.date | None, precision: str = Precision.DAY) -> str:
    if date is None:
        return ""
    if precision == Precision.YEAR:
        return f"{date.year}年"
    if precision == Precision.MONTH:
        return f"{date.year}年{date.month}月"
    return f"{date.year}年{date.month}月{date.day}日"


def date_text(date: dt.date | None, precision: str = Precision.DAY) -> str:
    """A date as an editor types it: 2020-03-05, 2020-03 or 2020."""
    if date is None:
        return ""
    return {Precision.YEAR: f"{date:%Y}", Precision.MONTH: f"{date:%Y-%m}"}.get(precision, date.isoformat())


def check_precision(date: dt.date | None, precision: str, label: str = "日期") -> str | None:
    """A month-precision date is the 1st of its month, a year-precision date 1 January."""
    if date is None:
        return None
    if precision == Precision.MONTH and date.day != 1:
        return (f"{label}精度为“月”，日期应只写到月份（如 {date.year}-{date.month:02d}）；"
                f"若确知是 {format_date(date)}，请把精度改为“日”。")
    if precision == Precision.YEAR and (date.month, date.day) != (1, 1):
        return (f"{label}精度为“年”，日期应只写年份（如 {date.year}）；"
                f"若确知月份或日期，请把精度改为“月”或“日”。")
    return None


def check_event(edition, date, date_end, precision, text, *, new=True, changed=()) -> dict[str, str]:
    errors = {}
    if not (text or "").strip():
        errors["text"] = "请填写事件内容。"
    if date is None:
        errors["date"] = "请填写日期。"
        return errors
    if msg := check_precision(date, precision):
        errors["precision"] = msg
    if edition is not None and (new or "date" in changed) and date.year != edition.covers_year:
        errors["date"] = (f"日期 {format_date(date, precision)} 不在本卷记述年份（{edition.covers_year}年）之内："
                          f"{edition.year} 卷的大事记只收 {edition.covers_year} 年的事件。")
    if date_end is not None and date_end < date:
        errors["date_end"] = f"结束日期 {format_date(date_end)} 早于开始日期 {format_date(date, precision)}。"
    return errors


def check_tenure(edition, start, start_precision, end, end_precision, *, new=True,
                 changed=()) -> dict[str, str]:
    errors = {}
    if msg := check_precision(start, start_precision, "任职起"):
        errors["start_precision"] = msg
    if msg := check_precision(end, end_precision, "任职止"):
        errors["end_precision"] = msg
    if start and end and _last_day(end, end_precision) < start:
        errors["end"] = (f"任职止（{format_date(end, end_precision)}）早于任职起"
                         f"（{format_date(start, start_precision)}）。")
        return errors
    if edition is None:
        return errors
    # A roster lists who held office during the covered year; notes may reach into the year of printing.
    latest = edition.year
    if start and (new or "start" in changed) and start.year > latest:
        errors["start"] = (f"任职起 {format_date(start, start_precision)} 晚于本卷出版年份（{latest}年），"
                           f"不属于 {edition.year} 卷。")
    if end and (new or "end" in changed):
        if end.year < edition.covers_year:
            errors["end"] = (f"任职止 {format_date(end, end_precision)} 早于本卷记述年份（{edition.covers_year}年）："
                             f"本年度之前已离任的人不列入本卷名录，请删除这条任职。")
        elif end.year > latest:
            errors["end"] = (f"任职止 {format_date(end, end_precision)} 晚于本卷出版年份（{latest}年），"
                             f"不属于 {edition.year} 卷。")
    return errors


def check_honour(edition, date, precision, *, new=True, changed=()) -> dict[str, str]:
    errors = {}
    if msg := check_precision(date, precision, "授奖时间"):
        errors["date_precision"] = msg
    if date and edition is not None and (new or "date" in changed) and date.year != edition.covers_year:
        errors["date"] = (f"授奖时间 {format_date(date, precision)} 不在本卷记述年份（{edition.covers_year}年）之内。")
    return errors


def _last_day(date: dt.date, precision: str) -> dt.date:
    """The last day a date of the given precision may stand for (an end in 2020-05 is before 2020-05-20)."""
    if precision == Precision.YEAR:
        return dt.date(date.year, 12, 31)
    if precision == Precision.MONTH:
        nxt = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return date


def parse_cell(text, *, allow_text: bool = False, where: str = "") -> tuple[Decimal | None, str]:
    """A table cell as typed → (exact value, printed text). Raises ValueError unless it is a number,
    empty, a "none" mark (—, …) or the column holds text."""
    if text is None:
        return None, ""
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):
        return Decimal(text), str(text)
    if isinstance(text, float):
        value = Decimal(repr(text))
        return value, format(value, "f")
    raw = str(text).strip()
    if not raw:
        return None, ""
    if raw in EMPTY_MARKS:
        return None, raw
    value = to_decimal(raw.replace("，", ","))
    if value is not None:
        return value, raw
    if allow_text:
        return None, raw
    prefix = f"{where}：" if where else ""
    raise ValueError(f"{prefix}“{raw}”不是数字。数值只能含数字、小数点、千分位逗号和 %，"
                     f"无数据请填 “—”。")
