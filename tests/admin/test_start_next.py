"""Start the next edition: a draft year+1 with the outline and the open appointments carried over."""
import pytest
from django.core import serializers
from django.urls import reverse

from chronicle.models import Event
from stats.models import StatTable
from yearbook.actions import start_next
from yearbook.models import Appointment, Category, Edition, Roster, Section

pytestmark = pytest.mark.django_db


def snapshot(edition):
    """Every record of an edition, serialized: to prove that starting the next one changes nothing."""
    objs = [edition, *edition.categories.all(), *edition.sections.all(), *edition.rosters.all(),
            *edition.appointments.all(), *edition.events.all(), *edition.honours.all(), *edition.board.all(),
            *edition.honorary_titles.all(), *edition.tables.all()]
    return serializers.serialize("json", objs)


def test_editor_starts_the_next_edition_from_the_admin(editor, editor_client, book):
    before = snapshot(book.edition)
    url = reverse("admin:yearbook_edition_start_next", args=[book.edition.pk])
    page = editor_client.get(url).content.decode()
    assert "开始编纂 2022 卷" in page and "仍在任（无任职止）的任职：2" in page
    response = editor_client.post(url, follow=True)
    new = Edition.objects.get(year=2022)
    assert response.redirect_chain[-1][0] == reverse("admin:yearbook_edition_change", args=[new.pk])
    assert "已开始编纂 2022 卷" in response.content.decode()
    assert (new.covers_year, new.status, new.based_on, new.title) == (2021, "draft", book.edition, "金川区年鉴 2022")
    assert new.editorial_notes == ["本年鉴 2022 卷记述 2021 年"]
    # the outline
    assert list(new.categories.values_list("name", "order")) == list(book.edition.categories.values_list("name", "order"))
    assert [(s.category.name, s.name, s.order) for s in new.sections.all()] == \
        [(s.category.name, s.name, s.order) for s in book.edition.sections.all()]
    # the roster: open appointments only, carried over, pointing at the new roster and edition
    roster = new.rosters.get()
    assert roster.heading == book.roster.heading and roster.section.edition == new
    carried = list(new.appointments.order_by("order"))
    assert [(a.person, a.title, a.start, a.end) for a in carried] == \
        [(book.zhang, "区长", book.a_zhang.start, None), (book.li, "副区长", book.a_li.start, None)]
    assert all(a.carried_over and not a.confirmed and a.roster == roster and a.edition == new for a in carried)
    assert not new.appointments.filter(person=book.wang).exists()  # ended in 2020: not carried
    # no year-specific content comes along
    assert not Event.objects.filter(edition=new).exists() and not new.honours.exists()
    assert not StatTable.objects.filter(edition=new).exists()
    # and the old edition is untouched, byte for byte
    assert snapshot(Edition.objects.get(pk=book.edition.pk)) == before
    # the history says who started it and from what
    record = new.history.get()
    assert record.history_user == editor and record.history_change_reason == "由 2021 卷开始编纂"
    assert Appointment.history.filter(edition_id=new.pk, history_type="+").count() == 2


def test_starting_an_existing_year_again_is_refused(editor_client, book):
    url = reverse("admin:yearbook_edition_start_next", args=[book.edition.pk])
    editor_client.post(url)
    response = editor_client.post(url, follow=True)
    assert "2022 卷已经存在" in response.content.decode()
    assert Edition.objects.filter(year=2022).count() == 1


def test_the_changelist_action_leads_to_the_same_page(editor_client, book):
    response = editor_client.post(reverse("admin:yearbook_edition_changelist"), {
        "action": "start_next_action", "_selected_action": [book.edition.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:yearbook_edition_start_next", args=[book.edition.pk])


def test_table_outlines_can_come_along_without_values(editor, book):
    new = start_next.start_next_edition(book.edition, user=editor, copy_tables=True).edition
    table = new.tables.get()
    assert [c.label for c in table.columns.all()] == ["2020年", "比上年±%"]
    assert [r.label for r in table.rows.all()] == ["工业增加值", "利润总额"]
    assert not table.rows.filter(cells__isnull=False).exists()


def test_start_next_from_the_real_2021_edition(editor, imported):
    open_before = imported.appointments.filter(end__isnull=True).count()
    total_before = imported.appointments.count()
    summary = start_next.start_next_edition(imported, user=editor)
    new = summary.edition
    assert new.categories.count() == imported.categories.count() == 22
    assert new.sections.count() == imported.sections.count()
    assert new.rosters.count() == imported.rosters.count()
    assert new.appointments.count() == open_before and new.appointments.filter(carried_over=True).count() == open_before
    assert imported.appointments.count() == total_before
    assert Section.objects.filter(edition=new, category__edition=imported).count() == 0
    assert Roster.objects.filter(edition=new, section__edition=imported).count() == 0
    assert Category.objects.filter(edition=imported).count() == 22
    assert summary.counts["延续任职"] == open_before


def test_confirming_and_ending_carried_over_appointments(editor, editor_client, book):
    new = start_next.start_next_edition(book.edition, user=editor).edition
    pending = reverse("admin:yearbook_appointment_changelist") + f"?edition__id__exact={new.pk}&pending=1"
    assert editor_client.get(pending).context["cl"].result_count == 2
    zhang = new.appointments.get(person=book.zhang)
    editor_client.post(reverse("admin:yearbook_appointment_changelist"), {
        "action": "confirm_action", "_selected_action": [zhang.pk]})
    zhang.refresh_from_db()
    assert zhang.confirmed and zhang.carried_over
    assert editor_client.get(pending).context["cl"].result_count == 1
    assert start_next.pending_carried_over(new).get().person == book.li
