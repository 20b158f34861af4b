"""A crawl from / following every internal link finds no broken link, no missing anchor and no error."""
import pytest

from .crawl import crawl

pytestmark = pytest.mark.django_db


def test_crawl_from_home_finds_no_broken_link(site, client):
    report = crawl(client)
    assert report["problems"] == []
    assert report["unvisited"] == 0
    assert report["pages"] > 60 and report["downloads"] >= 8        # every table and the honours, twice
