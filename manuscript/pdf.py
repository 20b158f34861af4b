"""The print-ready PDF: the manuscript's print view (templates/manuscript/print.html, print stylesheet)
rendered by headless Chromium. Chromium is a Debian package; without it the PDF is unavailable and the
caller says so (the .docx does not need it)."""
from __future__ import annotations

import os
import shutil

from django.template.loader import render_to_string

from .build import Manuscript

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


class PdfUnavailable(RuntimeError):
    pass


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def print_html(m: Manuscript) -> str:
    from .word import INDEX_EXPLANATION
    return render_to_string("manuscript/print.html", {"m": m, "explanation": INDEX_EXPLANATION})


def render_pdf(m: Manuscript) -> bytes:
    executable = chromium_path()
    if not executable:
        raise PdfUnavailable("生成 PDF 需要 Chromium（apt-get install -y chromium fonts-noto-cjk）；Word 稿不受影响。")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements-test.txt only
        raise PdfUnavailable("生成 PDF 需要 Python 包 playwright。") from None
    html = print_html(m)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            return page.pdf(prefer_css_page_size=True, print_background=True, display_header_footer=True,
                            header_template="<span></span>",
                            footer_template='<div style="width:100%;text-align:center;font-size:9px">'
                                            '<span class="pageNumber"></span></div>',
                            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
        finally:
            browser.close()
