"""After a bulk load, PostgreSQL is vacuumed and analysed at once (not by autovacuum amid the traffic)."""
import pytest
from django.db import connection, transaction

from yearbook.loading import after_import as vacuum_tables
from yearbook.models import Person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's")


def pages_visible_and_rows(table: str) -> tuple[int, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible, reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_vacuum_sets_the_visibility_map_and_statistics_outside_a_transaction_only():
    Person.objects.bulk_create(Person(name=f"测试{i}", key=f"测试{i}") for i in range(50))
    with transaction.atomic():
        vacuum_tables()                       # inside a transaction VACUUM cannot run: nothing happens
    assert pages_visible_and_rows("yearbook_person")[0] == 0
    vacuum_tables()
    visible, rows = pages_visible_and_rows("yearbook_person")
    assert visible >= 1 and rows == 50
