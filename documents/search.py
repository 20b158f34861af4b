"""The documents, as the search box finds them: title, number, preamble, articles, parts (registered in
documents.apps)."""
from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from documents.models import Article, Document, Part
from yearbook.registry import SearchKind
from yearbook.search import containing
from yearbook.search.engine import matching
from yearbook.search.hits import Hit, find, highlight, highlight_name
from yearbook.search.query import as_query
from yearbook.selectors.visibility import visible


def documents(q):
    """Documents whose title, number or preamble holds the query, or one of whose articles or parts does
    (every word of the query in the same article or part)."""
    query = as_query(q)
    if not query.terms:
        return Document.objects.none()
    articles = containing(Article.objects.all(), query, *Article.SEARCH_TEXT)
    parts = containing(Part.objects.all(), query, *Part.SEARCH_TEXT)
    own = matching(Document, query, *Document.SEARCH_TEXT)
    return (Document.objects.filter(visible())
            .filter(own | Q(pk__in=articles.values("document_id")) | Q(pk__in=parts.values("document_id")))
            .select_related("edition")
            .prefetch_related(Prefetch("articles", articles.order_by("number")),
                              Prefetch("parts", parts.order_by("order")))
            .order_by("-edition__year", "order"))


def document_hit(d, q) -> Hit:
    article = next((a for a in d.articles.all() if find(a.text, q) >= 0), None)
    part = next((p for p in d.parts.all() if find(p.title + p.text, q) >= 0), None)
    url = d.get_absolute_url()
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


DOCUMENTS = SearchKind("documents", "文件", 60, documents, document_hit, wide=True)
