"""The core's editorial actions this app uses, imported in one place."""
from yearbook import permissions
from yearbook.actions.base import EditorialError, save, stamp
from yearbook.actions.publishing import publish_edition

__all__ = ["EditorialError", "permissions", "publish_edition", "save_as", "stamp"]

# Attribute the next history record of a model instance to a user with a reason ("采用供稿单位来稿").
save_as = save
