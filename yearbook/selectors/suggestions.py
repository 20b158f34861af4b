"""What to offer when a search finds nothing: records that do exist, near what was typed.

- persons whose name sounds the same (张恒善 → 张恒山, by pinyin) or shares most of its characters;
- agencies whose name or alias is nearest (金川区信访办 → 区信访局), compared without the jurisdiction prefix;
- for a query in pinyin, names whose reading is nearest (zhanghengsan → 张恒山);
- for several words, each word alone when it finds something.
Each comes with its pinyin reading. Nothing is offered that would lead to another empty page.
"""
from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass

from django.db.models import Q
from pypinyin import Style, lazy_pinyin

from yearbook import links
from yearbook.models import Organization, OrganizationAlias, Person
from yearbook.pinyin import name_pinyin
from yearbook.search.query import Query, term_query
from yearbook.selectors.references import public_ids

MAX_PERSONS = 5
MAX_AGENCIES = 5
MIN_RATIO = 0.6
CANDIDATES = 300


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str
    kind: str        # 人物, 机构, 搜索
    reading: str = ""


def reading(name: str) -> str:
    """张恒山 → zhāng héng shān."""
    return " ".join(s for s in lazy_pinyin(name, style=Style.TONE, errors="ignore") if s.strip())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _han(text: str) -> str:
    return "".join(c for c in text if "\u3400" <= c <= "\u9fff")


def near_persons(q: Query) -> list[Person]:
    word = _han(q.joined.text if q.joined else "")
    key = q.terms[0].pinyin if len(q.terms) == 1 else ""
    if word:
        sound = name_pinyin(word)
        chars = list(dict.fromkeys(word))[:4]
        near = Q(name_pinyin=sound)
        for c in chars:
            near |= Q(name__contains=c)
        target, attr = word, "name"
    elif len(key) >= 3:
        near = Q(name_pinyin__startswith=key[:2]) | Q(name_initials__startswith=key[:1]) & Q(
            name_pinyin__contains=key[-3:])
        target, attr, sound = key, "name_pinyin", key
    else:
        return []
    public = public_ids(Person)
    matched = Person.objects.filter(near).order_by("name_pinyin").iterator(chunk_size=CANDIDATES)
    candidates = list(itertools.islice((p for p in matched if p.pk in public), CANDIDATES))
    scored = []
    for p in candidates:
        score = 1.0 if p.name_pinyin == sound else _ratio(target, getattr(p, attr))
        if score >= MIN_RATIO:
            scored.append((-score, p.name_pinyin, p))
    seen, out = set(), []
    for _, _, p in sorted(scored, key=lambda s: s[:2]):
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out[:MAX_PERSONS]


def near_agencies(q: Query) -> list[Organization]:
    if q.joined is None or not _han(q.joined.text):
        return []
    forms = sorted(q.joined.forms, key=len)          # the shortest: the name without its jurisdiction
    names = list(Organization.objects.values_list("pk", "name"))
    names += list(OrganizationAlias.objects.values_list("organization_id", "name"))
    public = public_ids(Organization)
    best: dict[int, float] = {}
    for pk, name in names:
        if pk not in public:
            continue
        score = max(_ratio(f, name) for f in forms[:3])
        if score >= MIN_RATIO and score > best.get(pk, 0):
            best[pk] = score
    ranked = sorted(best, key=lambda pk: -best[pk])[:MAX_AGENCIES]
    found = Organization.objects.in_bulk(ranked)
    return [found[pk] for pk in ranked]


def words_found(q: Query) -> list[str]:
    """Each word of a several-word query that finds something alone (persons, agencies or entries)."""
    from yearbook.selectors.search_kinds import agencies, entries, persons

    if len(q.terms) < 2:
        return []
    out = []
    for term in q.terms[:3]:
        alone = term_query(term)
        if persons(alone).exists() or agencies(alone).exists() or entries(alone).exists():
            out.append(term.text)
    return out


def suggestions(q: Query) -> list[Suggestion]:
    out = [Suggestion(p.name, links.person_url(p), "人物", reading(p.name)) for p in near_persons(q)]
    out += [Suggestion(o.name, links.agency_url(o), "机构", reading(o.name)) for o in near_agencies(q)]
    out += [Suggestion(w, "", "搜索", reading(w)) for w in words_found(q)]
    return out
