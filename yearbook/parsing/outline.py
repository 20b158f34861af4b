"""The outline of a book: its categories and their sections in book order.

The body of a yearbook has no category headings, so category membership comes
from the outline, which is data: ``outline.csv`` of the source profile
(``Profile.outline()`` / ``Profile.categories()``, see ``profile.py``).
"""
from __future__ import annotations

from .profile import OutlineSection

__all__ = ["OutlineSection"]
