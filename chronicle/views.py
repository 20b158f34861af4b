"""大事记: the year's events by month, with filters by month, text, person and agency."""
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from stats import charts
from yearbook import citation, selectors


def index(request, year: int):
    edition = selectors.edition_get(year)
    chron = selectors.chronicle(edition, request.GET)
    data = selectors.cleaned(chron.filterset)
    base = reverse("chronicle:index", kwargs={"year": year})
    keep = {k: v for k, v in request.GET.items() if k in ("q", "person", "agency") and v}

    def month_href(month: int) -> str:
        return f"{base}?{urlencode({**keep, 'month': month})}"

    chart = charts.month_bars(chron.counts, selected=data.get("month") or None, href=month_href,
                              label=f"{edition.covers_year}年大事记每月事件数")
    first = next((e for g in chron.months for e in g.events), None)
    return render(request, "chronicle/index.html", {
        "edition": edition, "chron": chron, "chart": chart, "month": data.get("month"),
        "q": data.get("q") or "", "person_key": data.get("person") or "",
        "agency_name": data.get("agency") or "",
        "filtered": any(data.get(k) for k in ("month", "q", "person", "agency")),
        "cite": citation.cite(edition, where="大事记", page=first.page if first else None,
                              url=request.build_absolute_uri())})


def section_redirect(request, year: int, section: str):
    """The chronicle's one section (2020年大事记) is the chronicle page itself."""
    selectors.section_get(year, "大事记", section)
    return redirect("chronicle:index", year=year)
