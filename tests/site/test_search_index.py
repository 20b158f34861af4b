"""The gram index (PostgreSQL) answers exactly what a LIKE scan answers, and is used; SQLite scans.

A GIN expression index is used only when the query's expression is the index's expression
exactly, and a mismatch fails silently (a scan, slow on fifty editions): the EXPLAIN test
catches it.
"""
import pytest
from django.db import connection
from django.db.models import Q

from chronicle.models import Event
from documents.models import Article
from yearbook import search
from yearbook.models import Entry

pytestmark = pytest.mark.django_db

QUERIES = ["恒", "恒山", "张恒山", "区长张恒山主持", "统计", "9.2%", "双随机", "12万件", "审计项目", "x", "不存在的词"]


def test_query_grams_are_the_query_up_to_two_characters_else_its_pairs():
    assert search.query_grams("恒") == ["恒"]
    assert search.query_grams("恒山") == ["恒山"]
    assert search.query_grams("张恒山") == ["张恒", "恒山"]
    assert search.query_grams("工作工作") == ["作工", "工作"]       # each pair once


@pytest.mark.parametrize("q", QUERIES)
def test_entry_event_and_article_search_find_exactly_what_like_finds(site, q):
    like_entries = Entry.objects.filter(Q(title__contains=q) | Q(body__contains=q))
    assert set(search.entries(q)) == set(like_entries.filter(section__edition__status="published"))
    assert set(search.events(q)) == set(Event.objects.filter(text__contains=q, edition__status="published"))
    assert set(search.containing(Article.objects.all(), q, "text")) == set(Article.objects.filter(text__contains=q))


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
    sql, params = search.containing(model.objects.order_by(), q, *fields).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")   # a test database is too small to need the index
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {index}" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the gram index is PostgreSQL's")
def test_the_gram_index_follows_edits_without_any_code(site):
    entry = Entry.objects.filter(section__edition__status="published").first()
    assert not list(search.entries("新增词语"))
    entry.body += "新增词语。"
    entry.save()
    assert list(search.entries("新增词语")) == [entry]
