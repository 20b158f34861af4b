"""大事记: the chronicle, one ChronicleEvent per dated paragraph (GUIDE §2.3, §5 case 6).

Layout: a heading ``2020 年大事记`` gives the year, month lines ``1月`` … ``12月``
open each month, and every event starts with a date token followed by a space:
``8日`` / ``10 日`` (a day), ``10 日一11 日`` / ``13 日-15 日`` / ``23日—25日`` (a range),
``Δ`` (same dating as the event before) or ``是月`` (the month as a whole).
Two printed lines hold two events each (1185, 1248): a second token follows a
full stop in mid-line. A line that starts with no token continues the open event
(a paragraph broken by a page break; joined without a separator).
"""
from __future__ import annotations

import datetime as dt
import re

from .records import ChronicleEvent
from .segment import Segment
from .source import ParseError, SourceText
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
                raise ParseError("chronicle event before the first month line", source.path, line.number)
            for token, body in _split_events(text):
                events.append(_open_event(source, year, month, token, events, line.number))
                events[-1].pieces.append(body)
        else:
            _continue_event(source, events, text, line.number)
    if month != 12:
        raise ParseError(f"chronicle ends at month {month}, expected 12", source.path, segment.end)
    return [_finish(source, e, i) for i, e in enumerate(events, start=1)]


def _year_of(source: SourceText, segment: Segment) -> int:
    heading = source.cleaned(segment.heading_line).strip()
    m = HEADING.match(heading)
    if not m:
        raise ParseError(f"chronicle heading {heading!r} does not name a year", source.path, segment.heading_line)
    return int(m.group("year"))


def _next_month(source: SourceText, month: int | None, new: int, line: int) -> int:
    if new != (month or 0) + 1:
        raise ParseError(f"chronicle month {new}月 after {month}月", source.path, line)
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
    if token.group("delta"):
        # Δ copies the previous event's dating exactly, month precision after 是月 included.
        if not events or (events[-1].date.year, events[-1].date.month) != (year, month):
            raise ParseError("Δ with no earlier event in the same month", source.path, line)
        prev = events[-1]
        return _Open((prev.date, prev.date_end, prev.precision), "delta", line)
    if token.group("month"):
        return _Open((dt.date(year, month, 1), None, "month"), "month", line)
    day = int(token.group("day"))
    day_end = int(token.group("day_end")) if token.group("day_end") else None
    try:
        start = dt.date(year, month, day)
        end = dt.date(year, month, day_end) if day_end is not None else None
    except ValueError:
        raise ParseError(f"impossible date {year}-{month}-{day}", source.path, line) from None
    if end is not None and end <= start:
        raise ParseError(f"date range {day}–{day_end} runs backwards", source.path, line)
    _check_order(source, events, year, month, start, line)
    return _Open((start, end, "day"), "date", line)


def _check_order(source: SourceText, events: list[_Open], year: int, month: int,
                 start: dt.date, line: int) -> None:
    """Days within a month never go backwards (guards against a prose number read as a date)."""
    same_month = [e for e in events if e.precision == "day" and (e.date.year, e.date.month) == (year, month)]
    if same_month and start < same_month[-1].date:
        raise ParseError(f"chronicle date {start} goes back before {same_month[-1].date}", source.path, line)


def _continue_event(source: SourceText, events: list[_Open], text: str, line: int) -> None:
    """A line without a date token: the rest of a paragraph broken by a page break."""
    if not events:
        raise ParseError(f"chronicle text with no date: {text[:20]!r}", source.path, line)
    open_event = events[-1]
    if open_event.pieces[-1].endswith(SENTENCE_END):
        raise ParseError(
            f"undated chronicle line after a finished event: {text[:20]!r}", source.path, line)
    open_event.pieces.append(text)
    open_event.last = line


def _finish(source: SourceText, e: _Open, order: int) -> ChronicleEvent:
    text = tidy("".join(e.pieces))
    if not text.endswith(SENTENCE_END):
        raise ParseError(f"chronicle event text is cut: {text[-20:]!r}", source.path, e.last)
    needs_review, note = _review(text)
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
    """Flag a title printed twice in a row (1183). The book's text is kept as printed."""
    m = REPEATED_TITLE.search(text)
    if not m:
        return False, ""
    return True, (
        f"kept as printed, but garbled by duplication: {m.group(1)} is printed twice in a row, "
        "other phrases may repeat and a title may be missing (compare the section entry on the same event)"
    )
