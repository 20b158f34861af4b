"""Records numbered within their parent (an entry within its section, an event within its edition).

A model says how it is numbered with ``ORDER_SCOPE = (field, (parent fields…))``; the number is unique
within the parent fields, and an editor may leave it empty: the record then goes last.
"""
from __future__ import annotations

from django.db.models import F, Max

_SHIFT = 1_000_000


def order_field(model) -> str | None:
    scope = getattr(model, "ORDER_SCOPE", None)
    return scope[0] if scope else None


def order_scope(obj):
    """(the order field's name, the record's siblings), or (None, None) for a model not numbered; the siblings
    are None while the record's parent is not set."""
    spec = getattr(type(obj), "ORDER_SCOPE", None)
    if spec is None:
        return None, None
    name, scope = spec
    values = {}
    for s in scope:
        attname = obj._meta.get_field(s).attname
        values[attname] = getattr(obj, attname)
    if any(v is None for v in values.values()):
        return name, None
    return name, type(obj)._default_manager.filter(**values)


def next_order(obj, *, taken=()) -> int:
    """The number after the last one in the record's parent (and after any in ``taken``)."""
    name, siblings = order_scope(obj)
    last = siblings.aggregate(m=Max(name))["m"] if siblings is not None else None
    return max([last or 0, *taken]) + 1


def fill_order(obj, *, taken=()) -> None:
    name, _ = order_scope(obj)
    if name and getattr(obj, name) in (None, ""):
        setattr(obj, name, next_order(obj, taken=taken))


def make_room(siblings, name: str, at: int) -> None:
    """Shift every sibling numbered ``at`` or later down by one (in two steps, so no unique clash).

    The shifted records' versions move on, so a stale form of one of them is caught, not saved over.
    """
    later = siblings.filter(**{f"{name}__gte": at})
    later.update(**{name: F(name) + _SHIFT, "version": F("version") + 1})
    siblings.filter(**{f"{name}__gte": at + _SHIFT}).update(**{name: F(name) - (_SHIFT - 1)})
