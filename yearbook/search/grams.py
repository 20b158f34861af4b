"""Characters and character pairs: the terms of the search index (no Django here).

A Chinese query of one or two characters has no trigram, so trigram indexes cannot
answer it (NOTES.md); an index of every character and every adjacent pair can, exactly,
and narrows a longer query to the texts holding all its pairs.

Spaces and punctuation are not part of what is matched: readers type 不忘初心牢记使命 for
不忘初心、牢记使命, 张 恒山 for 张恒山. So the terms are those of the text *squashed* (every
IGNORED character removed), and a query is squashed the same way. The index keeps the squashed
text itself too (``search_text``): a longer query is checked against it with a plain LIKE.
PostgreSQL computes both in SQL (engine.PostgresEngine.FUNCTIONS, from IGNORED_CLASS); SQLite
calls search_text() and text_grams() from the triggers of its tables.
"""
from __future__ import annotations

import re

# What matching skips: whitespace and punctuation, ASCII and CJK. Not '.' and '%' (9.2%, 271.41: a decimal
# point and a percent sign carry meaning), nor 〇 (二〇二〇).
IGNORED = (" \t\n\r\f\v\u00a0\u3000"
           "!\"#$&'()*+,-/:;<=>?@[\\]^_`{|}~"
           "\u00b7\u2010\u2011\u2012\u2013\u2014\u2015\u2016\u2018\u2019\u201c\u201d\u2022\u2026\u2027"
           "\u3001\u3002\u3003\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011"
           "\u3014\u3015\u3016\u3017\u3018\u3019\u301a\u301b\u301c\u301d\u301e\u301f\u30fb"
           "\uff01\uff02\uff03\uff06\uff07\uff08\uff09\uff0a\uff0b\uff0c\uff0d\uff0f\uff1a\uff1b\uff1c\uff1d"
           "\uff1e\uff1f\uff20\uff3b\uff3c\uff3d\uff3e\uff3f\uff40\uff5b\uff5c\uff5d\uff5e\uff5f\uff60\uff64")


def _bracket(chars: str) -> str:
    """A regular-expression class of ``chars`` that Python's re and PostgreSQL's ARE both read alike."""
    special = "\\]^-["
    return "[" + "".join("\\" + c if c in special else c for c in chars) + "]"


IGNORED_CLASS = _bracket(IGNORED)
_IGNORED_RE = re.compile(IGNORED_CLASS)


def squash(text: str | None) -> str:
    """The text as matched: without spaces and punctuation (不忘初心、牢记使命 → 不忘初心牢记使命)."""
    return _IGNORED_RE.sub("", text or "")


def search_text(*texts: str | None) -> str:
    """The texts as the search checks them: squashed, one line each (a squashed form never spans two)."""
    return "\n".join(squash(t) for t in texts)


def like_pattern(form: str) -> str:
    """A LIKE pattern (ESCAPE '\\') finding ``form`` anywhere in a text."""
    return "%" + form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def separated_pattern(form: str) -> str:
    """A regular expression finding ``form`` (squashed) in a text where spaces and punctuation may stand
    between its characters: 不忘初心牢记使命 finds 不忘初心、牢记使命. Python's re and PostgreSQL read it alike.

    The gap is any non-word character (\\W: a superset of IGNORED, so nothing the index found is lost): short,
    where IGNORED_CLASS written out between every two characters made PostgreSQL's planning take 10 ms."""
    return "\\W*".join(re.escape(c) if c.isascii() else c for c in form)


def query_grams(q: str) -> list[str]:
    """What a text containing ``q`` (squashed) must hold: ``q`` itself up to two characters, else each of its
    pairs."""
    return [q] if len(q) <= 2 else sorted({q[i:i + 2] for i in range(len(q) - 1)})


def text_grams(*texts: str | None) -> str:
    """Every distinct character and adjacent pair of the squashed texts (pairs never across two texts, which
    PostgreSQL's yearbook_grams also joins by a newline), space-separated: FTS5's unicode61 tokenizer reads
    each as a token."""
    text = search_text(*texts)
    grams = dict.fromkeys(text)
    grams.update(dict.fromkeys(text[i:i + 2] for i in range(len(text) - 1)))
    # A character the tokenizer drops (% alone) makes no token; a pair with the newline would come out of it
    # as a single character, one already listed.
    return " ".join(g for g in grams if any(c.isalnum() for c in g) and "\n" not in g)


def fts_terms(q: str) -> str | None:
    """An FTS5 expression requiring every gram of ``q`` (each quoted as a phrase), or None when ``q`` has no
    gram the tokenizer keeps: the caller then scans."""
    grams = [g for g in query_grams(q) if any(c.isalnum() for c in g)]
    return " ".join('"' + g.replace('"', '""') + '"' for g in grams) or None


def fts_match(q: str) -> str | None:
    """fts_terms of one query (kept for callers of one form)."""
    return fts_terms(q)


def fts_any(forms: list[str]) -> str | None:
    """An FTS5 expression for texts holding any of ``forms``; None when one of them has no gram (the caller
    then scans)."""
    parts = [fts_terms(f) for f in forms]
    if not parts or any(p is None for p in parts):
        return None
    return parts[0] if len(parts) == 1 else " OR ".join(f"({p})" for p in parts)
