"""Person identity checks (persons.py) on the real rosters: homonyms flagged, OCR variants suggested."""
import pytest

from yearbook.parsing import parse_yearbook

from .conftest import SOURCE


@pytest.fixture(scope="module")
def book():
    return parse_yearbook(SOURCE)


def members(book, name):
    return [m for r in book.rosters for m in r.members if m.name == name]


def test_zhao_jing_is_flagged_as_a_possible_homonym(book):
    """赵静: 人大常委会 委员 (1932), 团区委 书记 (2349) and on the compiling committee (90), with
    nothing in the book to say it is one person; the import would merge them."""
    zhao = members(book, "赵静")
    assert [(m.source_line, m.title) for m in zhao] == [(1932, "委员"), (2349, "书记")]
    assert all(m.needs_review and "同名「赵静」出现在 3 处" in m.review_note for m in zhao)
    notice = [i for i in book.review_items if i.code == "person-homonym" and i.printed == "赵静"]
    assert len(notice) == 1 and not notice[0].blocking and notice[0].line == 1932
    assert "团区委 书记（第 2349 行）" in notice[0].message and "金川区地方志编纂委员会" in notice[0].message


def test_posts_linked_by_a_tenure_are_one_person(book):
    """杨帆 leaves 区水务局 (任至 2020 年 3 月) the month he joins 区教育局 (2020年3月任): not flagged;
    three-character names (张恒山 in four posts) are not checked."""
    assert len({r.organization for r in book.rosters for m in r.members if m.name == "杨帆"}) == 2
    assert not any(m.needs_review for m in members(book, "杨帆") + members(book, "张恒山"))
    assert {i.printed for i in book.review_items if i.code == "person-homonym"} == {"赵静", "崔荣"}


def test_possible_ocr_variant_of_one_name(book):
    """谢敬仁 (区城管执法局, 2704) and 谢锐仁 (区市政工程处, 2821, 2021年2月任): one glyph apart."""
    variants = {i.printed: i for i in book.review_items if i.code == "person-variant"}
    item = variants["谢敬仁 / 谢锐仁"]
    assert item.line == 2704 and not item.blocking and "2821" in item.message
    assert not any(m.needs_review for m in members(book, "谢敬仁") + members(book, "谢锐仁"))
