"""The reader's site in headless Chromium (CJK fonts): each way of typing a search, the entry page and its
citation, a chart on a phone, and axe-core on every page type with no violation.

axe-core comes from the npm registry (``make axe``, or installed here on first use into var/npm/);
screenshots go to $SCREENSHOT_DIR (or pytest's tmp_path) to be looked at.
"""
import shutil
import subprocess
from pathlib import Path

import pytest

from yearbook.models import Entry, Organization, OrganizationAlias

from .builders import build_site
from .test_browser import CHROMIUM, WIDTHS, no_horizontal_scroll, open_page

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.14.1"
AXE = ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    """axe.min.js, installed from the npm registry when missing (as `make axe` does)."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("axe-core is missing and npm is not installed: apt-get install -y npm, then make axe")
        subprocess.run([npm, "install", "--prefix", str(AXE.parents[2]), "--no-save", "--no-audit", "--no-fund",
                        f"axe-core@{AXE_VERSION}"], check=True, capture_output=True)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def site_url(browser, transactional_db, live_server):
    """The site of the other browser tests, with agencies stored under their short names and an entry
    whose slogan is printed with its punctuation."""
    ns = build_site()
    medical = Organization.objects.create(name="区医保局", kind="bureau", parent=ns.gov)
    OrganizationAlias.objects.create(organization=medical, name="区医疗保障局")
    petitions = Organization.objects.create(name="区信访局", kind="bureau", parent=ns.gov)
    slogan = Entry.objects.create(section=ns.audit, title="主题教育", order=9, source_line=3150,
                                  body="开展\"不忘初心、牢记使命\"主题教育。区医保局、区信访局参加。")
    slogan.organizations.add(medical, petitions)
    return live_server.url


@pytest.fixture
def shots(tmp_path):
    import os

    out = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def search_box(browser, site_url, query, width=WIDTHS["desktop"]):
    page = open_page(browser, site_url + "/", width)
    page.fill("#site-search", query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    return page


def group_titles(page, kind):
    return page.locator(f'section[aria-labelledby="g-{kind}"] li.hit a.title').all_inner_texts()


@pytest.mark.parametrize("query, kind, first", [
    ("金川区医疗保障局", "agencies", "区医保局"),             # the official full name, stored short
    ("金川区医保局", "agencies", "区医保局"),
    ("金川区信访局", "agencies", "区信访局"),                 # a jurisdiction prefix
    ("张恒山 区长", "persons", "张恒山"),                    # two words, a name and a title
    ("区长", "persons", "张恒山"),                          # a title finds who held it
    ("统计局 局长", "persons", "冯得辉"),                    # an agency and a title
    ("张 恒山", "persons", "张恒山"),                       # a space inside a name
    ("張恆山", "persons", "张恒山"),                        # traditional characters
    ("不忘初心牢记使命", "entries", "主题教育"),               # punctuation left out
    ("zhang heng shan", "persons", "张恒山"),                # pinyin
])
def test_each_search_form_from_the_box(browser, site_url, shots, query, kind, first):
    page = search_box(browser, site_url, query)
    assert group_titles(page, kind)[0] == first, query
    page.close()


def test_punctuation_is_marked_inside_the_match(browser, site_url):
    page = search_box(browser, site_url, "不忘初心牢记使命")
    assert page.locator("li.hit p.snippet mark").first.inner_text() == "不忘初心、牢记使命"
    page.close()


def test_no_result_offers_a_name_with_its_reading(browser, site_url, shots):
    page = search_box(browser, site_url, "张恒善", WIDTHS["phone"])
    assert page.get_by_text("您要找的是不是").is_visible()
    page.get_by_role("link", name="张恒山").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith("张恒山")
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_entry_page_and_its_citation(browser, site_url, shots, device):
    page = open_page(browser, site_url + "/2021/金川区人民政府/政府工作/政务服务/", WIDTHS[device])
    assert page.locator("h1").inner_text() == "【政务服务】"
    assert page.get_by_role("link", name="下一条：党建工作 →").is_visible()
    cite = page.locator("#cite .gbt").inner_text()
    assert "政务服务[M/OL]//金川区地方志编纂中心. 金川区年鉴 2021. 兰州: 甘肃文化出版社, 2022: 70[" in cite
    with page.expect_download() as download:
        page.locator("#cite").get_by_role("link", name="RIS").click()
    assert "TI  - 政务服务" in Path(download.value.path()).read_text(encoding="utf-8")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(shots / f"entry-{device}.png"), full_page=True)
    page.close()


def test_chart_on_a_phone_is_a_readable_list(browser, site_url, shots):
    phone = open_page(browser, site_url + "/2021/大事记/", WIDTHS["phone"])
    assert not phone.locator("svg.chart-months").is_visible()
    items = phone.locator("ol.chart-list li")
    assert items.count() == 12 and items.first.is_visible()
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('ol.chart-list li')).fontSize)")
    assert size >= 12
    assert no_horizontal_scroll(phone)
    phone.screenshot(path=str(shots / "chart-phone.png"), full_page=True)
    phone.close()
    desktop = open_page(browser, site_url + "/2021/大事记/", WIDTHS["desktop"])
    svg = desktop.locator("svg.chart-months")
    assert svg.is_visible() and not desktop.locator("ol.chart-list").is_visible()
    # the labels are drawn at 12 units: rendered at least 12 px
    scale = desktop.evaluate("(() => { const s = document.querySelector('svg.chart-months');"
                             " return s.getBoundingClientRect().width / s.viewBox.baseVal.width; })()")
    assert 12 * scale >= 12
    desktop.close()


def test_wide_table_says_it_scrolls_on_a_phone(browser, site_url, shots):
    page = open_page(browser, site_url + "/people/张恒山/", WIDTHS["phone"])
    assert page.locator(".scroll-hint").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('td.date')).whiteSpace") == "nowrap"
    page.close()


PAGE_TYPES = {
    "home": "/", "edition": "/2021/", "category": "/2021/经济管理/", "section": "/2021/经济管理/统计/",
    "entry": "/2021/经济管理/统计/统计法治建设/", "chronicle": "/2021/大事记/", "people": "/people/",
    "person": "/people/张恒山/", "agencies": "/agencies/", "agency": "/agencies/金川区人民政府/",
    "stats": "/2021/统计/", "table": "/2021/统计/表1/", "honours": "/2021/先进模范/", "documents": "/2021/文件/",
    "document": "/2021/文件/金区政发〔2020〕46号/", "search": "/search/?q=统计局", "search-empty": "/search/?q=张恒善",
    "not-found": "/2021/没有这个类目/",
}


@pytest.mark.parametrize("device", WIDTHS)
def test_axe_finds_no_violation_on_any_page_type(browser, site_url, axe_source, device):
    found = {}
    for name, path in PAGE_TYPES.items():
        page = browser.new_page(viewport={"width": WIDTHS[device], "height": 900})
        page.goto(site_url + path)
        page.evaluate(axe_source)
        violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ': ' + "
                                   "v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")
        if violations:
            found[name] = violations
        page.close()
    assert found == {}
