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


def render_cited(request, template: str, context: dict, **kwargs):
    """render(), or the page's citation (context["cite"]) as a RIS or BibTeX file for ``?cite=ris|bib``;
    another value of ``cite`` is a 400."""
    from django.shortcuts import render

    from yearbook import citation

    fmt = request.GET.get("cite")
    if fmt in (None, ""):
        return render(request, template, context, **kwargs)
    cite = context.get("cite")
    if cite is None or fmt not in citation.FORMATS:
        return bad_request(request, "引用格式只能是 ris 或 bib。")
    name = "-".join(x for x in (str(context["edition"].year) if context.get("edition") else "",
                                cite.title or cite.book_name) if x)
    return citation.download(cite, fmt, name)


def csrf_failure(request, reason: str = ""):
    """settings.CSRF_FAILURE_VIEW: a form sent from a stale or foreign page, told in Chinese."""
    from django.http import HttpResponseForbidden

    message = "表单已过期或不是从本站页面提交的（安全校验未通过），什么也没有保存。请返回上一页，刷新后再提交。"
    return HttpResponseForbidden(loader.render_to_string("403.html", {"exception": message}, request))
