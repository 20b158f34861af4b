"""Spreadsheets: a preview with row-level errors before anything is written, nothing written on cancel or
while any row is wrong, then all rows at once (each recorded in history)."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chronicle.models import Event
from stats.models import TableCell, TableRow
from yearbook.actions import start_next
from yearbook.models import Appointment, Edition, Honour, Person

from .helpers import form_data

pytestmark = pytest.mark.django_db

HONOUR_HEADER = ["卷次", "类别", "获奖单位或个人", "性别", "工作单位", "奖项", "授奖时间", "授奖单位"]


def csv_file(rows, name="data.csv"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="data.xlsx"):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def upload(client, model, file, fmt):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
    data = form_data(client.get(url))
    data.update(format=str(fmt), import_file=file)
    return client.post(url, data)


def confirm(client, model, preview):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import")
    return client.post(url, form_data(preview, "confirm-import-form"))


def honour_rows(bad=True):
    return [HONOUR_HEADER,
            ["2021", "先进个人", "陈光明", "男", "区教育局", "全国优秀教师", "2020-09", "教育部、人力资源社会保障部"],
            ["2021", "先进个人", "刘芳", "女", "区人民医院", "省抗疫先进个人", "2020-13" if bad else "2020-12",
             "甘肃省人民政府"],
            ["2021", "先进集体", "区统计局", "", "", "全省统计工作先进集体", "2020-11", "甘肃省统计局"]]


def test_honours_csv_with_a_bad_row_is_reported_and_nothing_is_written(editor_client, book):
    before = Honour.objects.count(), Person.objects.count()
    preview = upload(editor_client, Honour, csv_file(honour_rows()), 0)
    html = preview.content.decode()
    assert "有 1 行需要改正，什么也没有写入" in html
    assert "第 3 行" in html and "授奖时间" in html and "“2020-13”不是有效日期" in html
    assert "确认导入" not in html and "process_import" not in html  # no way to confirm while a row is wrong
    assert (Honour.objects.count(), Person.objects.count()) == before


def test_honours_fixed_file_previews_then_imports_on_confirm(editor, editor_client, book):
    before = Honour.objects.count()
    preview = upload(editor_client, Honour, csv_file(honour_rows(bad=False)), 0)
    html = preview.content.decode()
    assert "这是预览，尚未写入任何数据" in html and "陈光明" in html
    assert "先进个人" in html and "2020-09" in html and "教育部、人力资源社会保障部" in html  # as they will read
    assert Honour.objects.count() == before  # the preview wrote nothing
    response = confirm(editor_client, Honour, preview)
    assert response.status_code == 302
    assert Honour.objects.count() == before + 3
    chen = Honour.objects.get(recipient="陈光明")
    assert (chen.kind, chen.gender, chen.date.isoformat(), chen.date_precision) == ("individual", "M", "2020-09-01",
                                                                                   "month")
    assert chen.person.name == "陈光明" and chen.awarded_by_names == ["教育部", "人力资源社会保障部"]
    assert sorted(o.name for o in chen.awarded_by.all()) == ["人力资源社会保障部", "教育部"]
    assert chen.order == 2  # after the existing individual honour
    statistics = Honour.objects.get(award="全省统计工作先进集体")
    assert statistics.organization == book.bureau and statistics.person is None
    records = list(chen.history.all())
    assert records[-1].history_type == "+"
    assert all(r.history_user == editor and r.history_change_reason == "表格导入" for r in records)


def test_cancelling_after_the_preview_writes_nothing(editor_client, book):
    before = Honour.objects.count()
    preview = upload(editor_client, Honour, csv_file(honour_rows(bad=False)), 0)
    assert "确认导入" in preview.content.decode()
    # the editor leaves the page instead of confirming
    editor_client.get(reverse("admin:yearbook_honour_changelist"))
    assert Honour.objects.count() == before


def test_events_xlsx_import_with_errors_then_fixed(editor_client, book):
    rows = [["卷次", "日期", "精度", "内容", "相关人物"],
            ["2021", "2020-02-03", "", "区委召开全会", "李晓燕"],
            ["2021", "2021-01-05", "", "跨年的事件", ""],
            ["2021", "2020-06", "日", "六月的事", ""]]
    preview = upload(editor_client, Event, xlsx_file(rows), 1)
    html = preview.content.decode()
    assert "有 2 行需要改正" in html
    assert "不在本卷记述年份（2020年）之内" in html and "只写到了月，精度却是“日”" in html
    assert Event.objects.count() == 3
    rows[2][1], rows[3][2] = "2020-12-31", "月"
    preview = upload(editor_client, Event, xlsx_file(rows), 1)
    assert confirm(editor_client, Event, preview).status_code == 302
    texts = list(Event.objects.filter(edition=book.edition).order_by("order").values_list("text", flat=True))
    assert texts == ["1月的事件", "区委召开全会", "3月的事件", "5月的事件", "六月的事", "跨年的事件"]
    assert list(Event.objects.get(text="区委召开全会").persons.all()) == [book.li]


def test_import_into_a_published_edition_is_refused(editor_client, book):
    book.edition.status = "published"
    book.edition.save()
    preview = upload(editor_client, Honour, csv_file(honour_rows(bad=False)), 0)
    assert "2021 卷已发布" in preview.content.decode()
    assert "确认导入" not in preview.content.decode()


def test_export_then_reimport_ends_a_carried_over_appointment(editor, editor_client, book):
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
    new = start_next.start_next_edition(book.edition, user=editor).edition
    url = reverse("admin:yearbook_appointment_export")
    data = form_data(editor_client.get(url + f"?edition__id__exact={new.pk}"))
    data["format"] = "0"
    response = editor_client.post(url + f"?edition__id__exact={new.pk}", data)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:7] == ["id", "卷次", "机构", "名录", "姓名", "人物稳定键", "职务"]
    li_row = next(r for r in rows[1:] if r[header.index("姓名")] == "李晓燕")
    assert li_row[header.index("上卷延续")] == "是"
    li_row[header.index("任职止")] = "2021-08"
    li_row[header.index("任职止精度")] = "月"
    newcomer = ["", "2022", "金川区人民政府", "", "赵新", "", "副区长", "2021-09", "月", "", "", "", "", "", "", "",
                "", ""]
    preview = upload(editor_client, Appointment, csv_file([header, li_row, newcomer]), 0)
    assert "确认导入" in preview.content.decode(), preview.content.decode()[-3000:]
    assert confirm(editor_client, Appointment, preview).status_code == 302
    li = new.appointments.get(person=book.li)
    assert (li.end.isoformat(), li.end_precision, li.carried_over) == ("2021-08-01", "month", True)
    zhao = new.appointments.get(person__name="赵新")
    assert (zhao.roster.edition, zhao.carried_over, zhao.order) == (new, False, 3)


def test_ambiguous_person_in_an_appointment_sheet(editor_client, book):
    Person.objects.create(name="李晓燕", key="李晓燕-2", note="区教育局")
    rows = [["卷次", "机构", "姓名", "人物稳定键", "职务", "任职起"],
            ["2021", "金川区人民政府", "李晓燕", "", "调研员", "2020-03"]]
    html = upload(editor_client, Appointment, csv_file(rows), 0).content.decode()
    assert "有 2 位同名人物“李晓燕”（稳定键 李晓燕、李晓燕-2）" in html
    rows[1][3] = "李晓燕-2"
    preview = upload(editor_client, Appointment, csv_file(rows), 0)
    assert confirm(editor_client, Appointment, preview).status_code == 302
    assert Appointment.objects.get(title="调研员").person.key == "李晓燕-2"


def test_table_rows_round_trip_and_a_cell_that_is_not_a_number(editor_client, book):
    url = reverse("admin:stats_tablerow_export")
    data = form_data(editor_client.get(url + f"?table__id__exact={book.table.pk}"))
    data["format"] = "1"
    response = editor_client.post(url + f"?table__id__exact={book.table.pk}", data)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["id", "卷次", "表", "行名", "上级行", "单位", "顺序", "2020年", "比上年±%"]
    assert rows[1][3:] == ["工业增加值", "", "", 1, "95.3", "3.2"] or rows[1][3:] == ["工业增加值", "", "", "1", "95.3",
                                                                                      "3.2"]
    rows[2][7] = "十二"
    rows.append(["", "2021", "表1", "营业收入", "", "亿元", "", "210.5", "4.1"])
    html = upload(editor_client, TableRow, xlsx_file(rows), 1).content.decode()
    assert "“十二”不是数字" in html and "有 1 行需要改正" in html
    assert not TableRow.objects.filter(label="营业收入").exists()
    rows[2][7] = "88"
    preview = upload(editor_client, TableRow, xlsx_file(rows), 1)
    assert confirm(editor_client, TableRow, preview).status_code == 302
    revenue = TableRow.objects.get(label="营业收入")
    assert revenue.order == 3 and revenue.table == book.table
    assert {c.column.label: c.text for c in revenue.cells.all()} == {"2020年": "210.5", "比上年±%": "4.1"}
    assert TableCell.objects.get(row=book.row2, column=book.col1).text == "88"
