"""Published means frozen for what editions share too: persons and agencies named by a published edition
change only through the chief editor (with a reason in the history), are never deleted from under it, and
are merged or split by the chief editor only; a merge's reason goes into the history, not the public note."""
import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from chronicle.models import Event
from yearbook.actions import EditorialError, persons
from yearbook.models import Edition, Honour, Organization, OrganizationAlias, Person

from .conftest import client_for
from .helpers import errors_of, form_data

pytestmark = pytest.mark.django_db


def publish(edition):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.PUBLISHED)


def person_url(person):
    return reverse("admin:yearbook_person_change", args=[person.pk])


def test_editors_cannot_rename_a_person_of_a_published_edition(editor_client, book):
    publish(book.edition)
    page = editor_client.get(person_url(book.li))
    data = form_data(page, "person_form")
    assert "name" not in data and "key" not in data and "note" not in data   # shown, not editable
    data.update(name="李晓艳", key="李晓艳", note="改名")
    editor_client.post(person_url(book.li), data)
    li = Person.objects.get(pk=book.li.pk)
    assert (li.name, li.key, li.note) == ("李晓燕", "李晓燕", "")
    assert Client().get("/people/李晓燕/").status_code == 200


def test_a_forged_post_of_a_frozen_field_is_refused(editor, book):
    """The form refuses it too, whatever the page showed."""
    from yearbook.admin.people import PersonForm

    publish(book.edition)
    form_class = type("Form", (PersonForm,), {"editing_user": editor})
    li = Person.objects.get(pk=book.li.pk)
    data = {"name": "李晓艳", "key": "李晓燕", "gender": "F", "note": "", "edit_version": li.version,
            "initial-name": "李晓燕", "initial-key": "李晓燕", "initial-gender": "F", "initial-note": ""}
    form = form_class(data, instance=li)
    assert not form.is_valid()
    assert "只有主编可以修改" in str(form.non_field_errors())


def test_the_chief_editor_corrects_a_published_name_with_a_reason(chief, chief_client, book):
    publish(book.edition)
    data = form_data(chief_client.get(person_url(book.li)), "person_form")
    assert "change_reason" in data
    data.update(name="李晓艳", key="李晓燕")
    response = chief_client.post(person_url(book.li), data)
    assert "请在“修改理由”中写明" in errors_of(response)
    data["change_reason"] = "原书第 1554 行名录为李晓艳"
    assert chief_client.post(person_url(book.li), data).status_code == 302
    li = Person.objects.get(pk=book.li.pk)
    assert li.name == "李晓艳"
    latest = li.history.latest()
    assert latest.history_user == chief and "原书第 1554 行名录为李晓艳" in latest.history_change_reason


def test_editors_may_change_a_person_only_drafts_name(editor_client, book):
    data = form_data(editor_client.get(person_url(book.li)), "person_form")
    assert "change_reason" not in data
    data.update(note="区教育局")
    assert editor_client.post(person_url(book.li), data).status_code == 302
    assert Person.objects.get(pk=book.li.pk).note == "区教育局"


def test_an_agency_and_its_other_names_are_frozen_too(editor_client, book):
    OrganizationAlias.objects.create(organization=book.bureau, name="统计局")
    publish(book.edition)
    url = reverse("admin:yearbook_organization_change", args=[book.bureau.pk])
    data = form_data(editor_client.get(url), "organization_form")
    assert "name" not in data and not any(k.startswith("aliases-0-name") for k in data)
    data.update(name="金川区统计局")
    editor_client.post(url, data)
    assert Organization.objects.get(pk=book.bureau.pk).name == "区统计局"
    assert OrganizationAlias.objects.get(name="统计局").organization == book.bureau


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_deleting_a_person_that_published_content_names_is_refused(who, request, book):
    client = client_for(request.getfixturevalue(who))
    publish(book.edition)
    url = reverse("admin:yearbook_person_delete", args=[book.li.pk])
    page = client.get(url)
    assert page.status_code in (200, 403)
    response = client.post(url, {"post": "yes"})
    assert response.status_code in (200, 403)
    assert Person.objects.filter(pk=book.li.pk).exists()
    assert Honour.objects.get(pk=book.honour.pk).person_id == book.li.pk
    if page.status_code == 200:
        assert "见于已发布的内容" in page.content.decode() and "不能删除" in page.content.decode()


def test_the_delete_action_refuses_too(chief_client, book):
    publish(book.edition)
    response = chief_client.post(reverse("admin:yearbook_person_changelist"), {
        "action": "delete_selected", admin.helpers.ACTION_CHECKBOX_NAME: [str(book.li.pk)], "post": "yes"})
    assert response.status_code == 200 and "不能删除" in response.content.decode()
    assert Person.objects.filter(pk=book.li.pk).exists()


def test_deleting_a_person_a_draft_names_is_refused_with_the_way_out(editor_client, book):
    url = reverse("admin:yearbook_person_delete", args=[book.li.pk])
    editor_client.post(url, {"post": "yes"})
    assert Person.objects.filter(pk=book.li.pk).exists()
    assert "合并" in editor_client.get(url).content.decode()
    lone = Person.objects.create(name="无关联")
    assert editor_client.post(reverse("admin:yearbook_person_delete", args=[lone.pk]),
                              {"post": "yes"}).status_code == 302
    assert not Person.objects.filter(pk=lone.pk).exists()


def test_merging_published_persons_is_the_chief_editors(editor, chief, book):
    publish(book.edition)
    twin = Person.objects.create(name="李晓艳")
    with pytest.raises(EditorialError, match="只有主编"):
        persons.merge_persons(book.li, [twin], user=editor)
    with pytest.raises(EditorialError, match="只有主编"):
        persons.split_person(book.li, {"yearbook.honour.person": [book.honour.pk]}, note="另一人", user=editor)
    persons.merge_persons(book.li, [twin], user=chief, reason="OCR 把“燕”误作“艳”")
    assert not Person.objects.filter(pk=twin.pk).exists()


def test_a_merge_reason_goes_to_history_not_to_the_public_note(editor, book):
    twin = Person.objects.create(name="李晓艳", note="")
    event = Event.objects.create(edition=book.edition, date="2020-07-01", text="七月", order=9)
    event.persons.add(twin)
    keep = persons.merge_persons(book.li, [twin], user=editor, reason="同一人，OCR 误读")
    assert keep.note == ""
    assert "同一人，OCR 误读" in keep.history.latest().history_change_reason
    assert list(event.persons.all()) == [book.li]


def test_the_editor_sees_why_a_merge_was_refused(editor_client, book):
    publish(book.edition)
    twin = Person.objects.create(name="李晓艳")
    response = editor_client.post(reverse("admin:yearbook_person_changelist"), {
        "action": "merge_action", admin.helpers.ACTION_CHECKBOX_NAME: [str(book.li.pk), str(twin.pk)],
        "apply": "1", "keep": str(book.li.pk)}, follow=True)
    assert response.status_code == 200 and "只有主编" in response.content.decode()
    assert Person.objects.filter(pk=twin.pk).exists()


def test_the_chief_renames_a_published_agencys_other_name_with_the_reason_on_the_page(chief_client, book):
    alias = OrganizationAlias.objects.create(organization=book.bureau, name="统计局")
    publish(book.edition)
    url = reverse("admin:yearbook_organization_change", args=[book.bureau.pk])
    data = form_data(chief_client.get(url), "organization_form")
    row = next(k[:-len("-id")] for k, v in data.items() if k.endswith("-id") and v == str(alias.pk))
    data[f"{row}-name"] = "区统计局（简称）"
    assert "请在“修改理由”中写明" in errors_of(chief_client.post(url, data))
    data["change_reason"] = "原书第 3911 行的简称"
    assert chief_client.post(url, data).status_code == 302
    alias.refresh_from_db()
    assert alias.name == "区统计局（简称）" and "原书第 3911 行的简称" in alias.history.latest().history_change_reason
