"""The organisations of the book: a curated registry plus the ones the records name.

The registry is ``organizations.csv`` of the source profile (columns
``name,kind,aliases,parent,section``; aliases and sections separated by ``|``;
a section name the outline holds twice is qualified by its category:
``中国共产党X区委员会/重要会议``).
Canonical names follow the book: the roster heading without 领导班子成员 where the
agency has a roster (区委办公室, 区统计局), otherwise the fullest printed form.

Besides the listed aliases, every name has *district variants*, because a yearbook
writes the same agency with or without the district prefix (named rules in
``district_variants``; the prefixes are the profile's ``[jurisdiction]``):
区统计局 = X区统计局 = Y市X区统计局; 区委组织部 = 中共X区委组织部;
某某镇 = X区某某镇; a village is also written with its town
(X区某某镇某某村). ``OrgIndex`` maps every such form (compared without
spaces and quotes) to one canonical name; a form claimed by two agencies is an
error of the registry (ValueError).

``build_organizations`` returns the registry plus every organisation a record
names that the index cannot resolve, with kind and parent inferred from the name
(``infer_kind``, ``infer_parent``). Only the genre's vocabulary (局, 镇, 社区, 中共,
国务院 …) is in this module; names of places come from the profile.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .profile import Profile, default_profile
from .records import OrganizationInfo, Yearbook
from .source import HAN

KINDS = (
    "party", "congress", "government", "bureau", "cppcc", "discipline", "mass_org", "judicial",
    "town", "subdistrict", "village", "community", "school", "hospital", "enterprise", "higher", "other",
)
DISTRICT_KINDS = frozenset(KINDS) - {"higher"}
PLACE_KINDS = ("town", "subdistrict", "village", "community")

_SPACES = re.compile(r"\s+")
_QUOTES = re.compile("[\"'\u201c\u201d\u2018\u2019]")
# A roster heading names its agency: 【区统计局领导班子成员】, 【…组成人员】, with a stray
# 单位 before the suffix at times (【区房管所单位领导班子成员】).
_ROSTER_SUFFIX = re.compile(r"(单位)?(领导班子成员|领导班子|组成人员)$")
# 授奖单位 "中共Z省委宣传部等 14 家单位": the body named is the first one.
_AND_OTHERS = re.compile(r"等\d+家单位$")
# 授奖单位 "<a provincial department> (<the office it acted as>)": the body, then the office it
# acted as.
_ACTING_AS = re.compile(r"\([^()]*\)$")
_HAN_CHAR = re.compile(f"[{HAN}]")
# A plausible organisation name: Han, digits, Latin, the book's punctuation. OCR junk
# (Hangul, stray symbols: "A III로 스마 /II M 호이스 나") is not one.
_NAME_CHARS = re.compile(f"[{HAN}0-9A-Za-z()《》\"·—\\-]+")


@dataclass(frozen=True)
class Jurisdiction:
    """The district a book is about, as the profile names it (``[jurisdiction]``)."""
    name: str                       # X区
    prefixes: tuple[str, ...]       # Y市X区, X区, 区 (longest first)
    party_prefixes: tuple[str, ...]  # 中共X区 …: the district's party committee in full
    place_prefixes: tuple[str, ...]  # X区, Y市X区: before towns, villages …
    city: str                       # Y市
    branch_suffix: str              # X区分局: a city bureau's branch in the district
    higher_prefixes: tuple[str, ...]  # Z省, Y市 …: bodies above the district

    @property
    def short(self) -> str:
        """The one-word prefix (区): 区委, 区政府, 团区委."""
        return self.prefixes[-1]

    @property
    def full_prefixes(self) -> tuple[str, ...]:
        """Prefixes that name the district in full (Y市X区, X区)."""
        return tuple(p for p in self.prefixes if p != self.short)


@lru_cache(maxsize=16)
def _jurisdiction(profile: Profile) -> Jurisdiction:
    j = profile.require("jurisdiction")
    return Jurisdiction(j["name"], tuple(j["prefixes"]), tuple(j.get("party_prefixes", ())),
                        tuple(j.get("place_prefixes", ())), j.get("city", ""), j.get("branch_suffix", ""),
                        tuple(j.get("higher_prefixes", ())))


def jurisdiction(profile: Profile | None = None) -> Jurisdiction:
    return _jurisdiction(profile or default_profile())


# -- normalisation ------------------------------------------------------------

def normalize(name: str) -> str:
    """The display form: no OCR spaces, one kind of middle dot, ASCII parentheses."""
    name = _SPACES.sub("", name or "")
    return name.replace("\u2022", "\u00b7").replace("（", "(").replace("）", ")")


def lookup_key(name: str) -> str:
    """The comparison form: ``normalize`` without quotes (区"紫金花城"景区管理处)."""
    return _QUOTES.sub("", normalize(name))


def looks_like_name(name: str) -> bool:
    name = normalize(name)
    return bool(_NAME_CHARS.fullmatch(name)) and len(_HAN_CHAR.findall(name)) >= 2


# -- district variants ----------------------------------------------------------

def district_variants(name: str, kind: str, parent: str = "", profile: Profile | None = None) -> list[str]:
    """The other ways the book writes a district agency's name (see module doc).

    Rules (prefixes from the profile's ``[jurisdiction]``):
    * PREFIX_SWAP: 区X / X区X / Y市X区X are one name (X at least 2 chars).
    * PARTY_PREFIX: a 区委 body also takes 中共: 区委组织部 → 中共X区委组织部.
    * PLACE_PREFIX: towns, streets, villages, communities take X区 / Y市X区.
    * PARENT_PREFIX: villages and communities are also written after their town or
      street: 某某镇某某村, X区某某镇某某村.
    """
    if kind not in DISTRICT_KINDS:
        return []
    j = jurisdiction(profile)
    out: list[str] = []
    for prefix in j.prefixes:
        core = name[len(prefix):]
        if name.startswith(prefix) and len(core) >= 2:
            out += [p + core for p in j.prefixes if p != prefix]
            if kind == "party" and name.startswith(j.short + "委"):
                out += [p + name[len(j.short):] for p in j.party_prefixes]
            break
    else:
        if kind in PLACE_KINDS:
            out += [p + name for p in j.place_prefixes]
    if kind in ("village", "community") and parent:
        out += [parent + name] + [p + parent + name for p in j.place_prefixes[:1]]
    return [v for v in dict.fromkeys(out) if v != name]


def surface_forms(org: OrganizationInfo, profile: Profile | None = None) -> list[str]:
    """Canonical name, aliases and their district variants, each once."""
    forms: list[str] = []
    for name in [org.name, *org.aliases]:
        forms.append(normalize(name))
        forms += district_variants(normalize(name), org.kind, org.parent, profile)
    return list(dict.fromkeys(forms))


class OrgIndex:
    """Every written form (compared by ``lookup_key``) → canonical name."""

    def __init__(self, orgs: list[OrganizationInfo], profile: Profile | None = None):
        self.profile = profile or default_profile()
        j = jurisdiction(self.profile)
        # a name written without any district prefix may have dropped it (某某镇…服务站)
        self.local_starts = (*j.prefixes, j.city + "市") if j.city else j.prefixes
        self.local_prefix = j.place_prefixes[0] if j.place_prefixes else ""
        self.orgs = {o.name: o for o in orgs}
        self.by_key: dict[str, str] = {}
        for org in orgs:
            self.add(org)

    def add(self, org: OrganizationInfo) -> None:
        self.orgs[org.name] = org
        for form in surface_forms(org, self.profile):
            key = lookup_key(form)
            owner = self.by_key.setdefault(key, org.name)
            if owner != org.name:
                raise ValueError(f"organisation form {form!r} claimed by {owner!r} and {org.name!r}")

    def exact(self, name: str) -> str | None:
        return self.by_key.get(lookup_key(name))

    def resolve(self, name: str) -> str | None:
        return self.resolve_how(name)[0]

    def resolve_how(self, name: str) -> tuple[str | None, bool]:
        """The canonical name of ``name`` (None when no agency of the index is meant), and
        whether ``name`` as written is a name of it (not only after stripping something).

        Tries the name as written, then without a roster-heading suffix
        (…领导班子成员), then without 等N家单位 (the first body of a list), then
        without a final parenthesis (the office the body acted as), then with
        the district prefix the book often drops (某某镇退役军人服务站 =
        X区某某镇退役军人服务站).
        """
        key = lookup_key(name)
        if not key:
            return None, False
        candidates = [(key, True), (_ROSTER_SUFFIX.sub("", key), False), (_AND_OTHERS.sub("", key), False),
                      (_ACTING_AS.sub("", key), False)]
        if self.local_prefix and not key.startswith(self.local_starts):
            candidates.append((self.local_prefix + key, True))
        for candidate, as_written in candidates:
            if candidate in self.by_key:
                return self.by_key[candidate], as_written
        return None, False

    def split_known(self, name: str) -> list[str] | None:
        """Canonical names when ``name`` is two or more known names run together
        (授奖单位 cells printed without a separator: Z省农业农村厅Z省卫生健康委员会)."""
        key, parts = lookup_key(name), []
        while key:
            for end in range(len(key), 1, -1):
                if key[:end] in self.by_key:
                    parts.append(self.by_key[key[:end]])
                    key = key[end:]
                    break
            else:
                return None
        return parts if len(parts) >= 2 else None


# -- the registry -----------------------------------------------------------------

def _split(cell: str) -> list[str]:
    return [normalize(x) for x in (cell or "").split("|") if normalize(x)]


@lru_cache(maxsize=8)
def _load_registry_cached(path: str, profile: Profile, year: int) -> tuple[OrganizationInfo, ...]:
    outline = profile.outline(year)
    covers = str(profile.covers(year))
    sections = {s.name for s in outline} | {f"{s.category}/{s.name}" for s in outline}
    ambiguous = {s.name for s in outline if sum(t.name == s.name for t in outline) > 1}
    orgs: list[OrganizationInfo] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row_no, row in enumerate(csv.DictReader(fh), start=2):
            # Section names are outline names as they are (a 特载 report title keeps its spaces).
            org = OrganizationInfo(
                name=normalize(row["name"]), kind=row["kind"].strip(), aliases=_split(row["aliases"]),
                parent=normalize(row["parent"]),
                sections=[x.strip().replace("{covers}", covers) for x in row["section"].split("|") if x.strip()])
            where = f"{path}:{row_no}"
            if org.kind not in KINDS:
                raise ValueError(f"{where}: unknown kind {org.kind!r}")
            for s in org.sections:
                if s not in sections or s in ambiguous:
                    raise ValueError(f"{where}: unknown or unqualified section {s!r}")
            orgs.append(org)
    names = [o.name for o in orgs]
    if len(names) != len(set(names)):
        raise ValueError(f"{path}: duplicate names")
    for org in orgs:
        if org.parent and org.parent not in names:
            raise ValueError(f"{path}: {org.name}: unknown parent {org.parent!r}")
    OrgIndex(orgs, profile)  # raises on a form claimed twice
    return tuple(orgs)


def registry_path(profile: Profile | None = None) -> Path | None:
    """The profile's ``organizations.csv`` (None: the profile has no registry)."""
    return (profile or default_profile()).file("organizations.csv")


def load_registry(path: Path | str | None = None, profile: Profile | None = None,
                  year: int | None = None) -> list[OrganizationInfo]:
    """The curated registry of a profile, validated (kinds, sections, parents, no form claimed twice).
    Section names may hold ``{covers}`` (the covered year of edition ``year``)."""
    profile = profile or default_profile()
    path = path or registry_path(profile)
    if path is None:
        return []
    return [replace(o, aliases=list(o.aliases), sections=list(o.sections))
            for o in _load_registry_cached(str(path), profile, year or profile.edition)]


# -- inference for names the registry lacks --------------------------------------------

def strip_district(name: str, profile: Profile | None = None) -> str:
    for prefix in jurisdiction(profile).full_prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix):]
    return name


# Ordered, named rules: (name, kind, pattern on the name without the district prefix).
# {short} is the one-word district prefix (区), {city} the city (Y市), {branch} a city
# bureau's district branch (X区分局), {higher} the names of the province and city.
KIND_RULE_TEMPLATES = [
    ("SCHOOL", "school", r"(?<!党)(学校|中学|小学|幼儿园|大学|学院)$"),
    ("HOSPITAL", "hospital", r"(医院|卫生院|卫生服务中心|卫生服务站)$"),
    ("CITY_POLICE_BRANCH", "judicial", r"^({city})?市公安局{branch}"),
    ("CITY_BUREAU_BRANCH", "bureau", r"^({city})?市.+{branch}"),
    ("HIGHER_PREFIX", "higher", r"^(中共)?({higher}国家|国务院|全国|中央|中国|最高人民|空军|省|市(?!场|政))"),
    ("MINISTRY", "higher", r"^[^{short}镇街村]+部$"),
    ("DISCIPLINE", "discipline", r"纪委|监委|纪律检查|监察委员会"),
    ("CPPCC", "cppcc", r"政协|政治协商"),
    ("CONGRESS", "congress", r"人大|人民代表大会"),
    ("JUDICIAL", "judicial", r"法院|检察院|公安|派出所|司法所|法庭|警察"),
    ("MASS_ORG", "mass_org",
     r"工会|共青团|团{short}委|团委|妇联|妇女联合会|残联|残疾人联合会|工商联|工商业联合会|科协|关心下一代|红十字会"),
    ("PARTY", "party", r"^{short}委|^中共|党委$|党工委$|党组$|党支部$|党总支$"),
    ("VILLAGE", "village", r"(?<!农)村$"),
    ("COMMUNITY", "community", r"社区$"),
    ("TOWN", "town", r"镇$|镇人民政府$"),
    ("SUBDISTRICT", "subdistrict", r"街道$|街道办事处$"),
    ("GOVERNMENT", "government", r"^({short})?人民政府$|^{short}政府$"),
    ("ENTERPRISE", "enterprise", r"(公司|集团|厂|银行|专业合作社|酒店|宾馆|超市)$"),
    ("BUREAU", "bureau", r"(局|办|办公室|中心|所|处|站|队|馆|林场|委员会|委|领导小组|社)$"),
]
HIGHER_RULES = ("HIGHER_PREFIX", "MINISTRY")


@lru_cache(maxsize=8)
def kind_rules(profile: Profile) -> list[tuple[str, str, re.Pattern]]:
    j = jurisdiction(profile)
    values = {"short": re.escape(j.short), "city": re.escape(j.city) or "(?!)",
              "branch": re.escape(j.branch_suffix) or "(?!)",
              "higher": "".join(re.escape(p) + "|" for p in j.higher_prefixes)}
    return [(n, k, re.compile(re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], p)))
            for n, k, p in KIND_RULE_TEMPLATES]


def infer_kind(name: str, profile: Profile | None = None) -> tuple[str, str]:
    """(kind, rule name) for a name the registry lacks; ("other", "") if no rule fits.

    The rules see the name without the district prefix; a name that had that prefix
    is never above the district (the HIGHER rules are skipped for it).
    """
    profile = profile or default_profile()
    name = normalize(name)
    core = strip_district(name, profile)
    for rule, kind, pattern in kind_rules(profile):
        if rule in HIGHER_RULES and core != name:
            continue
        if pattern.search(core):
            return kind, rule
    return "other", ""


def infer_parent(name: str, index: OrgIndex) -> str:
    """The town/street a name starts with (某某镇退役军人服务站 → 某某镇), or the agency
    of which it is a branch (Y市公安局X区分局某某派出所 → Y市公安局X区分局)."""
    name = normalize(name)
    for end in range(len(name) - 1, 1, -1):
        owner = index.exact(name[:end])
        if owner and index.orgs[owner].kind in DISTRICT_KINDS - {"other"}:
            return owner
    return ""


# -- build ------------------------------------------------------------------------

def named_in_records(book: Yearbook) -> list[tuple[str, int, bool]]:
    """(name, source_line, record needs review) for every organisation a record names."""
    out: list[tuple[str, int, bool]] = []
    for roster in book.rosters:
        out.append((roster.organization, roster.source_line, roster.needs_review))
    for honour in book.honours:
        if honour.kind == "collective":
            out.append((honour.recipient, honour.source_line, honour.needs_review))
        else:
            out.append((honour.work_unit, honour.source_line, honour.needs_review))
        out += [(body, honour.source_line, honour.needs_review) for body in honour.awarded_by]
    return [(n, line, review) for n, line, review in out if normalize(n)]


def build_organizations(book: Yearbook, profile: Profile | None = None) -> list[OrganizationInfo]:
    """The registry plus every organisation named by the records and not in it.

    A name that resolves adds its printed form to the agency's aliases (so the
    loader sees every spelling); one that does not becomes a new agency of origin
    "book" with inferred kind and parent. Names that are OCR junk or two known
    names run together are skipped (their records carry the review flag).
    """
    profile = profile or default_profile()
    orgs = load_registry(profile=profile, year=book.edition.year)
    index = OrgIndex(orgs, profile)
    for raw, line, record_review in named_in_records(book):
        name = normalize(raw)
        canonical, as_written = index.resolve_how(name)
        if canonical:
            org = index.orgs[canonical]
            if org.source_line is None:
                org.source_line = line
            # a form found only after stripping (…等14家单位, …(acting as …)) is not a name of the agency
            if as_written and name != org.name and name not in org.aliases \
                    and lookup_key(name) != lookup_key(org.name):
                org.aliases.append(name)
            continue
        if not looks_like_name(name) or index.split_known(name):
            continue
        kind, rule = infer_kind(name, profile)
        org = OrganizationInfo(name=name, kind=kind, parent=infer_parent(name, index),
                               origin="book", source_line=line)
        known = {index.exact(f) for f in surface_forms(org, profile)} - {None}
        if known:  # a district variant of it is already an agency: same agency
            owner = index.orgs[sorted(known)[0]]
            if name not in owner.aliases:
                owner.aliases.append(name)
            continue
        notes = []
        if not rule:
            notes.append("无法从名称推断机构类别")
        if record_review:
            notes.append("提及它的记录待审核")
        if notes:
            org.needs_review, org.review_note = True, "；".join(notes)
        index.add(org)
        orgs.append(org)
    return orgs


def link_honours(book: Yearbook, orgs: list[OrganizationInfo], profile: Profile | None = None) -> None:
    """Give every honour the agencies its printed names stand for (``awarded_by_orgs``,
    ``recipient_org``, ``work_unit_org``), so a form that is not an agency's name (…等14家单位)
    is linked without becoming an alias."""
    index = org_index(orgs, profile)
    for h in book.honours:
        h.awarded_by_orgs = [index.resolve(body) or "" for body in h.awarded_by]
        if h.kind == "collective":
            h.recipient_org = index.resolve(h.recipient) or ""
        elif h.work_unit:
            h.work_unit_org = index.resolve(h.work_unit) or ""


_INDEX_CACHE: dict[int, tuple[list[OrganizationInfo], int, OrgIndex]] = {}


def org_index(orgs: list[OrganizationInfo], profile: Profile | None = None) -> OrgIndex:
    """An index of ``orgs``, cached while the list is unchanged (for repeated ``resolve``)."""
    cached = _INDEX_CACHE.get(id(orgs))
    if cached and cached[0] is orgs and cached[1] == len(orgs):
        return cached[2]
    index = OrgIndex(orgs, profile)
    _INDEX_CACHE.clear()
    _INDEX_CACHE[id(orgs)] = (orgs, len(orgs), index)
    return index


def resolve(name: str, orgs: list[OrganizationInfo], profile: Profile | None = None) -> str | None:
    """Canonical name of the agency ``name`` means (for the loader), or None."""
    return org_index(orgs, profile).resolve(name)
