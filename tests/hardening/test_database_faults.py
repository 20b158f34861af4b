"""Faults: a database that is down or read-only gives a clear page; PostgreSQL restarting costs
at most the requests in flight and the site recovers by itself."""
import os
import subprocess
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_database_down_gives_a_clear_503_page(client):
    with mock.patch("yearbook.selectors.editions.edition_list",
                    side_effect=OperationalError("could not connect to server: Connection refused")):
        response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    body = response.content.decode()
    assert "年鉴数据库暂时无法访问" in body and "Traceback" not in body and "Connection refused" not in body


def test_read_only_database_says_so(client):
    with mock.patch("yearbook.selectors.editions.edition_list",
                    side_effect=OperationalError("attempt to write a readonly database")):
        response = client.get("/")
    assert response.status_code == 503 and "只读" in response.content.decode()


def test_missing_sqlite_database_file_gives_503_not_a_traceback(tmp_path):
    """A server started on a database that is not there (never migrated) answers with the 503 page."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/missing.db", "DJANGO_ALLOWED_HOSTS": "testserver"}
    code = ("import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');django.setup();"
            "from django.test import Client;r=Client().get('/');print(r.status_code);"
            "print('年鉴数据库暂时无法访问' in r.content.decode())")
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", code], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["503", "True"], out.stderr[-2000:]


def _private_cluster() -> bool:
    data = Path(os.environ.get("PGCLUSTER_DIR", "/tmp/yearbook-pgcluster")) / "data" / "PG_VERSION"
    return connection.vendor == "postgresql" and data.exists()


@pytest.mark.pg_restart
@pytest.mark.django_db(transaction=True)
def test_postgresql_restart_costs_at_most_the_requests_in_flight(live_server, settings):
    if not _private_cluster():
        pytest.skip("needs the private PostgreSQL cluster of `make test-pg`")
    settings.PAGE_CACHE = False  # every request must reach the database
    url = live_server.url + "/people/"
    assert urllib.request.urlopen(url, timeout=10).status == 200
    subprocess.run([str(ROOT / ".ci" / "pgcluster"), "restart"], check=True, timeout=60)
    statuses = []
    for _ in range(5):
        try:
            statuses.append(urllib.request.urlopen(url, timeout=10).status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    connections.close_all()  # the test's own connection died with the restart too
    assert statuses[-4:] == [200] * 4, statuses   # recovered without restarting the site
    assert all(s in (200, 503) for s in statuses)  # never a 500
