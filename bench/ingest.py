"""Benchmark the parser and a full import into SQLite.  python bench/ingest.py"""
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOURCE = ROOT / "sources" / "jinchuan-yearbook-2021.txt"


def main(repeat: int = 5):
    from yearbook.parsing import parse_yearbook

    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        parse_yearbook(SOURCE)
        times.append(time.perf_counter() - t)
    print(f"parse: median {statistics.median(times):.3f} s, min {min(times):.3f} s over {repeat} runs")

    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    first = time.perf_counter() - t
    t = time.perf_counter()
    call_command("import_yearbook", str(SOURCE), verbosity=0)
    again = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"import into SQLite: {first:.2f} s (fresh), {again:.2f} s (re-import); peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
