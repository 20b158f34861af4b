"""The benchmark's verdict names every figure outside the issue's budgets, and only those."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import run  # noqa: E402


def figures(p95: float, queries: int = 5) -> dict:
    return {"p50_ms": p95 / 2, "p95_ms": p95, "queries": queries}


def result(one_ms=10.0, fifty_ms=20.0, search_ms=30.0, person_rate=900.0, fifty_queries=5) -> dict:
    def run_of(page_ms, queries, search):
        return {"pages": {"home": figures(page_ms), "person": figures(page_ms, queries)},
                "search": {"1 char": figures(search)},
                "throughput": {"static file": 1000.0, "home": 900.0, "person": person_rate, "section": 800.0}}
    return {"engine": "postgres", "runs": {1: run_of(one_ms, 5, 10.0), 50: run_of(fifty_ms, fifty_queries, search_ms)}}


def test_figures_within_budget_give_no_miss():
    assert run.budget_misses([result()]) == []
    assert "Every figure is within its budget" in "\n".join(run.verdict([result()]))


def test_each_budget_is_checked():
    assert run.budget_misses([result(one_ms=30.5)]) == [
        "postgres, 1 edition(s): home p95 30.5 ms > 30 ms", "postgres, 1 edition(s): person p95 30.5 ms > 30 ms"]
    assert run.budget_misses([result(one_ms=30.0, fifty_ms=50.0, search_ms=50.0)]) == []    # the limits themselves
    assert run.budget_misses([result(search_ms=51)]) == ["postgres, 50 editions: search 1 char p95 51 ms > 50 ms"]
    assert run.budget_misses([result(person_rate=450)]) == [
        "postgres, 1 edition(s): person at 0.45 of the static file's rate < 0.5",
        "postgres, 50 edition(s): person at 0.45 of the static file's rate < 0.5"]
    assert run.budget_misses([result(fifty_queries=6)]) == [
        "postgres: person queries differ with the number of editions {1: 5, 50: 6}"]
    assert "**Outside the budget:**" in "\n".join(run.verdict([result(fifty_ms=60)]))
    edited = {**result(), "after_edits": {"commonest word": figures(120.0)}}
    assert run.budget_misses([edited]) == ["postgres, after 100 edits: search commonest word p95 120.0 ms > 50 ms"]


def test_report_shows_the_tables_and_ends_with_the_verdict():
    from types import SimpleNamespace

    r = result(fifty_ms=55.0)
    for data in r["runs"].values():
        for group in ("pages", "search"):
            for v in data[group].values():
                v.update(cached_p50_ms=0.1, cached_p95_ms=0.2, cached_queries=1, url="/search/?q=恒")
        data["throughput"]["worker_rss_mib"] = 120.5
    r.update({"import": {"seconds": 1.2, "peak_rss_mib": 120}, "generate_50_seconds": 14.0})
    text = run.report([r], SimpleNamespace(requests=30, seconds=5))
    assert "Import of one edition: 1.2 s, peak RSS 120 MiB. Generating editions up to 50: 14.0 s." in text
    assert "| person | 5.0 / 10.0 (5) · cached 0.1 / 0.2 (1) | 27.5 / 55.0 (5) · cached 0.1 / 0.2 (1) |" in text
    assert "| 1 char `恒` |" in text and "| person | 900 (0.90) | 900 (0.90) |" in text
    assert text.index("## Budgets") > text.index("| person |")
    assert "- postgres, 50 edition(s): person p95 55.0 ms > 50 ms" in text
