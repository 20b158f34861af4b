"""大事记: the year's events by month, with filters by month, text, person and agency."""
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import urlencode

from chronicle import selectors
from yearbook import charts, citation
from yearbook.links import reverse
from yearbook.models import Section
from yearbook.responses import render_cited
from yearbook.pagecache import cache_params
from yearbook.selectors.editions import edition_get
from yearbook.selectors.visibility import cleaned

DOWNLOADS = ("csv", "xlsx", "ics")


def download(request, edition, chron, fmt: str):
    """The events shown (a month, a filter) as CSV, XLSX or iCalendar."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from chronicle import calendar
    from yearbook import downloads

    events = [e for g in chron.months for e in g.events]
    for e in events:
        e.edition = edition

    def url_of(e):
        return request.build_absolute_uri(e.get_absolute_url())

    name = f"{edition.year}-大事记" + (f"-{request.GET.get('month')}月" if request.GET.get("month") else "")
    if fmt == "ics":
        body = calendar.ical(events, name=f"{edition.covers_year}年大事记", url_of=url_of, host=request.get_host())
        response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.ics")
        return response
    preamble = [f"{edition.covers_year}年大事记", f"来源：{citation.book_title(edition)} 大事记"]
    return downloads.response(fmt, name, calendar.HEADER, calendar.rows(events, url_of), title="大事记",
                              preamble=preamble)


@cache_params("month", "q", "person", "agency", "format", "cite")
def index(request, year: int):
    edition = edition_get(year)
    fmt = request.GET.get("format") or None
    if fmt is not None and fmt not in DOWNLOADS:
        from yearbook.responses import bad_request

        return bad_request(request, "下载格式只能是 csv、xlsx 或 ics。")
    chron = selectors.chronicle(edition, request.GET)
    if fmt:
        return download(request, edition, chron, fmt)
    data = cleaned(chron.filterset)
    base = reverse("chronicle:index", kwargs={"year": year})
    keep = {k: v for k, v in request.GET.items() if k in ("q", "person", "agency") and v}

    def month_href(month: int) -> str:
        return f"{base}?{urlencode({**keep, 'month': month})}"

    peak = max((n for _, n in chron.counts), default=0) or 1
    month_list = [(m, n, month_href(m), (data.get("month") or None) in (None, m)) for m, n in chron.counts]
    chart = charts.month_bars(chron.counts, selected=data.get("month") or None, href=month_href,
                              label=f"{edition.covers_year}年大事记每月事件数")
    first = next((e for g in chron.months for e in g.events), None)
    return render_cited(request, "chronicle/index.html", {
        "edition": edition, "chron": chron, "chart": chart, "month": data.get("month"),
        "month_list": month_list, "peak": peak,
        "q": data.get("q") or "", "person_key": data.get("person") or "",
        "agency_name": data.get("agency") or "",
        "filtered": any(data.get(k) for k in ("month", "q", "person", "agency")),
        "cite": citation.cite(edition, where="大事记", page=first.page if first else None, title="大事记",
                              url=request.build_absolute_uri())})


@cache_params()
def section_redirect(request, year: int, section: str):
    """The chronicle's section (2020年大事记) is the chronicle page itself."""
    edition = edition_get(year)
    if not Section.objects.filter(edition=edition, kind=Section.Kind.CHRONICLE, name=section).exists():
        raise Http404("no such section")
    return redirect("chronicle:index", year=year)
