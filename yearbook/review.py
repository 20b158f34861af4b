"""What a reader is told about a record under review (needs_review): a short note in Chinese.

The full review note (review_note) is for the editors and stays in the admin: it may be in English and name
the source guide's cases. Readers get the edition's note for the record (``Edition.reader_notes``, found in
the text at import from the source profile's reader_notes.csv: "此处原文模糊，按…录入"), or a general one.
"""
from __future__ import annotations

from yearbook.parsing.reader_notes import note_key

GENERAL_NOTE = "此处原文模糊，按最可能的读法录入，尚待核实。"


def reader_note(record, edition=None) -> str:
    """The note a reader sees on ``record`` when it is under review, '' when it is not."""
    if not getattr(record, "needs_review", False):
        return ""
    notes = getattr(edition, "reader_notes", None) or {}
    line = getattr(record, "source_line", None)
    return (notes.get(note_key(record._meta.model_name, line)) if line else None) or GENERAL_NOTE
