"""The SQL function of the character and character-pair index for Chinese search on PostgreSQL.

pg_trgm cannot answer 1- and 2-character queries (a name like 恒山 has no trigram) and a
LIKE scan of fifty editions' entry bodies costs more than a page's budget. yearbook_grams(a, b)
returns every character and every pair of adjacent characters of a and b; a GIN index over it
finds the rows holding 恒 or 恒山 exactly, and narrows longer queries to the rows holding all
their pairs (the LIKE then rechecks those few). The index is an expression index: PostgreSQL
maintains it on every write, so no column or code has to keep it in step. Each app indexes its own
tables with yearbook.search.engine.GramIndex (0006 here), which also serves SQLite.

The SQL is the engine's (yearbook/search/engine.py, PostgresEngine.FUNCTION).
"""
from django.db import migrations

from yearbook.search.engine import engine


def create(apps, schema_editor):
    engine(schema_editor.connection).install(schema_editor)


def drop(apps, schema_editor):
    engine(schema_editor.connection).uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("yearbook", "0004_content_version")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
