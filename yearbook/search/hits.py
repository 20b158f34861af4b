"""What a search result shows: a title, a link, a snippet with the match highlighted, and a line of facts.

Matches are found as the search finds them (yearbook.search.query.locate): any form of any word, spaces and
punctuation between its characters allowed.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from yearbook.search.query import locate

SNIPPET_WIDTH = 40


@dataclass
class Hit:
    title: SafeString
    url: str
    snippet: SafeString | str = ""
    meta: str = ""


def find(text: str, query) -> int:
    """Where ``query`` (a Query or any text) first occurs in ``text``, or -1."""
    if not text or not query:
        return -1
    found = locate(text, query)
    return found.start if found else -1


def highlight(text: str, query, *, width: int = SNIPPET_WIDTH) -> SafeString:
    """A snippet of ``text`` around the first match, escaped, with the match in <mark>.

    ``width`` characters are kept on either side of the match; elided text is marked with …
    """
    text = " ".join((text or "").split())
    found = locate(text, query) if query else None
    if found is None:
        head = text[: width * 2]
        return mark_safe(escape(head) + ("…" if len(text) > len(head) else ""))
    at, stop = found.start, found.end
    start = max(0, at - width)
    end = min(len(text), stop + width)
    before, match, after = text[start:at], text[at:stop], text[stop:end]
    return mark_safe(("…" if start > 0 else "") + escape(before) + "<mark>" + escape(match) + "</mark>"
                     + escape(after) + ("…" if end < len(text) else ""))


def highlight_name(name: str, query) -> SafeString:
    """A short name with the match marked, never cut."""
    return highlight(name, query, width=len(name or ""))


def plain(text: str) -> SafeString:
    return mark_safe(escape(text))
