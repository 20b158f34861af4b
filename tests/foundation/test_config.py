"""The settings logic: environment in, settings out, one clear line on bad input."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import env as config

ROOT = Path(__file__).resolve().parents[2]


def test_default_database_is_a_sqlite_file_in_the_project(tmp_path):
    db = config.database({}, tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "db.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_relative_sqlite_path_is_under_the_project(tmp_path):
    db = config.database({"DATABASE_URL": "sqlite:///var/test.db"}, tmp_path)
    assert db["NAME"] == str(tmp_path / "var" / "test.db")


def test_postgres_url_selects_postgres_with_persistent_checked_connections(tmp_path):
    db = config.database({"DATABASE_URL": "postgres://u:p@db.example:5433/yb"}, tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == ("yb", "u", "p", "db.example", 5433)
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True
    assert db["TEST"]["TEMPLATE"] == "template0"


@pytest.mark.parametrize("url", ["mysql://x/y", "nonsense", "sqlite://", "postgres://host:5432/"])
def test_unusable_database_url_is_a_config_error(tmp_path, url):
    with pytest.raises(config.ConfigError, match="DATABASE_URL"):
        config.database({"DATABASE_URL": url}, tmp_path)


@pytest.mark.parametrize("value,expected", [(None, False), ("1", True), ("true", True), ("off", False), ("", False)])
def test_debug_flag(value, expected):
    env = {} if value is None else {"DJANGO_DEBUG": value}
    assert config.env_flag(env, "DJANGO_DEBUG") is expected


def test_debug_flag_rejects_garbage():
    with pytest.raises(config.ConfigError, match="DJANGO_DEBUG"):
        config.env_flag({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG")


def test_production_refuses_to_start_without_secret_key(tmp_path):
    with pytest.raises(config.ConfigError, match="DJANGO_SECRET_KEY must be set"):
        config.secret_key({}, tmp_path, production=True)


def test_local_run_generates_and_keeps_a_secret_key(tmp_path):
    first = config.secret_key({}, tmp_path, production=False)
    assert len(first) >= 50
    assert (tmp_path / ".secret_key").stat().st_mode & 0o077 == 0
    assert config.secret_key({}, tmp_path, production=False) == first


def test_allowed_hosts_from_environment():
    assert config.allowed_hosts({"DJANGO_ALLOWED_HOSTS": "a.org, b.org"}, False) == ["a.org", "b.org"]
    assert "127.0.0.1" in config.allowed_hosts({}, False)


def test_debug_is_off_in_the_running_settings(settings):
    assert settings.DEBUG is False


def _manage(env_extra, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_extra)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("env,message", [
    ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
    ({"DJANGO_ENV": "production"}, "DJANGO_SECRET_KEY must be set"),
])
def test_bad_configuration_stops_with_one_clear_line(env, message):
    result = _manage(env, "check")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("configuration error:") and message in result.stderr
    assert "Traceback" not in result.stderr
