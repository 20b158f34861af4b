"""Publish and unpublish an edition (chief editors), and what must be done first."""
from __future__ import annotations

import re

from django.db.models import Count
from django.utils import timezone

from yearbook import permissions, signals
from yearbook.actions.base import EditorialError, acting_user, save
from yearbook.actions.start_next import pending_carried_over
from yearbook.models import Edition, Section, content_models, edition_path


def publication_blockers(edition: Edition) -> list[str]:
    """What the apps say must be done before the edition may be published (see signals.publication_blockers)."""
    return [reason for _, reasons in signals.publication_blockers.send(sender=Edition, edition=edition)
            for reason in (reasons or [])]


def publish_edition(edition: Edition, *, user, override: str = "") -> list[str]:
    """Publish a draft (chief editors only). Returns warnings worth telling the chief editor.

    While the apps report blockers (sections not through final review, say), publishing is refused unless
    the chief editor gives an ``override`` reason; it is recorded in the edition's history."""
    if not permissions.can_publish(user):
        raise EditorialError("只有主编可以发布年鉴卷。")
    if edition.is_published:
        raise EditorialError(f"{edition.year} 卷已经发布。")
    blockers = publication_blockers(edition)
    override = (override or "").strip()
    if blockers and not override:
        raise EditorialError("尚不能发布：" + "；".join(blockers) + "。如确需发布，请填写破例发布的理由。")
    edition.status = Edition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.published_by = acting_user(user)
    save(edition, user, f"发布（破例：{override}）" if blockers else "发布")
    return publication_warnings(edition)


def unpublish_edition(edition: Edition, *, user) -> None:
    """Withdraw a published edition to a draft (chief editors only): the public no longer sees it."""
    if not permissions.can_publish(user):
        raise EditorialError("只有主编可以撤回发布。")
    if not edition.is_published:
        raise EditorialError(f"{edition.year} 卷尚未发布。")
    edition.status = Edition.Status.DRAFT
    save(edition, user, "撤回发布，改回草稿")


def records_needing_review(edition: Edition) -> int:
    """How many of the edition's records are still flagged 待审核."""
    total = 0
    for model in content_models():
        path = edition_path(model)
        if path and any(f.name == "needs_review" for f in model._meta.concrete_fields):
            total += model._default_manager.filter(**{path: edition, "needs_review": True}).count()
    return total


def publication_warnings(edition: Edition) -> list[str]:
    """What the chief editor should look at before publishing: the core's checks, then the apps' (see
    signals.publication_warnings)."""
    warnings = []
    pending = pending_carried_over(edition).count()
    if pending:
        warnings.append(f"还有 {pending} 条上卷延续的任职未确认也未结束。")
    review = records_needing_review(edition)
    if review:
        warnings.append(f"还有 {review} 条记录标记为“待审核”。")
    if not (edition.isbn or "").strip():
        warnings.append("书号（ISBN）还是空的。")
    empty = empty_sections(edition)
    if empty:
        warnings.append(f"{len(empty)} 个分目还没有内容：{listed(empty)}。")
    stale = stale_titles(edition)
    if stale:
        warnings.append(f"下列标题仍写着上一年（{edition.covers_year - 1}年），请核对：{listed(stale)}。")
    for _, found in signals.publication_warnings.send(sender=Edition, edition=edition):
        warnings += list(found or [])
    queue = edition.review_items.filter(status="open", blocking=True).count()
    if queue:
        warnings.append(f"审核队列中还有 {queue} 项导入问题待处理。")
    return warnings


def listed(names, limit: int = 8) -> str:
    names = list(names)
    shown = "、".join(f"“{n}”" for n in names[:limit])
    return shown + (f" 等 {len(names)} 个" if len(names) > limit else "")


def empty_sections(edition: Edition) -> list[str]:
    """The sections that hold entries (not a page of their own) with no entry, no roster and nothing an app
    adds to them (a statistical table)."""
    from yearbook import registry

    sections = (edition.sections.filter(kind__in=[Section.Kind.ENTRIES, Section.Kind.ROSTER])
                .annotate(n_entries=Count("entries", distinct=True), n_rosters=Count("rosters", distinct=True))
                .filter(n_entries=0, n_rosters=0).select_related("category"))
    return [f"{s.category.name} › {s.name}" for s in sections
            if not any(block.context(s) for block in registry.section_blocks())]


def names_previous_year(text: str, edition: Edition) -> bool:
    return bool(re.search(rf"(?<![0-9]){edition.covers_year - 1}\s*年", text or ""))


def stale_titles(edition: Edition) -> list[str]:
    """The edition's own titles (book title, categories, sections, rosters) that still name last year: a
    start-next copy an editor has not brought up to date."""
    found = []
    if str(edition.year - 1) in (edition.title or "") or names_previous_year(edition.title, edition):
        found.append(edition.title)
    found += [c.name for c in edition.categories.all() if names_previous_year(c.name, edition)]
    found += [s.name for s in edition.sections.all() if names_previous_year(s.name, edition)
              or names_previous_year(s.heading, edition)]
    found += [r.heading for r in edition.rosters.all() if names_previous_year(r.heading, edition)]
    return found
