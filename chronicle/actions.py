"""Editorial actions on the chronicle."""
from __future__ import annotations

from django.db.models import Max

from chronicle.models import Event
from yearbook.actions.ordering import make_room


def place_event(event: Event) -> None:
    """Give a new (or re-dated) event its place in date order: before the first later event."""
    siblings = Event.objects.filter(edition_id=event.edition_id).exclude(pk=event.pk)
    later = siblings.filter(date__gt=event.date).order_by("order").first()
    if later is None:
        event.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    else:
        make_room(siblings, "order", later.order)
        event.order = later.order
