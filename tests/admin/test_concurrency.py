"""Two editors saving the same record: the second gets a clear message and nothing is overwritten."""
import pytest
from django.urls import reverse

from yearbook.models import Appointment

from .conftest import client_for
from .helpers import errors_of, form_data

pytestmark = pytest.mark.django_db


def test_second_save_of_the_same_record_is_refused(editor, editor2, book):
    first, second = client_for(editor), client_for(editor2)
    event = book.events[0]
    url = reverse("admin:chronicle_event_change", args=[event.pk])
    data1 = form_data(first.get(url), "event_form")
    data2 = form_data(second.get(url), "event_form")  # both opened the page before either saved
    data1["text"] = "小张的修改"
    assert first.post(url, data1).status_code == 302
    data2["text"] = "小李的修改"
    response = second.post(url, data2)
    assert response.status_code == 200
    message = errors_of(response)
    assert "保存未成功，您的修改没有写入" in message
    assert "小张" in message and "改动了：内容" in message
    event.refresh_from_db()
    assert event.text == "小张的修改"
    # the second editor's text is still in the form, to copy; after reloading the page they can save
    assert "小李的修改" in response.content.decode()
    data3 = form_data(second.get(url), "event_form")
    data3["text"] = "小李在最新内容上的修改"
    assert second.post(url, data3).status_code == 302
    event.refresh_from_db()
    assert event.text == "小李在最新内容上的修改"


def test_saving_an_unchanged_stale_form_is_harmless_but_a_change_is_not(editor, editor2, book):
    first, second = client_for(editor), client_for(editor2)
    url = reverse("admin:yearbook_roster_change", args=[book.roster.pk])
    data1 = form_data(first.get(url), "roster_form")
    data2 = form_data(second.get(url), "roster_form")
    # editor 1 ends 李晓燕's appointment in the inline
    row = next(k[:-len("-id")] for k, v in data1.items() if k.endswith("-id") and v == str(book.a_li.pk))
    data1[f"{row}-end"], data1[f"{row}-end_precision"] = "2020-11", "month"
    assert first.post(url, data1).status_code == 302
    # editor 2, from the stale page, changes the same appointment's title
    data2[f"{row}-title"] = "常务副区长"
    response = second.post(url, data2)
    assert "保存未成功" in errors_of(response)
    a = Appointment.objects.get(pk=book.a_li.pk)
    assert (a.title, a.end.isoformat()) == ("副区长", "2020-11-01")


def test_deleted_meanwhile(editor, editor2, book):
    first, second = client_for(editor), client_for(editor2)
    event = book.events[2]
    url = reverse("admin:chronicle_event_change", args=[event.pk])
    data = form_data(second.get(url), "event_form")
    first.post(reverse("admin:chronicle_event_delete", args=[event.pk]), {"post": "yes"})
    data["text"] = "还想改"
    response = second.post(url, data)
    assert response.status_code in (200, 302)
    from chronicle.models import Event
    assert not Event.objects.filter(pk=event.pk).exists()


def test_editing_different_rows_of_the_same_roster_does_not_conflict(editor, editor2, book):
    first, second = client_for(editor), client_for(editor2)
    url = reverse("admin:yearbook_roster_change", args=[book.roster.pk])
    data1 = form_data(first.get(url), "roster_form")
    data2 = form_data(second.get(url), "roster_form")
    row = {v: k[:-len("-id")] for k, v in data1.items() if k.endswith("-id")}
    data1[f"{row[str(book.a_li.pk)]}-title"] = "常务副区长"
    assert first.post(url, data1).status_code == 302
    data2[f"{row[str(book.a_zhang.pk)]}-note"] = "2019年5月任"
    response = second.post(url, data2)
    assert response.status_code == 302, errors_of(response)
    assert Appointment.objects.get(pk=book.a_li.pk).title == "常务副区长"
    assert Appointment.objects.get(pk=book.a_zhang.pk).note == "2019年5月任"


def test_a_stale_revert_is_refused_too(editor, editor2, book):
    from chronicle.models import Event
    first, second = client_for(editor), client_for(editor2)
    event = book.events[1]
    old = event.history.earliest()
    revert_url = reverse("admin:chronicle_event_simple_history", args=[event.pk, old.history_id])
    stale = form_data(second.get(revert_url), "historicalevent_form")
    url = reverse("admin:chronicle_event_change", args=[event.pk])
    data = form_data(first.get(url), "event_form")
    data["text"] = "新的内容"
    assert first.post(url, data).status_code == 302
    response = second.post(revert_url, stale)
    assert "保存未成功" in errors_of(response)
    assert Event.objects.get(pk=event.pk).text == "新的内容"
