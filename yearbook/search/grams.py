"""Characters and character pairs: the terms of the search index (no Django here).

A Chinese query of one or two characters has no trigram, so trigram indexes cannot
answer it (NOTES.md); an index of every character and every adjacent pair can, exactly,
and narrows a longer query to the texts holding all its pairs. PostgreSQL computes the
terms in SQL (migration 0005); SQLite calls text_grams() (registered on each connection,
see apps.py) from the triggers that keep its FTS5 table in step (migration 0006).
"""
from __future__ import annotations


def query_grams(q: str) -> list[str]:
    """What a text containing ``q`` must hold: ``q`` itself up to two characters, else each of its pairs."""
    return [q] if len(q) <= 2 else sorted({q[i:i + 2] for i in range(len(q) - 1)})


def text_grams(*texts: str | None) -> str:
    """Every distinct character and adjacent pair of the texts (joined by a newline, as PostgreSQL's
    yearbook_grams does), space-separated: FTS5's unicode61 tokenizer reads each as a token."""
    text = "\n".join(t or "" for t in texts)
    grams = dict.fromkeys(text)
    grams.update(dict.fromkeys(text[i:i + 2] for i in range(len(text) - 1)))
    # A pair with a space or a newline in it would come out of the tokenizer as a single character,
    # one already listed; punctuation alone makes no token at all.
    return " ".join(g for g in grams if any(c.isalnum() for c in g) and not any(c.isspace() for c in g))


def fts_match(q: str) -> str | None:
    """An FTS5 MATCH expression requiring every gram of ``q`` (each quoted as a phrase), or None when
    ``q`` has no gram the tokenizer keeps (punctuation only): the caller then scans."""
    grams = [g for g in query_grams(q) if any(c.isalnum() for c in g)]
    return " ".join('"' + g.replace('"', '""') + '"' for g in grams) or None
