"""The chronicle in an edition's open-data export (yearbook.export)."""
from __future__ import annotations

from yearbook.export import month_text


def event_date(e) -> str:
    return month_text(e.date) if e.precision == "month" else e.date.isoformat()


def export_events(edition) -> dict:
    return {"chronicle": [
        {"date": event_date(e), "date_end": e.date_end.isoformat() if e.date_end else None,
         "precision": e.precision, "marker": e.marker, "text": e.text, "source_line": e.source_line,
         "persons": sorted(p.key for p in e.persons.all()),
         "organizations": sorted(o.name for o in e.organizations.all())}
        for e in edition.events.prefetch_related("persons", "organizations").order_by("order")
    ]}
