"""大事记: the chronicle, one ChronicleEvent per dated paragraph (docs/source-guide.md §2.3, §5 case 6).

Layout: a heading ``YYYY 年大事记`` gives the year, month lines ``1月`` … ``12月``
open each month, and every event starts with a date token followed by a space:
``8日`` / ``10 日`` (a day), ``10 日一11 日`` / ``13 日-15 日`` / ``23日—25日`` (a range),
``Δ`` (same dating as the event before) or ``是月`` (the month as a whole).
A printed line may hold two events: a second token follows a
full stop in mid-line. A line that starts with no token continues the open event
(a paragraph broken by a page break; joined without a separator).
"""
from __future__ import annotations

import datetime as dt
import re

from .records import ChronicleEvent
from .segment import Segment
from .source import SourceText
from .text import tidy

HEADING = re.compile(r"^(?P<year>\d{4})\s*年\s*大事记$")
MONTH_LINE = re.compile(r"^(?P<month>\d{1,2})\s*月$")
# A date token, always followed by whitespace in this book. Range dashes: CJK 一, ASCII -, em dash.
TOKEN = (r"(?:(?P<day>\d{1,2})\s?日(?:\s*[一—-]\s*(?P<day_end>\d{1,2})\s?日)?"
         r"|(?P<delta>Δ)|(?P<month>是月))(?=\s)")
TOKEN_AT_START = re.compile(r"^" + TOKEN + r"\s*")
# A second event inside a line: the token must follow a sentence end (``。``) and a space,
# so a day number inside prose (``…于 12 日召开``) can never open an event.
TOKEN_AFTER_SENTENCE = re.compile(r"(?<=。)\s+" + TOKEN + r"\s*")
SENTENCE_END = ("。",)


class _Open:
    """An event being read: its dating, its raw text pieces and its lines."""

    def __init__(self, dating: tuple[dt.date, dt.date | None, str], marker: str, line: int):
        self.date, self.date_end, self.precision = dating
        self.marker = marker
        self.pieces: list[str] = []
        self.first = line
        self.last = line
        self.notes: list[str] = []   # what could not be read (for the editors)


def parse_chronicle(source: SourceText, segment: Segment) -> list[ChronicleEvent]:
    year = _year_of(source, segment)
    events: list[_Open] = []
    month: int | None = None
    for line in source.lines(segment.heading_line + 1, segment.end):
        text = line.text.strip()
        m = MONTH_LINE.match(text)
        if m:
            month = _next_month(source, month, int(m.group("month")), line.number)
            continue
        if TOKEN_AT_START.match(text):
            if month is None:
                source.review.problem("chronicle", "大事记第一个月份行之前的条目，按 1 月读入", line.number,
                                      printed=text, guess="1月", error="chronicle event before the first month line")
                month = 1
            for token, body in _split_events(text):
                events.append(_open_event(source, year, month, token, events, line.number))
                events[-1].pieces.append(body)
        else:
            _continue_event(source, year, month, events, text, line.number)
    if month != 12:
        source.review.problem("chronicle", f"大事记止于 {month} 月，不到 12 月", segment.end,
                              error=f"chronicle ends at month {month}, expected 12")
    return [_finish(source, e, i) for i, e in enumerate(events, start=1)]


def _year_of(source: SourceText, segment: Segment) -> int:
    heading = source.cleaned(segment.heading_line).strip()
    m = HEADING.match(heading)
    if not m:
        source.review.problem("chronicle", f"大事记标题「{heading}」没有年份，按本卷记述的 {source.covers_year} 年读",
                              segment.heading_line, printed=heading, guess=str(source.covers_year),
                              error=f"chronicle heading {heading!r} does not name a year")
        return source.covers_year
    return int(m.group("year"))


def _next_month(source: SourceText, month: int | None, new: int, line: int) -> int:
    if new != (month or 0) + 1:
        source.review.problem("chronicle", f"大事记月份「{new}月」接在「{month}月」之后，顺序不对，按原文读", line,
                              printed=f"{new}月", error=f"chronicle month {new}月 after {month}月")
    return new


def _split_events(text: str) -> list[tuple[re.Match, str]]:
    """(token match, event text) for each event on one line."""
    first = TOKEN_AT_START.match(text)
    assert first is not None
    cuts = [first] + list(TOKEN_AFTER_SENTENCE.finditer(text, first.end()))
    out = []
    for i, m in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(text)
        out.append((m, text[m.end():end].strip()))
    return out


def _open_event(source: SourceText, year: int, month: int, token: re.Match,
                events: list[_Open], line: int) -> _Open:
    whole_month = (dt.date(year, month, 1), None, "month")
    if token.group("delta"):
        # Δ copies the previous event's dating exactly, month precision after 是月 included.
        if not events or (events[-1].date.year, events[-1].date.month) != (year, month):
            source.review.problem("chronicle", "“Δ”（同上日期）之前本月没有条目，按整月读入", line,
                                  printed=token.group(0), guess=f"{month}月",
                                  error="Δ with no earlier event in the same month")
            event = _Open(whole_month, "delta", line)
            event.notes.append("Δ 之前本月没有条目，日期按整月")
            return event
        prev = events[-1]
        return _Open((prev.date, prev.date_end, prev.precision), "delta", line)
    if token.group("month"):
        return _Open(whole_month, "month", line)
    day = int(token.group("day"))
    day_end = int(token.group("day_end")) if token.group("day_end") else None
    try:
        start = dt.date(year, month, day)
        end = dt.date(year, month, day_end) if day_end is not None else None
    except ValueError:
        source.review.problem("chronicle", f"日期 {year}年{month}月{token.group(0)} 不存在，按整月读入", line,
                              printed=token.group(0), guess=f"{month}月",
                              error=f"impossible date {year}-{month}-{day}")
        event = _Open(whole_month, "date", line)
        event.notes.append(f"日期「{token.group(0)}」不存在，按整月读入")
        return event
    if end is not None and end <= start:
        source.review.problem("chronicle", f"日期范围「{token.group(0)}」前后颠倒，只读起始日", line,
                              printed=token.group(0), error=f"date range {day}–{day_end} runs backwards")
        end = None
    _check_order(source, events, year, month, start, line)
    return _Open((start, end, "day"), "date", line)


def _check_order(source: SourceText, events: list[_Open], year: int, month: int,
                 start: dt.date, line: int) -> None:
    """Days within a month never go backwards (guards against a prose number read as a date)."""
    same_month = [e for e in events if e.precision == "day" and (e.date.year, e.date.month) == (year, month)]
    if same_month and start < same_month[-1].date:
        source.review.problem("chronicle", f"日期 {start} 早于本月上一条 {same_month[-1].date}，按原文读", line,
                              printed=str(start.day), error=f"chronicle date {start} goes back before {same_month[-1].date}")


def _continue_event(source: SourceText, year: int, month: int | None, events: list[_Open], text: str,
                    line: int) -> None:
    """A line without a date token: the rest of a paragraph broken by a page break."""
    if not events:
        source.review.problem("chronicle", f"大事记中没有日期的文字「{text[:20]}」，按整月条目读入", line,
                              printed=text, error=f"chronicle text with no date: {text[:20]!r}")
        event = _Open((dt.date(year, month or 1, 1), None, "month"), "month", line)
        event.notes.append("没有日期，按整月读入")
        event.pieces.append(text)
        events.append(event)
        return
    open_event = events[-1]
    if open_event.pieces[-1].endswith(SENTENCE_END):
        source.review.problem("chronicle", f"上一条已结束，没有日期的「{text[:20]}」接在其后", line,
                              printed=text, error=f"undated chronicle line after a finished event: {text[:20]!r}")
        open_event.notes.append(f"第 {line} 行没有日期，接在本条之后")
    open_event.pieces.append(text)
    open_event.last = line


def _finish(source: SourceText, e: _Open, order: int) -> ChronicleEvent:
    text = tidy("".join(e.pieces))
    if not text.endswith(SENTENCE_END):
        source.review.problem("chronicle", f"大事记条目的文字不完整：「…{text[-20:]}」", e.last, printed=text[-40:],
                              error=f"chronicle event text is cut: {text[-20:]!r}")
        e.notes.append("文字不完整")
    needs_review, note = _review(text)
    if e.notes:
        needs_review, note = True, "；".join([*([note] if note else []), *e.notes])
    return ChronicleEvent(
        # page stays None: the chronicle pages carry no page-number debris, so page_of() would
        # give the page before the chronicle (37) for every event.
        source_line=e.first, source_line_end=e.last,
        needs_review=needs_review, review_note=note,
        date=e.date, date_end=e.date_end, precision=e.precision,
        text=text, order=order, marker=e.marker,
    )


# The same 《title》 printed twice in a row (``《X》和《X》``): a typesetting/OCR duplication.
REPEATED_TITLE = re.compile(r"(《[^《》]+》)[和、]?\1")


def _review(text: str) -> tuple[bool, str]:
    """Flag a title printed twice in a row (an OCR duplication). The book's text is kept as printed."""
    m = REPEATED_TITLE.search(text)
    if not m:
        return False, ""
    return True, (f"按原文保留，但有重复印刷造成的错乱：{m.group(1)}连印两遍，其他词句可能也有重复，"
                  "标题可能缺失（可对照记述同一事件的条目）")
