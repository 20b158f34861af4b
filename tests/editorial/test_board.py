"""The progress board: its figures per section and category, the filters, and a bounded number of queries."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial import workflow
from editorial.board import build_board, deadline_text
from editorial.models import Assignment, ContributingUnit
from stats.models import StatTable
from yearbook.models import Appointment, Category, Entry, Section

from .conftest import MANUSCRIPT, client_for, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days, text", [(-3, "逾期 3 天"), (0, "今天截止"), (5, "还有 5 天"), (None, "未定期限")])
def test_days_to_deadline(days, text):
    today = dt.date(2021, 4, 3)
    assert deadline_text(None if days is None else today + dt.timedelta(days=days), today) == text
    assert deadline_text(today, today, done=True) == "已定稿"


@pytest.fixture
def busy(book, assignment, editor):
    """The small edition with one of each thing the board counts."""
    today = timezone.localdate()
    Assignment.objects.filter(pk=assignment.pk).update(deadline=today - dt.timedelta(days=3))
    Entry.objects.filter(pk=book.entry.pk).update(needs_review=True)
    Appointment.objects.filter(pk=book.a_li.pk).update(carried_over=True)
    Appointment.objects.filter(pk=book.a_zhang.pk).update(carried_over=True, confirmed=True)
    Appointment.objects.filter(pk=book.a_wang.pk).update(needs_review=True)
    StatTable.objects.create(edition=book.edition, section=book.section2, key="表2", number="表2", title="空表",
                             order=2)
    workflow.add_annotation(assignment, text="请补充机构设置", user=editor)
    return book


def test_board_figures(busy, assignment):
    board = build_board(busy.edition)
    assert [(b.category.name, [r.section.name for r in b.rows]) for b in board.blocks] == \
        [("政府", ["区政府"]), ("经济", ["工业"])]
    row, other = board.rows
    # 政务公开 + 区政府全年公开信息 1200 条 李生虎主持
    assert (row.words, row.target, row.percent) == (4 + 9 + 1 + 1 + 5, 60, 33)
    assert (row.status_label, row.assignment.unit.name, row.deadline_text, row.overdue) == \
        ("待约稿", "区政府办公室", "逾期 3 天", True)
    assert (row.pending_tenures, row.review_items, row.open_annotations) == (1, 2, 1)
    assert (row.tables, other.tables, other.tables_filled) == (0, 2, 1)
    assert (other.status_label, other.deadline_text, other.assignment) == ("未分派", "", None)
    assert board.overdue == 1 and board.words == row.words and board.target == 60
    assert {v: n for v, _, n in board.status_counts()} == {
        "to_invite": 1, "invited": 0, "submitted": 0, "returned": 0, "final": 0, "none": 1}


def test_my_tasks_are_the_sections_waiting_for_my_stage(book, assignment, editor, editor2, senior, chief):
    manuscript = workflow.submit_manuscript(assignment, file_name="a.docx", data=docx_bytes(*MANUSCRIPT),
                                            user=editor)
    workflow.accept_manuscript(manuscript, user=editor)
    assignment.refresh_from_db()
    assert [r.section.name for r in build_board(book.edition, user=editor, mine=True).rows] == ["区政府"]
    assert build_board(book.edition, user=chief, mine=True).rows[0].status_label == "已交稿 · 待初审"
    assert build_board(book.edition, user=senior, mine=True).rows  # a senior editor is an editor too
    workflow.record_review(assignment, stage="first", decision="pass", user=editor)
    assert build_board(book.edition, user=editor, mine=True).rows == []  # 复审: not an editor's permission
    assert [r.section.name for r in build_board(book.edition, user=senior, mine=True).rows] == ["区政府"]
    row = build_board(book.edition).rows[0]
    assert row.reviewers == ["初审：张编辑 ✓"] and row.status_label == "已交稿 · 待复审"
    # a named reviewer: the task is theirs alone
    Assignment.objects.filter(pk=assignment.pk).update(reviewer_second=editor2)
    assert build_board(book.edition, user=senior, mine=True).rows == []


def test_board_page_filters_and_queries(busy, assignment, editor, django_assert_max_num_queries):
    client = client_for(editor)
    url = reverse("admin:editorial_board", args=[2021])
    # session, user, permissions (2), role badges; the board: edition, sections, assignments, reviews, entries,
    # tables, appointments, 批注, waiting manuscripts, categories and editions for the filters
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "编纂进度：2021 卷" in page and "逾期 3 天" in page and "区政府办公室" in page and "未分派" in page
    assert "工业" in client.get(url, {"status": "none"}).content.decode()
    assert "区政府办公室" not in client.get(url, {"status": "none"}).content.decode()
    assert "现在没有轮到您审的分目" in client.get(url, {"mine": "1"}).content.decode()
    category = Category.objects.get(edition=busy.edition, name="经济").pk
    filtered = client.get(url, {"category": category}).content.decode()
    assert "工业" in filtered and "区政府办公室" not in filtered
    assert client.get(reverse("admin:editorial_board_latest")).url == url


def test_board_queries_do_not_grow_with_the_edition(busy, editor):
    client = client_for(editor)
    url = reverse("admin:editorial_board", args=[2021])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    unit = ContributingUnit.objects.create(name="区统计局")
    category = Category.objects.create(edition=busy.edition, name="社会", order=3)
    for i in range(20):
        section = Section.objects.create(edition=busy.edition, category=category, name=f"社会{i}", order=10 + i)
        Entry.objects.create(section=section, title=f"条目{i}", body="正文" * i, order=1)
        Assignment.objects.create(edition=busy.edition, section=section, unit=unit, reviewer_first=editor,
                                  target_words=100)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert "社会19" in page
    assert len(large) == len(small)


def test_only_staff_with_the_view_permission_see_the_board(book, db):
    from tests.admin.conftest import make_user

    outsider = make_user("visitor", None)
    outsider.is_staff = True
    outsider.save()
    response = client_for(outsider).get(reverse("admin:editorial_board", args=[2021]))
    assert response.status_code == 403
