"""The gram indexes answer exactly what a LIKE scan answers, are used, and follow every edit.

PostgreSQL: a GIN expression index, used only when the query's expression is the index's
expression exactly; a mismatch fails silently (a scan, slow on fifty editions), which the
EXPLAIN test catches. SQLite: an FTS5 table of entries kept by triggers, which a later
migration rebuilding the entry table would drop: the trigger test catches that.
"""
import pytest
from django.db import connection
from django.db.models import Q

from chronicle.models import Event
from chronicle.search import events
from documents.models import Article
from yearbook.models import Entry, Section
from yearbook.search import containing
from yearbook.search.grams import fts_match, query_grams, text_grams
from yearbook.selectors.search_kinds import entries

pytestmark = pytest.mark.django_db

QUERIES = ["恒", "恒山", "张恒山", "区长张恒山主持", "统计", "9.2%", "双随机", "12万件", "审计项目", "x", "不存在的词"]


def test_query_grams_are_the_query_up_to_two_characters_else_its_pairs():
    assert query_grams("恒") == ["恒"]
    assert query_grams("恒山") == ["恒山"]
    assert query_grams("张恒山") == ["张恒", "恒山"]
    assert query_grams("工作工作") == ["作工", "工作"]       # each pair once


def test_text_grams_are_each_character_and_pair_once_of_the_text_without_punctuation():
    assert text_grams("恒山恒山", None) == "恒 山 恒山 山恒"
    assert text_grams("张恒", "山") == "张 恒 山 张恒"             # title and body: no pair across them
    assert text_grams("甲，乙 丙") == "甲 乙 丙 甲乙 乙丙"         # punctuation and spaces are not matched
    assert text_grams("增长9.2%") == "增 长 9 2 增长 长9 9. .2 2%"   # a decimal point and % are kept in pairs


def test_fts_match_quotes_each_gram_and_gives_up_on_punctuation():
    assert fts_match("张恒山") == '"张恒" "恒山"'
    assert fts_match('a"b') == '"""b" "a"""'
    assert fts_match("，。") is None and fts_match("%") is None


@pytest.mark.parametrize("q", QUERIES)
def test_entry_event_and_article_search_find_exactly_what_like_finds(site, q):
    like_entries = Entry.objects.filter(Q(title__contains=q) | Q(body__contains=q))
    assert set(entries(q)) == set(like_entries.filter(section__edition__status="published"))
    assert set(events(q)) == set(Event.objects.filter(text__contains=q, edition__status="published"))
    assert set(containing(Article.objects.all(), q, "text")) == set(Article.objects.filter(text__contains=q))


def test_the_overview_finds_a_name_in_an_entry_body(site, page):
    html = page("/search/", q="张恒山")
    assert "区长<mark>张恒山</mark>主持召开区政府常务会议" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the gram index is PostgreSQL's")
@pytest.mark.parametrize("model, fields, index", [
    (Entry, ("title", "body"), "entry_text_grams"),
    (Event, ("text",), "event_text_grams"),
    (Article, ("text",), "article_text_grams"),
])
@pytest.mark.parametrize("q", ["恒", "恒山", "张恒山"])
def test_postgresql_searches_through_the_gram_index(site, model, fields, index, q):
    # The condition alone (the pages' queries join more tables, whose plans vary on tiny test data).
    sql, params = containing(model.objects.order_by(), q, *fields).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")   # a test database is too small to need the index
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {index}" in plan, plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
def test_sqlite_searches_entries_through_its_fts_table_kept_by_triggers(site):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'yearbook_entry'")
        triggers = {row[0] for row in cursor.fetchall()}
        sql, params = entries("恒山").query.sql_with_params()
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert triggers == {f"yearbook_entry_grams_{t}" for t in ("insert", "delete", "update")}
    assert "VIRTUAL TABLE INDEX" in plan and "yearbook_entry_grams" in plan, plan


def test_the_gram_index_follows_inserts_edits_and_deletes_without_any_code(site):
    entry = Entry.objects.filter(section__edition__status="published").first()
    assert not list(entries("新增词语"))
    entry.body += "新增词语。"
    entry.save()
    assert list(entries("新增词语")) == [entry]
    Entry.objects.filter(pk=entry.pk).update(title="改过的标题", body="另一段正文")   # a bulk update too
    assert not list(entries("新增词语")) and list(entries("改过的标题")) == [entry]
    added = Entry.objects.create(section=Section.objects.get(pk=entry.section_id), title="又一条", order=999,
                                 body="新增词语在这里。")
    assert list(entries("新增词语")) == [added]
    added.delete()
    entry.delete()
    assert not list(entries("新增词语")) and not list(entries("改过的标题"))


@pytest.mark.parametrize("start, stop", [(0, 5), (2, 4), (0, 1000), (100, 120)])
def test_a_wide_counted_slice_is_the_same_slice_and_total(site, start, stop):
    from yearbook.selectors.paging import counted_slice

    from .builders import grow

    grow(site, 8)   # more entries about 统计 than one slice holds
    queryset = entries("统计")
    assert queryset.count() > 8
    assert counted_slice(queryset, start, stop, wide=True) == counted_slice(queryset, start, stop)


def test_a_wide_slice_joined_through_mentions_keeps_one_row_per_entry(site):
    """A person's entries are joined through the mentions table: each entry once, whoever else it names."""
    from yearbook.models import Person
    from yearbook.selectors.paging import counted_slice
    from yearbook.selectors.people import entries_of_person

    person, other = Person.objects.all()[:2]
    shared = list(Entry.objects.filter(section__edition__status="published")[:3])
    for entry in shared:
        entry.persons.add(person, other)
    queryset = entries_of_person(person)
    items, total = counted_slice(queryset, 0, 50, wide=True)
    assert len(items) == len({e.pk for e in items}) == min(total, 50)
    assert set(shared) <= set(items)
    assert (items, total) == counted_slice(queryset, 0, 50)
