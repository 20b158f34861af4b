"""Spreadsheet imports under load: the memory a worker needs for the largest sheet it accepts and for the hostile
sheets it refuses, and the time to import 1,000 events into the real edition, on SQLite and PostgreSQL.

    python bench/imports.py                 # both engines (PostgreSQL through .ci/pgcluster)
    python bench/imports.py --engine sqlite

Each measurement runs in a fresh process that goes through the admin's own import pages (upload, preview,
确认导入) with Django's test client, and reports its peak resident memory above what it held before the upload.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SOURCE = ROOT / "sources" / "jinchuan-yearbook-2021.txt"
HEADER = ["卷次", "日期", "精度", "内容", "相关人物", "相关机构"]


# -- the sheets ----------------------------------------------------------------------------------------

def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def event_rows(n: int, year: int = 2020, tag: str = "") -> list[list]:
    return [HEADER] + [[str(year + 1), f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", "",
                        f"区政府召开第{i + 1}次专题会议，研究部署重点工作{tag}" + "。" * (i % 40), "", ""]
                       for i in range(n)]


def declared_huge(extra_cells: bool) -> bytes:
    """15 KB declaring A1:XFD20000 (16,384 × 20,000 cells); with ``extra_cells`` it also holds a cell in the last
    column of every 1,000th row."""
    data = xlsx(event_rows(3))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                body = re.sub(rb"<dimension ref=\"[^\"]*\"/>", b'<dimension ref="A1:XFD20000"/>', body)
                if b"<dimension" not in body:
                    body = body.replace(b"<sheetData>", b'<dimension ref="A1:XFD20000"/><sheetData>', 1)
                if extra_cells:
                    rows = b"".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
                                    for r in range(1000, 20001, 1000))
                    body = body.replace(b"</sheetData>", rows + b"</sheetData>")
            dst.writestr(item, body)
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>0</t></si>" * 8_000_000 + b"</sst>")
    return out.getvalue()


def sheets(tmp: Path) -> dict[str, Path]:
    from yearbook.sheets import Limits

    limits = Limits()
    made = {
        "largest accepted (5,000 rows × 6 columns)": xlsx(event_rows(limits.rows)),
        "declared 16,384 × 20,000, 3 rows (15 KB)": declared_huge(False),
        "declared 16,384 × 20,000, cells in the last column": declared_huge(True),
        "20,000 rows": xlsx(event_rows(20_000)),
        "zip bomb (128 MB of shared strings)": zip_bomb(),
    }
    paths = {}
    for i, (name, data) in enumerate(made.items()):
        path = tmp / f"sheet{i}.xlsx"
        path.write_bytes(data)
        paths[name] = path
    return paths


# -- one measurement in a fresh process ----------------------------------------------------------------

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, ".")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from tests.admin.helpers import form_data
from yearbook.models import Edition

setup_test_environment()
from django.conf import settings
settings.STORAGES = {**settings.STORAGES,   # pages render without collectstatic
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
mode, path = sys.argv[1], sys.argv[2]
call_command("create_roles", verbosity=0)
user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
user.groups.add(Group.objects.get(name="编辑"))
if mode == "events":
    call_command("import_yearbook", str(sys.argv[3]), verbosity=0)
elif not Edition.objects.filter(year=2021).exists():
    Edition.objects.create(year=2021, covers_year=2020, title="金川区年鉴 2021")
client = Client()
client.force_login(user)
url = "/admin/chronicle/event/import/"
data = form_data(client.get(url))
data.update(format="1", import_file=SimpleUploadedFile("sheet.xlsx", open(path, "rb").read()))
def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])   # KiB
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")   # the peak (VmHWM) starts again from the present
before = status("VmRSS")
t = time.perf_counter()
preview = client.post(url, data)
preview_s = time.perf_counter() - t
html = preview.content.decode()
result = {"status": preview.status_code, "peak_mib": round(status("VmHWM") / 1024),
          "grew_mib": round((status("VmHWM") - before) / 1024, 1),
          "preview_s": round(preview_s, 2), "accepted": 'id="confirm-import-form"' in html}
import re
error = re.search(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', html, re.S)
result["message"] = re.sub(r"<[^>]+>", "", error.group(1))[:90] if error else ""
if mode == "events" and result["accepted"]:
    from chronicle.models import Event
    n = Event.objects.count()
    t = time.perf_counter()
    done = client.post("/admin/chronicle/event/process_import/", form_data(preview, "confirm-import-form"))
    result["confirm_s"] = round(time.perf_counter() - t, 2)
    result["peak_mib"] = round(status("VmHWM") / 1024)
    result["imported"] = Event.objects.count() - n
    result["confirm_status"] = done.status_code
print(json.dumps(result, ensure_ascii=False))
"""


OLD_READER = r"""
import resource, sys, time, django
django.setup()
from import_export.formats.base_formats import XLSX
t = time.perf_counter()
try:
    XLSX().create_dataset(open(sys.argv[1], "rb").read())
    outcome = "read"
except MemoryError:
    outcome = "MemoryError at the cap"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{outcome} after {time.perf_counter() - t:.1f} s, peak RSS {peak} MiB")
"""


def old_reader(path: Path, cap_mib: int = 1500) -> str:
    """The reader the admin used before (django-import-export's XLSX, openpyxl padding every row to the declared
    width), under a memory cap so that the measurement cannot take the machine down."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run(["bash", "-c", f'ulimit -v {cap_mib * 1024}; exec "$0" -c "$1" "$2"', PY, OLD_READER,
                          str(path)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    return (out.stdout.strip() or out.stderr.strip().splitlines()[-1])[:120]


def engine_env(engine: str, tmp: Path) -> dict:
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "DJANGO_DEBUG": "0",
           "DJANGO_PAGE_CACHE": "0", "DJANGO_IMPORT_TEMP_DIR": str(tmp / "imports")}
    env.pop("DJANGO_ENV", None)
    if engine == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp}/imports.db"
        return env
    url = subprocess.run([str(ROOT / ".ci" / "pgcluster"), "start"], check=True, capture_output=True,
                         text=True).stdout.strip()
    admin = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", "DROP DATABASE IF EXISTS bench_imports"], check=True)
    subprocess.run(["psql", admin, "-qc", "CREATE DATABASE bench_imports LOCALE 'C.UTF-8' TEMPLATE template0"],
                   check=True)
    env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/bench_imports"
    return env


def measure(env, mode: str, path: Path) -> dict:
    out = subprocess.run([PY, "-c", CHILD, mode, str(path), str(SOURCE)], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"measuring {path.name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_engine(engine: str, tmp: Path, paths: dict) -> list[str]:
    env = engine_env(engine, tmp)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    lines = [f"## {engine}", "", "| sheet | answer | worker's peak RSS (MiB) | of which for this sheet | preview (s) |",
             "|---|---|---|---|---|"]
    for name, path in paths.items():
        r = measure(env, "sheet", path)
        answer = "accepted" if r["accepted"] else (f"refused: {r['message']}" if r["message"] else f"HTTP {r['status']}")
        lines.append(f"| {name} | {answer} | {r['peak_mib']} | +{r['grew_mib']} | {r['preview_s']} |")
    events = tmp / "events-1000.xlsx"
    events.write_bytes(xlsx(event_rows(1000, tag="（导入测试）")))
    r = measure(env, "events", events)
    lines += ["", f"1,000 events into the real 2021 edition (~{r.get('imported', 0)} imported): preview "
                  f"{r['preview_s']} s, 确认导入 {r.get('confirm_s', '—')} s (HTTP {r.get('confirm_status')}), "
                  f"worker's peak RSS {r['peak_mib']} MiB", ""]
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = sheets(tmp)
        report = ["# Spreadsheet imports", "", "Generated by `bench/imports.py`.", ""]
        hostile = next(path for name, path in paths.items() if "last column" in name)
        report += [f"Before (django-import-export's own XLSX reader) on the {hostile.stat().st_size // 1024} KB sheet "
                   f"with cells in the last column: {old_reader(hostile)} (capped at 1,500 MiB).", ""]
        for engine in engines:
            report += bench_engine(engine, tmp, paths)
            print("\n".join(report[-(len(paths) + 8):]), flush=True)
        if "postgresql" in engines:
            subprocess.run([str(ROOT / ".ci" / "pgcluster"), "stop"], check=False)
    (ROOT / "docs" / "imports.md").write_text("\n".join(report) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
