"""Read an admin form's current values out of its HTML, so a test posts what a browser would."""
from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._select_multiple = False
        self._selected_any = False
        self._first_option = None
        self._textarea = None
        self._text = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            wanted = a.get("id") == self.form_id if self.form_id else a.get("id") != "logout-form"
            if wanted and not self.done:
                self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
                return
            self._add(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in a
            self._selected_any, self._first_option = False, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._add(self._select, value)
                self._selected_any = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
            self.done = True
        elif tag == "select" and self._select:
            if not self._selected_any and not self._select_multiple and self._first_option is not None:
                self._add(self._select, self._first_option)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_data(response, form_id=None) -> dict:
    """The values a browser would submit from the form with ``form_id`` (or the first form other than the
    header's log-out form)."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    return {k: (v if len(v) > 1 else v[0]) for k, v in parser.data.items()}


def errors_of(response) -> str:
    """The text of the page's error messages (form errors and error notes), for assertions."""
    import re

    html = response.content.decode()
    chunks = re.findall(r'<(?:ul class="errorlist[^"]*"|p class="errornote")[^>]*>(.*?)</(?:ul|p)>', html, re.S)
    return re.sub(r"<[^>]+>", "", " ".join(chunks))
