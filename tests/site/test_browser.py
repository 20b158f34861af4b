"""The main pages in headless Chromium at desktop and phone widths (skipped when Chromium is absent).

Screenshots go to $SCREENSHOT_DIR (or pytest's tmp_path) to be looked at.
"""
import os
from pathlib import Path

import pytest

from .builders import build_site
from .conftest import CHROMIUM

WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]


@pytest.fixture
def site_url(browser, transactional_db, live_server):
    build_site()
    return live_server.url


@pytest.fixture
def shots(tmp_path):
    out = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def open_page(browser, url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    response = page.goto(url)
    assert response.status == 200
    return page


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("device", WIDTHS)
def test_home(browser, site_url, shots, device):
    page = open_page(browser, site_url + "/", WIDTHS[device])
    assert page.locator("h1").first.inner_text() == "《金川区年鉴 2021》"
    assert page.get_by_text("地区生产总值").first.is_visible()
    assert "Noto Sans CJK SC" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(shots / f"home-{device}.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_person_page(browser, site_url, shots, device):
    page = open_page(browser, site_url + "/people/%E5%BC%A0%E6%81%92%E5%B1%B1/", WIDTHS[device])
    row = page.locator("table.appointments tr", has_text="金川区人民政府")
    assert "2020年1月任" in row.inner_text()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(shots / f"person-{device}.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_table_page_scrolls_inside_its_box_on_a_phone(browser, site_url, shots, device):
    page = open_page(browser, site_url + "/2021/%E7%BB%9F%E8%AE%A1/%E8%A1%A85/", WIDTHS[device])
    assert page.locator("thead th", has_text="2020年").first.is_visible()
    assert page.locator("svg.chart").count() == 0 or page.locator("svg.chart").first.is_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(shots / f"table-{device}.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_search_from_the_box_with_the_keyboard(browser, site_url, shots, device):
    page = open_page(browser, site_url + "/", WIDTHS[device])
    page.keyboard.press("/")                                   # the shortcut focuses the search box
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("zhs")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=zhs")
    first = page.locator("li.hit a.title").first
    assert first.inner_text() == "张恒山"
    first.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"                                   # visible focus
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(shots / f"search-{device}.png"), full_page=True)
    page.close()


def test_content_security_policy_blocks_nothing_on_the_pages(browser, site_url):
    """The CSP is strict (no inline script or style): every page must render without a violation."""
    violations = []
    for path in ["/", "/people/张恒山/", "/agencies/区统计局/", "/2021/大事记/", "/2021/统计/表1/",
                 "/2021/先进模范/", "/search/?q=统计", "/2021/经济管理/统计/", "/2021/文件/"]:
        page = browser.new_page()
        page.on("console", lambda msg, path=path: violations.append((path, msg.text))
                if "Content Security Policy" in msg.text or "Refused to" in msg.text else None)
        response = page.goto(site_url + path)
        assert response.status == 200 and "Content-Security-Policy" in response.headers or \
            "content-security-policy" in response.headers
        page.wait_for_load_state("load")
        page.close()
    assert violations == []
