"""Perturbed variants of the real text, for the robustness tests.

Each variant is written into a directory (a pytest tmp dir) and knows how its lines
map back to the original, which original lines it damaged, and how to undo a year
shift, so a test can compare its parse with the clean parse record by record:
``records(book, variant)`` gives every record under a stable key, with line numbers
mapped back to the original text.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?!\.\d)")
LINE_IN_NOTE = re.compile(r"(?<=\bline )\d+|(?<=\blines )\d+|(?<=第 )\d+(?= 行)")


@dataclass
class Variant:
    name: str
    path: Path
    origin: list[int | None]          # origin[n - 1]: the original line of line n (None: inserted)
    damaged: set[int] = field(default_factory=set)   # original lines whose records may differ
    year_shift: int = 0

    def original(self, n: int | None) -> int | None:
        if n is None or not 1 <= n <= len(self.origin):
            return n
        return self.origin[n - 1]

    def line_of(self, original: int) -> int:
        """The variant's line holding an original line."""
        return self.origin.index(original) + 1


def _write(directory: Path, name: str, lines: list[str], origin: list[int | None], filename: str | None = None,
           **kw) -> Variant:
    path = directory / (filename or f"{name}.txt")
    path.write_text("\n".join(lines), encoding="utf-8")
    return Variant(name, path, origin, **kw)


def read_lines(source: Path) -> list[str]:
    return source.read_text(encoding="utf-8").split("\n")


def shifted(source: Path, directory: Path) -> Variant:
    """Three blank lines at the top and a block of five blank lines in the middle of the body."""
    lines = read_lines(source)
    middle = 3000
    out = [""] * 3 + lines[:middle] + [""] * 5 + lines[middle:]
    origin = [None] * 3 + list(range(1, middle + 1)) + [None] * 5 + list(range(middle + 1, len(lines) + 1))
    return _write(directory, "shifted", out, origin)


def blank_lines_doubled(source: Path, directory: Path) -> Variant:
    lines = read_lines(source)
    out, origin = [], []
    for n, line in enumerate(lines, start=1):
        out.append(line)
        origin.append(n)
        if not line.strip():
            out.append(line)
            origin.append(None)
    return _write(directory, "blank-lines-doubled", out, origin)


def stray_page_numbers(source: Path, directory: Path, front: int = 87,
                       body: tuple[tuple[int, str], ...] = ((1555, "⊴99"), (1905, "70"), (3720, "4164"),
                                                             (1260, "38"), (5000, "201"))) -> Variant:
    """A bare page number among the board's names (after original line ``front - 1``) and page
    numbers between body lines (before each original line given): in a roster, inside a
    paragraph, between table rows, in the chronicle and in a document."""
    lines = read_lines(source)
    inserts = {front: str(front), **{n: text for n, text in body}}
    out, origin = [], []
    for n, line in enumerate(lines, start=1):
        if n in inserts:
            out += [inserts[n], ""]
            origin += [None, None]
        out.append(line)
        origin.append(n)
    return _write(directory, "stray-page-numbers", out, origin)


def renamed(source: Path, directory: Path) -> Variant:
    lines = read_lines(source)
    return _write(directory, "renamed", lines, list(range(1, len(lines) + 1)), filename="年鉴OCR稿-第二版.txt")


def heading_removed(source: Path, directory: Path, heading_line: int, first: int, last: int) -> Variant:
    """The section heading on ``heading_line`` deleted; ``first``–``last`` are the original lines of
    the section before it and of the section itself (their records may change)."""
    lines = read_lines(source)
    out = lines[:heading_line - 1] + [""] + lines[heading_line:]
    origin = list(range(1, len(lines) + 1))
    origin[heading_line - 1] = None
    return _write(directory, f"heading-{heading_line}-removed", out, origin, damaged=set(range(first, last + 1)))


def years_shifted(source: Path, directory: Path, by: int = 1) -> Variant:
    """Every year (19xx, 20xx) printed in the text moved by ``by``: the next edition's text."""
    lines = [YEAR.sub(lambda m: str(int(m.group(1)) + by), line) for line in read_lines(source)]
    return _write(directory, "years-shifted", lines, list(range(1, len(lines) + 1)), year_shift=by)


# ---------------------------------------------------------------------------
# Records, comparable across variants
# ---------------------------------------------------------------------------

def _unshift(value, by: int):
    """Undo a year shift in a value of the parse (strings, dates, year-months, integer decimals)."""
    if isinstance(value, str):
        return YEAR.sub(lambda m: str(int(m.group(1)) - by), value)
    if isinstance(value, dt.date):
        return value.replace(year=value.year - by)
    if isinstance(value, Decimal) and value == value.to_integral_value() and 1900 + by <= value <= 2099 + by:
        return value - by
    return value


def normalise(value, variant: Variant, key: str = ""):
    """A record as plain data: line numbers mapped to the original, a year shift undone.

    Review notes are compared as written, with the numbers after "line" blanked: most notes
    come from the profile and name lines of the original text (1948 must not be read as a
    year either), the others name lines of the text they were read from.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__name__ == "YearMonth" and variant.year_shift:
            return (value.year - variant.year_shift, value.month)
        if type(value).__name__ == "YearMonth":
            return (value.year, value.month)
        return {f.name: normalise(getattr(value, f.name), variant, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        if key == "duplicate_printing":
            return tuple(variant.original(n) for n in value)
        return [normalise(v, variant, key) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and "line" in key:
        return variant.original(value)
    if isinstance(value, str) and key == "review_note":
        return LINE_IN_NOTE.sub("#", value)
    if variant.year_shift:
        return _unshift(value, variant.year_shift)
    return value


def _span(record) -> tuple[int | None, int | None]:
    first = getattr(record, "source_line", None) or getattr(record, "record_line", None)
    last = getattr(record, "source_line_end", None) or first
    return first, last


def records(book, variant: Variant | None = None) -> dict[tuple, tuple[tuple[int | None, int | None], object]]:
    """Every record of a parse under a stable key: key → ((first, last original line), data)."""
    v = variant or Variant("clean", Path(), [])
    out: dict[tuple, tuple] = {}

    def put(key, record, data=None):
        key = tuple(normalise(k, v) if isinstance(k, str) else k for k in key)
        first, last = _span(record)
        out[key] = ((v.original(first), v.original(last)), normalise(data if data is not None else record, v))

    e = book.edition
    put(("edition",), e, {k: normalise(getattr(e, k), v, k) for k in
                          ("year", "covers_year", "title", "compiler", "sponsor", "publisher", "isbn", "cip_number",
                           "published", "price", "printing", "printer", "editors_in_charge", "editorial_notes")})
    for k, note in e.reader_notes.items():   # each note a record on the line that prints its words
        kind, line = k.rsplit(":", 1)
        put(("reader note", kind, v.original(int(line))), types.SimpleNamespace(source_line=int(line)), note)
    for m in e.board:
        put(("board", m.body, m.order), m)
    for t in e.honorary_titles:
        put(("honorary", t.order), t)
    for f in e.key_figures:
        put(("figure", f.order), f)
    for s in book.sections:
        put(("section", s.category, s.name), s, dataclasses.replace(s, entries=[]))
        for entry in s.entries:
            put(("entry", s.category, s.name, entry.order), entry)
    for ev in book.chronicle:
        put(("event", ev.order), ev)
    for r in book.rosters:
        put(("roster", r.heading, r.body), r)
    for h in book.honours:
        put(("honour", h.kind, h.order), h)
    for t in book.tables:
        put(("table", t.order), t)
    for c in book.bulletin:
        put(("bulletin", c.number), c)
    for d in book.documents:
        put(("document", d.number), d)
    for o in book.organizations:
        put(("organization", o.name), o)
    sections = {s.order: (s.category, s.name) for s in book.sections}
    for m in book.mentions:
        section = tuple(normalise(x, v) for x in sections.get(m.section_order, ()))
        put(("mention", m.record, section, m.record_order, m.kind, m.name), m)
    return out


def compare(clean: dict, perturbed: dict, damaged: set[int]) -> tuple[list, list]:
    """(keys of clean records outside the damaged lines that differ or are missing, keys that differ
    inside them)."""
    damaged = {n for n in damaged if n is not None}
    differ, expected_differ = [], []
    for key, ((first, last), data) in clean.items():
        inside = first is not None and any(first <= n <= (last or first) for n in damaged)
        other = perturbed.get(key)
        if other is None or other[1] != data:
            (expected_differ if inside else differ).append(key)
    return differ, expected_differ


# ---------------------------------------------------------------------------
# The same, on an imported edition's open-data export (yearbook.export)
# ---------------------------------------------------------------------------

LINES_IN_TEXT = re.compile(r"第\s*\d+(?:\s*[—–-]\s*\d+)?\s*行|\blines? \d+")
LINE_KEYS = ("source_line", "source_line_end", "contributor_line")
NOTE_KEYS = ("review_note", "duplicate_printing")
EDITION_IDENTITY = ("source_file", "source_sha256", "source_profile", "status")
EDITION_APART = ("reader_notes",)   # compared one by one, as records on their lines


def _plain(value, variant: Variant, key: str = ""):
    """An exported value with line numbers mapped to the original text and a year shift undone."""
    if isinstance(value, dict):
        return {k: _plain(v, variant, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, variant, key) for v in value]
    if key in LINE_KEYS and isinstance(value, int):
        return variant.original(value)
    if isinstance(value, str) and key in NOTE_KEYS:
        value = LINES_IN_TEXT.sub("#", value)
    if variant.year_shift and key != "reason":   # a correction's reason is the profile's, not the text's
        if isinstance(value, int) and not isinstance(value, bool):
            return int(_unshift(Decimal(value), variant.year_shift))
        return _unshift(value, variant.year_shift)
    return value


def export_records(data: dict, variant: Variant | None = None) -> dict[tuple, tuple]:
    """Every record of an edition's export under a stable key: key → ((first, last original line), data).
    Records without a line (the edition, agencies, persons) get (None, None)."""
    v = variant or Variant("clean", Path(), [])
    out: dict[tuple, tuple] = {}

    def put(key, record, drop=()):
        data = _plain({k: x for k, x in record.items() if k not in drop}, v)
        key = tuple(_plain(k, v) if isinstance(k, str) else k for k in key)
        out[key] = ((data.get("source_line"), data.get("source_line_end") or data.get("source_line")), data)

    put(("edition",), data["edition"], drop=EDITION_IDENTITY + EDITION_APART)
    for k, note in data["edition"].get("reader_notes", {}).items():
        kind, line = k.rsplit(":", 1)
        put(("reader note", kind, v.original(int(line))), {"source_line": int(line), "note": note})
    for s in data["sections"]:
        put(("section", s["category"], s["name"]), s, drop=("entries", "order"))
        for i, e in enumerate(s["entries"], 1):
            put(("entry", s["category"], s["name"], i), e)
    for i, ev in enumerate(data["chronicle"], 1):
        put(("event", i), ev)
    for r in data["rosters"]:
        put(("roster", r["heading"], r["body"]), r)
    for i, h in enumerate(data["honours"], 1):
        put(("honour", h["kind"], i), h)
    for t in data["tables"]:
        put(("table", t["key"]), t)
    if data.get("bulletin"):
        put(("bulletin",), data["bulletin"], drop=("chapters",))
        for c in data["bulletin"]["chapters"]:
            put(("bulletin chapter", c["number"]), c)
    for d in data["documents"]:
        put(("document", d["number"] or d["title"]), d)
    for i, k in enumerate(data["key_figures"], 1):
        put(("figure", i), k)
    for c in data["corrections"]:
        put(("correction", v.original(c["source_line"]), c["printed"]), c)
    for o in data["organizations"]:   # the sections an agency heads are compared with the sections
        put(("organization", o["name"]), o, drop=("sections",))
    for p in data["persons"]:
        put(("person", p["key"]), p)
    return out
