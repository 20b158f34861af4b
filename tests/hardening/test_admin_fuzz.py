"""A bounded fuzz of the editors' side: every admin form (add and change) and every spreadsheet import, fed
hostile values (control characters, "/", formulas, markup, NUL, huge and empty text), answers without a
server error, and afterwards every public page still answers 200 for readers."""
import csv
import io
import os
import re

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.admin.helpers import form_data
from tests.site.crawl import crawl
from yearbook.admin.base import EditorialAdmin
from yearbook.admin.imports import EditorialImportExportAdmin
from yearbook.models import Edition

pytestmark = pytest.mark.django_db
# Bounded for the suite; FUZZ_EXAMPLES=500 for a longer run by hand.
FORMS = int(os.environ.get("FUZZ_EXAMPLES", "40"))
SHEETS = max(FORMS * 3 // 4, 1)

HOSTILE = st.one_of(
    st.sampled_from([
        "李晓\x0b燕", "区政府/办公室", "../..", "/", "=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "@SUM(A1)", "-2",
        "<script>alert(1)</script>", "\x00", "中\x00文", "\u202e反转", "\u200b", "  ", "", "\t\n\r", "'", '"',
        "a" * 5000, "张" * 300, "2020-13-45", "9" * 30, "NaN", "−1", "\x7f\x85\u2028", "％", "——"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)

# The admin pages the fuzz fills: every model whose admin the editors use.
EDITED = [model for model, model_admin in admin.site._registry.items()
          if isinstance(model_admin, EditorialAdmin) and model_admin.get_model_perms is not None]


def text_fields(data: dict) -> list[str]:
    skip = {"csrfmiddlewaretoken", "edit_version"}
    return [k for k, v in data.items() if isinstance(v, str) and k not in skip and not k.startswith("initial-")
            and not k.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS", "-id"))]


def some_record(model):
    return model._default_manager.order_by("pk").first()


@settings(max_examples=FORMS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(model_index=st.integers(min_value=0, max_value=len(EDITED) - 1), values=st.lists(HOSTILE, min_size=1,
                                                                                           max_size=6),
       adding=st.booleans())
def test_admin_forms_never_answer_a_server_error(chief_client, book, model_index, values, adding):
    model = EDITED[model_index]
    info = model._meta.app_label, model._meta.model_name
    record = some_record(model)
    if adding or record is None:
        url = reverse("admin:{}_{}_add".format(*info))
    else:
        url = reverse("admin:{}_{}_change".format(*info), args=[record.pk])
    page = chief_client.get(url)
    assert page.status_code in (200, 403), (url, page.status_code)
    if page.status_code != 200:
        return
    data = form_data(page, f"{info[1]}_form")
    fields = text_fields(data)
    for i, value in enumerate(values):
        if fields:
            data[fields[(i * 7) % len(fields)]] = value
    response = chief_client.post(url, data)
    assert response.status_code < 500, (url, response.status_code)


def hostile_sheet(header, rows, fmt):
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        return SimpleUploadedFile("fuzz.csv", out.getvalue().encode("utf-8"), content_type="text/csv")
    wb = Workbook()
    for row in [header, *rows]:
        wb.active.append([re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", v) for v in row])  # what Excel can store
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("fuzz.xlsx", out.getvalue())


IMPORTS = [model for model, model_admin in admin.site._registry.items()
           if isinstance(model_admin, EditorialImportExportAdmin)]


@settings(max_examples=SHEETS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(model_index=st.integers(min_value=0, max_value=len(IMPORTS) - 1),
       cells=st.lists(st.lists(HOSTILE, min_size=3, max_size=10), min_size=1, max_size=5),
       fmt=st.sampled_from(["csv", "xlsx"]))
def test_spreadsheet_imports_never_answer_a_server_error(editor_client, book, model_index, cells, fmt):
    model = IMPORTS[model_index]
    info = model._meta.app_label, model._meta.model_name
    model_admin = admin.site._registry[model]
    resource = model_admin.get_import_resource_classes(None)[0]()
    header = [f.column_name for f in resource.get_import_fields()]
    rows = [["2021", *row][:len(header)] for row in cells]
    url = reverse("admin:{}_{}_import".format(*info))
    data = form_data(editor_client.get(url))
    data.update(format="0" if fmt == "csv" else "1", import_file=hostile_sheet(header, rows, fmt))
    preview = editor_client.post(url, data)
    assert preview.status_code == 200, preview.status_code
    if 'id="confirm-import-form"' in preview.content.decode():
        confirm = reverse("admin:{}_{}_process_import".format(*info))
        response = editor_client.post(confirm, form_data(preview, "confirm-import-form"))
        assert response.status_code == 302, response.status_code


def test_after_the_fuzz_every_public_page_answers(chief_client, editor_client, book):
    """A round of each, then the site crawled as a reader: no page fails."""
    hostile = ["李晓\x0b燕/..", "=cmd|' /C calc'!A0", "\x00<b>", "区政府/办公室"]
    for model in EDITED:
        info = model._meta.app_label, model._meta.model_name
        record = some_record(model)
        if record is None:
            continue
        url = reverse("admin:{}_{}_change".format(*info), args=[record.pk])
        page = chief_client.get(url)
        if page.status_code != 200:
            continue
        data = form_data(page, f"{info[1]}_form")
        for i, field in enumerate(text_fields(data)):
            if field not in ("edition", "status") and not field.endswith(("precision", "kind", "gender", "marker")):
                data[field] = hostile[i % len(hostile)] if not data[field].isdigit() else data[field]
        assert chief_client.post(url, data).status_code < 500, url
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)
    report = crawl(Client())
    failures = [p for p in report["problems"] if not p.startswith("missing anchor")]
    assert failures == [] and report["pages"] > 10
    for url in ["/", "/people/", "/agencies/", "/2021/", "/2021/大事记/", "/2021/先进模范/", "/2021/统计/",
                "/search/?q=李", "/2021/先进模范/?format=xlsx", "/2021/先进模范/?format=csv"]:
        assert Client().get(url).status_code == 200, url


# -- what the fuzz found, kept as plain cases -------------------------------------------------------------

def post_change(client, obj, **changes):
    info = obj._meta.app_label, obj._meta.model_name
    url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    data = form_data(client.get(url), f"{info[1]}_form")
    data.update(changes)
    return client.post(url, data)


def test_json_a_database_cannot_store_is_a_form_error(chief_client, book):
    response = post_change(chief_client, book.edition, editorial_notes="NaN")
    assert response.status_code == 200 and "输入一个有效的JSON" in response.content.decode()
    assert "<title>错误：" in response.content.decode()
    book.edition.refresh_from_db()
    assert book.edition.editorial_notes == ["本年鉴 2021 卷记述 2020 年"]


def test_an_emptied_json_box_stores_its_empty_default(chief_client, book):
    assert post_change(chief_client, book.col1, path="").status_code == 302
    book.col1.refresh_from_db()
    assert book.col1.path == []


@pytest.mark.parametrize("value", ["李晓\x0b燕", "9" * 30, "-1", "1.5"])
def test_a_choice_that_is_no_record_id_is_an_invalid_choice(chief_client, book, value):
    response = post_change(chief_client, book.entry, section=value)
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
