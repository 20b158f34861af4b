import pytest

from .builders import build_site


@pytest.fixture
def site(db):
    """An edition 2021 (published) shaped like the book, and a draft 2022 that must stay private."""
    return build_site()


@pytest.fixture
def page(client):
    """GET a URL and return its HTML, asserting the status (200 unless told)."""
    def get(url, status=200, **params):
        response = client.get(url, params or None)
        assert response.status_code == status, (url, response.status_code)
        return response.content.decode()
    return get
