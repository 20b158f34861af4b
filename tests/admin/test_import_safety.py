"""Spreadsheet import that cannot hurt the server or the data: limits counted as the file streams, a
preview that writes nothing and holds no transaction, the waiting file named by an opaque token, a clear
message for every way a confirmation can go wrong, Excel's GBK read, names and repeats caught, and exports
that open safely in a spreadsheet."""
import csv
import io
import os
import re
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chronicle.models import Event
from chronicle.resources import EventResource
from tests.admin.test_import import HONOUR_HEADER, confirm, csv_file, upload, xlsx_file
from yearbook import uploads
from yearbook.models import Honour, Organization, Person
from yearbook.sheets import Limits, SheetError, read_csv, read_xlsx

from .helpers import form_data

pytestmark = pytest.mark.django_db

EVENT_HEADER = ["卷次", "日期", "精度", "内容", "相关人物", "相关机构"]


@pytest.fixture(autouse=True)
def _own_temp_folder(settings, tmp_path):
    settings.IMPORT_TEMP_DIR = str(tmp_path / "imports")


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def declared_huge_xlsx(extra_cell=None) -> bytes:
    """A small workbook whose sheet declares A1:XFD20000 (16,384 × 20,000 cells) in its dimension."""
    wb = Workbook()
    ws = wb.active
    ws.append(EVENT_HEADER)
    ws.append(["2021", "2020-03-01", "日", "一件事", "", ""])
    if extra_cell:
        ws[extra_cell] = "x"
    out = io.BytesIO()
    wb.save(out)
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD20000"/>', data)
            dst.writestr(item, data)
    return patched.getvalue()


def peak_mib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# -- reading within limits ------------------------------------------------------------------------------

def test_a_sheet_declaring_a_huge_size_is_read_by_what_it_holds():
    data = declared_huge_xlsx()
    assert len(data) < 20_000
    holder = {}
    peak = peak_mib(lambda: holder.setdefault("sheet", read_xlsx(data)))
    assert holder["sheet"].headers == EVENT_HEADER and len(holder["sheet"].rows) == 1
    assert peak < 30, f"{peak:.0f} MiB to read a 15 KB sheet"


def test_a_sheet_holding_a_cell_in_the_last_column_is_refused_at_once():
    data = declared_huge_xlsx(extra_cell="XFD3")
    with pytest.raises(SheetError, match="第 3 行有 16384 列，超过了上限 60 列"):
        read_xlsx(data)


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", b"0" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    with pytest.raises(SheetError, match="解压后有 50 MB"):
        read_xlsx(out.getvalue())


def test_rows_columns_and_cells_are_counted_as_the_file_streams():
    small = Limits(rows=3, columns=4, cells=50, cell_chars=20)
    lines = "a,b\n" + "1,2\n" * 4
    with pytest.raises(SheetError, match="超过 3 行数据（第 5 行起）"):
        read_csv(lines.encode(), small)
    with pytest.raises(SheetError, match="第 1 行有 5 列"):
        read_csv(b"a,b,c,d,e\n", small)
    with pytest.raises(SheetError, match="长达 21 字"):
        read_csv(("a\n" + "x" * 21 + "\n").encode(), small)
    with pytest.raises(SheetError, match="超过上限 0 MB"):
        read_csv(b"a\n" * 10, Limits(bytes=5))


def test_csv_as_excel_saves_it_on_chinese_windows():
    text = "卷次,日期,内容\r\n2021,2020-03-01,区委召开全会\r\n"
    for encoding in ("gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"):
        sheet = read_csv(text.encode(encoding))
        assert sheet.headers == ["卷次", "日期", "内容"] and sheet.rows == [["2021", "2020-03-01", "区委召开全会"]]
    with pytest.raises(SheetError, match="含有二进制内容"):
        read_csv(b"\x00\x01\x02PK")


def test_a_gbk_csv_imports(editor_client, book):
    rows = [EVENT_HEADER, ["2021", "2020-03-02", "", "区委召开全会（GBK 文件）", "李晓燕", ""]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    file = SimpleUploadedFile("事件.csv", out.getvalue().encode("gbk"), content_type="text/csv")
    preview = upload(editor_client, Event, file, 0)
    assert "区委召开全会（GBK 文件）" in preview.content.decode()
    assert confirm(editor_client, Event, preview).status_code == 302
    assert Event.objects.get(text="区委召开全会（GBK 文件）").persons.get() == book.li


def test_a_hostile_sheet_uploaded_gets_a_message(editor_client, book):
    response = upload(editor_client, Event, SimpleUploadedFile("huge.xlsx", declared_huge_xlsx(extra_cell="XFD3")), 1)
    assert response.status_code == 200
    assert "超过了上限 60 列" in page_text(response)
    assert Event.objects.count() == 3


def test_an_upload_past_the_size_limit_is_not_read(editor_client, book, settings):
    settings.IMPORT_LIMITS = {"bytes": 2000}
    rows = [EVENT_HEADER] + [["2021", "2020-03-01", "", f"事件{i}" * 5, "", ""] for i in range(200)]
    response = upload(editor_client, Event, csv_file(rows), 0)
    assert response.status_code == 200
    assert "文件太大，没有读取" in page_text(response)
    assert Event.objects.count() == 3


# -- the preview writes nothing, in no transaction --------------------------------------------------------

def test_a_preview_writes_nothing_and_opens_no_transaction(editor, book):
    import tablib

    rows = [["2021", f"2020-0{m}-15", "", f"{m}月中的事件", "新人物甲", "新机构乙"] for m in range(2, 9)]
    dataset = tablib.Dataset(*rows, headers=EVENT_HEADER)
    before = (Event.objects.count(), Person.objects.count(), Organization.objects.count())
    versions = list(Event.objects.order_by("pk").values_list("order", "version"))
    with CaptureQueriesContext(connection) as queries:
        result = EventResource(user=editor).import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    statements = [q["sql"].lstrip().split()[0].upper() for q in queries]
    assert not {"INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN"} & set(statements), statements
    assert (Event.objects.count(), Person.objects.count(), Organization.objects.count()) == before
    assert list(Event.objects.order_by("pk").values_list("order", "version")) == versions


def test_the_preview_lists_new_names_with_the_closest_existing_ones(editor_client, book):
    rows = [HONOUR_HEADER,
            ["2021", "先进个人", "李晓艳", "女", "金川区统计局", "三八红旗手", "2020-03", "甘肃省妇联"],
            ["2021", "先进集体", "区统计居", "", "", "先进集体", "2020-05", "区政府"]]
    before = Person.objects.count(), Organization.objects.count()
    preview = upload(editor_client, Honour, csv_file(rows), 0)
    text = page_text(preview)
    assert "将新建的人物和机构" in text
    assert re.search(r"李晓艳 第 2 行 李晓燕", text), text
    assert re.search(r"区统计居 第 3 行 区统计局", text)
    assert re.search(r"金川区统计局 第 2 行 区统计局", text)
    assert "甘肃省妇联" in text
    assert (Person.objects.count(), Organization.objects.count()) == before   # listed, not created


def test_importing_the_same_rows_again_is_caught(editor_client, book):
    rows = [EVENT_HEADER, ["2021", "2020-02-03", "", "区委召开全会", "", ""],
            ["2021", "2020-04-05", "", "区政府常务会议", "", ""]]
    assert confirm(editor_client, Event, upload(editor_client, Event, csv_file(rows), 0)).status_code == 302
    again = upload(editor_client, Event, csv_file(rows), 0)
    text = page_text(again)
    assert "有 2 行需要改正" in text and "与已有的事件重复" in text and "确认导入" not in text
    fresh = ["2021", "2020-06-07", "", "区人大常委会会议", "", ""]
    twice = upload(editor_client, Event, csv_file([EVENT_HEADER, fresh, fresh]), 0)
    assert "第 3 行 内容 与本表第 2 行重复" in page_text(twice)
    honours = [HONOUR_HEADER, ["2021", "先进个人", "李晓燕", "女", "", "全国三八红旗手", "2020-03", ""]]
    assert "与已有的表彰重复" in page_text(upload(editor_client, Honour, csv_file(honours), 0))


# -- the confirmation --------------------------------------------------------------------------------

def preview_of(client, rows):
    preview = upload(client, Event, csv_file(rows), 0)
    data = form_data(preview, "confirm-import-form")
    assert set(data) == {"csrfmiddlewaretoken", "token"}   # no file name, no format from the browser
    return preview, data


def process_url():
    return reverse("admin:chronicle_event_process_import")


ROWS = [EVENT_HEADER, ["2021", "2020-02-03", "", "区委召开全会", "", ""]]


def test_confirming_twice_imports_once(editor_client, book):
    preview, data = preview_of(editor_client, ROWS)
    assert editor_client.post(process_url(), data).status_code == 302
    second = editor_client.post(process_url(), data, follow=True)
    assert second.status_code == 200 and "已经导入过" in messages_of(second)
    assert Event.objects.filter(text="区委召开全会").count() == 1


def test_a_missing_file_or_a_forged_token_gets_a_message(editor_client, book, editor2):
    preview, data = preview_of(editor_client, ROWS)
    for path in uploads.folder().glob("*.upload"):
        path.unlink()
    response = editor_client.post(process_url(), data, follow=True)
    assert "已不在服务器上" in messages_of(response)
    forged = editor_client.post(process_url(), {**data, "token": "A" * 32}, follow=True)
    assert "已经导入过，或已过期" in messages_of(forged)
    from .conftest import client_for
    other = client_for(editor2)   # a token is this session's only
    _, theirs = preview_of(editor_client, ROWS)
    assert "已经导入过，或已过期" in messages_of(other.post(process_url(), theirs, follow=True))
    assert not Event.objects.filter(text="区委召开全会").exists()


def test_a_file_name_sent_by_the_browser_reaches_no_file(editor_client, book, settings):
    """The old confirmation named the waiting file: a tampered name deleted other files."""
    preview_of(editor_client, ROWS)
    victim = uploads.folder() / "someone-elses.upload"
    victim.write_bytes(b"keep me")
    response = editor_client.post(process_url(), {"import_file_name": "someone-elses.upload",
                                                  "original_file_name": "x.csv", "format": "0"}, follow=True)
    assert response.status_code == 200 and "不完整" in messages_of(response)
    assert victim.read_bytes() == b"keep me"


def test_an_unknown_format_is_a_form_error(editor_client, book):
    url = reverse("admin:chronicle_event_import")
    data = form_data(editor_client.get(url))
    data.update(format="7", import_file=csv_file(ROWS))
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "选择一个有效的选项" in page_text(response)
    assert editor_client.get(process_url()).status_code == 405


def test_abandoned_previews_are_cleaned_up(editor_client, book):
    preview_of(editor_client, ROWS)
    old = uploads.folder() / ("B" * 32 + ".upload")
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 2 * 24 * 3600,) * 2)
    preview_of(editor_client, ROWS)
    assert not old.exists()
    assert len(list(uploads.folder().glob("*.upload"))) == 2


# -- events take their place, once per import ----------------------------------------------------------

def test_imported_events_take_their_places_without_touching_the_others(editor, editor_client, book):
    versions = dict(Event.objects.values_list("pk", "version"))
    rows = [EVENT_HEADER] + [["2021", d, "", t, "", ""] for d, t in [
        ("2020-12-31", "年末"), ("2020-01-01", "元旦"), ("2020-03-10", "三月同日"), ("2020-02-01", "二月")]]
    assert confirm(editor_client, Event, upload(editor_client, Event, csv_file(rows), 0)).status_code == 302
    texts = list(Event.objects.filter(edition=book.edition).order_by("order").values_list("text", flat=True))
    assert texts == ["元旦", "1月的事件", "二月", "3月的事件", "三月同日", "5月的事件", "年末"]
    assert list(Event.objects.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert {pk: v for pk, v in Event.objects.values_list("pk", "version") if pk in versions} == versions
    for event in Event.objects.filter(text__in=["年末", "元旦", "二月"]):
        assert event.history.latest().order == event.order   # the history holds the final place


# -- exports -------------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example","点我")'


def export(client, fmt, edition):
    url = reverse("admin:chronicle_event_export") + f"?edition__id__exact={edition.pk}"
    data = form_data(client.get(url))
    data["format"] = fmt
    return client.post(url, data)


def test_admin_exports_are_safe_to_open_and_named_in_chinese(editor_client, book):
    Event.objects.filter(pk=book.events[0].pk).update(text=FORMULA)
    Event.objects.filter(pk=book.events[1].pk).update(text="软回车\x0b之后")
    csv_response = export(editor_client, "0", book.edition)
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    assert "filename*=utf-8''%E5%A4%A7%E4%BA%8B%E8%AE%B0-2021.csv" in csv_response["Content-Disposition"]
    cells = [c for row in csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))) for c in row]
    assert "'" + FORMULA in cells and FORMULA not in cells
    xlsx_response = export(editor_client, "1", book.edition)
    assert "%E5%A4%A7%E4%BA%8B%E8%AE%B0-2021.xlsx" in xlsx_response["Content-Disposition"]
    book_ = load_workbook(io.BytesIO(xlsx_response.content))
    assert book_.sheetnames == ["大事记"]
    values = [c for row in book_.active.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "'" + FORMULA in values and "软回车\n之后" in values
    # the exported sheet imports back as it was: the apostrophe is not part of the text
    rows = [[c if c is not None else "" for c in row] for row in book_.active.iter_rows(values_only=True)]
    preview = upload(editor_client, Event, xlsx_file(rows), 1)
    assert confirm(editor_client, Event, preview).status_code == 302
    assert Event.objects.get(pk=book.events[0].pk).text == FORMULA


def test_export_page_speaks_chinese_and_needs_no_inline_script(editor_client, book):
    html = editor_client.get(reverse("admin:chronicle_event_export")).content.decode()
    assert "全选" in html and "onchange=" not in html and "onclick=" not in html
    assert "admin/yearbook/export.js" in html
    labels = re.findall(r'<label for="id_eventresource_[^"]*">([^<]*)</label>', html)
    assert labels and all(re.search(r"[\u4e00-\u9fff]|^id$", label) for label in labels), labels
    assert not re.search(r"Date End|Edition Year|Select all", html)
