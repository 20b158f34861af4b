"""审核队列: the import's review items in the admin, resolved by editors, corrections written by the chief editor
into the source profile and applied on the next import.

The text is next year's (the real text with every year moved on by one, tests/parsing/perturb.py): read with the
2021 profile, its tenure notes 「2021年5月仟」 are no longer fixed by the corrections (written with 2020), so
they come up for review. The profiles are a copy in a temporary folder: the tests write into it."""
import csv
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import SOURCE
from tests.parsing import perturb
from yearbook.models import Appointment, Correction, Edition, ReviewItem
from yearbook.parsing import profile as profiles

from .conftest import client_for

pytestmark = pytest.mark.django_db

LI = "李文龙(2021 年 5 月仟)"   # line 3579 of next year's text


@pytest.fixture
def profile_root(tmp_path, monkeypatch):
    root = tmp_path / "profiles"
    shutil.copytree(profiles.PROFILES_DIR / "jinchuan-2021", root / "jinchuan-2021")
    monkeypatch.setattr(profiles, "PROFILES_DIR", root)
    return root


@pytest.fixture
def next_year(tmp_path, profile_root):
    variant = perturb.years_shifted(SOURCE, tmp_path)
    call_command("import_yearbook", str(variant.path), verbosity=0)
    return variant.path


def edition():
    return Edition.objects.get(year=2022)


def li_note():
    return ReviewItem.objects.get(edition=edition(), code="roster-note", line=3579)


def queue_url(**params):
    query = "&".join(f"{k}={v}" for k, v in {"edition__id__exact": edition().pk, **params}.items())
    return f"/admin/yearbook/reviewitem/?{query}"


def resolve_url(item):
    return f"/admin/yearbook/reviewitem/{item.pk}/resolve/"


def test_the_import_stores_its_review_items_linked_to_their_records(next_year):
    items = ReviewItem.objects.filter(edition=edition())
    assert edition().source_profile == "jinchuan-2021"
    assert {i.code for i in items} == {"profile-edition", "correction-unmatched", "roster-note", "honours-row",
                                       "person-homonym", "person-variant", "reader-note-unmatched"}
    item = li_note()
    assert (item.status, item.blocking, item.guess) == ("open", True, "2021年5月任")
    assert item.source_file == str(next_year) and LI in item.context.split("\n")[1]
    assert isinstance(item.record, Appointment) and item.record.person.name == "李文龙"
    assert item.record.start is None and item.record.note == "2021年5月仟"   # loaded as printed


def test_the_queue_lists_the_items_in_chinese_within_bounded_queries(next_year, editor_client,
                                                                    django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = editor_client.get(queue_url(status__exact="open")).content.decode()
    assert "审核队列" in page and "任职括注" in page and "2022 卷 第 3579 行" in page and "2021年5月任" in page
    shown = re.sub(r"<[^>]+>", "", page)
    assert "roster-note" not in shown and "同名人物（提醒）" in shown
    with django_assert_max_num_queries(12):
        page = editor_client.get(resolve_url(li_note())).content.decode()
    assert "「李文龙」的括注" in page and "打开该任职" in page and "采纳推测读法" in page
    assert 'id="correction-form"' not in page and "须由主编写入" in page


def test_the_edition_page_links_to_its_queue(next_year, editor_client):
    page = editor_client.get(f"/admin/yearbook/edition/{edition().pk}/change/").content.decode()
    open_items = ReviewItem.objects.filter(edition=edition(), status="open").count()
    assert f"{open_items} 项无法确定读法" in page and ">审核队列</a>" in page


def test_an_editor_accepts_and_the_decision_survives_a_reimport(next_year, editor, editor_client):
    item = li_note()
    response = editor_client.post(resolve_url(item), {"decision": "accept", "note": "名录括注确为 2021年5月任"})
    assert response.status_code == 302 and "/resolve/" in response["Location"]   # on to the next open item
    item.refresh_from_db()
    assert (item.status, item.resolved_by, item.resolution_note) == ("accepted", editor, "名录括注确为 2021年5月任")
    assert item.history.first().history_change_reason == "采纳推测"
    notice = ReviewItem.objects.get(edition=edition(), code="person-homonym", printed="赵静")
    editor_client.post(resolve_url(notice), {"decision": "discard"})

    call_command("import_yearbook", str(next_year), verbosity=0)
    again = li_note()
    assert again.pk == item.pk and again.status == "accepted" and again.resolved_by == editor
    assert ReviewItem.objects.get(pk=notice.pk).status == "discarded"


def test_bulk_decisions_from_the_list(next_year, editor_client):
    notices = ReviewItem.objects.filter(edition=edition(), blocking=False)
    editor_client.post(queue_url(), {"action": "discard_action",
                                     "_selected_action": [str(i.pk) for i in notices]})
    assert set(notices.values_list("status", flat=True)) == {"discarded"}


def test_an_editor_may_not_write_into_the_profile(next_year, editor_client, profile_root):
    response = editor_client.post(resolve_url(li_note()), {
        "decision": "correct", "printed": "月仟)", "corrected": "月任)", "reason": "OCR 将「任」误识为「仟」",
        "context": LI})
    assert response.status_code == 403
    assert not (profile_root / "jinchuan-2021" / "corrections" / "review.csv").exists()


def test_the_chief_writes_a_correction_that_the_next_import_applies(next_year, chief, chief_client,
                                                                    profile_root):
    item = li_note()
    page = chief_client.get(resolve_url(item)).content.decode()
    assert 'id="correction-form"' in page   # the printed text as it stands on its line, the line as context
    assert f'value="{LI}"' in page and 'value="李志荣(任至 2021 年 5 月) 李文龙(2021 年 5 月仟)"' in page
    response = chief_client.post(resolve_url(item), {
        "decision": "correct", "printed": "月仟)", "corrected": "月任)",
        "reason": "任职括注中 OCR 将「任」误识为「仟」（李文龙 2021年5月任）", "context": LI})
    assert response.status_code == 302
    written = profile_root / "jinchuan-2021" / "corrections" / "review.csv"
    rows = list(csv.DictReader(written.open(encoding="utf-8")))
    assert rows == [{"line": "3579", "printed": "月仟)", "corrected": "月任)",
                     "reason": "任职括注中 OCR 将「任」误识为「仟」（李文龙 2021年5月任）", "context": LI}]
    item.refresh_from_db()
    assert item.status == "corrected" and item.resolved_by == chief and "月任)" in item.resolution_note

    out = StringIO()
    call_command("import_yearbook", str(next_year), stdout=out)
    assert not ReviewItem.objects.filter(edition=edition(), code="roster-note", line=3579).exists()
    li = Appointment.objects.get(edition=edition(), person__name="李文龙", source_line=3579)
    assert (str(li.start), li.note, li.corrected) == ("2021-05-01", "2021年5月任", True)
    assert Correction.objects.filter(edition=edition(), source_line=3579, printed="月仟)").exists()
    assert "3579: [roster-note]" not in out.getvalue()


@pytest.mark.parametrize("printed, context, message", [
    ("月仟)", "", "出现了 3 处（第 3579、4019、4181 行）"),
    ("月仟)", "李文龙(2021年5月仟)", "在源文本中找不到"),
    ("月仟)", "李文龙", "上下文「李文龙」中没有要校正的原文"),
])
def test_a_correction_that_would_match_nowhere_or_twice_is_refused(next_year, chief_client, profile_root, printed,
                                                                   context, message):
    item = li_note()
    page = chief_client.post(resolve_url(item), {"decision": "correct", "printed": printed, "corrected": "月任)",
                                                 "reason": "OCR 将「任」误识为「仟」", "context": context})
    assert page.status_code == 200 and message in page.content.decode()
    assert not (profile_root / "jinchuan-2021" / "corrections" / "review.csv").exists()
    item.refresh_from_db()
    assert item.status == "open"


def test_a_correction_overlapping_one_of_the_profile_is_refused(next_year, chief_client, profile_root):
    item = ReviewItem.objects.filter(edition=edition(), code="person-homonym").first()
    page = chief_client.post(resolve_url(item), {
        "decision": "correct", "printed": "干爱军", "corrected": "王爱军", "reason": "OCR 将「王」误识为「干」",
        "context": ""}).content.decode()
    assert "已有一条校正「干爱军」→「王爱军」" in page


def test_a_resolved_item_can_be_reopened(next_year, editor_client):
    item = li_note()
    editor_client.post(resolve_url(item), {"decision": "discard"})
    page = editor_client.get(resolve_url(item)).content.decode()
    assert "已忽略" in page and 'id="reopen-form"' in page
    editor_client.post(resolve_url(item), {"decision": "reopen"})
    item.refresh_from_db()
    assert item.status == "open" and item.resolved_by is None


def test_only_staff_with_the_role_see_the_queue(next_year, roles):
    from .conftest import make_user

    outsider = make_user("outsider")
    outsider.is_staff = True
    outsider.save()
    assert client_for(outsider).get(resolve_url(li_note())).status_code == 403
    assert Path(next_year).exists()
