"""Robustness: perturbed variants of the real text parse, the records they do not touch come out
identical to the clean parse, and each perturbation shows up as a review item where it should.

The variants (``perturb.py``) are the ways a new user met the old importer: lines shifted,
blank lines doubled, stray page numbers, the file renamed, a section heading removed, the
years shifted by one (next year's text).
"""
from pathlib import Path

import pytest

from yearbook.parsing import parse_yearbook
from yearbook.parsing.source import ParseError

from . import perturb

SOURCE = Path(__file__).resolve().parents[2] / "sources" / "jinchuan-yearbook-2021.txt"


IDENTITY_NOTICES = [("person-homonym", 1932), ("person-homonym", 1936), ("person-variant", 2704),
                    ("person-variant", 3983), ("person-variant", 3995)]


@pytest.fixture(scope="module")
def clean():
    book = parse_yearbook(SOURCE)
    # the clean text reads without a problem; the only review items are the identity notices
    assert sorted((i.code, i.line) for i in book.review_items) == IDENTITY_NOTICES
    assert not any(i.blocking for i in book.review_items)
    records = perturb.records(book)
    assert len(clean_notes(records)) == 31   # every reader's note of the profile found on its line
    return records


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("variants")


def parse_and_compare(variant, clean):
    """Parse a variant; its review items besides the identity notices of the clean text; and the
    keys of the records that differ inside the damaged lines (none may differ outside them)."""
    book = parse_yearbook(variant.path)
    items = [i for i in book.review_items
             if (i.code, variant.original(i.line)) not in IDENTITY_NOTICES]
    assert len(book.review_items) - len(items) == len(IDENTITY_NOTICES)
    damaged = set(variant.damaged) | {variant.original(i.line) for i in items if i.line}
    differ, inside = perturb.compare(clean, perturb.records(book, variant), damaged)
    assert differ == [], f"{variant.name}: records outside the perturbation differ: {differ[:5]}"
    return book, items, inside


def clean_notes(clean) -> list:
    return [k for k in clean if k[0] == "reader note"]


def summary(items, variant):
    return sorted((i.code, variant.original(i.line)) for i in items)


@pytest.mark.parametrize("make", [perturb.shifted, perturb.blank_lines_doubled, perturb.renamed],
                         ids=["lines-shifted", "blank-lines-doubled", "renamed"])
def test_harmless_changes_give_the_same_records_and_no_review_item(make, clean, workdir):
    variant = make(SOURCE, workdir)
    book, items, inside = parse_and_compare(variant, clean)
    assert items == [] and inside == []
    assert book.profile == "jinchuan-2021" and book.edition.title == "金川区年鉴 2021"
    parse_yearbook(variant.path, strict=True)        # a strict parse accepts them too


def test_renamed_file_gets_its_profile_and_corrections(clean, workdir):
    """The old importer found corrections by file name: a renamed text stopped at 3579 (2020年5月仟)."""
    variant = perturb.renamed(SOURCE, workdir)
    book = parse_yearbook(variant.path)
    li = [m for r in book.rosters for m in r.members if m.name == "李文龙" and m.source_line == 3579]
    assert [(str(m.start), m.note) for m in li] == [("2020-05", "2020年5月任")]


def test_stray_page_numbers(clean, workdir):
    """A page number in the board list is a review item (skipped); in the body it is debris."""
    variant = perturb.stray_page_numbers(SOURCE, workdir)
    book, items, inside = parse_and_compare(variant, clean)
    assert [(i.code, i.printed, i.guess) for i in items] == [("board-token", "87", "页码，略去")]
    assert variant.original(items[0].line) is None and items[0].line == variant.line_of(86) + 1
    assert items[0].file == str(variant.path) and "87" in items[0].message
    assert len(book.edition.board) == sum(k[0] == "board" for k in clean) and inside == []
    with pytest.raises(ParseError) as err:
        parse_yearbook(variant.path, strict=True)
    assert err.value.line == items[0].line and "not a personal name" in err.value.message


@pytest.mark.parametrize("heading_line, category, name, previous, first, last, credit", [
    (3104, "经济管理", "统计", "经济发展与改革", 3076, 3137, 3134),
    (2935, "农业", "水利", "林业和草原管理", 2901, 2978, 2975),
])
def test_removed_section_heading(clean, workdir, heading_line, category, name, previous, first, last, credit):
    variant = perturb.heading_removed(SOURCE, workdir, heading_line, first, last)
    book, items, inside = parse_and_compare(variant, clean)
    assert summary(items, variant) == [("credit-extra", credit), ("section-missing", first)]
    missing = next(i for i in items if i.code == "section-missing")
    assert missing.guess == name and previous in missing.message and str(first) in missing.message
    assert name not in {s.name for s in book.sections} and len(book.sections) == 83
    merged = next(s for s in book.sections if s.name == previous)
    titles = lambda section: [d["title"] for k, (_, d) in sorted(clean.items(), key=lambda x: str(x[0]))  # noqa: E731
                              if k[:3] == ("entry", category, section)]
    assert sorted(e.title for e in merged.entries) == sorted(titles(previous) + titles(name))
    # the section's records are now read into the section before it; nothing else moved
    assert inside and all(k[0] in ("section", "entry", "roster", "mention") for k in inside)
    with pytest.raises(ParseError, match="not found"):
        parse_yearbook(variant.path, strict=True)


def test_years_shifted_by_one(clean, workdir):
    """Next year's text: the profile of the 2021 edition is used and says so; only the
    corrections and rules written with a year no longer find their text."""
    variant = perturb.years_shifted(SOURCE, workdir)
    book, items, inside = parse_and_compare(variant, clean)
    assert (book.edition.year, book.edition.covers_year) == (2022, 2021)
    assert book.chronicle[0].date.year == 2021 and len(book.chronicle) == 98
    assert len(book.sections) == 84 and len(book.documents) == 5 and len(book.tables) == 17
    edition = [i for i in items if i.code == "profile-edition"]
    assert len(edition) == 1 and not edition[0].blocking and edition[0].line == 32
    unmatched = [i for i in items if i.code == "correction-unmatched"]
    assert unmatched and all(perturb.YEAR.search(i.printed) for i in unmatched)
    notes = [i for i in items if i.code == "roster-note"]
    assert [(i.line, i.guess) for i in notes] == [(3579, "2021年5月任"), (4019, "2021年8月任"),
                                                  (4181, "女,政法委员2021年5月任")]
    assert summary([i for i in items if i.code == "honours-row"], variant) == [("honours-row", 4385)]
    # readers' notes whose printed words hold a year no longer find their line: their records get the general note
    unplaced = [i for i in items if i.code == "reader-note-unmatched"]
    assert unplaced and all(perturb.YEAR.search(i.printed) and not i.blocking for i in unplaced)
    assert len(book.edition.reader_notes) + len(unplaced) == len(clean_notes(clean))
    assert {i.code for i in items} == {"profile-edition", "correction-unmatched", "roster-note", "honours-row",
                                       "reader-note-unmatched"}
    with pytest.raises(ParseError, match="not found in the text"):
        parse_yearbook(variant.path, strict=True)
