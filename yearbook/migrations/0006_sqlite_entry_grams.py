"""The entries' titles and bodies under the search's gram index, on either engine.

On SQLite: a contentless FTS5 table yearbook_entry_grams kept in step by triggers; on PostgreSQL the GIN
expression index entry_text_grams (see yearbook/search/engine.py, GramIndex). If a later migration rebuilds
yearbook_entry (SQLite's way of altering a table), the triggers go with the old table:
tests/site/test_search_index.py checks they exist.
"""
from django.db import migrations

from yearbook.search.engine import GramIndex


class Migration(migrations.Migration):
    dependencies = [("yearbook", "0005_search_grams")]

    operations = [GramIndex(table="yearbook_entry", columns=("title", "body"), name="entry_text_grams")]
