"""Robustness end to end: each perturbed variant of the real text (tests/parsing/perturb.py) imports with
``import_yearbook`` (tolerant), its review items are stored, and the records it does not touch come out of
the database exactly as from the clean import (compared on the open-data export, line numbers mapped back to
the original text); ``--strict`` refuses the variants with a problem, naming PATH:LINE, and leaves the database
as it was."""
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import SOURCE
from tests.parsing import perturb
from yearbook.export import export_edition
from yearbook.models import Edition, Organization, Person, ReviewItem

pytestmark = pytest.mark.django_db

# The clean text's only review items: notices about persons' identities (line, code).
IDENTITY_NOTICES = [(1932, "person-homonym"), (1936, "person-homonym"), (2704, "person-variant"),
                    (3983, "person-variant"), (3995, "person-variant")]

_clean: dict = {}


@pytest.fixture
def clean(imported):
    """The clean import's records (the session's real book), computed once."""
    if "records" not in _clean:
        _clean["records"] = perturb.export_records(export_edition(imported))
    return _clean["records"]


def import_variant(variant, *args) -> str:
    out = StringIO()
    call_command("import_yearbook", str(variant.path), *args, stdout=out)
    return out.getvalue()


def stored(variant, year=2021):
    """The stored review items besides the identity notices, as (original line, code), and all of them."""
    items = list(ReviewItem.objects.filter(edition__year=year).order_by("order"))
    found = [(variant.original(i.line), i.code) for i in items]
    assert sorted(x for x in found if x in IDENTITY_NOTICES) == IDENTITY_NOTICES
    return [x for x in found if x not in IDENTITY_NOTICES], items


def compare(clean, variant, items, year=2021):
    """Keys of clean records outside the perturbation that differ after importing the variant (must be
    none), and of those inside it."""
    damaged = set(variant.damaged) | {variant.original(i.line) for i in items if i.line}
    records = perturb.export_records(export_edition(Edition.objects.get(year=year)), variant)
    return perturb.compare(clean, records, damaged)


def refused_strictly(variant, line):
    """A strict import refuses the variant at ``line`` and changes nothing."""
    before = (Edition.objects.count(), Person.objects.count(), Organization.objects.count(),
              ReviewItem.objects.count(), [e.imported_at for e in Edition.objects.order_by("year")])
    with pytest.raises(CommandError) as err:
        call_command("import_yearbook", str(variant.path), "--strict", verbosity=0)
    assert f"database unchanged: {variant.path}:{line}: " in str(err.value)
    after = (Edition.objects.count(), Person.objects.count(), Organization.objects.count(),
             ReviewItem.objects.count(), [e.imported_at for e in Edition.objects.order_by("year")])
    assert after == before


@pytest.mark.parametrize("make", [perturb.shifted, perturb.blank_lines_doubled, perturb.renamed],
                         ids=["lines-shifted", "blank-lines-doubled", "renamed"])
def test_harmless_changes_import_the_same_records(make, clean, tmp_path):
    notices = {i.fingerprint: i.pk for i in ReviewItem.objects.filter(edition__year=2021)}
    variant = make(SOURCE, tmp_path)
    out = import_variant(variant)
    assert "profile: jinchuan-2021" in out and "review items                5" in out
    others, items = stored(variant)
    assert others == []
    # the same problems, found again at their new lines: the same rows (a decision would be kept)
    assert {i.fingerprint: i.pk for i in items} == notices
    differ, inside = compare(clean, variant, items)
    assert differ == [] and inside == []   # (a strict parse accepts them too: tests/parsing/test_robustness.py)


def test_stray_page_numbers(clean, tmp_path):
    variant = perturb.stray_page_numbers(SOURCE, tmp_path)
    out = import_variant(variant)
    line = variant.line_of(86) + 1
    assert f"{variant.path}:{line}: [board-token] 名单中的「87」不是人名（页码，略去），未读入  → 页码，略去" in out
    others, items = stored(variant)
    assert others == [(None, "board-token")]
    board = next(i for i in items if i.code == "board-token")
    assert (board.line, board.printed, board.status, board.source_file) == (line, "87", "open", str(variant.path))
    differ, inside = compare(clean, variant, items)
    assert differ == [] and inside == []
    refused_strictly(variant, line)


@pytest.mark.parametrize("heading_line, name, previous, first, last, credit", [
    (3104, "统计", "经济发展与改革", 3076, 3137, 3134),
    (2935, "水利", "林业和草原管理", 2901, 2978, 2975),
])
def test_removed_section_heading(clean, tmp_path, heading_line, name, previous, first, last, credit):
    variant = perturb.heading_removed(SOURCE, tmp_path, heading_line, first, last)
    import_variant(variant)
    others, items = stored(variant)
    assert sorted(others) == [(first, "section-missing"), (credit, "credit-extra")]
    missing = next(i for i in items if i.code == "section-missing")
    assert missing.guess == name and previous in missing.message and missing.record.name == previous
    differ, inside = compare(clean, variant, items)
    assert differ == []
    # what changed is the two sections' records: the second one's entries now read into the first
    assert inside and {k[0] for k in inside} <= {"section", "entry", "roster"}
    refused_strictly(variant, first)   # the first section heading not found


def test_years_shifted_by_one(clean, tmp_path):
    """Next year's text, read with this year's profile: a new edition, 2022, beside the clean 2021."""
    variant = perturb.years_shifted(SOURCE, tmp_path)
    out = import_variant(variant)
    assert "profile: jinchuan-2021" in out
    others, items = stored(variant, year=2022)
    assert {code for _, code in others} == {"profile-edition", "correction-unmatched", "roster-note",
                                             "honours-row", "reader-note-unmatched"}
    assert sorted(line for line, code in others if code == "roster-note") == [3579, 4019, 4181]
    edition = Edition.objects.get(year=2022)
    assert (edition.covers_year, edition.source_profile) == (2021, "jinchuan-2021")
    differ, inside = compare(clean, variant, items, year=2022)
    assert differ == []
    # inside: the three members whose notes are unread, the two honours whose dash is not fixed, the readers'
    # notes whose printed words hold a year …
    assert inside and all(k[0] in ("roster", "honour", "correction", "reader note") for k in inside)
    # … and the 2021 edition is untouched
    assert perturb.export_records(export_edition(Edition.objects.get(year=2021))) == clean
    refused_strictly(variant, next(i.line for i in items if i.code == "correction-unmatched"))
    # 15 items, and the 6 readers' notes whose printed words hold a year (their records show the general note)
    assert len([code for _, code in others if code == "reader-note-unmatched"]) == 6
    assert re.search(r"review items\s+21", out)
