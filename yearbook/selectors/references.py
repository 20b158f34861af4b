"""Which records name a person or an agency, found from the models themselves.

Every relation that points at Person or Organization from a record of an edition is a reference: an
appointment, an honour, a board seat, an entry's or an event's mention, a section's or a document's agency,
whichever app the record belongs to. The core needs them (who is public, what an edition names) without
importing the apps: Django's model metadata lists the relations, and yearbook.models.edition_path says how
each record reaches its edition.
"""
from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q

from yearbook.models import Organization, Person, content_models, edition_path
from yearbook.pagecache import per_content
from yearbook.selectors.visibility import visible_statuses


@dataclass(frozen=True)
class Reference:
    """One kind of reference to ``target``: rows of ``model`` (a record, or the link table of a many-to-many
    field) whose ``column`` holds the target's id and whose edition is reached by ``path``."""
    model: type
    column: str
    path: str

    def rows(self, **filters):
        return self.model._default_manager.filter(**filters)

    def in_editions(self, statuses=None):
        """The rows in editions of these statuses (by default the ones the request may see)."""
        return self.rows(**{f"{self.path}__status__in": statuses or visible_statuses()})

    def in_edition(self, edition):
        return self.rows(**{self.path: edition})


@functools.cache   # the models do not change while the process runs
def references_to(target: type) -> tuple[Reference, ...]:
    """Every relation from a record of an edition's content to ``target`` (Person or Organization). Records of
    other apps (the editorial office's contacts, say) do not make a person public."""
    found = []
    content = set(content_models())
    for rel in target._meta.related_objects:
        if rel.related_model not in content:
            continue
        if rel.many_to_many:
            owner = rel.related_model
            path = edition_path(owner)
            if path is None:
                continue
            through, field = rel.through, rel.field
            found.append(Reference(through, f"{field.m2m_reverse_field_name()}_id",
                                   f"{field.m2m_field_name()}__{path}" if path else field.m2m_field_name()))
        elif rel.one_to_many:
            path = edition_path(rel.related_model)
            if path is None or not path:
                continue
            found.append(Reference(rel.related_model, rel.field.attname, path))
    return tuple(found)


def _ids_in_visible_editions(target: type, statuses) -> frozenset[int]:
    """The ids of ``target`` rows referenced by an edition of these statuses, in one UNION query."""
    sources = [ref.in_editions(statuses).exclude(**{f"{ref.column}__isnull": True}).order_by()
               .values_list(ref.column, flat=True) for ref in references_to(target)]
    return frozenset(sources[0].union(*sources[1:]))


def public_ids(target: type) -> frozenset[int]:
    """The ids of the ``target`` rows (Person or Organization) that a visible edition names: who has a public
    page. Kept per content version (yearbook.pagecache.per_content): checked in Python, a name's few matches
    need no EXISTS over every kind of reference (5 for persons, 9 for agencies) in each query that lists them."""
    statuses = visible_statuses()
    return per_content(f"public:{target._meta.label_lower}:{','.join(statuses)}",
                       lambda: _ids_in_visible_editions(target, statuses))


def only_public(rows, target: type | None = None) -> list:
    """The rows (persons or agencies) that have a public page, in their order."""
    rows = list(rows)
    if not rows:
        return rows
    public = public_ids(target or type(rows[0]))
    return [r for r in rows if r.pk in public]


def public_persons():
    """Persons named in a visible edition (a roster, an honour, the board, a mention…)."""
    return Person.objects.filter(pk__in=sorted(public_ids(Person)))


def public_organizations():
    """Agencies that a visible edition names anywhere.

    The list, count and per-kind counts of the directory filter by the ids: as an OR of IN subqueries each of
    those read every reference of fifty editions again (25 ms apiece on PostgreSQL). Agencies number in the
    hundreds, so the list stays short."""
    return Organization.objects.filter(pk__in=sorted(public_ids(Organization)))


def public_among(queryset) -> list[int]:
    """The ids of ``queryset``'s rows (persons or agencies matched by a name) that have a public page, in the
    queryset's order."""
    public = public_ids(queryset.model)
    return [pk for pk in queryset.values_list("pk", flat=True) if pk in public]


def named_in(target: type, edition) -> Q:
    """``target`` rows that ``edition`` names anywhere (its persons or agencies, for its export)."""
    return reduce(operator.or_, (Q(pk__in=ref.in_edition(edition).values(ref.column))
                                 for ref in references_to(target)))
