"""Names and keys cannot break pages: control characters (Word's soft line break \\x0b) and "/" typed into a
name, a key or a section are cleaned on save and on import, and a key stored dirty before still leaves every
page answering."""
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from stats.models import TableCell
from tests.admin.conftest import client_for
from tests.admin.helpers import errors_of, form_data
from yearbook.export import export_edition
from yearbook.models import Category, Edition, Organization, OrganizationAlias, Person, Section

pytestmark = pytest.mark.django_db


def public_pages(book):
    year = book.edition.year
    li = Person.objects.get(pk=book.li.pk)
    org = Organization.objects.get(pk=book.org.pk)
    section = Section.objects.get(pk=book.section.pk)
    return ["/", "/people/", "/people/?q=李", "/agencies/", "/search/?q=李晓燕", "/search/?q=政府", f"/{year}/",
            f"/{year}/大事记/", f"/{year}/先进模范/", f"/{year}/统计/", li.get_absolute_url(),
            org.get_absolute_url(), section.get_absolute_url(), section.category.get_absolute_url()]


def assert_pages_answer(client, book):
    for url in public_pages(book):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def publish(edition):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.PUBLISHED)


def post_change(client, model, obj, form_id, **changes):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url), form_id)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)


def test_names_typed_in_the_admin_are_cleaned_and_every_page_answers(editor, book):
    client = client_for(editor)
    post_change(client, Person, book.li, "person_form", name="李晓\x0b燕", key="李晓燕\x0b\u202e")
    post_change(client, Organization, book.org, "organization_form", name="金川区\x0b人民政府\x00")
    post_change(client, Section, book.section, "section_form", name="区政府/办公室\x0c")
    post_change(client, Category, book.category, "category_form", name="政府\t/..")
    assert Person.objects.get(pk=book.li.pk).key == "李晓燕"
    assert Person.objects.get(pk=book.li.pk).name == "李晓燕"
    assert Organization.objects.get(pk=book.org.pk).name == "金川区 人民政府"
    assert Section.objects.get(pk=book.section.pk).name == "区政府／办公室"
    assert Category.objects.get(pk=book.category.pk).name == "政府 ／.."
    assert_pages_answer(client, book)          # staff: the draft as a preview
    publish(book.edition)
    assert_pages_answer(Client(), book)        # and readers


def test_a_clash_after_cleaning_is_a_message_not_an_error(editor, book):
    """"李晓燕\\x0b" is stored as "李晓燕", which another person holds already: the form says so."""
    client = client_for(editor)
    url = reverse("admin:yearbook_person_change", args=[book.wang.pk])
    data = form_data(client.get(url), "person_form")
    data.update(key="李晓燕\x0b")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "稳定键“李晓燕”已被另一位人物使用" in errors_of(response)


def test_keys_stored_dirty_before_leave_every_page_answering(editor, book):
    """Records written around the models (an old database, raw SQL): the links to them are dead ("#"), the
    pages that list them render."""
    Person.objects.filter(pk=book.li.pk).update(key="李晓燕\x0b")
    Organization.objects.filter(pk=book.org.pk).update(name="金川区人民政府\x0b")
    Section.objects.filter(pk=book.section.pk).update(name="区政府/办公室")
    publish(book.edition)
    client = Client()
    for url in ["/", "/people/", "/agencies/", "/search/?q=李晓燕", f"/{book.edition.year}/",
                f"/{book.edition.year}/大事记/", f"/{book.edition.year}/先进模范/",
                Section.objects.get(pk=book.section2.pk).get_absolute_url()]:
        assert client.get(url).status_code == 200, url


def test_an_xlsx_download_with_a_control_character_in_a_cell(book):
    TableCell.objects.filter(row=book.row1, column=book.col1).update(text="95\x0b.3")
    book.row1.label = "工业\x0b增加值"
    type(book.row1).objects.filter(pk=book.row1.pk).update(label="=工业\x0b增加值\x01")
    publish(book.edition)
    response = Client().get(book.table.get_absolute_url() + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "'=工业\n增加值" in cells


def test_a_restored_backup_with_dirty_names_is_cleaned(book, tmp_path):
    data = export_edition(book.edition)
    section = next(s for s in data["sections"] if s["name"] == "区政府")
    section["name"] = "区政府/办公室\x0b"
    for org in data["organizations"]:
        if org["name"] == "金川区人民政府":
            org["name"] = "金川区人民政府\x0b"
            org["aliases"] = ["区政府\x01"]
    data["persons"] = [{**p, "key": p["key"] + "\x0b"} if p["key"] == "李晓燕" else p for p in data["persons"]]
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    call_command("import_yearbook", str(path), verbosity=0)
    assert Section.objects.filter(edition=book.edition, name="区政府／办公室").exists()
    assert OrganizationAlias.objects.filter(name="区政府").exists()
    assert not Person.objects.filter(key__contains="\x0b").exists()
    assert not Organization.objects.filter(name__contains="\x0b").exists()
    publish(book.edition)
    client = Client()
    for url in ["/", "/people/", "/agencies/", "/2021/", "/2021/政府/区政府／办公室/", "/people/李晓燕/"]:
        assert client.get(url).status_code == 200, url
