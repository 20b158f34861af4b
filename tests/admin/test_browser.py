"""End to end in headless Chromium: an editor enters the 2022 edition; the chief editor publishes it.

The editor logs in, starts 2022 from the (published) 2021 edition, adds a chronicle event, ends one
carried-over appointment and adds a new one (creating the person on the fly with the "+" beside the
autocomplete), imports an honours spreadsheet (one bad row is reported and nothing is written until it is
fixed) and cannot publish. The chief editor publishes; an anonymous reader then sees the 2022 event.

Screenshots go to $E2E_SCREENSHOT_DIR (default: pytest's tmp dir).
"""
import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from openpyxl import Workbook

from .conftest import PASSWORD, SOURCE, make_user

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]

EVENT_TEXT = "金川区举行2021年全民义务植树活动，参加干部群众3000余人"


@pytest.fixture
def browser(monkeypatch):
    playwright = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the test thread runs Playwright's event loop
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("E2E_SCREENSHOT_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def shot(page, name):
        page.screenshot(path=str(folder / f"{next(counter):02d}-{name}.png"), full_page=True)
    return shot


def honours_xlsx(path, *, bad):
    wb = Workbook()
    ws = wb.active
    ws.append(["卷次", "类别", "获奖单位或个人", "性别", "工作单位", "奖项", "授奖时间", "授奖单位"])
    ws.append([2022, "先进个人", "陈光明", "男", "区第一中学", "全国优秀教师", "2021-09", "教育部"])
    ws.append([2022, "先进个人", "刘芳", "女", "区人民医院", "全省卫生健康系统先进个人", "2021-13" if bad else "2021-12",
               "甘肃省卫生健康委员会"])
    ws.append([2022, "先进集体", "金川区统计局", "", "", "全省统计工作先进集体", "2021-11", "甘肃省统计局"])
    out = io.BytesIO()
    wb.save(out)
    path.write_bytes(out.getvalue())
    return str(path)


def login(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def pick(page, field_id, term, expected):
    """Choose ``expected`` in an autocomplete (select2) field by typing ``term``."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-container--open .select2-results__option:has-text('{expected}')")


def success(page):
    return page.locator(".messagelist .success").inner_text()


@pytest.mark.django_db(transaction=True)
def test_editor_enters_2022_and_chief_editor_publishes(live_server, browser, shots, tmp_path):
    from chronicle.models import Event
    from yearbook import permissions
    from yearbook.models import Appointment, Edition, Honour

    call_command("import_yearbook", str(SOURCE), verbosity=0)
    call_command("create_roles", verbosity=0)
    Edition.objects.filter(year=2021).update(status=Edition.Status.PUBLISHED)
    make_user("zhang", "editor", first_name="张编辑")
    make_user("wang", "chief", first_name="王主编")
    base = live_server.url

    # -- the editor ------------------------------------------------------------------------
    editor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = login(editor, base, "zhang")
    assert "编辑" in page.locator("#user-role").inner_text()
    shots(page, "editor-index")

    # start 2022 from 2021, with the changelist action
    page.goto(f"{base}/admin/yearbook/edition/")
    page.check("tr:has-text('2021') input.action-select")
    page.select_option("select[name=action]", "start_next_action")
    page.click("button[name=index]")
    page.wait_for_selector("#start-next-form")
    shots(page, "start-next-confirm")
    page.click("#start-next-form input[type=submit]")
    assert "已开始编纂 2022 卷" in success(page)
    shots(page, "edition-2022-draft")
    e2022 = Edition.objects.get(year=2022)
    assert e2022.status == Edition.Status.DRAFT and page.locator("#publish-button").count() == 0
    carried = e2022.appointments.filter(carried_over=True).count()
    assert carried == Edition.objects.get(year=2021).appointments.filter(end__isnull=True).count() > 0

    # a chronicle event, with a person found by pinyin initials
    page.goto(f"{base}/admin/chronicle/event/add/")
    page.select_option("#id_edition", label=str(e2022))
    page.fill("#id_date", "2021-03-12")
    page.check("input[name=precision][value=day]")
    page.fill("#id_text", EVENT_TEXT)
    pick(page, "id_persons", "lsh", "李生虎")
    shots(page, "event-form")
    page.click("input[name=_save]")
    assert "成功" in success(page)
    event = Event.objects.get(edition=e2022, text=EVENT_TEXT)
    assert [p.name for p in event.persons.all()] == ["李生虎"]

    # end one carried-over appointment
    page.goto(f"{base}/admin/yearbook/appointment/?edition__id__exact={e2022.pk}&pending=1")
    shots(page, "pending-carried-over")
    page.click("#result_list tbody tr:first-child th a")
    appointment_id = int(re.search(r"/appointment/(\d+)/change/", page.url).group(1))
    page.fill("#id_end", "2021-06")
    page.check("input[name=end_precision][value=month]")
    page.click("input[name=_save]")
    assert "成功" in success(page)
    ended = Appointment.objects.get(pk=appointment_id)
    assert (ended.end.isoformat(), ended.end_precision, ended.carried_over) == ("2021-06-01", "month", True)

    # a new appointment: agency by pinyin, the person created on the fly with "+"
    page.goto(f"{base}/admin/yearbook/appointment/add/")
    page.select_option("#id_edition", label=str(e2022))
    pick(page, "id_organization", "jinchuanqurenminzhengfu", "金川区人民政府")
    with page.expect_popup() as popup_info:
        page.click("#add_id_person")
    popup = popup_info.value
    popup.wait_for_selector("#id_name")
    popup.fill("#id_name", "赵新来")
    popup.select_option("#id_gender", "M")
    shots(popup, "person-popup")
    popup.click("input[name=_save]")
    popup.wait_for_event("close")
    assert "赵新来" in page.locator("#id_person + .select2").inner_text()
    page.fill("#id_title", "副区长")
    page.fill("#id_start", "2021-09")
    page.check("input[name=start_precision][value=month]")
    shots(page, "appointment-form")
    page.click("input[name=_save]")
    assert "成功" in success(page)
    new = Appointment.objects.get(edition=e2022, person__name="赵新来")
    assert new.organization.name == "金川区人民政府" and not new.carried_over and new.roster.edition == e2022

    # import honours: the bad row is reported and nothing is written
    before = Honour.objects.filter(edition=e2022).count()
    page.goto(f"{base}/admin/yearbook/honour/import/")
    page.set_input_files("#id_import_file", honours_xlsx(tmp_path / "honours.xlsx", bad=True))
    page.select_option("#id_format", label="xlsx")
    page.click("form input[type=submit]")
    page.wait_for_selector("#import-errors")
    shots(page, "import-error")
    errors = page.locator("#import-errors").inner_text() + page.locator("table.import-errors").inner_text()
    assert "有 1 行需要改正" in errors and "第 3 行" in errors and "“2021-13”不是有效日期" in errors
    assert page.locator("#confirm-import-form").count() == 0
    assert Honour.objects.filter(edition=e2022).count() == before
    # fixed: a preview (still nothing written), then confirm
    page.set_input_files("#id_import_file", honours_xlsx(tmp_path / "honours-fixed.xlsx", bad=False))
    page.select_option("#id_format", label="xlsx")
    page.click("form input[type=submit]")
    page.wait_for_selector("#confirm-import-form")
    shots(page, "import-preview")
    assert Honour.objects.filter(edition=e2022).count() == before
    page.click("#confirm-import-form input[name=confirm]")
    assert "导入完成：新增 3 行" in success(page)
    assert Honour.objects.filter(edition=e2022).count() == before + 3

    # the editor cannot publish
    page.goto(f"{base}/admin/yearbook/edition/{e2022.pk}/change/")
    assert page.locator("#publish-button").count() == 0
    response = page.goto(f"{base}/admin/yearbook/edition/{e2022.pk}/publish/")
    assert response.status == 403
    assert Edition.objects.get(year=2022).status == Edition.Status.DRAFT

    # -- the public does not see the draft --------------------------------------------------
    try:
        public_url = reverse("chronicle:index", kwargs={"year": 2022})
    except NoReverseMatch:
        public_url = None
    reader = browser.new_context(locale="zh-CN").new_page()
    if public_url:
        response = reader.goto(base + public_url)
        assert response.status == 404 or EVENT_TEXT not in reader.content()
    assert e2022 not in permissions.visible_editions(None)

    # -- the chief editor publishes ---------------------------------------------------------
    chief = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = login(chief, base, "wang")
    page.goto(f"{base}/admin/yearbook/edition/{e2022.pk}/change/")
    shots(page, "chief-edition-2022")
    page.click("#publish-button")
    shots(page, "publish-confirm")
    page.click("#status-form input[type=submit]")
    assert "2022 卷已发布" in success(page)
    shots(page, "published")
    published = Edition.objects.get(year=2022)
    assert published.status == Edition.Status.PUBLISHED and published.published_by.username == "wang"

    # -- and the reader sees the 2022 event ----------------------------------------------------
    assert published in permissions.visible_editions(None)
    if public_url:
        response = reader.goto(base + public_url)
        assert response.status == 200
        assert EVENT_TEXT in reader.content()
        shots(reader, "public-chronicle-2022")

    # every step is in the history, with its author
    assert published.history.earliest().history_user.username == "zhang"
    assert published.history.latest().history_user.username == "wang"
    assert {r.history_user.username for r in event.history.all()} == {"zhang"}
    assert Appointment.history.filter(id=appointment_id).latest().history_user.username == "zhang"
