"""大事记: the year's events by month, with filters by month, text, person and agency."""
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from chronicle import selectors
from yearbook import charts, citation
from yearbook.links import reverse
from yearbook.models import Section
from yearbook.pagecache import cache_params
from yearbook.selectors.editions import edition_get
from yearbook.selectors.visibility import cleaned


@cache_params("month", "q", "person", "agency")
def index(request, year: int):
    edition = edition_get(year)
    chron = selectors.chronicle(edition, request.GET)
    data = cleaned(chron.filterset)
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


@cache_params()
def section_redirect(request, year: int, section: str):
    """The chronicle's section (2020年大事记) is the chronicle page itself."""
    edition = edition_get(year)
    if not Section.objects.filter(edition=edition, kind=Section.Kind.CHRONICLE, name=section).exists():
        raise Http404("no such section")
    return redirect("chronicle:index", year=year)
