"""The chronicle of a synthetic edition (yearbook.synthetic): the base's events, dates shifted to its year."""
from __future__ import annotations

from chronicle.models import Event
from yearbook.synthetic import copy_links, copy_record, retext_years, shift_date


def clone_events(cloner) -> None:
    base, shift = cloner.base, cloner.shift
    events = {e.pk: copy_record(e, edition_id=cloner.edition.pk, date=shift_date(e.date, shift),
                                date_end=shift_date(e.date_end, shift), text=retext_years(e.text, shift))
              for e in base.events.all()}
    Event.objects.bulk_create(events.values())
    copy_links(Event, events, Event.objects.filter(edition=base))
