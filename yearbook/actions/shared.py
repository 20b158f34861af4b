"""Records shared by every edition (persons, agencies and their other names): what a published edition shows
of them changes only through the chief editor.

A person or an agency belongs to no edition; the published editions that name it (an appointment, an honour, a
mention, whatever app the naming record is in: yearbook.selectors.references) show its name, key, gender, note,
kind. So for a record that a published edition references:

* the fields readers see (the model's ``PUBLIC_FIELDS``) are frozen for editors; a chief editor may change them,
  giving a reason that goes into the history (a correction of the published text);
* it cannot be deleted (the published pages would lose it silently) — by anybody: merge it instead, or unpublish;
* merging or splitting it is the chief editor's.
A record that only drafts reference stays the editors' to change; it cannot be deleted while anything references
it either (a draft's honour would lose its person without a history row): merge it instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from yearbook import permissions
from yearbook.actions.base import EditorialError
from yearbook.models import Edition, Organization, OrganizationAlias, Person
from yearbook.selectors.references import references_to

PUBLISHED = [Edition.Status.PUBLISHED]
ALL_STATUSES = [Edition.Status.PUBLISHED, Edition.Status.DRAFT]


@dataclass(frozen=True)
class Usage:
    """Where a shared record is referenced: how many records of one kind, in which editions."""
    label: str
    count: int
    years: tuple[int, ...]

    def __str__(self):
        years = "、".join(f"{y} 卷" for y in self.years)
        return f"{years}的{self.label} {self.count} 条"


def owner(record):
    """The shared record whose references count: an alias counts as its agency."""
    if isinstance(record, OrganizationAlias):
        return record.organization if record.organization_id else None
    return record


def is_shared(record) -> bool:
    return isinstance(record, (Person, Organization, OrganizationAlias))


def usages(record, statuses=PUBLISHED) -> list[Usage]:
    """Where editions of ``statuses`` reference ``record`` (a Person or an Organization), by kind of record."""
    record = owner(record)
    if record is None or record.pk is None:
        return []
    found = []
    for ref in references_to(type(record)):
        rows = ref.rows(**{ref.column: record.pk, f"{ref.path}__status__in": statuses})
        years = sorted(set(rows.values_list(f"{ref.path}__year", flat=True)))
        if years:
            found.append(Usage(label_of(ref), rows.count(), tuple(years)))
    return found


def label_of(ref) -> str:
    model = ref.model
    if model._meta.auto_created:   # a many-to-many link: the record that mentions
        owner_model = next(f.related_model for f in model._meta.fields
                           if f.is_relation and f.related_model not in (Person, Organization))
        return f"{owner_model._meta.verbose_name}中的提及"
    return str(model._meta.verbose_name)


def is_published(record) -> bool:
    """Does a published edition reference the record (or, for an alias, its agency)?"""
    return bool(usages(record))


def public_fields(record) -> tuple[str, ...]:
    return getattr(type(record), "PUBLIC_FIELDS", ())


def frozen_fields(record, user) -> tuple[str, ...]:
    """The fields ``user`` may not change on ``record``: what readers see of a published record, for editors."""
    if not is_shared(record) or record.pk is None or permissions.can_publish(user):
        return ()
    return public_fields(record) if is_published(record) else ()


def published_message(record, found=None) -> str:
    found = found if found is not None else usages(record)
    where = "；".join(str(u) for u in found)
    return (f"“{owner(record)}”见于已发布的内容（{where}），读者看到的{describe_fields(record)}只有主编可以修改"
            f"（须写明修改理由，记入修改历史），或由主编先撤回发布。")


def describe_fields(record) -> str:
    opts = type(record)._meta
    return "、".join(str(opts.get_field(f).verbose_name) for f in public_fields(record))


def check_change(record, changed: set[str], *, user, reason: str = "") -> None:
    """Refuse a change of what readers see on a published shared record unless the chief editor makes it and
    says why (the reason goes into the history)."""
    touched = set(public_fields(record)) & set(changed)
    if not touched or record.pk is None or not is_published(record):
        return
    if not permissions.can_publish(user):
        raise EditorialError(published_message(record))
    if not (reason or "").strip():
        raise EditorialError("这条记录见于已发布的内容：请在“修改理由”中写明为什么修改（将记入修改历史）。")


def delete_blockers(record) -> list[str]:
    """Why ``record`` cannot be deleted (empty: it can): any edition referencing it."""
    if not is_shared(record) or isinstance(record, OrganizationAlias):
        return []
    published = usages(record)
    if published:
        return [f"“{record}”见于已发布的内容（{'；'.join(str(u) for u in published)}），不能删除。"
                f"如是同一人（同一机构）的两种写法，请用“合并”；确需删除，请主编先撤回发布。"]
    drafts = usages(record, [Edition.Status.DRAFT])
    if drafts:
        return [f"“{record}”还被引用（{'；'.join(str(u) for u in drafts)}），删除会让这些记录失去关联。"
                f"请先在这些记录中改选别的{type(record)._meta.verbose_name}，或用“合并”。"]
    return []


def check_merge(persons, *, user) -> None:
    """Merging or splitting persons that published content names is the chief editor's."""
    if permissions.can_publish(user):
        return
    named = [p for p in persons if is_published(p)]
    if named:
        raise EditorialError("、".join(str(p) for p in named) + " 见于已发布的内容：合并或拆分会改变已发布的页面，"
                             "只有主编可以进行（或由主编先撤回发布）。")
