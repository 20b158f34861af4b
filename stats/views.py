"""统计: the bulletin, the key figures and every table, with CSV and XLSX downloads."""
from django.shortcuts import render

from stats import selectors
from stats.charts import table_chart
from stats.layout import table_layout
from yearbook import citation, downloads
from yearbook.pagecache import cache_params
from yearbook.responses import bad_request, download_format
from yearbook.selectors.editions import edition_get


@cache_params()
def index(request, year: int):
    edition = edition_get(year)
    data = selectors.stats_index(edition)
    return render(request, "stats/index.html", {
        "edition": edition, "data": data,
        "cite": citation.cite(edition, where="附录 › 重要统计资料",
                              page=data.chapters[0][0].page if data.chapters else None,
                              url=request.build_absolute_uri())})


def table_download_rows(layout) -> tuple[list[str], list[list]]:
    """A table as one header row and data rows: 指标, 上级, 单位, then one column per leaf header."""
    header = [layout.stub_header or "项目", "所属分组"] + (["单位"] if layout.has_unit else []) + layout.column_labels
    rows = []
    for line in layout.lines:
        if line.synthetic:
            continue
        values = [v if v is not None else (c or None) for v, c in zip(line.values, line.cells)]
        rows.append([line.label, line.parent_label] + ([line.unit] if layout.has_unit else []) + values)
    return header, rows


@cache_params("format")
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
        header, rows = table_download_rows(layout)
        note = f"来源：{citation.book_title(edition)} {title}" + (f"；单位：{tbl.unit}" if tbl.unit else "")
        return downloads.response(fmt, f"{edition.year}-{tbl.key}", header, rows, title=tbl.number or "表",
                                  note=note)
    chart = table_chart(layout)
    where = f"{tbl.section.category.name} › {tbl.section.name}" if tbl.section else "统计"
    return render(request, "stats/table.html", {
        "edition": edition, "table": tbl, "title": title, "layout": layout, "chart": chart,
        "cite": citation.cite(edition, where=f"{where} › {title}", page=tbl.page,
                              url=request.build_absolute_uri())})
