"""Regulations keep each article's paragraphs (款) and numbered items (项) as printed, each addressable."""
import pytest

from documents.structure import blocks


def test_paragraphs_and_items_of_an_article_with_their_anchors():
    text = ("城市市容和环境卫生责任主体的确定原则:由所有权人负责。\n市容和环境卫生责任区的责任主体按照下列规定确定:\n"
            "(一)城市道路由市政设施主管部门负责:\n(二)实行物业管理的居住区由物业服务企业负责;\n（三）摊点由经营者负责;")
    first, second = blocks("第十一条", text)
    assert (first.anchor, first.items) == ("第十一条-第一款", [])
    assert second.text == "市容和环境卫生责任区的责任主体按照下列规定确定:" and second.anchor == "第十一条-第二款"
    assert [(i.label, i.anchor, i.text) for i in second.items] == [
        ("(一)", "第十一条-一", "城市道路由市政设施主管部门负责:"),
        ("(二)", "第十一条-二", "实行物业管理的居住区由物业服务企业负责;"),
        ("（三）", "第十一条-三", "摊点由经营者负责;")]


def test_arabic_items_and_numbers_that_are_not_items():
    paragraphs = blocks("第五条", "补贴标准如下:\n1.小麦每亩10元;\n2、玉米每亩12元;\n1.5万亩以上的按实际面积计算。")
    assert [i.anchor for i in paragraphs[0].items] == ["第五条-1", "第五条-2"]
    assert paragraphs[1].text == "1.5万亩以上的按实际面积计算。"


@pytest.mark.django_db
def test_the_real_regulation_shows_its_items(imported, client):
    from yearbook.models import Edition

    Edition.objects.filter(pk=imported.pk).update(status=Edition.Status.PUBLISHED)
    html = client.get("/2021/文件/金区政发〔2020〕46号/").content.decode()
    assert 'id="第十一条-三"' in html and 'id="第十一条-第二款"' in html
    assert '<span class="item-label">(三)</span>摊点、超市、商店' in html
    assert html.count('<div class="article"') == 68
