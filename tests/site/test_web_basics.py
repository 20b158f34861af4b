"""What every public page gives crawlers, link previews and browsers: robots.txt, a sitemap of every public
page, a favicon, a canonical link, its own description, Open Graph, schema.org JSON-LD, compressed HTML."""
import gzip
import json
import re
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.django_db


def ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_robots_txt_points_to_the_sitemap(site, client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /search/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_every_kind_of_public_page_and_no_draft(site, client):
    index = client.get("/sitemap.xml").content.decode()
    parts = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml)</loc>", index)
    assert {"/sitemap-entries.xml", "/sitemap-persons.xml", "/sitemap-stats.xml", "/sitemap-documents.xml",
            "/sitemap-chronicle.xml"} <= set(parts)
    urls = set()
    for part in parts:
        urls |= {unquote(u) for u in re.findall(r"<loc>http://testserver([^<]*)</loc>", client.get(part).content.decode())}
    for url in ["/", "/people/", "/2021/", "/2021/先进模范/", "/2021/经济管理/统计/", "/2021/经济管理/统计/统计法治建设/",
                "/people/张恒山/", "/agencies/区统计局/", "/2021/大事记/", "/2021/统计/", "/2021/统计/表1/",
                "/2021/文件/", "/2021/文件/金区政发〔2020〕46号/"]:
        assert url in urls, url
    assert not any(u.startswith("/2022/") or "草稿" in u or "王草稿" in u for u in urls)
    for url in list(urls)[:40]:                 # every listed page exists
        assert client.get(url).status_code == 200, url


def test_favicon(site, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").content.decode()


@pytest.mark.parametrize("url, canonical", [
    ("/agencies/区统计局/?year=2021", "/agencies/%E5%8C%BA%E7%BB%9F%E8%AE%A1%E5%B1%80/"),
    ("/2021/大事记/?month=3", "/2021/%E5%A4%A7%E4%BA%8B%E8%AE%B0/"),
])
def test_canonical_link_without_the_query(site, client, url, canonical):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{canonical}">' in html
    assert f'<meta property="og:url" content="http://testserver{canonical}">' in html


def test_each_page_has_its_own_description_and_open_graph_title(site, client):
    descriptions = {}
    for url in ["/", "/2021/", "/2021/经济管理/统计/", "/2021/经济管理/统计/统计法治建设/", "/people/张恒山/",
                "/agencies/区统计局/", "/2021/统计/表1/", "/2021/文件/金区政发〔2020〕46号/", "/2021/大事记/"]:
        html = client.get(url).content.decode()
        descriptions[url] = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert f'<meta property="og:title" content="{title}">' in html, url
    assert len(set(descriptions.values())) == len(descriptions)
    assert "双随机一公开" in descriptions["/2021/经济管理/统计/统计法治建设/"]
    assert "区委副书记、区长" in descriptions["/people/张恒山/"]


@pytest.mark.parametrize("url, kind", [
    ("/2021/", "Book"), ("/", "Book"), ("/2021/经济管理/统计/统计法治建设/", "Chapter"), ("/people/张恒山/", "Person"),
    ("/agencies/区统计局/", "GovernmentOrganization"), ("/2021/统计/表1/", "Dataset"),
    ("/2021/文件/金区政发〔2020〕46号/", "Legislation"),
])
def test_schema_org_data_of_each_page_type(site, client, url, kind):
    data = ld(client.get(url).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    if kind == "Chapter":
        assert data["isPartOf"]["@type"] == "Book" and data["pageStart"] == "128"
    if kind == "Legislation":
        assert data["legislationIdentifier"] == "金区政发〔2020〕46号"


def test_json_ld_cannot_close_its_script(site, client):
    site.gov_entry.title = "政务</script><b>x"
    site.gov_entry.save()
    html = client.get("/2021/金川区人民政府/政府工作/政务<%2Fscript><b>x/").content.decode()
    assert "</script><b>" not in html.split("</head>")[0]


def test_anonymous_pages_are_compressed_and_the_admin_is_not(site, client, admin_client):
    response = client.get("/people/张恒山/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "张恒山" in gzip.decompress(response.content).decode()
    again = client.get("/people/张恒山/", HTTP_ACCEPT_ENCODING="gzip")     # from the page cache, compressed too
    assert again["Content-Encoding"] == "gzip" and again.get("X-Page-Cache") == "hit"
    assert not admin_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip").has_header("Content-Encoding")
