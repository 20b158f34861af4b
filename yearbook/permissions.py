"""Who may see and change what: the two editorial roles and the draft → published rule.

* 编辑 (editor): adds, changes and deletes the content of *draft* editions, imports spreadsheets, starts the
  next edition, merges and splits persons, adds corrections.
* 主编 (chief editor): everything an editor may, and publishes or unpublishes an edition (and may add a
  correction, an erratum, to a published edition), and writes corrections from the review queue into the
  source profile (the repository's data, which every later import of the text reads).

A published edition is frozen for everybody: to change it, the chief editor unpublishes it first. User
accounts are managed by superusers only. ``manage.py create_roles`` creates the two groups, and those of the
roles the apps bring (复审, the editorial workflow's second reviewers).
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q

EDITOR_GROUP = "编辑"
CHIEF_EDITOR_GROUP = "主编"
ROLES = {"editor": EDITOR_GROUP, "chief": CHIEF_EDITOR_GROUP}

PUBLISH_PERMISSION = "yearbook.publish_edition"
START_NEXT_PERMISSION = "yearbook.start_next_edition"


def visible_editions(user=None):
    """The editions a visitor may read: published ones, and drafts too for staff (a preview).

    The public pages see the same through yearbook.selectors.visibility, set per request.
    """
    from yearbook.models import Edition

    editions = Edition.objects.all()
    if user is not None and getattr(user, "is_active", False) and getattr(user, "is_staff", False):
        return editions
    return editions.filter(status=Edition.Status.PUBLISHED)


def edition_editable(edition) -> bool:
    """A draft edition (or a record of no edition) can be changed; a published one is frozen."""
    return edition is None or not edition.is_published


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def can_start_next(user) -> bool:
    return bool(user and user.is_active and user.has_perm(START_NEXT_PERMISSION))


def can_correct(user, obj) -> bool:
    """Corrections: in a draft by whoever may change the record; in a published edition by chief editors."""
    if not (user and user.is_active):
        return False
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    from yearbook.models import edition_of

    return edition_editable(edition_of(obj)) or can_publish(user)


def frozen_message(edition) -> str:
    return (f"{edition.year} 卷已发布，内容不能修改。如需修改，请主编先在“年鉴卷”中撤回发布（改回草稿），"
            f"修改后再发布；个别错字可由主编用“添加校正”作勘误。")


# The apps add their part to the roles (and roles of their own) in their AppConfig.ready(): role → [conditions
# on Permission]. The editorial workflow, say, gives 主编 its 终审 and brings a role of its own, 复审.
_ROLE_PARTS: dict[str, list[Q]] = {}


def register_role_part(role: str, condition: Q, *, group: str = "") -> None:
    """Grant ``role`` the permissions matching ``condition``; ``group`` names a new role's group."""
    if group:
        ROLES.setdefault(role, group)
    _ROLE_PARTS.setdefault(role, []).append(condition)


def _parts(role: str) -> Q:
    condition = Q(pk__in=[])
    for part in _ROLE_PARTS.get(role, []):
        condition |= part
    return condition


def role_permissions(role: str):
    """The permissions of a role, as a Permission queryset."""
    content = Q(content_type__app_label__in=settings.YEARBOOK_ROLE_APPS)
    # Editions are created by "start the next edition" (or import_yearbook), deleted by the chief editor only;
    # corrections go into the source profile by the chief editor only.
    not_edition_admin = ~Q(content_type__app_label="yearbook", codename__in=[
        "add_edition", "delete_edition", "publish_edition", "write_profile_correction"])
    editor = Permission.objects.filter((content & not_edition_admin) | _parts("editor"))
    if role == "editor":
        return editor
    if role == "chief":
        return Permission.objects.filter(
            Q(pk__in=editor.values("pk"))
            | Q(content_type__app_label="yearbook", codename__in=["publish_edition", "delete_edition",
                                                                 "write_profile_correction"])
            | _parts("chief"))
    if role in ROLES:
        return Permission.objects.filter(_parts(role))
    raise ValueError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
