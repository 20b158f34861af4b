"""The yearbook parser: OCR text in, typed dataclasses out (no Django here).

Stages, each testable on its own:
  source.load_source   read, choose the source profile (profile.py), apply its
                       corrections, clean lines
  segment.segment      cut the body into the profile's outline sections
  frontmatter, sections, chronicle, rosters, honours, tables, documents
                       parse each record type from its segments
  organizations, persons, mentions
                       link agencies and persons across records, check person identities
What the parse could not read is collected as review items (``Yearbook.review_items``);
with ``strict=True`` the first such problem stops the parse instead.
The loader (yearbook/loading.py) writes the result into the database.
"""
from __future__ import annotations

from pathlib import Path

from .errors import ParseError
from .records import Yearbook
from .segment import Segment, segment
from .source import SourceText, load_source

__all__ = ["ParseError", "parse_yearbook", "parse_source", "Yearbook", "load_source"]


def parse_source(source: SourceText) -> Yearbook:
    from . import (chronicle, documents, frontmatter, honours, mentions, organizations, persons, rosters, sections,
                   tables)

    segments = segment(source)
    by_kind = lambda kind: [s for s in segments if s.outline.kind == kind]  # noqa: E731
    book = Yearbook(source_path=source.path, edition=frontmatter.parse_front_matter(source),
                    profile=source.profile.name)
    book.sections = sections.parse_sections(source, segments)
    if chronicle_segments := by_kind("chronicle"):
        book.chronicle = chronicle.parse_chronicle(source, chronicle_segments[0])
    book.rosters = rosters.parse_rosters(source, segments)
    book.honours = honours.parse_honours(source, by_kind("honours"))
    book.tables, book.bulletin = tables.parse_tables(source, segments)
    if document_segments := by_kind("documents"):
        book.documents = documents.parse_documents(source, document_segments[0])
    book.organizations = organizations.build_organizations(book, source.profile)
    organizations.link_honours(book, book.organizations, source.profile)
    persons.check_identities(book, source.review)
    book.mentions = mentions.find_mentions(book)
    book.review_items = list(source.review.items)
    return book


def parse_yearbook(path: str | Path, corrections_dir: Path | None = None, *, profile=None,
                   strict: bool = False) -> Yearbook:
    return parse_source(load_source(path, corrections_dir, profile=profile, strict=strict))
