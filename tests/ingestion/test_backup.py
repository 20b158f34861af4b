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


def test_deeply_nested_json_is_a_message_not_a_traceback(imported, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(CommandError, match=r"deep\.json: not an edition export: its JSON is nested too deeply"):
        call_command("import_yearbook", str(deep), verbosity=0)
    nested = tmp_path / "nested.json"
    nested.write_text('{"edition": ' + "[" * 50 + "]" * 50 + "}", encoding="utf-8")
    with pytest.raises(CommandError, match=r"nested\.json: not an edition export"):
        call_command("import_yearbook", str(nested), verbosity=0)
    assert Edition.objects.get(year=2021).sections.count() == 84


def test_a_backup_whose_outline_differs_from_the_parser_restores_its_own_categories(tmp_path):
    """Editors renamed and reordered categories and added an empty one: the backup's outline comes back."""
    from yearbook.models import Category, Section

    edition = Edition.objects.create(year=2021, covers_year=2020, title="金川区年鉴 2021")
    a = Category.objects.create(edition=edition, name="专题：乡村振兴", order=1)
    b = Category.objects.create(edition=edition, name="政府工作", order=2)
    Category.objects.create(edition=edition, name="待补充", order=3)
    Section.objects.create(edition=edition, category=b, name="区政府", order=1)
    Section.objects.create(edition=edition, category=a, name="产业兴旺", order=2)
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(export_edition(edition), ensure_ascii=False, default=str), encoding="utf-8")
    before = json.loads(backup.read_text(encoding="utf-8"))
    call_command("import_yearbook", str(backup), verbosity=0)
    restored = Edition.objects.get(year=2021)
    assert list(restored.categories.values_list("name", "order")) == [("专题：乡村振兴", 1), ("政府工作", 2), ("待补充", 3)]
    assert [(s.category.name, s.name) for s in restored.sections.all()] == [
        ("政府工作", "区政府"), ("专题：乡村振兴", "产业兴旺")]
    after = json.loads(json.dumps(export_edition(restored), ensure_ascii=False, default=str))
    assert (after["categories"], after["sections"]) == (before["categories"], before["sections"])
