"""Filters the reader's pages share (django-filter)."""
from __future__ import annotations

import django_filters as filters

from yearbook import rules


class MonthFilter(filters.TypedChoiceFilter):
    """The month (1月…12月) of a date field, whatever its year."""

    def __init__(self, *, field_name: str = "date", **kwargs):
        super().__init__(choices=rules.MONTH_CHOICES, coerce=int, field_name=field_name, lookup_expr="month",
                         **kwargs)
