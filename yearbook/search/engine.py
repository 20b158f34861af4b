"""The search engine: one interface, a backend per database.

Matching is ``__contains`` (LIKE), narrowed first by an index of characters and character pairs
(yearbook.search.grams) over the texts a model declares as ``SEARCH_TEXT`` (one or two fields):
- PostgreSQL: a GIN expression index ``gin (yearbook_grams(a, b))``, which PostgreSQL keeps itself;
- SQLite: a contentless FTS5 table ``<table>_grams`` of the same terms, kept by triggers that call
  ``yearbook_grams()``, a Python function registered on every connection.
Up to two characters the index answers exactly (恒, 恒山: no LIKE, which would read every matching text);
longer queries take the rows holding all their pairs, then LIKE. Any other database scans with LIKE.

The backends also own what their index needs besides: creating and dropping it (GramIndex, a migration
operation the apps use for their own tables), the connection's setup, and the maintenance after a bulk
load (ANALYZE, merging GIN pending lists, VACUUM).
"""
from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import connection as default_connection
from django.db import migrations
from django.db.models import Func, Q, TextField, Value
from django.db.models.expressions import RawSQL

from yearbook import rules
from yearbook.search.grams import fts_match, query_grams, text_grams


def search_fields(model) -> tuple[str, ...]:
    """The text fields of ``model`` under the gram index (``SEARCH_TEXT``), or none."""
    return tuple(getattr(model, "SEARCH_TEXT", ()))


class Engine:
    """Plain LIKE: what every database can do."""

    vendor = ""
    wide_rows_first = False   # page long rows on narrow ones first (see selectors.paging.counted_slice)

    def containing(self, queryset, q: str, fields: tuple[str, ...]):
        """Rows of ``queryset`` where one of ``fields`` contains ``q``."""
        return queryset.filter(_any_contains(q, fields))

    # -- the index, for migrations -------------------------------------------------------------
    def install(self, schema_editor) -> None:
        """What the index needs in the database before any table is indexed."""

    def uninstall(self, schema_editor) -> None:
        pass

    def create_index(self, schema_editor, table: str, columns: tuple[str, ...], name: str) -> None:
        pass

    def drop_index(self, schema_editor, table: str, name: str) -> None:
        pass

    # -- connections and maintenance ---------------------------------------------------------
    def prepare(self, connection) -> None:
        """Set up a new connection."""

    def after_bulk_load(self, tables: list[str]) -> None:
        """Inside the load's transaction: bring the planner and the index up to date."""

    def after_commit(self) -> None:
        """Once a bulk load is committed."""


def _any_contains(q: str, fields) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__contains": q})
    return condition


def _pair(columns: tuple[str, ...]) -> tuple[str, str]:
    """The two texts of yearbook_grams(a, b): a model's SEARCH_TEXT, the second '' when there is one field."""
    if not 1 <= len(columns) <= 2:
        raise ValueError(f"a gram index covers one or two text fields, not {columns}")
    return columns[0], columns[1] if len(columns) == 2 else ""


class TextGrams(Func):
    """yearbook_grams(a, b): the characters and adjacent pairs of two texts (SQL of migration yearbook 0005)."""
    function = "yearbook_grams"
    arity = 2
    output_field = ArrayField(TextField())


class PostgresEngine(Engine):
    vendor = "postgresql"
    # The terms in SQL. COST 10000 (0.2 ms a call) keeps the planner from evaluating it row by row as a
    # filter, as it did for 工作 (2.8 s) before it was told. It walks the text once (unnest … lead):
    # substr(t, i, 2) on a multibyte string is O(i), which made a first version quadratic (10 ms per body).
    FUNCTION = r"""
CREATE OR REPLACE FUNCTION yearbook_grams(a text, b text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(x), '{}') || coalesce(array_agg(x || y) FILTER (WHERE y IS NOT NULL), '{}')
  FROM (SELECT x, lead(x) OVER (ORDER BY i) AS y
        FROM unnest(regexp_split_to_array(a || E'\n' || b, '')) WITH ORDINALITY AS chars(x, i)) pairs
$$
"""

    def install(self, schema_editor):
        schema_editor.execute(self.FUNCTION)

    def uninstall(self, schema_editor):
        schema_editor.execute("DROP FUNCTION IF EXISTS yearbook_grams(text, text) CASCADE")

    def containing(self, queryset, q, fields):
        indexed = search_fields(queryset.model)
        if not indexed or tuple(fields) != indexed:
            return super().containing(queryset, q, fields)
        first, second = _pair(indexed)
        # Exactly the expression of the index, or PostgreSQL would not use it (and scan, silently).
        queryset = (queryset.alias(text_grams=TextGrams(first, second or Value("")))
                    .filter(text_grams__contains=query_grams(q)))
        return queryset if len(q) <= 2 else queryset.filter(_any_contains(q, fields))

    def create_index(self, schema_editor, table, columns, name):
        first, second = _pair(columns)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                              f"USING gin (yearbook_grams({first}, {second or chr(39) * 2}))")

    def drop_index(self, schema_editor, table, name):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    def prepare(self, connection):
        pass   # JIT is off in the connection options (config/env.py): compiling a search cost 40 ms

    def after_bulk_load(self, tables):
        from django.db import connection

        with connection.cursor() as cursor:
            # Right after an import the planner still believes the tables nearly empty and picks nested
            # loops that take a second per page; autovacuum would only catch up a minute later.
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in dict.fromkeys(tables)))
            # The GIN indexes take a bulk load into their pending list, which every search then reads
            # linearly until a VACUUM: merge it now, inside the transaction.
            cursor.execute("SELECT gin_clean_pending_list(indexrelid) FROM pg_index "
                           "WHERE pg_get_indexdef(indexrelid) LIKE %s", ["%USING gin (yearbook_grams(%"])

    def after_commit(self):
        """VACUUM (ANALYZE), which cannot run inside a transaction (inside one, as in tests, nothing).
        Otherwise autovacuum does it a minute later, amid the traffic: its ANALYZE recomputes the index's
        expression statistics, seconds of CPU, and the benchmark measured pages a third slower meanwhile."""
        from django.db import connection

        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def fts_table(table: str) -> str:
    return f"{table}_grams"


class SqliteEngine(Engine):
    vendor = "sqlite"
    # Sorting whole rows of fifty editions' entries cost 28 ms for 恒 and 390 ms for 工作 (10 and 55 ms
    # narrow first). On PostgreSQL the second pass made the rare names slower (9 → 17 ms for 恒): not there.
    wide_rows_first = True

    def containing(self, queryset, q, fields):
        indexed = search_fields(queryset.model)
        match = fts_match(q)
        if not indexed or tuple(fields) != indexed or match is None:
            return super().containing(queryset, q, fields)
        table = fts_table(queryset.model._meta.db_table)
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match]))
        if len(q) <= 2 and rules.all_han(q):   # the tokenizer changes no Chinese character: exact
            return queryset
        return queryset.filter(_any_contains(q, fields))

    def create_index(self, schema_editor, table, columns, name):
        """A contentless FTS5 table whose rowid is the row's id, and the triggers that keep it in step: every
        write (import, admin, bulk update) updates it without any code. A connection without the function
        (the sqlite3 shell) cannot write the table's rows: the triggers fail, loudly, rather than leave the
        index stale. A migration that rebuilds ``table`` (SQLite's way of altering one) drops the triggers:
        tests/site/test_search_index.py checks they exist."""
        self.prepare(schema_editor.connection)
        grams = fts_table(table)
        first, second = _pair(columns)
        new = f"yearbook_grams(new.{first}, {'new.' + second if second else chr(39) * 2})"
        old = f"yearbook_grams(old.{first}, {'old.' + second if second else chr(39) * 2})"
        watched = ", ".join(c for c in (first, second) if c)
        for sql in [
            f"CREATE VIRTUAL TABLE {grams} USING fts5(grams, content='', tokenize='unicode61')",
            f"CREATE TRIGGER {grams}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {grams}(rowid, grams) VALUES (new.id, {new}); END",
            f"CREATE TRIGGER {grams}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {grams}({grams}, rowid, grams) VALUES ('delete', old.id, {old}); END",
            f"CREATE TRIGGER {grams}_update AFTER UPDATE OF {watched} ON {table} BEGIN "
            f"INSERT INTO {grams}({grams}, rowid, grams) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {grams}(rowid, grams) VALUES (new.id, {new}); END",
            f"INSERT INTO {grams}(rowid, grams) SELECT id, {new.replace('new.', '')} FROM {table}",
        ]:
            schema_editor.execute(sql)

    def drop_index(self, schema_editor, table, name):
        grams = fts_table(table)
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {grams}_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {grams}")

    def prepare(self, connection):
        """yearbook_grams(a, b) for the triggers of the FTS5 tables."""
        connection.connection.create_function("yearbook_grams", 2, text_grams, deterministic=True)


ENGINES = {e.vendor: e for e in (PostgresEngine(), SqliteEngine())}


def engine(connection=None) -> Engine:
    """The search engine of a database connection (the default one unless told)."""
    return ENGINES.get((connection or default_connection).vendor) or Engine()


def containing(queryset, q: str, *fields: str):
    """Rows of ``queryset`` where one of ``fields`` contains ``q``, through the gram index where there is one."""
    return engine().containing(queryset, q, fields)


def prepare_connection(sender, connection, **kwargs) -> None:
    """connection_created: let the connection's engine set it up."""
    engine(connection).prepare(connection)


class GramIndex(migrations.RunPython):
    """A migration operation: the gram index over ``columns`` of ``table`` on whichever engine migrates.

    ``name`` is the index's name on PostgreSQL (SQLite's table is ``<table>_grams``). Reversible."""

    def __init__(self, table: str, columns: tuple[str, ...], name: str):
        self.table, self.columns, self.name = table, tuple(columns), name
        super().__init__(self._create, self._drop, elidable=False)

    def _create(self, apps, schema_editor):
        engine(schema_editor.connection).create_index(schema_editor, self.table, self.columns, self.name)

    def _drop(self, apps, schema_editor):
        engine(schema_editor.connection).drop_index(schema_editor, self.table, self.name)

    def deconstruct(self):
        return self.__class__.__name__, [], {"table": self.table, "columns": self.columns, "name": self.name}

    def describe(self):
        return f"Gram index {self.name} on {self.table} ({', '.join(self.columns)})"
