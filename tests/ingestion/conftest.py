from pathlib import Path

import pytest
from django.core.management import call_command

SOURCE = Path(__file__).resolve().parents[2] / "sources" / "jinchuan-yearbook-2021.txt"


@pytest.fixture
def imported(db):
    """The real 2021 edition, imported from the source text."""
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    from yearbook.models import Edition

    return Edition.objects.get(year=2021)
