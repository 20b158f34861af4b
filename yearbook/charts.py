"""Server-rendered SVG charts: no script, no CDN, they print and work offline.

Every mark has a <title> (hover text) and every chart an accessible name; all text
is escaped here, so the result is safe to put in a template as is.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ACCENT = "#1d4f91"
MUTED = "#9db3d6"
INK = "#222"
GREY = "#595959"
RULE = "#c8c8c8"


def _svg(width: int, height: int, label: str, body: list[str], css_class: str, *,
         interactive: bool = False) -> SafeString:
    """An SVG chart: an image, or a group when it holds links (an image's content is presentational, so the
    links inside it would be nested interactive elements no assistive technology reaches)."""
    role = "group" if interactive else "img"
    return mark_safe(
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="{role}" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>")


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 13, fill: str = INK,
          weight: str = "normal") -> str:
    weight_attr = f' font-weight="{weight}"' if weight != "normal" else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"'
            f'{weight_attr}>{escape(text)}</text>')


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- events per month ----------------------------------------------------------------------

def month_bars(counts: list[tuple[int, int]], *, selected: int | None = None, href=None,
               label: str = "每月事件数") -> SafeString:
    """Twelve vertical bars, one per month, each a link (``href(month)``) when given."""
    width, height, top, bottom, left = 480, 150, 22, 26, 8
    slot = (width - 2 * left) / max(len(counts), 1)
    peak = max((n for _, n in counts), default=0) or 1
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
            f'stroke="{RULE}"/>']
    for i, (month, n) in enumerate(counts):
        x = left + i * slot + slot * 0.18
        w = slot * 0.64
        h = (height - top - bottom) * n / peak
        y = height - bottom - h
        fill = ACCENT if selected in (None, month) else MUTED
        # the month first, then its count: a link's name is its visible text, in reading order
        mark = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{max(h, 0):.1f}" fill="{fill}">'
                f"<title>{month}月：{n}件</title></rect>"
                + _text(x + w / 2, height - 8, f"{month}月", anchor="middle", size=12,
                        fill=INK if selected in (None, month) else GREY)
                + _text(x + w / 2, y - 5, f"{n}件" if n else "0", anchor="middle", size=12, fill=GREY))
        if href is not None and n:
            mark = f'<a href="{escape(href(month))}">{mark}</a>'
        body.append(mark)
    return _svg(width, height, label, body, "chart-months", interactive=href is not None)


# -- horizontal bars (table companion) ---------------------------------------------------------

@dataclass
class Bar:
    label: str
    value: Decimal
    text: str  # the value as printed


def horizontal_bars(bars: list[Bar], *, label: str, unit: str = "") -> SafeString:
    """Horizontal bars on a zero axis (negative values go left), labels on the left."""
    label_w, value_w, row_h, top = 170, 80, 26, 8
    width = 640
    plot_w = width - label_w - value_w
    lo = min([b.value for b in bars] + [Decimal(0)])
    hi = max([b.value for b in bars] + [Decimal(0)])
    span = (hi - lo) or Decimal(1)

    def x_of(v: Decimal) -> float:
        return label_w + float((v - lo) / span) * plot_w

    zero = x_of(Decimal(0))
    height = top + row_h * len(bars) + 8
    body = [f'<line x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" y2="{height - 4}" stroke="{GREY}"/>']
    for i, b in enumerate(bars):
        y = top + i * row_h
        x0, x1 = sorted((zero, x_of(b.value)))
        hover = f"{b.label}：{b.text}{unit}"
        body.append(
            _text(label_w - 8, y + 17, _clip(b.label, 12), anchor="end")
            + f'<rect x="{x0:.1f}" y="{y + 5:.1f}" width="{max(x1 - x0, 1):.1f}" height="{row_h - 10}" '
              f'fill="{ACCENT}"><title>{escape(hover)}</title></rect>'
            + (_text(x1 + 6, y + 17, b.text, size=12, fill=GREY) if b.value >= 0
               else _text(x0 - 6, y + 17, b.text, anchor="end", size=12, fill=GREY)))
    return _svg(width, height, label, body, "chart-bars")


# -- tenure timeline --------------------------------------------------------------------------

@dataclass
class Tenure:
    label: str              # person's name
    title: str              # the post
    start: dt.date | None   # None: in office before the axis starts
    end: dt.date | None     # None: still in office (open-ended)
    hover: str              # 张恒山 区长：2020年1月任
    href: str = ""


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def timeline_axis(tenures: list[Tenure], covers_year: int) -> tuple[dt.date, dt.date]:
    """January to December of the covered year, widened to any date the roster gives outside it."""
    first, last = dt.date(covers_year, 1, 1), dt.date(covers_year, 12, 1)
    for t in tenures:
        for d in (t.start, t.end):
            if d is not None:
                first, last = min(first, d.replace(day=1)), max(last, d.replace(day=1))
    return first, last


def tenure_timeline(tenures: list[Tenure], covers_year: int, *, label: str) -> SafeString:
    """One bar per post, from its start month to its end month on a month axis.

    A post with no start began before the axis (bar starts at the axis edge, drawn open);
    a post with no end is held at the end of the year: the bar runs to the edge with an arrow.
    """
    first, last = timeline_axis(tenures, covers_year)
    n_months = _months_between(first, last) + 1
    label_w, right, row_h, top = 220, 24, 24, 30
    width = 760
    slot = (width - label_w - right) / n_months
    height = top + row_h * len(tenures) + 10
    body = []
    for m in range(n_months):
        year, month0 = divmod(first.month - 1 + m, 12)
        month = month0 + 1
        x = label_w + m * slot
        body.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 6}" stroke="{RULE}" '
                    f'stroke-width="0.6"/>')
        text = f"{first.year + year}年{month}月" if m == 0 or month == 1 else f"{month}月"
        if slot >= 30 or m % 2 == 0 or text.endswith("年1月"):
            body.append(_text(x + slot / 2, top - 12, text if slot >= 30 or len(text) <= 3 else f"{month}",
                              anchor="middle", size=11, fill=GREY))
    edge = label_w + n_months * slot
    body.append(f'<line x1="{edge:.1f}" y1="{top - 6}" x2="{edge:.1f}" y2="{height - 6}" stroke="{RULE}" '
                f'stroke-width="0.6"/>')
    for i, t in enumerate(tenures):
        y = top + i * row_h
        s = 0 if t.start is None else _months_between(first, t.start)
        e = n_months if t.end is None else _months_between(first, t.end) + 1
        x0, x1 = label_w + s * slot, label_w + max(e, s + 1) * slot
        name = _text(8, y + 16, _clip(t.label, 5)) + _text(
            78, y + 16, _clip(t.title, 10), size=12, fill=GREY)
        if t.href:
            name = f'<a href="{escape(t.href)}">{name}</a>'
        bar_end = x1 - (8 if t.end is None else 0)
        bar_w = max(bar_end - x0 - 2, 2)
        shape = (f'<rect x="{x0 + 1:.1f}" y="{y + 5}" width="{bar_w:.1f}" height="{row_h - 10}" '
                 f'fill="{ACCENT}" rx="2"/>')
        if t.end is None:  # still in office: an arrow head at the end of the axis
            shape += (f'<path d="M{bar_end - 1:.1f},{y + 3} L{x1:.1f},{y + row_h / 2:.1f} L{bar_end - 1:.1f},'
                      f'{y + row_h - 3}Z" fill="{ACCENT}"/>')
        if t.start is None:  # in office before the year: a notch at the start
            shape += f'<rect x="{x0 + 1:.1f}" y="{y + 5}" width="3" height="{row_h - 10}" fill="#ffffff"/>'
        body.append(f'<g class="tenure">{name}<g><title>{escape(t.hover)}</title>{shape}</g></g>')
    return _svg(width, height, label, body, "chart-timeline", interactive=any(t.href for t in tenures))
