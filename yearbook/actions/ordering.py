"""Records numbered within their parent (an entry within its section, an event within its edition).

A model says how it is numbered with ``ORDER_SCOPE = (field, (parent fields…))``; the number is unique
within the parent fields, and an editor may leave it empty: the record then goes last.

A record's number is its place, not its content: renumbering siblings to make room is a queryset update
that neither moves their edit versions on (an editor of a shifted record is not told "someone changed
this" when nobody did) nor writes history. Numbers are handed out under a lock on the parent row, so two
editors adding at once both get a number instead of one of them a unique-constraint error.
"""
from __future__ import annotations

from django.db import connections, router, transaction
from django.db.models import F, Max

_SHIFT = 1_000_000


def order_field(model) -> str | None:
    scope = getattr(model, "ORDER_SCOPE", None)
    return scope[0] if scope else None


def scope_values(obj) -> dict:
    """The parent fields' values of ``obj`` ({"edition_id": 3}), by attname."""
    _, scope = type(obj).ORDER_SCOPE
    return {obj._meta.get_field(s).attname: getattr(obj, obj._meta.get_field(s).attname) for s in scope}


def order_scope(obj):
    """(the order field's name, the record's siblings), or (None, None) for a model not numbered; the siblings
    are None while the record's parent is not set."""
    spec = getattr(type(obj), "ORDER_SCOPE", None)
    if spec is None:
        return None, None
    values = scope_values(obj)
    if any(v is None for v in values.values()):
        return spec[0], None
    return spec[0], type(obj)._default_manager.filter(**values)


def lock_scope(obj) -> None:
    """Hold the parent rows of ``obj`` (its edition, its section…) until the transaction ends, so numbers in
    that scope are handed out one writer at a time. Outside a transaction, or on SQLite (whose transactions
    take the write lock at BEGIN), there is nothing to do."""
    model = type(obj)
    if getattr(model, "ORDER_SCOPE", None) is None:
        return
    alias = router.db_for_write(model)
    if transaction.get_autocommit(alias) or not connections[alias].features.has_select_for_update:
        return
    for name in model.ORDER_SCOPE[1]:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if value is not None and field.is_relation:
            list(field.related_model._default_manager.select_for_update().filter(pk=value).values_list("pk"))


def next_order(obj, *, taken=()) -> int:
    """The number after the last one in the record's parent (and after any in ``taken``)."""
    name, siblings = order_scope(obj)
    if siblings is not None:
        lock_scope(obj)
    last = siblings.aggregate(m=Max(name))["m"] if siblings is not None else None
    return max([last or 0, *taken]) + 1


def fill_order(obj, *, taken=()) -> None:
    name, _ = order_scope(obj)
    if name and getattr(obj, name) in (None, ""):
        setattr(obj, name, next_order(obj, taken=taken))


def make_room(siblings, name: str, at: int) -> None:
    """Shift every sibling numbered ``at`` or later down by one (in two steps, so no unique clash).

    Only the number moves: versions and history stay as they are (see the module's note)."""
    siblings.filter(**{f"{name}__gte": at}).update(**{name: F(name) + _SHIFT})
    siblings.filter(**{f"{name}__gte": at + _SHIFT}).update(**{name: F(name) - (_SHIFT - 1)})


def renumber(model, numbers: dict[int, int], *, name: str = "order", siblings=None) -> int:
    """Give records new numbers at once ({pk: number}); returns how many moved.

    Every record whose number changes first moves out of the way (one UPDATE), then all take their
    numbers (one bulk UPDATE per batch): linear in the records, whatever the order of the moves."""
    queryset = siblings if siblings is not None else model._default_manager.all()
    current = dict(queryset.filter(pk__in=list(numbers)).values_list("pk", name))
    moving = [pk for pk, n in numbers.items() if current.get(pk) != n]
    if not moving:
        return 0
    queryset.filter(pk__in=moving).update(**{name: F(name) + 2 * _SHIFT})
    objs = []
    for pk in moving:
        obj = model(pk=pk)
        setattr(obj, name, numbers[pk])
        objs.append(obj)
    model._default_manager.bulk_update(objs, [name], batch_size=500)
    return len(moving)
