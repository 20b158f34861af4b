"""What the apps contribute to the yearbook as a whole.

The core (editions, their outline, persons, agencies, honours) never imports chronicle, stats, documents
or the editorial office's apps: where a page, the search, the import, the export, the synthetic editions
or the edition's admin page need them, the core asks this registry, which each app fills in its
AppConfig.ready(). The core registers
its own parts the same way, so every list here is complete and in order.

Plain data: nothing here touches the database.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SectionPage:
    """A section kind whose records have a page of their own (大事记 → the chronicle page).

    ``url(section, year)`` is that page; ``category_page`` says whether a category holding only sections of
    this kind is that page too (大事记, 先进模范) instead of a list of its sections."""
    kind: str
    url: Callable[[Any, int], str]
    category_page: bool = False


@dataclass(frozen=True)
class SearchKind:
    """A kind of record readers find through the search box.

    ``queryset(q)`` gives the public matches of a query (yearbook.search.query.Query: the cleaned text, a
    str, with its terms), best first; ``hit(record, q)`` turns one into what the results page shows.
    ``wide``: rows too wide to sort whole (long texts), paged on narrow rows first.
    ``split(queryset, edition)``: for kinds ordered latest edition first, the matches (inside, outside) of
    ``edition``: the first hits are taken from the latest edition's few rows before the others are sorted
    (工作 matches 14,000 entries of fifty editions)."""
    key: str
    label: str
    order: int
    queryset: Callable[[str], Any]
    hit: Callable[[Any, str], Any]
    wide: bool = False
    split: Callable[[Any, Any], tuple[Any, Any]] | None = None


@dataclass(frozen=True)
class MentionList:
    """Records that name a person or an agency, listed on their pages (大事记 on a person's page).

    ``of_person(person)``: the visible records naming the person, latest edition first (a queryset);
    ``of_agency(org, edition)``: those of one edition naming the agency; ``per_edition(org)``: a queryset of the
    agency's references, whose ``edition_path`` counts them per edition. ``label`` and ``unit`` name them in
    counts (大事记 3件), the headings over the lists on each page; rows are rendered by the templates
    ``person_item`` and ``agency_item`` (with ``item`` in their context)."""
    key: str
    label: str
    unit: str
    order: int
    person_heading: str
    agency_heading: str
    of_person: Callable[[Any], Any]
    of_agency: Callable[[Any, Any], Any]
    per_edition: Callable[[Any], Any]
    edition_path: str
    person_item: str
    agency_item: str
    wide: bool = False   # rows too wide to sort whole: chosen and counted on their ids (paging.counted_slice)


@dataclass(frozen=True)
class SectionBlock:
    """What an app adds to a section's page (the statistical tables printed in it).

    ``context(section)`` returns the block's data, or None when the section has none of it; the block is
    rendered by ``template`` with ``block`` (that data) in its context; ``summary(data)`` is the phrase of the
    page's lede ("3张统计表")."""
    key: str
    order: int
    context: Callable[[Any], Any]
    template: str
    summary: Callable[[Any], str]


@dataclass(frozen=True)
class EditionTool:
    """An app's admin page about one edition, linked from the edition's admin page (一致性检查, 书稿导出).

    ``url(edition)`` is the page; it is shown to users with ``permission`` (any editor when empty)."""
    label: str
    order: int
    url: Callable[[Any], str]
    permission: str = ""


@dataclass(frozen=True)
class Step:
    """One step of a whole-edition operation, run in ``order`` with the others.

    - import: ``run(loader)`` writes the app's parsed records (yearbook.loading.Loader);
    - export: ``run(edition)`` returns {key: value} of the open-data JSON;
    - synthetic editions: ``run(cloner)`` copies the app's records into a generated edition."""
    name: str
    order: int
    run: Callable[[Any], Any]


_section_pages: dict[str, SectionPage] = {}
_search_kinds: dict[str, SearchKind] = {}
_mention_lists: dict[str, MentionList] = {}
_section_blocks: dict[str, SectionBlock] = {}
_edition_tools: dict[str, EditionTool] = {}
_steps: dict[str, dict[str, Step]] = {"import": {}, "export": {}, "synthetic": {}}
_sitemaps: dict[str, Any] = {}


def register_section_page(page: SectionPage) -> None:
    _section_pages[page.kind] = page


def register_search_kind(kind: SearchKind) -> None:
    _search_kinds[kind.key] = kind


def register_mention_list(mentions: MentionList) -> None:
    _mention_lists[mentions.key] = mentions


def register_section_block(block: SectionBlock) -> None:
    _section_blocks[block.key] = block


def register_edition_tool(tool: EditionTool) -> None:
    _edition_tools[tool.label] = tool


def register_step(operation: str, step: Step) -> None:
    """Add a step to ``operation`` ("import", "export" or "synthetic"); registering a name again replaces it."""
    _steps[operation][step.name] = step


def register_sitemap(key: str, sitemap) -> None:
    """A django.contrib.sitemaps Sitemap (class) of an app's public pages, a part of sitemap.xml."""
    _sitemaps[key] = sitemap


def sitemaps() -> dict[str, Any]:
    return dict(_sitemaps)


def section_page(kind: str) -> SectionPage | None:
    return _section_pages.get(kind)


def search_kinds() -> list[SearchKind]:
    return sorted(_search_kinds.values(), key=lambda k: k.order)


def search_kind(key: str) -> SearchKind | None:
    return _search_kinds.get(key)


def mention_lists() -> list[MentionList]:
    return sorted(_mention_lists.values(), key=lambda m: m.order)


def section_blocks() -> list[SectionBlock]:
    return sorted(_section_blocks.values(), key=lambda b: b.order)


def edition_tools() -> list[EditionTool]:
    return sorted(_edition_tools.values(), key=lambda t: t.order)


def steps(operation: str) -> list[Step]:
    return sorted(_steps[operation].values(), key=lambda s: s.order)
