"""Editorial actions on the chronicle: events take their place in date order."""
from __future__ import annotations

import bisect

from django.db.models import Case, Max, Value, When

from chronicle.models import Event
from yearbook.actions.ordering import lock_scope, make_room, renumber

# Numbers above every real one, for events waiting for their place within an import (see place_events).
PENDING_BASE = 5_000_000


def place_event(event: Event) -> None:
    """Give a new (or re-dated) event its place in date order: before the first later event."""
    lock_scope(event)
    siblings = Event.objects.filter(edition_id=event.edition_id).exclude(pk=event.pk)
    later = siblings.filter(date__gt=event.date).order_by("order").first()
    if later is None:
        event.order = (siblings.filter(order__lt=PENDING_BASE).aggregate(m=Max("order"))["m"] or 0) + 1
    else:
        make_room(siblings, "order", later.order)
        event.order = later.order


def pending_order(event: Event, n: int) -> None:
    """A provisional number for an imported event (the ``n``-th of its import): place_events gives it its
    place once every row is in, so an import of many events does one renumbering, not one per row."""
    lock_scope(event)
    event.order = PENDING_BASE + n


def place_events(edition_id: int, placed: list[int]) -> int:
    """Put the events ``placed`` (new or re-dated, in the order they were imported) where place_event would
    have put them one after another, and number the edition's events 1, 2, 3… in one pass.

    Each goes before the first event (in the current order) dated later than itself; the events not placed
    keep their relative order. Returns how many events changed number."""
    rows = list(Event.objects.filter(edition_id=edition_id).order_by("order").values_list("pk", "date"))
    placing = set(placed)
    dates = dict(rows)
    sequence = [pk for pk, _ in rows if pk not in placing]
    # prefix maxima of the dates: the first event later than d is the first whose prefix maximum exceeds d,
    # and inserting d there leaves every prefix maximum valid
    prefix, top = [], None
    for pk in sequence:
        top = dates[pk] if top is None or dates[pk] > top else top
        prefix.append(top)
    for pk in placed:
        d = dates[pk]
        at = bisect.bisect_right(prefix, d)
        sequence.insert(at, pk)
        prefix.insert(at, max(d, prefix[at - 1]) if at else d)
    numbers = {pk: i for i, pk in enumerate(sequence, 1)}
    moved = renumber(Event, numbers, siblings=Event.objects.filter(edition_id=edition_id))
    # the history rows written while the events waited keep their final number, not the provisional one
    waited = Event.history.filter(id__in=placed, order__gte=PENDING_BASE)
    for start in range(0, len(placed), 500):
        batch = placed[start:start + 500]
        waited.filter(id__in=batch).update(order=Case(*(When(id=pk, then=Value(numbers[pk])) for pk in batch)))
    return moved


def publication_warnings(sender, edition, **kwargs) -> list[str]:
    """signals.publication_warnings: a chronicle section with no event in it."""
    from yearbook.models import Section

    if edition.sections.filter(kind=Section.Kind.CHRONICLE).exists() and not edition.events.exists():
        return ["大事记还没有任何事件。"]
    return []
