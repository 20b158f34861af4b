"""Each transition of a section's way through the office, and each refusal, with the editor's message."""
import pytest

from editorial import workflow
from editorial.core import EditorialError
from editorial.models import Annotation, Assignment, Manuscript
from yearbook.models import Edition, Entry

from .conftest import MANUSCRIPT, docx_bytes

pytestmark = pytest.mark.django_db
Status = Assignment.Status


def submit(assignment, user, *paragraphs, name="区政府.docx"):
    return workflow.submit_manuscript(assignment, file_name=name, data=docx_bytes(*(paragraphs or MANUSCRIPT)),
                                      user=user)


def accepted(assignment, user, *paragraphs):
    manuscript = submit(assignment, user, *paragraphs)
    workflow.accept_manuscript(manuscript, user=user)
    assignment.refresh_from_db()
    return manuscript


def review(assignment, user, stage, decision="pass", comment="", annotations=()):
    result = workflow.record_review(assignment, stage=stage, decision=decision, comment=comment, user=user,
                                    annotations=annotations)
    assignment.refresh_from_db()
    return result


def test_invite_moves_to_invited_once(assignment, editor):
    workflow.invite(assignment, user=editor)
    assignment.refresh_from_db()
    assert assignment.status == Status.INVITED
    assert assignment.history.first().history_change_reason == "向区政府办公室约稿"
    assert assignment.history.first().history_user == editor
    with pytest.raises(EditorialError, match="只有“待约稿”的分目可以约稿"):
        workflow.invite(assignment, user=editor)


def test_upload_is_only_a_preview_until_accepted(assignment, editor, book):
    manuscript = submit(assignment, editor)
    assert manuscript.status == Manuscript.Status.PENDING
    assert [e["title"] for e in manuscript.entries] == ["政务公开", "政务服务"]
    assert manuscript.byline == "（供稿：赵丽）"
    assert any("第一个【标题】之前有 1 段文字" in w for w in manuscript.warnings)
    assignment.refresh_from_db()
    assert assignment.status == Status.TO_INVITE
    assert list(book.section.entries.values_list("title", flat=True)) == ["政务公开"]
    # the plan: 政务公开 exists with another text (replaced), 政务服务 is new
    plan = workflow.plan(manuscript)
    assert [(r.title, r.action) for r in plan.rows] == [("政务公开", "replace"), ("政务服务", "new")]
    # 政务服务 | 全年办理政务服务事项 12.6 万件 | 一网通办 率达 95
    assert plan.rows[1].words == 4 + (10 + 1 + 2) + (4 + 2 + 1)
    assert plan.kept == []


def test_accepting_writes_the_entries_with_history_in_one_go(assignment, editor, book):
    manuscript = submit(assignment, editor)
    counts = workflow.accept_manuscript(manuscript, user=editor)
    assert counts == {"新增": 1, "替换": 1, "不变": 0}
    assignment.refresh_from_db()
    assert (assignment.status, assignment.round, assignment.passed, assignment.pending_stage) == \
        (Status.SUBMITTED, 1, 0, "first")
    entries = list(book.section.entries.order_by("order"))
    assert [(e.title, e.order) for e in entries] == [("政务公开", 1), ("政务服务", 2)]
    assert entries[0].body == "区政府全年公开信息1500条，办理依申请公开32件。"
    assert entries[1].body == "全年办理政务服务事项12.6万件，\n“一网通办”率达95%。"
    for e in entries:
        last = e.history.first()
        assert (last.history_user, last.history_change_reason) == (editor, "采用供稿单位来稿")
    manuscript.refresh_from_db()
    assert (manuscript.status, manuscript.accepted_by) == (Manuscript.Status.ACCEPTED, editor)


def test_unchanged_entries_are_not_rewritten_and_others_are_kept(assignment, editor, book):
    Entry.objects.create(section=book.section, title="机构设置", body="内设7个股室。", order=2)
    same = book.entry.body
    manuscript = submit(assignment, editor, f"【政务公开】{same}", "【新闻发布】召开新闻发布会12场。")
    plan = workflow.plan(manuscript)
    assert [(r.title, r.action) for r in plan.rows] == [("政务公开", "same"), ("新闻发布", "new")]
    assert [e.title for e in plan.kept] == ["机构设置"]
    versions = book.entry.history.count()
    workflow.accept_manuscript(manuscript, user=editor)
    assert book.entry.history.count() == versions  # not saved at all
    assert list(book.section.entries.order_by("order").values_list("title", flat=True)) == \
        ["政务公开", "机构设置", "新闻发布"]


def test_a_bad_file_is_refused_and_nothing_is_written(assignment, editor):
    for data, message in [(b"", "空文件"), ("区政府办公室供稿".encode(), "不是 Word 的 .docx 文件"),
                          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Word（.doc）"),
                          (docx_bytes("只有正文，没有标题。"), "没有以【标题】开头的段落")]:
        with pytest.raises(EditorialError, match=message):
            workflow.submit_manuscript(assignment, file_name="区政府.doc", data=data, user=editor)
    assert not Manuscript.objects.exists()
    assert Manuscript.history.count() == 0


def test_a_new_upload_sets_the_waiting_one_aside(assignment, editor):
    first = submit(assignment, editor)
    second = submit(assignment, editor)
    first.refresh_from_db()
    assert first.status == Manuscript.Status.SUPERSEDED and second.status == Manuscript.Status.PENDING
    with pytest.raises(EditorialError, match="已作废，不能再采用"):
        workflow.accept_manuscript(first, user=editor)


def test_three_stages_by_three_people(assignment, editor, senior, chief):
    accepted(assignment, editor)
    review(assignment, editor, "first")
    assert (assignment.status, assignment.passed, assignment.pending_stage) == (Status.SUBMITTED, 1, "second")
    assert assignment.history.first().history_change_reason == "初审通过（张编辑），待复审"
    # an editor has no 复审 permission; the senior editor has
    with pytest.raises(EditorialError, match="您没有复审权限"):
        review(assignment, editor, "second")
    review(assignment, senior, "second")
    # the senior editor did 复审, so may not do 终审 even with the permission (a superuser has all)
    senior.is_superuser = True
    senior.save()
    with pytest.raises(EditorialError, match="您已做过本稿的复审，终审须由另一人来做"):
        review(assignment, senior, "final")
    review(assignment, chief, "final", comment="同意定稿")
    assert (assignment.status, assignment.passed, assignment.pending_stage) == (Status.FINAL, 3, None)
    assert [(r.stage, r.decision, r.user.username) for r in assignment.reviews.all()] == [
        ("first", "pass", "editor"), ("second", "pass", "senior"), ("final", "pass", "chief")]


def test_the_same_person_may_not_do_two_stages(assignment, senior, chief):
    accepted(assignment, senior)
    review(assignment, senior, "first")
    with pytest.raises(EditorialError, match="您已做过本稿的初审，复审须由另一人来做"):
        review(assignment, senior, "second")
    assignment.refresh_from_db()
    assert assignment.passed == 1 and not assignment.reviews.filter(stage="second").exists()


def test_stages_go_in_order_on_submitted_sections_only(assignment, editor, chief):
    with pytest.raises(EditorialError, match="只有已交稿的分目可以审稿"):
        review(assignment, editor, "first")
    accepted(assignment, editor)
    with pytest.raises(EditorialError, match="现在待初审，不能做终审"):
        review(assignment, chief, "final")
    with pytest.raises(EditorialError, match="请选择审稿结论"):
        review(assignment, editor, "first", decision="maybe")


def test_a_named_reviewer_is_the_only_one(assignment, editor, editor2):
    assignment.reviewer_first = editor2
    assignment.save()
    accepted(assignment, editor)
    with pytest.raises(EditorialError, match="本分目的初审由李编辑负责"):
        review(assignment, editor, "first")
    review(assignment, editor2, "first")
    assert assignment.passed == 1


def test_return_to_the_unit_and_a_new_round(assignment, editor, senior, chief, book):
    accepted(assignment, editor)
    with pytest.raises(EditorialError, match="退改时请写明审稿意见"):
        review(assignment, editor, "first", decision="return")
    entry = book.section.entries.get(title="政务服务")
    review(assignment, editor, "first", decision="return", comment="数字请与统计局核对",
           annotations=[(entry, "12.6万件与统计公报不一致")])
    assert (assignment.status, assignment.passed, assignment.pending_stage) == (Status.RETURNED, 0, None)
    assert assignment.history.first().history_change_reason == "初审退改（张编辑）：数字请与统计局核对"
    note = Annotation.objects.get()
    assert (note.entry, note.entry_title, note.resolved, note.review.decision) == (entry, "政务服务", False, "return")
    # while returned, the section takes a new manuscript; accepting it starts round 2 at 初审
    accepted(assignment, editor, "【政务服务】全年办理政务服务事项12.8万件。")
    assert (assignment.status, assignment.round, assignment.passed) == (Status.SUBMITTED, 2, 0)
    review(assignment, editor, "first")  # a new round: the same editor may do 初审 again
    review(assignment, senior, "second")
    # 终审 waits for the open 批注
    with pytest.raises(EditorialError, match="还有 1 条批注未解决，不能通过终审"):
        review(assignment, chief, "final")
    workflow.resolve_annotation(note, user=editor)
    with pytest.raises(EditorialError, match="已经解决了"):
        workflow.resolve_annotation(note, user=editor)
    review(assignment, chief, "final")
    assert assignment.status == Status.FINAL


def test_no_new_manuscript_while_under_review_or_final(assignment, editor, senior, chief):
    accepted(assignment, editor)
    with pytest.raises(EditorialError, match="已交稿，正在初审：要换稿，请审稿人先退改"):
        submit(assignment, editor)
    review(assignment, editor, "first")
    review(assignment, senior, "second")
    review(assignment, chief, "final")
    with pytest.raises(EditorialError, match="已定稿，不再接收来稿"):
        submit(assignment, editor)


def test_the_chief_may_reopen_a_final_section(assignment, editor, senior, chief):
    accepted(assignment, editor)
    review(assignment, editor, "first")
    review(assignment, senior, "second")
    review(assignment, chief, "final")
    with pytest.raises(EditorialError, match="只能由有终审权限的主编退改"):
        workflow.return_to_unit(assignment, user=editor, comment="补充数据")
    workflow.return_to_unit(assignment, user=chief, comment="补充全年数据")
    assignment.refresh_from_db()
    assert assignment.status == Status.RETURNED
    assert assignment.reviews.last().stage == "final" and assignment.reviews.last().decision == "return"


def test_a_published_edition_is_frozen(assignment, editor, book):
    manuscript = submit(assignment, editor)
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)
    with pytest.raises(EditorialError, match="2021 卷已发布"):
        workflow.accept_manuscript(manuscript, user=editor)
    with pytest.raises(EditorialError, match="2021 卷已发布"):
        workflow.invite(assignment, user=editor)
    assert list(book.section.entries.values_list("title", flat=True)) == ["政务公开"]


def test_annotations_on_the_section_or_its_entries(assignment, editor, book):
    workflow.add_annotation(assignment, text="请补充机构设置", user=editor)
    with pytest.raises(EditorialError, match="不属于“区政府”"):
        other = Entry.objects.create(section=book.section2, title="工业生产", body="……", order=1)
        workflow.add_annotation(assignment, text="?", entry=other, user=editor)
    with pytest.raises(EditorialError, match="批注不能为空"):
        workflow.add_annotation(assignment, text="  ", user=editor)
    assert [str(a) for a in workflow.open_annotations(assignment)] == ["全分目：请补充机构设置"]


def test_reviews_are_a_log_no_one_edits(senior, chief, editor):
    for user in (editor, senior, chief):
        assert user.has_perm("editorial.view_review")
        assert not user.has_perm("editorial.change_review") and not user.has_perm("editorial.delete_review")
