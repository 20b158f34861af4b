"""The one place where this app imports the core's editorial actions, so that when they move
(yearbook.services → yearbook.actions) only these lines change.

The admin's base classes are imported in one place too: editorial/admin.py.
"""
from yearbook import permissions
from yearbook.services import EditorialError, _save, _stamp, publish_edition

__all__ = ["EditorialError", "permissions", "publish_edition", "save_as", "stamp"]

# Attribute the next history record of a model instance to a user with a reason ("采用供稿单位来稿").
stamp = _stamp
save_as = _save
