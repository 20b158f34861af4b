"""A character and character-pair index for Chinese search on PostgreSQL.

pg_trgm cannot answer 1- and 2-character queries (a name like 恒山 has no trigram) and a
LIKE scan of fifty editions' entry bodies costs more than a page's budget. yearbook_grams(a, b)
returns every character and every pair of adjacent characters of a and b; a GIN index over it
finds the rows holding 恒 or 恒山 exactly, and narrows longer queries to the rows holding all
their pairs (the LIKE then rechecks those few). The index is an expression index: PostgreSQL
maintains it on every write, so no column or code has to keep it in step. SQLite has none of
this and scans (see yearbook/search.py).

COST 10000 (0.2 ms a call) keeps the planner from evaluating it row by row as a filter, as it
did for 工作 (2.8 s) before it was told. The function walks the text once (unnest … lead): substr(t, i, 2) on a multibyte string is
O(i), which made the first version quadratic (10 ms per entry body instead of 0.2 ms).
"""
from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION yearbook_grams(a text, b text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(x), '{}') || coalesce(array_agg(x || y) FILTER (WHERE y IS NOT NULL), '{}')
  FROM (SELECT x, lead(x) OVER (ORDER BY i) AS y
        FROM unnest(regexp_split_to_array(a || E'\n' || b, '')) WITH ORDINALITY AS chars(x, i)) pairs
$$
"""

INDEXES = {
    "entry_text_grams": ("yearbook_entry", "title, body"),
    "event_text_grams": ("chronicle_event", "text, ''"),
    "article_text_grams": ("documents_article", "text, ''"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for name, (table, columns) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (yearbook_grams({columns}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS yearbook_grams(text, text)")


class Migration(migrations.Migration):
    dependencies = [
        ("yearbook", "0004_content_version"),
        ("chronicle", "0002_editorial_workflow"),
        ("documents", "0002_editorial_workflow"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
