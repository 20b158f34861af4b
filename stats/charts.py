"""The chart beside a statistical table: its first numeric column as bars (yearbook.charts draws them)."""
from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString

from yearbook import rules
from yearbook.charts import Bar, horizontal_bars


def is_total(first: Decimal, rest: list[Decimal]) -> bool:
    """A first row that is the sum of the others (生产总值 over its industries), within rounding."""
    return len(rest) >= 2 and abs(first - sum(rest)) <= abs(first) * Decimal("0.005")


def table_chart(layout) -> tuple[SafeString, str, list[Bar]] | None:
    """A bar chart of a table's first numeric column, where it helps: a flat table (no row
    hierarchy, which bars would flatten) with at least three values in one unit. A first row
    that is the total of the others is left out, so the parts are comparable.
    Returns (svg, caption, bars: for the list shown instead on a narrow screen) or None."""
    if not layout.flat:
        return None
    for i, column_label in enumerate(layout.column_labels):
        lines = [ln for ln in layout.lines if ln.values and ln.values[i] is not None]
        units = {ln.unit for ln in lines}
        if len(lines) < 3 or len(units) != 1:
            continue
        unit = units.pop() or layout.columns[i].unit
        caption = column_label + (f"（{unit}）" if unit else "")
        if is_total(lines[0].values[i], [ln.values[i] for ln in lines[1:]]):
            caption += f"，不含合计行“{lines[0].label}”"
            lines = lines[1:]
        bars = [Bar(ln.label, ln.values[i], ln.cells[i] or rules.number_text(ln.values[i])) for ln in lines]
        return horizontal_bars(bars, label=f"图：{caption}"), caption, bars
    return None
