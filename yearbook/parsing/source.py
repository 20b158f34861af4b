"""Stage 1 of the parser: read the text, choose its profile, apply the corrections, clean lines.

Plain Python, no Django. The source file itself is never edited: every fix is a
row of a corrections file of the text's source profile
(``sources/profiles/<name>/corrections/*.csv``) with the printed text, the
corrected text, the reason, and the line where it was found. Rows are anchored by
content: a row applies to the one line that holds its ``context`` (or its
``printed`` text when that is unique), wherever that line now is; the line number
is only a hint for the reader. A row that matches nowhere or on two lines is a
review item (in a strict parse, an error) naming where it was expected.

Generic rules (any yearbook of this genre): the front matter ends at the table of
contents; the body starts at the first outline section after it; in the body, a
line with a digit, no Han character and no tab is page-number debris.
"""
from __future__ import annotations

import bisect
import csv
import re
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from collections.abc import Iterator

from .errors import ParseError, ReviewLog
from .profile import OutlineSection, Profile, choose_profile, load_profile
from .records import ReviewItem

__all__ = ["HAN", "HAN_RE", "ParseError", "Correction", "Line", "SourceText", "load_source", "read_source"]

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Correction:
    line: int            # the line it applies to (found by content)
    printed: str
    corrected: str
    reason: str
    origin: str = ""     # corrections file and row, for messages
    context: str = ""    # the printed text with enough around it to be found on one line only
    hint: int | None = None  # the line number the row gives


@dataclass(frozen=True)
class Line:
    """One non-blank, non-debris physical line after corrections and cleaning."""

    number: int
    text: str
    printed: str


def has_han(text: str) -> bool:
    return bool(HAN_RE.search(text))


def is_page_debris(text: str) -> bool:
    """Page-number debris: OCR glyphs around a page number (``₫54``, ``37▶``, `` $rac{1}{2}$ 82``, a ◀ read as a leading 4).

    In the body of a yearbook a line with a digit, no Han character and no tab is a
    page number, never data (checked line by line on the first text read, docs/source-guide.md §3.1).
    """
    return bool(re.search(r"\d", text)) and not has_han(text) and "\t" not in text


def strip_markdown(text: str) -> str:
    """Remove ``**bold**`` markers and leading ``- `` list bullets."""
    text = text.replace("**", " ")
    text = re.sub(r"^\s*-\s+", "", text)
    return re.sub(r" {2,}", " ", text).strip(" ")


class OutlineMatcher:
    """Which outline sections a line can be the heading of.

    A heading is the printed heading line (spaces ignored); a headingless section is
    found by a line starting with its first words. Headings never hold a tab (the
    table of contents does).
    """

    def __init__(self, outline: list[OutlineSection]):
        self.by_heading: dict[str, list[int]] = {}
        self.starts: list[tuple[str, int]] = []
        for i, s in enumerate(outline):
            if s.heading is not None:
                self.by_heading.setdefault(_SPACES.sub("", s.heading), []).append(i)
            else:
                self.starts.append((s.starts_with or "", i))

    def sections_at(self, text: str) -> list[int]:
        """Indices of the outline sections whose heading ``text`` (a cleaned line) is."""
        if "\t" in text:
            return []
        text = text.strip()
        if not text:
            return []
        hits = list(self.by_heading.get(_SPACES.sub("", text), ()))
        hits += [i for prefix, i in self.starts if prefix and text.startswith(prefix)]
        return hits


@dataclass
class SourceText:
    path: str
    raw: list[str]
    text: list[str]
    corrections: list[Correction] = field(default_factory=list)
    profile: Profile | None = None
    strict: bool = False
    year: int | None = None          # the edition year printed in the title line
    title_line: int | None = None
    load_items: InitVar[list[ReviewItem] | None] = None

    def __post_init__(self, load_items: list[ReviewItem] | None) -> None:
        self.review = ReviewLog(self.path, self.strict)
        if self.profile is None:
            try:
                match = choose_profile(self.raw)
            except ParseError as exc:
                exc.path = self.path
                raise
            self.profile, self.year, self.title_line = match.profile, match.year, match.line
        elif self.year is None:
            self.year, self.title_line = _title_year(self.profile, self.raw)
            if self.year is None:
                self.year = self.profile.edition
                self.review.notice("title-not-found",
                                   f"正文前未找到与配置「{self.profile.name}」相符的书名行，按配置的卷次 {self.year} 读取",
                                   1, guess=str(self.year))
        if self.year != self.profile.edition:
            self.review.notice(
                "profile-edition",
                f"本文本为 {self.year} 卷，配置「{self.profile.name}」为 {self.profile.edition} 卷所作："
                f"其校正与结构规则按内容逐条核对，核对不上的列为待审项",
                self.title_line, printed=self.raw[self.title_line - 1].strip() if self.title_line else "",
                guess=self.profile.name)
        self.review.items.extend(load_items or [])
        self.outline = self.profile.outline(self.year)
        self.body_start = _body_start(self)

    @property
    def covers_year(self) -> int:
        return self.profile.covers(self.year)

    # -- physical lines -------------------------------------------------
    def __len__(self) -> int:
        return len(self.raw)

    def printed(self, n: int) -> str:
        return self.raw[n - 1]

    def corrected(self, n: int) -> str:
        return self.text[n - 1]

    def cleaned(self, n: int) -> str:
        """The line after corrections, markdown stripped (debris lines become '')."""
        t = self.text[n - 1]
        if n >= self.body_start and is_page_debris(t):
            return ""
        return strip_markdown(t)

    def lines(self, first: int, last: int) -> Iterator[Line]:
        """Non-blank, non-debris lines in [first, last], cleaned."""
        for n in range(first, min(last, len(self.raw)) + 1):
            t = self.cleaned(n)
            if t.strip():
                yield Line(n, t, self.raw[n - 1])

    # -- provenance ------------------------------------------------------
    def corrections_between(self, first: int, last: int) -> list[Correction]:
        return [c for c in self.corrections if first <= c.line <= last]

    def printed_span(self, first: int, last: int) -> str:
        """The printed lines of a record, without blank lines and the body's page-number debris."""
        return "\n".join(ln for n, ln in enumerate(self.raw[first - 1:last], start=first)
                         if ln.strip() and not (n >= self.body_start and is_page_debris(ln)))


def _title_year(profile: Profile, raw: list[str]) -> tuple[int | None, int | None]:
    pattern = profile.title_re
    for n, text in enumerate(raw, start=1):
        m = pattern.match(text.strip())
        if m:
            return int(m.group("year")), n
    return None, None


def _body_start(source: SourceText) -> int:
    """The first line of the body: the first outline section found after the table of contents."""
    toc = _SPACES.sub("", source.profile.get("front_matter.toc_heading", "") or "")
    start = 1
    if toc:
        start = next((n + 1 for n, t in enumerate(source.text, start=1) if _SPACES.sub("", t) == toc), 1)
    matcher = OutlineMatcher(source.outline)
    for n in range(start, len(source.text) + 1):
        if matcher.sections_at(strip_markdown(source.text[n - 1])):
            return n
    return start


# ---------------------------------------------------------------------------
# Reading and correcting
# ---------------------------------------------------------------------------

def read_source(path: str | Path) -> list[str]:
    """The physical lines of a UTF-8 text file, with clear errors for bad input."""
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror}", path) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", path, line
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ParseError("file is empty", path, 1)
    return text.split("\n") if not text.endswith("\n") else text[:-1].split("\n")


@dataclass(frozen=True)
class CorrectionRow:
    """A row of a corrections file, before it is found in the text."""
    hint: int
    printed: str
    corrected: str
    reason: str
    context: str
    origin: str


def load_corrections(paths: list[Path]) -> list[CorrectionRow]:
    """Rows ``line,printed,corrected,reason[,context]`` of the corrections files."""
    rows = []
    for p in sorted(paths):
        with open(p, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            expected = {"line", "printed", "corrected", "reason"}
            if not reader.fieldnames or not expected <= set(reader.fieldnames):
                raise ParseError(f"corrections file needs columns {sorted(expected)}", str(p), 1)
            for i, row in enumerate(reader, start=2):
                try:
                    line = int(row["line"])
                except (TypeError, ValueError):
                    raise ParseError(f"bad line number {row['line']!r}", str(p), i) from None
                if not row["printed"]:
                    raise ParseError("empty 'printed' text", str(p), i)
                if not (row["reason"] or "").strip():
                    raise ParseError("every correction needs a reason", str(p), i)
                context = row.get("context") or ""
                if context and row["printed"] not in context:
                    raise ParseError(f"context {context!r} does not hold the printed text {row['printed']!r}",
                                     str(p), i)
                rows.append(CorrectionRow(line, row["printed"], row["corrected"], row["reason"].strip(),
                                          context, f"{p}:{i}"))
    return rows


class LineIndex:
    """Where a piece of printed text is, as line numbers (one search over the whole text)."""

    def __init__(self, raw: list[str]):
        self.joined = "\n".join(raw)
        self.starts = [0]
        for line in raw[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def lines_with(self, needle: str) -> list[int]:
        found: list[int] = []
        i = self.joined.find(needle)
        while i >= 0:
            n = bisect.bisect_right(self.starts, i)
            if not found or found[-1] != n:
                found.append(n)
            i = self.joined.find(needle, i + 1)
        return found


def anchor_lines(raw: list[str], printed: str, context: str = "") -> list[int]:
    """The lines a correction would apply to: those holding its context (or its printed text)."""
    return LineIndex(raw).lines_with(context or printed)


def find_corrections(path: str, raw: list[str], rows: list[CorrectionRow], review: ReviewLog) -> list[Correction]:
    """Each row's line, found by its context (or printed text) in the printed lines."""
    index = LineIndex(raw)
    found = []
    for row in rows:
        anchor = row.context or row.printed
        lines = index.lines_with(anchor)
        where = f"（校正表 {Path(row.origin).name}，提示行 {row.hint}）"
        if len(lines) == 1:
            found.append(Correction(lines[0], row.printed, row.corrected, row.reason, row.origin,
                                    row.context, row.hint))
        elif not lines:
            review.problem(
                "correction-unmatched", f"校正条目的原文「{anchor}」在文本中找不到，未应用{where}",
                row.hint if row.hint <= len(raw) else None, printed=anchor, guess=row.corrected,
                error=f"correction {row.origin}: printed text {anchor!r} not found in the text "
                      f"(expected near line {row.hint})")
        else:
            review.problem(
                "correction-ambiguous",
                f"校正条目的原文「{anchor}」出现在第 {'、'.join(map(str, lines))} 行，无法确定应改哪一行，"
                f"未应用{where}；请在 context 列写出更长的上下文",
                lines[0], printed=anchor, guess=row.corrected,
                error=f"correction {row.origin}: printed text {anchor!r} is on lines {lines}; "
                      "give a longer context")
    found.sort(key=lambda c: c.line)
    return found


def apply_corrections(path: str, raw: list[str], corrections: list[Correction]) -> list[str]:
    """Apply each correction to its line (all occurrences on that line); refuse one that does not fit."""
    return _apply(path, raw, corrections, ReviewLog(path, strict=True))[0]


def _apply(path: str, raw: list[str], corrections: list[Correction],
           review: ReviewLog) -> tuple[list[str], list[Correction]]:
    text = list(raw)
    applied = []
    for c in corrections:
        if not 1 <= c.line <= len(text):
            review.problem("correction-unmatched", f"校正条目指向第 {c.line} 行，超出文本末尾（{c.origin}）",
                           None, printed=c.printed, guess=c.corrected,
                           error=f"correction {c.origin} names line {c.line}, beyond the end")
            continue
        if c.printed not in text[c.line - 1]:
            review.problem("correction-unmatched",
                           f"第 {c.line} 行已无校正条目的原文「{c.printed}」（可能被另一条校正改动），未应用",
                           c.line, printed=c.printed, guess=c.corrected,
                           error=f"correction {c.origin}: printed text {c.printed!r} not found on this line")
            continue
        text[c.line - 1] = text[c.line - 1].replace(c.printed, c.corrected)
        applied.append(c)
    return text, applied


def load_source(path: str | Path, corrections_dir: Path | None = None, *, use_corrections: bool = True,
                profile: str | Path | Profile | None = None, strict: bool = False) -> SourceText:
    """Read a text with its profile (chosen by the title line unless given) and its corrections.

    ``corrections_dir`` replaces the profile's corrections folder; ``strict`` refuses
    the text at the first problem instead of recording review items.
    """
    path = str(path)
    raw = read_source(path)
    if profile is not None and not isinstance(profile, Profile):
        profile = load_profile(profile)
    year = title_line = None
    if profile is None:
        try:
            match = choose_profile(raw)
        except ParseError as exc:
            exc.path = path
            raise
        profile, year, title_line = match.profile, match.year, match.line
    review = ReviewLog(path, strict)
    corrections: list[Correction] = []
    text = list(raw)
    if use_corrections:
        files = sorted(corrections_dir.glob("*.csv")) if corrections_dir else profile.correction_files()
        found = find_corrections(path, raw, load_corrections(files), review)
        text, corrections = _apply(path, raw, found, review)
    return SourceText(path, raw, text, corrections, profile=profile, strict=strict, year=year,
                      title_line=title_line, load_items=review.items)
