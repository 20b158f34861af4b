"""The 2021 manuscript as a Word document: it opens, holds every entry and table in the book's order,
and its indexes list every person and agency of the edition with a page or an entry number."""
import io
import re

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from manuscript.build import build, edition_persons
from stats.models import StatTable
from yearbook.models import Category, Entry, Person, Section

LOCATOR = re.compile(r"^(\d+|〔\d+〕|大事记.+|编纂委员会|先进(集体|个人)表|重要文件辑存|.+·.+)$")


def export(tmp_path, *args):
    out = tmp_path / "manuscript.docx"
    stdout = io.StringIO()
    call_command("export_manuscript", "2021", "-o", str(out), *args, stdout=stdout)
    return docx.Document(str(out)), stdout.getvalue()


def texts(document):
    return [p.text for p in document.paragraphs]


def index_lines(paragraphs, heading, next_heading=None):
    start = len(paragraphs) - 1 - paragraphs[::-1].index(heading)    # the index, not its line in the contents
    end = paragraphs.index(next_heading, start) if next_heading else len(paragraphs)
    return paragraphs[start + 2:end]


def test_the_2021_manuscript_holds_every_entry_and_table_in_order(edition2021, tmp_path):
    document, out = export(tmp_path)
    assert "458 条目，17 表" in out
    paragraphs = texts(document)
    body = "\n".join(paragraphs)
    # Title page, 编辑说明 and the contents come first.
    assert paragraphs.index("编辑说明") < paragraphs.index("目　录") < paragraphs.index("特载")
    assert "一、《金川区年鉴2021》是由金川区人民政府主办" in body
    # Every entry, numbered through the book (roster blocks take numbers too), in the book's order.
    positions, numbers = [], []
    start = 0
    for entry in Entry.objects.filter(section__edition=edition2021).order_by("section__order", "order"):
        heading = entry.title if entry.kind == Entry.Kind.REPORT else f"【{entry.title}】"
        pattern = re.compile(r"^〔(\d+)〕" + re.escape(heading))
        found = next(((i, m) for i, p in enumerate(paragraphs[start:], start) if (m := pattern.match(p))), None)
        assert found, heading
        start = found[0] + 1
        positions.append(found[0])
        numbers.append(int(found[1].group(1)))
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    assert "〔1〕立足新阶段 贯彻新理念 融入新格局 奋力开启金川区全面建设社会主义现代化新征程" in paragraphs
    # Every statistical table is a Word table with its printed cells, plus the two honours tables.
    assert len(document.tables) == StatTable.objects.count() + 2
    word_cells = [{c.text for row in t.rows for c in row.cells} for t in document.tables]
    for table in StatTable.objects.prefetch_related("rows__cells"):
        assert any(table.title in p for p in paragraphs), table.title
        printed = {"".join(c.text.split()) for r in table.rows.all() for c in r.cells.all() if c.text}
        assert any(printed <= cells for cells in word_cells), table.title
    # A two-level header is one merged cell over its columns.
    reimbursement = next(t for t in document.tables if len(t.rows) > 2 and t.cell(2, 0).text == "三级医院")
    first = reimbursement.rows[0].cells
    assert first[1].text == "第一次住院" and first[1]._tc is first[2]._tc
    # Sections end with their contributor; rosters follow the entries; the chronicle, honours and documents
    # are there.
    assert "（供稿：刘光旺）" in paragraphs
    assert any(p.startswith("〔") and "【中共金川区委领导班子成员】" in p for p in paragraphs)
    assert "9月" in paragraphs and any("农村人居环境整治现场推进会议召开" in p for p in paragraphs)
    assert "金川区市容和环境卫生管理办法" in paragraphs
    assert any(p.startswith("第六十八条") for p in paragraphs)


def test_the_indexes_list_every_person_and_agency_with_a_page_or_number(edition2021, tmp_path):
    document, _ = export(tmp_path)
    paragraphs = texts(document)
    persons = index_lines(paragraphs, "人名索引", "机构索引")
    lines = [p for p in persons if "　" in p]
    names = {}
    for line in lines:
        name, _, locators = line.partition("　")
        names[name] = locators.split("，")
        assert all(LOCATOR.match(loc) for loc in names[name]), line
    expected = Person.objects.filter(pk__in=edition_persons(edition2021))
    assert expected.count() > 300
    for p in expected:
        shown = p.name if p.key == p.name else f"{p.name}（{p.key}）"
        assert shown in names, shown
    # The 2021 book's 组织工作 is on page 54: its roster's people are indexed there; the
    # pageless 区委 重要会议 points at entry numbers.
    zhang = names["张恒山"]
    assert any(loc.startswith("〔") for loc in zhang)
    agencies = index_lines(paragraphs, "机构索引")
    assert any(line.startswith("金川区人民政府　") for line in agencies)
    assert len([a for a in agencies if "　" in a]) > 200


def test_one_category_keeps_the_editions_numbers(edition2021, tmp_path):
    document, out = export(tmp_path, "--category", "社会生活")
    paragraphs = texts(document)
    assert "社会生活" in paragraphs and "特载" not in paragraphs
    full = build(edition2021)
    numbers = {e.title: e.number for c in full.categories if c.name == "社会生活" for s in c.sections for e in s.entries}
    for title, number in numbers.items():
        assert any(p.startswith(f"〔{number}〕【{title}】") for p in paragraphs)
    sections = Section.objects.filter(category__name="社会生活")
    assert len(document.tables) == StatTable.objects.filter(section__in=sections).count() == 12


def test_bad_requests_are_clear(edition2021, tmp_path):
    with pytest.raises(CommandError, match="没有 2030 卷"):
        call_command("export_manuscript", "2030", "-o", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="2021 卷没有类目“体育”（现有：特载、大事记"):
        call_command("export_manuscript", "2021", "--category", "体育", "-o", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="无法写入"):
        call_command("export_manuscript", "2021", "-o", str(tmp_path / "missing" / "x.docx"), stdout=io.StringIO())
    assert Category.objects.filter(edition=edition2021).count() == 22
