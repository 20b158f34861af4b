"""Text as it may be stored: no control characters, and keys that a URL can carry.

Plain Python (no Django): the models call these on save and on validation, so the admin's forms, the
spreadsheet import and import_yearbook all store the same clean text.

* Control characters never belong in the book's text: Word's soft line break (\\x0b), a form feed or a NUL
  pasted into a name made every page linking that name fail. In a one-line field they become a space; in a
  text they become a line break (soft line break, form feed, CR) or go. Invisible format characters that
  reorder or hide text (right-to-left override, zero-width space, byte-order mark) go too.
* A key that is a path segment of a URL (a category or section name: /2021/政府/区政府/) cannot hold "/":
  it becomes the full-width "／", which reads the same.
"""
from __future__ import annotations

import re
import unicodedata

# Format characters that hide or reorder text: zero-width space/joiners, bidi embeddings and overrides,
# isolates, word joiner, BOM. (Other format characters, such as the soft hyphen, are harmless.)
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
LINE_BREAKS = "\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"\s+")
SEGMENT_UNSAFE = {"/": "／", "\\": "＼"}


def has_control(value: str) -> bool:
    return bool(_CONTROL.search(value) or _INVISIBLE.search(value)
                or any(ch in value for ch in LINE_BREAKS + "\t\n"))


def clean_chars(value: str) -> str:
    """Any one-line field: controls and line breaks as spaces, invisible characters gone; spacing otherwise
    left as it is (a printed name keeps its OCR padding)."""
    value = _INVISIBLE.sub("", value)
    value = _CONTROL.sub(" ", value)
    for ch in LINE_BREAKS + "\n":
        value = value.replace(ch, " ")
    return value


def clean_line(value: str) -> str:
    """One line: controls and line breaks as single spaces, invisible characters gone, trimmed."""
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    value = _CONTROL.sub(" ", value)
    return _SPACES.sub(" ", value).strip()


def clean_text(value: str) -> str:
    """Several lines: soft line breaks and the like as line breaks, other controls and invisible characters
    gone; tabs and line breaks kept."""
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    value = value.replace("\r\n", "\n")
    for ch in LINE_BREAKS:
        value = value.replace(ch, "\n")
    return _CONTROL.sub("", value)


def clean_segment(value: str) -> str:
    """A key that is one path segment of a URL: one line, and no "/" or "\\" (their full-width forms instead);
    a key of dots alone ("..", which browsers resolve as the parent) keeps its dots full-width."""
    value = clean_line(value)
    for ch, wide in SEGMENT_UNSAFE.items():
        value = value.replace(ch, wide)
    if value and set(value) == {"."}:
        value = "．" * len(value)
    return value


def clean_path_key(value: str) -> str:
    """A key that may span segments (an agency's name: 中共金川区委/区政府办公室): one line; "/" is allowed,
    but not at either end nor doubled, and no segment of dots alone."""
    value = clean_line(value)
    parts = [p.strip() for p in value.split("/")]
    parts = ["．" * len(p) if p and set(p) == {"."} else p for p in parts]
    return "/".join(p for p in parts if p)
