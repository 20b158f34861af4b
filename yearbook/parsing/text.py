"""Small text helpers shared by the record parsers (no Django)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .source import HAN

HAN_CHAR = f"[{HAN}]"
_SPACE_BETWEEN = re.compile(r"(?<=(.)) +(?=(.))")


def fix_number_spaces(text: str) -> str:
    """``9. 2`` → ``9.2``: OCR put a space after the decimal point (docs/source-guide.md §3.4)."""
    return re.sub(r"(\d)\. +(\d)", r"\1.\2", text)


def _keep_space(left: str, right: str) -> bool:
    return bool(re.match(r"[A-Za-z0-9]", left) and re.match(r"[A-Za-z0-9]", right))


def tidy(text: str) -> str:
    """Prose as printed, without the OCR's spaces.

    Chinese prose has no spaces; the OCR added them at line wraps (``全 而建设``),
    around numbers (``增长 9. 2%``) and in padded names (``刘 燕``). A space is kept
    only between two Latin letters or digits (``ETC 发行`` loses it, ``YYYY 4`` keeps it).
    """
    text = fix_number_spaces(text.replace("\u2022", "\u00b7"))
    text = re.sub(r"\s+", " ", text).strip()
    out = []
    for i, ch in enumerate(text):
        if ch == " " and not _keep_space(text[i - 1], text[i + 1]):
            continue
        out.append(ch)
    return "".join(out)


def compact(text: str) -> str:
    """Remove every space (names, titles, headings padded by the OCR)."""
    return re.sub(r"\s+", "", text)


def to_decimal(text: str) -> Decimal | None:
    """A printed number as an exact Decimal (``3. 18`` → 3.18); None if not a number."""
    t = compact(fix_number_spaces(text)).replace(",", "").rstrip("%")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 六十八 → 68, 一百零三 → 103."""
    if not text or any(ch not in CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS[ch]
    return total + current


def plain_words(text: str) -> str:
    """A line's words for a profile rule's check: no spaces, no ``**``, no parenthesised notes."""
    return re.sub(r"\([^()]*\)", "", compact(text.replace("*", "")))
