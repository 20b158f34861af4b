"""The gram indexes over the texts without spaces and punctuation (yearbook/search/grams.py), so that
不忘初心牢记使命 finds 不忘初心、牢记使命; on PostgreSQL with small GIN pending lists, so that admin edits do not
slow every search until the next ANALYZE.

Rebuilds every gram index of the database (entries, and the apps' events and articles), on either engine:
the SQL function and the Python function compute the new terms, the indexes are refilled with them.
"""
from django.db import migrations

from yearbook.search.engine import engine


def refresh(apps, schema_editor):
    engine(schema_editor.connection).refresh(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("yearbook", "0007_section_kind")]

    operations = [migrations.RunPython(refresh, refresh, elidable=False)]
