"""An event dated one way in the chronicle (大事记) and another in a section or the honours table.

A chronicle event is matched with the passage of an entry that tells the same thing: the entry text is
cut at every date it prints (9月9日, 1月12日—15日, 11月), and a passage matches when it shares a long run
of words with the event (农村人居环境整治现场推进会议召开). The honours table matches an event that names
both the recipient and the award.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .data import Edition, Event, Place, Problem, Ref

SHINGLE = 8            # characters per shingle
MIN_SHARED = 6         # shared shingles for a match: a common run of at least 13 characters
_DATE = re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?"
                   r"(?:\s*[—\-一~至]\s*(?:(?P<month2>\d{1,2})\s*月)?\s*(?P<day2>\d{1,2})\s*日)?")
_NOT_TEXT = re.compile(r"[^\u4e00-\u9fff]")


@dataclass
class Passage:
    ref: Ref
    year: int | None
    month: int
    day: int | None
    end_month: int | None
    end_day: int | None
    text: str

    @property
    def label(self) -> str:
        label = f"{self.month}月" + (f"{self.day}日" if self.day else "")
        if self.end_day:
            label += "—" + (f"{self.end_month}月" if self.end_month and self.end_month != self.month else "") + \
                f"{self.end_day}日"
        return label


def passages(text: str, ref: Ref, title: str = "") -> list[Passage]:
    """The dated passages of an entry: from each date to the next; the entry's title belongs to the
    first (【农村人居环境整治现场推进会】9月9日,…)."""
    out = []
    found = [m for m in _DATE.finditer(text) if 1 <= int(m.group("month")) <= 12]
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        end = min(end, m.end() + 400)
        # The clause before the date names the event too (…第四次会议于2020年1月12日—15日…).
        opening = max(found[i - 1].end() if i else 0, text.rfind("。", 0, m.start()) + 1)
        body = text[opening:m.start()] + text[m.end():end]
        if i == 0 and title:
            body = title + body
        # A day that is not one (8月份) or a month followed by a count (12月底) still reads as a month.
        out.append(Passage(ref, int(m.group("year")) if m.group("year") else None, int(m.group("month")),
                           int(m.group("day")) if m.group("day") else None,
                           int(m.group("month2")) if m.group("month2") else None,
                           int(m.group("day2")) if m.group("day2") else None, body))
    return out


def _shingles(text: str) -> set[str]:
    clean = _NOT_TEXT.sub("", text)
    return {clean[i:i + SHINGLE] for i in range(max(0, len(clean) - SHINGLE + 1))}


def event_label(e: Event) -> str:
    if e.precision == "month":
        return f"{e.date.month}月"
    label = f"{e.date.month}月{e.date.day}日"
    if e.end and e.end != e.date:
        label += "—" + (f"{e.end.month}月" if e.end.month != e.date.month else "") + f"{e.end.day}日"
    return label


def dates_differ(e: Event, p: Passage) -> bool:
    if p.month != e.date.month:
        return True
    if e.precision != "day" or p.day is None:
        return False
    if p.day != e.date.day:
        return True
    if p.end_day and e.end:
        return p.end_day != e.end.day or (p.end_month or p.month) != e.end.month
    return False


def check_event_dates(edition: Edition) -> list[Problem]:
    """Chronicle events against the entries of the sections."""
    index: dict[str, set[int]] = defaultdict(set)
    all_passages: list[Passage] = []
    for t in edition.texts:
        if t.place not in (Place.ENTRY, Place.LOCAL):
            continue
        for p in passages(t.text, t.ref, t.title):
            if p.year not in (None, edition.covers_year):
                continue
            k = len(all_passages)
            all_passages.append(p)
            for s in _shingles(p.text):
                index[s].add(k)
    shared: list[dict[int, int]] = []
    for e in edition.events:
        counts: dict[int, int] = defaultdict(int)
        for s in _shingles(e.text):
            for k in index.get(s, ()):
                counts[k] += 1
        shared.append(counts)
    # A passage tells one event: the one it shares most with (1月9日 会议 rather than the 1月8日 decision
    # that names the same appointment).
    owner: dict[int, tuple[int, int]] = {}
    for i, counts in enumerate(shared):
        for k, n in counts.items():
            if n >= MIN_SHARED and n > owner.get(k, (0, -1))[0]:
                owner[k] = (n, i)
    problems = []
    for i, e in enumerate(edition.events):
        matches = sorted(((n, k) for k, n in shared[i].items() if owner.get(k, (0, -1))[1] == i), reverse=True)
        if not matches or any(not dates_differ(e, all_passages[k]) for _, k in matches):
            continue
        p = all_passages[matches[0][1]]
        message = (f"大事记记为{event_label(e)}（第{e.ref.line}行），{p.ref.label}记为{p.label}"
                   f"（第{p.ref.line}行）：{_NOT_TEXT.sub('', e.text)[:30]}…")
        problems.append(Problem("event_date", f"{_NOT_TEXT.sub('', e.text)[:20]}|{event_label(e)}|{p.ref.label}|"
                                f"{p.label}", message, [e.ref, p.ref],
                                {"chronicle": event_label(e), "section": p.label, "entry": p.ref.label}))
    return problems


def _recipient_keys(recipient: str) -> list[str]:
    """The recipient's own name first: 金川区双湾镇陈家沟村 → 陈家沟村 (the last place name in it)."""
    parts = re.split(r"(?<=[区镇县市])|(?<=街道)", recipient)
    parts = [p for p in parts if len(p) >= 3]
    return [parts[-1]] if parts else [recipient]


def _award_key(award: str) -> str:
    return re.sub(r"[\"“”'‘’]|称号$|^\d{4}(?:—\d{4})?年度?", "", award)


def check_honour_dates(edition: Edition) -> list[Problem]:
    problems = []
    for h in edition.honours:
        if h.date is None:
            continue
        award = _award_key(h.award)
        if len(award) < 4:
            continue
        names = _recipient_keys(h.recipient)
        for e in edition.events:
            text = e.text.replace('"', "")
            if award not in text or not any(n in text for n in names):
                continue
            if e.date.year == h.date.year and e.date.month == h.date.month:
                continue
            message = (f"大事记记为{event_label(e)}（第{e.ref.line}行），先进模范表中{h.recipient}获“{award}”"
                       f"记为{h.date.year}年{h.date.month}月" + (f"（第{h.ref.line}行）" if h.ref.line else "") + "。")
            problems.append(Problem("event_date", f"honour|{h.recipient}|{award}|{event_label(e)}|"
                                    f"{h.date.year}-{h.date.month}", message, [e.ref, h.ref],
                                    {"chronicle": event_label(e), "honour": f"{h.date.year}年{h.date.month}月"}))
    return problems
