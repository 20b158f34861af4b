"""Errors and review items of the parser (no Django).

``ParseError`` stops a parse. ``ReviewLog`` is how every stage reports what it
could not read: in a tolerant parse (the default) a problem becomes a
``ReviewItem`` and the stage goes on with its best reading; in a strict parse
(``strict=True``) the first blocking problem raises ``ParseError`` as the parser
always did. Notices (suspicions such as two persons who may be one) never block.
"""
from __future__ import annotations

from .records import ReviewItem


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


class ReviewLog:
    """The review items of one parse, in the order they were found."""

    def __init__(self, path: str, strict: bool = False):
        self.path = path
        self.strict = strict
        self.items: list[ReviewItem] = []

    def problem(self, code: str, message: str, line: int | None, *, printed: str = "", guess: str = "",
                error: str = "", path: str | None = None) -> ReviewItem:
        """Something the parser could not read. ``message`` is for editors (Chinese);
        ``error`` is the ParseError text of a strict parse (defaults to ``message``)."""
        if self.strict:
            raise ParseError(error or message, path or self.path, line)
        return self._add(code, message, line, printed, guess, True, path)

    def notice(self, code: str, message: str, line: int | None, *, printed: str = "", guess: str = "",
               path: str | None = None) -> ReviewItem:
        """A suspicion worth an editor's look; never stops a parse."""
        return self._add(code, message, line, printed, guess, False, path)

    def _add(self, code, message, line, printed, guess, blocking, path) -> ReviewItem:
        item = ReviewItem(code=code, message=message, file=path or self.path, line=line,
                          printed=printed, guess=guess, blocking=blocking)
        self.items.append(item)
        return item
