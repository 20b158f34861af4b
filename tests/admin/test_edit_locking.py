"""Edit locking that is right: a refusal means somebody really changed the record, and every save or revert
either succeeds or says why, never a server error."""
import threading

import pytest
from django.db import connections
from django.urls import reverse

from chronicle import admin as chronicle_admin
from chronicle.models import Event
from yearbook.models import Entry, Section

from .conftest import client_for
from .helpers import errors_of, form_data

pytestmark = pytest.mark.django_db


def event_url(event):
    return reverse("admin:chronicle_event_change", args=[event.pk])


def add_event(client, edition, date, text):
    url = reverse("admin:chronicle_event_add")
    data = form_data(client.get(url), "event_form")
    data.update({"edition": str(edition.pk), "date": date, "precision": "day", "text": text, "marker": "date"})
    return client.post(url, data)


def test_adding_an_earlier_event_leaves_later_events_editable(editor, editor2, book):
    """The later events move down one place; their versions and history stay, so an editor who had one open
    saves without a false "another editor changed this"."""
    later = book.events[2]
    place = later.order
    second = client_for(editor2)
    stale = form_data(second.get(event_url(later)), "event_form")
    versions = dict(Event.objects.values_list("pk", "version"))
    history = Event.history.count()
    assert add_event(client_for(editor), book.edition, "2020-02-01", "二月的事件").status_code == 302
    assert Event.history.count() == history + 1   # the new event's, nothing for the moved ones
    assert {pk: v for pk, v in Event.objects.values_list("pk", "version") if pk in versions} == versions
    assert list(Event.objects.order_by("order").values_list("text", flat=True)) == [
        "1月的事件", "二月的事件", "3月的事件", "5月的事件"]
    stale["text"] = "5月的事件（改）"
    response = second.post(event_url(later), stale)
    assert response.status_code == 302, errors_of(response)
    later.refresh_from_db()
    assert (later.text, later.order) == ("5月的事件（改）", place + 1)   # its new place kept


def test_redating_an_event_does_not_touch_the_others_versions(editor_client, book):
    first, middle, last = book.events
    versions = {e.pk: Event.objects.get(pk=e.pk).version for e in (first, last)}
    data = form_data(editor_client.get(event_url(middle)), "event_form")
    data["date"] = "2020-12-01"
    assert editor_client.post(event_url(middle), data).status_code == 302
    assert list(Event.objects.order_by("order").values_list("pk", flat=True)) == [first.pk, last.pk, middle.pk]
    assert {e.pk: Event.objects.get(pk=e.pk).version for e in (first, last)} == versions


def test_a_revert_moves_the_version_on_so_a_stale_page_cannot_overwrite_it(editor, editor2, book):
    event = book.events[1]
    first, second = client_for(editor), client_for(editor2)
    data = form_data(first.get(event_url(event)), "event_form")
    data["text"] = "改过一次"
    assert first.post(event_url(event), data).status_code == 302
    stale = form_data(second.get(event_url(event)), "event_form")   # opened after the edit, before the revert
    original = event.history.earliest()
    revert_url = reverse("admin:chronicle_event_simple_history", args=[event.pk, original.history_id])
    response = first.post(revert_url, form_data(first.get(revert_url), "historicalevent_form"))
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert event.text == "3月的事件"
    stale["text"] = "在旧页面上的修改"
    response = second.post(event_url(event), stale)
    assert "保存未成功" in errors_of(response)
    event.refresh_from_db()
    assert event.text == "3月的事件"


def test_a_post_without_the_version_is_refused(editor_client, book):
    event = book.events[0]
    data = form_data(editor_client.get(event_url(event)), "event_form")
    del data["edit_version"]
    data["text"] = "没有版本号的修改"
    response = editor_client.post(event_url(event), data)
    assert response.status_code == 200
    assert "页面缺少版本信息" in errors_of(response)
    event.refresh_from_db()
    assert event.text == "1月的事件"


def test_reverting_an_event_whose_place_was_taken_since(editor_client, book):
    """The event's first version has order 2; an earlier event added since holds 2 now."""
    event = book.events[1]
    data = form_data(editor_client.get(event_url(event)), "event_form")
    data["text"] = "改过"
    assert editor_client.post(event_url(event), data).status_code == 302
    assert add_event(editor_client, book.edition, "2020-02-01", "二月的事件").status_code == 302
    taken = Event.objects.get(text="二月的事件")
    original = event.history.earliest()
    assert original.order == taken.order
    url = reverse("admin:chronicle_event_simple_history", args=[event.pk, original.history_id])
    response = editor_client.post(url, form_data(editor_client.get(url), "historicalevent_form"))
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert event.text == "3月的事件" and event.order == taken.order + 1


def test_reverting_to_a_name_taken_since_says_why(editor_client, book):
    section = book.section
    url = reverse("admin:yearbook_section_change", args=[section.pk])
    data = form_data(editor_client.get(url), "section_form")
    data["name"] = "区政府工作"
    assert editor_client.post(url, data).status_code == 302, errors_of(editor_client.post(url, data))
    Section.objects.create(edition=book.edition, category=book.category, name="区政府", order=9)
    original = section.history.earliest()
    revert = reverse("admin:yearbook_section_simple_history", args=[section.pk, original.history_id])
    response = editor_client.post(revert, form_data(editor_client.get(revert), "historicalsection_form"))
    assert response.status_code == 200
    assert "本类目中已有名为“区政府”的分目" in errors_of(response)
    section.refresh_from_db()
    assert section.name == "区政府工作"


def _race(clients, post, monkeypatch, target, attr):
    """Run ``post(client, i)`` for each client in its own thread, both having computed their numbers before
    either writes: without a lock they pick the same number."""
    barrier = threading.Barrier(len(clients), timeout=2)
    real = getattr(target, attr)

    def slow(*args, **kwargs):
        result = real(*args, **kwargs)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass   # the other writer is waiting for our lock: go on
        return result

    monkeypatch.setattr(target, attr, slow)
    statuses = [None] * len(clients)

    def run(i):
        try:
            statuses[i] = post(clients[i], i).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def needs_concurrent_writers():
    """SQLite takes its write lock at BEGIN (IMMEDIATE), so its writers never race; and the in-memory test
    database (shared cache) refuses a second writer instead of waiting. The race is PostgreSQL's."""
    if connections["default"].vendor == "sqlite":
        pytest.skip("SQLite serialises writers at BEGIN IMMEDIATE: no race to lose")


@pytest.mark.django_db(transaction=True)
def test_two_editors_adding_events_at_once_both_succeed(editor, editor2, book, monkeypatch):
    needs_concurrent_writers()
    clients = [client_for(editor), client_for(editor2)]
    forms = [form_data(c.get(reverse("admin:chronicle_event_add")), "event_form") for c in clients]

    def post(client, i):
        data = {**forms[i], "edition": str(book.edition.pk), "date": f"2020-12-0{i + 1}", "precision": "day",
                "text": f"同时增加的事件{i}", "marker": "date"}
        return client.post(reverse("admin:chronicle_event_add"), data)

    assert _race(clients, post, monkeypatch, chronicle_admin, "place_event") == [302, 302]
    texts = list(Event.objects.filter(edition=book.edition).order_by("order").values_list("text", flat=True))
    assert texts[:3] == ["1月的事件", "3月的事件", "5月的事件"] and len(texts) == 5


@pytest.mark.django_db(transaction=True)
def test_two_editors_adding_entries_at_once_both_succeed(editor, editor2, book, monkeypatch):
    from yearbook.actions import ordering

    needs_concurrent_writers()
    clients = [client_for(editor), client_for(editor2)]
    url = reverse("admin:yearbook_entry_add")
    forms = [form_data(c.get(url), "entry_form") for c in clients]

    def post(client, i):
        data = {**forms[i], "section": str(book.section.pk), "title": f"同时增加的条目{i}", "body": "正文",
                "kind": "entry", "ordinal": "1", "order": ""}
        return client.post(url, data)

    assert _race(clients, post, monkeypatch, ordering, "next_order") == [302, 302]
    assert Entry.objects.filter(section=book.section).count() == 3
