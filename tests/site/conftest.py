import shutil

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


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread, which makes Django refuse the (still
    # synchronous) ORM calls of the fixtures; allowed for this module, until after the last database teardown.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with playwright.sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield b
            b.close()
