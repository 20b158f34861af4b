"""`make run` loads the committed fixture once, published, so readers see the 2021 edition."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from yearbook.models import Edition

pytestmark = pytest.mark.django_db


def test_load_fixture_if_empty_publishes_and_does_not_load_twice():
    out = StringIO()
    call_command("load_edition_fixture", "--if-empty", stdout=out)
    edition = Edition.objects.get(year=2021)
    assert edition.status == Edition.Status.PUBLISHED and "published 1" in out.getvalue()
    assert "张恒山" in Client().get("/people/张恒山/").content.decode()
    again = StringIO()
    call_command("load_edition_fixture", "--if-empty", stdout=again)
    assert "already loaded: 2021" in again.getvalue()
