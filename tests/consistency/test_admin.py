"""The report in the admin: an editor runs it, filters the list, follows the links and decides."""
import re

from django.urls import reverse

from consistency.models import Finding
from consistency.report import run_report

LIST = "admin:consistency_finding_changelist"


def test_an_editor_runs_the_report_and_reads_the_list(edition2021, editor_client, django_assert_max_num_queries):
    run_page = editor_client.get(reverse("admin:consistency_finding_run"))
    assert run_page.status_code == 200
    html = run_page.content.decode()
    assert "运行编校一致性检查" in html and "检查 2021 卷" in html and "尚未检查" in html

    response = editor_client.post(reverse("admin:consistency_finding_run"), {"edition": edition2021.pk}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2021 卷检查完毕：共" in html
    assert "大事记记为9月4日" in html and "“大牲畜存栏”的增减前后不一" in html
    assert "运行检查" in html    # the button back to the report page

    with django_assert_max_num_queries(20):
        page = editor_client.get(reverse(LIST) + "?open=yes")
    assert page.status_code == 200
    html = page.content.decode()
    # Each record links to its admin change page and to its public page.
    entry_link = re.search(r'<a href="(/admin/yearbook/entry/\d+/change/)">中国共产党金川区委员会 › 重要会议 › '
                           r'【农村人居环境整治现场推进会】</a>', html)
    assert entry_link and editor_client.get(entry_link.group(1)).status_code == 200
    assert re.search(r'href="/admin/chronicle/event/\d+/change/"', html)
    assert 'class="finding-public"' in html
    assert "待处理" in html and "仍存在" in html


def test_filters_by_kind_and_status(edition2021, editor_client, django_assert_max_num_queries):
    run_report(edition2021)
    with django_assert_max_num_queries(20):
        page = editor_client.get(reverse(LIST) + "?kind__exact=event_date")
    html = page.content.decode()
    assert html.count('class="field-message_text"') == Finding.objects.filter(kind="event_date").count() == 7
    assert "大牲畜存栏" not in html
    for label in ("同一数字前后不一", "大事记与正文日期不一", "按原文保留", "已修改", "已不再出现"):
        assert label in html
    page = editor_client.get(reverse(LIST) + "?status__exact=keep")
    assert 'class="field-message_text"' not in page.content.decode()


def test_marking_findings_as_printed_or_fixed(edition2021, editor_client):
    run_report(edition2021)
    ids = list(Finding.objects.filter(kind="event_date").values_list("pk", flat=True)[:2])
    response = editor_client.post(reverse(LIST), {"action": "mark_keep", "_selected_action": ids}, follow=True)
    assert "已将 2 条标记为“按原文保留”" in response.content.decode()
    kept = Finding.objects.filter(pk__in=ids)
    assert {f.status for f in kept} == {"keep"} and all(f.decided_by.username == "editor" for f in kept)

    one = Finding.objects.filter(kind="figure").first()
    form = editor_client.get(reverse("admin:consistency_finding_change", args=[one.pk]))
    assert form.status_code == 200 and "编辑备注" in form.content.decode()
    response = editor_client.post(reverse("admin:consistency_finding_change", args=[one.pk]),
                                  {"status": "fixed", "note": "已按统计公报改正"}, follow=True)
    assert response.status_code == 200
    one.refresh_from_db()
    assert (one.status, one.note, one.decided_by.username) == ("fixed", "已按统计公报改正", "editor")
    # Findings come from the report only: no add, no delete for editors.
    assert editor_client.get(reverse("admin:consistency_finding_add")).status_code == 403
    assert editor_client.get(reverse("admin:consistency_finding_delete", args=[one.pk])).status_code == 403


def test_visitors_and_unknown_editions(edition2021, client, editor_client):
    assert client.get(reverse(LIST)).status_code == 302          # to the login page
    assert editor_client.post(reverse("admin:consistency_finding_run"), {"edition": 999999}).status_code == 404
    assert editor_client.post(reverse("admin:consistency_finding_run"), {"edition": "x"}).status_code == 404
