"""URL converters: a four-digit edition year, and natural keys without control characters.

Control characters are refused in the URL itself (404), so they never reach a query
(PostgreSQL rejects NUL in strings).
"""
from django.urls import register_converter


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class KeyConverter:
    """One path segment: a category, section or person key."""
    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class PathKeyConverter(KeyConverter):
    """A key that may contain a slash (agency names, table titles, document numbers)."""
    regex = r"[^\x00-\x1f\x7f]+"


register_converter(YearConverter, "year")
register_converter(KeyConverter, "key")
register_converter(PathKeyConverter, "pathkey")
