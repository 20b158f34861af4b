"""The documents of a synthetic edition (yearbook.synthetic): the base's documents, numbers and dates moved."""
from __future__ import annotations

import re

from documents.models import Article
from yearbook.synthetic import copy_record, retext_years, shift_date


def clone_documents(cloner) -> None:
    base, edition, shift = cloner.base, cloner.edition, cloner.shift
    for d in base.documents.prefetch_related("chapters__sections", "articles", "parts"):
        number = retext_years(d.number.replace("〔20", "〔XX"), 0)
        number = re.sub(r"〔XX(\d\d)〕", lambda m: f"〔{2000 + int(m.group(1)) - shift}〕", number)
        doc = copy_record(d, edition_id=edition.pk, number=number, key=number or d.key, date=shift_date(d.date, shift))
        doc.save()
        chapters, secs = {}, {}
        for c in d.chapters.all():
            chapters[c.pk] = copy_record(c, document_id=doc.pk)
            chapters[c.pk].save()
            for s in c.sections.all():
                secs[s.pk] = copy_record(s, chapter_id=chapters[c.pk].pk)
                secs[s.pk].save()
        Article.objects.bulk_create(
            copy_record(a, document_id=doc.pk, chapter_id=chapters[a.chapter_id].pk if a.chapter_id else None,
                  section_id=secs[a.section_id].pk if a.section_id else None) for a in d.articles.all())
        parts = {}
        for p in d.parts.all():
            parts[p.pk] = copy_record(p, document_id=doc.pk, parent_id=parts[p.parent_id].pk if p.parent_id else None)
            parts[p.pk].save()
