"""End to end in headless Chromium: one section's whole way through the editorial office.

An editor registers the contributing unit, assigns it the section and asks for the manuscript; uploads the
unit's Word file, previews its split into entries and accepts it; returns it at 初审 with a comment and a 批注
on an entry; uploads the revised file (the preview shows what it replaces), resolves the 批注 and passes 初审.
A senior editor passes 复审, the chief editor — stopped from publishing meanwhile — passes 终审; the board
shows the section done, and the chief publishes.

Screenshots go to $E2E_SCREENSHOT_DIR (default: pytest's tmp dir).
"""
import datetime as dt

import pytest
from django.contrib.auth.models import Group

from tests.admin.test_browser import CHROMIUM, browser, login, pick, shots, success  # noqa: F401

from .conftest import docx_bytes, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]

FIRST = ("金川区人民政府办公室 2022 卷年鉴供稿",
         "【政务公开】区政府全年公开信息1500条，办理依申请公开32件。",
         "【政务服务】全年办理政务服务事项12.6万件，“一网通办”率达95%。")
REVISED = ("【政务公开】区政府全年公开信息1500条，办理依申请公开32件。",
           "【政务服务】全年办理政务服务事项12.8万件（据区统计局核定），“一网通办”率达95%。",
           "【12345热线】全年受理群众诉求2.1万件，办结率99.6%。",
           "（供稿：赵丽）")


def write_docx(path, paragraphs):
    path.write_bytes(docx_bytes(*paragraphs))
    return str(path)


def workflow_status(page):
    return page.locator("#workflow-status").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_section_from_assignment_to_publication(live_server, browser, shots, tmp_path):  # noqa: F811
    from django.core.management import call_command

    from editorial.models import Annotation, Assignment
    from yearbook.models import Category, Edition, Organization, Section

    call_command("create_roles", verbosity=0)
    make_user("zhang", "editor", first_name="张编辑")
    liu = make_user("liu", "editor", first_name="刘副主编")
    liu.groups.add(Group.objects.get(name="复审"))
    make_user("wang", "chief", first_name="王主编")
    edition = Edition.objects.create(year=2022, covers_year=2021, title="金川区年鉴 2022")
    government = Category.objects.create(edition=edition, name="政府", order=1)
    economy = Category.objects.create(edition=edition, name="经济", order=2)
    Section.objects.create(edition=edition, category=government, name="区政府", order=1)
    Section.objects.create(edition=edition, category=economy, name="工业", order=2)  # not assigned: no blocker
    Organization.objects.create(name="金川区人民政府办公室", kind="government")
    base = live_server.url
    deadline = dt.date.today() + dt.timedelta(days=20)

    # -- the editor: unit, assignment, 约稿 ------------------------------------------------------------
    editor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = login(editor, base, "zhang")
    page.goto(f"{base}/admin/editorial/contributingunit/add/")
    page.fill("#id_name", "区政府办公室")
    pick(page, "id_organization", "办公室", "金川区人民政府办公室")
    page.fill("#id_contact", "赵丽")
    page.fill("#id_phone", "0935-8221234")
    page.click("input[name=_save]")
    assert "成功" in success(page)

    page.goto(f"{base}/admin/editorial/assignment/add/")
    pick(page, "id_section", "区政府", "区政府")
    pick(page, "id_unit", "区政府", "区政府办公室")
    page.fill("#id_deadline", deadline.isoformat())
    page.fill("#id_target_words", "80")
    page.select_option("#id_reviewer_final", label="王主编")
    shots(page, "assignment-form")
    page.click("input[name=_continue]")
    assert "成功" in success(page)
    assignment = Assignment.objects.get(section__name="区政府")
    assert workflow_status(page) == "待约稿"
    page.click("#invite-form input[type=submit]")
    assert "已向区政府办公室约稿" in success(page)
    assert workflow_status(page) == "已约稿"

    # -- the manuscript: upload, preview, accept ------------------------------------------------------------
    page.click("#upload-link")
    page.set_input_files("#id_file", write_docx(tmp_path / "区政府办公室供稿.docx", FIRST))
    page.click("#upload-form input[type=submit]")
    page.wait_for_selector("#manuscript-plan")
    assert "第一个【标题】之前有 1 段文字" in page.locator("#manuscript-warnings").inner_text()
    assert page.locator("#manuscript-plan .plan-new").count() == 2
    shots(page, "manuscript-preview")
    assert not assignment.section.entries.exists()
    page.click("#accept-form input[type=submit]")
    assert "新增 2 条" in success(page)
    assert workflow_status(page) == "已交稿 · 待初审"
    assert sorted(assignment.section.entries.values_list("title", flat=True)) == ["政务公开", "政务服务"]

    # -- 初审 returns it, with a 批注 on one entry ---------------------------------------------------------------
    page.check("#review-form input[name=decision][value=return]")
    page.fill("#review-form textarea[name=comment]", "政务服务事项件数请与区统计局核对")
    page.select_option("#review-form select[name=entry]", label="政务服务")
    page.fill("#review-form textarea[name=annotation]", "12.6万件与统计公报不一致")
    shots(page, "first-review-return")
    page.click("#review-form input[type=submit]")
    assert "初审：已退改" in success(page)
    assert workflow_status(page) == "退改"
    assert "12.6万件与统计公报不一致" in page.locator("#annotations").inner_text()

    # -- the revised manuscript ----------------------------------------------------------------------------
    page.click("#upload-link")
    page.set_input_files("#id_file", write_docx(tmp_path / "区政府办公室供稿（修改稿）.docx", REVISED))
    page.click("#upload-form input[type=submit]")
    page.wait_for_selector("#manuscript-plan")
    actions = page.locator("#manuscript-plan tbody tr td:nth-child(2)").all_inner_texts()
    assert actions == ["与现有条目相同，不变", "替换现有条目", "新增"]
    shots(page, "revised-preview")
    page.click("#accept-form input[type=submit]")
    assert "新增 1 条、替换 1 条、不变 1 条" in success(page)
    assert "12.8万件" in assignment.section.entries.get(title="政务服务").body
    page.click(".resolve-form input[type=submit]")
    assert "批注已解决" in success(page)
    page.check("#review-form input[name=decision][value=pass]")
    page.click("#review-form input[type=submit]")
    assert "初审通过" in success(page)
    assert workflow_status(page) == "已交稿 · 待复审"

    # -- 复审 by the senior editor -----------------------------------------------------------------------------
    senior = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = login(senior, base, "liu")
    page.goto(f"{base}/admin/editorial/assignment/board/2022/?mine=1")
    page.click("#board tr.board-row a:has-text('区政府')")
    page.check("#review-form input[name=decision][value=pass]")
    page.fill("#review-form textarea[name=comment]", "同意")
    page.click("#review-form input[type=submit]")
    assert "复审通过" in success(page)

    # -- the chief editor: publication waits for 终审 ---------------------------------------------------------
    chief = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = login(chief, base, "wang")
    page.goto(f"{base}/admin/yearbook/edition/{edition.pk}/publish/")
    assert "还有 1 个分目未通过终审：区政府" in page.locator("#status-form").inner_text()
    page.goto(f"{base}/admin/editorial/assignment/board/2022/?mine=1")
    assert page.locator("#board tr.board-row").count() == 1
    page.click("#board tr.board-row a:has-text('区政府')")
    page.check("#review-form input[name=decision][value=pass]")
    page.click("#review-form input[type=submit]")
    assert "终审通过：“区政府”已定稿" in success(page)
    assert workflow_status(page) == "已定稿"
    assert Annotation.objects.filter(resolved=False).count() == 0

    page.goto(f"{base}/admin/editorial/assignment/board/2022/")
    row = page.locator("#board tr.board-row[data-section='区政府']")
    assert "已定稿" in row.inner_text() and "终审：王主编 ✓" in row.inner_text()
    assert "复审：刘副主编 ✓" in row.inner_text() and "初审：张编辑 ✓" in row.inner_text()
    shots(page, "board-done")

    page.goto(f"{base}/admin/yearbook/edition/{edition.pk}/change/")
    page.click("#publish-button")
    assert page.locator("#id_override").count() == 0  # nothing blocks any more
    page.click("#status-form input[type=submit]")
    assert "2022 卷已发布" in success(page)
    published = Edition.objects.get(pk=edition.pk)
    assert published.is_published and published.published_by.username == "wang"
    assert published.history.first().history_change_reason == "发布"
    stages = list(Assignment.objects.get(pk=assignment.pk).reviews.values_list("round", "stage", "decision",
                                                                               "user__username"))
    assert stages == [(1, "first", "return", "zhang"), (2, "first", "pass", "zhang"),
                      (2, "second", "pass", "liu"), (2, "final", "pass", "wang")]
