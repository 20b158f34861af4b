"""Backup and restore: export → fresh database → import gives an identical export."""
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yearbook.export import export_edition
from yearbook.models import Edition, Organization, Person

from .conftest import SOURCE

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # flush needs a real commit on PostgreSQL
def test_export_then_import_into_a_fresh_database_is_identical(tmp_path):
    # Its own import, not the session's (``imported``): that one lives in a transaction, which flush cannot end.
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    imported = Edition.objects.get(year=2021)
    imported.status = Edition.Status.PUBLISHED
    imported.save()
    backup = tmp_path / "2021.json"
    call_command("export_yearbook", "--edition", "2021", "--output", str(backup), stderr=StringIO())
    before = json.loads(backup.read_text(encoding="utf-8"))
    call_command("flush", "--noinput", verbosity=0)
    assert not Edition.objects.exists() and not Person.objects.exists() and not Organization.objects.exists()
    call_command("import_yearbook", str(backup), verbosity=0)
    after = json.loads(json.dumps(export_edition(Edition.objects.get(year=2021)), ensure_ascii=False))
    assert after == before


def test_a_broken_backup_is_refused_with_file_and_line(imported, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"edition": {"year": 2021,\n  oops}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken\.json:2: not valid JSON"):
        call_command("import_yearbook", str(bad), verbosity=0)
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(CommandError, match="not an edition export"):
        call_command("import_yearbook", str(other), verbosity=0)
    assert Edition.objects.get(year=2021).sections.count() == 84
