"""Bad input files: a clear message naming the file and line, and the database exactly as before."""
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yearbook.export import export_edition
from yearbook.models import Edition

from .conftest import SOURCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(imported):
    return export_edition(imported)


def _import_fails(path: Path, match: str):
    with pytest.raises(CommandError) as info:
        call_command("import_yearbook", str(path), "--edition", "2021", verbosity=0)
    message = str(info.value)
    assert str(path) in message and "database unchanged" in message
    assert match in message, message
    return message


def _unchanged(snapshot):
    assert export_edition(Edition.objects.get(year=2021)) == snapshot


def test_not_utf8(tmp_path, snapshot):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("金川区年鉴\n第二行\n".encode("gbk"))
    _import_fails(bad, "not UTF-8")
    _unchanged(snapshot)


def test_empty_file(tmp_path, snapshot):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    _import_fails(empty, "empty")
    _unchanged(snapshot)


def test_missing_file(tmp_path, snapshot):
    _import_fails(tmp_path / "nope.txt", "cannot read")
    _unchanged(snapshot)


def test_truncated_mid_structure(tmp_path, snapshot):
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "truncated.txt"
    cut.write_text("\n".join(lines[:2500]), encoding="utf-8")  # stops inside 法治
    message = _import_fails(cut, "not found")
    assert ":" in message.split("unchanged:")[1]  # names the line
    _unchanged(snapshot)


def test_not_a_yearbook(tmp_path, snapshot):
    other = tmp_path / "novel.txt"
    other.write_text("\n".join(["第一回 宴桃园豪杰三结义 斩黄巾英雄首立功"] * 600), encoding="utf-8")
    _import_fails(other, "not this yearbook")
    _unchanged(snapshot)


def test_failure_part_way_through_the_load_rolls_everything_back(monkeypatch, snapshot):
    from yearbook import registry

    def boom(loader):
        raise RuntimeError("disk full")

    # the documents' step, one of the last, fails after the others have written their rows
    monkeypatch.setitem(registry._steps["import"], "documents", registry.Step("documents", 70, boom))
    with pytest.raises(RuntimeError):
        call_command("import_yearbook", str(SOURCE), verbosity=0)
    _unchanged(snapshot)
