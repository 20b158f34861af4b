"""Corrections: the printed text beside the corrected one; editors add a correction, recorded in history."""
import pytest
from django.urls import reverse

from yearbook.models import Correction

from .helpers import errors_of

pytestmark = pytest.mark.django_db


def test_corrected_record_shows_the_printed_text_beside_the_corrected_one(editor_client, book):
    page = editor_client.get(reverse("admin:yearbook_entry_change", args=[book.entry.pk])).content.decode()
    assert "原印文本（校正前）" in page
    assert "<del>牛</del>" in page and "<ins>生</ins>" in page


def test_editor_adds_a_correction(editor, editor_client, book):
    event = book.events[0]
    url = reverse("admin:chronicle_event_correct", args=[event.pk])
    assert "添加校正" in editor_client.get(url).content.decode()
    response = editor_client.post(url, {"field_name": "text", "printed": "1月", "corrected": "一月", "reason": ""})
    assert "请填写校正理由" in errors_of(response)
    response = editor_client.post(url, {"field_name": "text", "printed": "2月", "corrected": "二月", "reason": "x"})
    assert "没有“2月”" in errors_of(response)
    response = editor_client.post(url, {"field_name": "text", "printed": "1月", "corrected": "一月",
                                        "reason": "统一用汉字月份"}, follow=True)
    assert "已校正" in response.content.decode()
    event.refresh_from_db()
    assert (event.text, event.corrected, event.printed_text) == ("一月的事件", True, "1月的事件")
    correction = Correction.objects.get(object_id=event.pk)
    assert (correction.printed, correction.corrected, correction.reason, correction.created_by) == (
        "1月", "一月", "统一用汉字月份", editor)
    record = event.history.latest()
    assert record.history_user == editor and record.history_change_reason.startswith("校正：1月 → 一月")
    page = response.content.decode()
    assert "<del>1</del>" in page and "<ins>一</ins>" in page


def test_a_second_correction_keeps_the_original_printed_text(editor_client, book):
    url = reverse("admin:yearbook_entry_correct", args=[book.entry.pk])
    response = editor_client.post(url, {"field_name": "body", "printed": "1200条", "corrected": "1,200条",
                                        "reason": "千分位"})
    assert response.status_code == 302, errors_of(response)
    book.entry.refresh_from_db()
    assert book.entry.printed_text == "区政府全年公开信息1200条，李牛虎主持。"
    assert book.entry.body == "区政府全年公开信息1,200条，李生虎主持。"


def test_corrections_in_a_published_edition_are_for_the_chief_editor(editor_client, chief_client, book):
    book.edition.status = "published"
    book.edition.save()
    url = reverse("admin:chronicle_event_correct", args=[book.events[0].pk])
    assert editor_client.get(url).status_code == 403
    response = chief_client.post(url, {"field_name": "text", "printed": "1月", "corrected": "一月",
                                       "reason": "勘误"})
    assert response.status_code == 302
