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


def test_table_as_csv_with_title_unit_and_source(site, client):
    response = client.get("/2021/统计/表5/", {"format": "csv"})
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["表5 2020年全区国内贸易情况"] and rows[1] == ["单位：见各列"]
    assert rows[2][0].startswith("来源：《金川区年鉴 2021》，第195页（http://testserver/2021/") and rows[3] == []
    assert rows[4] == ["指标", "所属分组", "单位", "2020年 / 绝对数", "2020年 / 比上年增长(%)"]
    assert rows[5] == ["社会消费品零售额", "", "万元", "676772.5", "-3.1"]
    assert rows[6] == ["按经营地分", "", "", "", ""]
    assert rows[8] == ["城区", "城镇", "万元", "446359.4", "-2.8"]


def test_table_keeps_the_printed_precision(site, client):
    rows = read_csv(client.get("/2021/统计/表1/", {"format": "csv"}))
    assert rows[1] == ["单位：亿元、%"]
    assert rows[6] == ["农林牧渔业", "", "8.20", "8.8"]                    # printed 8. 20: not 8.2


def test_table_as_xlsx_numbers_percentages_and_a_frozen_header(site, client):
    response = client.get("/2021/统计/表1/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "表1 2020年全区生产总值分行业情况" and rows[1][0] == "单位：亿元、%"
    assert rows[4] == ["指标", "所属分组", "2020年 / 绝对数", "2020年 / 比上年增长(%)"]
    assert rows[5][0] == "生产总值" and rows[5][2] == pytest.approx(271.41)
    assert rows[5][3] == pytest.approx(0.092) and sheet.cell(row=6, column=4).number_format == "0.0%"
    assert rows[6][2] == pytest.approx(8.2) and sheet.cell(row=7, column=3).number_format == "0.00"
    assert sheet.freeze_panes == "B6"                                       # the header stays in view


def test_every_table_downloads(site, client):
    for key in ("表1", "表5", "2020年金川区医疗救助资金统计表"):
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/2021/统计/{key}/", {"format": fmt}).status_code == 200


def test_honours_download_is_the_filtered_list_with_iso_dates(site, client):
    rows = read_csv(client.get("/2021/先进模范/", {"format": "csv", "level": "national"}))
    assert rows[3][:3] == ["类别", "获奖单位或个人", "性别"]
    assert [r[1] for r in rows[4:]] == ["金川区广州路司法所", "李晓燕"]
    assert rows[4][7] == "国家级" and rows[5][2] == "女" and rows[5][5] == "2020-12"
    xlsx = read_xlsx(client.get("/2021/先进模范/", {"format": "xlsx", "kind": "individual"}))
    assert [r[1] for r in xlsx[4:6]] == ["赵东岩", "李晓燕"]


def test_honours_text_filter_on_the_page_and_in_the_download(site, client):
    html = client.get("/2021/先进模范/", {"q": "统计"}).content.decode()
    assert "共 3 项" in html and "金川区广州路司法所" not in html
    rows = read_csv(client.get("/2021/先进模范/", {"format": "csv", "q": "甘肃省统计局"}))
    assert rows[0] == ["2020年度先进模范（筛选：甘肃省统计局）"]
    assert [r[1] for r in rows[4:]] == ["区统计局", "赵东岩"]


def test_cells_that_look_like_formulas_are_neutralised(site, client):
    table(site.edition, None, "注入", "=HYPERLINK(\"http://evil\",\"点我\")", 99, [["+SUM(A1)"]],
          [("=1+1", None, "", "", ["@cmd"]), ("-2+3", None, "", "", ["-5"])])
    for fmt, read in (("csv", read_csv), ("xlsx", read_xlsx)):
        rows = read(client.get("/2021/统计/注入/", {"format": fmt}))[4:]
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


def test_chronicle_month_as_csv_with_iso_dates(site, client):
    rows = read_csv(client.get("/2021/大事记/", {"format": "csv", "month": "1"}))
    assert rows[0] == ["2020年大事记"] and rows[3][:4] == ["日期", "结束日期", "日期精度", "事件"]
    assert [r[0] for r in rows[4:]] == ["2020-01-08", "2020-01-08", "2020-01-10"]
    assert rows[6][1] == "2020-01-11" and rows[4][4] == "张恒山"
    assert rows[4][8].endswith("?month=1#1%E6%9C%888%E6%97%A5")                      # 1月8日
    month = read_csv(client.get("/2021/大事记/", {"format": "csv", "month": "4"}))
    assert month[4][:3] == ["2020-04", "", "月"]


def test_chronicle_filter_as_icalendar(site, client):
    response = client.get("/2021/大事记/", {"format": "ics", "person": "张恒山"})
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2 and "DTSTART;VALUE=DATE:20200108" in body
    assert "DTEND;VALUE=DATE:20200109" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    month = client.get("/2021/大事记/", {"format": "ics", "month": "4"}).content.decode()
    assert "DTSTART;VALUE=DATE:20200401" in month and "DTEND;VALUE=DATE:20200501" in month
    assert client.get("/2021/大事记/", {"format": "pdf"}).status_code == 400
