"""The site's one search box: every record kind, in Chinese (one character and up) and in pinyin.

- ``engine``: one interface, a backend per database (the gram index, its upkeep);
- ``hits``: what a result shows (highlighted snippets);
- ``kinds``: what the core makes searchable (persons, agencies, entries, honours); the apps register theirs
  (events, tables, documents) in their AppConfig.ready() through yearbook.registry;
- ``service``: the search itself, grouped by kind.
"""
from yearbook.search.engine import containing  # noqa: F401  (the interface the kinds use)
