"""An edition as open data: the JSON format documented in README ("Export format")."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from yearbook import registry
from yearbook.models import Edition, Organization, Person, Roster, Section
from yearbook.selectors.references import named_in


def month_text(d: dt.date | None) -> str | None:
    return f"{d:%Y-%m}" if d else None


def number(value: Decimal | None):
    """Exact decimals as JSON numbers: integers stay integers, 9.20 stays 9.2."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def export_edition(edition: Edition) -> dict:
    """The whole edition: the core's parts and the apps' (registry steps "export"), in their order."""
    out = {}
    for step in registry.steps("export"):
        out.update(step.run(edition))
    return out


def _front(edition: Edition) -> dict:
    return {"edition": _edition(edition)}


def _outline(edition: Edition) -> dict:
    return {"categories": [{"name": c.name, "order": c.order} for c in edition.categories.all()],
            "sections": _sections(edition)}


def _people(edition: Edition) -> dict:
    return {"rosters": _rosters(edition), "honours": _honours(edition)}


def _figures_and_names(edition: Edition) -> dict:
    return {
        "key_figures": [
            {"indicator": k.indicator, "value": number(k.value), "value_text": k.value_text, "unit": k.unit,
             "change_pct": number(k.change_pct), "change_value": number(k.change_value),
             "change_unit": k.change_unit, "text": k.text, "source_line": k.source_line}
            for k in edition.key_figures.all()
        ],
        "corrections": [
            {"source_line": c.source_line, "printed": c.printed, "corrected": c.corrected, "reason": c.reason}
            for c in edition.corrections.all()
        ],
        "organizations": _organizations(edition),
        "persons": [{"key": p.key, "name": p.name, "gender": p.gender or None}
                    for p in Person.objects.filter(named_in(Person, edition)).order_by("key")],
    }


def _organizations(edition: Edition) -> list[dict]:
    """Every agency the edition names, and their parents however far up, with kind, aliases and parent (for a
    faithful re-import: a parent the edition does not name is still the parent of one it does)."""
    related = Organization.objects.select_related("parent").prefetch_related("aliases")
    orgs = {o.pk: o for o in related.filter(named_in(Organization, edition))}
    missing = {o.parent_id for o in orgs.values()} - set(orgs) - {None}
    while missing:
        orgs.update((o.pk, o) for o in related.filter(pk__in=missing))
        missing = {o.parent_id for o in orgs.values()} - set(orgs) - {None}
    orgs = orgs.values()
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
        "reader_notes": e.reader_notes,
        "honorary_titles": [h.name for h in e.honorary_titles.all()],
        "status": e.status,
        "source_file": e.source_file, "source_sha256": e.source_sha256, "source_profile": e.source_profile,
    }


def provenance(obj) -> dict:
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
        {"category": s.category.name, "name": s.name, "heading": s.heading, "kind": s.kind, "order": s.order,
         "contributor": s.contributor or None,
         "organization": s.organization.name if s.organization else None, **provenance(s),
         "entries": [
             {"title": e.title, "kind": e.kind, "text": e.body, **({"byline": e.byline} if e.byline else {}),
              **({"subheadings": e.subheadings} if e.subheadings else {}), **provenance(e),
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
         "category": ro.section.category.name if ro.section else None, **provenance(ro),
         "members": [
             {"name": a.person.name, "person": a.person.key, "title": a.title, "gender": a.person.gender or None,
              "start": month_text(a.start), "end": month_text(a.end), "note": a.note, "party": a.party or None,
              "ethnicity": a.ethnicity or None, "seconded": a.seconded,
              **({"tenure_scope": a.tenure_scope} if a.tenure_scope else {}), **provenance(a)}
             for a in ro.appointments.all()
         ]}
        for ro in rosters
    ]


def _honours(edition: Edition) -> list[dict]:
    honours = (edition.honours.select_related("organization", "work_unit_org")
               .prefetch_related("awarded_by__aliases").order_by("kind", "order"))
    return [
        {"kind": h.kind, "recipient": h.recipient, "gender": h.gender or None, "work_unit": h.work_unit or None,
         "award": h.award, "date": month_text(h.date), "awarded_by": h.awarded_by_names,
         # the agencies the printed names are linked to (a printed name need not be one of their names)
         "organization": h.organization.name if h.organization else None,
         "work_unit_organization": h.work_unit_org.name if h.work_unit_org else None,
         "awarded_by_organizations": awarding_agencies(h.awarded_by_names, list(h.awarded_by.all())),
         **({"printed_cells": h.printed_cells} if h.printed_cells else {}), **provenance(h)}
        for h in honours
    ]


def awarding_agencies(printed: list[str], linked: list) -> list[str | None]:
    """The agency each printed awarding body is linked to, one per printed name: the one bearing that name
    (or alias), else the linked agencies left over, in order (「…等14家单位」 → 中共甘肃省委宣传部)."""
    by_name = {n: o for o in linked for n in [o.name, *(a.name for a in o.aliases.all())]}
    out = [by_name[p].name if p in by_name else None for p in printed]
    left = [o.name for o in linked if o.name not in out]
    for i, name in enumerate(out):
        if name is None and left:
            out[i] = left.pop(0)
    return out


# The apps' parts (chronicle 30, stats 60, documents 70) come between these.
CORE_STEPS = [
    registry.Step("edition", 0, _front),
    registry.Step("sections", 20, _outline),
    registry.Step("rosters and honours", 40, _people),
    registry.Step("key figures, corrections, names", 90, _figures_and_names),
]
