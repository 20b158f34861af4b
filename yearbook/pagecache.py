"""Caching of public pages, invalidated by any change to the content.

A published edition rarely changes, so its pages are rendered once and served
from the cache. The cache key includes a content version that every write to a
content table bumps, in the same transaction as the write: the SQL is watched
at the connection, so bulk imports, queryset updates, admin saves and merges all
invalidate, and nothing can forget to. A stale page after an edit is impossible
by construction; the price is one small query per request.
"""
from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

VERSION_TABLE = "yearbook_contentversion"
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"\[]?(\w+)', re.IGNORECASE)
BYPASS_PREFIXES = ("/admin/", "/static/")
TIMEOUT = 24 * 3600


def content_table_prefixes() -> tuple[str, ...]:
    """The tables of the content apps (settings.YEARBOOK_CONTENT_APPS) and of their history."""
    return tuple(f"{label}_" for label in (*settings.YEARBOOK_CONTENT_APPS, "edit_history"))


def is_content_write(sql: str) -> bool:
    m = WRITE.match(sql)
    return bool(m) and m.group(1).startswith(content_table_prefixes()) and m.group(1) != VERSION_TABLE


def _bump(cursor) -> None:
    cursor.execute(f"UPDATE {VERSION_TABLE} SET version = version + 1 WHERE id = 1")
    if cursor.rowcount == 0:
        cursor.execute(f"INSERT INTO {VERSION_TABLE} (id, version) VALUES (1, 1)")


def watch_content_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if is_content_write(sql):
        # A cursor of its own: the write's cursor may still hold rows (INSERT … RETURNING).
        cursor = context["connection"].connection.cursor()
        try:
            _bump(cursor)
        finally:
            cursor.close()
    return result


def install_watch(sender, connection, **kwargs):
    """connection_created: watch every connection's writes."""
    if watch_content_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_content_writes)


def content_version(using: str = "default") -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


# -- the middleware -------------------------------------------------------------------------

def cacheable_request(request) -> bool:
    """Anonymous GETs of public pages. Staff (a session cookie) see drafts and edits: never cached."""
    return (settings.PAGE_CACHE and request.method in ("GET", "HEAD") and not request.path.startswith(BYPASS_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


def cacheable_response(response) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "private" not in response.get("Cache-Control", ""))


def page_key(request, version: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{version}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            key = page_key(request, content_version())
        except DatabaseError:
            return self.get_response(request)  # the view answers (503 page) if the database is down
        hit = cache.get(key)
        if hit is not None:
            from django.http import HttpResponse

            status, headers, content = hit
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(response):
            cache.set(key, (response.status_code, list(response.items()), response.content), TIMEOUT)
        return response
