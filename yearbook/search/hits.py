"""What a search result shows: a title, a link, a snippet with the match highlighted, and a line of facts."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_WIDTH = 40


@dataclass
class Hit:
    title: SafeString
    url: str
    snippet: SafeString | str = ""
    meta: str = ""


def find(text: str, query: str) -> int:
    """Where ``query`` first occurs in ``text`` (case-insensitive for Latin letters), or -1."""
    if not text or not query:
        return -1
    return text.lower().find(query.lower())


def highlight(text: str, query: str, *, width: int = SNIPPET_WIDTH) -> SafeString:
    """A snippet of ``text`` around the first match, escaped, with the match in <mark>.

    ``width`` characters are kept on either side of the match; elided text is marked with …
    """
    text = " ".join((text or "").split())
    at = find(text, query)
    if at < 0:
        head = text[: width * 2]
        return mark_safe(escape(head) + ("…" if len(text) > len(head) else ""))
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    before, match, after = text[start:at], text[at:at + len(query)], text[at + len(query):end]
    return mark_safe(("…" if start > 0 else "") + escape(before) + "<mark>" + escape(match) + "</mark>"
                     + escape(after) + ("…" if end < len(text) else ""))


def highlight_name(name: str, query: str) -> SafeString:
    """A short name with the match marked, never cut."""
    return highlight(name, query, width=len(name or ""))


def plain(text: str) -> SafeString:
    return mark_safe(escape(text))
