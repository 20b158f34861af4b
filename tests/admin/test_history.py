"""Every change is recorded (who, when, what, why), visible on the record, and can be reverted."""
import pytest
from django.urls import reverse

from chronicle.models import Event
from yearbook.actions import restore
from yearbook.models import Appointment, Edition

from .helpers import errors_of, form_data

pytestmark = pytest.mark.django_db


def edit_event(client, event, **changes):
    url = reverse("admin:chronicle_event_change", args=[event.pk])
    data = form_data(client.get(url), "event_form")
    data.update(changes)
    return client.post(url, data)


def test_an_edit_is_recorded_with_who_and_what(editor, editor_client, book):
    event = book.events[1]
    assert edit_event(editor_client, event, text="3月的事件（改）").status_code == 302
    latest = event.history.latest()
    assert latest.history_user == editor and latest.history_type == "~" and latest.text == "3月的事件（改）"
    page = editor_client.get(reverse("admin:chronicle_event_history", args=[event.pk])).content.decode()
    assert "3月的事件（改）" in page or "内容" in page
    assert "小张" in page or "editor" in page


def test_history_page_shows_what_changed(editor_client, book):
    event = book.events[1]
    edit_event(editor_client, event, text="第一次修改")
    edit_event(editor_client, event, text="第二次修改")
    page = editor_client.get(reverse("admin:chronicle_event_history", args=[event.pk])).content.decode()
    assert "第一次修改" in page and "第二次修改" in page  # the changes column shows old → new


def test_revert_to_an_earlier_version(editor, editor_client, book):
    event = book.events[1]
    edit_event(editor_client, event, text="第一次修改")
    edit_event(editor_client, event, text="改错了")
    first = event.history.filter(text="第一次修改").get()
    url = reverse("admin:chronicle_event_simple_history", args=[event.pk, first.history_id])
    data = form_data(editor_client.get(url), "historicalevent_form")
    assert data["text"] == "第一次修改"
    before = event.history.count()
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert event.text == "第一次修改"
    assert event.history.count() == before + 1 and event.history.latest().history_user == editor


def test_revert_is_refused_in_a_published_edition(editor_client, book):
    event = book.events[1]
    edit_event(editor_client, event, text="第一次修改")
    first = event.history.earliest()
    book.edition.status = Edition.Status.PUBLISHED
    book.edition.save()
    url = reverse("admin:chronicle_event_simple_history", args=[event.pk, first.history_id])
    assert editor_client.post(url, form_data(editor_client.get(url), "historicalevent_form")).status_code == 403
    event.refresh_from_db()
    assert event.text == "第一次修改"


def test_a_deleted_record_can_be_restored_from_its_history(editor, editor_client, book):
    event = book.events[1]
    pk = event.pk
    editor_client.post(reverse("admin:chronicle_event_delete", args=[pk]), {"post": "yes"})
    assert not Event.objects.filter(pk=pk).exists()
    deletion = Event.history.filter(id=pk, history_type="-").get()
    assert deletion.history_user == editor
    restore.restore_deleted(deletion, user=editor)
    assert Event.objects.get(pk=pk).text == "3月的事件"


def test_the_whole_editorial_year_is_traceable(editor, chief, editor_client, chief_client, book):
    """Start the next edition, add an event, end a carried-over appointment, add one, publish: each step is
    in the history with its author."""
    chief_client.post(reverse("admin:yearbook_edition_publish", args=[book.edition.pk]))   # 2021 is finished
    editor_client.post(reverse("admin:yearbook_edition_start_next", args=[book.edition.pk]))
    new = Edition.objects.get(year=2022)
    response = editor_client.post(reverse("admin:chronicle_event_add"), {
        "edition": new.pk, "date": "2021-03-12", "precision": "day", "marker": "date", "text": "植树节活动",
        "edit_version": "0"})
    assert response.status_code == 302, errors_of(response)
    li = new.appointments.get(person=book.li)
    url = reverse("admin:yearbook_appointment_change", args=[li.pk])
    data = form_data(editor_client.get(url), "appointment_form")
    data.update(end="2021-06", end_precision="month")
    assert editor_client.post(url, data).status_code == 302
    chief_client.post(reverse("admin:yearbook_edition_publish", args=[new.pk]))

    assert new.history.earliest().history_change_reason == "由 2021 卷开始编纂"
    assert new.history.latest().history_change_reason == "发布" and new.history.latest().history_user == chief
    event = Event.objects.get(text="植树节活动")
    assert event.history.get().history_user == editor
    ended = Appointment.history.filter(id=li.pk).latest()
    assert ended.end.isoformat() == "2021-06-01" and ended.history_user == editor
    assert Appointment.history.filter(id=li.pk, history_type="+").get().carried_over


def test_deleted_records_page_restores_a_record_with_its_mentions(editor, editor_client, book):
    event = book.events[0]  # mentions 李晓燕
    pk = event.pk
    editor_client.post(reverse("admin:chronicle_event_delete", args=[pk]), {"post": "yes"})
    url = reverse("admin:chronicle_event_deleted")
    assert url in editor_client.get(reverse("admin:chronicle_event_changelist")).content.decode()
    page = editor_client.get(url).content.decode()
    assert "1月的事件" in page
    deletion = Event.history.get(id=pk, history_type="-")
    response = editor_client.post(url, {"restore": [deletion.history_id]}, follow=True)
    assert "已恢复 1 条记录" in response.content.decode()
    restored = Event.objects.get(pk=pk)
    assert list(restored.persons.all()) == [book.li]
    assert restored.history.latest().history_change_reason.startswith("恢复被删除的记录")
    assert "1月的事件" not in editor_client.get(url).content.decode()  # no longer in the list
