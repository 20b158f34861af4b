"""The character/pair index of entries on SQLite: an FTS5 table kept in step by triggers.

PostgreSQL has its GIN expression index (0005). SQLite has no expression GIN index, so
the terms (yearbook.grams.text_grams, registered on every connection as yearbook_grams)
go into a contentless FTS5 table whose rowid is the entry's id; triggers on the entry
table insert and delete them, so every write (import, admin, bulk update) keeps it in
step without any code. A connection without the function (the sqlite3 shell) cannot
write entries: the triggers would fail, loudly, rather than leave the index stale.

If a later migration rebuilds yearbook_entry (SQLite's way of altering a table), the
triggers go with the old table: tests/site/test_search_index.py checks they exist.
"""
from django.db import migrations

from yearbook.grams import text_grams

TABLE = "yearbook_entry_grams"
CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(grams, content='', tokenize='unicode61')",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON yearbook_entry BEGIN
        INSERT INTO {TABLE}(rowid, grams) VALUES (new.id, yearbook_grams(new.title, new.body)); END""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON yearbook_entry BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, grams) VALUES ('delete', old.id, yearbook_grams(old.title, old.body));
        END""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF title, body ON yearbook_entry BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, grams) VALUES ('delete', old.id, yearbook_grams(old.title, old.body));
        INSERT INTO {TABLE}(rowid, grams) VALUES (new.id, yearbook_grams(new.title, new.body)); END""",
    f"INSERT INTO {TABLE}(rowid, grams) SELECT id, yearbook_grams(title, body) FROM yearbook_entry",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.connection.connection.create_function("yearbook_grams", 2, text_grams, deterministic=True)
    for sql in CREATE:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("yearbook", "0005_search_grams")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
