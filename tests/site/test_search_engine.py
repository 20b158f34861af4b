"""The search interface: the kinds the apps register, one engine per database, and its gram index."""
import pytest
from django.db import connection
from django.db.models import Q

from chronicle.models import Event
from documents.models import Article, Document, Part
from stats.models import StatTable, TableRow
from yearbook import registry
from yearbook.models import Entry, Honour
from yearbook.search import containing
from yearbook.search.engine import Engine, GramIndex, PostgresEngine, SqliteEngine, engine
from yearbook.search.hits import Hit
from yearbook.selectors.search import kinds, search

pytestmark = pytest.mark.django_db


def test_every_app_registers_what_it_makes_searchable_in_the_order_of_the_results():
    assert kinds() == [("persons", "人物"), ("agencies", "机构"), ("entries", "条目"), ("events", "大事记"),
                       ("tables", "统计表"), ("documents", "文件"), ("honours", "表彰")]
    owners = {k.key: k.queryset.__module__.split(".")[0] for k in registry.search_kinds()}
    assert owners == {"persons": "yearbook", "agencies": "yearbook", "entries": "yearbook", "honours": "yearbook",
                      "events": "chronicle", "tables": "stats", "documents": "documents"}


def test_a_kind_an_app_registers_is_searched_and_paged_like_the_others(site, monkeypatch):
    def awards(q):
        return Honour.objects.filter(award__contains=q).order_by("order")

    kind = registry.SearchKind("awards", "奖项", 65, awards, lambda h, q: Hit(title=h.award, url="/x/"))
    monkeypatch.setitem(registry._search_kinds, "awards", kind)
    result = search("先进")
    group = next(g for g in result.groups if g.kind == "awards")
    assert group.label == "奖项" and group.count == Honour.objects.filter(award__contains="先进").count() > 0
    assert [g.kind for g in result.groups].index("awards") == 6        # after documents (60), before honours
    one = search("先进", kind="awards")
    assert one.kind == "awards" and one.page.paginator.count == group.count


def test_each_database_has_its_engine_and_any_other_scans(site):
    assert isinstance(engine(), {"postgresql": PostgresEngine, "sqlite": SqliteEngine}[connection.vendor])
    plain = Engine()   # no index: it scans, and finds the same
    assert plain.wide_rows_first is False
    for q in ["恒山", "张恒山", "统计"]:
        assert set(plain.containing(Entry.objects.all(), q, Entry.SEARCH_TEXT)) == set(
            containing(Entry.objects.all(), q, *Entry.SEARCH_TEXT)), q


@pytest.mark.parametrize("q", ["恒", "恒山", "张恒山", "区长张恒山", "统计", "2020", "医疗救助", "金区政发"])
def test_every_indexed_model_finds_what_like_finds(site, q):
    for model in (Entry, Event, Article, Honour, Document, Part, StatTable, TableRow):
        fields = model.SEARCH_TEXT
        like = Q()
        for f in fields:
            like |= Q(**{f"{f}__contains": q})
        assert set(containing(model.objects.all(), q, *fields)) == set(model.objects.filter(like)), model


def test_fields_outside_the_index_are_searched_by_like(site):
    assert Honour.SEARCH_TEXT != ("recipient",)
    assert set(containing(Honour.objects.all(), "统计", "recipient")) == set(
        Honour.objects.filter(recipient__contains="统计"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")
@pytest.mark.parametrize("model", [Event, Article, Honour, Document, Part, StatTable, TableRow])
def test_sqlite_indexes_the_apps_texts_too(site, model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        triggers = {row[0] for row in cursor.fetchall()}
        sql, params = containing(model.objects.order_by(), "恒山", *model.SEARCH_TEXT).query.sql_with_params()
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert triggers == {f"{table}_grams_{t}" for t in ("insert", "delete", "update")}
    assert f"{table}_grams" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_the_gram_index_operation_creates_and_drops_the_index_on_either_engine():
    """GramIndex is how an app puts its own table under the index (its migration runs it)."""
    key = "serial" if connection.vendor == "postgresql" else "integer"
    operation = GramIndex(table="scratch_notes", columns=("text",), name="scratch_text_grams")
    with connection.schema_editor() as editor:
        editor.execute(f"CREATE TABLE scratch_notes (id {key} PRIMARY KEY, text text NOT NULL)")
        operation._create(None, editor)
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO scratch_notes (text) VALUES ('区长张恒山主持会议'), ('统计局')")
            if connection.vendor == "sqlite":
                cursor.execute("SELECT rowid FROM scratch_notes_grams WHERE scratch_notes_grams MATCH '\"恒山\"'")
                assert [row[0] for row in cursor.fetchall()] == [1]
            else:
                cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE indexname = 'scratch_text_grams'")
                table, definition = cursor.fetchone()
                assert table == "scratch_notes" and "USING gin (yearbook_grams(VARIADIC ARRAY[text]))" in definition
            cursor.execute("SELECT id, text FROM scratch_notes_text ORDER BY id")   # the texts, squashed
            assert cursor.fetchall() == [(1, "区长张恒山主持会议"), (2, "统计局")]
            cursor.execute("UPDATE scratch_notes SET text = '统计局，局长' WHERE id = 2")
            cursor.execute("DELETE FROM scratch_notes WHERE id = 1")
            cursor.execute("SELECT id, text FROM scratch_notes_text ORDER BY id")
            assert cursor.fetchall() == [(2, "统计局局长")]
        assert operation.describe() == "Gram index scratch_text_grams on scratch_notes (text)"
        assert operation.deconstruct() == ("GramIndex", [], {"table": "scratch_notes", "columns": ("text",),
                                                             "name": "scratch_text_grams"})
        with connection.schema_editor() as editor:
            operation._drop(None, editor)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('scratch_notes_text', "
                               "'scratch_notes_grams')")
            else:
                cursor.execute("SELECT count(*) FROM pg_class WHERE relname IN ('scratch_notes_text', "
                               "'scratch_text_grams')")
            assert cursor.fetchone()[0] == 0
    finally:
        with connection.schema_editor() as editor:
            editor.execute("DROP TABLE scratch_notes")
