"""The tables' titles and row labels under the search's gram index (yearbook/search/engine.py), on either
engine."""
from django.db import migrations

from yearbook.search.engine import GramIndex


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_cell_spans"), ("yearbook", "0012_search_text_tables")]

    operations = [
        GramIndex(table="stats_stattable", columns=("title",), name="stattable_text_grams"),
        GramIndex(table="stats_tablerow", columns=("label",), name="tablerow_text_grams"),
    ]
