"""Source profiles: chosen by the text's title, overridable, inheritable; the parser names no book."""
import re
import shutil
from pathlib import Path

import pytest

from yearbook.parsing import parse_source
from yearbook.parsing.profile import PROFILES_DIR, choose_profile, default_profile, load_profile
from yearbook.parsing.source import ParseError, load_source

from . import perturb
from .conftest import SOURCE

PARSING = Path(__file__).resolve().parents[2] / "yearbook" / "parsing"


def test_the_title_line_chooses_the_profile(source):
    match = choose_profile(perturb.read_lines(SOURCE))
    assert (match.profile.name, match.year, match.line) == ("jinchuan-2021", 2021, 32)
    assert source.profile.name == "jinchuan-2021" and source.body_start == 482   # first report, after the TOC


def test_a_text_no_profile_knows_is_refused(tmp_path):
    other = tmp_path / "novel.txt"
    other.write_text("第一回 宴桃园豪杰三结义\n" * 50, encoding="utf-8")
    with pytest.raises(ParseError, match="not this yearbook") as err:
        load_source(other)
    assert err.value.path == str(other)


def test_an_explicit_profile_overrides(tmp_path):
    """A text whose title line is lost still reads with the profile named for it."""
    lines = perturb.read_lines(SOURCE)
    lines[31] = ""                                     # the title line 金川区年鉴 2021
    path = tmp_path / "untitled.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ParseError):
        load_source(path)
    book = parse_source(load_source(path, profile="jinchuan-2021"))
    assert book.profile == "jinchuan-2021" and book.edition.year == 2021 and len(book.sections) == 84
    codes = [i.code for i in book.review_items]
    assert "title-not-found" in codes and "front-matter-block" in codes


def test_next_edition_profile_extends_the_series(tmp_path):
    """A profile for the 2022 text: settings and outline inherited, corrections its own (none yet)."""
    root = tmp_path / "profiles"
    root.mkdir()
    shutil.copytree(PROFILES_DIR / "jinchuan-2021", root / "jinchuan-2021")
    (root / "jinchuan-2022").mkdir()
    (root / "jinchuan-2022" / "profile.toml").write_text(
        'extends = "jinchuan-2021"\nedition = 2022\n', encoding="utf-8")
    variant = perturb.years_shifted(SOURCE, tmp_path)
    assert choose_profile(perturb.read_lines(variant.path), root).profile.name == "jinchuan-2022"
    profile = load_profile(root / "jinchuan-2022")
    assert profile.series == "金川区年鉴" and profile.file("outline.csv").parent.name == "jinchuan-2021"
    assert profile.correction_files() == [] and profile.file("rowspans.csv") is None
    book = parse_source(load_source(variant.path, profile=profile))
    assert (book.edition.year, book.edition.covers_year, len(book.sections)) == (2022, 2021, 84)
    assert "profile-edition" not in {i.code for i in book.review_items}
    notes = [i.guess for i in book.review_items if i.code == "roster-note"]
    assert notes == ["2021年5月任", "任至2021年3月", "任至2021年7月", "2021年8月任", "女,政法委员2021年5月任"]


def _book_names(profile):
    """Words that name this book: series, places, persons and labels of its structural fixes."""
    j = profile.get("jurisdiction")
    names = {profile.series, j["name"], j["city"], *j["higher_prefixes"], *profile.get("honours.body_prefixes")}
    names |= {r["reading"] for r in profile.rows("garbled_names.csv")}
    names |= {r["reading"] for r in profile.rows("glyph_readings.csv") if r["reading"]}
    names |= {r["label"] for r in profile.rows("rowspans.csv")}
    names |= {n for r in profile.rows("roster_moves.csv") for n in re.split(r"[|]", r["expect"]) if n}
    # headings printed with OCR damage, and the reports' titles
    names |= {s.heading for s in profile.outline() if s.heading and s.heading != s.name}
    names |= {s.starts_with for s in profile.outline() if s.starts_with and len(s.starts_with) > 6}
    return {n for n in names if n}


def test_the_parser_names_no_book():
    """The profile folder is the only place that names this book: no word of it in yearbook/parsing/."""
    names = _book_names(default_profile())
    assert len(names) > 30
    found = [(p.name, n) for p in PARSING.glob("*.py") for n in names if n in p.read_text(encoding="utf-8")]
    assert found == []
    # no line number of a text either: four-digit numbers are years (19xx, 20xx) or none
    numbers = [(p.name, m.group(0)) for p in PARSING.glob("*.py")
               for m in re.finditer(r"(?<![\d.\w])[1-9]\d{3}(?![\d\w])", p.read_text(encoding="utf-8"))
               if not m.group(0).startswith(("19", "20"))]
    assert numbers == []


def test_a_correction_is_appended_to_the_profile_whole(tmp_path):
    """The review queue appends a row to corrections/review.csv: the file's rows stay, the new one is read."""
    from yearbook.parsing.profile import append_correction
    from yearbook.parsing.source import load_corrections

    root = tmp_path / "profiles"
    shutil.copytree(PROFILES_DIR / "jinchuan-2021", root / "jinchuan-2021")
    profile = load_profile(root / "jinchuan-2021")
    written = profile.path / "corrections" / "review.csv"
    written.write_text("line,printed,corrected,reason,context\n1302,李牛虎,李生虎,OCR 将「生」误识为「牛」,", encoding="utf-8")
    before = len(load_corrections(profile.correction_files()))
    append_correction(profile, {"line": 3579, "printed": "月仟)", "corrected": "月任)",
                                "reason": "OCR 将「任」误识为「仟」，见名录", "context": "李文龙(2020 年 5 月仟)"})
    rows = load_corrections(profile.correction_files())
    assert len(rows) == before + 1
    mine = [r for r in rows if r.origin.startswith(str(written))]
    assert [(r.hint, r.printed, r.corrected, r.context) for r in mine] == [
        (1302, "李牛虎", "李生虎", ""), (3579, "月仟)", "月任)", "李文龙(2020 年 5 月仟)")]
    assert [p.name for p in written.parent.iterdir() if p.name.startswith(".")] == []   # no temporary file left
