"""先进模范: an edition's honours with their facets (kind, level of the awarding body, month, gender)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import django_filters as filters
from django.db.models import Prefetch

from yearbook import rules
from yearbook.models import Edition, Honour
from yearbook.selectors.filters import MonthFilter
from yearbook.selectors.visibility import cleaned

GENDER_CHOICES = [("F", "女"), ("M", "男")]
LEVEL_CHOICES = [(level, rules.LEVEL_LABELS[level]) for level in rules.LEVEL_RANK]


def honour_facets(kind: str, gender: str, date, awarded_by_names) -> dict:
    """The facet values of one honour (the same values the FilterSet filters on)."""
    return {"kind": kind, "month": date.month if date else None,
            "level": rules.highest_level(awarded_by_names), "gender": gender or None}


class HonourFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Honour.Kind.choices, label="类别")
    month = MonthFilter(label="授奖月份")
    level = filters.ChoiceFilter(choices=LEVEL_CHOICES, method="filter_level", label="授奖单位级别")
    gender = filters.ChoiceFilter(choices=GENDER_CHOICES, label="性别")

    class Meta:
        model = Honour
        fields = ["kind", "month", "level", "gender"]

    def filter_level(self, queryset, name, value):
        # The level is derived from the bodies' names by a rule, not stored: select by id.
        ids = [pk for pk, names in queryset.values_list("pk", "awarded_by_names")
               if rules.highest_level(names) == value]
        return queryset.filter(pk__in=ids)


FACETS = ["kind", "level", "month", "gender"]


@dataclass
class HonourList:
    filterset: HonourFilterSet
    honours: list
    facets: dict  # facet -> list of (value, label, count, selected)
    active: dict


def text_filter(queryset, raw: str):
    """Honours whose recipient, award, work unit or awarding bodies hold every word of ``raw`` (the search's
    matching: spaces and punctuation ignored, other name forms and traditional characters accepted)."""
    from django.db.models import Q

    from yearbook.search.engine import matching
    from yearbook.search.query import parse, term_query

    query = parse(rules.clean_query(raw))
    for term in query.terms:
        named = Q()
        for form in term.forms:
            named |= Q(organization__name__contains=form)
        bodies = Honour.awarded_by.through.objects.filter(named).values("honour_id")
        queryset = queryset.filter(matching(Honour, term_query(term), *Honour.SEARCH_TEXT) | Q(pk__in=bodies))
    return queryset


def honour_list(edition: Edition, params) -> HonourList:
    base = edition.honours.order_by("kind", "order")
    q = rules.clean_query(params.get("q"))
    if q:   # the text filter narrows the facets' counts too
        base = text_filter(base, q)
    filterset = HonourFilterSet(params, queryset=base)
    honours = list(filterset.qs.select_related("organization", "person", "work_unit_org")
                   # a plain list per honour: .all() in the template built a QuerySet for each row
                   .prefetch_related(Prefetch("awarded_by", to_attr="awarders")))
    active = cleaned(filterset)
    if q:
        active["q"] = q
    rows = [honour_facets(*values)
            for values in base.values_list("kind", "gender", "date", "awarded_by_names")]
    labels = {"kind": dict(Honour.Kind.choices), "level": dict(LEVEL_CHOICES), "month": dict(rules.MONTH_CHOICES),
              "gender": dict(GENDER_CHOICES)}
    facets = {}
    for facet in FACETS:
        others = {k: v for k, v in active.items() if k != facet and k in FACETS}
        counts = Counter(r[facet] for r in rows if all(r[k] == v for k, v in others.items()))
        facets[facet] = [(value, label, counts.get(value, 0), active.get(facet) == value)
                         for value, label in labels[facet].items() if counts.get(value)]
    return HonourList(filterset=filterset, honours=honours, facets=facets, active=active)
