"""Write a parsed yearbook into the database, in one transaction.

The parser (yearbook.parsing) knows nothing of Django; this module maps its
dataclasses onto the models. Re-importing an edition replaces its records; their
URLs survive because they are built from natural keys (edition year, section and
entry titles, person keys, table numbers, document numbers), never database ids.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from chronicle.models import Event
from documents.models import Article, Chapter, DocSection, Document, Part
from stats.models import Bulletin, BulletinChapter, StatTable, TableCell, TableColumn, TableRow
from yearbook.models import (Appointment, Category, Correction, Edition, EditorialBoardMember, Entry, Honour,
                             HonoraryTitle, KeyFigure, Organization, OrganizationAlias, Person, Precision, Roster,
                             Section)
from yearbook.parsing import outline, parse_source
from yearbook.parsing import records as r
from yearbook.parsing.source import SourceText, load_source
from yearbook.parsing.text import compact


@dataclass
class LoadSummary:
    edition: int
    counts: Counter = field(default_factory=Counter)
    corrections: int = 0
    flagged: int = 0

    def lines(self) -> list[str]:
        out = [f"edition {self.edition}:"]
        out += [f"  {name:<22} {n:>6}" for name, n in self.counts.items()]
        out.append(f"  {'corrections applied':<22} {self.corrections:>6}")
        out.append(f"  {'flagged for review':<22} {self.flagged:>6}")
        return out


def import_source(path: str | Path, *, year: int | None = None, dry_run: bool = False, progress=None) -> LoadSummary:
    """Load an OCR text (parsed) or a JSON export (restored); with dry_run, roll back."""
    if str(path).endswith(".json"):
        from yearbook.openjson import load_export

        book, source = load_export(path)
    else:
        source = load_source(path)
        book = parse_source(source)
    return load_yearbook(book, source, year=year, dry_run=dry_run, progress=progress)


class _DryRun(Exception):
    pass


def load_yearbook(book: r.Yearbook, source: SourceText, *, year: int | None = None, dry_run: bool = False,
                  progress=None) -> LoadSummary:
    try:
        with transaction.atomic():
            summary = _Loader(book, source, year, progress or (lambda msg: None)).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def month_date(ym: r.YearMonth | None) -> dt.date | None:
    return dt.date(ym.year, ym.month, 1) if ym else None


class _Loader:
    def __init__(self, book: r.Yearbook, source: SourceText, year: int | None, progress):
        self.book = book
        self.source = source
        self.year = year or book.edition.year
        self.progress = progress
        self.summary = LoadSummary(self.year)
        self.orgs: dict[str, Organization] = {}
        self.persons: dict[str, Person] = {}

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

    # -- the whole load --------------------------------------------------
    def run(self) -> LoadSummary:
        self.progress("edition and front matter")
        self.edition = self.load_edition()
        self.progress("organisations")
        self.load_organizations()
        for key, name, gender in getattr(self.book, "persons", []):  # a restored export names its persons
            person = Person.objects.filter(key=key).first() or Person.objects.create(key=key, name=name,
                                                                                       gender=gender or "")
            self.persons[key] = person
        self.progress("sections and entries")
        self.load_sections()
        self.progress("chronicle")
        self.load_chronicle()
        self.progress("rosters")
        self.load_rosters()
        self.progress("honours")
        self.load_honours()
        self.progress("tables and bulletin")
        self.load_tables()
        self.progress("documents")
        self.load_documents()
        self.progress("mentions")
        self.load_mentions()
        Correction.objects.bulk_create(
            Correction(edition=self.edition, source_line=c.line, printed=c.printed, corrected=c.corrected,
                       reason=c.reason) for c in self.source.corrections)
        self.summary.corrections = len(self.source.corrections)
        analyze_tables()
        return self.summary

    def load_edition(self) -> Edition:
        info = self.book.edition
        sha256 = getattr(self.source, "sha256", None) or hashlib.sha256(Path(self.source.path).read_bytes()).hexdigest()
        fields = dict(
            covers_year=info.covers_year if self.year == info.year else self.year - 1,
            title=info.title if self.year == info.year else info.title.replace(str(info.year), str(self.year)),
            compiler=info.compiler, sponsor=info.sponsor, publisher=info.publisher, isbn=info.isbn,
            cip_number=info.cip_number, published=info.published, price=info.price,
            printing=getattr(info, "printing", ""), printer=getattr(info, "printer", ""),
            editors_in_charge="、".join(info.editors_in_charge), editorial_notes=list(info.editorial_notes),
            source_file=getattr(self.source, "source_file", None) or Path(self.source.path).name,
            source_sha256=sha256,
            imported_at=timezone.now(),
        )
        edition = Edition.objects.filter(year=self.year).first()
        if edition:
            # Replace the edition's records; the Edition row (and its publication status) stays.
            for related in (Section, Category, Event, Roster, Honour, StatTable, Bulletin, BulletinChapter, Document,
                            Correction, KeyFigure, HonoraryTitle, EditorialBoardMember):
                related.objects.filter(edition=edition).delete()
            for k, v in fields.items():
                setattr(edition, k, v)
            edition.save()
        else:
            status = getattr(info, "status", None) or Edition.Status.DRAFT  # a restored export keeps its status
            edition = Edition.objects.create(year=self.year, status=status, **fields)
        EditorialBoardMember.objects.bulk_create(
            EditorialBoardMember(edition=edition, body=b.body, title=b.title, name=b.name, order=i,
                                 source_line=b.source_line, person=self.person(b.name))
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
        self.summary.counts.update({"board members": len(info.board), "honorary titles": len(info.honorary_titles),
                                    "key figures": len(info.key_figures)})
        return edition

    # -- organisations and persons -------------------------------------
    def load_organizations(self):
        infos = self.book.organizations
        existing = {o.name: o for o in Organization.objects.all()}
        for a in OrganizationAlias.objects.select_related("organization"):
            existing.setdefault(a.name, a.organization)
        for info in infos:
            org = existing.get(info.name) or next((existing[a] for a in info.aliases if a in existing), None)
            if org is None:
                org = Organization.objects.create(name=info.name, kind=info.kind or Organization.Kind.OTHER)
                existing[org.name] = org
            elif info.kind and org.kind == Organization.Kind.OTHER:
                org.kind = info.kind
                org.save(update_fields=["kind"])
            self.orgs[info.name] = org
            for alias in info.aliases:
                if alias != org.name and alias not in existing:
                    OrganizationAlias.objects.create(organization=org, name=alias)
                    existing[alias] = org
                self.orgs[alias] = existing[alias]
        for info in infos:
            if info.parent and info.parent in self.orgs:
                org = self.orgs[info.name]
                if org.parent_id is None and org != self.orgs[info.parent]:
                    org.parent = self.orgs[info.parent]
                    org.save(update_fields=["parent"])
        self.summary.counts["organizations"] = len(infos)

    def org(self, name: str) -> Organization | None:
        name = compact(name or "")
        if not name:
            return None
        if name not in self.orgs:
            org, _ = Organization.objects.get_or_create(name=name)
            self.orgs[name] = org
        return self.orgs[name]

    def person(self, name: str, gender: str | None = None) -> Person | None:
        name = compact(name or "")
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

    # -- sections and entries -----------------------------------------
    def load_sections(self):
        self.categories = {}
        for i, name in enumerate(outline.CATEGORIES, 1):
            self.categories[name] = Category.objects.create(edition=self.edition, name=name, order=i)
        # The agency whose section it is; 重要会议 is qualified by its category.
        section_org = {name: info.name for info in self.book.organizations for name in info.sections}
        self.sections: dict[int, Section] = {}
        self.section_by_name: dict[str, Section] = {}
        self.section_by_key: dict[tuple[str, str], Section] = {}
        self.records: dict[tuple[str, int, int], Entry | Event] = {}  # mention key → record
        n_entries = 0
        for s in self.book.sections:
            section = Section.objects.create(
                edition=self.edition, category=self.categories[s.category], name=s.name, heading=s.heading,
                order=s.order, contributor=s.contributor, contributor_line=s.contributor_line,
                organization=self.orgs.get(section_org.get(f"{s.category}/{s.name}", section_org.get(s.name, ""))),
                **self.provenance(s))
            self.sections[s.order] = section
            self.section_by_name.setdefault(s.name, section)
            self.section_by_key[(s.category, s.name)] = section
            seen = Counter()
            entries = []
            for e in s.entries:
                seen[e.title] += 1
                entries.append(Entry(section=section, title=e.title, ordinal=seen[e.title], body=e.text,
                                     order=e.order, kind=e.kind, subheadings=list(e.subheadings), byline=e.byline,
                                     **self.provenance(e)))
            for entry in Entry.objects.bulk_create(entries):
                self.records[("entry", s.order, entry.order)] = entry
            n_entries += len(entries)
        self.summary.counts.update({"categories": len(self.categories), "sections": len(self.sections),
                                    "entries": n_entries})

    # -- chronicle -----------------------------------------------------
    def load_chronicle(self):
        events = [Event(edition=self.edition, date=e.date, date_end=e.date_end, precision=e.precision, text=e.text,
                        order=e.order, marker=e.marker, **self.provenance(e))
                  for e in self.book.chronicle]
        for ev in Event.objects.bulk_create(events):
            self.records[("event", 0, ev.order)] = ev
        self.summary.counts["chronicle events"] = len(events)

    # -- rosters -------------------------------------------------------
    def load_rosters(self):
        appointments = []
        for i, ro in enumerate(self.book.rosters, 1):
            org = self.org(ro.organization)
            roster = Roster.objects.create(
                edition=self.edition, organization=org,
                section=self.section_by_key.get((getattr(ro, "category", ""), ro.section)),
                heading=ro.heading, body=ro.body, order=i, **self.provenance(ro))
            for j, m in enumerate(ro.members, 1):
                appointments.append(Appointment(
                    roster=roster, edition=self.edition, organization=org,
                    person=self.person(m.name, m.gender), title=m.title, title_normalized=normalize_title(m.title),
                    start=month_date(m.start), start_precision=Precision.MONTH,
                    end=month_date(m.end), end_precision=Precision.MONTH, note=m.note, party=m.party,
                    ethnicity=m.ethnicity, seconded=m.seconded, tenure_scope=getattr(m, "tenure_scope", "") or "",
                    name_printed=m.name_printed, order=j,
                    **self.provenance(m)))
        Appointment.objects.bulk_create(appointments)
        self.summary.counts.update({"rosters": len(self.book.rosters), "appointments": len(appointments),
                                    "persons": len(self.persons)})

    # -- honours -------------------------------------------------------
    def load_honours(self):
        order = Counter()
        through = []
        for h in self.book.honours:
            order[h.kind] += 1
            collective = h.kind == "collective"
            honour = Honour.objects.create(
                edition=self.edition, kind=h.kind, recipient=h.recipient,
                organization=self.org(h.recipient) if collective else None,
                # An unreadable name is kept as its two printed cells (张有|京杰): no Person for it.
                person=None if collective or "|" in h.recipient else self.person(h.recipient, h.gender),
                gender=h.gender or "", work_unit=h.work_unit,
                work_unit_org=self.org(h.work_unit) if h.work_unit else None,
                award=h.award, date=month_date(h.date), date_precision=Precision.MONTH,
                awarded_by_names=list(h.awarded_by), printed_cells=h.printed_cells, order=order[h.kind],
                **self.provenance(h))
            for body in dict.fromkeys(h.awarded_by):
                through.append(Honour.awarded_by.through(honour=honour, organization=self.org(body)))
        Honour.awarded_by.through.objects.bulk_create(through)
        self.summary.counts["honours"] = len(self.book.honours)

    # -- statistics ----------------------------------------------------
    def load_tables(self):
        keys = Counter()
        for i, t in enumerate(self.book.tables, 1):
            key = t.number or t.title
            keys[key] += 1
            if keys[key] > 1:
                key = f"{key}-{keys[key]}"
            table = StatTable.objects.create(
                edition=self.edition, section=self.section_by_name.get(t.section), key=key, number=t.number,
                title=t.title, unit=t.unit, notes=list(t.notes), order=t.order or i,
                label_header=getattr(t, "label_header", ""), chapter=getattr(t, "chapter", None),
                **self.provenance(t))
            columns = TableColumn.objects.bulk_create(
                TableColumn(table=table, order=j, label=c.label, path=list(c.path), unit=c.unit,
                            printed=getattr(c, "printed", ""))
                for j, c in enumerate(t.columns, 1))
            rows_by_label: dict[str, TableRow] = {}
            cells = []
            for j, row in enumerate(t.rows, 1):
                tr = TableRow.objects.create(
                    table=table, order=j, label=row.label, group=row.parent or "",
                    parent=rows_by_label.get(row.parent) if row.parent else None, unit=row.unit,
                    label_printed=getattr(row, "label_printed", ""), source_line=row.source_line or None)
                rows_by_label.setdefault(row.label, tr)
                printed = list(row.printed) + [""] * (len(columns) - len(row.printed))
                for col, value, text in zip(columns, row.values, printed):
                    if value is None and not text:
                        continue
                    cells.append(TableCell(row=tr, column=col, value=value if not isinstance(value, str) else None,
                                           text=text if text else ("" if value is None else str(value))))
            TableCell.objects.bulk_create(cells)
        self.summary.counts["tables"] = len(self.book.tables)
        chapters = self.book.bulletin
        if chapters:
            head = chapters[0]
            notes_holder = next((c for c in chapters if getattr(c, "notes", None)), head)
            Bulletin.objects.create(
                edition=self.edition, title=getattr(head, "bulletin_title", ""), author=getattr(head, "author", ""),
                issued=month_date(getattr(head, "issued", None)), intro=getattr(head, "intro", ""),
                notes=list(getattr(notes_holder, "notes", []) or []), source_line=head.source_line)
        BulletinChapter.objects.bulk_create(
            BulletinChapter(edition=self.edition, number=c.number, title=c.title, text=c.text,
                            tables=list(getattr(c, "tables", []) or []), **self.provenance(c))
            for c in chapters)
        self.summary.counts["bulletin chapters"] = len(chapters)

    # -- documents -----------------------------------------------------
    def load_documents(self):
        n_articles = 0
        for i, d in enumerate(self.book.documents, 1):
            dup = d.duplicate_printing
            doc = Document.objects.create(
                edition=self.edition, key=d.number or d.title, title=d.title, number=d.number,
                number_printed=d.number_printed, date=d.date, kind=d.kind, issuing_body=d.issuing_body,
                issuing_org=self.org(d.issuing_body) if d.issuing_body else None, preamble=d.preamble,
                complete=d.complete, filing_number=d.filing_number, closing=d.closing,
                duplicate_note=getattr(d, "duplicate_note", None) or (
                    f"源文本第{dup[0]}—{dup[1]}行重复印刷了本文件" if dup else ""), order=d.order or i,
                **self.provenance(d))
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
        self.summary.counts.update({"documents": len(self.book.documents), "articles": n_articles})

    # -- mentions ------------------------------------------------------
    def load_mentions(self):
        links = defaultdict(set)
        for m in self.book.mentions:
            rec = self.records[(m.record, m.section_order, m.record_order)]
            target = self.person(m.name) if m.kind == "person" else self.org(m.name)
            links[(m.record, m.kind)].add((rec.pk, target.pk))
        models = {("event", "person"): (Event.persons.through, "event_id", "person_id"),
                  ("event", "organization"): (Event.organizations.through, "event_id", "organization_id"),
                  ("entry", "person"): (Entry.persons.through, "entry_id", "person_id"),
                  ("entry", "organization"): (Entry.organizations.through, "entry_id", "organization_id")}
        for key, pairs in links.items():
            through, a, b = models[key]
            through.objects.bulk_create(through(**{a: x, b: y}) for x, y in sorted(pairs))
        self.summary.counts["mentions"] = sum(len(p) for p in links.values())


def analyze_tables() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load.

    Right after an import the planner still believes the tables are nearly empty and
    picks nested loops that take a second per page; autovacuum would only catch up a
    minute later. ANALYZE runs inside the import's transaction and sees its rows.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from django.apps import apps

    tables = [m._meta.db_table for app in ("yearbook", "chronicle", "stats", "documents")
              for m in apps.get_app_config(app).get_models() if not m._meta.proxy]
    tables += [f.remote_field.through._meta.db_table for app in ("yearbook", "chronicle")
               for m in apps.get_app_config(app).get_models() for f in m._meta.local_many_to_many]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in dict.fromkeys(tables)))
        # The search's GIN indexes (migration 0005) take a bulk load into their pending list, which
        # every search then reads linearly until a VACUUM: merge it now, inside the transaction.
        cursor.execute("SELECT gin_clean_pending_list(indexrelid) FROM pg_index "
                       "WHERE pg_get_indexdef(indexrelid) LIKE %s", ["%USING gin (yearbook_grams(%"])


def vacuum_tables() -> None:
    """VACUUM (ANALYZE) on PostgreSQL once a bulk load is committed (VACUUM cannot run inside a
    transaction; inside one, as in tests, this does nothing). Otherwise autovacuum does it a minute
    later, amid the traffic: its ANALYZE recomputes the search index's expression statistics, seconds
    of CPU, and the benchmark measured pages a third slower while it ran."""
    from django.db import connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def normalize_title(title: str) -> str:
    """The printed title without padding and with the book's separators unified (区委副书记,区长 → 、)."""
    return compact(title).replace(",", "、").replace("，", "、")
