"""What every search of the site stands on: Chinese (one character and up), pinyin, names as people type them.

- ``engine``: one interface, a backend per database (the gram index, its upkeep);
- ``grams``: the index's terms; ``query``: how a query is read (words, name forms, traditional characters);
- ``hits``: what a result shows (highlighted snippets).

The search itself is a read of the reader's site: yearbook.selectors.search, over the kinds the core
(yearbook.selectors.search_kinds) and the apps register through yearbook.registry.
"""
from yearbook.search.engine import containing  # noqa: F401  (the interface the kinds use)
