"""An edition as open data: the JSON format documented in README ("Export format")."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from collections import defaultdict

from django.db.models import Prefetch, Q

from chronicle.models import Event
from documents.models import Document
from stats.models import StatTable, TableRow
from yearbook.models import Edition, Organization, Person, Roster, Section


def _month(d: dt.date | None) -> str | None:
    return f"{d:%Y-%m}" if d else None


def _number(value: Decimal | None):
    """Exact decimals as JSON numbers: integers stay integers, 9.20 stays 9.2."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _event_date(e: Event) -> str:
    return _month(e.date) if e.precision == "month" else e.date.isoformat()


def export_edition(edition: Edition) -> dict:
    return {
        "edition": _edition(edition),
        "sections": _sections(edition),
        "chronicle": [
            {"date": _event_date(e), "date_end": e.date_end.isoformat() if e.date_end else None,
             "precision": e.precision, "marker": e.marker, "text": e.text, "source_line": e.source_line,
             "persons": sorted(p.key for p in e.persons.all()),
             "organizations": sorted(o.name for o in e.organizations.all())}
            for e in edition.events.prefetch_related("persons", "organizations").order_by("order")
        ],
        "rosters": _rosters(edition),
        "honours": _honours(edition),
        "tables": _tables(edition),
        "bulletin": _bulletin(edition),
        "documents": _documents(edition),
        "key_figures": [
            {"indicator": k.indicator, "value": _number(k.value), "value_text": k.value_text, "unit": k.unit,
             "change_pct": _number(k.change_pct), "change_value": _number(k.change_value),
             "change_unit": k.change_unit, "text": k.text, "source_line": k.source_line}
            for k in edition.key_figures.all()
        ],
        "corrections": [
            {"source_line": c.source_line, "printed": c.printed, "corrected": c.corrected, "reason": c.reason}
            for c in edition.corrections.all()
        ],
        "organizations": _organizations(edition),
        "persons": [{"key": p.key, "name": p.name, "gender": p.gender or None}
                    for p in Person.objects.filter(_linked_to(edition)).distinct().order_by("key")],
    }


def _linked_to(edition: Edition) -> Q:
    return (Q(appointments__edition=edition) | Q(honours__edition=edition) | Q(events__edition=edition)
            | Q(entries__section__edition=edition) | Q(board_seats__edition=edition))


def _organizations(edition: Edition) -> list[dict]:
    """Every agency the edition names, with its kind, aliases and parent (for a faithful re-import)."""
    linked = (Q(rosters__edition=edition) | Q(honours__edition=edition) | Q(staff_honours__edition=edition)
              | Q(awards_given__edition=edition) | Q(sections__edition=edition) | Q(events__edition=edition)
              | Q(entries__section__edition=edition) | Q(documents__edition=edition))
    orgs = Organization.objects.filter(linked).distinct().select_related("parent").prefetch_related("aliases")
    sections = defaultdict(list)
    for s in Section.objects.filter(edition=edition, organization__isnull=False).select_related("category"):
        sections[s.organization_id].append(f"{s.category.name}/{s.name}")
    return [{"name": o.name, "kind": o.kind, "aliases": sorted(a.name for a in o.aliases.all()),
             "parent": o.parent.name if o.parent else None, "sections": sections.get(o.pk, [])}
            for o in sorted(orgs, key=lambda o: o.name)]


def _edition(e: Edition) -> dict:
    return {
        "year": e.year, "covers_year": e.covers_year, "title": e.title, "compiler": e.compiler,
        "sponsor": e.sponsor, "publisher": e.publisher, "isbn": e.isbn, "cip_number": e.cip_number,
        "published": e.published, "printing": e.printing, "printer": e.printer, "price": e.price,
        "editors_in_charge": [n for n in e.editors_in_charge.split("、") if n],
        "editorial_board": [{"body": b.body, "title": b.title, "name": b.name} for b in e.board.all()],
        "editorial_notes": e.editorial_notes,
        "honorary_titles": [h.name for h in e.honorary_titles.all()],
        "status": e.status,
        "source_file": e.source_file, "source_sha256": e.source_sha256,
    }


def _provenance(obj) -> dict:
    out = {"source_line": obj.source_line}
    if obj.source_line_end and obj.source_line_end != obj.source_line:
        out["source_line_end"] = obj.source_line_end
    if obj.page:
        out["page"] = obj.page
    if obj.corrected:
        out["printed"] = obj.printed_text
    if obj.needs_review:
        out["needs_review"] = True
        out["review_note"] = obj.review_note
    return out


def _sections(edition: Edition) -> list[dict]:
    sections = (Section.objects.filter(edition=edition).select_related("category", "organization")
                .prefetch_related("entries__persons", "entries__organizations").order_by("order"))
    return [
        {"category": s.category.name, "name": s.name, "heading": s.heading, "order": s.order,
         "contributor": s.contributor or None,
         "organization": s.organization.name if s.organization else None, **_provenance(s),
         "entries": [
             {"title": e.title, "kind": e.kind, "text": e.body, **({"byline": e.byline} if e.byline else {}),
              **({"subheadings": e.subheadings} if e.subheadings else {}), **_provenance(e),
              "persons": sorted(p.key for p in e.persons.all()),
              "organizations": sorted(o.name for o in e.organizations.all())}
             for e in s.entries.all()
         ]}
        for s in sections
    ]


def _rosters(edition: Edition) -> list[dict]:
    rosters = (Roster.objects.filter(edition=edition).select_related("organization", "section__category")
               .prefetch_related("appointments__person").order_by("order"))
    return [
        {"organization": ro.organization.name, "heading": ro.heading, "body": ro.body or None,
         "section": ro.section.name if ro.section else None,
         "category": ro.section.category.name if ro.section else None, **_provenance(ro),
         "members": [
             {"name": a.person.name, "person": a.person.key, "title": a.title, "gender": a.person.gender or None,
              "start": _month(a.start), "end": _month(a.end), "note": a.note, "party": a.party or None,
              "ethnicity": a.ethnicity or None, "seconded": a.seconded,
              **({"tenure_scope": a.tenure_scope} if a.tenure_scope else {}), **_provenance(a)}
             for a in ro.appointments.all()
         ]}
        for ro in rosters
    ]


def _honours(edition: Edition) -> list[dict]:
    honours = edition.honours.order_by("kind", "order")
    return [
        {"kind": h.kind, "recipient": h.recipient, "gender": h.gender or None, "work_unit": h.work_unit or None,
         "award": h.award, "date": _month(h.date), "awarded_by": h.awarded_by_names,
         **({"printed_cells": h.printed_cells} if h.printed_cells else {}), **_provenance(h)}
        for h in honours
    ]


def _tables(edition: Edition) -> list[dict]:
    tables = (StatTable.objects.filter(edition=edition).select_related("section")
              .prefetch_related("columns", Prefetch("rows", TableRow.objects.prefetch_related("cells__column")))
              .order_by("order"))
    out = []
    for t in tables:
        columns = list(t.columns.all())
        rows = []
        for row in t.rows.all():
            by_col = {c.column_id: c for c in row.cells.all()}
            values, printed = [], []
            for col in columns:
                cell = by_col.get(col.id)
                if cell is None:
                    values.append(None)
                    printed.append("")
                else:
                    values.append(_number(cell.value) if cell.value is not None else (cell.text or None))
                    printed.append(cell.text)
            rows.append({"label": row.label, "parent": row.group or None, "values": values, "printed": printed,
                         "source_line": row.source_line})
        out.append({"number": t.number or None, "key": t.key, "title": t.title, "unit": t.unit or None,
                    "section": t.section.name if t.section else None, "label_header": t.label_header or None,
                    "columns": [{"label": c.label, "path": c.path, "unit": c.unit or None} for c in columns],
                    "rows": rows, "notes": t.notes, **_provenance(t)})
    return out


def _bulletin(edition: Edition) -> dict | None:
    b = getattr(edition, "bulletin", None)
    if b is None:
        return None
    return {"title": b.title, "author": b.author, "issued": _month(b.issued), "intro": b.intro, "notes": b.notes,
            "source_line": b.source_line,
            "chapters": [{"number": c.number, "title": c.title, "text": c.text, "tables": c.tables,
                          **_provenance(c)} for c in edition.bulletin_chapters.all()]}


def _documents(edition: Edition) -> list[dict]:
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
         "duplicate_printing": d.duplicate_note or None, **_provenance(d)}
        for d in docs
    ]
