"""Fixtures for the editorial workflow: the admin tests' small edition and roles, a unit, an assignment, and
Word manuscripts generated with python-docx (no binary fixtures in the repository)."""
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group

from editorial.models import Assignment, ContributingUnit
from editorial.roles import SECOND_REVIEWER_GROUP
from tests.admin.conftest import PASSWORD, SOURCE, book, client_for, make_user, roles  # noqa: F401


def docx_bytes(*paragraphs, tables: int = 0) -> bytes:
    """A Word document with these paragraphs (and ``tables`` small tables at the end)."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for _ in range(tables):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "指标"
        table.cell(0, 1).text = "2021年"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


MANUSCRIPT = (
    "区政府办公室 2021 年供稿",
    "【政务公开】区政府全年公开信息1500条，办理依申请公开32件。",
    "【政务服务】全年办理政务服务事项12.6万件，",
    "“一网通办”率达95%。",
    "（供稿：赵丽）",
)


@pytest.fixture
def editor(roles):
    return make_user("editor", "editor", first_name="张编辑")


@pytest.fixture
def editor2(roles):
    return make_user("editor2", "editor", first_name="李编辑")


@pytest.fixture
def senior(roles):
    """A senior editor: an editor who also does 复审."""
    user = make_user("senior", "editor", first_name="刘副主编")
    user.groups.add(Group.objects.get(name=SECOND_REVIEWER_GROUP))
    return user


@pytest.fixture
def chief(roles):
    return make_user("chief", "chief", first_name="王主编")


@pytest.fixture
def unit(book):
    return ContributingUnit.objects.create(name="区政府办公室", organization=book.org, contact="赵丽",
                                           phone="0935-8221234")


@pytest.fixture
def assignment(book, unit):
    return Assignment.objects.create(edition=book.edition, section=book.section, unit=unit,
                                     deadline=dt.date(2021, 3, 31), target_words=60)
