"""Template filters of the chronicle: an event's dates as the book prints them."""
from django import template

from yearbook import rules

register = template.Library()


@register.filter
def event_date(event) -> str:
    return rules.date_range_label(event.date, event.date_end, event.precision)


@register.filter
def event_day(event) -> str:
    """The date without the year, inside the month it is listed under: 1月10日—11日, or 是月 for an
    event of the whole month (as the book prints it)."""
    if event.precision == "month":
        return "是月"
    return rules.date_range_label(event.date, event.date_end, event.precision, with_year=False)
