"""Bounded load test: gunicorn (2 workers) on PostgreSQL, 127.0.0.1 only.

    python bench/load.py [--seconds 60] [--connections 32] [--engine postgres|sqlite]

Mixes the main public pages and searches (wrk with a Lua script picking a random
URL per request) and reports throughput, latency percentiles, errors and worker
memory before and after the run (growth would mean a leak).
"""
import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PY, ROOT, engine_env, free_port, manage, rss_mib, stop_server  # noqa: E402

PATHS = ["/", "/2021/", "/2021/大事记/", "/2021/大事记/?month=3", "/people/", "/people/张恒山/",
         "/agencies/", "/agencies/区统计局/", "/2021/经济管理/统计/", "/2021/社会生活/人力资源和社会保障/",
         "/2021/统计/", "/2021/统计/表1/", "/2021/先进模范/", "/2021/先进模范/?level=provincial",
         "/2021/文件/", "/search/?q=张恒山", "/search/?q=恒山", "/search/?q=zhs", "/search/?q=统计局",
         "/search/?q=融媒体中心", "/search/?q=zhanghengshan"]
LUA = """
local paths = {%s}
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""


def workers_rss(pid: int) -> list[float]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [round(rss_mib(int(p)), 1) for p in out]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--engine", default="postgres")
    parser.add_argument("--output", default=str(ROOT / "docs" / "load-test.md"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="yearbook-load-"))
    env = engine_env(args.engine, tmp)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_edition_fixture", "--if-empty")
        manage(env, "shell", "-c", "from yearbook.models import Edition; Edition.objects.update(status='published')")
        manage({**os.environ}, "collectstatic", "--noinput", "-v0")
        port = free_port()
        server = subprocess.Popen([PY, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
                                   "--log-level", "warning"], env=env, cwd=ROOT, start_new_session=True)
        try:
            time.sleep(2)
            base = f"http://127.0.0.1:{port}"
            for p in PATHS:  # warm up every page once, and check it answers
                code = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base + quote(p, "/?=&")],
                                      capture_output=True, text=True).stdout
                if code != "200":
                    raise SystemExit(f"{p} answered {code} before the run")
            before = workers_rss(server.pid)
            script = tmp / "mix.lua"
            script.write_text(LUA % ", ".join(f'"{quote(p, "/?=&")}"' for p in PATHS))
            out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
                                  "-s", str(script), base], capture_output=True, text=True, check=True).stdout
            after = workers_rss(server.pid)
        finally:
            stop_server(server)
    finally:
        if args.engine == "postgres":
            subprocess.run([str(ROOT / ".ci" / "pgcluster"), "stop"], check=False)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    total = re.search(r"(\d+) requests in", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    lines = [
        "# Load test", "",
        f"- date: {dt.date.today()}  ",
        f"- machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}  ",
        f"- command: `python bench/load.py --seconds {args.seconds} --connections {args.connections} "
        f"--engine {args.engine}`", "",
        f"gunicorn, 2 workers, {args.engine}, one edition; wrk on 127.0.0.1 with {args.connections} connections for "
        f"{args.seconds} s, {len(PATHS)} public pages and searches mixed at random:", "",
        f"- {total} requests, **{rps} req/s**",
        "- latency " + ", ".join(f"p{k} {latency.get(k, '?')}" for k in ("50", "75", "90", "99")),
        f"- errors: {errors.group(1) if errors else 0} non-2xx responses; socket errors: "
        f"{socket_errors.group(1) if socket_errors else 'none'}",
        f"- worker RSS (MiB) before {before}, after {after}", ""]
    text = "\n".join(lines)
    print(text)
    Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
