"""Merge two persons that are one; split one name into two persons: every link moves along."""
import datetime as dt

import pytest
from django.urls import reverse

from chronicle.models import Event
from yearbook.actions import persons as person_actions
from yearbook.models import Appointment, EditorialBoardMember, Entry, Honour, Person

from .helpers import errors_of

pytestmark = pytest.mark.django_db


def links(person):
    return {
        "appointments": set(Appointment.objects.filter(person=person).values_list("pk", flat=True)),
        "honours": set(Honour.objects.filter(person=person).values_list("pk", flat=True)),
        "board": set(EditorialBoardMember.objects.filter(person=person).values_list("pk", flat=True)),
        "entries": set(Entry.objects.filter(persons=person).values_list("pk", flat=True)),
        "events": set(Event.objects.filter(persons=person).values_list("pk", flat=True)),
    }


@pytest.fixture
def variant(book):
    """李晓艳: the same person as 李晓燕, read another way on other pages."""
    p = Person.objects.create(name="李晓艳", gender="F", note="OCR 异读")
    roster2 = book.roster
    a = Appointment.objects.create(roster=roster2, edition=book.edition, organization=book.org, person=p,
                                   title="区政府党组成员", title_normalized="区政府党组成员", order=9)
    h = Honour.objects.create(edition=book.edition, kind="individual", recipient="李晓艳", person=p, award="三八红旗手",
                              order=5)
    book.entry.persons.add(p)  # both names mentioned in the same entry
    book.events[2].persons.add(p)
    return p, a, h


def test_merge_moves_every_link_and_records_it(editor, book, variant):
    p, a, h = variant
    expected = {k: links(book.li)[k] | links(p)[k] for k in links(book.li)}
    pk = p.pk
    person_actions.merge_persons(book.li, [p], user=editor, reason="同一人")
    assert not Person.objects.filter(pk=pk).exists()
    assert links(book.li) == expected
    assert list(book.entry.persons.all()) == [book.li]  # mentioned once, not twice
    book.li.refresh_from_db()
    assert book.li.note == ""   # the merge is told by the history, not by the public note
    merged = book.li.history.latest()
    assert "合并人物：李晓艳（李晓艳）" in merged.history_change_reason and "同一人" in merged.history_change_reason
    # the history holds each step, and the merged person's last state
    assert Person.history.filter(id=pk, history_type="-").get().history_user == editor
    assert Appointment.history.filter(id=a.pk).latest().history_change_reason.startswith("合并：李晓艳")
    assert Honour.history.filter(id=h.pk).latest().person_id == book.li.pk
    assert Event.history.filter(id=book.events[2].pk).latest().history_user == editor


def test_merge_from_the_admin_action(editor_client, book, variant):
    p, _, _ = variant
    url = reverse("admin:yearbook_person_changelist")
    page = editor_client.post(url, {"action": "merge_action", "_selected_action": [book.li.pk, p.pk]})
    html = page.content.decode()
    assert "确认合并" in html and "李晓艳" in html
    response = editor_client.post(url, {"action": "merge_action", "_selected_action": [book.li.pk, p.pk],
                                        "apply": "1", "keep": str(book.li.pk), "reason": "同一人"}, follow=True)
    assert "已合并为" in response.content.decode()
    assert not Person.objects.filter(pk=p.pk).exists()
    assert Appointment.objects.filter(person=book.li).count() == 2


def test_split_moves_only_the_chosen_links(editor, book):
    # a second 李晓燕 in another roster: an education official, not the vice-mayor
    from yearbook.models import Organization, Roster
    edu = Organization.objects.create(name="区教育局", kind="bureau")
    roster = Roster.objects.create(edition=book.edition, organization=edu, heading="区教育局领导班子成员", order=2)
    teacher = Appointment.objects.create(roster=roster, edition=book.edition, organization=edu, person=book.li,
                                         title="副局长", title_normalized="副局长", start=dt.date(2020, 1, 1), order=1)
    before = links(book.li)
    new = person_actions.split_person(book.li, {"yearbook.appointment.person": [teacher.pk],
                                          "yearbook.honour.person": [book.honour.pk]},
                                note="区教育局副局长，非副区长", user=editor)
    assert (new.name, new.key, new.gender) == ("李晓燕", "李晓燕-2", "F")
    assert links(new)["appointments"] == {teacher.pk} and links(new)["honours"] == {book.honour.pk}
    remaining = links(book.li)
    assert remaining["appointments"] == before["appointments"] - {teacher.pk}
    assert remaining["honours"] == set()
    assert remaining["entries"] == before["entries"] and remaining["board"] == before["board"]
    assert Appointment.history.filter(id=teacher.pk).latest().history_user == editor
    assert new.history.get().history_change_reason.startswith("拆分：李晓燕")


def test_split_from_the_admin(editor_client, book):
    url = reverse("admin:yearbook_person_split", args=[book.li.pk])
    page = editor_client.get(url).content.decode()
    assert "金川区人民政府 副区长" in page and "全国三八红旗手" in page
    response = editor_client.post(url, {"name": "李晓燕", "key": "李晓燕-2", "note": "",
                                        "yearbook.entry.persons": [book.entry.pk]})
    assert "请在“说明”中写明两人的区别" in response.content.decode()
    response = editor_client.post(url, {"name": "李晓燕", "key": "李晓燕-2", "note": "记者，条目中提及",
                                        "yearbook.entry.persons": [book.entry.pk]})
    assert response.status_code == 302, errors_of(response)
    new = Person.objects.get(key="李晓燕-2")
    assert list(book.entry.persons.all()) == [new]
    assert Appointment.objects.filter(person=book.li).count() == 1


def test_every_relation_to_person_is_known():
    keys = {link.key for link in person_actions.person_links()}
    assert keys == {"yearbook.appointment.person", "yearbook.honour.person", "yearbook.editorialboardmember.person",
                    "yearbook.entry.persons", "chronicle.event.persons"}
