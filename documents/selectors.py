"""Read queries of the documents: an edition's list and one document with its structure."""
from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import Http404

from documents.models import Article, Chapter, Document, Part
from yearbook.models import Edition


def document_list(edition: Edition):
    return list(edition.documents.order_by("order").annotate(n_articles=Count("articles")))


def document_get(edition: Edition, key: str) -> Document:
    articles = Article.objects.order_by("number")
    parts = Part.objects.order_by("order")
    chapters = Chapter.objects.order_by("number").prefetch_related("sections")
    doc = (Document.objects.filter(edition=edition, key=key).select_related("issuing_org")
           .prefetch_related(Prefetch("chapters", chapters), Prefetch("articles", articles),
                             Prefetch("parts", parts)).first())
    if doc is None:
        raise Http404("no such document")
    return doc
