"""The reader's site: pages of the yearbook, its people, agencies and honours, and the search.

Views only read the request, call a selector and render; the queries live in
yearbook/selectors/, the rules in yearbook/rules.py.
"""
from __future__ import annotations

from django.shortcuts import redirect, render

from yearbook import charts, citation, downloads, links, registry, rules, structured
from yearbook.pagecache import cache_params
from yearbook.responses import bad_request, download_format, render_cited
from yearbook.selectors import search as search_service
from yearbook.selectors import agencies as agency_selectors
from yearbook.selectors import editions
from yearbook.selectors import honours as honour_selectors
from yearbook.selectors import people as people_selectors
from yearbook.selectors.paging import counted_page
from yearbook.selectors.visibility import cleaned

PEOPLE_PER_PAGE = 200
AGENCIES_PER_PAGE = 200


def _cite(request, edition, *, where: str = "", page=None, title: str = ""):
    if edition is None:
        return None
    url = request.build_absolute_uri(request.path)
    return citation.cite(edition, where=where, page=page, url=url, title=title)


# -- home, edition, categories, sections ----------------------------------------------------

@cache_params()
def home(request):
    all_editions = editions.visible_editions()
    latest = all_editions[0] if all_editions else None
    cover = editions.edition_cover(latest) if latest else None
    ld = structured.book(latest, request.build_absolute_uri(links.edition_url(latest))) if latest else None
    return render(request, "yearbook/home.html", {"editions": all_editions, "edition": latest, "cover": cover,
                                                  "ld": ld})


@cache_params("cite")
def edition(request, year: int):
    ed = editions.edition_get(year)
    cover = editions.edition_cover(ed, with_board=True)
    return render_cited(request, "yearbook/edition.html", {
        "edition": ed, "cover": cover, "cite": _cite(request, ed),
        "ld": structured.book(ed, request.build_absolute_uri(request.path))})


@cache_params("cite")
def category(request, year: int, category: str):
    ed = editions.edition_get(year)
    cat = editions.category_get(ed, category)
    if links.dedicated_page(cat.sections.all()) is not None:   # 大事记 is the chronicle page, say
        return redirect(links.category_url(cat, year))
    return render_cited(request, "yearbook/category.html", {
        "edition": ed, "category": cat, "cite": _cite(request, ed, where=cat.name, title=cat.name)})


@cache_params("cite")
def section(request, year: int, category: str, section: str):
    sec = editions.section_get(year, category, section)
    if registry.section_page(sec.kind) is not None:   # its records have a page of their own
        return redirect(links.section_url(sec, year=year, category=category))
    page = editions.section_page(sec)
    return render_cited(request, "yearbook/section.html", {
        "edition": sec.edition, "section": sec, "page": page,
        "cite": _cite(request, sec.edition, where=f"{sec.category.name} › {sec.name}", page=sec.page,
                      title=sec.name)})


@cache_params("cite")
def entry(request, year: int, category: str, section: str, entry: str):
    page = editions.entry_page(year, category, section, entry)
    e, sec = page.entry, page.section
    ld = structured.chapter(e, sec.edition, request.build_absolute_uri(request.path),
                            request.build_absolute_uri(links.edition_url(sec.edition)))
    return render_cited(request, "yearbook/entry.html", {
        "edition": sec.edition, "section": sec, "page": page, "entry": e, "ld": ld,
        "cite": _cite(request, sec.edition, where=f"{sec.category.name} › {sec.name} › {e.title}",
                      page=e.page or sec.page, title=e.title)})


# -- people ----------------------------------------------------------------------------------

@cache_params("q", "page")
def people(request):
    filterset = people_selectors.person_directory(request.GET)
    page_obj = counted_page(filterset.qs, PEOPLE_PER_PAGE, request.GET.get("page"))
    letters: dict[str, list] = {}
    for p in page_obj:
        letters.setdefault((p.name_pinyin[:1] or "#").upper(), []).append(p)
    return render(request, "yearbook/people.html", {
        "edition": editions.edition_latest(), "filter": filterset, "page_obj": page_obj,
        "letters": sorted(letters.items()), "q": rules.clean_query(request.GET.get("q"))})


@cache_params("all", "page", "cite")
def person(request, key: str):
    p = people_selectors.person_get(key)
    page = people_selectors.person_page(p, all=request.GET.get("all") or "", page=request.GET.get("page"))
    first = page.current_post
    ed = first.edition if first else editions.edition_latest()
    where, source_page = "人物", None
    if first and first.roster.section:
        where = f"{first.roster.section.category.name} › {first.roster.section.name} › {first.roster.heading}"
        source_page = first.page or first.roster.page
    return render_cited(request, "yearbook/person.html", {
        "ld": structured.person(p, request.build_absolute_uri(request.path), first),
        "edition": ed, "person": p, "page": page, "mentions_shown": people_selectors.MENTIONS_SHOWN,
        "appointments_shown": people_selectors.APPOINTMENTS_SHOWN,
        "cite": _cite(request, ed, where=where, page=source_page,
                      title=first.roster.heading if first else p.name)})


# -- agencies ----------------------------------------------------------------------------------

@cache_params("q", "kind", "page")
def agencies(request):
    directory = agency_selectors.agency_directory(request.GET)
    page_obj = counted_page(directory.filterset.qs, AGENCIES_PER_PAGE, request.GET.get("page"))
    data = cleaned(directory.filterset)
    return render(request, "yearbook/agencies.html", {
        "edition": editions.edition_latest(), "directory": directory, "page_obj": page_obj,
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


@cache_params("year", "cite")
def agency(request, name: str):
    org, canonical = agency_selectors.agency_get(name)
    if canonical is not None:
        return redirect(links.agency_url(canonical), permanent=True)
    page = agency_selectors.agency_page(org, request.GET.get("year"))
    timelines = agency_timelines(page)
    ed = page.edition
    section = page.sections[0] if page.sections else None
    where = f"{section.category.name} › {section.name}" if section else "机构"
    return render_cited(request, "yearbook/agency.html", {
        "ld": structured.organization(org, request.build_absolute_uri(request.path), page.aliases),
        "edition": ed, "org": org, "page": page, "timelines": timelines,
        "cite": _cite(request, ed, where=where, page=section.page if section else None,
                      title=section.name if section else org.name)})


# -- honours -----------------------------------------------------------------------------------

HONOUR_HEADER = ["类别", "获奖单位或个人", "性别", "工作单位", "奖项", "授奖时间", "授奖单位", "授奖单位级别",
                 "原书页码", "源文本行"]


def honour_rows(honours) -> list[list]:
    """The rows of the honours download (the filtered list); dates in ISO 8601 at the book's precision
    (2020-09: a month)."""
    return [[h.get_kind_display(), h.recipient, rules.gender_label(h.gender), h.work_unit, h.award,
             h.date.strftime("%Y-%m") if h.date else "", "、".join(h.awarded_by_names),
             rules.LEVEL_LABELS[rules.highest_level(h.awarded_by_names)], h.page, h.source_line]
            for h in honours]


@cache_params("kind", "month", "level", "gender", "q", "format", "cite")
def honours(request, year: int):
    ed = editions.edition_get(year)
    try:
        fmt = download_format(request)
    except ValueError:
        return bad_request(request, "下载格式只能是 csv 或 xlsx。")
    listing = honour_selectors.honour_list(ed, request.GET)
    if fmt:
        filtered = f"（筛选：{request.GET.get('q')}）" if listing.active.get("q") else ""
        return downloads.response(fmt, f"{ed.year}-先进模范", HONOUR_HEADER, honour_rows(listing.honours),
                                  title="先进模范",
                                  preamble=[f"{ed.covers_year}年度先进模范{filtered}",
                                            f"来源：{citation.book_title(ed)} 先进模范"])
    collective = [h for h in listing.honours if h.kind == "collective"]
    individual = [h for h in listing.honours if h.kind == "individual"]
    first = listing.honours[0] if listing.honours else None
    return render_cited(request, "yearbook/honours.html", {
        "edition": ed, "listing": listing, "collective": collective, "individual": individual,
        "facet_labels": {"kind": "类别", "level": "授奖单位级别", "month": "授奖月份", "gender": "性别"},
        "cite": _cite(request, ed, where="先进模范", page=first.page if first else None, title="先进模范")})


# -- search ------------------------------------------------------------------------------------

@cache_params("q", "kind", "page")
def search(request):
    # an unknown kind is ignored: all kinds are searched
    result = search_service.search(request.GET.get("q", ""), kind=request.GET.get("kind"),
                                   page=request.GET.get("page"))
    return render(request, "yearbook/search.html", {
        "edition": result.latest, "result": result, "kinds": search_service.kinds(),
        "search_q": result.query})


# -- web basics ---------------------------------------------------------------------------------

@cache_params()
def robots_txt(request):
    """What crawlers may read: every public page but the search results and the admin; where the sitemap is."""
    from django.http import HttpResponse

    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache_params()
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page says: the icon (an SVG among the static files)."""
    from django.templatetags.static import static

    return redirect(static("favicon.svg"), permanent=True)
