"""The documents in an edition's open-data export (yearbook.export)."""
from __future__ import annotations

from documents.models import Document
from yearbook.export import provenance


def export_documents(edition) -> dict:
    return {"documents": _documents(edition)}


def _documents(edition) -> list[dict]:
    docs = (Document.objects.filter(edition=edition)
            .prefetch_related("chapters__sections", "articles__chapter", "articles__section", "parts__parent")
            .order_by("order"))
    return [
        {"title": d.title, "number": d.number, "number_printed": d.number_printed,
         "date": d.date.isoformat() if d.date else None, "kind": d.kind, "issuing_body": d.issuing_body,
         "preamble": d.preamble,
         "chapters": [{"number": c.number, "title": c.title,
                       "sections": [{"number": s.number, "title": s.title} for s in c.sections.all()]}
                      for c in d.chapters.all()],
         "articles": [{"number": a.number, "label": a.label, "chapter": a.chapter.number if a.chapter else None,
                       "section": a.section.number if a.section else None, "text": a.text}
                      for a in d.articles.all()],
         "parts": [{"number": p.number, "label": p.label, "title": p.title, "text": p.text, "items": p.items,
                    "parent": p.parent.number if p.parent else None,
                    **({"announced_items": p.announced_items} if p.announced_items else {})}
                   for p in d.parts.all()],
         "complete": d.complete, "filing_number": d.filing_number or None, "closing": d.closing or None,
         "duplicate_printing": d.duplicate_note or None, **provenance(d)}
        for d in docs
    ]
