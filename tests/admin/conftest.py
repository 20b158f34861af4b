"""Fixtures for the editors' admin: roles, accounts, and a small 2021 edition built in code."""
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from chronicle.models import Event
from stats.models import StatTable, TableCell, TableColumn, TableRow
from tests.conftest import SOURCE  # noqa: F401  (the browser tests import it from here)
from yearbook import permissions
from yearbook.models import (Appointment, Category, Edition, EditorialBoardMember, Entry, HonoraryTitle,
                             Honour, Organization, Person, Roster, Section)

PASSWORD = "Jinchuan-2021!"


@pytest.fixture
def roles(db):
    call_command("create_roles", verbosity=0)


def make_user(username, role=None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=role is not None, **extra)
    if role:
        user.groups.add(Group.objects.get(name=permissions.ROLES[role]))
    return user


@pytest.fixture
def editor(roles):
    return make_user("editor", "editor", first_name="小张")


@pytest.fixture
def editor2(roles):
    return make_user("editor2", "editor", first_name="小李")


@pytest.fixture
def chief(roles):
    return make_user("chief", "chief", first_name="王主编")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def chief_client(chief):
    return client_for(chief)


class Book:
    """Handles on the records of the small edition."""


@pytest.fixture
def book(db):
    """A small 2021 edition (covering 2020): outline, a roster with open and ended appointments, events,
    honours, a statistical table, mentions and a corrected entry."""
    b = Book()
    e = b.edition = Edition.objects.create(year=2021, covers_year=2020, title="金川区年鉴 2021",
                                           compiler="金川区地方志编纂中心", editorial_notes=["本年鉴 2021 卷记述 2020 年"])
    b.category = Category.objects.create(edition=e, name="政府", order=1)
    b.category2 = Category.objects.create(edition=e, name="经济", order=2)
    b.section = Section.objects.create(edition=e, category=b.category, name="区政府", order=1)
    b.section2 = Section.objects.create(edition=e, category=b.category2, name="工业", order=2)
    b.org = Organization.objects.create(name="金川区人民政府", kind="government")
    b.bureau = Organization.objects.create(name="区统计局", kind="bureau")
    b.zhang = Person.objects.create(name="张恒山", gender="M")
    b.li = Person.objects.create(name="李晓燕", gender="F")
    b.wang = Person.objects.create(name="王建国", gender="M")
    b.roster = Roster.objects.create(edition=e, organization=b.org, section=b.section, heading="区政府领导班子成员",
                                     order=1)
    common = dict(roster=b.roster, edition=e, organization=b.org)
    b.a_zhang = Appointment.objects.create(person=b.zhang, title="区长", title_normalized="区长",
                                           start=dt.date(2019, 5, 1), order=1, **common)
    b.a_li = Appointment.objects.create(person=b.li, title="副区长", title_normalized="副区长",
                                        start=dt.date(2020, 4, 1), order=2, **common)
    b.a_wang = Appointment.objects.create(person=b.wang, title="副区长", title_normalized="副区长",
                                          start=dt.date(2016, 1, 1), end=dt.date(2020, 6, 1), order=3, **common)
    b.entry = Entry.objects.create(section=b.section, title="政务公开", body="区政府全年公开信息1200条，李生虎主持。",
                                   order=1, corrected=True, printed_text="区政府全年公开信息1200条，李牛虎主持。",
                                   source_line=120)
    b.entry.persons.add(b.li)
    b.events = [Event.objects.create(edition=e, date=dt.date(2020, m, 10), text=f"{m}月的事件", order=m)
                for m in (1, 3, 5)]
    b.events[0].persons.add(b.li)
    b.honour = Honour.objects.create(edition=e, kind="individual", recipient="李晓燕", person=b.li, gender="F",
                                     award="全国三八红旗手", date=dt.date(2020, 3, 1), order=1)
    b.honour2 = Honour.objects.create(edition=e, kind="collective", recipient="区统计局", organization=b.bureau,
                                      award="先进集体", date=dt.date(2020, 5, 1), order=1)
    EditorialBoardMember.objects.create(edition=e, body="编纂委员会", title="委员", name="李晓燕", person=b.li, order=1)
    HonoraryTitle.objects.create(edition=e, name="全国文明城市", order=1)
    b.table = StatTable.objects.create(edition=e, section=b.section2, key="表1", number="表1", title="工业主要指标",
                                       order=1)
    b.col1 = TableColumn.objects.create(table=b.table, order=1, label="2020年")
    b.col2 = TableColumn.objects.create(table=b.table, order=2, label="比上年±%", unit="%")
    b.row1 = TableRow.objects.create(table=b.table, order=1, label="工业增加值")
    b.row2 = TableRow.objects.create(table=b.table, order=2, label="利润总额")
    TableCell.objects.create(row=b.row1, column=b.col1, value=Decimal("95.3"), text="95.3")
    TableCell.objects.create(row=b.row1, column=b.col2, value=Decimal("3.2"), text="3.2")
    return b
