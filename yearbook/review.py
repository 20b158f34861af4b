"""What a reader is told about a record under review (needs_review): a short note in Chinese.

The full review note (review_note) is for the editors and stays in the admin: it may be in English and name
the source guide's cases. Readers get the note of sources/reader-notes/<source file stem>.csv for the record
(its kind and source line), written for them ("此处原文模糊，按…录入"), or a general one.
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

NOTES_DIR = Path(__file__).resolve().parents[1] / "sources" / "reader-notes"
GENERAL_NOTE = "此处原文模糊，按最可能的读法录入，尚待核实。"


@functools.lru_cache(maxsize=16)
def reader_notes(stem: str) -> dict[tuple[str, int], str]:
    """{(record kind, source line): note} of one source file; empty when it has none. A malformed row stops
    with the file and line named."""
    path = NOTES_DIR / f"{stem}.csv"
    if not path.exists():
        return {}
    notes = {}
    with open(path, encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            try:
                notes[(row["record"].strip(), int(row["line"]))] = row["note"].strip()
            except (KeyError, TypeError, ValueError, AttributeError):
                raise ValueError(f"{path}:{n}: a row needs record, line (a number) and note") from None
    return notes


def reader_note(record, edition=None) -> str:
    """The note a reader sees on ``record`` when it is under review, '' when it is not."""
    if not getattr(record, "needs_review", False):
        return ""
    source = Path(getattr(edition, "source_file", "") or "").stem
    line = getattr(record, "source_line", None)
    if source and line:
        note = reader_notes(source).get((record._meta.model_name, line))
        if note:
            return note
    return GENERAL_NOTE
