"""Template filters of the reader's site: links to records, dates with their precision, numbers."""
from __future__ import annotations

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.http import urlencode

from yearbook import citation, links, review, rules

register = template.Library()


class MemoisedURLNode(defaulttags.URLNode):
    """{% url %} through links.reverse, memoised: on the long lists (an honours list, a career) reverse() was
    a third of the render. Templates that load these tags get it; it behaves as Django's tag."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        request = context.get("request")
        current_app = getattr(request, "current_app", None) or getattr(
            getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = links.reverse(self.view_name.resolve(context), args=args, kwargs=kwargs,
                                current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag(name="url")
def url_tag(parser, token):
    node = defaulttags.url(parser, token)
    return MemoisedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


@register.filter
def url(record) -> str:
    """The stable URL of any record with a page: {{ person|url }}."""
    get = getattr(record, "get_absolute_url", None)
    return get() if get else ""


@register.filter
def date_label(d, precision="day") -> str:
    return rules.date_label(d, precision or "day")


@register.filter
def month_label(d) -> str:
    return rules.month_label(d)


@register.filter
def anchor(entry) -> str:
    """The HTML id of an entry on its section page."""
    return links.entry_anchor(entry)


@register.filter
def gender_label(code) -> str:
    return rules.gender_label(code)


@register.filter
def tenure(appointment) -> str:
    return rules.tenure_label(appointment.start, appointment.end, start_precision=appointment.start_precision,
                              end_precision=appointment.end_precision)


@register.filter
def note_rest(appointment) -> str:
    return rules.note_remainder(appointment.note, party=appointment.party, ethnicity=appointment.ethnicity)


@register.filter
def num(value) -> str:
    return rules.number_text(value)


@register.filter
def absnum(value) -> str:
    """The size of a change (its direction is said in words): -3.1 → 3.1."""
    return rules.number_text(abs(value)) if value is not None else ""


@register.filter
def paragraphs(text) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


@register.filter
def level_label(names) -> str:
    return rules.LEVEL_LABELS[rules.highest_level(names)]


@register.filter
def honour_anchor(honour) -> str:
    return links.honour_anchor(honour)


@register.filter
def source_lines(record) -> str:
    return citation.source_lines_label(record)


@register.filter
def book_title(edition) -> str:
    return citation.book_title(edition)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (None or '' removes one); page resets."""
    request = context["request"]
    params = {k: v for k, v in request.GET.items() if k not in ("page", "format", "cite") and v}
    for k, v in changes.items():
        if v in (None, ""):
            params.pop(k, None)
        else:
            params[k] = v
    return "?" + urlencode(params) if params else "?"


@register.filter
def readable(uri: str) -> str:
    """A URL with its Chinese shown as Chinese (for the cite line)."""
    from django.utils.encoding import uri_to_iri

    return uri_to_iri(uri)


@register.simple_tag
def category_link(category, year) -> str:
    """A category's page without a query for its edition (its sections prefetched)."""
    return links.category_url(category, year)


@register.simple_tag
def section_link(section, year, category_name) -> str:
    """A section's page without queries for its edition and category."""
    return links.section_url(section, year=year, category=category_name)


@register.simple_tag(takes_context=True)
def toggle_param(context, name: str, value) -> str:
    """The current query with ``name=value`` set, or removed when it is already set (a facet link)."""
    current = context["request"].GET.get(name)
    return query_with(context, **{name: None if current == str(value) else value})


@register.simple_tag(takes_context=True)
def reader_note(context, record, edition=None) -> str:
    """The reader's note on a record under review (yearbook.review), never the editors' own note."""
    return review.reader_note(record, edition if edition is not None else context.get("edition"))


@register.filter
def readable_urls(text: str) -> str:
    """A text whose URLs show their Chinese as Chinese (the GB/T 7714 line)."""
    from django.utils.encoding import uri_to_iri

    return " ".join(uri_to_iri(w) if w.startswith(("http://", "https://")) else w for w in (text or "").split(" "))


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data) -> str:
    """schema.org data as <script type="application/ld+json"> (a data block: no script runs, so the CSP, which
    allows no inline script, has nothing to block). <, > and & are escaped."""
    import json

    from django.utils.safestring import mark_safe

    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def canonical(context) -> str:
    """The page's own URL without its query (filters, pages and downloads are the same page), absolute."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request is not None else ""
