"""Hostile input: any query string or path segment gets a page or a 4xx, never a 500;
markup inside data is escaped on every page and neutralised in every download."""
import csv
import io
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.site.builders import build_site
from tests.site.crawl import crawl
from yearbook.models import Entry, Honour, Organization, Person

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),  # lone surrogates cannot be sent
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "\"'><img src=x onerror=alert(1)>", "%00",
                     "\x00", "../../etc/passwd", "9" * 40, "-1", "0", "2021-13", "1e309", "NaN", "张恒山" * 300,
                     "\u202e", "a" * 5000, "zhs", "%E5%BC%A0"]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
)

# Every public list page with the query parameters it understands (and one it does not).
QUERY_PAGES = {
    "/search/": ["q", "kind", "page", "year"],
    "/people/": ["q", "letter", "page", "edition"],
    "/agencies/": ["q", "kind", "page"],
    "/2021/大事记/": ["month", "q", "person", "agency", "page"],
    "/2021/先进模范/": ["kind", "level", "month", "gender", "q", "format", "page"],
    "/2021/统计/表1/": ["format"],
    "/2021/": ["page", "junk"],
}
PATH_PAGES = ["/people/{}/", "/agencies/{}/", "/{}/", "/2021/{}/", "/2021/法治/{}/", "/2021/文件/{}/",
              "/2021/统计/{}/", "/{}/大事记/"]


@pytest.fixture
def site_data(db):
    return build_site()


def _ok(response, what):
    assert response.status_code < 500, (what, response.status_code)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(sorted(QUERY_PAGES)), values=st.lists(NASTY, min_size=1, max_size=4))
def test_query_parameters_never_cause_a_server_error(site_data, page, values):
    params = dict(zip(QUERY_PAGES[page] + ["zz"], values))
    url = page + "?" + urlencode(params, safe="")
    response = Client().get(url)
    _ok(response, url)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert b"<script>alert(1)</script>" not in response.content
        assert b"<img src=x onerror" not in response.content


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%FF%FE", "q=%", "month=%00", "q=a&q=b&q=c", "=&&=&", "page=%2Fetc"])
def test_undecodable_query_strings_are_answered(site_data, raw):
    for page in QUERY_PAGES:
        _ok(Client().get(page, QUERY_STRING=raw), f"{page}?{raw}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pattern=st.sampled_from(PATH_PAGES), segment=NASTY.filter(lambda s: s not in ("", ".", "..")))
def test_path_segments_never_cause_a_server_error(site_data, pattern, segment):
    url = pattern.format(quote(segment.replace("/", ""), safe=""))
    _ok(Client().get(url), url)


SCRIPT = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://evil","x")'


def test_markup_in_every_data_field_is_escaped_on_every_page_and_download(site_data):
    """Put markup into names, titles, texts, units: crawl the whole site, nothing comes out raw."""
    Entry.objects.filter(pk=Entry.objects.first().pk).update(title=f"{SCRIPT}'\"", body=f"正文{SCRIPT}")
    Person.objects.filter(pk=Person.objects.first().pk).update(name=f"张{SCRIPT}")
    org = Organization.objects.filter(rosters__isnull=False).first()
    Organization.objects.filter(pk=org.pk).update(name=f"局{SCRIPT}")
    Honour.objects.filter(pk=Honour.objects.first().pk).update(award=FORMULA, recipient=f"{SCRIPT}")
    client = Client()
    report = crawl(client)
    assert report["problems"] == []
    for url in ["/", "/people/", "/agencies/", "/2021/先进模范/", "/search/?q=script", "/search/?q=alert"]:
        body = client.get(url).content.decode()
        assert SCRIPT not in body
    csv_text = client.get("/2021/先进模范/?format=csv").content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(csv_text)) for c in row]
    assert FORMULA not in cells and "'" + FORMULA in cells
    assert all(not c.startswith(("=", "+", "@")) for c in cells)


def test_every_form_carries_csrf_protection(site_data, admin_client):
    """Public forms are GET searches; every POST form (the admin's) carries a CSRF token."""
    client = Client()
    for url in ["/", "/search/?q=张", "/2021/大事记/", "/2021/先进模范/", "/people/", "/agencies/"]:
        body = client.get(url).content.decode().lower()
        assert 'method="post"' not in body
    login = client.get("/admin/login/").content.decode()
    assert 'method="post"' in login and "csrfmiddlewaretoken" in login
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
