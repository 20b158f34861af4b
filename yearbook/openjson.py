"""Read an edition back from its open-data JSON export (the backup/restore round trip).

The export is turned back into the parser's dataclasses, so that one loader
writes both a parsed book and a restored backup.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

from yearbook.parsing import records as r
from yearbook.parsing.source import Correction, ParseError


class JsonSource:
    """Stands in for SourceText: the corrections, and the file's identity."""

    def __init__(self, path: str, data: dict, corrections: list[Correction]):
        self.path = path
        self.corrections = corrections
        self.source_file = data["edition"].get("source_file") or Path(path).name
        self.sha256 = data["edition"].get("source_sha256") or hashlib.sha256(Path(path).read_bytes()).hexdigest()

    def corrections_between(self, first, last):  # records carry their printed text themselves
        return []

    def printed_span(self, first, last):
        return ""


def _ym(text: str | None) -> r.YearMonth | None:
    if not text:
        return None
    year, month = text.split("-")[:2]
    return r.YearMonth(int(year), int(month))


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def _prov(d: dict) -> dict:
    return {"source_line": d.get("source_line"), "source_line_end": d.get("source_line_end") or d.get("source_line"),
            "page": d.get("page"), "needs_review": bool(d.get("needs_review")),
            "review_note": d.get("review_note") or ""}


def _with_printed(rec, d: dict):
    rec.printed = d.get("printed", "")  # loader: corrected ⇔ printed text present
    return rec


def load_export(path: str | Path) -> tuple[r.Yearbook, JsonSource]:
    path = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read export: {exc}", path) from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise ParseError("not an edition export: its JSON is nested too deeply to read", path) from None
    if not isinstance(data, dict):
        raise ParseError("not an edition export: the JSON is not an object with an \"edition\" key", path)
    try:
        return _yearbook(path, data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError, RecursionError) as exc:
        raise ParseError(f"not an edition export ({type(exc).__name__}: {exc})", path) from None


def _yearbook(path: str, data: dict) -> tuple[r.Yearbook, JsonSource]:
    e = data["edition"]
    info = r.EditionInfo(
        year=e["year"], covers_year=e["covers_year"], title=e["title"], compiler=e.get("compiler", ""),
        sponsor=e.get("sponsor", ""), publisher=e.get("publisher", ""), isbn=e.get("isbn", ""),
        cip_number=e.get("cip_number", ""), published=e.get("published", ""), price=e.get("price", ""),
        printing=e.get("printing", ""), printer=e.get("printer", ""),
        editors_in_charge=list(e.get("editors_in_charge", [])), editorial_notes=list(e.get("editorial_notes", [])),
        reader_notes={str(k): str(v) for k, v in dict(e.get("reader_notes") or {}).items()},
        board=[r.BoardMember(b["body"], b["title"], b["name"], i, None) for i, b in enumerate(e["editorial_board"], 1)],
        honorary_titles=[r.HonoraryTitle(n, i, None) for i, n in enumerate(e["honorary_titles"], 1)],
        key_figures=[r.KeyFigure(k["indicator"], k["value"], k["unit"], k["change_pct"], k["text"], i,
                                 k["source_line"], value_text=k.get("value_text", ""),
                                 change_value=k.get("change_value"), change_unit=k.get("change_unit", ""))
                     for i, k in enumerate(data["key_figures"], 1)],
    )
    info.status = e.get("status")
    book = r.Yearbook(source_path=path, edition=info, profile=e.get("source_profile") or "")
    for s in data["sections"]:
        section = _with_printed(r.Section(category=s["category"], name=s["name"], heading=s.get("heading", ""),
                                          order=s["order"], contributor=s.get("contributor") or "",
                                          kind=s.get("kind") or "entries", **_prov(s)), s)
        for i, x in enumerate(s["entries"], 1):
            section.entries.append(_with_printed(r.Entry(
                title=x["title"], text=x["text"], order=i, kind=x.get("kind", "entry"),
                subheadings=list(x.get("subheadings", [])), byline=x.get("byline", ""), **_prov(x)), x))
            book.mentions += _mentions(x, "entry", s["order"], i)
        book.sections.append(section)
    for i, ev in enumerate(data["chronicle"], 1):
        book.chronicle.append(_with_printed(r.ChronicleEvent(
            date=_date(ev["date"]), date_end=_date(ev.get("date_end")), precision=ev["precision"], text=ev["text"],
            order=i, marker=ev.get("marker", "date"), **_prov(ev)), ev))
        book.mentions += _mentions(ev, "event", 0, i)
    for ro in data["rosters"]:
        roster = _with_printed(r.Roster(organization=ro["organization"], heading=ro["heading"],
                                        section=ro.get("section") or "", body=ro.get("body") or "", **_prov(ro)), ro)
        roster.category = ro.get("category") or ""
        for j, m in enumerate(ro["members"], 1):
            member = _with_printed(r.RosterMember(
                name=m.get("person") or m["name"], title=m["title"], gender=m.get("gender"), start=_ym(m["start"]),
                end=_ym(m["end"]), note=m.get("note", ""), party=m.get("party") or "",
                ethnicity=m.get("ethnicity") or "", seconded=bool(m.get("seconded")), order=j,
                tenure_scope=m.get("tenure_scope", ""), **_prov(m)), m)
            roster.members.append(member)
        book.rosters.append(roster)
    order = {}
    for h in data["honours"]:
        order[h["kind"]] = order.get(h["kind"], 0) + 1
        book.honours.append(_with_printed(r.Honour(
            kind=h["kind"], recipient=h["recipient"], gender=h.get("gender"), work_unit=h.get("work_unit") or "",
            award=h["award"], date=_ym(h.get("date")), awarded_by=list(h.get("awarded_by", [])),
            awarded_by_orgs=[o or "" for o in h.get("awarded_by_organizations", [])],
            recipient_org=h.get("organization") or "", work_unit_org=h.get("work_unit_organization") or "",
            order=order[h["kind"]], printed_cells=h.get("printed_cells", ""), **_prov(h)), h))
    for i, t in enumerate(data["tables"], 1):
        table = _with_printed(r.StatTable(
            number=t.get("number") or "", title=t["title"], unit=t.get("unit") or "", section=t.get("section") or "",
            columns=[r.TableColumn(c["label"], list(c.get("path", [])), c.get("unit") or "") for c in t["columns"]],
            rows=[r.TableRow(label=row["label"], parent=row.get("parent"),
                             values=[v if not isinstance(v, (int, Decimal)) else Decimal(v) for v in row["values"]],
                             printed=list(row.get("printed", [])), order=j, source_line=row.get("source_line") or 0,
                             spans=[r.CellSpan(sp["column"], sp.get("rowspan", 1), sp.get("colspan", 1))
                                    for sp in row.get("spans", [])])
                  for j, row in enumerate(t["rows"], 1)],
            notes=list(t.get("notes", [])), order=i, label_header=t.get("label_header") or "", **_prov(t)), t)
        book.tables.append(table)
    b = data.get("bulletin")
    if b:
        for c in b["chapters"]:
            book.bulletin.append(_with_printed(r.BulletinChapter(number=c["number"], title=c["title"], text=c["text"],
                                                                 tables=list(c.get("tables", [])), **_prov(c)), c))
        if book.bulletin:
            head = book.bulletin[0]
            head.bulletin_title, head.author, head.intro = b["title"], b.get("author", ""), b.get("intro", "")
            head.issued = _ym(b.get("issued"))
            book.bulletin[-1].notes = list(b.get("notes", []))
            if len(book.bulletin) > 1:
                head.notes = []
    for i, d in enumerate(data["documents"], 1):
        doc = _with_printed(r.Document(
            title=d["title"], number=d.get("number", ""), number_printed=d.get("number_printed", ""),
            date=_date(d.get("date")), kind=d.get("kind", ""), issuing_body=d.get("issuing_body", ""),
            preamble=d.get("preamble", ""), complete=bool(d.get("complete", True)),
            filing_number=d.get("filing_number") or "", closing=d.get("closing") or "", order=i,
            chapters=[r.DocChapter(c["number"], c["title"], [(s["number"], s["title"]) for s in c["sections"]])
                      for c in d["chapters"]],
            articles=[r.Article(a["number"], a["label"], a["text"], a.get("chapter"), a.get("section"))
                      for a in d["articles"]],
            parts=[r.DocPart(p["number"], p["title"], p.get("text", ""), list(p.get("items", [])), p.get("parent"),
                             label=p.get("label", ""), announced_items=p.get("announced_items"))
                   for p in d["parts"]],
            **_prov(d)), d)
        doc.duplicate_note = d.get("duplicate_printing") or ""
        book.documents.append(doc)
    book.organizations = [r.OrganizationInfo(o["name"], o.get("kind", ""), list(o.get("aliases", [])),
                                             o.get("parent") or "", list(o.get("sections", [])))
                          for o in data.get("organizations", [])]
    book.persons = [(p["key"], p["name"], p.get("gender")) for p in data.get("persons", [])]
    # the outline's categories as the backup holds them (in their order, empty ones too)
    book.categories = [str(c["name"]) for c in sorted(data.get("categories", []), key=lambda c: c["order"])]
    corrections = [Correction(c["source_line"], c["printed"], c["corrected"], c["reason"])
                   for c in data.get("corrections", [])]
    return book, JsonSource(path, data, corrections)


def _mentions(rec: dict, kind: str, section_order: int, order: int) -> list[r.Mention]:
    return ([r.Mention("person", key, kind, rec.get("source_line") or 0, "", section_order, order)
             for key in rec.get("persons", [])]
            + [r.Mention("organization", name, kind, rec.get("source_line") or 0, "", section_order, order)
               for name in rec.get("organizations", [])])
