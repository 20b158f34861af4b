"""The yearbook parser: OCR text in, typed dataclasses out (no Django here).

Stages, each testable on its own:
  source.load_source   read + apply the corrections file + per-line cleaning
  segment.segment      cut the body into the outline's sections
  frontmatter, sections, chronicle, rosters, honours, tables, documents
                       parse each record type from its segments
  organizations, mentions
                       link agencies and persons across records
The loader (yearbook/loading.py) writes the result into the database.
"""
from __future__ import annotations

from pathlib import Path

from .records import Yearbook
from .source import ParseError, SourceText, load_source
from .segment import Segment, segment

__all__ = ["ParseError", "parse_yearbook", "parse_source", "Yearbook"]


def parse_source(source: SourceText) -> Yearbook:
    from . import chronicle, documents, frontmatter, honours, mentions, organizations, rosters, sections, tables

    segments = segment(source)
    by_kind = lambda kind: [s for s in segments if s.outline.kind == kind]  # noqa: E731
    book = Yearbook(source_path=source.path, edition=frontmatter.parse_front_matter(source))
    book.sections = sections.parse_sections(source, segments)
    book.chronicle = chronicle.parse_chronicle(source, by_kind("chronicle")[0])
    book.rosters = rosters.parse_rosters(source, segments)
    book.honours = honours.parse_honours(source, by_kind("honours"))
    book.tables, book.bulletin = tables.parse_tables(source, segments)
    book.documents = documents.parse_documents(source, by_kind("documents")[0])
    book.organizations = organizations.build_organizations(book)
    book.mentions = mentions.find_mentions(book)
    return book


def parse_yearbook(path: str | Path, corrections_dir: Path | None = None) -> Yearbook:
    return parse_source(load_source(path, corrections_dir))
