"""Write a parsed yearbook into the database, in one transaction.

The parser (yearbook.parsing) knows nothing of Django; the import maps its dataclasses onto the models,
step by step: the core's steps here, each app's in its own ``loading`` module, all registered in
yearbook.registry ("import") and run in their order. Re-importing an edition replaces its records; their
URLs survive because they are built from natural keys (edition year, section and entry titles, person keys,
table numbers, document numbers), never database ids.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from yearbook import names, registry
from yearbook.models import (Appointment, Category, Correction, Edition, EditorialBoardMember, Entry,
                             HonoraryTitle, Honour, KeyFigure, Organization, OrganizationAlias, Person,
                             Precision, ReviewItem, Roster, Section, content_models, edition_path)
from yearbook.parsing import parse_source
from yearbook.parsing import records as r
from yearbook.parsing.source import SourceText, load_source
from yearbook.parsing.text import compact
from yearbook.search.engine import engine


@dataclass
class LoadSummary:
    edition: int
    counts: Counter = field(default_factory=Counter)
    corrections: int = 0
    flagged: int = 0
    profile: str = ""
    review_items: list = field(default_factory=list)   # the parser's ReviewItems, in the order found

    def lines(self) -> list[str]:
        out = [f"edition {self.edition}:"]
        out += [f"  {name:<22} {n:>6}" for name, n in self.counts.items()]
        out.append(f"  {'corrections applied':<22} {self.corrections:>6}")
        out.append(f"  {'flagged for review':<22} {self.flagged:>6}")
        blocking = sum(i.blocking for i in self.review_items)
        out.append(f"  {'review items':<22} {len(self.review_items):>6}"
                   + (f"  ({blocking} to resolve, {len(self.review_items) - blocking} notices)"
                      if self.review_items else ""))
        return out


def import_source(path: str | Path, *, year: int | None = None, dry_run: bool = False, progress=None,
                  profile: str | None = None, strict: bool = False) -> LoadSummary:
    """Load an OCR text (parsed with its source profile, chosen by its title unless ``profile`` names one) or
    a JSON export (restored); with dry_run, roll back. ``strict`` refuses the text at its first problem
    (ParseError) instead of loading what can be read and queueing the rest for review."""
    if str(path).endswith(".json"):
        from yearbook.openjson import load_export

        book, source = load_export(path)
    else:
        source = load_source(path, profile=profile, strict=strict)
        book = parse_source(source)
    return load_yearbook(book, source, year=year, dry_run=dry_run, progress=progress)


class _DryRun(Exception):
    pass


def load_yearbook(book: r.Yearbook, source: SourceText, *, year: int | None = None, dry_run: bool = False,
                  progress=None) -> LoadSummary:
    try:
        with transaction.atomic():
            summary = Loader(book, source, year, progress or (lambda msg: None)).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def after_import() -> None:
    """Once an import is committed: the engine's maintenance (VACUUM on PostgreSQL)."""
    engine().after_commit()


def month_date(ym: r.YearMonth | None) -> dt.date | None:
    return dt.date(ym.year, ym.month, 1) if ym else None


# The parser's kinds of section body, as the kinds of Section (what the section holds).
SECTION_KINDS = {"sections": Section.Kind.ENTRIES, "report": Section.Kind.ENTRIES, "overview": Section.Kind.ENTRIES}


class Loader:
    """One import: the parsed book, the edition being written, and what the steps share (the agencies and
    persons met so far, the sections by name, the records mentions point at)."""

    def __init__(self, book: r.Yearbook, source: SourceText, year: int | None, progress):
        self.book = book
        self.source = source
        self.year = year or book.edition.year
        self.progress = progress
        self.summary = LoadSummary(self.year, profile=getattr(book, "profile", "") or "",
                                   review_items=list(getattr(book, "review_items", []) or []))
        self.orgs: dict[str, Organization] = {}
        self.persons: dict[str, Person] = {}
        self.edition: Edition | None = None
        self.sections: dict[int, Section] = {}
        self.section_by_name: dict[str, Section] = {}
        self.section_by_key: dict[tuple[str, str], Section] = {}
        # what a mention points at: (record kind, section order, record order) → the saved record
        self.records: dict[tuple[str, int, int], object] = {}

    def run(self) -> LoadSummary:
        for step in registry.steps("import"):
            self.progress(step.name)
            step.run(self)
        engine().after_bulk_load([m._meta.db_table for m in content_models() if not m._meta.proxy])
        return self.summary

    # -- provenance ------------------------------------------------------
    def provenance(self, rec) -> dict:
        first = rec.source_line
        last = getattr(rec, "source_line_end", None) or first
        # A record read back from a JSON export carries its printed text; a parsed one
        # gets it from the corrections that fall on its lines.
        printed = getattr(rec, "printed", None)
        if printed is None:
            fixes = self.source.corrections_between(first, last) if first else []
            printed = self.source.printed_span(first, last) if fixes else ""
        needs_review = bool(getattr(rec, "needs_review", False))
        if needs_review:
            self.summary.flagged += 1
        return {
            "source_line": first or None,
            "source_line_end": last or None,
            "page": getattr(rec, "page", None),
            "corrected": bool(printed),
            "printed_text": printed,
            "needs_review": needs_review,
            "review_note": getattr(rec, "review_note", "") or "",
        }

    # -- agencies and persons, met by name -------------------------------
    def org(self, name: str) -> Organization | None:
        name = agency_name(name)
        if not name:
            return None
        if name not in self.orgs:
            org, _ = Organization.objects.get_or_create(name=name)
            self.orgs[name] = org
        return self.orgs[name]

    def person(self, name: str, gender: str | None = None) -> Person | None:
        name = names.clean_path_key(compact(name or ""))
        if not name:
            return None
        p = self.persons.get(name)
        if p is None:
            p = Person.objects.filter(key=name).first() or Person.objects.create(name=name, key=name)
            self.persons[name] = p
        if gender and not p.gender:
            p.gender = gender
            p.save(update_fields=["gender"])
        return p


def agency_name(name: str) -> str:
    """An agency's name as it is stored (without spaces, controls or stray slashes): what lookups must use."""
    return names.clean_path_key(compact(name or ""))


# -- the core's steps ------------------------------------------------------------------------------

def load_edition(loader: Loader) -> None:
    """The edition row and its front matter. Re-importing replaces the edition's records; the Edition row
    (and its publication status) stays."""
    info, source = loader.book.edition, loader.source
    year = loader.year
    sha256 = getattr(source, "sha256", None) or hashlib.sha256(Path(source.path).read_bytes()).hexdigest()
    fields = dict(
        covers_year=info.covers_year if year == info.year else year - 1,
        title=info.title if year == info.year else info.title.replace(str(info.year), str(year)),
        compiler=info.compiler, sponsor=info.sponsor, publisher=info.publisher, isbn=info.isbn,
        cip_number=info.cip_number, published=info.published, price=info.price,
        printing=getattr(info, "printing", ""), printer=getattr(info, "printer", ""),
        editors_in_charge="、".join(info.editors_in_charge), editorial_notes=list(info.editorial_notes),
        reader_notes=dict(getattr(info, "reader_notes", None) or {}),
        source_file=getattr(source, "source_file", None) or Path(source.path).name,
        source_sha256=sha256,
        source_profile=loader.book.profile,
        imported_at=timezone.now(),
    )
    edition = Edition.objects.filter(year=year).first()
    if edition:
        for model in edition_content_models():
            model.objects.filter(edition=edition).delete()
        for k, v in fields.items():
            setattr(edition, k, v)
        edition.save()
    else:
        status = getattr(info, "status", None) or Edition.Status.DRAFT  # a restored export keeps its status
        edition = Edition.objects.create(year=year, status=status, **fields)
    loader.edition = edition
    load_front_matter(loader)


def edition_content_models() -> list:
    """The content models whose rows hang on an edition directly (the rest hang on them)."""
    return [rel.related_model for rel in Edition._meta.related_objects
            if (rel.one_to_many or rel.one_to_one) and rel.field.name == "edition"
            and rel.related_model in content_models() and rel.related_model is not ReviewItem]


def load_front_matter(loader: Loader) -> None:
    info, edition = loader.book.edition, loader.edition
    EditorialBoardMember.objects.bulk_create(
        EditorialBoardMember(edition=edition, body=b.body, title=b.title, name=b.name, order=i,
                             source_line=b.source_line, person=loader.person(b.name))
        for i, b in enumerate(info.board, 1))
    HonoraryTitle.objects.bulk_create(
        HonoraryTitle(edition=edition, name=h.name, order=i, source_line=h.source_line)
        for i, h in enumerate(info.honorary_titles, 1))
    KeyFigure.objects.bulk_create(
        KeyFigure(edition=edition, indicator=k.indicator, value=k.value, value_text=k.value_text or "",
                  unit=k.unit, change_pct=k.change_pct, change_value=getattr(k, "change_value", None),
                  change_unit=getattr(k, "change_unit", ""), text=k.text, order=i,
                  source_line=k.source_line)
        for i, k in enumerate(info.key_figures, 1))
    loader.summary.counts.update({"board members": len(info.board), "honorary titles": len(info.honorary_titles),
                                  "key figures": len(info.key_figures)})


def load_organizations(loader: Loader) -> None:
    infos = loader.book.organizations
    existing = {o.name: o for o in Organization.objects.all()}
    for a in OrganizationAlias.objects.select_related("organization"):
        existing.setdefault(a.name, a.organization)
    for info in infos:
        name = agency_name(info.name)
        if not name:
            continue
        aliases = [a for a in map(agency_name, info.aliases) if a]
        org = existing.get(name) or next((existing[a] for a in aliases if a in existing), None)
        if org is None:
            org = Organization.objects.create(name=name, kind=info.kind or Organization.Kind.OTHER)
            existing[org.name] = org
        elif info.kind and org.kind == Organization.Kind.OTHER:
            org.kind = info.kind
            org.save(update_fields=["kind"])
        loader.orgs[name] = org
        for alias in aliases:
            if alias != org.name and alias not in existing:
                OrganizationAlias.objects.create(organization=org, name=alias)
                existing[alias] = org
            loader.orgs[alias] = existing[alias]
    for info in infos:
        name, parent = agency_name(info.name), agency_name(info.parent or "")
        if parent and parent in loader.orgs and name in loader.orgs:
            org = loader.orgs[name]
            if org.parent_id is None and org != loader.orgs[parent]:
                org.parent = loader.orgs[parent]
                org.save(update_fields=["parent"])
    loader.summary.counts["organizations"] = len(infos)
    for key, name, gender in getattr(loader.book, "persons", []):  # a restored export names its persons
        key = names.clean_path_key(str(key or ""))
        if not key:
            continue
        person = Person.objects.filter(key=key).first() or Person.objects.create(key=key, name=name,
                                                                                   gender=gender or "")
        loader.persons[key] = person


def load_sections(loader: Loader) -> None:
    """Categories, sections and their entries."""
    # A restored backup names its categories (in their order, empty ones too); a parsed book's come in book
    # order, as its sections do (the body prints no category headings).
    names = [*getattr(loader.book, "categories", []), *(s.category for s in loader.book.sections)]
    categories = {}
    for i, name in enumerate(dict.fromkeys(names), 1):
        categories[name] = Category.objects.create(edition=loader.edition, name=name, order=i)
    # The agency whose section it is; 重要会议 is qualified by its category.
    section_org = {name: agency_name(info.name) for info in loader.book.organizations for name in info.sections}
    n_entries = 0
    for s in loader.book.sections:
        section = Section.objects.create(
            edition=loader.edition, category=categories[s.category], name=s.name, heading=s.heading,
            kind=SECTION_KINDS.get(s.kind, s.kind), order=s.order, contributor=s.contributor,
            contributor_line=s.contributor_line,
            organization=loader.orgs.get(section_org.get(f"{s.category}/{s.name}", section_org.get(s.name, ""))),
            **loader.provenance(s))
        loader.sections[s.order] = section
        loader.section_by_name.setdefault(s.name, section)
        loader.section_by_key[(s.category, s.name)] = section
        seen = Counter()
        entries = []
        for e in s.entries:
            seen[e.title] += 1
            entries.append(Entry(section=section, title=e.title, ordinal=seen[e.title], body=e.text,
                                 order=e.order, kind=e.kind, subheadings=list(e.subheadings), byline=e.byline,
                                 **loader.provenance(e)))
        for entry in Entry.objects.bulk_create(entries):
            loader.records[("entry", s.order, entry.order)] = entry
        n_entries += len(entries)
    loader.summary.counts.update({"categories": len(categories), "sections": len(loader.sections),
                                  "entries": n_entries})


def load_rosters(loader: Loader) -> None:
    appointments = []
    for i, ro in enumerate(loader.book.rosters, 1):
        org = loader.org(ro.organization)
        roster = Roster.objects.create(
            edition=loader.edition, organization=org,
            section=loader.section_by_key.get((getattr(ro, "category", ""), ro.section)),
            heading=ro.heading, body=ro.body, order=i, **loader.provenance(ro))
        for j, m in enumerate(ro.members, 1):
            appointments.append(Appointment(
                roster=roster, edition=loader.edition, organization=org,
                person=loader.person(m.name, m.gender), title=m.title, title_normalized=normalize_title(m.title),
                start=month_date(m.start), start_precision=Precision.MONTH,
                end=month_date(m.end), end_precision=Precision.MONTH, note=m.note, party=m.party,
                ethnicity=m.ethnicity, seconded=m.seconded, tenure_scope=getattr(m, "tenure_scope", "") or "",
                name_printed=m.name_printed, order=j,
                **loader.provenance(m)))
    Appointment.objects.bulk_create(appointments)
    loader.summary.counts.update({"rosters": len(loader.book.rosters), "appointments": len(appointments),
                                  "persons": len(loader.persons)})


def load_honours(loader: Loader) -> None:
    order = Counter()
    through = []
    for h in loader.book.honours:
        order[h.kind] += 1
        collective = h.kind == "collective"
        # The agencies the printed names stand for, as the parser resolved them (「…等14家单位」 names
        # 中共甘肃省委宣传部 without being one of its names); the printed name where none was resolved.
        bodies = [org or printed for printed, org in
                  zip(h.awarded_by, list(h.awarded_by_orgs) + [""] * len(h.awarded_by))]
        honour = Honour.objects.create(
            edition=loader.edition, kind=h.kind, recipient=h.recipient,
            organization=loader.org(h.recipient_org or h.recipient) if collective else None,
            # An unreadable name is kept as its two printed cells (张有|京杰): no Person for it.
            person=None if collective or "|" in h.recipient else loader.person(h.recipient, h.gender),
            gender=h.gender or "", work_unit=h.work_unit,
            work_unit_org=loader.org(h.work_unit_org or h.work_unit) if h.work_unit else None,
            award=h.award, date=month_date(h.date), date_precision=Precision.MONTH,
            awarded_by_names=list(h.awarded_by), printed_cells=h.printed_cells, order=order[h.kind],
            **loader.provenance(h))
        for body in dict.fromkeys(bodies):
            through.append(Honour.awarded_by.through(honour=honour, organization=loader.org(body)))
    Honour.awarded_by.through.objects.bulk_create(through)
    loader.summary.counts["honours"] = len(loader.book.honours)


MENTION_FIELDS = {"person": "persons", "organization": "organizations"}


def load_mentions(loader: Loader) -> None:
    """The persons and agencies each entry or event names: the records' ``persons`` and ``organizations``
    many-to-many fields, whichever app the record belongs to."""
    links = defaultdict(set)
    for m in loader.book.mentions:
        rec = loader.records[(m.record, m.section_order, m.record_order)]
        target = loader.person(m.name) if m.kind == "person" else loader.org(m.name)
        links[(type(rec), MENTION_FIELDS[m.kind])].add((rec.pk, target.pk))
    for (model, name), pairs in links.items():
        field = model._meta.get_field(name)
        through = field.remote_field.through
        a, b = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(through(**{a: x, b: y}) for x, y in sorted(pairs))
    loader.summary.counts["mentions"] = sum(len(p) for p in links.values())


def load_corrections(loader: Loader) -> None:
    Correction.objects.bulk_create(
        Correction(edition=loader.edition, source_line=c.line, printed=c.printed, corrected=c.corrected,
                   reason=c.reason) for c in loader.source.corrections)
    loader.summary.corrections = len(loader.source.corrections)


def load_review_items(loader: Loader) -> None:
    """The edition's review queue: the parse's review items replace the previous import's, and an item that
    comes back (same code, printed text and surrounding lines) keeps its row, its decision and its history.
    A restored export carries no parse: its queue stays, linked to the new records."""
    edition = loader.edition
    previous = {i.fingerprint: i for i in ReviewItem.objects.filter(edition=edition)}
    raw = getattr(loader.source, "raw", None)
    if raw is None:
        kept = list(previous.values())
        link_records(edition, kept)
        bulk_update_with_history(kept, ReviewItem, ["content_type", "object_id"], default_change_reason="导入")
        return
    source_file = display_path(loader.source.path)
    created, updated, seen = [], [], Counter()
    for order, item in enumerate(loader.book.review_items, 1):
        context = line_context(raw, item.line)
        fingerprint = review_fingerprint(item.code, item.printed, context)
        seen[fingerprint] += 1
        if seen[fingerprint] > 1:  # the same problem twice around one line: told apart by their order
            fingerprint = review_fingerprint(item.code, item.printed, context, seen[fingerprint])
        row = previous.pop(fingerprint, None)
        if row is None:
            row = ReviewItem(edition=edition, fingerprint=fingerprint)
            created.append(row)
        else:
            updated.append(row)
            if row.status == ReviewItem.Status.CORRECTED:
                # the correction written for it did not make the problem go away
                row.status = ReviewItem.Status.OPEN
                row.resolution_note = f"已写入校正，但重新导入后问题仍在。{row.resolution_note}".strip()
        row.code, row.message, row.line, row.order = item.code, item.message, item.line, order
        row.source_file = display_path(item.file) if item.file else source_file
        row.printed, row.guess, row.context, row.blocking = item.printed, item.guess, context, item.blocking
    link_records(edition, created + updated)
    for row in previous.values():   # gone from the text
        row._change_reason = "重新导入后不再出现"
        row.delete()
    if updated:
        bulk_update_with_history(updated, ReviewItem, [
            "code", "message", "line", "order", "source_file", "printed", "guess", "context", "blocking",
            "status", "resolution_note", "content_type", "object_id"], default_change_reason="重新导入")
    if created:
        bulk_create_with_history(created, ReviewItem, default_change_reason="导入")


def display_path(path: str) -> str:
    """A source path as editors see it: relative to the project when it lies inside it."""
    from django.conf import settings

    try:
        return str(Path(path).resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def line_context(raw: list[str], line: int | None) -> str:
    """The printed line with the non-blank line before and after it (three lines, as printed): what identifies
    a problem in the text wherever lines were added or removed, and what the editor sees around it."""
    if not line or not 1 <= line <= len(raw):
        return ""
    before = next((raw[n - 1].strip() for n in range(line - 1, 0, -1) if raw[n - 1].strip()), "")
    after = next((raw[n - 1].strip() for n in range(line + 1, len(raw) + 1) if raw[n - 1].strip()), "")
    return "\n".join((before, raw[line - 1].strip(), after))


def review_fingerprint(code: str, printed: str, context: str, occurrence: int = 1) -> str:
    """Code, printed text and context, spacing ignored (the OCR's spaces are not the text's)."""
    key = "\x1f".join((code, "".join(printed.split()), "".join(context.split()), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# Problems about a person's identity concern the person (the first name printed: 谢敬仁 / 谢锐仁).
PERSON_CODES = {"person-homonym", "person-variant"}
# The field that names a record, to tell apart records sharing one line (three names on a roster line).
NAME_FIELDS = ("name_printed", "recipient", "name", "title", "label")


def link_records(edition: Edition, items: list[ReviewItem]) -> None:
    """Each item's record: the narrowest record of the edition whose source lines hold the item's line (an
    appointment rather than its roster, an entry rather than its section), among records sharing the line
    the one whose name is in the printed text; for a question of identity, the person."""
    lines = {i.line for i in items if i.line and i.code not in PERSON_CODES}
    spans = []   # (length, priority, first line, last line, name, content type, pk)
    if lines:
        low, high = min(lines), max(lines)
        for priority, model in enumerate(content_models()):
            names = {f.name for f in model._meta.concrete_fields}
            path = edition_path(model)
            if "source_line" not in names or not path or model in (Correction, ReviewItem):
                continue
            end = "source_line_end" if "source_line_end" in names else "source_line"
            label = next((n for n in NAME_FIELDS if n in names), "pk")
            rows = (model._default_manager.filter(**{path: edition, "source_line__lte": high})
                    .exclude(source_line__isnull=True).values_list("pk", "source_line", end, label))
            ctype = ContentType.objects.get_for_model(model)
            spans += [((last or first) - first, priority, first, last or first, str(name), ctype, pk)
                      for pk, first, last, name in rows if (last or first) >= low]
        spans.sort(key=lambda s: s[:2])
    persons = {p.key: p for p in Person.objects.filter(
        key__in=[i.printed.split("/")[0].strip() for i in items if i.code in PERSON_CODES])}
    person_type = ContentType.objects.get_for_model(Person)
    for item in items:
        item.content_type = item.object_id = None
        if item.code in PERSON_CODES:
            person = persons.get(item.printed.split("/")[0].strip())
            if person is not None:
                item.content_type, item.object_id = person_type, person.pk
            continue
        if not item.line:
            continue
        hits = [s for s in spans if s[2] <= item.line <= s[3]]
        if not hits:
            continue
        printed = "".join(item.printed.split())
        narrowest = [s for s in hits if s[:2] == hits[0][:2]]
        hit = next((s for s in narrowest if s[4] and "".join(s[4].split()) in printed), narrowest[0])
        item.content_type, item.object_id = hit[5], hit[6]


def normalize_title(title: str) -> str:
    """The printed title without padding and with the book's separators unified (区委副书记,区长 → 、)."""
    return compact(title).replace(",", "、").replace("，", "、")


# The apps' steps (chronicle 30, stats 60, documents 70) come between these.
CORE_STEPS = [
    registry.Step("edition and front matter", 0, load_edition),
    registry.Step("organisations", 10, load_organizations),
    registry.Step("sections and entries", 20, load_sections),
    registry.Step("rosters", 40, load_rosters),
    registry.Step("honours", 50, load_honours),
    registry.Step("mentions", 90, load_mentions),
    registry.Step("corrections", 95, load_corrections),
    registry.Step("review items", 97, load_review_items),
]
