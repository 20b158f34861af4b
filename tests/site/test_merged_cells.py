"""A merged cell of the book, end to end: the 医保 起付标准表 prints 「在一个结算年度内取消起付金线」 once over
three rows (source lines 3774–3776). It is one cell in the database, on the page, in the downloads and in the
open-data export, and the 报销比例 keep their %."""
import csv
import io
import re

import pytest
from openpyxl import load_workbook

from stats.models import StatTable, TableCell
from yearbook.export import export_edition

pytestmark = pytest.mark.django_db

MERGED = "在一个结算年度内取消起付金线"


@pytest.fixture
def medical(edition2021):
    return StatTable.objects.get(edition=edition2021, title__contains="起付标准、报销比例表")


def table_html(client, table):
    html = client.get(table.get_absolute_url()).content.decode()
    return re.search(r"<table.*?</table>", html, re.S).group(0)


def test_the_merged_cell_is_stored_once_with_its_span(medical):
    cells = TableCell.objects.filter(row__table=medical, text=MERGED)
    assert [(c.row.label, c.column.path, c.rowspan, c.colspan) for c in cells] == [
        ("三级医院", ["第三次及以上住院", "起付线"], 3, 1)]
    column = cells.get().column
    assert not TableCell.objects.filter(row__table=medical, column=column).exclude(text=MERGED).exists()


def test_the_page_sets_it_as_one_cell_over_three_rows(medical, client):
    html = table_html(client, medical)
    assert html.count(MERGED) == 1
    assert f'<td rowspan="3">{MERGED}</td>' in html
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr[^>]*><th scope="row" class="label">(.*?)</th>.*?</tr>',
                                                         html, re.S)}
    # the rows below it have one cell fewer: the merged cell stands in for theirs
    assert [rows[label].count("<td") for label in ("三级医院", "二级医院", "一级医院")] == [6, 5, 5]
    assert rows["三级医院"].count("90%") == 3 and rows["一级医院"].count("94%") == 3


def test_downloads_give_the_value_once(medical, client):
    body = client.get(medical.get_absolute_url(), {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    rows = rows[rows.index([]) + 1:]   # below the title, unit and source lines
    assert rows[0][2:] == ["第一次住院 / 起付线", "第一次住院 / 报销比例(%)", "第二次住院 / 起付线",
                           "第二次住院 / 报销比例(%)", "第三次及以上住院 / 起付线", "第三次及以上住院 / 报销比例(%)"]
    assert rows[1] == ["三级医院", "", "600", "90", "500", "90", MERGED, "90"]
    assert [r[6] for r in rows[2:4]] == ["", ""]

    response = client.get(medical.get_absolute_url(), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = next(n for n in range(1, 10) if sheet.cell(row=n, column=3).value == "第一次住院 / 起付线")
    first = header + 1
    assert [str(r) for r in sheet.merged_cells.ranges] == [f"G{first}:G{first + 2}"]
    assert [sheet.cell(row=n, column=7).value for n in (first, first + 1, first + 2)] == [MERGED, None, None]


def test_the_export_keeps_the_span(edition2021, medical):
    table = next(t for t in export_edition(edition2021)["tables"] if t["key"] == medical.key)
    first = table["rows"][0]
    assert first["spans"] == [{"column": 4, "rowspan": 3, "colspan": 1}]
    assert first["values"][4] == MERGED and first["printed"][1] == "90%"
    assert [row["values"][4] for row in table["rows"][1:3]] == [None, None]
    assert all("spans" not in row for row in table["rows"][1:])
