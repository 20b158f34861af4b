from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "sources" / "jinchuan-yearbook-2021.txt"
REAL_BOOK = "imported"


@pytest.fixture(autouse=True)
def _plain_static_storage(request):
    """Tests render templates without running collectstatic first.

    Skipped when pytest runs without its Django plugin (the parser tests need no Django).
    """
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.core.cache import cache

    cache.clear()  # each test's database starts from the same content version: no page may leak across
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_collection_modifyitems(items):
    """The tests on the real book run last, together: it is imported once for all of them (``imported``)."""
    items.sort(key=lambda item: REAL_BOOK in getattr(item, "fixturenames", ()))


class _Rollback(Exception):
    pass


@pytest.fixture(scope="session")
def _real_book(django_db_setup, django_db_blocker):
    """The real 2021 edition imported once, in a transaction that the last test's end rolls back; each test
    runs in a savepoint inside it, so what one test changes the next does not see."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                call_command("import_yearbook", str(SOURCE), verbosity=0)
                yield
                raise _Rollback
        except _Rollback:
            pass


@pytest.fixture
def imported(_real_book, db):
    """The real 2021 edition (a draft), imported from the source text."""
    from yearbook.models import Edition

    return Edition.objects.get(year=2021)


@pytest.fixture
def edition2021(imported):
    """The real 2021 edition, published, as `make run` serves it (the book is printed)."""
    from yearbook.models import Edition

    Edition.objects.filter(pk=imported.pk).update(status=Edition.Status.PUBLISHED)
    imported.refresh_from_db()
    return imported
