"""The admin speaks Chinese throughout: every page an editor or a chief editor opens, its labels, breadcrumbs,
history (headers and values), delete confirmations, messages, the 403 page and the downloads."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from chronicle.models import Event
from yearbook.actions import corrections
from yearbook.models import Edition, Person

from .helpers import form_data

pytestmark = pytest.mark.django_db

# Words that may stay as they are: abbreviations editors use, file formats, the pinyin the admin shows.
ALLOWED = {"ISBN", "CIP", "SHA", "OCR", "CSV", "csv", "xlsx", "UTF", "BOM", "GBK", "GUIDE", "Excel", "HYPERLINK", "MB",
           "id", "lixiaoyan", "lxy", "zhanghengshan", "zhs", "wangjianguo", "wjg", "jinchuanqurenminzhengfu",
           "jcqrmzf", "qutongjiju", "qtjj", "fhqx"}


def pinyin_words() -> set[str]:
    """The pinyin the admin shows beside names (zhang heng shan, zhs)."""
    from yearbook.models import Organization

    words = set()
    for model in (Person, Organization):
        for pinyin, initials in model.objects.values_list("name_pinyin", "name_initials"):
            words |= set(re.findall(r"[A-Za-z]+", f"{pinyin} {initials}"))
    return words


def english(response) -> set[str]:
    html = response.content.decode()
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<svg.*?</svg>|<!--.*?-->", " ", html)
    html = re.sub(r"(?s)<input[^>]*type=\"hidden\"[^>]*>", " ", html)
    titles = re.findall(r'(?:title|placeholder|aria-label|alt)="([^"]*)"', html)
    buttons = re.findall(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html) + " " + " ".join(titles + buttons)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED - pinyin_words()


def admin_pages(book, editor_client):
    event = book.events[0]
    data = form_data(editor_client.get(reverse("admin:chronicle_event_change", args=[event.pk])), "event_form")
    data["text"] = "改过的事件"
    editor_client.post(reverse("admin:chronicle_event_change", args=[event.pk]), data)
    corrections.add_correction(book.entry, field_name="body", printed="1200条", corrected="1300条",
                               reason="OCR 把“3”误作“2”")
    Edition.objects.filter(pk=book.edition.pk).update(isbn="")
    pages = [reverse("admin:index"), reverse("admin:app_list", args=["chronicle"])]
    for model, obj in [(Event, event), (Person, book.li), (type(book.entry), book.entry),
                       (type(book.section), book.section), (type(book.roster), book.roster),
                       (type(book.honour), book.honour), (type(book.table), book.table),
                       (type(book.org), book.org), (Edition, book.edition)]:
        info = model._meta.app_label, model._meta.model_name
        pages += [reverse("admin:{}_{}_changelist".format(*info)), reverse("admin:{}_{}_change".format(*info), args=[obj.pk]),
                  reverse("admin:{}_{}_history".format(*info), args=[obj.pk]),
                  reverse("admin:{}_{}_delete".format(*info), args=[obj.pk]),
                  reverse("admin:{}_{}_deleted".format(*info))]
        if model is not Edition:
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        record = obj.history.earliest()
        pages.append(reverse("admin:{}_{}_simple_history".format(*info), args=[obj.pk, record.history_id]))
    for name in ["chronicle_event", "yearbook_honour", "yearbook_appointment", "stats_tablerow"]:
        pages += [reverse(f"admin:{name}_import"), reverse(f"admin:{name}_export")]
    pages += [reverse("admin:yearbook_entry_correct", args=[book.entry.pk]),
              reverse("admin:yearbook_person_split", args=[book.li.pk]),
              reverse("admin:yearbook_edition_start_next", args=[book.edition.pk]),
              reverse("admin:yearbook_appointment_changelist") + "?pending=1",
              reverse("admin:password_change")]
    return pages


def test_every_admin_page_speaks_chinese(editor_client, chief_client, book):
    found = {}
    pages = admin_pages(book, editor_client)
    pages += [reverse("admin:yearbook_edition_publish", args=[book.edition.pk])]
    for url in pages:
        for client in (editor_client, chief_client):
            response = client.get(url, follow=True)
            assert response.status_code in (200, 403), (url, response.status_code)
            words = english(response)
            if words:
                found[url] = sorted(words)
    assert found == {}


def test_history_values_are_shown_as_editors_know_them(chief, chief_client, book):
    from yearbook.actions import publishing

    publishing.publish_edition(book.edition, user=chief)
    html = chief_client.get(reverse("admin:yearbook_edition_history", args=[book.edition.pk])).content.decode()
    page = re.sub(r"<[^>]+>", "", html[html.index('id="change-history"'):])
    assert "草稿 → 已发布" in page
    assert "draft" not in page and "published" not in page
    assert re.search(r"发布时间：（空） → \d{4}-\d\d-\d\d \d\d:\d\d", page)
    assert "王主编" in page and "None" not in page


def test_delete_confirmation_names_what_goes_with_it(editor_client, book):
    page = editor_client.get(reverse("admin:chronicle_event_delete", args=[book.events[0].pk])).content.decode()
    assert "大事记提及的人物: 李晓燕" in page or "大事记提及的人物：李晓燕" in page
    assert "object (" not in page


def test_the_403_page_and_a_stale_form(editor_client, book):
    response = editor_client.get(reverse("admin:yearbook_edition_publish", args=[book.edition.pk]))
    assert response.status_code == 403 and "无权访问" in response.content.decode()
    assert "只有主编可以发布或撤回发布" in response.content.decode()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "表单已过期" in response.content.decode()
    assert "CSRF verification failed" not in response.content.decode()


def test_a_new_records_edition_defaults_to_the_one_being_compiled(editor_client, editor, book):
    from yearbook.actions import start_next

    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)
    book.edition.refresh_from_db()
    new = start_next.start_next_edition(book.edition, user=editor).edition
    for name in ("chronicle_event", "yearbook_honour", "yearbook_section", "yearbook_category"):
        data = form_data(editor_client.get(reverse(f"admin:{name}_add")), f"{name.split('_')[1]}_form")
        assert data.get("edition") == str(new.pk), name


def test_correction_reasons_are_written_in_chinese():
    """The reasons editors read beside a corrected record (sources/corrections/…/*.csv)."""
    import csv
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "sources" / "corrections"
    english_reasons = []
    for path in sorted(root.glob("*/*.csv")):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            words = set(re.findall(r"[A-Za-z]{2,}", row["reason"])) - {"OCR", "GUIDE"}
            if words:
                english_reasons.append((path.name, row["line"], row["reason"]))
    assert english_reasons == []


def test_the_compiled_catalogue_matches_its_source():
    """locale/…/django.mo is committed (CI has no gettext): it must say what django.po says (`make messages`)."""
    import gettext
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
    po = dict(re.findall(r'msgid "(.+)"\nmsgstr "(.*)"', (folder / "django.po").read_text(encoding="utf-8")))
    with open(folder / "django.mo", "rb") as f:
        catalogue = gettext.GNUTranslations(f)
    assert po and all(catalogue.gettext(k) == v for k, v in po.items())
