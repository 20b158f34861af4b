"""Which editions the current request may see, and the filters' valid values."""
from __future__ import annotations

import contextvars

from django.db.models import Q

from yearbook.models import Edition

PUBLISHED = Edition.Status.PUBLISHED

# Published editions, and drafts too for staff (set per request by yearbook.middleware.DraftPreviewMiddleware;
# staff are never served from the page cache).
_VISIBLE = contextvars.ContextVar("visible_statuses", default=(PUBLISHED,))


def visible_statuses() -> tuple[str, ...]:
    return _VISIBLE.get()


def preview_drafts(enabled: bool):
    """Let this request see draft editions too; returns the token to reset it."""
    return _VISIBLE.set((PUBLISHED, Edition.Status.DRAFT) if enabled else (PUBLISHED,))


def end_preview(token) -> None:
    _VISIBLE.reset(token)


def visible(path: str = "edition") -> Q:
    """Records whose edition (reached by the ORM ``path``, "" for editions) the request may see."""
    return Q(**{f"{path}__status__in" if path else "status__in": visible_statuses()})


def cleaned(filterset) -> dict:
    """The filter values that were valid (invalid ones are ignored, as the FilterSet itself does)."""
    filterset.is_valid()
    return {k: v for k, v in getattr(filterset.form, "cleaned_data", {}).items() if v not in (None, "")}
