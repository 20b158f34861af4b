"""Stage 2: cut the body into the sections of the profile's outline, in book order.

Every line that can be a section's heading is a candidate; the sections are placed
on candidates in increasing line order so that as many sections as possible are
found, each on its earliest possible line (so the three ``重要会议`` sections take
their places in order, and a heading word printed again later in the text does not
move a section). A section whose heading is not found is absent: its text stays in
the section before it, and a review item names the heading and where it was
expected. More missing headings than the profile allows means the text is
truncated or is another book: refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from .profile import OutlineSection
from .source import OutlineMatcher, ParseError, SourceText


@dataclass(frozen=True)
class Segment:
    outline: OutlineSection
    order: int           # 1-based position in the outline (a missing section leaves a gap)
    heading_line: int    # line of the heading (or of the first line for headingless sections)
    start: int           # first line of the body (after the heading)
    end: int             # last line of the body (inclusive)

    @property
    def category(self) -> str:
        return self.outline.category

    @property
    def name(self) -> str:
        return self.outline.name


def _candidates(source: SourceText) -> list[list[int]]:
    """For each outline section, the lines (in order) that can be its heading."""
    outline = source.outline
    matcher = OutlineMatcher(outline)
    found: list[list[int]] = [[] for _ in outline]
    for n in range(source.body_start, len(source) + 1):
        for i in matcher.sections_at(source.cleaned(n)):
            found[i].append(n)
    return found


def _place(candidates: list[list[int]], first: int) -> list[int | None]:
    """The line of each section (None: not found): most sections found, each as early as possible."""
    k = len(candidates)
    positions = sorted({first - 1} | {n for c in candidates for n in c})
    # best[i][p]: most sections among i.. placed on lines after p
    best: list[dict[int, int]] = [dict.fromkeys(positions, 0) for _ in range(k + 1)]
    for i in range(k - 1, -1, -1):
        nxt = best[i + 1]
        for p in positions:
            value = nxt[p]
            for n in candidates[i]:
                if n > p:
                    value = max(value, 1 + nxt[n])
            best[i][p] = value
    placed: list[int | None] = []
    p = first - 1
    for i in range(k):
        target = best[i][p]
        line = next((n for n in candidates[i] if n > p and 1 + best[i + 1][n] == target), None)
        placed.append(line)
        if line is not None:
            p = line
    return placed


def segment(source: SourceText) -> list[Segment]:
    """The sections found, in book order; missing ones become review items (refused in strict mode)."""
    outline = source.outline
    placed = _place(_candidates(source), source.body_start)
    missing = [i for i, line in enumerate(placed) if line is None]
    limit = int(source.profile.get("segment.max_missing_sections", 3))
    if missing and (source.strict or len(missing) > limit or len(missing) == len(outline)):
        i = missing[0]
        where = max((line for line in placed[:i] if line is not None), default=source.body_start)
        section = outline[i]
        raise ParseError(
            f"section heading {section.heading or section.starts_with!r} ({section.category}) not found "
            f"after line {where}; the text is truncated or is not this yearbook", source.path, where)
    for i in missing:
        _report_missing(source, outline, placed, i)
    found = [(i, line) for i, line in enumerate(placed) if line is not None]
    segments = []
    for k, (i, line) in enumerate(found):
        section = outline[i]
        end = found[k + 1][1] - 1 if k + 1 < len(found) else len(source)
        start = line if section.heading is None else line + 1
        segments.append(Segment(section, i + 1, line, start, end))
    return segments


def _report_missing(source: SourceText, outline: list[OutlineSection], placed: list[int | None], i: int) -> None:
    before = next(((outline[j], placed[j]) for j in range(i - 1, -1, -1) if placed[j] is not None), None)
    after = next(((outline[j], placed[j]) for j in range(i + 1, len(outline)) if placed[j] is not None), None)
    section = outline[i]
    expected = section.heading or section.starts_with or ""
    where = (f"第 {before[1]} 行「{before[0].name}」之后" if before else "正文开头") + \
        (f"、第 {after[1]} 行「{after[0].name}」之前" if after else "")
    merged = f"其内容并入「{before[0].name}」" if before else "其内容未读入任何分目"
    source.review.problem(
        "section-missing",
        f"未找到分目标题「{expected}」（{section.category}），应在{where}；{merged}。请核对标题是否缺失或印错",
        before[1] if before else source.body_start, printed=expected, guess=section.name)
