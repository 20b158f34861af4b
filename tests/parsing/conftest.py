"""Fixtures for the parser tests: the real source, loaded once per session."""
from pathlib import Path

import pytest

from yearbook.parsing.segment import segment
from yearbook.parsing.source import load_source

SOURCE = Path(__file__).resolve().parents[2] / "sources" / "jinchuan-yearbook-2021.txt"


@pytest.fixture(scope="session")
def source():
    return load_source(SOURCE)


@pytest.fixture(scope="session")
def segments(source):
    return segment(source)


@pytest.fixture(scope="session")
def segment_named(segments):
    def find(name, category=None):
        hits = [s for s in segments if s.name == name and (category is None or s.category == category)]
        assert len(hits) == 1, f"{name}/{category}: {len(hits)} segments"
        return hits[0]
    return find
