"""The benchmark: python bench/run.py  (see README "Benchmarks"; results in docs/benchmarks.md)

For SQLite and PostgreSQL, with 1 edition and with 50 (49 synthetic ones added):
server time per page type (p50/p95, queries), search times, requests per second
under gunicorn (2 workers, wrk on 127.0.0.1, bounded runs) next to a static file
served by the same server in the same run, import time and peak memory.
"""
import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SOURCE = ROOT / "sources" / "jinchuan-yearbook-2021.txt"
THROUGHPUT_PAGES = ["home", "person", "section"]
EDITS = 100


def run(args, env, **kw):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kw)


def manage(env, *args):
    return run([PY, "manage.py", *args], env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def engine_env(engine: str, tmp: Path) -> dict:
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "DJANGO_DEBUG": "0"}
    env.pop("DJANGO_ENV", None)
    if engine == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
    else:
        url = subprocess.run([str(ROOT / ".ci" / "pgcluster"), "start"], check=True, capture_output=True,
                             text=True).stdout.strip()
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", "DROP DATABASE IF EXISTS bench"], check=True)
        subprocess.run(["psql", admin, "-qc", "CREATE DATABASE bench LOCALE 'C.UTF-8' TEMPLATE template0"],
                       check=True)
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/bench"
    return env


def timed_import(env) -> dict:
    code = ("import os,sys,time,resource,django;sys.path.insert(0,'.');"
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');django.setup();"
            "from django.core.management import call_command;t=time.perf_counter();"
            f"call_command('import_yearbook',{str(SOURCE)!r},verbosity=0);"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    seconds, rss = run([PY, "-c", code], env).stdout.split()
    return {"seconds": round(float(seconds), 2), "peak_rss_mib": round(int(rss) / 1024)}


def wrk(url: str, seconds: int, connections: int = 16) -> float:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         check=True, capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses under load")
    return float(m.group(1))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def stop_server(server) -> None:
    """SIGTERM to gunicorn's master only (it stops its workers gracefully); the group if it hangs."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def throughput(env, urls: dict, seconds: int) -> dict:
    """Requests/s under gunicorn (2 workers) for pages and for a static file, in the same run."""
    static = sorted((ROOT / "staticfiles" / "css").glob("site.*.css"))
    static_url = "/static/css/" + static[0].name if static else "/static/css/site.css"
    port = free_port()
    server = subprocess.Popen([PY, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "--log-level", "warning"], env=env, cwd=ROOT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        out = {"static file": wrk(base + static_url, seconds)}
        for name in THROUGHPUT_PAGES:
            out[name] = wrk(base + urls[name], seconds)
        workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                                    text=True).stdout.split()]
        out["worker_rss_mib"] = round(max((rss_mib(p) for p in workers), default=0), 1)
        return out
    finally:
        stop_server(server)


def measure_pages(env, requests: int, edits: int = 0) -> dict:
    return json.loads(run([PY, "bench/pages.py", "--requests", str(requests), "--edits", str(edits)], env).stdout)


def bench_engine(engine: str, requests: int, seconds: int, editions: list[int]) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="yearbook-bench-"))
    env = engine_env(engine, tmp)
    result = {"engine": engine, "runs": {}}
    try:
        manage(env, "migrate", "--noinput")
        result["import"] = timed_import(env)
        manage(env, "shell", "-c", "from yearbook.models import Edition; Edition.objects.update(status='published')")
        loaded = 1
        for n in editions:
            if n > loaded:
                t = time.perf_counter()
                manage(env, "generate_editions", str(n - loaded))
                result[f"generate_{n}_seconds"] = round(time.perf_counter() - t, 1)
                loaded = n
            pages = measure_pages(env, requests)
            urls = {k: v["url"] for k, v in pages["pages"].items()}
            pages["throughput"] = throughput(env, urls, seconds) if shutil.which("wrk") else {}
            result["runs"][n] = pages
            if n == max(editions):   # the searches again after a hundred admin edits, no maintenance run
                result["after_edits"] = measure_pages(env, requests, edits=EDITS)["search"]
            print(f"  {engine}, {n} edition(s): done", file=sys.stderr)
    finally:
        if engine == "postgres":
            subprocess.run([str(ROOT / ".ci" / "pgcluster"), "stop"], check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    return result


# The budgets of issue #6, checked on the cold render (page cache off), the stricter figure.
PAGE_BUDGET_MS = {1: 30, 50: 50}   # p95 server time per page type, by number of editions
SEARCH_BUDGET_MS = 50              # p95 of every search case with fifty editions
THROUGHPUT_RATIO = 0.5             # pages under gunicorn against the static file, same run


def budget_misses(results: list[dict]) -> list[str]:
    """Every figure outside its budget, in words; an empty list when all are within."""
    misses = []
    for r in results:
        engine, runs = r["engine"], r["runs"]
        ns = sorted(runs, key=int)
        for n in ns:
            limit = PAGE_BUDGET_MS.get(int(n), PAGE_BUDGET_MS[50])
            for name, v in runs[n]["pages"].items():
                if v["p95_ms"] > limit:
                    misses.append(f"{engine}, {n} edition(s): {name} p95 {v['p95_ms']} ms > {limit} ms")
            for name, v in runs[n]["search"].items():
                if int(n) >= 50 and v["p95_ms"] > SEARCH_BUDGET_MS:
                    misses.append(f"{engine}, {n} editions: search {name} p95 {v['p95_ms']} ms > {SEARCH_BUDGET_MS} ms")
            t = runs[n].get("throughput") or {}
            for name in THROUGHPUT_PAGES:
                if t and t[name] < THROUGHPUT_RATIO * t["static file"]:
                    misses.append(f"{engine}, {n} edition(s): {name} at {t[name] / t['static file']:.2f} of the "
                                  f"static file's rate < {THROUGHPUT_RATIO}")
        for name, v in (r.get("after_edits") or {}).items():
            if v["p95_ms"] > SEARCH_BUDGET_MS:
                misses.append(f"{engine}, after {EDITS} edits: search {name} p95 {v['p95_ms']} ms > "
                              f"{SEARCH_BUDGET_MS} ms")
        for group in ("pages", "search"):
            for name in runs[ns[0]][group]:
                counts = {n: runs[n][group][name]["queries"] for n in ns}
                if len(set(counts.values())) > 1:
                    misses.append(f"{engine}: {name} queries differ with the number of editions {counts}")
    return misses


def verdict(results: list[dict]) -> list[str]:
    misses = budget_misses(results)
    lines = ["## Budgets", "",
             f"Checked on the cold render: page p95 ≤ {PAGE_BUDGET_MS[1]} ms with one edition and ≤ "
             f"{PAGE_BUDGET_MS[50]} ms with fifty; search p95 ≤ {SEARCH_BUDGET_MS} ms with fifty, and after "
             f"{EDITS} admin edits; the same query "
             f"count with fifty editions as with one; home, person and section at ≥ {THROUGHPUT_RATIO} of the "
             "static file's rate.", ""]
    if misses:
        lines += ["**Outside the budget:**", ""] + [f"- {m}" for m in misses]
    else:
        lines.append("**Every figure is within its budget.**")
    return lines + [""]


def report(results: list[dict], args) -> str:
    lines = ["# Benchmarks", "",
             f"- date: {dt.date.today()}  ",
             f"- machine: {platform.node()}, {os.cpu_count()} cores, "
             f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, Python "
             f"{platform.python_version()}  ",
             f"- command: `python bench/run.py --requests {args.requests} --seconds {args.seconds}`", ""]
    for r in results:
        lines += [f"## {r['engine']}", "",
                  f"Import of one edition: {r['import']['seconds']} s, peak RSS {r['import']['peak_rss_mib']} MiB."
                  + "".join(f" Generating editions up to {k.split('_')[1]}: {v} s." for k, v in r.items()
                            if k.startswith("generate_")),
                  ""]
        runs = r["runs"]
        ns = sorted(runs, key=int)
        def cell(v):
            return (f"{v['p50_ms']} / {v['p95_ms']} ({v['queries']}) · cached {v['cached_p50_ms']} / "
                    f"{v['cached_p95_ms']} ({v['cached_queries']})")

        lines += ["Server time in ms, p50 / p95 (queries): rendered with the page cache off, then served from "
                  "the cache.", ""]
        head = "| page | " + " | ".join(f"{n} edition(s)" for n in ns) + " |"
        lines += [head, "|---|" + "---|" * len(ns)]
        for name in runs[ns[0]]["pages"]:
            lines.append(f"| {name} | " + " | ".join(cell(runs[n]["pages"][name]) for n in ns) + " |")
        lines += ["", "| search | " + " | ".join(f"{n} edition(s)" for n in ns) + " |", "|---|" + "---|" * len(ns)]
        for name in runs[ns[0]]["search"]:
            label = runs[ns[0]]["search"][name]["url"].split("=")[1]
            lines.append(f"| {name} `{label}` | " + " | ".join(cell(runs[n]["search"][name]) for n in ns) + " |")
        if r.get("after_edits"):
            lines += ["", f"| search after {EDITS} admin edits, {ns[-1]} editions, no ANALYZE | p50 / p95 (queries) |",
                      "|---|---|"]
            for name, v in r["after_edits"].items():
                label = v["url"].split("=")[1]
                lines.append(f"| {name} `{label}` | {v['p50_ms']} / {v['p95_ms']} ({v['queries']}) |")
        if runs[ns[0]].get("throughput"):
            lines += ["", "| gunicorn, 2 workers, wrk 16 connections | " +
                      " | ".join(f"{n} ed. req/s (ratio to static)" for n in ns) + " |", "|---|" + "---|" * len(ns)]
            for name in ["static file", *THROUGHPUT_PAGES]:
                cells = []
                for n in ns:
                    t = runs[n]["throughput"]
                    cells.append(f"{t[name]:.0f} ({t[name] / t['static file']:.2f})")
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
            lines.append("| worker RSS after load (MiB) | " +
                         " | ".join(str(runs[n]["throughput"]["worker_rss_mib"]) for n in ns) + " |")
        lines.append("")
    lines += verdict(results)
    lines += ["The load test (`make load`, bench/load.py) writes its figures to docs/load-test.md.", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--editions", default="1,50")
    parser.add_argument("--requests", type=int, default=50, help="requests per page type")
    parser.add_argument("--seconds", type=int, default=5, help="duration of each wrk run")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    manage({**os.environ}, "collectstatic", "--noinput", "-v0")
    editions = sorted(int(n) for n in args.editions.split(","))
    results = [bench_engine(e, args.requests, args.seconds, editions) for e in args.engines.split(",")]
    text = report(results, args)
    print(text)
    Path(args.output).parent.mkdir(exist_ok=True)
    Path(args.output).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
