"""Pinyin of names for search (plain Python on top of pypinyin).

pypinyin has no surname mode: 单 reads dan, but the surname is shan (NOTES.md).
The first character of a personal name is read with the surname table.
"""
from __future__ import annotations

from pypinyin import lazy_pinyin

SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "仇": "qiu", "解": "xie", "查": "zha", "朴": "piao", "翟": "zhai",
    "区": "ou", "乐": "yue", "盖": "ge", "缪": "miao", "尉": "yu", "重": "chong", "种": "chong",
    "秘": "bi", "冼": "xian", "覃": "qin", "黑": "he", "繁": "po", "员": "yun", "召": "shao", "华": "hua",
    "任": "ren", "殷": "yin", "燕": "yan", "宿": "su", "相": "xiang", "藏": "zang",
}


def syllables(name: str, *, surname: bool = True) -> list[str]:
    name = "".join(name.split())
    if not name:
        return []
    if surname and len(name) > 1 and name[0] in SURNAME_READINGS:
        return [SURNAME_READINGS[name[0]]] + [s.lower() for s in lazy_pinyin(name[1:], errors="ignore")]
    return [s.lower() for s in lazy_pinyin(name, errors="ignore")]


def name_pinyin(name: str, *, surname: bool = True) -> str:
    """张恒山 → zhanghengshan."""
    return "".join(syllables(name, surname=surname))


def name_initials(name: str, *, surname: bool = True) -> str:
    """张恒山 → zhs."""
    return "".join(s[0] for s in syllables(name, surname=surname) if s)
