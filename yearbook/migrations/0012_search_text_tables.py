"""The gram indexes keep the squashed texts they index in tables of their own (``<table>_text``), against which
a longer query is checked with a plain LIKE (see yearbook/search/engine.py); the honours come under the index.

Rebuilds every gram index of the database in that layout (entries, and the apps' events and articles, found by
their SEARCH_TEXT), on either engine; on PostgreSQL the former expression indexes and their function go.
"""
from django.db import migrations

from yearbook.search.engine import GramIndex, engine


def refresh(apps, schema_editor):
    engine(schema_editor.connection).refresh(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("yearbook", "0011_constraint_messages")]

    operations = [
        migrations.RunPython(refresh, migrations.RunPython.noop, elidable=False),
        GramIndex(table="yearbook_honour", columns=("recipient", "award", "work_unit"), name="honour_text_grams"),
    ]
