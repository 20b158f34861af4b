"""书稿导出 in the admin: an editor downloads the Word manuscript (whole or one category), the PDF, and
sees the print preview."""
import io
import shutil
from urllib.parse import unquote

import docx
import pytest
from django.urls import reverse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_export_page_lists_editions_with_their_downloads(edition2021, editor_client,
                                                             django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = editor_client.get(reverse("admin:manuscript_manuscriptedition_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("书稿导出", "Word 稿（.docx）", "印刷 PDF", "打印预览", "按类目导出 Word 稿", "<option>社会生活</option>"):
        assert text in html
    assert reverse("admin:manuscript_docx", args=[edition2021.pk]) in html
    # The admin's home page shows the app in Chinese.
    assert "书稿" in editor_client.get(reverse("admin:index")).content.decode()


def test_an_editor_downloads_the_word_manuscript(edition2021, editor_client):
    response = editor_client.get(reverse("admin:manuscript_docx", args=[edition2021.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "金川区年鉴2021-校样.docx" in unquote(response["Content-Disposition"])
    document = docx.Document(io.BytesIO(response.content))
    assert any(p.text == "人名索引" for p in document.paragraphs)

    one = editor_client.get(reverse("admin:manuscript_docx", args=[edition2021.pk]), {"category": "大事记"})
    assert "金川区年鉴2021-大事记-校样.docx" in unquote(one["Content-Disposition"])
    paragraphs = [p.text for p in docx.Document(io.BytesIO(one.content)).paragraphs]
    assert "12月" in paragraphs and "农业" not in paragraphs

    missing = editor_client.get(reverse("admin:manuscript_docx", args=[edition2021.pk]), {"category": "体育"})
    assert missing.status_code == 404 and "2021 卷没有类目“体育”" in missing.content.decode()
    assert editor_client.get(reverse("admin:manuscript_docx", args=[999999])).status_code == 404


def test_the_print_preview_and_visitors(edition2021, editor_client, client):
    page = editor_client.get(reverse("admin:manuscript_print", args=[edition2021.pk]), {"category": "附录"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2020年金昌市金川区 国民经济和社会发展统计公报" in html or "国民经济和社会发展统计公报" in html
    assert "<table>" in html and "金川区市容和环境卫生管理办法" in html and "人名索引" in html
    assert client.get(reverse("admin:manuscript_docx", args=[edition2021.pk])).status_code == 302


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed")
def test_the_print_ready_pdf(edition2021, editor_client):
    response = editor_client.get(reverse("admin:manuscript_pdf", args=[edition2021.pk]), {"category": "社会生活"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 20_000
    assert "金川区年鉴2021-社会生活-校样.pdf" in unquote(response["Content-Disposition"])


def test_the_editions_admin_page_links_the_editorial_offices_tools(edition2021, editor_client):
    html = editor_client.get(reverse("admin:yearbook_edition_change", args=[edition2021.pk])).content.decode()
    tools = html[html.index("编纂工具"):]
    assert "一致性检查" in tools and "书稿文档" in tools and "付印清样" in tools
    assert reverse("admin:manuscript_docx", args=[edition2021.pk]) in tools
    assert f"{reverse('admin:consistency_finding_changelist')}?edition__id__exact={edition2021.pk}" in tools
