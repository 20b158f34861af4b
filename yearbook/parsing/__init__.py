"""The yearbook parser: OCR text in, typed dataclasses out (no Django here).

Stages, each testable on its own:
  source.load_source   read, choose the source profile (profile.py), apply its
                       corrections, clean lines
  segment.segment      cut the body into the profile's outline sections
  frontmatter, sections, chronicle, rosters, honours, tables, documents
                       parse each record type from its segments
  organizations, persons, mentions
                       link agencies and persons across records, check person identities
  reader_notes         find the profile's readers' notes on the lines that print them
What the parse could not read is collected as review items (``Yearbook.review_items``);
with ``strict=True`` the first such problem stops the parse instead.
The loader (yearbook/loading.py) writes the result into the database.

What is generic and what is data. This package knows the genre, a Chinese local
yearbook (年鉴), not one book: 【】 entry headings, (供稿…) credits, 领导班子成员 /
组成人员 rosters with (任 / 任至 / 女 / 挂职) notes, 大事记 with 月 lines, Δ and 是月,
第X章 / 第X节 / 第X条 documents with 文号 〔YYYY〕, 统计表 / 统计公报 tables, the
imprint labels of a Chinese book, official titles and the vocabulary of agency names
(局, 镇, 社区, 中共, 国务院, 区/县 …), common surnames, national ministries and parties,
and OCR habits (page-number debris, padded two-character names, ** and - artefacts).
Everything that names one book (its title pattern, front-matter headings, outline as
printed with its OCR damage, jurisdiction names and prefixes, document issuers,
corrections, and the structural fixes of an edition: rowspans, glyph readings, roster
moves, displaced text, line repairs) is its source profile (``profile.py``,
``sources/profiles/<name>/``).
"""
from __future__ import annotations

from pathlib import Path

from .errors import ParseError
from .records import Yearbook
from .segment import segment
from .source import SourceText, load_source

__all__ = ["ParseError", "parse_yearbook", "parse_source", "Yearbook", "load_source"]


def parse_source(source: SourceText) -> Yearbook:
    from . import (chronicle, documents, frontmatter, honours, mentions, organizations, persons, reader_notes,
                   rosters, sections, tables)

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
    book.mentions = mentions.find_mentions(book, profile=source.profile)
    book.edition.reader_notes = reader_notes.anchor_reader_notes(source)
    book.review_items = list(source.review.items)
    return book


def parse_yearbook(path: str | Path, corrections_dir: Path | None = None, *, profile=None,
                   strict: bool = False) -> Yearbook:
    return parse_source(load_source(path, corrections_dir, profile=profile, strict=strict))
