"""Who reaches what: anonymous users never reach the admin; editors edit drafts only, cannot publish or
manage users; chief editors publish and unpublish; a published edition is read-only."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from chronicle.models import Event
from yearbook import permissions
from yearbook.actions import EditorialError, publishing, start_next
from yearbook.models import Edition

from .conftest import client_for, make_user
from .helpers import errors_of, form_data

pytestmark = pytest.mark.django_db

ADMIN_URLS = ["/admin/", "/admin/chronicle/event/", "/admin/yearbook/edition/", "/admin/auth/user/",
              "/admin/yearbook/appointment/import/"]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_anonymous_never_reaches_the_admin(client, book, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_cannot_post_to_the_admin(client, book):
    event = book.events[0]
    response = client.post(reverse("admin:chronicle_event_change", args=[event.pk]), {"text": "改了"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    event.refresh_from_db()
    assert event.text == "1月的事件"


def test_a_non_staff_account_cannot_log_in_to_the_admin(roles, book):
    make_user("reader")
    client = Client()
    response = client.post("/admin/login/", {"username": "reader", "password": "Jinchuan-2021!"})
    assert response.status_code == 200  # the login form again, with an error
    assert client.get("/admin/").status_code == 302


def test_editor_cannot_manage_users_or_groups(editor_client):
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"):
        assert editor_client.get(url).status_code == 403
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/auth/" not in index


def test_chief_editor_cannot_manage_users_either(chief_client):
    assert chief_client.get("/admin/auth/user/").status_code == 403


def test_editor_cannot_publish(editor, editor_client, book):
    url = reverse("admin:yearbook_edition_publish", args=[book.edition.pk])
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url).status_code == 403
    page = editor_client.get(reverse("admin:yearbook_edition_change", args=[book.edition.pk])).content.decode()
    assert "publish-button" not in page
    changelist = editor_client.get(reverse("admin:yearbook_edition_changelist")).content.decode()
    assert "publish_action" not in changelist and "start_next_action" in changelist
    with pytest.raises(EditorialError):
        publishing.publish_edition(book.edition, user=editor)
    book.edition.refresh_from_db()
    assert book.edition.status == Edition.Status.DRAFT


def test_chief_editor_publishes_and_unpublishes(chief, chief_client, book):
    url = reverse("admin:yearbook_edition_publish", args=[book.edition.pk])
    assert "确认发布" in chief_client.get(url).content.decode()
    response = chief_client.post(url, follow=True)
    assert "2021 卷已发布" in response.content.decode()
    book.edition.refresh_from_db()
    assert book.edition.status == Edition.Status.PUBLISHED
    assert book.edition.published_by == chief and book.edition.published_at is not None
    chief_client.post(reverse("admin:yearbook_edition_unpublish", args=[book.edition.pk]))
    book.edition.refresh_from_db()
    assert book.edition.status == Edition.Status.DRAFT


def publish(edition):
    edition.status = Edition.Status.PUBLISHED
    edition.save()


def test_editor_cannot_edit_a_published_edition(editor_client, book):
    publish(book.edition)
    event = book.events[0]
    url = reverse("admin:chronicle_event_change", args=[event.pk])
    page = editor_client.get(url)
    assert page.status_code == 200  # read-only view
    html = page.content.decode()
    assert 'name="_save"' not in html and "已发布" in html
    response = editor_client.post(url, {"edition": book.edition.pk, "date": "2020-01-10", "precision": "day",
                                        "marker": "date", "text": "偷偷改了"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.text == "1月的事件"
    # nor delete, nor edit the roster's appointments inline, nor the edition's front matter
    assert editor_client.post(reverse("admin:chronicle_event_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()
    roster_page = editor_client.get(reverse("admin:yearbook_roster_change", args=[book.roster.pk])).content.decode()
    assert 'name="_save"' not in roster_page
    assert editor_client.post(reverse("admin:yearbook_edition_change", args=[book.edition.pk]),
                              {"title": "改名"}).status_code == 403


def test_nothing_can_be_added_to_a_published_edition(editor_client, book):
    publish(book.edition)
    response = editor_client.post(reverse("admin:chronicle_event_add"), {
        "edition": book.edition.pk, "date": "2020-02-01", "precision": "day", "marker": "date", "text": "新事件",
        "edit_version": "0"})
    assert response.status_code == 200
    assert "edition" in response.context["adminform"].form.errors
    assert Event.objects.filter(text="新事件").count() == 0


def test_published_edition_is_frozen_for_the_chief_editor_too_until_unpublished(chief_client, book):
    publish(book.edition)
    url = reverse("admin:chronicle_event_change", args=[book.events[0].pk])
    assert 'name="_save"' not in chief_client.get(url).content.decode()
    book.edition.status = Edition.Status.DRAFT
    book.edition.save()
    assert 'name="_save"' in chief_client.get(url).content.decode()


def test_editor_can_edit_a_draft(editor_client, book):
    event = book.events[0]
    url = reverse("admin:chronicle_event_change", args=[event.pk])
    data = form_data(editor_client.get(url), "event_form")
    data["text"] = "1月的事件（已核对）"
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    event.refresh_from_db()
    assert event.text == "1月的事件（已核对）"


def test_visible_editions_shows_drafts_to_staff_only(editor, book):
    published = Edition.objects.create(year=2020, covers_year=2019, title="金川区年鉴 2020", status="published")
    anonymous = get_user_model()()  # unsaved, not staff
    assert list(permissions.visible_editions(None)) == [published]
    assert list(permissions.visible_editions(anonymous)) == [published]
    assert set(permissions.visible_editions(editor)) == {published, book.edition}


def test_roles_command_is_idempotent_and_grants_the_right_permissions(roles, editor, chief):
    from django.core.management import call_command

    call_command("create_roles", verbosity=0)
    editor = get_user_model().objects.get(pk=editor.pk)
    chief = get_user_model().objects.get(pk=chief.pk)
    assert editor.has_perm("chronicle.change_event") and editor.has_perm("yearbook.start_next_edition")
    assert not editor.has_perm("yearbook.publish_edition") and not editor.has_perm("auth.change_user")
    assert not editor.has_perm("yearbook.delete_edition")
    assert chief.has_perm("yearbook.publish_edition") and chief.has_perm("chronicle.change_event")
    assert not chief.has_perm("auth.add_user")


def test_create_roles_adds_an_account(roles, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("NEW_PW", "Gansu-Jinchang-88")
    call_command("create_roles", "--user", "liu", "--role", "chief", "--password-env", "NEW_PW", verbosity=0)
    user = get_user_model().objects.get(username="liu")
    assert user.is_staff and user.check_password("Gansu-Jinchang-88") and permissions.can_publish(user)
    client = client_for(user)
    assert client.get("/admin/").status_code == 200


def test_publication_blockers_stop_publishing_unless_the_chief_overrides(chief, chief_client, book):
    """An app that says the edition is not ready (the editorial workflow, say) stops publication; the chief
    editor may still publish with a reason, which the history records."""
    from yearbook import signals

    def not_ready(sender, edition, **kwargs):
        return ["“区政府”尚未终审"]

    signals.publication_blockers.connect(not_ready, dispatch_uid="test-not-ready")
    try:
        url = reverse("admin:yearbook_edition_publish", args=[book.edition.pk])
        assert "“区政府”尚未终审" in chief_client.get(url).content.decode()
        page = chief_client.post(url, follow=True).content.decode()
        assert "尚不能发布" in page
        book.edition.refresh_from_db()
        assert book.edition.status == Edition.Status.DRAFT
        chief_client.post(url, {"override": "领导批准先行发布"})
        book.edition.refresh_from_db()
        assert book.edition.status == Edition.Status.PUBLISHED
        assert book.edition.history.first().history_change_reason == "发布（破例：领导批准先行发布）"
    finally:
        signals.publication_blockers.disconnect(dispatch_uid="test-not-ready")


def test_apps_carry_their_records_into_the_next_edition(editor, book):
    from yearbook import signals

    seen = {}

    def carry(sender, previous, edition, user, reason, options, **kwargs):
        seen.update(previous=previous.year, edition=edition.year, user=user, reason=reason)
        return {"供稿单位": 3}

    signals.edition_started.connect(carry, dispatch_uid="test-carry")
    Edition.objects.filter(pk=book.edition.pk).update(status=Edition.Status.PUBLISHED)  # a finished edition
    book.edition.refresh_from_db()
    try:
        summary = start_next.start_next_edition(book.edition, user=editor)
    finally:
        signals.edition_started.disconnect(dispatch_uid="test-carry")
    assert seen == {"previous": 2021, "edition": 2022, "user": editor, "reason": "由 2021 卷开始编纂"}
    assert summary.counts["供稿单位"] == 3


@pytest.mark.parametrize("password", ["", "123456"])
def test_a_refused_password_leaves_no_account_behind(roles, monkeypatch, password):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    monkeypatch.setenv("NEW_PW", password)
    with pytest.raises(CommandError):
        call_command("create_roles", "--user", "liu", "--role", "editor", "--password-env", "NEW_PW", verbosity=0)
    assert not get_user_model().objects.filter(username="liu").exists()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "123")
    with pytest.raises(CommandError):
        call_command("create_roles", "--user", "zhou", "--role", "editor", verbosity=0)
    assert not get_user_model().objects.filter(username="zhou").exists()
