"""统计: the bulletin, the key figures and every table, with CSV and XLSX downloads."""
from dataclasses import dataclass
from decimal import Decimal

from stats import selectors
from stats.charts import table_chart
from stats.layout import table_layout
from yearbook import citation, downloads, structured
from yearbook.pagecache import cache_params
from yearbook.responses import bad_request, download_format, render_cited
from yearbook.selectors.editions import edition_get


@cache_params("cite")
def index(request, year: int):
    edition = edition_get(year)
    data = selectors.stats_index(edition)
    return render_cited(request, "stats/index.html", {
        "edition": edition, "data": data,
        "cite": citation.cite(edition, where="附录 › 重要统计资料", title="重要统计资料",
                              page=data.chapters[0][0].page if data.chapters else None,
                              url=request.build_absolute_uri(request.path))})


def printed_number(text: str, value):
    """A cell's number at its printed precision (8. 20 → Decimal('8.20')), or the stored value."""
    try:
        return Decimal("".join((text or "").split()))
    except ArithmeticError:
        return value.normalize() if value is not None else None


PERCENT_WORDS = ("增长", "增减", "比重", "率", "±")


def is_percent(column, label: str, table_unit: str = "") -> bool:
    """A column of percentages: its unit is %, its header says so (比上年增长(%)), or the table's unit lists %
    (亿元、%) and the header names a rate or a change (比上年增长)."""
    return (column.unit == "%" or "%" in label
            or ("%" in table_unit and any(w in label for w in PERCENT_WORDS)))


def column_header(column, label: str, percent: bool) -> str:
    """A column's unit in its header (报销比例(%)): the download holds the bare numbers."""
    if column.unit and column.unit not in label:
        return f"{label}({column.unit})"
    return f"{label}(%)" if percent and "%" not in label else label


@dataclass
class Download:
    header: list[str]
    rows: list[list]
    percent: list[bool]                          # which columns are percentages
    merges: list[tuple[int, int, int, int]]      # merged cells: (data row, column, rows, columns), 0-based


def table_download_rows(layout, table_unit: str = "") -> Download:
    """A table as one header row and data rows: 指标, 上级, 单位, then one column per leaf header. A merged
    cell's value is given once, in its first cell; the cells it covers are empty."""
    lead = [layout.stub_header or "项目", "所属分组"] + (["单位"] if layout.has_unit else [])
    percent = [is_percent(c, label, table_unit) for c, label in zip(layout.columns, layout.column_labels)]
    labels = [column_header(c, label, p) for c, label, p in zip(layout.columns, layout.column_labels, percent)]
    rows, merges = [], []
    for n, line in enumerate(layout.lines):
        if line.synthetic:
            continue
        values = [printed_number(c, v) if v is not None else (c or None) for v, c in zip(line.values, line.cells)]
        for column, (rowspan, colspan) in line.spans.items():
            # the span counts the page's lines; the download has no group headings
            height = sum(not other.synthetic for other in layout.lines[n:n + rowspan])
            merges.append((len(rows), len(lead) + column, height, colspan))
        rows.append([line.label, line.parent_label] + ([line.unit] if layout.has_unit else []) + values)
    return Download(lead + labels, rows, [False] * len(lead) + percent, merges)


@cache_params("format", "cite")
def table(request, year: int, key: str):
    edition = edition_get(year)
    try:
        fmt = download_format(request)
    except ValueError:
        return bad_request(request, "下载格式只能是 csv 或 xlsx。")
    tbl = selectors.table_get(edition, key)
    layout = table_layout(tbl)
    title = f"{tbl.number} {tbl.title}".strip()
    if fmt:
        table = table_download_rows(layout, tbl.unit)
        page = f"，第{tbl.page}页" if tbl.page else ""
        preamble = [title, f"单位：{tbl.unit or '见各列'}",
                    f"来源：{citation.book_title(edition)}{page}（{request.build_absolute_uri(request.path)}）"]
        return downloads.response(fmt, f"{edition.year}-{tbl.key}", table.header, table.rows,
                                  title=tbl.number or "表", preamble=preamble, percent=table.percent,
                                  merges=table.merges)
    chart = table_chart(layout)
    if chart:   # the list view's bars: their length on a scale from 0 to the largest magnitude
        peak = max((abs(b.value) for b in chart[2]), default=0) or 1
        chart = (*chart, [(b, abs(b.value), b.value < 0) for b in chart[2]], peak)
    where = f"{tbl.section.category.name} › {tbl.section.name}" if tbl.section else "统计"
    return render_cited(request, "stats/table.html", {
        "edition": edition, "table": tbl, "title": title, "layout": layout, "chart": chart,
        "ld": structured.dataset(tbl, edition, request.build_absolute_uri(request.path), title),
        "cite": citation.cite(edition, where=f"{where} › {title}", page=tbl.page, title=title,
                              url=request.build_absolute_uri(request.path))})
