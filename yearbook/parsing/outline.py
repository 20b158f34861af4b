"""The outline of a book: its categories and their sections in book order.

The body of a yearbook has no category headings, so category membership comes
from the outline, which is data: ``outline.csv`` of the source profile (see
``profile.py``). This module keeps the names callers use: ``OutlineSection``, and
``OUTLINE`` / ``CATEGORIES`` / ``SECTION_PAGES`` of the repository's default
profile, read when first asked for.
"""
from __future__ import annotations

from .profile import OutlineSection, default_profile

__all__ = ["OutlineSection"]  # OUTLINE, CATEGORIES, SECTION_PAGES: module __getattr__


def __getattr__(name: str):
    profile = default_profile()
    if name == "OUTLINE":
        return profile.outline()
    if name == "CATEGORIES":
        return profile.categories()
    if name == "SECTION_PAGES":
        return {(s.category, s.name): s.page for s in profile.outline() if s.page}
    raise AttributeError(name)
