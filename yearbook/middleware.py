"""Security headers that Django 5.2 does not set by itself."""
from __future__ import annotations

from django.conf import settings

# The public pages load only their own CSS and JS (no inline script, no CDN, no web
# fonts); SVG charts are inline markup. The admin is Django's own and uses inline
# styles in a few widgets, so it gets 'unsafe-inline' for styles only.
PUBLIC_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                 "form-action 'self'; frame-ancestors 'none'")
ADMIN_POLICY = PUBLIC_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def content_security_policy(path: str) -> str:
    admin_prefix = "/" + getattr(settings, "ADMIN_URL", "admin/")
    return ADMIN_POLICY if path.startswith(admin_prefix) else PUBLIC_POLICY


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseUnavailableMiddleware:
    """A database that is down, missing or read-only gives a clear 503 page, not a traceback.

    The error is logged; the reader is told the site is temporarily unavailable.
    CONN_HEALTH_CHECKS makes the next request open a fresh connection, so the site
    recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DatabaseError, InterfaceError, OperationalError
        from django.db.utils import ProgrammingError

        if not isinstance(exception, (OperationalError, InterfaceError, ProgrammingError)) and not (
                isinstance(exception, DatabaseError) and "read-only" in str(exception)):
            return None
        import logging

        from django.shortcuts import render

        logging.getLogger("yearbook.database").error("database unavailable for %s: %s", request.path, exception)
        response = render(request, "503.html", {"read_only": "readonly" in str(exception).replace("-", "")},
                          status=503)
        response["Retry-After"] = "30"
        return response


class DraftPreviewMiddleware:
    """Staff see draft editions on the public pages (a preview); everybody else sees published ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from yearbook import selectors

        user = getattr(request, "user", None)
        token = selectors.preview_drafts(bool(user and user.is_authenticated and user.is_staff))
        try:
            return self.get_response(request)
        finally:
            selectors.end_preview(token)
