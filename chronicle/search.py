"""The events, as the search box finds them (registered in chronicle.apps)."""
from __future__ import annotations

from chronicle.models import Event
from chronicle.selectors import annotate_event_ordinal
from yearbook import rules
from yearbook.registry import SearchKind
from yearbook.search import containing
from yearbook.search.hits import Hit, highlight, plain
from yearbook.selectors.search_kinds import split_by_edition
from yearbook.selectors.visibility import visible


def events(q):
    return (annotate_event_ordinal(containing(Event.objects.filter(visible()), q, "text"))
            .select_related("edition").order_by("-edition__year", "order"))


def event_hit(e, q) -> Hit:
    return Hit(title=plain(rules.date_range_label(e.date, e.date_end, e.precision)),
               url=e.get_absolute_url(), snippet=highlight(e.text, q), meta=f"{e.edition.year} · 大事记")


EVENTS = SearchKind("events", "大事记", 40, events, event_hit, split=split_by_edition)
