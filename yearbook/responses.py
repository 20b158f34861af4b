"""Shared pieces of responses: the 400 page and the ``?format=`` download parameter."""
from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.template import loader

from yearbook import downloads


def bad_request(request, message: str) -> HttpResponseBadRequest:
    """A 400 page that says what was wrong with the request."""
    return HttpResponseBadRequest(loader.render_to_string("400.html", {"message": message}, request))


def download_format(request) -> str | None:
    """``?format=csv|xlsx`` → that format; absent or empty → None; anything else → ValueError (a 400)."""
    fmt = request.GET.get("format")
    if fmt in (None, ""):
        return None
    if fmt not in downloads.FORMATS:
        raise ValueError(fmt)
    return fmt
