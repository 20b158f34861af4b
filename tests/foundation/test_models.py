"""Database constraints on the firm rules of the yearbook's structure."""
import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from chronicle.models import Event
from yearbook.models import Appointment, Category, Edition, Organization, Person, Roster, Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return Edition.objects.create(year=2021, covers_year=2020, title="金川区年鉴 2021")


def _fails(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_edition_year_is_unique(edition):
    _fails(lambda: Edition.objects.create(year=2021, covers_year=2020, title="x"))


def test_edition_covers_an_earlier_year():
    _fails(lambda: Edition.objects.create(year=2021, covers_year=2021, title="x"))


def test_category_and_section_orders_are_unique(edition):
    cat = Category.objects.create(edition=edition, name="法治", order=1)
    _fails(lambda: Category.objects.create(edition=edition, name="农业", order=1))
    Section.objects.create(edition=edition, category=cat, name="公安", order=1)
    _fails(lambda: Section.objects.create(edition=edition, category=cat, name="检察", order=1))


def test_same_section_name_allowed_in_other_categories(edition):
    a = Category.objects.create(edition=edition, name="中国共产党金川区委员会", order=4)
    b = Category.objects.create(edition=edition, name="金川区人民代表大会", order=5)
    Section.objects.create(edition=edition, category=a, name="重要会议", order=8)
    Section.objects.create(edition=edition, category=b, name="重要会议", order=18)
    assert Section.objects.filter(name="重要会议").count() == 2


def test_appointment_cannot_end_before_it_starts(edition):
    org = Organization.objects.create(name="区统计局", kind="bureau")
    person = Person.objects.create(name="张恒山")
    roster = Roster.objects.create(edition=edition, organization=org, heading="区统计局领导班子成员", order=1)
    common = dict(roster=roster, edition=edition, organization=org, person=person, title="局长")
    Appointment.objects.create(order=1, start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 1), **common)
    _fails(lambda: Appointment.objects.create(order=2, start=dt.date(2020, 5, 1), end=dt.date(2020, 4, 1), **common))
    _fails(lambda: Appointment.objects.create(order=1, **common))


def test_event_range_cannot_end_before_it_starts(edition):
    Event.objects.create(edition=edition, date=dt.date(2020, 1, 10), date_end=dt.date(2020, 1, 11), text="a", order=1)
    _fails(lambda: Event.objects.create(edition=edition, date=dt.date(2020, 1, 10),
                                        date_end=dt.date(2020, 1, 9), text="b", order=2))


def test_person_stores_pinyin_and_initials_with_surname_readings():
    p = Person.objects.create(name="张恒山")
    assert (p.key, p.name_pinyin, p.name_initials) == ("张恒山", "zhanghengshan", "zhs")
    assert Person.objects.create(name="曾昭武").name_pinyin == "zengzhaowu"
    assert Person.objects.create(name="单丽").name_initials == "sl"
