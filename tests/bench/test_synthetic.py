"""Synthetic editions keep the real edition's shape, shifted to their own year."""
from pathlib import Path

import pytest
from django.core.management import call_command

from chronicle.models import Event
from stats.models import TableCell
from yearbook.models import Appointment, Edition, Entry, KeyFigure, Person

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "edition-2021.json"
pytestmark = pytest.mark.django_db


def test_generate_two_editions_with_the_real_shape():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    base = Edition.objects.get(year=2021)
    persons_before = Person.objects.count()
    call_command("generate_editions", "2", verbosity=0)
    assert sorted(Edition.objects.values_list("year", flat=True)) == [2019, 2020, 2021]
    for year in (2020, 2019):
        e = Edition.objects.get(year=year)
        assert e.covers_year == year - 1 and e.status == Edition.Status.PUBLISHED
        assert Event.objects.filter(edition=e).count() == Event.objects.filter(edition=base).count()
        assert not Event.objects.filter(edition=e).exclude(date__year=year - 1).exists()
        assert Entry.objects.filter(section__edition=e).count() == Entry.objects.filter(section__edition=base).count()
        assert Appointment.objects.filter(edition=e).count() == Appointment.objects.filter(edition=base).count()
        assert e.documents.filter(number__contains=f"〔{year - 1}〕").exists()
    # people rotate between agencies, and some new persons appear
    assert Person.objects.count() > persons_before
    base_pairs = set(Appointment.objects.filter(edition=base).values_list("organization_id", "person_id"))
    new_pairs = set(Appointment.objects.filter(edition__year=2020).values_list("organization_id", "person_id"))
    assert len(base_pairs & new_pairs) < len(base_pairs) / 2
    # figures perturbed, structure kept
    assert TableCell.objects.filter(row__table__edition__year=2020).count() == \
        TableCell.objects.filter(row__table__edition=base).count()
    # at the printed precision: 271.41 becomes another figure of two decimals, never 250.240020
    printed = {k.indicator: k.value for k in KeyFigure.objects.filter(edition=base, value__isnull=False)}
    perturbed = {k.indicator: k.value for k in KeyFigure.objects.filter(edition__year=2020, value__isnull=False)}
    assert perturbed.keys() == printed.keys()
    for indicator, value in perturbed.items():
        places = max(-value.normalize().as_tuple().exponent, 0)
        assert places <= max(-printed[indicator].normalize().as_tuple().exponent, 0), (indicator, value)


def test_generate_refuses_without_a_base_edition():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not loaded"):
        call_command("generate_editions", "1")
