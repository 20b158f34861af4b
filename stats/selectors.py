"""Read queries of the statistics: an edition's tables, the bulletin and the key figures' series."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from stats.layout import table_layout
from stats.models import Bulletin, BulletinChapter, StatTable, TableRow
from yearbook.models import Edition, KeyFigure, Section
from yearbook.selectors.editions import visible_editions
from yearbook.selectors.visibility import visible_statuses


def tables_prefetched(queryset):
    """Tables with their columns, rows and cells (four queries, however many tables)."""
    rows = TableRow.objects.order_by("order").prefetch_related("cells")
    return queryset.order_by("order").prefetch_related("columns", Prefetch("rows", rows))


def tables_of_section(section: Section) -> list[StatTable]:
    return list(tables_prefetched(StatTable.objects.filter(section=section)))


def table_list(edition: Edition):
    return list(edition.tables.select_related("section__category").order_by("order"))


def table_get(edition: Edition, key: str) -> StatTable:
    table = tables_prefetched(StatTable.objects.filter(edition=edition, key=key)
                              .select_related("section__category")).first()
    if table is None:
        raise Http404("no such table")
    return table


SERIES_EDITIONS = 10   # the key figures' series: the edition shown and the nine published before it


@dataclass
class SeriesPoint:
    value: object
    value_text: str
    unit: str


@dataclass
class StatsIndex:
    bulletin: object
    chapters: list   # (BulletinChapter, [its StatTables])
    tables: list
    key_figures: list
    series: dict  # indicator -> [SeriesPoint or None per year of series_years], if in several editions
    series_years: list


def key_figure_series(edition: Edition, key_figures: list) -> tuple[dict, list]:
    """The edition's key figures over it and the SERIES_EDITIONS - 1 visible editions before it, one cell per
    year (None where an edition lacks the indicator); indicators found in one edition only are left out.
    Bounded: fifty editions of 46 figures were 2,300 rows and a 50-column table."""
    years = [e.year for e in visible_editions() if e.year <= edition.year][:SERIES_EDITIONS]
    points: dict[str, dict[int, SeriesPoint]] = {}
    rows = (KeyFigure.objects.filter(edition__status__in=visible_statuses(), edition__year__in=years,
                                     indicator__in=[k.indicator for k in key_figures])
            .values_list("indicator", "edition__year", "value", "value_text", "unit"))
    for indicator, year, value, value_text, unit in rows:
        if value is not None or value_text:   # a figure given only as a change (比上年增长5.26%) has no level
            points.setdefault(indicator, {})[year] = SeriesPoint(value, value_text, unit)
    order = {k.indicator: i for i, k in enumerate(key_figures)}
    shown = sorted((i for i, by_year in points.items() if len(by_year) > 1), key=order.get)
    series_years = sorted({year for i in shown for year in points[i]})
    return {i: [points[i].get(year) for year in series_years] for i in shown}, series_years


def stats_index(edition: Edition) -> StatsIndex:
    bulletin = Bulletin.objects.filter(edition=edition).first()
    chapters = list(BulletinChapter.objects.filter(edition=edition).order_by("number"))
    key_figures = list(edition.key_figures.order_by("order"))
    series, series_years = key_figure_series(edition, key_figures)
    tables = table_list(edition)
    by_number = {t.number: t for t in tables if t.number}
    return StatsIndex(bulletin=bulletin, tables=tables, key_figures=key_figures, series=series,
                      chapters=[(c, [by_number[n] for n in c.tables if n in by_number]) for c in chapters],
                      series_years=series_years)


def section_tables(section: Section) -> list:
    """The tables printed in a section, with their layouts (registry.SectionBlock "tables")."""
    return [(t, table_layout(t)) for t in tables_of_section(section)]
