"""Start the next edition: a draft year+1 with the outline and the open appointments carried over."""
import pytest
from django.core import serializers
from django.urls import reverse

from chronicle.models import Event
from stats.models import StatTable
from yearbook.actions import EditorialError, start_next
from yearbook.actions.start_next import next_years
from yearbook.models import Appointment, Category, Edition, Roster, Section

pytestmark = pytest.mark.django_db


def snapshot(edition):
    """Every record of an edition, serialized: to prove that starting the next one changes nothing."""
    objs = [edition, *edition.categories.all(), *edition.sections.all(), *edition.rosters.all(),
            *edition.appointments.all(), *edition.events.all(), *edition.honours.all(), *edition.board.all(),
            *edition.honorary_titles.all(), *edition.tables.all()]
    return serializers.serialize("json", objs)


def test_editor_starts_the_next_edition_from_the_admin(editor, editor_client, book):
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
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
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
    url = reverse("admin:yearbook_edition_start_next", args=[book.edition.pk])
    editor_client.post(url)
    response = editor_client.post(url, follow=True)
    assert "2022 卷已经存在" in response.content.decode()
    assert Edition.objects.filter(year=2022).count() == 1


def test_the_changelist_action_leads_to_the_same_page(editor_client, book):
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
    response = editor_client.post(reverse("admin:yearbook_edition_changelist"), {
        "action": "start_next_action", "_selected_action": [book.edition.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:yearbook_edition_start_next", args=[book.edition.pk])


def test_table_outlines_can_come_along_without_values(editor, book):
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
    new = start_next.start_next_edition(book.edition, user=editor, copy_tables=True).edition
    table = new.tables.get()
    assert [c.label for c in table.columns.all()] == ["2021年", "比上年±%"]   # the year moves on
    assert [r.label for r in table.rows.all()] == ["工业增加值", "利润总额"]
    assert not table.rows.filter(cells__isnull=False).exists()


def test_start_next_from_the_real_2021_edition(editor, imported):
    Edition.objects.filter(pk=imported.pk).update(status=Edition.Status.PUBLISHED)
    imported.refresh_from_db()
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
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
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


def publish(edition):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.PUBLISHED)
    edition.refresh_from_db()


def test_every_year_moves_on_in_what_is_copied(editor, book):
    """2020年 in section names, headings, table titles, keys and headers becomes 2021年; 2019年 (last year's
    comparison column) becomes 2020年; a year long past or still ahead stays."""
    Section.objects.filter(pk=book.section.pk).update(name="2020年大事记", heading="2020 年大事记")
    StatTable.objects.filter(pk=book.table.pk).update(key="2020年工业主要指标", title="2020年工业主要指标（1949年以来）")
    book.col2.label, book.col2.path = "2019年", ["2016—2020年", "2019年"]
    book.col2.save()
    publish(book.edition)
    new = start_next.start_next_edition(book.edition, user=editor, copy_tables=True).edition
    section = new.sections.get(order=book.section.order)
    assert (section.name, section.heading) == ("2021年大事记", "2021 年大事记")
    table = new.tables.get()
    assert (table.key, table.title) == ("2021年工业主要指标", "2021年工业主要指标（1949年以来）")
    assert [(c.label, c.path) for c in table.columns.all()] == [("2021年", []), ("2020年", ["2017—2021年", "2020年"])]
    assert next_years("2035年远景目标，2021 卷", book.edition) == "2035年远景目标，2022 卷"


def test_a_backup_round_trip_keeps_the_copied_tables_urls(editor, book, tmp_path):
    import json

    from django.core.management import call_command

    from yearbook.export import export_edition

    StatTable.objects.filter(pk=book.table.pk).update(key="2020年工业主要指标", number="",
                                                      title="2020年工业主要指标")
    publish(book.edition)
    new = start_next.start_next_edition(book.edition, user=editor, copy_tables=True).edition
    url = new.tables.get().get_absolute_url()
    path = tmp_path / "2022.json"
    path.write_text(json.dumps(export_edition(new), ensure_ascii=False, default=str), encoding="utf-8")
    call_command("import_yearbook", str(path), verbosity=0)
    assert Edition.objects.get(year=2022).tables.get().get_absolute_url() == url


def test_the_next_edition_is_started_from_a_finished_one_only(editor, editor_client, chief, book):
    with pytest.raises(EditorialError, match="2021 卷还是草稿"):
        start_next.start_next_edition(book.edition, user=editor)
    page = editor_client.get(reverse("admin:yearbook_edition_change", args=[book.edition.pk])).content.decode()
    assert "start-next-button" not in page
    publish(book.edition)
    new = start_next.start_next_edition(book.edition, user=editor).edition
    page = editor_client.get(reverse("admin:yearbook_edition_change", args=[new.pk])).content.decode()
    assert "开始编纂 2023 卷" not in page   # 2022 is an unfinished draft
    response = editor_client.post(reverse("admin:yearbook_edition_start_next", args=[new.pk]), follow=True)
    assert "2022 卷还是草稿" in response.content.decode()
    assert not Edition.objects.filter(year=2023).exists()


def test_the_publish_check_warns_about_what_is_still_missing(editor, chief_client, book):
    publish(book.edition)
    new = start_next.start_next_edition(book.edition, user=editor, copy_tables=True).edition
    Section.objects.filter(pk=new.sections.get(order=book.section2.order).pk).update(name="2020年工业")
    Section.objects.create(edition=new, category=new.categories.get(name="政府"), name="政务服务", order=9)
    page = chief_client.get(reverse("admin:yearbook_edition_publish", args=[new.pk])).content.decode()
    assert "书号（ISBN）还是空的" in page
    assert "1 个分目还没有内容：“政府 › 政务服务”" in page
    assert "张统计表还没有数据" in page and "工业主要指标" in page
    assert "仍写着上一年（2020年）" in page and "2020年工业" in page
    assert "大事记还没有任何事件" not in page   # the small book has no chronicle section
