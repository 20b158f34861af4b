"""Bring back a deleted record from its history."""
from __future__ import annotations

from django.utils import timezone

from yearbook import permissions
from yearbook.actions import ordering
from yearbook.actions.base import EditorialError, save, stamp
from yearbook.models import edition_of


def prepare_revert(obj) -> None:
    """Before an earlier version of a live record is saved over it: the edit version moves on from the
    current one (not from the old one, which a stale page may still hold), and the record keeps its current
    place among its siblings (a number is a place, which others may have taken since, not content)."""
    model = type(obj)
    current = model._default_manager.filter(pk=obj.pk).values().first()
    if current is None:
        return
    if "version" in current:
        obj.version = current["version"]
    name = ordering.order_field(model)
    if name:
        setattr(obj, name, current[name])
        for attname in ordering.scope_values(obj):
            setattr(obj, attname, current[attname])


def restore_deleted(historical_record, *, user=None):
    """Bring back a deleted record from its last history entry (same id, same values)."""
    if historical_record.history_type != "-":
        raise EditorialError("这条历史记录不是删除操作。")
    model = historical_record.instance_type
    if model._default_manager.filter(pk=historical_record.instance.pk).exists():
        raise EditorialError("这条记录已经恢复过了。")
    edition = edition_of(historical_record.instance)
    if edition is not None and not permissions.edition_editable(edition):
        raise EditorialError(permissions.frozen_message(edition))
    obj = historical_record.instance
    reason = f"恢复被删除的记录（{timezone.localtime(historical_record.history_date):%Y-%m-%d %H:%M} 删除）"
    save(obj, user, reason, force_insert=True)
    # many-to-many links (mentions, awarding bodies) as they were in the last version before the deletion
    before = historical_record.prev_record
    for m2m in getattr(historical_record, "_history_m2m_fields", []):
        if before is None:
            continue
        target = m2m.m2m_reverse_field_name()
        ids = [getattr(row, f"{target}_id") for row in getattr(before, m2m.name).all()]
        if ids:
            stamp(obj, user, reason)
            getattr(obj, m2m.name).set(ids)
    return obj
