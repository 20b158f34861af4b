"""The texts under the gram indexes get a statistics target of 1 on PostgreSQL (see PostgresEngine.tune_index:
their histograms made planning a many-form search take 17 ms); nothing to do on SQLite."""
from django.db import migrations

from yearbook.search.engine import engine


def tune(apps, schema_editor):
    eng = engine(schema_editor.connection)
    if hasattr(eng, "gram_indexes"):
        with schema_editor.connection.cursor() as cursor:
            for name in eng.gram_indexes(cursor):
                eng.tune_index(cursor, name)


class Migration(migrations.Migration):
    dependencies = [("yearbook", "0008_search_squashed_grams")]

    operations = [migrations.RunPython(tune, migrations.RunPython.noop, elidable=False)]
