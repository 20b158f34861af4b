"""The chronicle as an iCalendar file (RFC 5545) and as rows for CSV/XLSX (plain Python, no Django).

An event dated to a day is an all-day event; one dated to a month (是月) spans the whole month; a range
(1月10日—11日) spans its days. Dates are ISO 8601 at the book's precision in the rows (2020-04 for a month).
"""
from __future__ import annotations

import datetime as dt

HEADER = ["日期", "结束日期", "日期精度", "事件", "人物", "机构", "原书页码", "源文本行", "网址"]


def iso_date(d: dt.date | None, precision: str = "day") -> str:
    if d is None:
        return ""
    return d.strftime("%Y-%m") if precision == "month" else d.isoformat()


def rows(events, url_of) -> list[list]:
    precisions = {"day": "日", "month": "月", "year": "年"}
    return [[iso_date(e.date, e.precision), iso_date(e.date_end, e.precision), precisions.get(e.precision, ""),
             e.text, "、".join(p.name for p in e.persons.all()), "、".join(o.name for o in e.organizations.all()),
             e.page, e.source_line, url_of(e)] for e in events]


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1), never inside a character."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out)


def _span(e) -> tuple[dt.date, dt.date]:
    """First day and the day after the last (DTEND is exclusive)."""
    if e.precision == "month":
        first = e.date.replace(day=1)
        last = (e.date_end or e.date).replace(day=1)
        following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
        return first, following
    return e.date, (e.date_end or e.date) + dt.timedelta(days=1)


def ical(events, *, name: str, url_of, host: str, stamp: dt.datetime | None = None) -> str:
    stamp = (stamp or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//jinchuan-yearbook//chronicle//ZH", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(name)}"]
    for e in events:
        start, end = _span(e)
        summary = e.text if len(e.text) <= 60 else e.text[:59] + "…"
        lines += ["BEGIN:VEVENT", f"UID:{e.edition.year}-{e.order}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(e.text)}", f"URL:{url_of(e)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
