"""Readers' notes on records under review, found in the text by their printed words.

A record flagged for review (needs_review) shows readers a short note in Chinese ("此处原文模糊，按…录入").
The profile's ``reader_notes.csv`` names each note's record kind and the printed text of the record's first
line (spaces ignored; the line number is only a hint). The import finds that line in this text and keeps the
notes on the edition as ``{"<record kind>:<line>": note}``, so a text with lines added or removed elsewhere,
or under another file name, keeps each note on its record. A note whose words are found nowhere or on
several lines is a review notice; its record then shows the general note.
"""
from __future__ import annotations

import re
from pathlib import Path

from .source import SourceText, LineIndex

NOTES_FILE = "reader_notes.csv"
_SPACES = re.compile(r"\s+")


def _squashed(text: str) -> str:
    return _SPACES.sub("", text)


def note_key(record_kind: str, line: int) -> str:
    """How a note is keyed on the edition: the record's kind (its model name) and its first source line."""
    return f"{record_kind}:{line}"


class _PrintedLines:
    """The lines of a text with their spaces removed, squashed once: whole lines by their words, and the
    containing lines found by the index the corrections use (source.LineIndex)."""

    def __init__(self, lines: list[str]):
        squashed = [_squashed(t) for t in lines]
        self.whole: dict[str, list[int]] = {}
        for n, t in enumerate(squashed, 1):
            self.whole.setdefault(t, []).append(n)
        self.index = LineIndex(squashed)

    def printing(self, printed: str) -> list[int]:
        printed = _squashed(printed)
        if not printed:
            return []
        return self.whole.get(printed) or self.index.lines_with(printed)


def lines_printing(lines: list[str], printed: str) -> list[int]:
    """The lines (1-based) that are ``printed`` (spaces ignored), or else those that contain it."""
    return _PrintedLines(lines).printing(printed)


def place_notes(lines: list[str], rows) -> tuple[dict[str, str], list[tuple]]:
    """The notes of ``rows`` (profile rows: record, printed, note) keyed by the one line of ``lines`` that
    prints each, and the rows placed nowhere or ambiguously, each with the lines it was found on."""
    text = _PrintedLines(lines)
    notes: dict[str, str] = {}
    unplaced = []
    for row in rows:
        found = text.printing(row["printed"])
        if len(found) == 1:
            notes[note_key(row["record"], found[0])] = row["note"]
        else:
            unplaced.append((row, found))
    return notes, unplaced


def anchor_reader_notes(source: SourceText) -> dict[str, str]:
    """The profile's readers' notes keyed by the line of this text that prints each one's words."""
    notes, unplaced = place_notes(source.raw, source.profile.rows(NOTES_FILE, ("record", "printed", "note")))
    for row, found in unplaced:
        where = "找不到" if not found else f"出现在第 {'、'.join(map(str, found[:5]))} 行，无法确定是哪一处"
        hint = int(row["line"]) if row["line"].isdigit() and 0 < int(row["line"]) <= len(source.raw) else None
        source.review.notice(
            "reader-note-unmatched",
            f"读者提示的原文「{row['printed']}」在文本中{where}，该记录只显示一般提示"
            f"（{Path(row.path).name} 第 {row.number} 行）",
            hint, printed=row["printed"], guess=row["note"])
    return notes
