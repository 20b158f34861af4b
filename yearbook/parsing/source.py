"""Stage 1 of the parser: read the OCR text, apply the corrections file, clean lines.

Plain Python, no Django. The source file itself is never edited: every fix is a
row in a corrections file (``sources/corrections/*.csv``) that names the physical
line, the printed text and the corrected text, so a reviewer can read them all.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
BODY_START = 480  # lines before this are front matter and the table of contents


class ParseError(Exception):
    """Parsing gave up: carries the file and the 1-based line where it happened."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Correction:
    line: int
    printed: str
    corrected: str
    reason: str
    origin: str = ""  # corrections file and row, for error messages


@dataclass(frozen=True)
class Line:
    """One non-blank, non-debris physical line after corrections and cleaning."""

    number: int
    text: str
    printed: str


def has_han(text: str) -> bool:
    return bool(HAN_RE.search(text))


def is_page_debris(text: str) -> bool:
    """Page-number debris (``₫54``, ``37▶``, ``4116``, `` $rac{1}{2}$ 82``).

    Checked on this book (GUIDE §3.1): in the body, a line with a digit, no Han
    character and no tab is always a page number, never data.
    """
    return bool(re.search(r"\d", text)) and not has_han(text) and "\t" not in text


def strip_markdown(text: str) -> str:
    """Remove ``**bold**`` markers and leading ``- `` list bullets."""
    text = text.replace("**", " ")
    text = re.sub(r"^\s*-\s+", "", text)
    return re.sub(r" {2,}", " ", text).strip(" ")


@dataclass
class SourceText:
    path: str
    raw: list[str]
    text: list[str]
    corrections: list[Correction] = field(default_factory=list)

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
        if n >= BODY_START and is_page_debris(t):
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
        return "\n".join(l for l in self.raw[first - 1:last] if l.strip())


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


def load_corrections(paths: list[Path]) -> list[Correction]:
    """Rows ``line,printed,corrected,reason`` from every corrections CSV file."""
    corrections = []
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
                corrections.append(
                    Correction(line, row["printed"], row["corrected"], row["reason"].strip(), f"{p}:{i}")
                )
    corrections.sort(key=lambda c: c.line)
    return corrections


def apply_corrections(path: str, raw: list[str], corrections: list[Correction]) -> list[str]:
    """Apply each correction to its line; a correction that no longer matches is an error."""
    text = list(raw)
    for c in corrections:
        if not 1 <= c.line <= len(text):
            raise ParseError(f"correction {c.origin} names line {c.line}, beyond the end", path, c.line)
        if c.printed not in text[c.line - 1]:
            raise ParseError(
                f"correction {c.origin}: printed text {c.printed!r} not found on this line", path, c.line
            )
        text[c.line - 1] = text[c.line - 1].replace(c.printed, c.corrected)
    return text


def corrections_dir_for(path: str | Path) -> Path:
    """Corrections belong to one source file: ``sources/corrections/<file stem>/``."""
    return Path(__file__).resolve().parents[2] / "sources" / "corrections" / Path(path).stem


def load_source(path: str | Path, corrections_dir: Path | None = None, *,
                use_corrections: bool = True) -> SourceText:
    raw = read_source(path)
    corrections: list[Correction] = []
    if use_corrections:
        d = corrections_dir or corrections_dir_for(path)
        corrections = load_corrections(list(d.glob("*.csv"))) if d.is_dir() else []
    text = apply_corrections(str(path), raw, corrections)
    return SourceText(str(path), raw, text, corrections)
