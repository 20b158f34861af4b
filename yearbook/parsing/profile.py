"""Source profiles: what the parser knows about one book, as data (no Django).

A profile is a folder ``sources/profiles/<name>/`` holding ``profile.toml`` (title
pattern, headings of the front matter, jurisdiction names and prefixes, vocabulary,
document issuers …) and CSV files (the outline as printed, the corrections, the
structural fixes of this edition). ``sources/profiles/README.md`` documents every
file and column. The parser modules are generic: whatever names one book (a heading,
a person, a line, a rowspan) comes from here.

A text gets its profile from its own front matter: the first line that matches a
profile's ``title_pattern`` names the series and the edition year. A profile of the
same series and edition wins; otherwise the closest edition of the series is used
and a review item says so. An explicit profile (``--profile``) overrides.

A profile may ``extends = "<other profile>"``: it then inherits the other one's TOML
settings (its own keys win) and its series-level files (``outline.csv``,
``organizations.csv``); edition-level files (corrections, rowspans, glyph readings,
roster moves …) belong to each edition and are never inherited.
"""
from __future__ import annotations

import csv
import fcntl
import io
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ParseError

PROFILES_DIR = Path(__file__).resolve().parents[2] / "sources" / "profiles"
SERIES_FILES = ("outline.csv", "organizations.csv")
SECTION_KINDS = ("sections", "report", "overview", "chronicle", "honours", "tables", "documents")


@dataclass(frozen=True)
class OutlineSection:
    """One section slot of the outline, in book order.

    ``heading`` is the heading line as printed (compared without spaces), OCR damage
    included; None for a headingless section, found by ``starts_with`` instead.
    ``{covers}`` / ``{year}`` in a heading stand for the covered year / the edition year.
    """
    category: str
    name: str            # canonical section name
    heading: str | None  # the heading line as printed; None = headingless
    kind: str = "sections"  # how its body is parsed: sections / report / chronicle / overview / honours / tables / documents
    starts_with: str | None = None  # headingless sections: the first line starts with this
    page: int | None = None         # printed page of the heading, where the book gives it with certainty
    variant: str = ""               # honours: collective / individual
    review_note: str = ""           # the section is flagged for editorial review with this note


@dataclass(frozen=True)
class Row:
    """A CSV row of a profile file, with its origin for messages (``file:row``)."""
    values: dict
    path: str
    number: int

    def __getitem__(self, key: str) -> str:
        return self.values.get(key) or ""

    @property
    def origin(self) -> str:
        return f"{self.path}:{self.number}"


@dataclass(eq=False)  # one object per profile folder (cached): hashable by identity
class Profile:
    name: str
    path: Path
    settings: dict
    base: Profile | None = None
    _rows: dict = field(default_factory=dict, repr=False)

    # -- identity ---------------------------------------------------------
    @property
    def series(self) -> str:
        return self.settings["series"]

    @property
    def edition(self) -> int:
        return int(self.settings["edition"])

    @property
    def title_re(self) -> re.Pattern:
        return re.compile(self.settings["title_pattern"])

    @property
    def covers_offset(self) -> int:
        return int(self.settings.get("covers_offset", -1))

    def covers(self, year: int) -> int:
        return year + self.covers_offset

    # -- settings ---------------------------------------------------------
    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.settings
        for key in dotted.split("."):
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def require(self, dotted: str) -> Any:
        value = self.get(dotted)
        if value is None:
            raise ParseError(f"profile {self.name}: setting {dotted!r} is missing", str(self.path / "profile.toml"))
        return value

    # -- files ------------------------------------------------------------
    def file(self, name: str) -> Path | None:
        """The profile's file ``name``; series-level files may come from the base profile."""
        own = self.path / name
        if own.exists():
            return own
        if self.base is not None and name in SERIES_FILES:
            return self.base.file(name)
        return None

    def rows(self, name: str, required: tuple[str, ...] = ()) -> list[Row]:
        """The rows of CSV file ``name`` ([] when the profile has no such file)."""
        if name not in self._rows:
            path = self.file(name)
            self._rows[name] = read_rows(path, required) if path else []
        return self._rows[name]

    def correction_files(self) -> list[Path]:
        d = self.path / "corrections"
        return sorted(d.glob("*.csv")) if d.is_dir() else []

    # -- outline ------------------------------------------------------------
    def outline(self, year: int | None = None) -> list[OutlineSection]:
        year = self.edition if year is None else year
        return _outline(self, year)

    def categories(self, year: int | None = None) -> list[str]:
        return list(dict.fromkeys(s.category for s in self.outline(year)))


CORRECTION_COLUMNS = ("line", "printed", "corrected", "reason", "context")
REVIEW_CORRECTIONS = "review.csv"   # the corrections written from the review queue


def append_correction(profile: Profile, row: dict, filename: str = REVIEW_CORRECTIONS) -> Path:
    """Append one row (``CORRECTION_COLUMNS``) to the profile's corrections file ``filename``.

    The file is data in the repository: it is rewritten whole into a temporary file that is then renamed
    over it, so a reader never sees half a row; writers take turns (a lock on the folder)."""
    folder = profile.path / "corrections"
    folder.mkdir(exist_ok=True)
    target = folder / filename
    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CORRECTION_COLUMNS, lineterminator="\n")
        if not text:
            writer.writeheader()
        elif not text.endswith("\n"):
            text += "\n"
        writer.writerow({k: row.get(k, "") for k in CORRECTION_COLUMNS})
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{filename}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text + out.getvalue())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
    return target


def read_rows(path: Path, required: tuple[str, ...] = ()) -> list[Row]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ParseError(f"profile file needs the columns {missing}", str(path), 1)
        return [Row(values, str(path), i) for i, values in enumerate(reader, start=2)]


def _fill(text: str, year: int, covers: int) -> str:
    return text.replace("{covers}", str(covers)).replace("{year}", str(year))


def _outline(profile: Profile, year: int) -> list[OutlineSection]:
    covers = profile.covers(year)
    out = []
    for row in profile.rows("outline.csv", ("category", "name", "heading", "kind")):
        kind = row["kind"] or "sections"
        if kind not in SECTION_KINDS:
            raise ParseError(f"unknown section kind {kind!r}", row.path, row.number)
        heading = _fill(row["heading"], year, covers) or None
        starts_with = _fill(row["starts_with"], year, covers) or None
        if heading is None and starts_with is None:
            raise ParseError("a section needs a heading or a starts_with", row.path, row.number)
        page = row["page"]
        out.append(OutlineSection(
            category=row["category"], name=_fill(row["name"], year, covers), heading=heading, kind=kind,
            starts_with=starts_with, page=int(page) if page else None, variant=row["variant"],
            review_note=row["review_note"]))
    if not out:
        raise ParseError(f"profile {profile.name} has no outline.csv", str(profile.path))
    return out


# ---------------------------------------------------------------------------
# Finding profiles
# ---------------------------------------------------------------------------

def available_profiles(root: Path | None = None) -> list[str]:
    """The profile folders of ``root`` (by default the repository's ``sources/profiles``)."""
    return sorted(p.parent.name for p in (root or PROFILES_DIR).glob("*/profile.toml"))


@lru_cache(maxsize=16)
def _load(path: str) -> Profile:
    folder = Path(path)
    toml_path = folder / "profile.toml"
    try:
        with open(toml_path, "rb") as fh:
            settings = tomllib.load(fh)
    except OSError as exc:
        raise ParseError(f"no source profile here ({exc.strerror})", str(toml_path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"profile.toml is not valid TOML: {exc}", str(toml_path)) from None
    base = None
    if settings.get("extends"):
        base = _load(str(folder.parent / settings["extends"]))
        settings = _merge(base.settings, settings)
    for key in ("series", "edition", "title_pattern"):
        if key not in settings:
            raise ParseError(f"profile.toml needs {key!r}", str(toml_path))
    return Profile(folder.name, folder, settings, base)


def _merge(base: dict, own: dict) -> dict:
    out = dict(base)
    for key, value in own.items():
        out[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def load_profile(name: str | Path, root: Path | None = None) -> Profile:
    """A profile by folder name (``sources/profiles/<name>``) or by path."""
    path = Path(name)
    folder = path if (path / "profile.toml").exists() else (root or PROFILES_DIR) / str(name)
    return _load(str(folder.resolve()))


def default_profile() -> Profile:
    """The only profile of the repository (for helpers called without a text)."""
    names = available_profiles()
    if len(names) != 1:
        raise ParseError(f"{len(names)} source profiles ({', '.join(names)}): name the one to use",
                         str(PROFILES_DIR))
    return load_profile(names[0])


@dataclass(frozen=True)
class Match:
    profile: Profile
    year: int            # edition year printed in the title
    line: int            # the title line
    printed: str


def title_matches(lines: list[str], root: Path | None = None) -> list[Match]:
    """For each profile, the first line of the text its title pattern matches."""
    matches = []
    for name in available_profiles(root):
        profile = load_profile(name, root)
        pattern = profile.title_re
        for n, text in enumerate(lines, start=1):
            m = pattern.match(text.strip())
            if m:
                matches.append(Match(profile, int(m.group("year")), n, text.strip()))
                break
    return matches


def choose_profile(lines: list[str], root: Path | None = None) -> Match:
    """The profile for a text, from its title line (series + edition year).

    The same series and edition wins; otherwise the series' profile of the closest
    edition (the caller reports that as a review item). No match: ParseError.
    """
    matches = title_matches(lines, root)
    if not matches:
        raise ParseError(
            f"no source profile matches the title in the front matter (profiles: "
            f"{', '.join(available_profiles(root)) or 'none'}): the text is not this yearbook "
            "or needs a profile of its own", None, 1)
    exact = [m for m in matches if m.year == m.profile.edition]
    if exact:
        return exact[0]
    return min(matches, key=lambda m: (abs(m.year - m.profile.edition), -m.profile.edition))
