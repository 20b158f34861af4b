"""What the core makes searchable: persons, agencies, entries and honours (registered in yearbook.apps)."""
from __future__ import annotations

from django.db.models import BooleanField, Case, F, Value, When

from yearbook import links, rules
from yearbook.models import Entry, Honour
from yearbook.registry import SearchKind
from yearbook.search.engine import containing, scope
from yearbook.search.hits import Hit, find, highlight, highlight_name
from yearbook.search.query import as_query
from yearbook.selectors import agencies as agency_selectors
from yearbook.selectors import people as people_selectors
from yearbook.selectors.visibility import visible


def latest_first(year: str):
    """Latest edition first, as an expression rather than the indexed column: ordered by the column,
    PostgreSQL walked the editions in year order and joined every match to each of them (250 ms for
    工作, in 14,000 entries); as an expression it sorts the matches once (70 ms)."""
    return (F(year) + Value(0)).desc()


def _posts(person) -> str:
    return "；".join(f"{a.organization.name} {a.title}".strip() for a in person.latest_posts)


def persons(q):
    return (people_selectors.person_matches(q).order_by("name_pinyin", "key")
            .prefetch_related(people_selectors.latest_posts(2)))


def person_hit(p, q) -> Hit:
    meta = _posts(p)
    query = as_query(q)
    if find(p.name, q) < 0 and any(t.pinyin for t in query.terms):
        # Matched by pinyin: say so, since nothing in the name itself is marked.
        meta = f"拼音 {p.name_pinyin}" + (f" · {meta}" if meta else "")
    return Hit(title=highlight_name(p.name, q), url=links.person_url(p), meta=meta)


def agencies(q):
    exact = Case(When(agency_selectors.exactly_named(q), then=Value(True)), default=Value(False),
                 output_field=BooleanField())
    return (agency_selectors.agency_matches(q).annotate(exact=exact)
            .order_by("-exact", "name_pinyin", "name").prefetch_related("aliases"))


def agency_hit(o, q) -> Hit:
    aliases = [a.name for a in o.aliases.all()]
    matched = next((a for a in aliases if find(a, q) >= 0), None)
    meta = o.get_kind_display()
    if find(o.name, q) < 0 and matched:
        meta += f" · 又称 {matched}"
    elif find(o.name, q) < 0 and any(t.pinyin for t in as_query(q).terms):
        meta += f" · 拼音 {o.name_pinyin}"
    return Hit(title=highlight_name(o.name, q), url=links.agency_url(o),
               snippet=highlight_name(matched, q) if matched and find(o.name, q) < 0 else "", meta=meta)


def entries(q):
    """Entries by title or body, latest edition first."""
    return (containing(Entry.objects.filter(visible("section__edition")), q, "title", "body")
            .select_related("section__category", "section__edition")
            .order_by(latest_first("section__edition__year"), "section__order", "order"))


def split_entries(queryset, edition):
    return scope(queryset, "section__edition", edition), queryset.exclude(section__edition=edition)


def entry_hit(e, q) -> Hit:
    s = e.section
    return Hit(title=highlight_name(e.title, q), url=links.entry_url(e),
               snippet=highlight(e.body, q), meta=f"{s.edition.year} · {s.category.name} › {s.name}")


def honours(q):
    return (containing(Honour.objects.filter(visible()), q, *Honour.SEARCH_TEXT)
            .select_related("edition").order_by("-edition__year", "kind", "order"))


def split_by_edition(queryset, edition):
    """The matches of a kind whose records have an ``edition``: (in ``edition``, in the others)."""
    return queryset.filter(edition_id=edition.pk), queryset.exclude(edition_id=edition.pk)


def honour_hit(h, q) -> Hit:
    who = h.recipient + (f"（{h.work_unit}）" if h.work_unit else "")
    return Hit(title=highlight_name(who, q), url=links.honour_url(h), snippet=highlight_name(h.award, q),
               meta=" · ".join(x for x in (str(h.edition.year), h.get_kind_display(),
                                           rules.month_label(h.date)) if x))


CORE_KINDS = [
    SearchKind("persons", "人物", 10, persons, person_hit),
    SearchKind("agencies", "机构", 20, agencies, agency_hit),
    SearchKind("entries", "条目", 30, entries, entry_hit, wide=True, split=split_entries),
    SearchKind("honours", "表彰", 70, honours, honour_hit, split=split_by_edition),
]
