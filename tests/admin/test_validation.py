"""Fast, correct entry: clear messages for bad dates, precision, numbers and duplicates; pinyin
autocomplete; persons and agencies created on the fly."""
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from chronicle.models import Event
from stats.models import TableCell
from yearbook.models import Appointment, Organization, Person

from .helpers import errors_of, form_data

pytestmark = pytest.mark.django_db


def new_event(client, book, **values):
    data = {"edition": book.edition.pk, "date": "2020-07-01", "precision": "day", "marker": "date",
            "text": "区政府召开常务会议", "edit_version": "0", **values}
    return client.post(reverse("admin:chronicle_event_add"), data)


def test_event_outside_the_covered_year_is_refused_with_a_clear_message(editor_client, book):
    response = new_event(editor_client, book, date="2021-03-05")
    assert response.status_code == 200
    assert "日期 2021年3月5日 不在本卷记述年份（2020年）之内" in errors_of(response)
    assert not Event.objects.filter(text="区政府召开常务会议").exists()


def test_event_ending_before_it_starts(editor_client, book):
    response = new_event(editor_client, book, date="2020-07-05", date_end="2020-07-01")
    assert "结束日期 2020年7月1日 早于开始日期 2020年7月5日" in errors_of(response)


def test_precision_must_match_the_date(editor_client, book):
    response = new_event(editor_client, book, date="2020-07", precision="day")
    assert "只写到了月，精度却选了“日”" in errors_of(response)
    response = new_event(editor_client, book, date="2020-07-15", precision="month")
    assert "精度为“月”，日期应只写到月份（如 2020-07）" in errors_of(response)
    response = new_event(editor_client, book, date="2020年7月", precision="month")
    assert response.status_code == 302
    event = Event.objects.get(text="区政府召开常务会议")
    assert (event.date.isoformat(), event.precision) == ("2020-07-01", "month")


def test_a_date_that_is_not_a_date(editor_client, book):
    response = new_event(editor_client, book, date="七月初")
    assert "“七月初”不是日期" in errors_of(response)


def test_new_event_takes_its_place_in_date_order(editor_client, book):
    response = new_event(editor_client, book, date="2020-02-01")
    assert response.status_code == 302
    ordered = list(Event.objects.filter(edition=book.edition).order_by("order").values_list("text", flat=True))
    assert ordered == ["1月的事件", "区政府召开常务会议", "3月的事件", "5月的事件"]


def test_appointment_ending_before_it_starts(editor_client, book):
    url = reverse("admin:yearbook_appointment_change", args=[book.a_li.pk])
    data = form_data(editor_client.get(url), "appointment_form")
    data.update(end="2020-02", end_precision="month")
    response = editor_client.post(url, data)
    assert "任职止（2020年2月）早于任职起（2020年4月）" in errors_of(response)
    book.a_li.refresh_from_db()
    assert book.a_li.end is None


def test_appointment_ending_in_the_same_month_it_starts_is_fine(editor_client, book):
    url = reverse("admin:yearbook_appointment_change", args=[book.a_li.pk])
    data = form_data(editor_client.get(url), "appointment_form")
    data.update(end="2020-04", end_precision="month")
    assert editor_client.post(url, data).status_code == 302


def test_appointment_ending_before_the_covered_year(editor_client, book):
    url = reverse("admin:yearbook_appointment_change", args=[book.a_li.pk])
    data = form_data(editor_client.get(url), "appointment_form")
    data.update(start="2018-01", start_precision="month", end="2019-06", end_precision="month")
    assert "早于本卷记述年份（2020年）" in errors_of(editor_client.post(url, data))


def test_a_table_cell_that_is_not_a_number(editor_client, book):
    url = reverse("admin:stats_stattable_change", args=[book.table.pk])
    data = form_data(editor_client.get(url), "stattable_form")
    prefix = next(k for k in data if k.endswith("-0-label") and data[k] == "工业增加值").rsplit("-0-", 1)[0]
    data[f"{prefix}-0-col_{book.col1.pk}"] = "12,3a"
    data[f"{prefix}-1-col_{book.col2.pk}"] = "—"
    response = editor_client.post(url, data)
    assert "工业增加值·2020年：“12,3a”不是数字" in errors_of(response)
    assert TableCell.objects.get(row=book.row1, column=book.col1).text == "95.3"
    # fixed: a number with a thousands separator, and the "none" mark
    data[f"{prefix}-0-col_{book.col1.pk}"] = "1,203.5"
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    cell = TableCell.objects.get(row=book.row1, column=book.col1)
    assert (cell.value, cell.text) == (Decimal("1203.5"), "1,203.5")
    assert TableCell.objects.get(row=book.row2, column=book.col2).text == "—"


def test_a_duplicate_person_is_caught(editor_client, book):
    url = reverse("admin:yearbook_person_add")
    response = editor_client.post(url, {"name": "李晓燕", "gender": "F", "edit_version": "0"})
    assert "已有同名人物：李晓燕（稳定键 李晓燕，金川区人民政府副区长）" in errors_of(response)
    assert Person.objects.filter(name="李晓燕").count() == 1
    response = editor_client.post(url, {"name": "李晓燕", "different_person": "on", "edit_version": "0"})
    assert "请写明与已有同名人物的区别" in errors_of(response)
    response = editor_client.post(url, {"name": "李 晓燕", "different_person": "on", "note": "区教育局干部",
                                        "edit_version": "0"})
    assert response.status_code == 302
    assert Person.objects.get(key="李晓燕-2").note == "区教育局干部"


def test_the_same_person_twice_in_a_roster(editor_client, book):
    url = reverse("admin:yearbook_roster_change", args=[book.roster.pk])
    data = form_data(editor_client.get(url), "roster_form")
    total = int(data["appointments-TOTAL_FORMS"])
    data.update({"appointments-TOTAL_FORMS": str(total + 1), f"appointments-{total}-person": str(book.li.pk),
                 f"appointments-{total}-title": "副区长", f"appointments-{total}-start_precision": "month",
                 f"appointments-{total}-end_precision": "month", f"appointments-{total}-edit_version": "0"})
    response = editor_client.post(url, data)
    assert "“李晓燕”在本名录中已任“副区长”" in errors_of(response)
    assert book.roster.appointments.count() == 3


def test_a_new_appointment_added_inline_gets_the_next_order(editor_client, book):
    url = reverse("admin:yearbook_roster_change", args=[book.roster.pk])
    data = form_data(editor_client.get(url), "roster_form")
    total = int(data["appointments-TOTAL_FORMS"])
    newcomer = Person.objects.create(name="赵新")
    data.update({"appointments-TOTAL_FORMS": str(total + 1), f"appointments-{total}-person": str(newcomer.pk),
                 f"appointments-{total}-title": "副区长", f"appointments-{total}-start": "2020-09",
                 f"appointments-{total}-start_precision": "month", f"appointments-{total}-end_precision": "month",
                 f"appointments-{total}-edit_version": "0"})
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    added = Appointment.objects.get(person=newcomer)
    assert (added.order, added.edition, added.organization, added.roster) == (4, book.edition, book.org, book.roster)


def test_autocomplete_finds_persons_by_pinyin_and_initials(editor_client, book):
    url = reverse("admin:autocomplete")
    params = {"app_label": "yearbook", "model_name": "appointment", "field_name": "person"}
    for term in ("李晓燕", "lixiaoyan", "lxy", "xiaoyan"):
        results = json.loads(editor_client.get(url, {**params, "term": term}).content)["results"]
        assert [r["id"] for r in results] == [str(book.li.pk)], term
        assert "金川区人民政府副区长" in results[0]["text"]  # told apart from namesakes by their posts
    orgs = json.loads(editor_client.get(url, {"app_label": "yearbook", "model_name": "appointment",
                                              "field_name": "organization", "term": "tjj"}).content)["results"]
    assert [r["id"] for r in orgs] == [str(book.bureau.pk)]


def test_a_person_created_on_the_fly_from_the_appointment_form(editor_client, book):
    page = editor_client.get(reverse("admin:yearbook_appointment_add")).content.decode()
    assert 'id="add_id_person"' in page and 'id="add_id_organization"' in page  # the "+" beside autocomplete
    response = editor_client.post(reverse("admin:yearbook_person_add") + "?_to_field=id&_popup=1",
                                  {"name": "周新来", "gender": "M", "_popup": "1", "edit_version": "0"})
    assert response.status_code == 200 and "popup_response" in response.content.decode()
    person = Person.objects.get(name="周新来")
    response = editor_client.post(reverse("admin:yearbook_organization_add") + "?_to_field=id&_popup=1",
                                  {"name": "区数据局", "kind": "bureau", "_popup": "1", "edit_version": "0",
                                   "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
                                   "rosters-TOTAL_FORMS": "0", "rosters-INITIAL_FORMS": "0"})
    assert response.status_code == 200, errors_of(response)
    org = Organization.objects.get(name="区数据局")
    # the appointment form, now with the new person and agency: the roster is made for the agency
    response = editor_client.post(reverse("admin:yearbook_appointment_add"), {
        "edition": book.edition.pk, "organization": org.pk, "person": person.pk, "title": "局长",
        "start": "2020-10", "start_precision": "month", "end_precision": "month", "edit_version": "0"})
    assert response.status_code == 302, errors_of(response)
    a = Appointment.objects.get(person=person)
    assert a.roster.heading == "区数据局领导班子成员" and a.roster.edition == book.edition and a.order == 1


def test_a_new_roster_with_its_appointments_in_one_go(editor_client, book):
    org = Organization.objects.create(name="区数据局", kind="bureau")
    url = reverse("admin:yearbook_roster_add")
    data = form_data(editor_client.get(url), "roster_form")
    data.update({"edition": str(book.edition.pk), "organization": str(org.pk), "heading": "",
                 "appointments-TOTAL_FORMS": "2"})
    for i, (person, title) in enumerate([(book.wang, "局长"), (book.zhang, "党组书记")]):
        data.update({f"appointments-{i}-person": str(person.pk), f"appointments-{i}-title": title,
                     f"appointments-{i}-start": "2020-03", f"appointments-{i}-start_precision": "month",
                     f"appointments-{i}-end_precision": "month", f"appointments-{i}-edit_version": "0"})
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    roster = org.rosters.get()
    assert (roster.heading, roster.edition, roster.order) == ("区数据局领导班子成员", book.edition, 2)
    assert [(a.person.name, a.title, a.order, a.edition, a.organization) for a in roster.appointments.all()] == [
        ("王建国", "局长", 1, book.edition, org), ("张恒山", "党组书记", 2, book.edition, org)]


def test_an_editions_years_are_fixed_once_it_exists(editor_client, book):
    url = reverse("admin:yearbook_edition_change", args=[book.edition.pk])
    data = form_data(editor_client.get(url), "edition_form")
    assert "year" not in data and "covers_year" not in data
    data.update(year="2030", title="金川区年鉴 2021（修订）")
    assert editor_client.post(url, data).status_code == 302
    book.edition.refresh_from_db()
    assert (book.edition.year, book.edition.title) == (2021, "金川区年鉴 2021（修订）")
