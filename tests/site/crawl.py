"""Follow every internal link from the home page; report broken links, errors and missing anchors."""
from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import unquote, urldefrag, urljoin

HREF = re.compile(r'href="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')


def internal(url: str) -> bool:
    return url.startswith("/") and not url.startswith(("//", "/static/", "/admin/"))


def crawl(client, start: str = "/", limit: int = 3000) -> dict:
    """Returns {"pages": n, "problems": [...], "downloads": n}."""
    seen: dict[str, set[str]] = {}
    queue = deque([start])
    queued = {start}
    wanted_anchors: list[tuple[str, str, str]] = []   # (page, fragment, linked from)
    problems = []
    downloads = 0
    while queue and len(seen) < limit:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302):
            target = urljoin(url, response["Location"])
            if target not in queued:
                queued.add(target)
                queue.append(target)
            seen[url] = set()
            continue
        if response.status_code != 200:
            problems.append(f"{response.status_code} {unquote(url)}")
            seen[url] = set()
            continue
        if not response["Content-Type"].startswith("text/html"):
            downloads += 1
            seen[url] = set()
            continue
        html = response.content.decode()
        seen[url] = {unescape(i) for i in ID.findall(html)}
        for raw in HREF.findall(html):
            href = unescape(raw)
            if href.startswith("#"):
                wanted_anchors.append((url, href[1:], url))
                continue
            href = urljoin(url, href)
            if not internal(href):
                continue
            page, fragment = urldefrag(href)
            if fragment:
                wanted_anchors.append((page, unquote(fragment), url))
            if page not in queued:
                queued.add(page)
                queue.append(page)
    for page, fragment, source in wanted_anchors:
        if page in seen and seen[page] and fragment not in seen[page]:
            problems.append(f"missing anchor #{fragment} on {unquote(page)} (linked from {unquote(source)})")
    return {"pages": len(seen), "problems": problems, "downloads": downloads, "unvisited": len(queue)}
