"""The reader's site: pages of the yearbook, its people, agencies and honours, and the search.

Views only read the request, call a selector and render; the queries live in
yearbook/selectors.py, the rules in yearbook/rules.py.
"""
from __future__ import annotations

from django.shortcuts import redirect, render

from stats import charts
from stats.layout import table_layout
from yearbook import citation, downloads, links, rules, search as site_search, selectors
from yearbook.responses import bad_request, download_format

PEOPLE_PER_PAGE = 200
AGENCIES_PER_PAGE = 200


def _cite(request, edition, *, where: str = "", page=None):
    if edition is None:
        return None
    return citation.cite(edition, where=where, page=page, url=request.build_absolute_uri())


# -- home, edition, categories, sections ----------------------------------------------------

def home(request):
    editions = list(selectors.edition_list())
    latest = editions[0] if editions else None
    cover = selectors.edition_cover(latest) if latest else None
    return render(request, "yearbook/home.html", {"editions": editions, "edition": latest, "cover": cover})


def edition(request, year: int):
    ed = selectors.edition_get(year)
    cover = selectors.edition_cover(ed, with_board=True)
    return render(request, "yearbook/edition.html", {
        "edition": ed, "cover": cover, "cite": _cite(request, ed)})


def category(request, year: int, category: str):
    ed = selectors.edition_get(year)
    page = rules.special_page(category)
    if page is not None:
        return redirect(links.category_url_by_name(year, category))
    cat = selectors.category_get(ed, category)
    return render(request, "yearbook/category.html", {
        "edition": ed, "category": cat, "cite": _cite(request, ed, where=cat.name)})


def section(request, year: int, category: str, section: str):
    sec = selectors.section_get(year, category, section)
    if rules.special_page(category, section) is not None:
        return redirect(links.section_url(sec, year=year, category=category))
    page = selectors.section_page(sec)
    return render(request, "yearbook/section.html", {
        "edition": sec.edition, "section": sec, "page": page,
        "tables": [(t, table_layout(t)) for t in page.tables],
        "cite": _cite(request, sec.edition, where=f"{sec.category.name} › {sec.name}", page=sec.page)})


# -- people ----------------------------------------------------------------------------------

def _paginate(queryset, request, per_page):
    """A page of a directory, counted in the same query (a window): the separate COUNT(*) of a Paginator
    evaluated the public-records condition over every edition a second time."""
    return selectors.counted_page(queryset, per_page, request.GET.get("page"))


def people(request):
    filterset = selectors.person_directory(request.GET)
    page_obj = _paginate(filterset.qs, request, PEOPLE_PER_PAGE)
    letters: dict[str, list] = {}
    for p in page_obj:
        letters.setdefault((p.name_pinyin[:1] or "#").upper(), []).append(p)
    return render(request, "yearbook/people.html", {
        "edition": selectors.edition_latest(), "filter": filterset, "page_obj": page_obj,
        "letters": sorted(letters.items()), "q": rules.clean_query(request.GET.get("q"))})


def person(request, key: str):
    p = selectors.person_get(key)
    page = selectors.person_page(p, all=request.GET.get("all") or "", page=request.GET.get("page"))
    first = page.current_post
    ed = first.edition if first else selectors.edition_latest()
    where, source_page = "人物", None
    if first and first.roster.section:
        where = f"{first.roster.section.category.name} › {first.roster.section.name} › {first.roster.heading}"
        source_page = first.page or first.roster.page
    return render(request, "yearbook/person.html", {
        "edition": ed, "person": p, "page": page, "mentions_shown": selectors.MENTIONS_SHOWN,
        "appointments_shown": selectors.APPOINTMENTS_SHOWN,
        "cite": _cite(request, ed, where=where, page=source_page)})


# -- agencies ----------------------------------------------------------------------------------

def agencies(request):
    directory = selectors.agency_directory(request.GET)
    page_obj = _paginate(directory.filterset.qs, request, AGENCIES_PER_PAGE)
    data = selectors.cleaned(directory.filterset)
    return render(request, "yearbook/agencies.html", {
        "edition": selectors.edition_latest(), "directory": directory, "page_obj": page_obj,
        "kind": data.get("kind") or "", "q": rules.clean_query(request.GET.get("q"))})


def agency_timelines(page, *, href=links.person_url) -> list:
    """The SVG tenure timeline of the shown edition's roster of the agency."""
    out = []
    for block in page.rosters:
        tenures = [
            charts.Tenure(label=a.person.name, title=a.title, start=a.start, end=a.end, href=href(a.person),
                          hover=f"{a.person.name} {a.title}：{rules.tenure_label(a.start, a.end) or '全年在任'}")
            for r in block.rosters for a in r.appointments]
        svg = charts.tenure_timeline(tenures, block.edition.covers_year,
                                     label=f"{page.organization.name}领导班子任职时间（{block.edition.covers_year}年）")
        out.append((block, svg))
    return out


def agency(request, name: str):
    org, canonical = selectors.agency_get(name)
    if canonical is not None:
        return redirect(links.agency_url(canonical), permanent=True)
    page = selectors.agency_page(org, request.GET.get("year"))
    timelines = agency_timelines(page)
    ed = page.edition
    section = page.sections[0] if page.sections else None
    where = f"{section.category.name} › {section.name}" if section else "机构"
    return render(request, "yearbook/agency.html", {
        "edition": ed, "org": org, "page": page, "timelines": timelines,
        "cite": _cite(request, ed, where=where, page=section.page if section else None)})


# -- honours -----------------------------------------------------------------------------------

HONOUR_HEADER = ["类别", "获奖单位或个人", "性别", "工作单位", "奖项", "授奖时间", "授奖单位", "授奖单位级别",
                 "源文本行"]


def honour_rows(honours) -> list[list]:
    """The rows of the honours download (the filtered list)."""
    return [[h.get_kind_display(), h.recipient, rules.gender_label(h.gender), h.work_unit, h.award,
             rules.month_label(h.date), "、".join(h.awarded_by_names),
             rules.LEVEL_LABELS[rules.highest_level(h.awarded_by_names)], h.source_line]
            for h in honours]


def honours(request, year: int):
    ed = selectors.edition_get(year)
    try:
        fmt = download_format(request)
    except ValueError:
        return bad_request(request, "下载格式只能是 csv 或 xlsx。")
    listing = selectors.honour_list(ed, request.GET)
    if fmt:
        return downloads.response(fmt, f"{ed.year}-先进模范", HONOUR_HEADER, honour_rows(listing.honours),
                                  title="先进模范",
                                  note=f"来源：{citation.book_title(ed)} 先进模范")
    collective = [h for h in listing.honours if h.kind == "collective"]
    individual = [h for h in listing.honours if h.kind == "individual"]
    first = listing.honours[0] if listing.honours else None
    return render(request, "yearbook/honours.html", {
        "edition": ed, "listing": listing, "collective": collective, "individual": individual,
        "facet_labels": {"kind": "类别", "level": "授奖单位级别", "month": "授奖月份", "gender": "性别"},
        "cite": _cite(request, ed, where="先进模范", page=first.page if first else None)})


# -- search ------------------------------------------------------------------------------------

def search(request):
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in site_search.KIND_LABELS:
        kind = None  # an unknown kind is ignored: all kinds are searched
    result = site_search.search(request.GET.get("q", ""), kind=kind, page=request.GET.get("page"))
    return render(request, "yearbook/search.html", {
        "edition": selectors.edition_latest(), "result": result, "kinds": site_search.KINDS,
        "search_q": result.query})
