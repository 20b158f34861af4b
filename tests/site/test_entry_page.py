"""The entry page (条目, the yearbook's unit): its text, its section, the entries around it, what it names, and
a citation in GB/T 7714 with the printed page, downloadable as RIS and BibTeX; the same citation formats on the
person, document and table pages."""
import pytest

from .test_pages import text_of

pytestmark = pytest.mark.django_db

URL = "/2021/金川区人民政府/政府工作/政务服务/"


def test_entry_page_shows_the_text_its_section_and_what_it_names(site, page):
    html = page(URL)
    text = text_of(html)
    assert "<h1" in html and "【政务服务】" in text
    assert "全年办理政务服务事项12万件。" in text
    assert "2021卷 · 金川区人民政府 › 政府工作 · 原书第70页 · 供稿：于容莹" in text
    assert "人物 张恒山" in text and "机构 金川区人民政府" in text
    assert "下一条：党建工作 →" in text and "上一条" not in text
    assert 'href="/2021/%E9%87%91%E5%B7%9D%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C/' in html


def test_a_second_entry_of_the_same_title_has_its_own_page(site, page):
    text = text_of(page("/2021/金川区人民政府/政府工作/党建工作-2/"))
    assert "开展主题党日活动。" in text and "← 上一条：党建工作" in text


def test_an_unknown_entry_is_not_found(site, page):
    page("/2021/金川区人民政府/政府工作/没有这一条/", status=404)
    page("/2022/经济管理/统计/草稿条目/", status=404)          # a draft edition's entry


def test_entries_link_to_their_page(site):
    assert site.gov_entry.get_absolute_url() == (
        "/2021/%E9%87%91%E5%B7%9D%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C/"
        "%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C/%E6%94%BF%E5%8A%A1%E6%9C%8D%E5%8A%A1/")


def test_entry_citation_in_gbt7714_with_the_printed_page(site, page):
    text = text_of(page(URL))
    assert ("金川区地方志编纂中心. 政务服务[M/OL]//金川区地方志编纂中心. 金川区年鉴 2021. 兰州: 甘肃文化出版社, "
            "2022: 70[") in text
    assert "http://testserver/2021/金川区人民政府/政府工作/政务服务/." in text


def test_entry_citation_downloads_as_ris_and_bibtex(site, client):
    ris = client.get(URL, {"cite": "ris"})
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    body = ris.content.decode()
    assert "TY  - CHAP\r\n" in body and "TI  - 政务服务\r\n" in body and "T2  - 金川区年鉴 2021\r\n" in body
    assert "SP  - 70\r\n" in body and "PB  - 甘肃文化出版社\r\n" in body and body.endswith("ER  - \r\n")
    bib = client.get(URL, {"cite": "bib"}).content.decode()
    assert bib.startswith("@incollection{") and "title = {政务服务}" in bib and "pages = {70}" in bib
    assert "year = {2022}" in bib and "author = {{金川区地方志编纂中心}}" in bib
    assert client.get(URL, {"cite": "doc"}).status_code == 400


@pytest.mark.parametrize("url, title", [
    ("/people/张恒山/", "中共金川区委领导班子成员"),
    ("/2021/统计/表1/", "表1 2020年全区生产总值分行业情况"),
    ("/2021/文件/金区政发〔2020〕46号/", "金川区市容和环境卫生管理办法"),
])
def test_person_table_and_document_pages_cite_the_same_ways(site, client, url, title):
    text = text_of(client.get(url).content.decode())
    assert f"金川区地方志编纂中心. {title}[M/OL]//" in text
    assert f"TI  - {title}" in client.get(url, {"cite": "ris"}).content.decode()
    assert "@incollection{" in client.get(url, {"cite": "bib"}).content.decode()
