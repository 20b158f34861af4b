"""Caching of public pages, invalidated by any change to the content.

A published edition rarely changes, so its pages are rendered once and served
from the cache. The cache key includes a content version that every write to a
content table bumps, in the same transaction as the write: the SQL is watched
at the connection, so bulk imports, queryset updates, admin saves and merges all
invalidate, and nothing can forget to. A stale page after an edit is impossible
by construction; the price is one small query per request.

The cache cannot be stuffed: each view declares the query parameters it reads
(``@cache_params("q", "page")``); the request the view sees carries only those,
so the key is the path and their values, and ``?junk=1`` … ``?junk=99999`` are one
page. A view that declares nothing is not cached. The cache itself is bounded in
bytes (``BoundedLocMemCache``), least recently used out first.
"""
from __future__ import annotations

import contextvars
import hashlib
import re
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connections
from django.http import QueryDict
from django.urls import Resolver404, resolve

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
        _forget_request_version()
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


# The version as the current request read it (a one-item list, set by PageCacheMiddleware for each request):
# the page's key and what is derived from the content share one read, read again after a write.
_REQUEST_VERSION: contextvars.ContextVar[list | None] = contextvars.ContextVar("content_version", default=None)


def request_version() -> int:
    """The content version, read once per request and again after a content write; outside a request (a
    command, a test calling a selector), read each time."""
    held = _REQUEST_VERSION.get()
    if held is None:
        return content_version()
    if held[0] is None:
        held[0] = content_version()
    return held[0]


def _forget_request_version() -> None:
    held = _REQUEST_VERSION.get()
    if held is not None:
        held[0] = None


def per_content(key: str, compute):
    """``compute()``, kept in the cache until the content changes: what is derived from the whole content
    (which persons a visible edition names) is computed once per content version, not on every page."""
    full = f"content:{request_version()}:{key}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, TIMEOUT)
    return value


# -- the middleware -------------------------------------------------------------------------

def cacheable_request(request) -> bool:
    """Anonymous GETs of public pages. Staff (a session cookie) see drafts and edits: never cached."""
    return (settings.PAGE_CACHE and request.method in ("GET", "HEAD") and not request.path.startswith(BYPASS_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


def cacheable_response(response) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "private" not in response.get("Cache-Control", ""))


def cache_params(*names: str):
    """Declare the query parameters a public view reads: only they reach it, and only they key its cache."""
    def decorate(view):
        view.page_cache_params = tuple(names)
        return view
    return decorate


def declared_params(request) -> tuple[str, ...] | None:
    """The parameters the requested page's view declared, or None (not a cached page)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return getattr(match.func, "page_cache_params", None)


def keep_declared(request, names) -> None:
    """The request as the view will see it: the declared parameters only, in a fixed order."""
    query = QueryDict(mutable=True)
    for name in sorted(names):
        values = request.GET.getlist(name)
        if values:
            query.setlist(name, values)
    request.META["QUERY_STRING"] = query.urlencode()
    request.GET = QueryDict(request.META["QUERY_STRING"])


def page_key(request, version: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{version}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _REQUEST_VERSION.set([None])
        try:
            return self.respond(request)
        finally:
            _REQUEST_VERSION.reset(token)

    def respond(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        names = declared_params(request)
        if names is None:
            return self.get_response(request)
        keep_declared(request, names)
        try:
            key = page_key(request, request_version())
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


# -- a cache bounded in bytes ------------------------------------------------------------------

_SIZES: dict[str, dict] = {}
_SIZES_LOCK = threading.Lock()


class BoundedLocMemCache(LocMemCache):
    """Django's per-process memory cache, bounded by the bytes it holds (OPTIONS MAX_BYTES) as well as by
    the number of entries: the least recently used pages go first. Each page is stored pickled, so its size
    is known when it is set."""

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))
        with _SIZES_LOCK:
            self._sizes = _SIZES.setdefault(name, {"total": 0, "by_key": {}})

    @property
    def total_bytes(self) -> int:
        return self._sizes["total"]

    def _forget(self, key):
        size = self._sizes["by_key"].pop(key, 0)
        self._sizes["total"] -= size

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        size = len(value) if isinstance(value, (bytes, bytearray)) else 0
        self._forget(key)
        if size > self._max_bytes:
            self._cache.pop(key, None)
            self._expire_info.pop(key, None)
            return
        super()._set(key, value, timeout)
        self._sizes["by_key"][key] = size
        self._sizes["total"] += size
        while self._sizes["total"] > self._max_bytes and self._cache:
            oldest, _ = self._cache.popitem()   # entries move to the front when read or set
            self._expire_info.pop(oldest, None)
            self._forget(oldest)

    def _delete(self, key):
        deleted = super()._delete(key)
        self._forget(key)
        return deleted

    def _cull(self):
        super()._cull()
        for key in [k for k in self._sizes["by_key"] if k not in self._cache]:
            self._forget(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes["by_key"].clear()
            self._sizes["total"] = 0
