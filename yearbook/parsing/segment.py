"""Stage 2: cut the body into sections, using the outline in book order."""
from __future__ import annotations

from dataclasses import dataclass

from .outline import OUTLINE, OutlineSection
from .source import BODY_START, ParseError, SourceText
from .text import compact


@dataclass(frozen=True)
class Segment:
    outline: OutlineSection
    order: int           # 1-based position in the book
    heading_line: int    # line of the heading (or of the first line for headingless sections)
    start: int           # first line of the body (after the heading)
    end: int             # last line of the body (inclusive)

    @property
    def category(self) -> str:
        return self.outline.category

    @property
    def name(self) -> str:
        return self.outline.name


def _matches(outline: OutlineSection, text: str) -> bool:
    if outline.heading is not None:
        return compact(text) == compact(outline.heading)
    assert outline.starts_with is not None
    return text.startswith(outline.starts_with)


def segment(source: SourceText) -> list[Segment]:
    """Find every outline section, in order; fail loudly on the first one missing."""
    found: list[tuple[OutlineSection, int]] = []
    n = BODY_START
    last = len(source)
    for outline in OUTLINE:
        while n <= last and not _matches(outline, source.cleaned(n).strip()):
            n += 1
        if n > last:
            where = found[-1][1] if found else BODY_START
            raise ParseError(
                f"section heading {outline.heading or outline.starts_with!r} "
                f"({outline.category}) not found after line {where}; "
                "the text is truncated or is not this yearbook",
                source.path, where,
            )
        found.append((outline, n))
        n += 1
    segments = []
    for i, (outline, line) in enumerate(found):
        end = found[i + 1][1] - 1 if i + 1 < len(found) else last
        start = line if outline.heading is None else line + 1
        segments.append(Segment(outline, i + 1, line, start, end))
    return segments
