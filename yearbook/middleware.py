"""Headers, draft previews and the database-down page: what the site adds to Django's own middleware."""
from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY: no inline script or style, nothing from elsewhere).

    The admin is Django's own and uses inline styles in a few widgets, so it gets 'unsafe-inline' for styles
    only. Also a Permissions-Policy, which neither Django nor django-csp sets."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/" + getattr(settings, "ADMIN_URL", "admin/")):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return super().process_response(request, response)


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
        from yearbook.selectors import visibility

        user = getattr(request, "user", None)
        staff = bool(user and user.is_authenticated and user.is_staff)
        token = visibility.preview_drafts(staff)
        try:
            response = self.get_response(request)
        finally:
            visibility.end_preview(token)
        if staff:   # a preview of drafts: for this browser only, never for a shared cache
            patch_cache_control(response, private=True)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip, for anonymous requests outside the admin only: a page that carries a secret (a CSRF
    token, a session) and echoes what the request sent is open to BREACH when compressed. Public pages carry
    neither. It runs outside the page cache, which keeps the uncompressed page."""

    def process_response(self, request, response):
        if request.path.startswith("/admin/") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        return super().process_response(request, response)
