"""The site's one search box: every record kind, in Chinese (one character and up) and in pinyin.

Matching is ``__contains`` (LIKE), narrowed first by an index of characters and
character pairs (yearbook/grams.py) where there is one: on PostgreSQL a GIN expression
index over entries, events and articles (migration 0005), on SQLite an FTS5 table of
entries (0006). 恒 and 恒山 are found through the index, longer queries through the
texts holding all their pairs, then LIKE. Every edition's entry bodies are searched.
Persons and agencies also match their pinyin (zhanghengshan, zhang heng shan) and
initials (zhs). Each group is one query: a window function counts the matches while
the first few are fetched.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import F, Func, Prefetch, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chronicle.models import Event
from documents.models import Article, Document, Part
from stats.models import StatTable, TableRow
from yearbook import links, rules, selectors
from yearbook.grams import fts_match, query_grams
from yearbook.models import Entry, Honour

KINDS = [
    ("persons", "人物"), ("agencies", "机构"), ("entries", "条目"), ("events", "大事记"),
    ("tables", "统计表"), ("documents", "文件"), ("honours", "表彰"),
]
KIND_LABELS = dict(KINDS)
PER_GROUP = 5
PER_PAGE = 20
SNIPPET_WIDTH = 40


# -- the gram index ------------------------------------------------------------------------

class TextGrams(Func):
    """yearbook_grams(a, b): the characters and adjacent pairs of two texts, GIN-indexed (migration 0005)."""
    function = "yearbook_grams"
    arity = 2
    output_field = ArrayField(TextField())


SQLITE_GRAMS_TABLE = {Entry: "yearbook_entry_grams"}   # (title, body), migration 0006


def containing(queryset, q: str, first: str, second: str | None = None):
    """Rows whose ``first`` or ``second`` field contains ``q``, through the gram index where there is one.
    On PostgreSQL its expression is yearbook_grams(first, second or '') exactly as migration 0005 creates
    it, and up to two characters it is exact: the LIKE, which would read every matching body, is skipped."""
    vendor = connection.vendor
    if vendor == "postgresql":
        queryset = (queryset.alias(text_grams=TextGrams(first, second or Value("")))
                    .filter(text_grams__contains=query_grams(q)))
        if len(q) <= 2:
            return queryset
    table = SQLITE_GRAMS_TABLE.get(queryset.model)
    match = fts_match(q)
    if vendor == "sqlite" and table and (first, second) == ("title", "body") and match:
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match]))
        if len(q) <= 2 and rules.all_han(q):   # the tokenizer changes no Chinese character: exact
            return queryset
    matches = Q(**{f"{first}__contains": q})
    if second:
        matches |= Q(**{f"{second}__contains": q})
    return queryset.filter(matches)


def latest_first(year: str):
    """Latest edition first, as an expression rather than the indexed column: ordered by the column,
    PostgreSQL walked the editions in year order and joined every match to each of them (250 ms for
    工作, in 14,000 entries); as an expression it sorts the matches once (70 ms)."""
    return (F(year) + Value(0)).desc()


# -- highlighting ------------------------------------------------------------------------

def find(text: str, query: str) -> int:
    """Where ``query`` first occurs in ``text`` (case-insensitive for Latin letters), or -1."""
    if not text or not query:
        return -1
    return text.lower().find(query.lower())


def highlight(text: str, query: str, *, width: int = SNIPPET_WIDTH) -> SafeString:
    """A snippet of ``text`` around the first match, escaped, with the match in <mark>.

    ``width`` characters are kept on either side of the match; elided text is marked with …
    """
    text = " ".join((text or "").split())
    at = find(text, query)
    if at < 0:
        head = text[: width * 2]
        return mark_safe(escape(head) + ("…" if len(text) > len(head) else ""))
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    before, match, after = text[start:at], text[at:at + len(query)], text[at + len(query):end]
    return mark_safe(("…" if start > 0 else "") + escape(before) + "<mark>" + escape(match) + "</mark>"
                     + escape(after) + ("…" if end < len(text) else ""))


def highlight_name(name: str, query: str) -> SafeString:
    """A short name with the match marked, never cut."""
    return highlight(name, query, width=len(name or ""))


# -- hits -------------------------------------------------------------------------------

@dataclass
class Hit:
    title: SafeString
    url: str
    snippet: SafeString | str = ""
    meta: str = ""


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


def _posts(person) -> str:
    posts = []
    for a in person.latest_posts:
        posts.append(f"{a.organization.name} {a.title}".strip())
    return "；".join(posts)


def person_hit(p, q: str) -> Hit:
    meta = _posts(p)
    if find(p.name, q) < 0 and rules.pinyin_key(q):
        # Matched by pinyin: say so, since nothing in the name itself is marked.
        meta = f"拼音 {p.name_pinyin}" + (f" · {meta}" if meta else "")
    return Hit(title=highlight_name(p.name, q), url=links.person_url(p), meta=meta)


def agency_hit(o, q: str) -> Hit:
    aliases = [a.name for a in o.aliases.all()]
    matched = next((a for a in aliases if find(a, q) >= 0), None)
    meta = o.get_kind_display()
    if find(o.name, q) < 0 and matched:
        meta += f" · 又称 {matched}"
    elif find(o.name, q) < 0 and rules.pinyin_key(q):
        meta += f" · 拼音 {o.name_pinyin}"
    return Hit(title=highlight_name(o.name, q), url=links.agency_url(o),
               snippet=highlight_name(matched, q) if matched and find(o.name, q) < 0 else "", meta=meta)


def entry_hit(e, q: str) -> Hit:
    s = e.section
    return Hit(title=highlight_name(e.title, q), url=links.entry_url(e),
               snippet=highlight(e.body, q), meta=f"{s.edition.year} · {s.category.name} › {s.name}")


def event_hit(e, q: str) -> Hit:
    return Hit(title=mark_safe(escape(rules.date_range_label(e.date, e.date_end, e.precision))),
               url=links.event_url(e), snippet=highlight(e.text, q), meta=f"{e.edition.year} · 大事记")


def table_hit(t, q: str) -> Hit:
    label = next((r.label for r in t.rows.all() if find(r.label, q) >= 0), "")
    title = f"{t.number} {t.title}".strip()
    return Hit(title=highlight_name(title, q), url=links.table_url(t),
               snippet=highlight_name(label, q) if label and find(title, q) < 0 else "",
               meta=f"{t.edition.year} · 统计表" + (f" · {t.section.name}" if t.section else ""))


def document_hit(d, q: str) -> Hit:
    article = next((a for a in d.articles.all() if find(a.text, q) >= 0), None)
    part = next((p for p in d.parts.all() if find(p.title + p.text, q) >= 0), None)
    url = links.document_url(d)
    snippet: SafeString | str = ""
    if find(d.title, q) < 0 and find(d.number, q) < 0:
        if article is not None:
            url += f"#{article.label}"
            snippet = mark_safe(escape(article.label) + " " + highlight(article.text, q))
        elif part is not None:
            snippet = highlight(part.title + " " + part.text, q)
        else:
            snippet = highlight(d.preamble, q)
    return Hit(title=highlight_name(d.title, q), url=url, snippet=snippet,
               meta=" · ".join(x for x in (str(d.edition.year), d.number) if x))


def honour_hit(h, q: str) -> Hit:
    who = h.recipient + (f"（{h.work_unit}）" if h.work_unit else "")
    return Hit(title=highlight_name(who, q), url=links.honour_url(h), snippet=highlight_name(h.award, q),
               meta=" · ".join(x for x in (str(h.edition.year), h.get_kind_display(),
                                           rules.month_label(h.date)) if x))


# -- queries per kind ---------------------------------------------------------------------

def persons(q: str):
    return selectors.person_matches(q).order_by("name_pinyin", "key").prefetch_related(selectors.latest_posts(2))


def agencies(q: str):
    return selectors.agency_matches(q).order_by("name_pinyin", "name").prefetch_related("aliases")


def entries(q: str):
    """Entries by title or body, latest edition first."""
    visible = Entry.objects.filter(section__edition__status__in=selectors.visible_statuses())
    return (containing(visible, q, "title", "body").select_related("section__category", "section__edition")
            .order_by(latest_first("section__edition__year"), "section__order", "order"))


def events(q: str):
    visible = Event.objects.filter(edition__status__in=selectors.visible_statuses())
    return (selectors.annotate_event_ordinal(containing(visible, q, "text"))
            .select_related("edition").order_by("-edition__year", "order"))


def tables(q: str):
    rows = TableRow.objects.filter(label__contains=q)
    return (StatTable.objects.filter(edition__status__in=selectors.visible_statuses())
            .filter(Q(title__contains=q) | Q(number=q) | Q(pk__in=rows.values("table_id")))
            .select_related("edition", "section").prefetch_related(Prefetch("rows", rows.order_by("order")))
            .order_by("-edition__year", "order"))


def documents(q: str):
    articles = containing(Article.objects.all(), q, "text")
    parts = Part.objects.filter(Q(title__contains=q) | Q(text__contains=q))
    return (Document.objects.filter(edition__status__in=selectors.visible_statuses())
            .filter(Q(title__contains=q) | Q(number__contains=q) | Q(preamble__contains=q)
                    | Q(pk__in=articles.values("document_id")) | Q(pk__in=parts.values("document_id")))
            .select_related("edition")
            .prefetch_related(Prefetch("articles", articles.order_by("number")),
                              Prefetch("parts", parts.order_by("order")))
            .order_by("-edition__year", "order"))


def honours(q: str):
    return (Honour.objects.filter(edition__status__in=selectors.visible_statuses())
            .filter(Q(recipient__contains=q) | Q(award__contains=q) | Q(work_unit__contains=q))
            .select_related("edition").order_by("-edition__year", "kind", "order"))


# Rows with long bodies, paged on narrow rows first (selectors.counted_slice) on SQLite, where sorting
# whole rows cost 28 ms for 恒 and 390 ms for 工作 over fifty editions (10 and 55 ms narrow first). On
# PostgreSQL the second pass over the matches made the rare names slower (9 → 17 ms for 恒): not there.
WIDE_KINDS = {"entries"}


def _wide(kind: str) -> bool:
    return kind in WIDE_KINDS and connection.vendor == "sqlite"


QUERIES = {
    "persons": (persons, person_hit), "agencies": (agencies, agency_hit), "entries": (entries, entry_hit),
    "events": (events, event_hit), "tables": (tables, table_hit), "documents": (documents, document_hit),
    "honours": (honours, honour_hit),
}


# -- the search ---------------------------------------------------------------------------

@dataclass
class SearchResult:
    query: str
    groups: list[Group]
    kind: str | None = None
    page: object = None      # the Paginator page when one kind is shown
    suggestions: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind or "", "")

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def _group_preview(kind: str, q: str) -> Group:
    """The first PER_GROUP hits of a kind and, in the same query, how many there are."""
    query, to_hit = QUERIES[kind]
    items, count = selectors.counted_slice(query(q), 0, PER_GROUP, wide=_wide(kind))
    return Group(kind, KIND_LABELS[kind], count, [to_hit(item, q) for item in items])


def _page_of(kind: str, q: str, page):
    """One page of one kind, counted in the same query (a window), not by a second COUNT(*) scan."""
    query, _ = QUERIES[kind]
    return selectors.counted_page(query(q), PER_PAGE, page, wide=_wide(kind))


def search(raw_query: str, *, kind: str | None = None, page: str | int | None = 1) -> SearchResult:
    q = rules.clean_query(raw_query)
    if not q:
        return SearchResult(query="", groups=[])
    if kind in QUERIES:
        _, to_hit = QUERIES[kind]
        page_obj = _page_of(kind, q, page)
        group = Group(kind, KIND_LABELS[kind], page_obj.paginator.count, [to_hit(item, q) for item in page_obj])
        result = SearchResult(query=q, groups=[group], kind=kind, page=page_obj)
    else:
        result = SearchResult(query=q, groups=[_group_preview(k, q) for k, _ in KINDS])
    if result.total == 0:
        result.suggestions = suggestions(q)
    return result


def suggestions(q: str) -> list[str]:
    """Shorter queries to try when nothing was found: the first and last two characters of a
    Chinese query, or the query without its spaces."""
    out = []
    if rules.has_han(q) and len(q) > 2:
        out += [q[:2], q[-2:]]
    elif " " in q:
        out.append(q.replace(" ", ""))
    return [s for s in dict.fromkeys(out) if s and s != q]
