"""CSV and XLSX downloads of every table and of the filtered honours list, safe against formula injection."""
import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from yearbook import downloads

from .builders import table

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")                     # BOM: spreadsheets read the Chinese right
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def read_xlsx(response):
    assert response["Content-Type"] == downloads.XLSX_TYPE
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def test_table_as_csv(site, client):
    response = client.get("/2021/统计/表5/", {"format": "csv"})
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["指标", "所属分组", "单位", "2020年 / 绝对数", "2020年 / 比上年增长(%)"]
    assert rows[1] == ["社会消费品零售额", "", "万元", "676772.5", "-3.1"]
    assert rows[2] == ["按经营地分", "", "", "", ""]
    assert rows[4] == ["城区", "城镇", "万元", "446359.4", "-2.8"]


def test_table_as_xlsx_keeps_numbers_as_numbers(site, client):
    rows = read_xlsx(client.get("/2021/统计/表1/", {"format": "xlsx"}))
    assert rows[0] == ["指标", "所属分组", "2020年 / 绝对数", "2020年 / 比上年增长"]
    assert rows[1][0] == "生产总值" and rows[1][2] == pytest.approx(271.41) and rows[1][3] == pytest.approx(9.2)
    assert any(r and r[0] and "来源：《金川区年鉴 2021》" in r[0] for r in rows)


def test_every_table_downloads(site, client):
    for key in ("表1", "表5", "2020年金川区医疗救助资金统计表"):
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/2021/统计/{key}/", {"format": fmt}).status_code == 200


def test_honours_download_is_the_filtered_list(site, client):
    rows = read_csv(client.get("/2021/先进模范/", {"format": "csv", "level": "national"}))
    assert rows[0][:3] == ["类别", "获奖单位或个人", "性别"]
    assert [r[1] for r in rows[1:]] == ["金川区广州路司法所", "李晓燕"]
    assert rows[1][7] == "国家级" and rows[2][2] == "女"
    xlsx = read_xlsx(client.get("/2021/先进模范/", {"format": "xlsx", "kind": "individual"}))
    assert [r[1] for r in xlsx[1:3]] == ["赵东岩", "李晓燕"]


def test_cells_that_look_like_formulas_are_neutralised(site, client):
    table(site.edition, None, "注入", "=HYPERLINK(\"http://evil\",\"点我\")", 99, [["+SUM(A1)"]],
          [("=1+1", None, "", "", ["@cmd"]), ("-2+3", None, "", "", ["-5"])])
    for fmt, read in (("csv", read_csv), ("xlsx", read_xlsx)):
        rows = read(client.get("/2021/统计/注入/", {"format": fmt}))
        assert rows[0][2] == "'+SUM(A1)"
        assert rows[1][0] == "'=1+1" and rows[1][2] == "'@cmd"
        assert rows[2][0] == "'-2+3"
        assert rows[2][2] in ("-5", -5)                          # a negative number stays a number


def test_neutralise_rule():
    assert downloads.neutralise("=A1") == "'=A1"
    assert downloads.neutralise("\t=A1") == "'\t=A1"
    assert downloads.neutralise("统计") == "统计"
    assert downloads.neutralise(Decimal("-3.1")) == Decimal("-3.1")
    assert downloads.neutralise(None) is None
