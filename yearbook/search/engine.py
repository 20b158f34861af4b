"""The search engine: one interface, a backend per database.

A query's terms are ANDed; a term matches a text holding any of its forms, spaces and punctuation
ignored (yearbook.search.query). A model declares the text fields the search reads as ``SEARCH_TEXT``; its
app's migration puts them under the engine's index (``GramIndex``), which keeps, per row, the texts
squashed (yearbook.search.grams.search_text) in a table of its own, ``<table>_text``, and an index of their
characters and character pairs:
- PostgreSQL: ``<table>_text`` with a GIN index ``gin (yearbook_grams(text))``, filled by a trigger;
- SQLite: ``<table>_text`` and a contentless FTS5 table ``<table>_grams`` of the same terms, filled by
  triggers that call ``yearbook_squash()`` and ``yearbook_grams()``, Python functions registered on every
  connection.
Up to two characters the index answers exactly (恒, 恒山); longer forms take the rows holding all their pairs,
checked by a LIKE on their squashed text: one plain scan of a few kilobytes a candidate, where a regular
expression allowing punctuation between the characters over the original texts cost 60–160 µs on a long
body, and the conditions per form and field made Django's part of a search 25 ms. The whole match is one
subquery of ids, whatever the number of words and forms. Any other database scans with text_match.

The backends also own what their index needs besides: creating and dropping it (GramIndex, a migration
operation the apps use for their own tables), the connection's setup, and the maintenance after a bulk
load (ANALYZE, merging GIN pending lists, VACUUM), and the settings that keep searches fast after
edits (``tune_index``: small GIN pending lists, so a hundred admin saves do not make every search read
them linearly until the next VACUUM or ANALYZE).
"""
from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection as default_connection
from django.db import migrations
from django.db.models import BooleanField, F, Func, Q
from django.db.models.expressions import RawSQL

from yearbook.search.grams import (IGNORED_CLASS, fts_any, like_pattern, query_grams, search_text, separated_pattern,
                                   text_grams)
from yearbook.search.query import as_query


def search_fields(model) -> tuple[str, ...]:
    """The text fields of ``model`` under the gram index (``SEARCH_TEXT``), or none."""
    return tuple(getattr(model, "SEARCH_TEXT", ()))


def indexed_models() -> list:
    """Every installed model that declares ``SEARCH_TEXT`` (found by introspection: the core names no app)."""
    from django.apps import apps

    return [m for m in apps.get_models() if search_fields(m) and not m._meta.proxy]


def text_table(table: str) -> str:
    """The table of the squashed texts of ``table``'s rows (id, text)."""
    return f"{table}_text"


def like_any(column: str, forms, params: list) -> str:
    """SQL: ``column`` holds one of ``forms`` (its patterns appended to ``params``)."""
    params.extend(like_pattern(f) for f in forms)
    return "(" + " OR ".join([f"{column} LIKE %s ESCAPE '\\'"] * len(forms)) + ")"


class Engine:
    """Plain LIKE: what every database can do."""

    vendor = ""
    wide_rows_first = False   # page long rows on narrow ones first (see selectors.paging.counted_slice)

    def containing(self, queryset, q, fields: tuple[str, ...]):
        """Rows of ``queryset`` where, for every term of ``q``, one of ``fields`` holds one of its forms."""
        query = as_query(q)
        if not query.terms:
            return queryset.none()
        return queryset.filter(self.matching(queryset.model, query, fields))

    def matching(self, model, q, fields: tuple[str, ...]) -> Q:
        """The condition of ``containing`` for rows of ``model``, to combine with others (an OR of fields that
        are indexed apart): through the index when ``fields`` are the model's SEARCH_TEXT."""
        query = as_query(q)
        if not query.terms:
            return Q(pk__in=[])
        if tuple(fields) == search_fields(model):
            found = self.indexed_ids(model, query.terms)
            if found is not None:
                return Q(pk__in=RawSQL(*found))
        condition = Q()
        for term in query.terms:
            condition &= text_match(term.forms, fields)
        return condition

    def scope(self, queryset, path: str, within):
        """Rows of ``queryset`` whose ``path`` (section__edition) is ``within``, in the way the engine combines
        best with its index: on SQLite a join, which walks the edition's few rows and looks each up among the
        matches (as an IN (subquery) it walked the 14,000 matches of 工作 instead)."""
        return queryset.filter(**{path: within})

    def among(self, field: str, ids) -> Q:
        """``field`` is one of the values ``ids`` (a subquery) selects: a plain IN, which SQLite answers through
        ``field``'s index."""
        return Q(**{f"{field}__in": ids})

    def indexed_ids(self, model, terms) -> tuple[str, list] | None:
        """SQL and parameters selecting the ids of the rows whose indexed texts hold every term, or None
        (no index: the caller scans)."""
        return None

    # -- the index, for migrations -------------------------------------------------------------
    def install(self, schema_editor) -> None:
        """What the index needs in the database before any table is indexed."""

    def uninstall(self, schema_editor) -> None:
        pass

    def create_index(self, schema_editor, table: str, columns: tuple[str, ...], name: str) -> None:
        pass

    def drop_index(self, schema_editor, table: str, name: str) -> None:
        pass

    def index_exists(self, schema_editor, table: str) -> str | None:
        """The name of ``table``'s gram index, in whichever layout, or None."""
        return None

    def refresh(self, schema_editor) -> None:
        """Rebuild every gram index of the database in the layout and with the terms the code now defines (a
        migration after a change of grams.text_grams, of the SQL functions or of the layout)."""
        self.install(schema_editor)
        for model in indexed_models():
            table = model._meta.db_table
            name = self.index_exists(schema_editor, table)
            if name:
                self.create_index(schema_editor, table, search_fields(model), name)

    # -- connections and maintenance ---------------------------------------------------------
    def prepare(self, connection) -> None:
        """Set up a new connection."""

    def after_bulk_load(self, tables: list[str]) -> None:
        """Inside the load's transaction: bring the planner and the index up to date."""

    def after_commit(self) -> None:
        """Once a bulk load is committed."""


def text_match(forms, fields) -> Q:
    """One of ``fields`` holds one of ``forms``: as typed (LIKE), or with spaces and punctuation between the
    characters (不忘初心牢记使命 in 不忘初心、牢记使命): the scan of a database without the index, and of fields
    outside it."""
    condition = Q()
    for form in forms:
        for name in fields:
            condition |= Q(**{f"{name}__contains": form})
            if len(form) > 1:
                condition |= (Q(**{f"{name}__contains": form[0]}) & Q(**{f"{name}__contains": form[-1]})
                              & Q(**{f"{name}__regex": separated_pattern(form)}))
    return condition


def _columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    if not columns:
        raise ValueError("a gram index covers one text field or more")
    return tuple(columns)


def connection_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class GramsHold(Func):
    """``yearbook_grams(a, b) @> %s OR …``: the row's texts hold every gram of one of the forms (PostgresEngine).
    One expression whose gram arrays are parameters: as an ArrayField lookup per form, every gram was an
    expression of its own, and Django copied and resolved those trees at each step of building a search
    (16 of the 21 ms of a documents search for a name of six forms). The call is written exactly as the
    index's expression, or PostgreSQL would not use the index (and scan, silently)."""
    output_field = BooleanField()

    def __init__(self, columns: tuple[str, ...], grams: list[list[str]]):
        super().__init__(*(F(c) for c in columns))
        self.grams = grams

    def as_sql(self, compiler, connection, **extra):
        columns = [compiler.compile(e) for e in self.source_expressions]
        call = f"yearbook_grams({', '.join(sql for sql, _ in columns)})"
        params = [p for _, ps in columns for p in ps]
        return ("(" + " OR ".join([f"{call} @> %s::text[]"] * len(self.grams)) + ")",
                [x for g in self.grams for x in (*params, g)])


class SquashedHolds(Func):
    """The row's squashed texts (its line in ``<table>_text``) hold one of ``patterns`` (LIKE): a scalar
    subquery, so that PostgreSQL reads the texts of the index's candidates only, each once."""
    output_field = BooleanField()

    def __init__(self, table: str, patterns: list[str]):
        super().__init__(F("pk"))
        self.table, self.patterns = table, patterns

    def as_sql(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.source_expressions[0])
        return f"(SELECT text FROM {text_table(self.table)} WHERE id = {pk}) LIKE ANY(%s)", [*params, self.patterns]


class AnyOf(Func):
    """``column = ANY(ARRAY(subquery))``: the subquery runs once, and its ids meet an index as constants."""
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        ids, more = compiler.compile(self.source_expressions[1])
        return f"{column} = ANY({ids})", [*params, *more]


class PostgresEngine(Engine):
    """A GIN expression index over the table's own texts (``gin (yearbook_grams(a, b))``), which PostgreSQL
    keeps itself and can combine with the table's other indexes (BitmapAnd: a word in one edition), and the
    squashed texts in ``<table>_text``, kept by a trigger, for the check of longer forms."""

    vendor = "postgresql"
    # In SQL what grams.search_text and grams.text_grams compute in Python. yearbook_grams is COST 10000
    # (0.2 ms a call), which keeps the planner from evaluating it row by row as a filter, as it did for 工作
    # (2.8 s) before it was told. It walks the text once (unnest … lead): substr(t, i, 2) on a multibyte string
    # is O(i), which made a first version quadratic (10 ms per body). No pair across a line break (two fields).
    FUNCTIONS = [r"""
CREATE OR REPLACE FUNCTION yearbook_squash(VARIADIC texts text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(regexp_replace(coalesce(t, ''), '@IGNORED@', '', 'g'), E'\n' ORDER BY i), '')
  FROM unnest(texts) WITH ORDINALITY AS parts(t, i)
$$
""".replace("@IGNORED@", IGNORED_CLASS.replace("'", "''")), r"""
CREATE OR REPLACE FUNCTION yearbook_grams(VARIADIC texts text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(x) FILTER (WHERE x <> E'\n'), '{}')
         || coalesce(array_agg(x || y) FILTER (WHERE y IS NOT NULL AND x <> E'\n' AND y <> E'\n'), '{}')
  FROM (SELECT x, lead(x) OVER (ORDER BY i) AS y
        FROM unnest(regexp_split_to_array(yearbook_squash(VARIADIC texts), '')) WITH ORDINALITY AS chars(x, i)) pairs
$$
"""]
    # A search reads a GIN index's whole pending list (rows written since its last merge) linearly: after a
    # hundred admin saves of long entries, every search slowed from 40 to 200–300 ms until an ANALYZE merged
    # it. 64 kB (the least PostgreSQL allows) has it merged every few saves.
    PENDING_LIST_KB = 64
    INDEX_DEFINITION = "%USING gin (yearbook_grams(%"

    def containing(self, queryset, q, fields):
        indexed = search_fields(queryset.model)
        if not indexed or tuple(fields) != indexed:
            return super().containing(queryset, q, fields)
        query = as_query(q)
        if not query.terms:
            return queryset.none()
        for term in query.terms:
            queryset = queryset.filter(GramsHold(indexed, [query_grams(f) for f in term.forms]))
            if any(len(f) > 2 for f in term.forms):   # up to two characters the index is exact
                queryset = queryset.filter(SquashedHolds(queryset.model._meta.db_table,
                                                         [like_pattern(f) for f in term.forms]))
        return queryset

    def matching(self, model, q, fields):
        """As a subquery of the table itself: under an OR with other conditions PostgreSQL cannot use the
        index for the gram conditions and computed yearbook_grams() on every row (0.2 ms each)."""
        if tuple(fields) != search_fields(model):
            return super().matching(model, q, fields)
        return Q(pk__in=self.containing(model._base_manager.all(), q, fields).values("pk"))

    def scope(self, queryset, path, within):
        """Through a foreign key (section__edition), as an array of the key's ids computed once: they meet the
        gram index in a BitmapAnd (5 ms for 工作 in one edition of fifty); as a join or an IN (subquery)
        PostgreSQL read every match, or computed the grams of each row of the edition."""
        first, _, rest = path.partition("__")
        if not rest:
            return queryset.filter(**{path: within})
        key = queryset.model._meta.get_field(first)
        ids = key.related_model._default_manager.filter(**{rest: within}).values("pk")
        return queryset.filter(AnyOf(F(key.attname), ArraySubquery(ids)))

    def among(self, field, ids):
        """As an array computed once (``= ANY(ARRAY(…))``): ORed with conditions on other columns, the values
        meet ``field``'s index in a BitmapOr; an IN (subquery) there is a hashed subplan tested on every row
        (a person's posts among fifty editions' 18,000: 5 ms, against 0.3)."""
        return Q(AnyOf(F(field), ArraySubquery(ids)))

    def gram_indexes(self, cursor) -> list[str]:
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE pg_get_indexdef(indexrelid) LIKE %s",
                       [self.INDEX_DEFINITION])
        return [row[0] for row in cursor.fetchall()]

    def index_exists(self, schema_editor, table):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename IN (%s, %s) AND indexdef LIKE %s",
                           [table, text_table(table), self.INDEX_DEFINITION])
            row = cursor.fetchone()
        return row[0] if row else None

    def install(self, schema_editor):
        for sql in self.FUNCTIONS:
            schema_editor.execute(sql)

    def uninstall(self, schema_editor):
        for signature in ("yearbook_grams(text[])", "yearbook_grams(text, text)", "yearbook_squash(text[])"):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {signature} CASCADE")

    def refresh(self, schema_editor):
        """Every gram index rebuilt with the functions as the code defines them; the indexes of the former
        layout (yearbook_grams(a, b), without the texts' table) go with their function first."""
        indexed = [(m, self.index_exists(schema_editor, m._meta.db_table)) for m in indexed_models()]
        schema_editor.execute("DROP FUNCTION IF EXISTS yearbook_grams(text, text) CASCADE")
        self.install(schema_editor)
        for model, name in indexed:
            if name:
                self.create_index(schema_editor, model._meta.db_table, search_fields(model), name)

    def tune_index(self, cursor, name: str) -> None:
        """Small pending lists for the index (PENDING_LIST_KB); and a statistics target of 1 for the texts it
        covers: the planner estimates a LIKE or a regular expression on a column against its histogram, and
        on bodies of several kilobytes that took 17 ms of planning for a query of six name forms (5 ms to
        run). Nothing is lost: the gram index, not those estimates, decides the plan."""
        cursor.execute(f"ALTER INDEX {name} SET (gin_pending_list_limit = {self.PENDING_LIST_KB})")
        cursor.execute("SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = %s::regclass", [name])
        table = cursor.fetchone()[0]
        columns = next((search_fields(m) for m in indexed_models() if m._meta.db_table == table), ())
        if columns:
            cursor.execute(f"ALTER TABLE {table} " + ", ".join(
                f"ALTER COLUMN {connection_quote(c)} SET STATISTICS 1" for c in columns))
        cursor.execute(f"ANALYZE {table}")

    def create_index(self, schema_editor, table, columns, name):
        """The GIN expression index ``name`` over ``columns`` of ``table``, and ``<table>_text`` (id, the
        squashed texts) kept by a trigger on ``table`` (inserts, updates of the columns, deletes, TRUNCATE).
        Replaces an index of the same name made before."""
        columns = _columns(columns)
        self.drop_index(schema_editor, table, name)
        texts = text_table(table)
        new = ", ".join(f"NEW.{connection_quote(c)}" for c in columns)
        listed = ", ".join(connection_quote(c) for c in columns)
        for sql in [
            f"CREATE TABLE {texts} (id bigint PRIMARY KEY, text text NOT NULL)",
            f"CREATE FUNCTION {texts}_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'TRUNCATE' THEN TRUNCATE {texts}; RETURN NULL; END IF; "
            f"IF TG_OP = 'DELETE' THEN DELETE FROM {texts} WHERE id = OLD.id; RETURN NULL; END IF; "
            f"INSERT INTO {texts} (id, text) VALUES (NEW.id, yearbook_squash({new})) "
            f"ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text; RETURN NULL; END $$",
            f"CREATE TRIGGER {texts}_sync AFTER INSERT OR DELETE OR UPDATE OF {listed} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {texts}_sync()",
            f"CREATE TRIGGER {texts}_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {texts}_sync()",
            f"INSERT INTO {texts} (id, text) SELECT id, yearbook_squash({listed}) FROM {table}",
            f"CREATE INDEX {name} ON {table} USING gin (yearbook_grams({listed}))",
        ]:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cursor:
            self.tune_index(cursor, name)
            cursor.execute(f"ANALYZE {texts}")

    def drop_index(self, schema_editor, table, name):
        texts = text_table(table)
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {texts}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {texts}_sync() CASCADE")   # and its triggers

    def prepare(self, connection):
        pass   # JIT and parallel plans are off in the connection options (config/env.py)

    def after_bulk_load(self, tables):
        from django.db import connection

        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            indexes = self.gram_indexes(cursor)
            cursor.execute("SELECT DISTINCT indrelid::regclass::text FROM pg_index WHERE pg_get_indexdef(indexrelid) "
                           "LIKE %s", [self.INDEX_DEFINITION])
            texts = [text_table(row[0]) for row in cursor.fetchall()]
            # Right after an import the planner still believes the tables nearly empty and picks nested
            # loops that take a second per page; autovacuum would only catch up a minute later.
            cursor.execute("ANALYZE " + ", ".join(quote(t) for t in dict.fromkeys([*tables, *texts])))
            # The GIN indexes take a bulk load into their pending list, which every search then reads
            # linearly until a VACUUM: merge it now, inside the transaction.
            for name in indexes:
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


def fts_table(table: str) -> str:
    return f"{table}_grams"


class SqliteEngine(Engine):
    vendor = "sqlite"
    # Sorting whole rows of fifty editions' entries cost 28 ms for 恒 and 390 ms for 工作 (10 and 55 ms
    # narrow first). On PostgreSQL the second pass made the rare names slower (9 → 17 ms for 恒): not there.
    wide_rows_first = True

    def indexed_ids(self, model, terms):
        table = model._meta.db_table
        grams, texts = fts_table(table), text_table(table)
        expressions, checks, params = [], [], []
        for term in terms:
            expression = fts_any(list(term.forms))
            if expression is not None:
                expressions.append(f"({expression})")
            # The tokenizer changes no Chinese character: up to two of them the index is exact.
            if expression is None or not all(len(f) <= 2 and all_han(f) for f in term.forms):
                checks.append(like_any("t.text", term.forms, params))
        if not expressions:   # nothing the index can narrow by (punctuation, %): the texts are read
            return f"SELECT t.id FROM {texts} t WHERE " + " AND ".join(checks), params
        match = " AND ".join(expressions)
        if not checks:
            return f"SELECT rowid FROM {grams} WHERE {grams} MATCH %s", [match]
        return (f"SELECT t.id FROM {grams} JOIN {texts} t ON t.id = {grams}.rowid WHERE {grams} MATCH %s AND "
                + " AND ".join(checks), [match, *params])

    def index_exists(self, schema_editor, table):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [fts_table(table)])
            return fts_table(table) if cursor.fetchone() else None

    def create_index(self, schema_editor, table, columns, name):
        """A contentless FTS5 table of the terms and a table of the squashed texts, whose ids are the row's, and
        the triggers that keep them in step: every write (import, admin, bulk update) updates them without any
        code. A connection without the functions (the sqlite3 shell) cannot write the table's rows: the
        triggers fail, loudly, rather than leave the index stale. A migration that rebuilds ``table`` (SQLite's
        way of altering one) drops the triggers: tests/site/test_search_index.py checks they exist. Replaces
        an index of ``table`` made before."""
        columns = _columns(columns)
        self.prepare(schema_editor.connection)
        self.drop_index(schema_editor, table, name)
        grams, texts = fts_table(table), text_table(table)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        for sql in [
            f"CREATE VIRTUAL TABLE {grams} USING fts5(grams, content='', tokenize='unicode61')",
            f"CREATE TABLE {texts} (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
            f"CREATE TRIGGER {grams}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {grams}(rowid, grams) VALUES (new.id, yearbook_grams({new})); "
            f"INSERT INTO {texts}(id, text) VALUES (new.id, yearbook_squash({new})); END",
            f"CREATE TRIGGER {grams}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {grams}({grams}, rowid, grams) VALUES ('delete', old.id, yearbook_grams({old})); "
            f"DELETE FROM {texts} WHERE id = old.id; END",
            f"CREATE TRIGGER {grams}_update AFTER UPDATE OF {', '.join(columns)} ON {table} BEGIN "
            f"INSERT INTO {grams}({grams}, rowid, grams) VALUES ('delete', old.id, yearbook_grams({old})); "
            f"INSERT INTO {grams}(rowid, grams) VALUES (new.id, yearbook_grams({new})); "
            f"INSERT OR REPLACE INTO {texts}(id, text) VALUES (new.id, yearbook_squash({new})); END",
            f"INSERT INTO {grams}(rowid, grams) SELECT id, yearbook_grams({', '.join(columns)}) FROM {table}",
            f"INSERT INTO {texts}(id, text) SELECT id, yearbook_squash({', '.join(columns)}) FROM {table}",
        ]:
            schema_editor.execute(sql)

    def drop_index(self, schema_editor, table, name):
        grams = fts_table(table)
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {grams}_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {grams}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {text_table(table)}")

    def prepare(self, connection):
        """yearbook_grams(…) and yearbook_squash(…) for the triggers, over any number of texts."""
        connection.connection.create_function("yearbook_grams", -1, text_grams, deterministic=True)
        connection.connection.create_function("yearbook_squash", -1, search_text, deterministic=True)


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


def matching(model, q, *fields: str) -> Q:
    """The condition of ``containing`` on rows of ``model``, to combine with other conditions."""
    return engine().matching(model, q, fields)


def scope(queryset, path: str, within):
    """Rows of ``queryset`` whose ``path`` (an ORM path through a foreign key: section__edition) is ``within``,
    in the way the engine combines best with its gram index."""
    return engine().scope(queryset, path, within)


def among(field: str, ids) -> Q:
    """``field`` is one of the values the subquery ``ids`` selects, in the way the engine combines best with
    other indexed conditions."""
    return engine().among(field, ids)


def prepare_connection(sender, connection, **kwargs) -> None:
    """connection_created: let the connection's engine set it up."""
    engine(connection).prepare(connection)


class GramIndex(migrations.RunPython):
    """A migration operation: the gram index over ``columns`` of ``table`` on whichever engine migrates.

    ``name`` is the index's name on PostgreSQL (SQLite's tables are ``<table>_grams`` and ``<table>_text``).
    Reversible."""

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
