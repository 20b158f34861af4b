"""What a reader typed, made into what the search matches (no Django here).

A query is split into words, ANDed (张恒山 区长: a name and a title; 统计局 局长: an agency and a title).
Each word becomes a Term: the forms any one of which a record must hold, all squashed (no spaces or
punctuation, see grams.squash):
- the word as typed, and in simplified characters when typed in traditional ones (張恆山 → 张恒山, by
  OpenCC), both kept: OpenCC reads 乾 as 干, but 赵乾德 is a name;
- the other ways of writing its jurisdiction prefix and its long or short name parts, from the book's
  data file sources/name-forms.csv (NameForms): 金川区医疗保障局 also as 区医保局, 中共金川区委组织部 as
  区委组织部.
A query that is pinyin as a whole (zhang heng shan) is one term. ``Query`` is the cleaned text itself
(a str, so a kind that only knows ``__contains`` still works) with its terms.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from yearbook.search.grams import squash

NAME_FORMS_PATH = Path(__file__).resolve().parents[2] / "sources" / "name-forms.csv"
MAX_FORMS = 12          # per term: every form is one more index lookup
MIN_CORE = 2            # a jurisdiction prefix is swapped only before a name of two characters or more
_PINYIN = re.compile(r"^[a-z][a-z' ]*$")
# Words that end an office's title (区长, 党组书记, 主任委员…): a term ending so may name a post.
TITLE_ENDINGS = ("长", "书记", "主任", "主席", "委员", "常委", "专员", "辅导员", "部长", "成员", "理事")


@dataclass(frozen=True)
class NameForms:
    """Equivalent ways of writing a name's parts (sources/name-forms.csv).

    ``jurisdictions``: groups of prefixes naming one jurisdiction (金川区 | 金昌市金川区 | 区);
    ``parts``: groups of equivalent name parts (医疗保障局 | 医保局)."""
    jurisdictions: tuple[tuple[str, ...], ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()

    def variants(self, word: str) -> list[str]:
        """``word`` and its other forms, ``word`` first: 金川区医保局 → 区医保局, 金川区医疗保障局…"""
        prefixed = [word]
        prefix = max((p for group in self.jurisdictions for p in group
                      if word.startswith(p) and len(word) - len(p) >= MIN_CORE), key=len, default="")
        if prefix:
            core = word[len(prefix):]
            group = next(g for g in self.jurisdictions if prefix in g)
            prefixed += [p + core for p in group if p != prefix]
        out = list(prefixed)
        for text in prefixed:
            for group in self.parts:
                found = max((p for p in group if p in text), key=len, default="")
                if found:
                    out += [text.replace(found, other) for other in group if other != found]
        return list(dict.fromkeys(out))[:MAX_FORMS]

    def jurisdiction_of(self, word: str) -> tuple[str, ...] | None:
        """The prefixes of the jurisdiction ``word`` names by itself (金川区 → 金川区, 金昌市金川区, 区), or None."""
        return next((g for g in self.jurisdictions if word in g), None)


def read_name_forms(path: Path) -> NameForms:
    """sources/name-forms.csv: columns ``kind`` (jurisdiction or part) and ``forms`` (separated by |).
    A malformed row stops with the file and line named."""
    jurisdictions, parts = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            kind = (row.get("kind") or "").strip()
            forms = tuple(dict.fromkeys(squash(x) for x in (row.get("forms") or "").split("|") if squash(x)))
            if kind not in ("jurisdiction", "part") or len(forms) < 2:
                raise ValueError(f"{path}:{n}: a row needs kind jurisdiction or part and two forms or more")
            (jurisdictions if kind == "jurisdiction" else parts).append(forms)
    return NameForms(tuple(jurisdictions), tuple(parts))


@functools.lru_cache(maxsize=1)
def name_forms() -> NameForms:
    return read_name_forms(NAME_FORMS_PATH)


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (張恆山 → 张恒山)."""
    return _converter().convert(text) if text else text


def pinyin_key(text: str) -> str:
    """'Zhang Heng Shan' / "zhang'hengshan" → zhanghengshan; '' when the text is not pinyin."""
    q = text.lower().strip()
    return q.replace(" ", "").replace("'", "") if _PINYIN.match(q) else ""


def looks_like_title(word: str) -> bool:
    """区长, 局长, 党组书记: a word that may name an office (persons are then found by the posts they held)."""
    return len(word) >= 2 and word.endswith(TITLE_ENDINGS)


@dataclass(frozen=True)
class Term:
    """One word of a query: a record matches when it holds any of ``forms`` (squashed), or, for persons and
    agencies, when ``pinyin`` matches their name's reading."""
    forms: tuple[str, ...]
    pinyin: str = ""
    jurisdiction: tuple[str, ...] | None = None   # the word names a jurisdiction by itself (金川区)

    @property
    def text(self) -> str:
        return self.forms[0]

    @property
    def title(self) -> bool:
        return any(looks_like_title(f) for f in self.forms)


class Query(str):
    """The cleaned query text, with its ``terms`` (ANDed) and ``joined``: the whole query as one term
    (张 恒山 → 张恒山), which short names (a person's, an agency's) may also match."""

    terms: tuple[Term, ...]
    joined: Term | None

    def __new__(cls, text: str, terms=(), joined=None):
        obj = super().__new__(cls, text)
        obj.terms = tuple(terms)
        obj.joined = joined
        return obj

    @property
    def words(self) -> list[str]:
        return [t.text for t in self.terms]


def _term(word: str, forms: NameForms) -> Term | None:
    squashed = squash(word)
    if not squashed:
        return None
    candidates = [squashed]
    converted = simplified(squashed)
    if converted != squashed:
        candidates.append(converted)
    found: list[str] = []
    for c in candidates:
        found += forms.variants(c)
    unique = tuple(dict.fromkeys(found))[:MAX_FORMS]
    return Term(unique, pinyin=pinyin_key(word), jurisdiction=forms.jurisdiction_of(squashed))


def parse(text: str, forms: NameForms | None = None) -> Query:
    """The Query of a cleaned text (rules.clean_query)."""
    forms = forms if forms is not None else name_forms()
    if not text:
        return Query("")
    if pinyin_key(text):                     # zhang heng shan: one name read in pinyin
        term = Term((squash(text).lower(),), pinyin=pinyin_key(text))
        return Query(text, [term], term)
    terms = [t for t in (_term(w, forms) for w in text.split()) if t is not None]
    joined = _term(text, forms) if len(terms) > 1 else (terms[0] if terms else None)
    return Query(text, terms, joined)


def term_query(term: Term) -> Query:
    """A query of one term (to match it alone)."""
    return Query(term.text, [term], term)


def as_query(q) -> Query:
    """A Query from a Query or from any text (a caller passing a plain str)."""
    return q if isinstance(q, Query) else parse(str(q))


@dataclass
class Located:
    start: int
    end: int


def locate(text: str, q) -> Located | None:
    """Where the first form of any term of ``q`` first occurs in ``text``, spaces and punctuation between its
    characters allowed, case-insensitive for Latin letters; None when nowhere."""
    from yearbook.search.grams import separated_pattern

    if not text:
        return None
    query = as_query(q)
    best = None
    for term in query.terms or ():
        for form in term.forms:
            m = re.search(separated_pattern(form), text, flags=re.IGNORECASE)
            if m and (best is None or m.start() < best.start):
                best = Located(m.start(), m.end())
        if best is not None:
            return best
    return best

