"""The editorial consistency checks: plain functions over consistency.checks.data, no Django."""
from __future__ import annotations

from .data import Edition, Problem
from .events import check_event_dates, check_honour_dates
from .figures import check_figures
from .names import check_similar_names, check_titles, check_unknown_names
from .structure import check_dates_in_year, check_empty, check_previous_year
from .sums import check_sums

# Every kind of finding, in the order the report lists them, with what an editor reads.
KINDS = {
    "figure": "同一数字前后不一",
    "forecast": "预计数与统计数不同",
    "table_sum": "表格合计不符",
    "text_sum": "分项与合计不符",
    "event_date": "大事记与正文日期不一",
    "title": "职务与名录不一",
    "similar_names": "疑为同一人的近似姓名",
    "unknown_name": "正文人名无人物记录",
    "empty": "空分目或空表",
    "previous_year": "标题仍写上一年",
    "date_range": "日期超出记述年份",
}


def run_checks(edition: Edition, known_names: set[str] | None = None) -> list[Problem]:
    """Every check on one edition. ``known_names``: the names of all persons in the database (a name the
    text gives may belong to a person of another edition)."""
    problems: list[Problem] = []
    problems += check_figures(edition)
    problems += check_sums(edition)
    problems += check_event_dates(edition)
    problems += check_honour_dates(edition)
    problems += check_titles(edition)
    problems += check_similar_names(edition)
    problems += check_unknown_names(edition, known_names)
    problems += check_empty(edition)
    problems += check_previous_year(edition)
    problems += check_dates_in_year(edition)
    order = list(KINDS)
    return sorted(problems, key=lambda p: order.index(p.kind))
