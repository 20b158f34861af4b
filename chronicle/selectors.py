"""Read queries of the chronicle: an edition's events by month with their filters, and the events that
name a person or an agency (for their pages)."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import django_filters as filters
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, ExtractMonth

from chronicle.models import Event
from yearbook.models import Edition, Organization, Person
from yearbook.selectors.filters import MonthFilter
from yearbook.selectors.references import only_public
from yearbook.selectors.visibility import cleaned, visible


def annotate_event_ordinal(queryset):
    """Number each event among the events of its date (for its anchor 1月8日-2), whatever the filter."""
    before = (Event.objects.filter(edition=OuterRef("edition"), date=OuterRef("date"),
                                   precision=OuterRef("precision"), order__lt=OuterRef("order"))
              .order_by().values("edition").annotate(n=Count("pk")).values("n"))
    return queryset.annotate(same_date_before=Coalesce(Subquery(before), 0))


class EventFilterSet(filters.FilterSet):
    month = MonthFilter(label="月份")
    q = filters.CharFilter(field_name="text", lookup_expr="contains", label="内容")
    person = filters.CharFilter(method="filter_person", label="人物")
    agency = filters.CharFilter(method="filter_agency", label="机构")

    class Meta:
        model = Event
        fields = ["month", "q", "person", "agency"]

    def filter_person(self, queryset, name, value):
        return queryset.filter(persons__key=value)

    def filter_agency(self, queryset, name, value):
        named = Q(organizations__name=value) | Q(organizations__aliases__name=value)
        return queryset.filter(named).distinct()


@dataclass
class MonthGroup:
    month: int
    events: list


@dataclass
class Chronicle:
    filterset: EventFilterSet
    months: list[MonthGroup]
    counts: list  # (month, count) for all 12 months, over the whole edition
    total: int      # events shown (after the filters)
    total_all: int  # events of the edition
    person: Person | None
    agency: Organization | None


def chronicle(edition: Edition, params) -> Chronicle:
    base = annotate_event_ordinal(edition.events.all()).order_by("order")
    filterset = EventFilterSet(params, queryset=base)
    events = list(filterset.qs.prefetch_related("persons", "organizations"))
    groups: OrderedDict[int, MonthGroup] = OrderedDict()
    for e in events:
        groups.setdefault(e.date.month, MonthGroup(e.date.month, [])).events.append(e)
    per_month = dict(edition.events.annotate(m=ExtractMonth("date")).values_list("m").annotate(n=Count("pk"))
                     .order_by())
    data = cleaned(filterset)
    person = next(iter(only_public(Person.objects.filter(key=data["person"]), Person)), None) if data.get(
        "person") else None
    # an agency only drafts name is not shown to readers
    agency = next(iter(only_public(Organization.objects.filter(Q(name=data["agency"]) | Q(aliases__name=data["agency"]))
                                   .distinct(), Organization)), None) if data.get("agency") else None
    return Chronicle(filterset=filterset, months=list(groups.values()),
                     counts=[(m, per_month.get(m, 0)) for m in range(1, 13)], total=len(events),
                     total_all=sum(per_month.values()),
                     person=person, agency=agency)


# -- the events that name a person or an agency (registry.MentionList "events") ------------------

def events_of_person(person: Person):
    return (annotate_event_ordinal(person.events.filter(visible())).select_related("edition")
            .defer("edition__editorial_notes").order_by("-edition__year", "order"))


def events_of_agency(org: Organization, edition: Edition):
    return annotate_event_ordinal(org.events.filter(edition=edition)).select_related("edition").order_by("order")


def agency_event_links(org: Organization):
    return Event.organizations.through.objects.filter(organization=org)
