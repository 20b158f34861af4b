"""The documents' step of an import (yearbook.loading): documents with chapters, 节, articles and parts."""
from __future__ import annotations

from documents.models import Article, Chapter, DocSection, Document, Part


def load_documents(loader) -> None:
    n_articles = 0
    for i, d in enumerate(loader.book.documents, 1):
        dup = d.duplicate_printing
        doc = Document.objects.create(
            edition=loader.edition, key=d.number or d.title, title=d.title, number=d.number,
            number_printed=d.number_printed, date=d.date, kind=d.kind, issuing_body=d.issuing_body,
            issuing_org=loader.org(d.issuing_body) if d.issuing_body else None, preamble=d.preamble,
            complete=d.complete, filing_number=d.filing_number, closing=d.closing,
            duplicate_note=getattr(d, "duplicate_note", None) or (
                f"源文本第{dup[0]}—{dup[1]}行重复印刷了本文件" if dup else ""), order=d.order or i,
            **loader.provenance(d))
        chapters, sections = {}, {}
        for c in d.chapters:
            chapters[c.number] = Chapter.objects.create(document=doc, number=c.number, title=c.title,
                                                        source_line=c.source_line or None)
            for number, title in c.sections:
                sections[(c.number, number)] = DocSection.objects.create(
                    chapter=chapters[c.number], number=number, title=title)
        Article.objects.bulk_create(
            Article(document=doc, number=a.number, label=a.label, text=a.text,
                    chapter=chapters.get(a.chapter), section=sections.get((a.chapter, a.section)),
                    source_line=a.source_line or None)
            for a in d.articles)
        n_articles += len(d.articles)
        parts_by_number = {}
        for j, p in enumerate(d.parts, 1):
            part = Part.objects.create(
                document=doc, order=j, number=p.number, label=getattr(p, "label", ""), title=p.title,
                text=p.text, items=list(p.items), parent=parts_by_number.get(p.parent) if p.parent else None,
                announced_items=getattr(p, "announced_items", None), source_line=p.source_line or None)
            if p.parent is None:
                parts_by_number[p.number] = part
    loader.summary.counts.update({"documents": len(loader.book.documents), "articles": n_articles})
