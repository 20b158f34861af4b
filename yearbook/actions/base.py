"""What every editorial action shares: the error editors read, and history attribution."""
from __future__ import annotations


class EditorialError(Exception):
    """An editorial action that cannot be done, with the reason in the editor's words."""


def acting_user(user):
    """The user to attribute a change to, or None (a script, an anonymous request)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def stamp(obj, user, reason):
    """Attribute the next history record of ``obj`` to ``user`` with ``reason``."""
    if acting_user(user) is not None:
        obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]
    return obj


def save(obj, user, reason, **kwargs):
    stamp(obj, user, reason).save(**kwargs)
    return obj
