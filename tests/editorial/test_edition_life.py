"""The workflow in an edition's life: publication waits for 终审; the next edition inherits the assignments."""
import datetime as dt

import pytest
from django.urls import reverse

from editorial.models import Assignment, ContributingUnit
from yearbook.actions import EditorialError, publishing, start_next
from yearbook.models import Category, Edition, Section

from .conftest import client_for

pytestmark = pytest.mark.django_db


def assign(book, unit, n):
    """``n`` more sections in the book, each assigned to ``unit``."""
    category = Category.objects.create(edition=book.edition, name="社会", order=3)
    sections = [Section.objects.create(edition=book.edition, category=category, name=f"社会事业{i}", order=10 + i)
                for i in range(1, n + 1)]
    return [Assignment.objects.create(edition=book.edition, section=s, unit=unit) for s in sections]


def test_an_edition_without_assignments_publishes_as_before(book, chief):
    assert publishing.publication_blockers(book.edition) == []
    publishing.publish_edition(book.edition, user=chief)
    assert Edition.objects.get(pk=book.edition.pk).is_published


def test_assigned_sections_block_publication_until_final(book, unit, assignment, chief):
    assert publishing.publication_blockers(book.edition) == ["还有 1 个分目未通过终审：区政府"]
    with pytest.raises(EditorialError, match="尚不能发布：还有 1 个分目未通过终审：区政府"):
        publishing.publish_edition(book.edition, user=chief)
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.FINAL)
    assert publishing.publication_blockers(book.edition) == []
    publishing.publish_edition(book.edition, user=chief)
    assert Edition.objects.get(pk=book.edition.pk).is_published


def test_the_blocker_names_the_first_five(book, unit, assignment):
    assign(book, unit, 6)
    assert publishing.publication_blockers(book.edition) == [
        "还有 7 个分目未通过终审：区政府、社会事业1、社会事业2、社会事业3、社会事业4等"]


def test_the_chief_may_override_on_the_publish_page(book, unit, assignment, chief):
    client = client_for(chief)
    url = reverse("admin:yearbook_edition_publish", args=[book.edition.pk])
    assert "还有 1 个分目未通过终审：区政府" in client.get(url).content.decode()
    client.post(url, {"override": "区政府分目由主编亲自审定"})
    edition = Edition.objects.get(pk=book.edition.pk)
    assert edition.is_published
    assert edition.history.first().history_change_reason == "发布（破例：区政府分目由主编亲自审定）"


def test_start_next_edition_carries_the_assignments(book, unit, assignment, editor, senior, chief):
    other = ContributingUnit.objects.create(name="区工信局")
    assignment.reviewer_second, assignment.reviewer_final = senior, chief
    assignment.status, assignment.round, assignment.passed = Assignment.Status.FINAL, 2, 3
    assignment.save()
    Assignment.objects.create(edition=book.edition, section=book.section2, unit=other,
                              deadline=dt.date(2020, 2, 29), target_words=3000)
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)   # the next starts from a book
    book.edition.refresh_from_db()
    summary = start_next.start_next_edition(book.edition, user=editor)
    new = summary.edition
    assert summary.counts["供稿分派"] == 2
    carried = list(Assignment.objects.filter(edition=new).order_by("section__order"))
    assert [(a.section.name, a.section.edition, a.unit.name, a.deadline, a.target_words) for a in carried] == [
        ("区政府", new, "区政府办公室", dt.date(2022, 3, 31), 60),
        ("工业", new, "区工信局", dt.date(2021, 2, 28), 3000),
    ]
    assert all((a.status, a.round, a.passed) == (Assignment.Status.TO_INVITE, 0, 0) for a in carried)
    assert (carried[0].reviewer_second, carried[0].reviewer_final) == (senior, chief)
    history = carried[0].history.first()
    assert (history.history_user, history.history_change_reason) == (editor, "由 2021 卷开始编纂")
    # one unit row across editions; the old edition's assignments are untouched
    assert ContributingUnit.objects.count() == 2
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.FINAL and assignment.edition == book.edition
    # each edition is blocked by its own assignments only
    assert publishing.publication_blockers(new) == ["还有 2 个分目未通过终审：区政府、工业"]
    assert publishing.publication_blockers(book.edition) == ["还有 1 个分目未通过终审：工业"]
