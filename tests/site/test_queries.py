"""Query counts per page are bounded and do not grow with the data."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .builders import grow

pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/2021/", "/2021/经济管理/", "/2021/经济管理/统计/", "/2021/金川区人民政府/政府工作/",
    "/2021/大事记/", "/2021/大事记/?month=1&person=张恒山", "/2021/大事记/?agency=融媒体中心",
    "/people/", "/people/?q=zhs", "/people/张恒山/", "/people/李晓燕/", "/people/张恒山/?all=events&page=2",
    "/agencies/", "/agencies/?kind=bureau&q=统计", "/agencies/区统计局/", "/agencies/金川区人民政府/",
    "/agencies/区统计局/?year=2021", "/search/?q=统计&kind=entries&page=2",
    "/2021/统计/", "/2021/统计/表5/", "/2021/统计/表5/?format=csv", "/2021/统计/表5/?format=xlsx",
    "/2021/先进模范/", "/2021/先进模范/?level=provincial&kind=individual", "/2021/先进模范/?format=xlsx",
    "/2021/文件/", "/2021/文件/金区政发〔2020〕46号/",
    "/search/?q=张恒山", "/search/?q=统计局", "/search/?q=zhs", "/search/?q=张恒山&kind=events",
]


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


# The agency page counts what each edition records of the agency in a query of its own (one UNION
# of GROUP BYs; as correlated subqueries of the edition list they cost 9 ms with fifty editions).
BUDGETS = {"/agencies/区统计局/": 11, "/agencies/金川区人民政府/": 11, "/agencies/区统计局/?year=2021": 11}
# The search counts every kind in one query, then asks each kind that found something for its first hits in
# the latest edition and, only when that edition has too few, in the others (yearbook/selectors/search.py);
# the first search after an edit also reads the public persons and agencies and the posts' titles, kept after.
BUDGETS.update({url: 15 for url in PAGES if url.startswith("/search/")})


@pytest.mark.parametrize("url", PAGES)
def test_page_stays_within_its_query_budget(site, client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGETS.get(url, 10)):
        assert client.get(url).status_code == 200


def test_query_counts_do_not_grow_with_the_data(site, client):
    grow(site, 1)   # every kind of related record present once (an empty prefetch costs no query)
    before = {url: count(client, url) for url in PAGES}
    grow(site, 15)
    after = {url: count(client, url) for url in PAGES}
    # a search may need fewer once the latest edition fills its groups, never more
    assert {u: n for u, n in after.items() if not u.startswith("/search/")} == {
        u: n for u, n in before.items() if not u.startswith("/search/")}
    assert all(after[u] <= before[u] for u in PAGES if u.startswith("/search/"))
