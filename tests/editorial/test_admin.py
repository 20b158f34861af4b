"""The workflow's admin pages as an editor, a senior editor and a second reviewer use them."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from editorial.models import Annotation, Assignment, ContributingUnit, Manuscript
from editorial.roles import SECOND_REVIEWER_GROUP
from tests.admin.helpers import errors_of, form_data

from .conftest import MANUSCRIPT, client_for, docx_bytes, make_user

pytestmark = pytest.mark.django_db


def upload(client, assignment, data, name="区政府办公室.docx"):
    url = reverse("admin:editorial_assignment_upload", args=[assignment.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_an_editor_adds_a_unit_and_assigns_a_section(book, editor):
    client = client_for(editor)
    add = reverse("admin:editorial_contributingunit_add")
    data = {**form_data(client.get(add)), "name": "区统计局", "organization": book.bureau.pk, "contact": "马强",
            "phone": "0935-8000000"}
    assert client.post(add, data).status_code == 302
    unit = ContributingUnit.objects.get(name="区统计局")
    assert unit.history.first().history_user == editor
    add = reverse("admin:editorial_assignment_add")
    data = {**form_data(client.get(add)), "section": book.section2.pk, "unit": unit.pk, "deadline": "2021-03-31",
            "target_words": "3000"}
    response = client.post(add, data)
    assert response.status_code == 302, errors_of(response)
    assignment = Assignment.objects.get(section=book.section2)
    assert (assignment.edition, assignment.status, assignment.target_words) == (book.edition, "to_invite", 3000)
    # one assignment per section
    response = client.post(add, data)
    assert "这个分目已经分派给了一个供稿单位" in errors_of(response)


def test_the_same_person_cannot_be_named_for_two_stages(book, unit, editor, chief):
    client = client_for(editor)
    add = reverse("admin:editorial_assignment_add")
    data = {**form_data(client.get(add)), "section": book.section.pk, "unit": unit.pk, "reviewer_first": chief.pk,
            "reviewer_final": chief.pk}
    assert "王主编已是初审人：初审、复审、终审须由不同的人来做" in errors_of(client.post(add, data))


def test_a_file_that_is_not_a_manuscript_is_refused_with_a_message(assignment, editor):
    client = client_for(editor)
    response = upload(client, assignment, "不是 Word 文件".encode(), name="区政府.txt")
    assert response.status_code == 400
    assert "“区政府.txt”不是 Word 的 .docx 文件" in response.content.decode()
    response = client.post(reverse("admin:editorial_assignment_upload", args=[assignment.pk]), {})
    assert response.status_code == 400 and "请选择供稿单位的 Word 文件" in response.content.decode()
    assert not Manuscript.objects.exists()


def test_upload_preview_accept(assignment, editor, book):
    client = client_for(editor)
    response = upload(client, assignment, docx_bytes(*MANUSCRIPT))
    manuscript = Manuscript.objects.get()
    assert response.url == reverse("admin:editorial_manuscript", args=[manuscript.pk])
    page = client.get(response.url).content.decode()
    assert "替换现有条目" in page and "新增" in page and "第一个【标题】之前有 1 段文字" in page
    assert "共 2 个条目" in page and "新增 1 条，替换 1 条，不变 0 条" in page and 'id="accept-form"' in page
    assert list(book.section.entries.values_list("title", flat=True)) == ["政务公开"]  # nothing written yet
    response = client.post(response.url, follow=True)
    assert "已采用来稿《区政府办公室.docx》：新增 1 条、替换 1 条、不变 0 条" in response.content.decode()
    assert sorted(book.section.entries.values_list("title", flat=True)) == ["政务公开", "政务服务"]
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    # the section's page: 初审 form for the editor, the manuscript listed, a second accept refused
    page = client.get(reverse("admin:editorial_assignment_change", args=[assignment.pk])).content.decode()
    assert 'id="review-form"' in page and "区政府办公室.docx" in page and "待初审" in page
    response = client.post(reverse("admin:editorial_manuscript", args=[manuscript.pk]), follow=True)
    assert "已采用，不能再采用" in response.content.decode()
    download = client.get(reverse("admin:editorial_manuscript_file", args=[manuscript.pk]))
    assert download.content == bytes(Manuscript.objects.get().content) and download.content[:2] == b"PK"
    assert "filename*=UTF-8''%E5%8C%BA" in download["Content-Disposition"]


def test_review_return_with_an_annotation_then_resolve(assignment, editor, book):
    client = client_for(editor)
    upload(client, assignment, docx_bytes(*MANUSCRIPT))
    client.post(reverse("admin:editorial_manuscript", args=[Manuscript.objects.get().pk]))
    entry = book.section.entries.get(title="政务服务")
    url = reverse("admin:editorial_assignment_review", args=[assignment.pk])
    response = client.post(url, {"stage": "first", "decision": "return"}, follow=True)
    assert "退改时请写明审稿意见" in response.content.decode()
    response = client.post(url, {"stage": "first", "decision": "return", "comment": "数字请核对",
                                 "entry": entry.pk, "annotation": "12.6万件与公报不一致"}, follow=True)
    page = response.content.decode()
    assert "初审：已退改，“区政府”退回区政府办公室修改" in page and "12.6万件与公报不一致" in page
    note = Annotation.objects.get()
    client.post(reverse("admin:editorial_annotation_resolve", args=[note.pk]))
    note.refresh_from_db()
    assert note.resolved and note.resolved_by == editor


def test_a_second_reviewer_reviews_without_editing_rights(assignment, editor, roles):
    reviewer = make_user("reviewer", "reviewer", first_name="孙复审")
    assert not reviewer.has_perm("editorial.change_assignment") and reviewer.has_perm("editorial.review_second")
    client = client_for(editor)
    upload(client, assignment, docx_bytes(*MANUSCRIPT))
    client.post(reverse("admin:editorial_manuscript", args=[Manuscript.objects.get().pk]))
    review = reverse("admin:editorial_assignment_review", args=[assignment.pk])
    client.post(review, {"stage": "first", "decision": "pass"})
    # the editor is told why there is no 复审 form for them
    page = client.get(reverse("admin:editorial_assignment_change", args=[assignment.pk])).content.decode()
    assert "您没有复审权限" in page and 'id="review-form"' not in page
    other = client_for(reviewer)
    page = other.get(reverse("admin:editorial_assignment_change", args=[assignment.pk])).content.decode()
    assert 'id="review-form"' in page and 'id="upload-link"' not in page
    assert upload(other, assignment, docx_bytes(*MANUSCRIPT)).status_code == 403
    other.post(review, {"stage": "second", "decision": "pass", "comment": "同意"})
    assignment.refresh_from_db()
    assert (assignment.passed, assignment.pending_stage) == (2, "final")


def test_create_roles_makes_the_second_reviewer_group(roles, monkeypatch):
    editors, chiefs, reviewers = (Group.objects.get(name=n) for n in ("编辑", "主编", "复审"))

    def codes(group):
        return set(group.permissions.filter(content_type__app_label="editorial").values_list("codename", flat=True))

    assert {"review_first", "add_manuscript", "change_manuscript", "add_assignment"} <= codes(editors)
    assert not {"review_second", "review_final", "change_review", "delete_review"} & codes(editors)
    assert {"review_first", "review_final"} <= codes(chiefs) and "review_second" not in codes(chiefs)
    assert {"review_second", "add_annotation", "view_assignment"} <= codes(reviewers)
    assert not {"review_first", "review_final", "change_assignment", "add_manuscript"} & codes(reviewers)
    assert reviewers.permissions.filter(codename="view_entry").exists()
    assert not reviewers.permissions.filter(codename="change_entry").exists()
    monkeypatch.setenv("NEW_PW", "Gansu-Jinchang-88")
    call_command("create_roles", "--user", "liu", "--role", "editor", "--role", "reviewer", "--password-env",
                 "NEW_PW", verbosity=0)
    liu = get_user_model().objects.get(username="liu")
    assert set(liu.groups.values_list("name", flat=True)) == {"编辑", SECOND_REVIEWER_GROUP}
    assert liu.has_perm("editorial.review_first") and liu.has_perm("editorial.review_second")
    assert not liu.has_perm("editorial.review_final")


def test_the_editions_admin_page_links_the_board(book, editor):
    html = client_for(editor).get(reverse("admin:yearbook_edition_change", args=[book.edition.pk])).content.decode()
    assert "编纂进度" in html and reverse("admin:editorial_board", args=[book.edition.year]) in html
