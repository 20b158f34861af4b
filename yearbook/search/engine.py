"""The search engine: one interface, a backend per database.

A query's terms are ANDed; a term matches a text holding any of its forms, spaces and punctuation
ignored (yearbook.search.query). Matching is narrowed first by an index of the characters and character
pairs of the squashed texts (yearbook.search.grams) a model declares as ``SEARCH_TEXT`` (one or two fields):
- PostgreSQL: a GIN expression index ``gin (yearbook_grams(a, b))``, which PostgreSQL keeps itself;
- SQLite: a contentless FTS5 table ``<table>_grams`` of the same terms, kept by triggers that call
  ``yearbook_grams()``, a Python function registered on every connection.
Up to two characters the index answers exactly (恒, 恒山: no LIKE, which would read every matching text);
longer forms take the rows holding all their pairs, then ``text_match`` (LIKE, or a regular expression
allowing punctuation between the characters). Any other database scans with text_match.

The backends also own what their index needs besides: creating and dropping it (GramIndex, a migration
operation the apps use for their own tables), the connection's setup, and the maintenance after a bulk
load (ANALYZE, merging GIN pending lists, VACUUM), and the settings that keep searches fast after
edits (``tune_index``: small GIN pending lists, so a hundred admin saves do not make every search read
them linearly until the next VACUUM or ANALYZE).
"""
from __future__ import annotations

import re

from django.contrib.postgres.fields import ArrayField
from django.db import connection as default_connection
from django.db import migrations
from django.db.models import Func, Q, TextField, Value
from django.db.models.expressions import RawSQL

from yearbook.search.grams import IGNORED_CLASS, fts_any, query_grams, separated_pattern, text_grams
from yearbook.search.query import as_query


def search_fields(model) -> tuple[str, ...]:
    """The text fields of ``model`` under the gram index (``SEARCH_TEXT``), or none."""
    return tuple(getattr(model, "SEARCH_TEXT", ()))


class Engine:
    """Plain LIKE: what every database can do."""

    vendor = ""
    wide_rows_first = False   # page long rows on narrow ones first (see selectors.paging.counted_slice)

    def containing(self, queryset, q, fields: tuple[str, ...]):
        """Rows of ``queryset`` where, for every term of ``q``, one of ``fields`` holds one of its forms."""
        query = as_query(q)
        if not query.terms:
            return queryset.none()
        for term in query.terms:
            queryset = self.holding_any(queryset, term.forms, fields)
        return queryset

    def holding_any(self, queryset, forms, fields):
        """Rows where one of ``fields`` holds one of ``forms`` (squashed query texts)."""
        return queryset.filter(text_match(forms, fields))

    def scope(self, queryset, column: str, ids: list[int]):
        """Rows whose ``column`` is one of ``ids`` (a literal list: see PostgresEngine.scope)."""
        return queryset.filter(**{f"{column}__in": ids})

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

    def refresh(self, schema_editor) -> None:
        """Rebuild every gram index with the terms as the code now computes them (a migration after a change
        of grams.text_grams or FUNCTION)."""


def text_match(forms, fields) -> Q:
    """One of ``fields`` holds one of ``forms``: as typed (LIKE), or with spaces and punctuation between the
    characters (不忘初心牢记使命 in 不忘初心、牢记使命). The regular expression, slow on SQLite (a Python call a
    row), is only tried on rows holding the form's first and last characters."""
    condition = Q()
    for form in forms:
        for name in fields:
            condition |= Q(**{f"{name}__contains": form})
            if len(form) > 1:
                condition |= (Q(**{f"{name}__contains": form[0]}) & Q(**{f"{name}__contains": form[-1]})
                              & Q(**{f"{name}__regex": separated_pattern(form)}))
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
    # The terms in SQL, of the texts squashed as grams.squash does (IGNORED_CLASS). COST 10000 (0.2 ms a
    # call) keeps the planner from evaluating it row by row as a filter, as it did for 工作 (2.8 s) before it
    # was told. It walks the text once (unnest … lead): substr(t, i, 2) on a multibyte string is O(i), which
    # made a first version quadratic (10 ms per body). No pair across the newline joining a and b.
    FUNCTION = r"""
CREATE OR REPLACE FUNCTION yearbook_grams(a text, b text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(x) FILTER (WHERE x <> E'\n'), '{}')
         || coalesce(array_agg(x || y) FILTER (WHERE y IS NOT NULL AND x <> E'\n' AND y <> E'\n'), '{}')
  FROM (SELECT x, lead(x) OVER (ORDER BY i) AS y
        FROM unnest(regexp_split_to_array(regexp_replace(a, '@IGNORED@', '', 'g') || E'\n'
                                          || regexp_replace(b, '@IGNORED@', '', 'g'), ''))
             WITH ORDINALITY AS chars(x, i)) pairs
$$
""".replace("@IGNORED@", IGNORED_CLASS.replace("'", "''"))
    # A search reads a GIN index's whole pending list (rows written since its last merge) linearly: after a
    # hundred admin saves of long entries, every search slowed from 40 to 200–300 ms until an ANALYZE merged
    # it. 64 kB (the least PostgreSQL allows) has it merged every few saves.
    PENDING_LIST_KB = 64

    def install(self, schema_editor):
        schema_editor.execute(self.FUNCTION)

    def gram_indexes(self, cursor) -> list[str]:
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE pg_get_indexdef(indexrelid) LIKE %s",
                       ["%USING gin (yearbook_grams(%"])
        return [row[0] for row in cursor.fetchall()]

    def refresh(self, schema_editor):
        """The function as the code defines it, every gram index rebuilt with it and tuned."""
        self.install(schema_editor)
        with schema_editor.connection.cursor() as cursor:
            for name in self.gram_indexes(cursor):
                cursor.execute(f"REINDEX INDEX {name}")
                self.tune_index(cursor, name)

    def tune_index(self, cursor, name: str) -> None:
        """Small pending lists for the index (PENDING_LIST_KB); and a statistics target of 1 for the texts it
        covers: the planner estimates a LIKE or a regular expression on a column against its histogram, and
        on bodies of several kilobytes that took 17 ms of planning for a query of six name forms (5 ms to
        run). Nothing is lost: the gram index, not those estimates, decides the plan."""
        cursor.execute(f"ALTER INDEX {name} SET (gin_pending_list_limit = {self.PENDING_LIST_KB})")
        cursor.execute("SELECT indrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                       "WHERE indexrelid = %s::regclass", [name])
        table, definition = cursor.fetchone()
        columns = re.search(r"yearbook_grams\(\(?(\w+)\)?(?:::text)?, \(?(\w+)?", definition)
        names = [c for c in (columns.groups() if columns else ()) if c]   # (title)::text, body / text, ''
        if names:
            cursor.execute(f"ALTER TABLE {table} " + ", ".join(
                f"ALTER COLUMN {connection_quote(c)} SET STATISTICS 1" for c in names))
            cursor.execute(f"ANALYZE {table}")

    def uninstall(self, schema_editor):
        schema_editor.execute("DROP FUNCTION IF EXISTS yearbook_grams(text, text) CASCADE")

    def holding_any(self, queryset, forms, fields):
        indexed = search_fields(queryset.model)
        if not indexed or tuple(fields) != indexed:
            return super().holding_any(queryset, forms, fields)
        first, second = _pair(indexed)
        # Exactly the expression of the index, or PostgreSQL would not use it (and scan, silently).
        queryset = queryset.alias(text_grams=TextGrams(first, second or Value("")))
        found = Q()
        for form in forms:
            found |= Q(text_grams__contains=query_grams(form))
        queryset = queryset.filter(found)
        if len(forms) == 1 and len(forms[0]) <= 2:   # the index answers exactly
            return queryset
        # The check names no gram condition: under an OR, PostgreSQL re-evaluated yearbook_grams() on every
        # candidate (0.3 ms each) instead of leaving it to the index.
        return queryset.filter(text_match(forms, fields))

    def scope(self, queryset, column, ids):
        """As literal ids, PostgreSQL intersects their index with the gram index (a BitmapAnd, 5 ms for 工作 in
        one edition of fifty); as a join or a subquery it read every match or computed the grams row by row."""
        return queryset.filter(**{f"{column}__in": list(ids)})

    def create_index(self, schema_editor, table, columns, name):
        first, second = _pair(columns)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                              f"USING gin (yearbook_grams({first}, {second or chr(39) * 2}))")
        with schema_editor.connection.cursor() as cursor:
            self.tune_index(cursor, name)

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
            for name in self.gram_indexes(cursor):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])

    def after_commit(self):
        """VACUUM (ANALYZE), which cannot run inside a transaction (inside one, as in tests, nothing).
        Otherwise autovacuum does it a minute later, amid the traffic: its ANALYZE recomputes the index's
        expression statistics, seconds of CPU, and the benchmark measured pages a third slower meanwhile."""
        from django.db import connection

        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def connection_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def fts_table(table: str) -> str:
    return f"{table}_grams"


class SqliteEngine(Engine):
    vendor = "sqlite"
    # Sorting whole rows of fifty editions' entries cost 28 ms for 恒 and 390 ms for 工作 (10 and 55 ms
    # narrow first). On PostgreSQL the second pass made the rare names slower (9 → 17 ms for 恒): not there.
    wide_rows_first = True

    def holding_any(self, queryset, forms, fields):
        indexed = search_fields(queryset.model)
        match = fts_any(list(forms))
        if not indexed or tuple(fields) != indexed or match is None:
            return super().holding_any(queryset, forms, fields)
        table = fts_table(queryset.model._meta.db_table)
        queryset = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match]))
        if all(len(f) <= 2 and all_han(f) for f in forms):   # the tokenizer changes no Chinese character: exact
            return queryset
        return queryset.filter(text_match(forms, fields))

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

    def refresh(self, schema_editor):
        """Every FTS5 gram table refilled with the terms as the code computes them (text_grams)."""
        self.prepare(schema_editor.connection)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_grams_insert'")
            for trigger, sql in cursor.fetchall():
                grams = trigger.removesuffix("_insert")
                table = grams.removesuffix("_grams")
                terms = sql[sql.index("yearbook_grams("):sql.rindex(")")].replace("new.", "")
                terms = terms[:terms.index(")") + 1]
                cursor.execute(f"INSERT INTO {grams}({grams}) VALUES ('delete-all')")
                cursor.execute(f"INSERT INTO {grams}(rowid, grams) SELECT id, {terms} FROM {table}")

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


def all_han(text: str) -> bool:
    return bool(text) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def containing(queryset, q, *fields: str):
    """Rows of ``queryset`` matching every term of ``q`` (a Query or any text) in one of ``fields``, through the
    gram index where there is one."""
    return engine().containing(queryset, q, fields)


def scope(queryset, column: str, ids) -> object:
    """Rows of ``queryset`` whose ``column`` is one of ``ids``, in the way the engine combines best with its
    gram index."""
    return engine().scope(queryset, column, ids)


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
