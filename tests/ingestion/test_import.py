"""The import command end to end: counts, provenance, re-import, round trip, fixture."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from chronicle.models import Event
from documents.models import Document
from stats.models import StatTable
from yearbook.export import export_edition
from yearbook.models import Appointment, Edition, Entry, Honour, Organization, Person, Roster, Section

from .conftest import SOURCE

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "edition-2021.json"
pytestmark = pytest.mark.django_db


def test_import_prints_a_summary_and_loads_every_record_type(db):
    out = StringIO()
    call_command("import_yearbook", str(SOURCE), stdout=out)
    text = out.getvalue()
    assert "corrections applied" in text and "flagged for review" in text
    edition = Edition.objects.get(year=2021)
    assert edition.covers_year == 2020
    assert Section.objects.filter(edition=edition).count() == 84
    entries = Entry.objects.filter(section__edition=edition)
    assert entries.exclude(kind="report").count() == 454  # 【】 entries, 区情概览's 13 included
    assert entries.filter(kind="report").count() == 4     # the 特载 reports
    assert Event.objects.filter(edition=edition).count() == 98
    assert Roster.objects.filter(edition=edition).count() >= 68
    assert Honour.objects.filter(edition=edition, kind="collective").count() == 65
    assert StatTable.objects.filter(edition=edition).count() == 17
    assert Document.objects.filter(edition=edition).count() == 5


def test_dry_run_writes_nothing(db):
    call_command("import_yearbook", str(SOURCE), "--dry-run", stdout=StringIO())
    assert not Edition.objects.exists()
    assert not Person.objects.exists()


def test_one_person_per_name_and_shared_organizations(imported):
    assert Person.objects.filter(name="张恒山").count() == 1
    zhang = Person.objects.get(name="张恒山")
    titles = set(Appointment.objects.filter(person=zhang).values_list("title_normalized", flat=True))
    assert any("区长" in t for t in titles)
    stats_bureau = Organization.objects.get(name="区统计局")
    assert stats_bureau.aliases.filter(name="金川区统计局").exists() or Organization.objects.filter(
        aliases__name="金川区统计局").exists()


def test_corrected_records_keep_the_printed_text(imported):
    event = Event.objects.get(edition=imported, source_line=1302)
    assert "李生虎" in event.text
    assert event.corrected and "李牛虎" in event.printed_text


def test_reimport_replaces_the_edition_and_keeps_natural_keys(imported):
    before = export_edition(imported)
    imported.status = Edition.Status.PUBLISHED
    imported.save()
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    edition = Edition.objects.get(year=2021)
    assert edition.status == Edition.Status.PUBLISHED  # the edition row survives a re-import
    after = export_edition(edition)
    before["edition"].pop("status"), after["edition"].pop("status")
    assert after == before
    assert Person.objects.filter(name="张恒山").count() == 1


def test_export_command_writes_the_open_data_format(imported, tmp_path):
    out = tmp_path / "2021.json"
    call_command("export_yearbook", "--edition", "2021", "--output", str(out), stderr=StringIO())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"edition", "sections", "chronicle", "rosters", "honours", "tables", "documents",
                         "key_figures", "corrections"}
    assert data["edition"]["year"] == 2021 and data["edition"]["covers_year"] == 2020
    first = data["chronicle"][0]
    assert set(first) >= {"date", "date_end", "precision", "text", "source_line"}


def test_export_of_unknown_edition_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no edition 1999"):
        call_command("export_yearbook", "--edition", "1999")


@pytest.mark.django_db(transaction=True)  # flush needs a real commit on PostgreSQL
def test_committed_fixture_equals_a_fresh_import(db):
    """fixtures/edition-2021.json must be regenerated (make fixture) whenever the parser changes."""
    call_command("loaddata", str(FIXTURE), verbosity=0)
    from_fixture = export_edition(Edition.objects.get(year=2021))
    call_command("flush", "--noinput", verbosity=0)
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    fresh = export_edition(Edition.objects.get(year=2021))
    assert from_fixture == fresh, "fixture is stale: run `make fixture`"


def test_honours_are_linked_to_the_agencies_their_printed_names_stand_for(imported):
    """「…等14家单位」 and 「甘肃省生态环境厅(…办公室)」 name agencies without being agencies of their own."""
    assert not Organization.objects.filter(name__contains="等14家单位").exists()
    assert not Organization.objects.filter(name__startswith="甘肃省生态环境厅(").exists()
    h = Honour.objects.get(edition=imported, source_line=4388)
    assert h.awarded_by_names == ["中共甘肃省委宣传部等14家单位"]
    assert [o.name for o in h.awarded_by.all()] == ["中共甘肃省委宣传部"]
    xu = Honour.objects.filter(edition=imported, source_line=4446).first()
    assert xu.awarded_by.get().name == "甘肃省生态环境厅"


def test_an_unknown_profile_is_a_clear_error_naming_the_profiles(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown profile 'jinchuan-2030': the profiles are jinchuan-2021"):
        call_command("import_yearbook", str(SOURCE), "--profile", "jinchuan-2030")
    assert not Edition.objects.exists()


def test_the_import_names_its_profile_and_review_items(db):
    out = StringIO()
    call_command("import_yearbook", str(SOURCE), "--profile", "jinchuan-2021", "--strict", stdout=out)
    text = out.getvalue()
    assert "profile: jinchuan-2021" in text
    # the clean text reads without a problem: its only items are notices on persons' identities
    assert "sources/jinchuan-yearbook-2021.txt:1932: [person-homonym] (notice) 同名「赵静」" in text
    assert "review items                5  (0 to resolve, 5 notices)" in text
    edition = Edition.objects.get(year=2021)
    assert edition.source_profile == "jinchuan-2021" and edition.review_items.count() == 5


def test_next_years_profile_beside_this_years(db, tmp_path, monkeypatch):
    """With the next edition's profile in the folder, each text is read with its own, and nothing falls back
    on "the only profile" (there are two)."""
    import shutil

    from tests.parsing import perturb
    from yearbook.parsing import profile as profiles

    root = tmp_path / "profiles"
    shutil.copytree(profiles.PROFILES_DIR / "jinchuan-2021", root / "jinchuan-2021")
    (root / "jinchuan-2022").mkdir()
    (root / "jinchuan-2022" / "profile.toml").write_text('extends = "jinchuan-2021"\nedition = 2022\n',
                                                         encoding="utf-8")
    monkeypatch.setattr(profiles, "PROFILES_DIR", root)
    out = StringIO()
    call_command("import_yearbook", str(perturb.years_shifted(SOURCE, tmp_path).path), stdout=out)
    assert "profile: jinchuan-2022" in out.getvalue()
    edition = Edition.objects.get(year=2022)
    assert edition.source_profile == "jinchuan-2022" and edition.sections.count() == 84
    # its own corrections are none yet: the OCR's 仟 stays, and comes up for review
    assert {i.code for i in edition.review_items.all()} >= {"roster-note"}
    assert not edition.review_items.filter(code="profile-edition").exists()
