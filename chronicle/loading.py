"""The chronicle's step of an import (yearbook.loading): the parsed events."""
from __future__ import annotations

from chronicle.models import Event


def load_events(loader) -> None:
    events = [Event(edition=loader.edition, date=e.date, date_end=e.date_end, precision=e.precision, text=e.text,
                    order=e.order, marker=e.marker, **loader.provenance(e))
              for e in loader.book.chronicle]
    for ev in Event.objects.bulk_create(events):
        loader.records[("event", 0, ev.order)] = ev   # what the book's mentions point at
    loader.summary.counts["chronicle events"] = len(events)
