"""The outline: empty sections and tables, titles that still name the previous year, dates outside the
year the edition covers."""
from __future__ import annotations

import re

from .data import Edition, Problem

# Roster tenures may run into the next year's first months: rosters are as of the year's end, "个别内容
# 延至次年初" (a yearbook's usual editorial rule). Later dates are findings.
GRACE_MONTHS = 3


def check_empty(edition: Edition) -> list[Problem]:
    problems = []
    for o in edition.outline:
        if o.size or o.special:
            continue
        what = "分目没有条目、表格或名录" if o.kind == "section" else "统计表没有任何数值"
        problems.append(Problem("empty", f"{o.kind}|{o.ref.label}", f"{o.ref.label}：{what}。", [o.ref],
                                {"kind": o.kind}))
    return problems


def check_previous_year(edition: Edition) -> list[Problem]:
    """A title that names a year before the covered one (2019年…工作总结 in the 2020 volume): usually a
    title copied from the last edition. A span ending in the covered year (2019—2020年度) is fine."""
    previous = edition.covers_year - 1
    pattern = re.compile(rf"(?<![\d—\-~至]){previous}\s*年(?!\s*[—\-~至]\s*{edition.covers_year})")
    problems = []
    for t in edition.titled:
        if pattern.search(t.title):
            problems.append(Problem("previous_year", f"{t.ref.model}|{t.title}",
                                    f"标题仍写{previous}年：“{t.title}”（本卷记述{edition.covers_year}年）。", [t.ref],
                                    {"title": t.title}))
    return problems


def check_dates_in_year(edition: Edition) -> list[Problem]:
    """Events, honours, documents and tenures dated outside the covered year (tenures: a few months into
    the next year are allowed, see GRACE_MONTHS)."""
    year = edition.covers_year
    problems = []
    for d in edition.dated:
        months_after = (d.date.year - year) * 12 + d.date.month - 12
        if d.date.year == year:
            continue
        if d.what.startswith("任职") and (d.date.year < year or months_after <= GRACE_MONTHS):
            continue   # a tenure that began before the year is normal; one into early next year is allowed
        label = f"{d.date.year}年{d.date.month}月" + (f"{d.date.day}日" if d.precision == "day" else "")
        problems.append(Problem("date_range", f"{d.ref.model}|{d.ref.label}|{d.what}|{d.date.isoformat()}",
                                f"{d.ref.label}：{d.what}为{label}，不在本卷记述的{year}年内。", [d.ref],
                                {"what": d.what, "date": d.date.isoformat()}))
    return problems
